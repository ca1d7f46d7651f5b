package calendar

import (
	"slices"
	"testing"
	"time"
)

var wib = mustLoad("Asia/Jakarta")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// newTestCal builds the 2025–2026 calendar in Asia/Jakarta, closing at 16:00, plus extra holidays.
func newTestCal(cuti bool, extra ...Holiday) *Calendar {
	return New(append(slices.Clone(testHolidays), extra...), testYears, Options{CutiBersamaIsHoliday: cuti})
}

// at is a local time in Asia/Jakarta.
func at(y int, m time.Month, d, hh, mm, ss int) time.Time {
	return time.Date(y, m, d, hh, mm, ss, 0, wib)
}

func day(y int, m time.Month, d int) Date { return Date{y, m, d} }

// refWorking is an independent oracle: a day-by-day check through the time package.
func refWorking(d Date, hols []Holiday, cuti bool) bool {
	wd := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Weekday()
	if wd == time.Saturday || wd == time.Sunday {
		return false
	}
	for _, h := range hols {
		if h.Date == d && (h.Kind != JointLeave || cuti) {
			return false
		}
	}
	return true
}

// refNth walks day by day to the n-th working day strictly after d0.
func refNth(d0 Date, n int, hols []Holiday, cuti bool) Date {
	d := d0
	for n > 0 {
		d = NewDate(d.Year, d.Month, d.Day+1)
		if refWorking(d, hols, cuti) {
			n--
		}
	}
	return d
}

func dates(ss []Skipped) []Date {
	var out []Date
	for _, s := range ss {
		out = append(out, s.Date)
	}
	return out
}

func assertDates(t *testing.T, what string, got, want []Date) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}
