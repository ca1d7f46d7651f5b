package numbering

import (
	"testing"
	"time"
)

func TestMatch(t *testing.T) {
	f, _ := Parse(DefaultPattern)
	for _, tc := range []struct {
		number string
		year   int
		month  time.Month
		seq    int
		ok     bool
	}{
		{"0012/PPID/XI/2026", 2026, time.November, 12, true},
		{"12345/PPID/XI/2026", 2026, time.November, 12345, true},
		{"0012/PPID/X/2026", 2026, time.November, 0, false}, // another month's number
		{"0012/PPID/XI/2025", 2026, time.November, 0, false},
		{"12/PPID/BP-TPR/XI/2026", 2026, time.November, 0, false}, // another office's format
		{"0000/PPID/XI/2026", 2026, time.November, 0, false},
		{"x0012/PPID/XI/2026", 2026, time.November, 0, false},
	} {
		seq, ok := f.Match(tc.number, tc.year, tc.month)
		if seq != tc.seq || ok != tc.ok {
			t.Errorf("Match(%q) = %d, %v; want %d, %v", tc.number, seq, ok, tc.seq, tc.ok)
		}
	}
	g, _ := Parse("REG.{year}.{seq}")
	if seq, ok := g.Match("REG.2026.7", 2026, time.March); !ok || seq != 7 {
		t.Errorf("dots are literal: %d %v", seq, ok)
	}
	if _, ok := g.Match("REGx2026x7", 2026, time.March); ok {
		t.Error("a literal dot matched any character")
	}
}
