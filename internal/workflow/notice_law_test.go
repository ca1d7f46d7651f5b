package workflow_test

import (
	"testing"

	"github.com/terbuka-id/terbuka/internal/request"
)

// Pasal 22(7) b: a "not held" notice names the holder, or says, with the reason, that it is not
// known after inquiry — never a bare "not known".
func TestNotHeldNamesTheHolderOrWhyNot(t *testing.T) {
	t.Parallel()
	c := refCase("diproses")
	notice := wib(2026, 3, 10, 10, 0)
	for _, tc := range []struct {
		name, body, why string
		wantKey         string
	}{
		{"body named", "Badan Pertanahan Nasional", "", ""},
		{"unknown with reason", "", "Ditanyakan ke Dinas PU dan BPN; keduanya tidak menguasai data tersebut.", ""},
		{"neither", "", "", "holding_body"},
		{"blank body and blank reason", "  ", " \n", "holding_body"},
		{"reason too short", "", "entah", "holding_unknown_reason"},
		{"both", "Badan Pertanahan Nasional", "Tidak diketahui setelah penelusuran panjang.", "holding_unknown_reason"},
	} {
		d := completeDecision(request.StatusNotHeld, notice)
		d.HoldingBody, d.HoldingUnknownReason = tc.body, tc.why
		errs := d.Validate(c, notice)
		if tc.wantKey == "" {
			if len(errs) != 0 {
				t.Errorf("%s: errors %v, want none", tc.name, errs)
			}
			continue
		}
		if len(errs) != 1 || errs[tc.wantKey] == "" {
			t.Errorf("%s: errors %v, want one on %s", tc.name, errs, tc.wantKey)
		}
	}
}
