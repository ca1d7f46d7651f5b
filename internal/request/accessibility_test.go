package request

import (
	"slices"
	"testing"
)

// Perki 1/2021 Pasal 5(5), 24: accessible forms are optional, coded, and "lainnya" is described.
func TestAccessibilityNeeds(t *testing.T) {
	for _, tc := range []struct {
		name  string
		needs []string
		note  string
		want  []string // normalised needs
		err   string   // the field with an error, "" for none
	}{
		{"none", nil, "", nil, ""},
		{"braille and audio", []string{" braille", "audio", "braille"}, "", []string{"braille", "audio"}, ""},
		{"unknown code", []string{"telepati"}, "", []string{"telepati"}, "accessibility.needs"},
		{"other without a note", []string{"lainnya"}, "", []string{"lainnya"}, "accessibility.note"},
		{"a note adds other", []string{"huruf_besar"}, "Dokumen untuk pembaca layar", []string{"huruf_besar", "lainnya"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := validSubmission()
			s.Accessibility, s.AccessibilityNote = tc.needs, tc.note
			s.Normalize()
			if !slices.Equal(s.Accessibility, tc.want) {
				t.Errorf("needs %q, want %q", s.Accessibility, tc.want)
			}
			errs := s.Validate()
			if tc.err == "" && len(errs) > 0 {
				t.Errorf("errors %v", errs)
			}
			if tc.err != "" && errs[tc.err] == "" {
				t.Errorf("no error on %s: %v", tc.err, errs)
			}
		})
	}
	if got := AccessibilityText([]string{"lainnya", "braille"}, "pembaca layar"); got != "Huruf braille; Lainnya: pembaca layar" {
		t.Errorf("text %q", got)
	}
}
