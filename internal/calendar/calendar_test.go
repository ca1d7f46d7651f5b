package calendar_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/calendar/caltest"
)

func TestStartDay(t *testing.T) {
	tests := []struct {
		name string
		cuti bool
		at   time.Time
		want calendar.Date
		note string // "" means D0 did not move
	}{
		// Mon 5 Oct 2026 is an ordinary working day.
		{"weekday morning", true, at(2026, 10, 5, 10, 0, 0), day(2026, 10, 5), ""},
		{"opening midnight", true, at(2026, 10, 5, 0, 0, 0), day(2026, 10, 5), ""},
		{"one second before closing", true, at(2026, 10, 5, 15, 59, 59), day(2026, 10, 5), ""},
		{"last nanosecond before closing", true, at(2026, 10, 5, 15, 59, 59).Add(999999999), day(2026, 10, 5), ""},
		// At 16:00:00 sharp the office is closed: D0 is Tue 6 Oct.
		{"exactly closing", true, at(2026, 10, 5, 16, 0, 0), day(2026, 10, 6), "diterima setelah jam layanan (16:00)"},
		{"evening", true, at(2026, 10, 5, 23, 59, 0), day(2026, 10, 6), "diterima setelah jam layanan (16:00)"},
		// Fri 9 Oct after closing: Sat and Sun pass, D0 is Mon 12 Oct.
		{"friday after closing", true, at(2026, 10, 9, 16, 30, 0), day(2026, 10, 12), "diterima setelah jam layanan (16:00)"},
		{"saturday", true, at(2026, 10, 10, 9, 0, 0), day(2026, 10, 12), "diterima pada akhir pekan (Sabtu)"},
		{"sunday", true, at(2026, 10, 11, 9, 0, 0), day(2026, 10, 12), "diterima pada akhir pekan (Minggu)"},
		// 2026-03-12T20:00:00Z is Fri 13 March 03:00 WIB: the Jakarta date counts, before closing.
		{"UTC evening is next local morning", true, time.Date(2026, 3, 12, 20, 0, 0, 0, time.UTC), day(2026, 3, 13), ""},
		// 08:59:59Z is 15:59:59 WIB on Thu 12 March: still open.
		{"UTC just before local closing", true, time.Date(2026, 3, 12, 8, 59, 59, 0, time.UTC), day(2026, 3, 12), ""},
		// 09:00:00Z is 16:00 WIB: closed, D0 is Fri 13 March.
		{"UTC at local closing", true, time.Date(2026, 3, 12, 9, 0, 0, 0, time.UTC), day(2026, 3, 13), "diterima setelah jam layanan (16:00)"},
		// 17:30 WIT (+09:00) is 15:30 WIB: open.
		{"other Indonesian zone", true, time.Date(2026, 10, 5, 17, 30, 0, 0, time.FixedZone("WIT", 9*3600)), day(2026, 10, 5), ""},
		// Nyepi Thu 19 Mar; 20 cuti, 21–22 weekend (Idulfitri), 23–24 cuti: D0 is Wed 25 Mar.
		{"on Nyepi", true, at(2026, 3, 19, 10, 0, 0), day(2026, 3, 25), "diterima pada hari libur: Hari Suci Nyepi Tahun Baru Saka 1948"},
		// Without cuti bersama, Fri 20 Mar is a working day.
		{"on Nyepi, cuti bersama worked", false, at(2026, 3, 19, 10, 0, 0), day(2026, 3, 20), "diterima pada hari libur: Hari Suci Nyepi Tahun Baru Saka 1948"},
		// Sun 22 Mar is both weekend and Idulfitri: the holiday name is the reason.
		{"holiday on a sunday", true, at(2026, 3, 22, 10, 0, 0), day(2026, 3, 25), "diterima pada hari libur: Idulfitri 1447 Hijriah"},
		// Cuti bersama Wed 18 Mar when it is a working day: no move.
		{"cuti bersama worked", false, at(2026, 3, 18, 10, 0, 0), day(2026, 3, 18), ""},
		// Thu 24 Dec cuti, Fri 25 Christmas, weekend: D0 is Mon 28 Dec.
		{"christmas eve", true, at(2026, 12, 24, 9, 0, 0), day(2026, 12, 28), "diterima pada hari libur: Cuti bersama Kelahiran Yesus Kristus"},
		// Thu 31 Dec 2026 after closing: Fri 1 Jan 2027 is a provisional holiday (no SKB yet), D0 Mon 4 Jan.
		{"new year's eve after closing", true, at(2026, 12, 31, 16, 0, 0), day(2027, 1, 4), "diterima setelah jam layanan (16:00)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, notes := newTestCal(tt.cuti).StartDay(tt.at)
			if got != tt.want {
				t.Errorf("D0 = %v, want %v", got, tt.want)
			}
			var want []string
			if tt.note != "" {
				want = []string{tt.note}
			}
			if !slices.Equal(notes, want) {
				t.Errorf("notes = %q, want %q", notes, want)
			}
		})
	}
}

func TestStartDayOptions(t *testing.T) {
	// An office in Makassar (WITA, +08:00) closing at 15:30.
	c := calendar.New(caltest.Holidays(), caltest.Years(), calendar.Options{Location: calendar.MustLoad("Asia/Makassar"), ClosesAt: 15*time.Hour + 30*time.Minute, CutiBersamaIsHoliday: true})
	// 07:15Z is 15:15 WITA on Mon 5 Oct: open.
	if d, _ := c.StartDay(time.Date(2026, 10, 5, 7, 15, 0, 0, time.UTC)); d != day(2026, 10, 5) {
		t.Errorf("15:15 WITA: D0 = %v, want 2026-10-05", d)
	}
	// 07:30Z is 15:30 WITA: closed although it is only 14:30 in Jakarta.
	d, notes := c.StartDay(time.Date(2026, 10, 5, 7, 30, 0, 0, time.UTC))
	if d != day(2026, 10, 6) || !slices.Equal(notes, []string{"diterima setelah jam layanan (15:30)"}) {
		t.Errorf("15:30 WITA: D0 = %v %q, want 2026-10-06 after hours (15:30)", d, notes)
	}
	if c.Location().String() != "Asia/Makassar" || c.ClosesAt() != 15*time.Hour+30*time.Minute {
		t.Error("options not kept")
	}
	def := calendar.New(nil, nil, calendar.Options{})
	if def.Location().String() != "Asia/Jakarta" || def.ClosesAt() != 16*time.Hour {
		t.Errorf("defaults = %v %v, want Asia/Jakarta 16h", def.Location(), def.ClosesAt())
	}
}

// TestRequestDeadlines runs the written-notice clock (D0 by StartDay, then 10 working days)
// through every 2026 holiday cluster.
func TestRequestDeadlines(t *testing.T) {
	tests := []struct {
		name     string
		cuti     bool
		at       time.Time
		d0, due  calendar.Date
		skipped  []calendar.Date
		warnings int
	}{
		// Mon 5 Oct, no holidays in Oct: 10 WD is two weeks on, Mon 19 Oct.
		{"plain weekdays", true, at(2026, 10, 5, 10, 0, 0), day(2026, 10, 5), day(2026, 10, 19), nil, 0},
		{"15:59:59 counts the same day", true, at(2026, 10, 5, 15, 59, 59), day(2026, 10, 5), day(2026, 10, 19), nil, 0},
		// From Tue 6 Oct, two weeks on is Tue 20 Oct.
		{"16:00:00 starts next day", true, at(2026, 10, 5, 16, 0, 0), day(2026, 10, 6), day(2026, 10, 20), nil, 0},
		{"after 16:00 starts next day", true, at(2026, 10, 5, 19, 0, 0), day(2026, 10, 6), day(2026, 10, 20), nil, 0},
		// Sat/Sun 10–11 Oct: D0 Mon 12 Oct, due Mon 26 Oct.
		{"received saturday", true, at(2026, 10, 10, 9, 0, 0), day(2026, 10, 12), day(2026, 10, 26), nil, 0},
		{"received sunday", true, at(2026, 10, 11, 21, 0, 0), day(2026, 10, 12), day(2026, 10, 26), nil, 0},
		// D0 Mon 5 Jan: 6,7,8,9,12,13,14,15 (8), Fri 16 Isra Mikraj, 19 (9), 20 (10).
		{"Isra Mikraj", true, at(2026, 1, 5, 10, 0, 0), day(2026, 1, 5), day(2026, 1, 20), []calendar.Date{day(2026, 1, 16)}, 0},
		// D0 Mon 2 Feb: 3,4,5,6,9,10,11,12,13 (9), 16 cuti Imlek, 17 Imlek, Wed 18 (10).
		{"Imlek", true, at(2026, 2, 2, 10, 0, 0), day(2026, 2, 2), day(2026, 2, 18), []calendar.Date{day(2026, 2, 16), day(2026, 2, 17)}, 0},
		// Cuti worked: Mon 16 Feb is the 10th.
		{"Imlek, cuti bersama worked", false, at(2026, 2, 2, 10, 0, 0), day(2026, 2, 2), day(2026, 2, 16), nil, 0},
		// Received on Imlek Tue 17 Feb: D0 Wed 18, due two weeks on, Wed 4 Mar.
		{"received on Imlek", true, at(2026, 2, 17, 9, 0, 0), day(2026, 2, 18), day(2026, 3, 4), nil, 0},
		// 2026-03-12T20:00:00Z = Fri 13 Mar 03:00 WIB. D0 13 Mar: 16,17 (2); 18 cuti, 19 Nyepi, 20 cuti,
		// 21–22 weekend, 23–24 cuti; 25,26,27,30,31 (7); 1,2 Apr (9); 3 Apr Good Friday; Mon 6 Apr (10).
		{"Nyepi + Idulfitri, UTC timestamp", true, time.Date(2026, 3, 12, 20, 0, 0, 0, time.UTC), day(2026, 3, 13), day(2026, 4, 6),
			[]calendar.Date{day(2026, 3, 18), day(2026, 3, 19), day(2026, 3, 20), day(2026, 3, 23), day(2026, 3, 24), day(2026, 4, 3)}, 0},
		{"Nyepi + Idulfitri, WIB timestamp", true, at(2026, 3, 13, 10, 0, 0), day(2026, 3, 13), day(2026, 4, 6),
			[]calendar.Date{day(2026, 3, 18), day(2026, 3, 19), day(2026, 3, 20), day(2026, 3, 23), day(2026, 3, 24), day(2026, 4, 3)}, 0},
		// Cuti worked: 16,17,18 (3), 19 Nyepi, 20 (4), weekend, 23,24,25,26,27 (9), Mon 30 Mar (10).
		{"Nyepi + Idulfitri, cuti bersama worked", false, at(2026, 3, 13, 10, 0, 0), day(2026, 3, 13), day(2026, 3, 30), []calendar.Date{day(2026, 3, 19)}, 0},
		// 08:00Z = Thu 12 Mar 15:00 WIB. D0 12 Mar: 13,16,17 (3); 18–24 closed; 25,26,27,30,31,1,2 Apr (10).
		{"UTC timestamp same local date", true, time.Date(2026, 3, 12, 8, 0, 0, 0, time.UTC), day(2026, 3, 12), day(2026, 4, 2),
			[]calendar.Date{day(2026, 3, 18), day(2026, 3, 19), day(2026, 3, 20), day(2026, 3, 23), day(2026, 3, 24)}, 0},
		// Received on Nyepi: D0 Wed 25 Mar; 26,27,30,31,1,2 (6), 3 Apr Good Friday, 6,7,8,9 Apr (10).
		{"received on Nyepi", true, at(2026, 3, 19, 10, 0, 0), day(2026, 3, 25), day(2026, 4, 9), []calendar.Date{day(2026, 4, 3)}, 0},
		// Cuti worked: D0 Fri 20 Mar; 23,24,25,26,27,30,31,1,2 (9), 3 Apr Good Friday, Mon 6 Apr (10).
		{"received on Nyepi, cuti bersama worked", false, at(2026, 3, 19, 10, 0, 0), day(2026, 3, 20), day(2026, 4, 6), []calendar.Date{day(2026, 4, 3)}, 0},
		// D0 Thu 2 Apr: 3 Apr Good Friday; 6–10 (5), 13–17 (10): Fri 17 Apr.
		{"Good Friday", true, at(2026, 4, 2, 10, 0, 0), day(2026, 4, 2), day(2026, 4, 17), []calendar.Date{day(2026, 4, 3)}, 0},
		// Thu 2 Apr 16:00: next working day is Mon 6 Apr (3 Apr holiday, weekend); due Mon 20 Apr.
		{"before Good Friday, after closing", true, at(2026, 4, 2, 16, 0, 0), day(2026, 4, 6), day(2026, 4, 20), nil, 0},
		// D0 Thu 30 Apr: 1 May Labour Day; 4–8 (5); 11,12,13 (8); 14 Ascension, 15 cuti; 18 (9), Tue 19 May (10).
		{"May 1, 14–15", true, at(2026, 4, 30, 10, 0, 0), day(2026, 4, 30), day(2026, 5, 19),
			[]calendar.Date{day(2026, 5, 1), day(2026, 5, 14), day(2026, 5, 15)}, 0},
		// Cuti worked: 15 May is the 9th, Mon 18 May the 10th.
		{"May 1, 14–15, cuti bersama worked", false, at(2026, 4, 30, 10, 0, 0), day(2026, 4, 30), day(2026, 5, 18),
			[]calendar.Date{day(2026, 5, 1), day(2026, 5, 14)}, 0},
		// D0 Mon 18 May: 19–22 (4), 25, 26 (6), 27 Iduladha, 28 cuti, 29 (7), 31 Waisak is a Sunday
		// (not listed), 1 Jun Pancasila, 2, 3, Thu 4 Jun (10).
		{"May 27–28, Waisak on Sunday, 1 June", true, at(2026, 5, 18, 10, 0, 0), day(2026, 5, 18), day(2026, 6, 4),
			[]calendar.Date{day(2026, 5, 27), day(2026, 5, 28), day(2026, 6, 1)}, 0},
		// D0 Mon 8 Jun: 9–12 (4), 15 (5), 16 1 Muharam, 17,18,19 (8), 22 (9), Tue 23 Jun (10).
		{"1 Muharam", true, at(2026, 6, 8, 10, 0, 0), day(2026, 6, 8), day(2026, 6, 23), []calendar.Date{day(2026, 6, 16)}, 0},
		// D0 Mon 10 Aug: 11–14 (4), 17 Independence, 18–21 (8), 24 (9), 25 Maulid, Wed 26 Aug (10).
		{"17 and 25 August", true, at(2026, 8, 10, 10, 0, 0), day(2026, 8, 10), day(2026, 8, 26),
			[]calendar.Date{day(2026, 8, 17), day(2026, 8, 25)}, 0},
		// D0 Thu 10 Dec: 11, 14–18 (6), 21,22,23 (9), 24 cuti, 25 Christmas, Mon 28 Dec (10). Stays in 2026: no warning.
		{"Christmas", true, at(2026, 12, 10, 10, 0, 0), day(2026, 12, 10), day(2026, 12, 28),
			[]calendar.Date{day(2026, 12, 24), day(2026, 12, 25)}, 0},
		// Cuti worked: Thu 24 Dec is the 10th.
		{"Christmas, cuti bersama worked", false, at(2026, 12, 10, 10, 0, 0), day(2026, 12, 10), day(2026, 12, 24), nil, 0},
		// D0 Mon 22 Dec 2025: 23, 24 (2), 25 Christmas, 26 cuti, 29,30,31 (5), 1 Jan 2026 New Year,
		// 2 (6), 5,6,7, Thu 8 Jan 2026 (10). Both years loaded: no warning.
		{"late December 2025 into 2026", true, at(2025, 12, 22, 10, 0, 0), day(2025, 12, 22), day(2026, 1, 8),
			[]calendar.Date{day(2025, 12, 25), day(2025, 12, 26), day(2026, 1, 1)}, 0},
		// D0 Mon 21 Dec 2026: 22,23 (2), 24 cuti, 25 Christmas, 28–31 (6), 1 Jan 2027 provisional New Year,
		// 4,5,6, Thu 7 Jan 2027 (10); one warning for 2027.
		{"late December 2026 into 2027", true, at(2026, 12, 21, 10, 0, 0), day(2026, 12, 21), day(2027, 1, 7),
			[]calendar.Date{day(2026, 12, 24), day(2026, 12, 25), day(2027, 1, 1)}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newTestCal(tt.cuti)
			d0, _ := c.StartDay(tt.at)
			if d0 != tt.d0 {
				t.Fatalf("D0 = %v, want %v", d0, tt.d0)
			}
			s := c.AddWorkingDays(d0, 10)
			if s.Due != tt.due {
				t.Errorf("due = %v, want %v", s.Due, tt.due)
			}
			if s.From != d0 || s.Days != 10 {
				t.Errorf("span from %v days %d", s.From, s.Days)
			}
			assertDates(t, "skipped", dates(s.Skipped), tt.skipped)
			if len(s.Warnings) != tt.warnings {
				t.Errorf("warnings = %q, want %d", s.Warnings, tt.warnings)
			}
			// Cross-check against the day-by-day oracle.
			if ref := refNth(d0, 10, oracleHolidays(c, c.Holidays()), tt.cuti); ref != s.Due {
				t.Errorf("oracle says %v", ref)
			}
		})
	}
}

func TestAddWorkingDays(t *testing.T) {
	cityDay := func(d calendar.Date) calendar.Holiday {
		return calendar.Holiday{Date: d, Name: "Hari Jadi Kota Contoh", Kind: calendar.Regional}
	}
	tests := []struct {
		name    string
		cuti    bool
		extra   []calendar.Holiday
		d0      calendar.Date
		n       int
		due     calendar.Date
		skipped []calendar.Skipped
	}{
		// Mon 5 Oct 2026, no holidays: n weekdays on.
		{"one day", true, nil, day(2026, 10, 5), 1, day(2026, 10, 6), nil},
		{"zero days", true, nil, day(2026, 10, 5), 0, day(2026, 10, 5), nil},
		{"negative days", true, nil, day(2026, 10, 5), -3, day(2026, 10, 5), nil},
		// Fri 9 Oct + 1 is Mon 12 Oct.
		{"over a weekend", true, nil, day(2026, 10, 9), 1, day(2026, 10, 12), nil},
		// D0 on a Saturday: the first working day strictly after it is Monday.
		{"from a saturday", true, nil, day(2026, 10, 10), 1, day(2026, 10, 12), nil},
		// D0 on Nyepi: 20 cuti, weekend, 23–24 cuti; the first working day is Wed 25 Mar.
		{"from a holiday", true, nil, day(2026, 3, 19), 1, day(2026, 3, 25),
			[]calendar.Skipped{{Date: day(2026, 3, 20), Name: "Cuti bersama Idulfitri"}, {Date: day(2026, 3, 23), Name: "Cuti bersama Idulfitri"}, {Date: day(2026, 3, 24), Name: "Cuti bersama Idulfitri"}}},
		// Objection window (30 WD) from Mon 5 Oct: six clean weeks, Mon 16 Nov.
		{"objection window", true, nil, day(2026, 10, 5), 30, day(2026, 11, 16), nil},
		// Dispute filing (14 WD) from Mon 5 Oct: two weeks (Mon 19 Oct) plus 4, Fri 23 Oct.
		{"dispute filing", true, nil, day(2026, 10, 5), 14, day(2026, 10, 23), nil},
		// Regional holiday Tue 6 Oct pushes Mon 19 Oct to Tue 20 Oct.
		{"regional holiday", true, []calendar.Holiday{cityDay(day(2026, 10, 6))}, day(2026, 10, 5), 10, day(2026, 10, 20),
			[]calendar.Skipped{{Date: day(2026, 10, 6), Name: "Hari Jadi Kota Contoh"}}},
		// Regional holidays count even when cuti bersama is worked.
		{"regional holiday, cuti bersama worked", false, []calendar.Holiday{cityDay(day(2026, 10, 6))}, day(2026, 10, 5), 10, day(2026, 10, 20),
			[]calendar.Skipped{{Date: day(2026, 10, 6), Name: "Hari Jadi Kota Contoh"}}},
		// The same entry twice is still one day.
		{"duplicate entry", true, []calendar.Holiday{cityDay(day(2026, 10, 6)), cityDay(day(2026, 10, 6))}, day(2026, 10, 5), 10, day(2026, 10, 20),
			[]calendar.Skipped{{Date: day(2026, 10, 6), Name: "Hari Jadi Kota Contoh"}}},
		// A regional holiday on Sat 10 Oct changes nothing: the weekend already closed it.
		{"holiday on a weekend", true, []calendar.Holiday{cityDay(day(2026, 10, 10))}, day(2026, 10, 5), 10, day(2026, 10, 19), nil},
		// Regional on Independence Day (Mon 17 Aug): one day skipped, both names; D0 Mon 10 Aug still due Wed 26 Aug.
		{"two holidays one day", true, []calendar.Holiday{cityDay(day(2026, 8, 17))}, day(2026, 8, 10), 10, day(2026, 8, 26),
			[]calendar.Skipped{{Date: day(2026, 8, 17), Name: "Proklamasi Kemerdekaan / Hari Jadi Kota Contoh"}, {Date: day(2026, 8, 25), Name: "Maulid Nabi Muhammad SAW"}}},
		// Extension: 7 WD from the response due date Mon 6 Apr: 7,8,9,10,13,14, Wed 15 Apr.
		{"extension", true, nil, day(2026, 4, 6), 7, day(2026, 4, 15), nil},
		// D0 Tue 19 May + 7: 20,21,22,25,26 (5), 27 Iduladha, 28 cuti, 29 (6), 1 Jun Pancasila, Tue 2 Jun (7).
		{"extension over late May", true, nil, day(2026, 5, 19), 7, day(2026, 6, 2),
			[]calendar.Skipped{{Date: day(2026, 5, 27), Name: "Iduladha 1447 Hijriah"}, {Date: day(2026, 5, 28), Name: "Cuti bersama Iduladha"}, {Date: day(2026, 6, 1), Name: "Hari Lahir Pancasila"}}},
		// Holidays right after a holiday-extended jump: D0 Tue 17 Mar + 1 lands past the whole cluster on Wed 25 Mar.
		{"chained holidays", true, nil, day(2026, 3, 17), 1, day(2026, 3, 25),
			[]calendar.Skipped{{Date: day(2026, 3, 18), Name: "Cuti bersama Hari Suci Nyepi"}, {Date: day(2026, 3, 19), Name: "Hari Suci Nyepi Tahun Baru Saka 1948"},
				{Date: day(2026, 3, 20), Name: "Cuti bersama Idulfitri"}, {Date: day(2026, 3, 23), Name: "Cuti bersama Idulfitri"}, {Date: day(2026, 3, 24), Name: "Cuti bersama Idulfitri"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestCal(tt.cuti, tt.extra...).AddWorkingDays(tt.d0, tt.n)
			if s.Due != tt.due {
				t.Errorf("due = %v, want %v", s.Due, tt.due)
			}
			if !slices.Equal(s.Skipped, tt.skipped) {
				t.Errorf("skipped = %v, want %v", s.Skipped, tt.skipped)
			}
			if s.Warnings != nil {
				t.Errorf("unexpected warnings %q", s.Warnings)
			}
		})
	}
}

func TestWarnings(t *testing.T) {
	c := newTestCal(true)
	w2027 := "SKB hari libur tahun 2027 belum dimuat: tenggat dihitung sementara dengan hari libur yang sudah pasti " +
		"(1 Januari, Jumat Agung, 1 Mei, Kenaikan Yesus Kristus, 1 Juni, 17 Agustus, 25 Desember) dan dapat bergeser setelah SKB ditetapkan."
	// Mon 21 Dec 2026 + 10 ends Thu 7 Jan 2027 (see TestRequestDeadlines): warn once for 2027.
	if s := c.AddWorkingDays(day(2026, 12, 21), 10); !slices.Equal(s.Warnings, []string{w2027}) {
		t.Errorf("into 2027: %q", s.Warnings)
	}
	// 100 WD from 1 Dec 2026 stay in 2027 for months: still one warning for 2027.
	if s := c.AddWorkingDays(day(2026, 12, 1), 100); !slices.Equal(s.Warnings, []string{w2027}) || s.Due.Year != 2027 {
		t.Errorf("deep into 2027: due %v, %q", s.Due, s.Warnings)
	}
	// Fri 20 Dec 2024 (no 2024 SKB: Christmas 2024 is provisional): 23,24 (2), 25 Christmas, 26,27,30,31 (6),
	// 1 Jan 2025 New Year, 2, 3, 6, Tue 7 Jan 2025 (10). Warn for 2024 only.
	s := c.AddWorkingDays(day(2024, 12, 20), 10)
	if s.Due != day(2025, 1, 7) || len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], "tahun 2024 ") {
		t.Errorf("from 2024: due %v, %q", s.Due, s.Warnings)
	}
	// A span over two unloaded years names each once.
	if w := c.YearWarnings(day(2027, 12, 1), day(2028, 1, 5)); len(w) != 2 || !strings.Contains(w[0], "2027") || !strings.Contains(w[1], "2028") {
		t.Errorf("2027–2028: %q", w)
	}
	if w := c.YearWarnings(day(2025, 1, 1), day(2026, 12, 31)); w != nil {
		t.Errorf("loaded years: %q", w)
	}
	if !c.HasYear(2025) || !c.HasYear(2026) || c.HasYear(2027) {
		t.Error("HasYear wrong")
	}
}

func TestIsWorkingDayAndReason(t *testing.T) {
	tests := []struct {
		d      calendar.Date
		cuti   bool
		reason string
	}{
		{day(2026, 10, 5), true, ""},
		{day(2026, 10, 10), true, "Sabtu"},
		{day(2026, 10, 11), true, "Minggu"},
		{day(2026, 3, 19), true, "Hari Suci Nyepi Tahun Baru Saka 1948"},
		{day(2026, 3, 18), true, "Cuti bersama Hari Suci Nyepi"},
		{day(2026, 3, 18), false, ""},
		{day(2026, 3, 22), true, "Idulfitri 1447 Hijriah"}, // a Sunday: the holiday is the better reason
		{day(2027, 1, 4), true, ""},                        // no 2027 SKB: an ordinary Monday
		{day(2027, 1, 1), true, "Tahun Baru 2027 Masehi (hari libur sementara: SKB hari libur tahun 2027 belum ditetapkan)"},
	}
	for _, tt := range tests {
		c := newTestCal(tt.cuti)
		if got := c.NonWorkingReason(tt.d); got != tt.reason {
			t.Errorf("NonWorkingReason(%v, cuti=%v) = %q, want %q", tt.d, tt.cuti, got, tt.reason)
		}
		if got, want := c.IsWorkingDay(tt.d), tt.reason == ""; got != want {
			t.Errorf("IsWorkingDay(%v, cuti=%v) = %v, want %v", tt.d, tt.cuti, got, want)
		}
	}
	// Every day of 2024–2027 agrees with the oracle.
	for _, cuti := range []bool{false, true} {
		c := newTestCal(cuti)
		hols := oracleHolidays(c, caltest.Holidays())
		for d := day(2024, 1, 1); d.Before(day(2028, 1, 1)); d = d.AddDays(1) {
			if got, want := c.IsWorkingDay(d), refWorking(d, hols, cuti); got != want {
				t.Fatalf("IsWorkingDay(%v, cuti=%v) = %v, oracle %v", d, cuti, got, want)
			}
		}
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	tests := []struct {
		name string
		cuti bool
		a, b calendar.Date
		want int
	}{
		// (13 Mar, 6 Apr] holds exactly the 10 days counted in TestRequestDeadlines.
		{"Nyepi cluster", true, day(2026, 3, 13), day(2026, 4, 6), 10},
		// Cuti worked: 16,17,18,20,23,24,25,26,27,30,31,1,2,6 = 14 (19 Nyepi and 3 Apr excluded).
		{"Nyepi cluster, cuti bersama worked", false, day(2026, 3, 13), day(2026, 4, 6), 14},
		{"empty interval", true, day(2026, 3, 13), day(2026, 3, 13), 0},
		{"reversed interval", true, day(2026, 4, 6), day(2026, 3, 13), 0},
		{"friday to monday", true, day(2026, 10, 9), day(2026, 10, 12), 1},
		{"saturday to sunday", true, day(2026, 10, 10), day(2026, 10, 11), 0},
		// 2026 has 261 weekdays (52 weeks + Thu 1 Jan); 13 weekday national holidays
		// (21, 22 Mar, 5 Apr, 31 May fall on weekends) and 8 weekday cuti bersama days.
		{"year 2026", true, day(2025, 12, 31), day(2026, 12, 31), 261 - 13 - 8},
		{"year 2026, cuti bersama worked", false, day(2025, 12, 31), day(2026, 12, 31), 261 - 13},
	}
	for _, tt := range tests {
		if got := newTestCal(tt.cuti).WorkingDaysBetween(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: WorkingDaysBetween(%v, %v) = %d, want %d", tt.name, tt.a, tt.b, got, tt.want)
		}
	}
}

func TestWorkingDaysBetweenMatchesAddWorkingDays(t *testing.T) {
	extra := []calendar.Holiday{{Date: day(2026, 10, 6), Name: "Hari Jadi Kota Contoh", Kind: calendar.Regional}}
	for _, cuti := range []bool{false, true} {
		c := newTestCal(cuti, extra...)
		for d0 := day(2024, 12, 1); d0.Before(day(2027, 2, 1)); d0 = d0.AddDays(1) {
			for _, n := range []int{1, 2, 7, 10, 14, 30, 100} {
				s := c.AddWorkingDays(d0, n)
				if got := c.WorkingDaysBetween(d0, s.Due); got != n {
					t.Fatalf("cuti=%v: WorkingDaysBetween(%v, %v) = %d, want %d", cuti, d0, s.Due, got, n)
				}
				// The day before Due is one short: Due is the first day reaching n.
				if got := c.WorkingDaysBetween(d0, s.Due.AddDays(-1)); got != n-1 {
					t.Fatalf("cuti=%v: WorkingDaysBetween(%v, %v) = %d, want %d", cuti, d0, s.Due.AddDays(-1), got, n-1)
				}
				if n <= 14 {
					if ref := refNth(d0, n, oracleHolidays(c, c.Holidays()), cuti); ref != s.Due {
						t.Fatalf("cuti=%v: AddWorkingDays(%v, %d) = %v, oracle %v", cuti, d0, n, s.Due, ref)
					}
				}
			}
		}
	}
}

func TestHolidaysIsSortedCopy(t *testing.T) {
	official := caltest.Holidays()
	shuffled := slices.Clone(official)
	slices.Reverse(shuffled)
	shuffled = append(shuffled, official[3]) // a duplicate is dropped
	c := calendar.New(shuffled, caltest.Years(), calendar.Options{})
	h := c.Holidays()
	if len(h) != len(official) {
		t.Fatalf("len = %d, want %d", len(h), len(official))
	}
	if !slices.IsSortedFunc(h, func(a, b calendar.Holiday) int { return a.Date.Compare(b.Date) }) {
		t.Error("not sorted by date")
	}
	// cuti bersama is listed even when it is worked (zero Options).
	if !slices.ContainsFunc(h, func(x calendar.Holiday) bool { return x.Kind == calendar.JointLeave }) {
		t.Error("cuti bersama missing")
	}
	h[0].Name = "diubah"
	if c.Holidays()[0].Name == "diubah" {
		t.Error("Holidays exposes internal state")
	}
}
