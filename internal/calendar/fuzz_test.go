package calendar_test

import (
	"slices"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
)

func FuzzAddWorkingDays(f *testing.F) {
	// Seeds: the interesting receipts of the table tests, as Unix seconds.
	for _, s := range []struct {
		t    time.Time
		n    int
		cuti bool
	}{
		{at(2026, 3, 13, 10, 0, 0), 10, true},
		{at(2026, 3, 19, 10, 0, 0), 10, false},
		{at(2026, 10, 5, 16, 0, 0), 10, true},
		{at(2026, 10, 10, 9, 0, 0), 30, true},
		{at(2026, 12, 31, 16, 0, 0), 14, true},
		{at(2025, 12, 22, 10, 0, 0), 100, false},
		{time.Date(2026, 3, 12, 20, 0, 0, 0, time.UTC), 7, true},
	} {
		f.Add(s.t.Unix(), s.n, s.cuti)
	}
	extra := []calendar.Holiday{{Date: day(2026, 10, 6), Name: "Hari Jadi Kota Contoh", Kind: calendar.Regional}, {Date: day(2026, 10, 10), Name: "Hari Jadi Kota Contoh", Kind: calendar.Regional}}
	cals := map[bool]*calendar.Calendar{false: newTestCal(false, extra...), true: newTestCal(true, extra...)}
	hols := oracleHolidays(cals[true], cals[true].Holidays())
	base := at(2024, 6, 1, 0, 0, 0).Unix()
	const window = 4 * 366 * 24 * 3600 // mid-2024 to mid-2028: unloaded years on both sides

	f.Fuzz(func(t *testing.T, sec int64, n int, cuti bool) {
		c := cals[cuti]
		recv := time.Unix(base+int64(calendar.FloorMod(int(sec%window), window)), 0).UTC()
		n = 1 + calendar.FloorMod(n, 150)

		local := calendar.DateOf(recv.In(wib))
		d0, notes := c.StartDay(recv)
		if !c.IsWorkingDay(d0) || !refWorking(d0, hols, cuti) {
			t.Fatalf("D0 %v for %v is not a working day", d0, recv)
		}
		if d0.Before(local) {
			t.Fatalf("D0 %v before local receipt date %v", d0, local)
		}
		if moved := d0 != local; moved != (len(notes) == 1) {
			t.Fatalf("D0 %v from %v: notes %q", d0, local, notes)
		}
		// D0 is the first working day it may be: nothing working lies strictly between.
		for d := local.AddDays(1); d.Before(d0); d = d.AddDays(1) {
			if refWorking(d, hols, cuti) {
				t.Fatalf("D0 %v skips working day %v", d0, d)
			}
		}

		s := c.AddWorkingDays(d0, n)
		if !s.Due.After(d0) {
			t.Fatalf("due %v not after D0 %v", s.Due, d0)
		}
		if !refWorking(s.Due, hols, cuti) {
			t.Fatalf("due %v is not a working day", s.Due)
		}
		count := 0
		var skipped []calendar.Date
		for d := d0.AddDays(1); !d.After(s.Due); d = d.AddDays(1) {
			if refWorking(d, hols, cuti) {
				count++
			} else if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
				skipped = append(skipped, d)
			}
		}
		if count != n {
			t.Fatalf("(%v, %v] holds %d working days, want %d", d0, s.Due, count, n)
		}
		if got := c.WorkingDaysBetween(d0, s.Due); got != n {
			t.Fatalf("WorkingDaysBetween = %d, want %d", got, n)
		}
		assertDates(t, "skipped", dates(s.Skipped), skipped)
		var years []int
		for y := d0.Year; y <= s.Due.Year; y++ {
			if !c.HasYear(y) {
				years = append(years, y)
			}
		}
		if len(s.Warnings) != len(years) || len(slices.Compact(slices.Clone(s.Warnings))) != len(s.Warnings) {
			t.Fatalf("warnings %q for unloaded years %v", s.Warnings, years)
		}
	})
}
