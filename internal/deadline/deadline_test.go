package deadline

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/calendar/caltest"
)

var wib = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		panic(err)
	}
	return loc
}()

func newCal(cuti bool) *calendar.Calendar {
	return caltest.Calendar(calendar.Options{CutiBersamaIsHoliday: cuti})
}

func at(y int, m time.Month, d, hh, mm int) time.Time { return time.Date(y, m, d, hh, mm, 0, 0, wib) }

func day(y int, m time.Month, d int) calendar.Date { return calendar.NewDate(y, m, d) }

func skippedDates(ss []calendar.Skipped) []calendar.Date {
	var out []calendar.Date
	for _, s := range ss {
		out = append(out, s.Date)
	}
	return out
}

func TestRules(t *testing.T) {
	tests := []struct {
		r       Rule
		days    int
		article string
	}{
		{Response, 10, "UU 14/2008 Pasal 22(7)"},
		{Extension, 7, "UU 14/2008 Pasal 22(8)"},
		{ObjectionWindow, 30, "UU 14/2008 Pasal 36(1)"},
		{ObjectionResponse, 30, "UU 14/2008 Pasal 36(2)"},
		{DisputeFiling, 14, "UU 14/2008 Pasal 37(2); Perki 1/2013"},
		{KIStart, 14, "UU 14/2008 Pasal 38(1)"},
		{KIFinish, 100, "UU 14/2008 Pasal 38(2)"},
		{CourtSuit, 14, "UU 14/2008 Pasal 47–48"},
	}
	names := map[string]bool{}
	for _, tt := range tests {
		if tt.r.Days != tt.days || tt.r.Article != tt.article || tt.r.Label == "" {
			t.Errorf("%s = %+v, want %d days under %s", tt.r.Name, tt.r, tt.days, tt.article)
		}
		if names[tt.r.Name] {
			t.Errorf("duplicate rule name %q", tt.r.Name)
		}
		names[tt.r.Name] = true
	}
}

func TestForRequest(t *testing.T) {
	tests := []struct {
		name                string
		cuti                bool
		at                  time.Time
		d0, respDue, extDue calendar.Date
		skipped             []calendar.Date
		warnYears           []string
	}{
		// D0 Fri 13 Mar; 16,17 | 18–24 closed | 25,26,27,30,31,1,2 | 3 Apr Good Friday | Mon 6 Apr (10).
		// Extension from Mon 6 Apr: 7,8,9,10,13,14, Wed 15 Apr (7).
		{"Nyepi + Idulfitri", true, at(2026, 3, 13, 10, 0), day(2026, 3, 13), day(2026, 4, 6), day(2026, 4, 15),
			[]calendar.Date{day(2026, 3, 18), day(2026, 3, 19), day(2026, 3, 20), day(2026, 3, 23), day(2026, 3, 24), day(2026, 4, 3)}, nil},
		// 2026-03-12T20:00:00Z is 13 Mar 03:00 WIB: same clocks as above.
		{"UTC timestamp, next local date", true, time.Date(2026, 3, 12, 20, 0, 0, 0, time.UTC), day(2026, 3, 13), day(2026, 4, 6), day(2026, 4, 15),
			[]calendar.Date{day(2026, 3, 18), day(2026, 3, 19), day(2026, 3, 20), day(2026, 3, 23), day(2026, 3, 24), day(2026, 4, 3)}, nil},
		// Cuti worked: response Mon 30 Mar (only Nyepi skipped); extension 31,1,2 (3), 3 Apr Good Friday, 6,7,8, Thu 9 Apr (7).
		{"Nyepi + Idulfitri, cuti bersama worked", false, at(2026, 3, 13, 10, 0), day(2026, 3, 13), day(2026, 3, 30), day(2026, 4, 9),
			[]calendar.Date{day(2026, 3, 19), day(2026, 4, 3)}, nil},
		// Response Tue 19 May (1, 14, 15 May skipped); extension 20,21,22,25,26 (5), 27 Iduladha, 28 cuti, 29 (6),
		// 31 Waisak Sunday, 1 Jun Pancasila, Tue 2 Jun (7).
		{"May clusters", true, at(2026, 4, 30, 10, 0), day(2026, 4, 30), day(2026, 5, 19), day(2026, 6, 2),
			[]calendar.Date{day(2026, 5, 1), day(2026, 5, 14), day(2026, 5, 15), day(2026, 5, 27), day(2026, 5, 28), day(2026, 6, 1)}, nil},
		// Sat 10 Oct: D0 Mon 12 Oct, response Mon 26 Oct, extension 27,28,29,30, 2,3, Wed 4 Nov.
		{"received saturday", true, at(2026, 10, 10, 9, 0), day(2026, 10, 12), day(2026, 10, 26), day(2026, 11, 4), nil, nil},
		// Mon 5 Oct 16:00 sharp: D0 Tue 6 Oct, response Tue 20 Oct, extension 21,22,23,26,27,28, Thu 29 Oct.
		{"received at closing time", true, at(2026, 10, 5, 16, 0), day(2026, 10, 6), day(2026, 10, 20), day(2026, 10, 29), nil, nil},
		// Response Thu 8 Jan 2026 (25, 26 Dec 2025 and 1 Jan 2026 skipped); extension 9,12,13,14,15 (5),
		// Fri 16 Jan Isra Mikraj, 19, Tue 20 Jan (7). Both years loaded: no warning.
		{"December 2025 into January 2026", true, at(2025, 12, 22, 10, 0), day(2025, 12, 22), day(2026, 1, 8), day(2026, 1, 20),
			[]calendar.Date{day(2025, 12, 25), day(2025, 12, 26), day(2026, 1, 1), day(2026, 1, 16)}, nil},
		// Response Thu 7 Jan 2027 (1 Jan 2027 a provisional holiday: no SKB); extension 8,11,12,13,14,15, Mon 18 Jan 2027.
		// Both clocks warn about 2027; the union has it once.
		{"December 2026 into 2027", true, at(2026, 12, 21, 10, 0), day(2026, 12, 21), day(2027, 1, 7), day(2027, 1, 18),
			[]calendar.Date{day(2026, 12, 24), day(2026, 12, 25), day(2027, 1, 1)}, []string{"2027"}},
		// Tue 31 Dec 2024 17:00 (2024 not loaded): D0 skips New Year to Thu 2 Jan 2025; response 3,6,…,10,13–16:
		// Thu 16 Jan (10); extension 17,20–24 (6), 27 Isra Mikraj, 28 cuti Imlek, 29 Imlek, Thu 30 Jan (7).
		// Only the receipt day lies in 2024, and it still warns.
		{"received in an unloaded year", true, at(2024, 12, 31, 17, 0), day(2025, 1, 2), day(2025, 1, 16), day(2025, 1, 30),
			[]calendar.Date{day(2025, 1, 27), day(2025, 1, 28), day(2025, 1, 29)}, []string{"2024"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc := ForRequest(newCal(tt.cuti), tt.at)
			if rc.CountingFrom != tt.d0 || rc.ResponseDue != tt.respDue || rc.ExtendedDue != tt.extDue {
				t.Errorf("D0 %v, response %v, extended %v; want %v, %v, %v",
					rc.CountingFrom, rc.ResponseDue, rc.ExtendedDue, tt.d0, tt.respDue, tt.extDue)
			}
			if got := skippedDates(rc.Skipped); !slices.Equal(got, tt.skipped) {
				t.Errorf("skipped = %v, want %v", got, tt.skipped)
			}
			if len(rc.Warnings) != len(tt.warnYears) {
				t.Fatalf("warnings = %q, want years %v", rc.Warnings, tt.warnYears)
			}
			for i, y := range tt.warnYears {
				if !strings.Contains(rc.Warnings[i], "tahun "+y+" ") {
					t.Errorf("warning %d = %q, want year %s", i, rc.Warnings[i], y)
				}
			}
			// The embedded deadlines agree with the summary and chain as Pasal 22(8) says.
			if !rc.ReceivedAt.Equal(tt.at) || rc.Response.Due != rc.ResponseDue || rc.Extended.Due != rc.ExtendedDue ||
				rc.Extended.CountingFrom != rc.ResponseDue || rc.Response.Rule != Response || rc.Extended.Rule != Extension {
				t.Errorf("inconsistent clocks: %+v", rc)
			}
		})
	}
}

func TestCompute(t *testing.T) {
	tests := []struct {
		name     string
		r        Rule
		at       time.Time
		due      calendar.Date
		warnings int
	}{
		// D0 Tue 6 Oct 2026, no holidays until December: six weeks on, Tue 17 Nov.
		{"objection window", ObjectionWindow, at(2026, 10, 6, 11, 0), day(2026, 11, 17), 0},
		// D0 Fri 13 Mar: 16,17 (2), 25,26,27,30,31,1,2 (9), 6–10 Apr (14), 13–17 (19), 20–24 (24),
		// 27–30 (28), 1 May Labour Day, 4, Tue 5 May (30).
		{"objection response", ObjectionResponse, at(2026, 3, 13, 10, 0), day(2026, 5, 5), 0},
		// D0 Mon 5 Oct: two weeks (Mon 19 Oct) plus 4 weekdays, Fri 23 Oct.
		{"dispute filing", DisputeFiling, at(2026, 10, 5, 10, 0), day(2026, 10, 23), 0},
		// D0 Mon 10 Aug: 11–14 (4), 17 holiday, 18–21 (8), 24 (9), 25 holiday, 26,27,28 (12), 31, Tue 1 Sep (14).
		{"KI start", KIStart, at(2026, 8, 10, 10, 0), day(2026, 9, 1), 0},
		// D0 Mon 5 Oct: Oct 19 + Nov 21 + Dec 21 (23 weekdays less 24, 25 Dec) = 61 WD in 2026; Fri 1 Jan 2027
		// provisional holiday, Mon 4 Jan (62), seven weeks to Mon 22 Feb (97), 23, 24, Thu 25 Feb 2027 (100). Warning.
		{"KI finish", KIFinish, at(2026, 10, 5, 10, 0), day(2027, 2, 25), 1},
		// Thu 2 Apr 16:30: D0 Mon 6 Apr (Good Friday, weekend); 7–10 (4), 13–17 (9), 20–24: Fri 24 Apr (14).
		{"court suit", CourtSuit, at(2026, 4, 2, 16, 30), day(2026, 4, 24), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Compute(newCal(true), tt.r, tt.at)
			if d.Due != tt.due {
				t.Errorf("due = %v, want %v", d.Due, tt.due)
			}
			if len(d.Warnings) != tt.warnings {
				t.Errorf("warnings = %q, want %d", d.Warnings, tt.warnings)
			}
			if d.Rule != tt.r || !d.EventAt.Equal(tt.at) {
				t.Errorf("rule/event not kept: %+v", d)
			}
		})
	}
}

func TestDueBeforeAndOverdue(t *testing.T) {
	d := Compute(newCal(true), Response, at(2026, 3, 13, 10, 0))
	// Due Mon 6 Apr: the bound is Tue 7 Apr 00:00 WIB = 6 Apr 17:00 UTC.
	if want := time.Date(2026, 4, 6, 17, 0, 0, 0, time.UTC); !d.DueBefore.Equal(want) || d.DueBefore.Location().String() != "Asia/Jakarta" {
		t.Errorf("DueBefore = %v, want %v in Asia/Jakarta", d.DueBefore, want)
	}
	tests := []struct {
		now  time.Time
		late bool
	}{
		{time.Date(2026, 4, 6, 23, 59, 59, 999999999, wib), false},
		{time.Date(2026, 4, 7, 0, 0, 0, 0, wib), true},
		{time.Date(2026, 4, 6, 16, 59, 59, 0, time.UTC), false},
		{time.Date(2026, 4, 6, 17, 0, 0, 0, time.UTC), true},
	}
	for _, tt := range tests {
		if got := d.Overdue(tt.now); got != tt.late {
			t.Errorf("Overdue(%v) = %v, want %v", tt.now, got, tt.late)
		}
	}
}

func TestFromDay(t *testing.T) {
	// The extension fixed at Mon 6 Apr: no event, no start notes, Wed 15 Apr.
	d := FromDay(newCal(true), Extension, day(2026, 4, 6))
	if d.Due != day(2026, 4, 15) || !d.EventAt.IsZero() || d.StartNotes != nil || d.Skipped != nil || d.Warnings != nil {
		t.Errorf("FromDay = %+v", d)
	}
}

func TestExplain(t *testing.T) {
	cal := newCal(true)
	tests := []struct {
		name string
		d    Deadline
		want string
	}{
		{"event on a working day", Compute(cal, Response, at(2026, 3, 13, 10, 0)), `Pemberitahuan tertulis: 10 hari kerja menurut UU 14/2008 Pasal 22(7).
Peristiwa: Jumat, 13 Maret 2026 pukul 10:00 WIB.
Dihitung sejak Jumat, 13 Maret 2026, tanggal peristiwa.
Hari libur yang dilewati: 18 Maret 2026 (Cuti bersama Hari Suci Nyepi), 19 Maret 2026 (Hari Suci Nyepi Tahun Baru Saka 1948), 20 Maret 2026 (Cuti bersama Idulfitri), 23 Maret 2026 (Cuti bersama Idulfitri), 24 Maret 2026 (Cuti bersama Idulfitri), 3 April 2026 (Wafat Yesus Kristus).
Tenggat: akhir hari Senin, 6 April 2026.`},
		// The UTC event is shown in office time.
		{"event after closing, given in UTC", Compute(cal, Response, time.Date(2026, 10, 9, 9, 30, 0, 0, time.UTC)), `Pemberitahuan tertulis: 10 hari kerja menurut UU 14/2008 Pasal 22(7).
Peristiwa: Jumat, 9 Oktober 2026 pukul 16:30 WIB.
Dihitung sejak Senin, 12 Oktober 2026, hari kerja berikutnya, karena diterima setelah jam layanan (16:00).
Tidak ada hari libur yang dilewati.
Tenggat: akhir hari Senin, 26 Oktober 2026.`},
		{"fixed start, into 2027", FromDay(cal, Extension, day(2026, 12, 28)), `Perpanjangan: 7 hari kerja menurut UU 14/2008 Pasal 22(8).
Dihitung sejak Senin, 28 Desember 2026.
Hari libur yang dilewati: 1 Januari 2027 (Tahun Baru 2027 Masehi, hari libur sementara).
Tenggat: akhir hari Kamis, 7 Januari 2027. Tanggal ini dapat bergeser setelah SKB hari libur tahun 2027 ditetapkan.
Peringatan: SKB hari libur tahun 2027 belum dimuat: tenggat dihitung sementara dengan hari libur yang sudah pasti (1 Januari, Jumat Agung, 1 Mei, Kenaikan Yesus Kristus, 1 Juni, 17 Agustus, 25 Desember) dan dapat bergeser setelah SKB ditetapkan.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.Explain(); got != tt.want {
				t.Errorf("Explain() =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestMergeSkipped(t *testing.T) {
	a := []calendar.Skipped{{Date: day(2026, 3, 18), Name: "A"}, {Date: day(2026, 4, 3), Name: "C"}}
	b := []calendar.Skipped{{Date: day(2026, 3, 19), Name: "B"}, {Date: day(2026, 4, 3), Name: "C"}}
	got := skippedDates(mergeSkipped(a, b))
	if want := []calendar.Date{day(2026, 3, 18), day(2026, 3, 19), day(2026, 4, 3)}; !slices.Equal(got, want) {
		t.Errorf("merge = %v, want %v", got, want)
	}
	if mergeSkipped(nil, nil) != nil {
		t.Error("empty merge not nil")
	}
}
