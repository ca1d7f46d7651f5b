package transparency

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/calendar/caltest"
)

func d(y int, m time.Month, day int) calendar.Date { return calendar.NewDate(y, m, day) }

// testCal is the official 2025–2026 calendar the cases below cross.
func testCal(cutiBersama bool) *calendar.Calendar {
	return caltest.Calendar(calendar.Options{CutiBersamaIsHoliday: cutiBersama})
}

func TestStatisticsDaysTakenBetweenHolidays(t *testing.T) {
	tests := []struct {
		name         string
		cuti         bool
		from, notice calendar.Date
		want         int
	}{
		{"same day", true, d(2026, 3, 13), d(2026, 3, 13), 0},
		{"notice before D0", true, d(2026, 3, 16), d(2026, 3, 13), 0},
		{"next working day", true, d(2026, 3, 13), d(2026, 3, 16), 1},
		{"over a weekend", true, d(2026, 10, 9), d(2026, 10, 12), 1},
		// Fri 13 Mar → Mon 6 Apr 2026: Nyepi, Idulfitri, its cuti bersama and Good Friday skipped.
		{"Nyepi and Idulfitri", true, d(2026, 3, 13), d(2026, 4, 6), 10},
		{"Nyepi and Idulfitri, cuti bersama worked", false, d(2026, 3, 13), d(2026, 4, 6), 14},
		// Across the year: 29, 30, 31 Dec, (1 Jan holiday), 2, 5 Jan.
		{"year boundary", true, d(2025, 12, 24), d(2026, 1, 5), 5},
		{"notice on a Saturday counts to Friday", true, d(2026, 10, 5), d(2026, 10, 10), 4},
	}
	for _, tt := range tests {
		if got := DaysTaken(testCal(tt.cuti), tt.from, tt.notice); got != tt.want {
			t.Errorf("%s: DaysTaken(%v, %v) = %d, want %d", tt.name, tt.from, tt.notice, got, tt.want)
		}
	}
}

func TestMedian(t *testing.T) {
	tests := []struct {
		xs   []int
		want float64
		ok   bool
	}{
		{nil, 0, false},
		{[]int{7}, 7, true},
		{[]int{9, 1, 5}, 5, true},
		{[]int{4, 10, 1, 3}, 3.5, true},
		{[]int{2, 2, 2, 2}, 2, true},
		{[]int{0, 17}, 8.5, true},
	}
	for _, tt := range tests {
		in := append([]int(nil), tt.xs...)
		got, ok := Median(tt.xs)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Median(%v) = %v, %v; want %v, %v", tt.xs, got, ok, tt.want, tt.ok)
		}
		for i := range in {
			if in[i] != tt.xs[i] {
				t.Fatalf("Median sorted its input: %v", tt.xs)
			}
		}
	}
}

func TestMedianOfCountsMatchesMedian(t *testing.T) {
	if _, ok := MedianOfCounts(nil); ok {
		t.Error("median of nothing")
	}
	if _, ok := MedianOfCounts([]Count{{Value: 3, N: 0}, {Value: 4, N: -2}}); ok {
		t.Error("median of zero counts")
	}
	if got, _ := MedianOfCounts([]Count{{Value: 10, N: 1}, {Value: 2, N: 3}}); got != 2 {
		t.Errorf("median of 2,2,2,10 = %v, want 2", got)
	}
	if got, _ := MedianOfCounts([]Count{{Value: 10, N: 2}, {Value: 2, N: 2}}); got != 6 {
		t.Errorf("median of 2,2,10,10 = %v, want 6", got)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		var counts []Count
		var flat []int
		for range r.IntN(8) {
			c := Count{Value: r.IntN(30), N: r.IntN(5)}
			counts = append(counts, c)
			for range c.N {
				flat = append(flat, c.Value)
			}
		}
		want, wantOK := Median(flat)
		got, ok := MedianOfCounts(counts)
		if got != want || ok != wantOK {
			t.Fatalf("MedianOfCounts(%v) = %v, %v; Median = %v, %v", counts, got, ok, want, wantOK)
		}
	}
}

func TestStatisticsOnTimeRate(t *testing.T) {
	tests := []struct {
		onTime, late, overdue int
		want                  float64
		ok                    bool
	}{
		{0, 0, 0, 0, false},
		{3, 1, 0, 0.75, true},
		{3, 0, 1, 0.75, true},
		{0, 2, 2, 0, true},
		{5, 0, 0, 1, true},
	}
	for _, tt := range tests {
		got, ok := OnTimeRate(tt.onTime, tt.late, tt.overdue)
		if got != tt.want || ok != tt.ok {
			t.Errorf("OnTimeRate(%d, %d, %d) = %v, %v; want %v, %v", tt.onTime, tt.late, tt.overdue, got, ok, tt.want, tt.ok)
		}
	}
}
