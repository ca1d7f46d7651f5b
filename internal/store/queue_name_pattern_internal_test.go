package store

import "testing"

// TestNameIndexPatternKeepsEveryName: the trigram pattern a name search looks up must match every
// name that contains the query (strpos then keeps the exact ones), while a long word is looked up
// by its two ends only.
func TestNameIndexPatternKeepsEveryName(t *testing.T) {
	for q, want := range map[string]string{
		"Wulan Siregar":  "%Wulan%Sir%gar%",
		"udi sant":       "%udi%sant%",
		"Ñoño Ibáñezxyz": "%Ñoño%Ibá%xyz%",
		"a_b%":           "%a%b%",
		"  ":             "%  %",
		"siregar":        "%sir%gar%",
		"santos":         "%san%tos%",
	} {
		if got := nameIndexPattern(q); got != want {
			t.Errorf("nameIndexPattern(%q) = %q, want %q", q, got, want)
		}
	}
}
