package calendar_test

import (
	"slices"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/calendar/caltest"
)

// These tests sit in package calendar_test because caltest imports calendar; an internal test
// importing it would be an import cycle.

var (
	wib = calendar.WIB
	day = calendar.NewDate
)

// newTestCal builds the 2025–2026 calendar in Asia/Jakarta, closing at 16:00, plus extra holidays.
func newTestCal(cuti bool, extra ...calendar.Holiday) *calendar.Calendar {
	return calendar.New(append(caltest.Holidays(), extra...), caltest.Years(), calendar.Options{CutiBersamaIsHoliday: cuti})
}

// at is a local time in Asia/Jakarta.
func at(y int, m time.Month, d, hh, mm, ss int) time.Time {
	return time.Date(y, m, d, hh, mm, ss, 0, wib)
}

// oracleHolidays is what an office with cal counts as holidays in 2017–2199: the given ones plus,
// for each year without SKB, the seven days fixed by law (built from FixedHolidays, not from New).
func oracleHolidays(cal *calendar.Calendar, given []calendar.Holiday) []calendar.Holiday {
	out := slices.Clone(given)
	for y := 2017; y <= 2199; y++ {
		if !cal.HasYear(y) {
			out = append(out, calendar.FixedHolidays(y)...)
		}
	}
	return out
}

// refWorking is an independent oracle: a day-by-day check through the time package.
func refWorking(d calendar.Date, hols []calendar.Holiday, cuti bool) bool {
	wd := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Weekday()
	if wd == time.Saturday || wd == time.Sunday {
		return false
	}
	for _, h := range hols {
		if h.Date == d && (h.Kind != calendar.JointLeave || cuti) {
			return false
		}
	}
	return true
}

// refNth walks day by day to the n-th working day strictly after d0.
func refNth(d0 calendar.Date, n int, hols []calendar.Holiday, cuti bool) calendar.Date {
	d := d0
	for n > 0 {
		d = calendar.NewDate(d.Year, d.Month, d.Day+1)
		if refWorking(d, hols, cuti) {
			n--
		}
	}
	return d
}

func dates(ss []calendar.Skipped) []calendar.Date {
	var out []calendar.Date
	for _, s := range ss {
		out = append(out, s.Date)
	}
	return out
}

func assertDates(t *testing.T, what string, got, want []calendar.Date) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}
