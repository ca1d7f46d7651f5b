package letters

import (
	"strings"
	"testing"
)

// Perki 1/2021 Pasal 24: the receipt and the written notice name the accessible form the
// requester asked for; a letter without one shows no such row.
func TestLettersNameTheAccessibleForm(t *testing.T) {
	for _, k := range []struct {
		kind     Kind
		decision string
	}{{Receipt, ""}, {Notice, decisionGranted}, {Notice, decisionPartial}} {
		l := base(t, k.kind, k.decision)
		l.Accessibility = "Huruf braille; Lainnya: dokumen untuk pembaca layar"
		h, err := RenderHTML(l)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(h), accessibilityLabel) || !strings.Contains(string(h), "Huruf braille; Lainnya: dokumen untuk pembaca layar") {
			t.Errorf("%s %s: the accessible form is missing", k.kind, k.decision)
		}
		l.Accessibility = ""
		if h, _ := RenderHTML(l); strings.Contains(string(h), accessibilityLabel) {
			t.Errorf("%s %s: an empty accessibility row is shown", k.kind, k.decision)
		}
	}
}
