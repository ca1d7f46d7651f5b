package password

import "testing"

func TestCommon(t *testing.T) {
	for p, want := range map[string]bool{
		"123456789012":       false, // not in the list; the length rule is the caller's
		"qwerty123456":       true,
		"QAZWSXEDCRFV":       true,
		"indonesia123":       true,
		"Bismillah2025!":     true,
		"sayangkamu12345":    true,
		"alhamdulillah":      true,
		"password12345678":   true,
		"kopi tubruk senja":  false,
		"Rapat-Dinas-Kamis7": false,
		"":                   false,
	} {
		if got := Common(p); got != want {
			t.Errorf("Common(%q) = %v, want %v", p, got, want)
		}
	}
}
