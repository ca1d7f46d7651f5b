package calendar_test

import (
	"slices"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/calendar/caltest"
)

func TestEaster(t *testing.T) {
	tests := []struct {
		year int
		want calendar.Date
	}{
		{1818, day(1818, 3, 22)}, // earliest possible
		{1943, day(1943, 4, 25)}, // latest possible
		{2000, day(2000, 4, 23)},
		{2008, day(2008, 3, 23)},
		{2011, day(2011, 4, 24)},
		{2019, day(2019, 4, 21)},
		{2024, day(2024, 3, 31)},
		{2025, day(2025, 4, 20)},
		{2026, day(2026, 4, 5)},
		{2027, day(2027, 3, 28)},
		{2028, day(2028, 4, 16)},
		{2038, day(2038, 4, 25)},
		{2285, day(2285, 3, 22)},
	}
	for _, tt := range tests {
		if got := calendar.Easter(tt.year); got != tt.want {
			t.Errorf("Easter(%d) = %v, want %v", tt.year, got, tt.want)
		}
	}
}

func TestFixedHolidaysMatchTheSKB(t *testing.T) {
	// Every fixed day of 2025 and 2026 is in the real SKB under the same name (the year in "Tahun Baru … Masehi").
	skb := caltest.Holidays()
	for _, y := range []int{2025, 2026} {
		for _, h := range calendar.FixedHolidays(y) {
			if !slices.Contains(skb, h) {
				t.Errorf("%d: %+v not in the SKB fixture", y, h)
			}
		}
	}
	got := calendar.FixedHolidays(2027)
	want := []calendar.Date{day(2027, 1, 1), day(2027, 3, 26), day(2027, 5, 1), day(2027, 5, 6), day(2027, 6, 1), day(2027, 8, 17), day(2027, 12, 25)}
	var dates []calendar.Date
	for _, h := range got {
		dates = append(dates, h.Date)
	}
	assertDates(t, "2027 fixed holidays", dates, want)
}

// TestProvisionalHolidays counts through 2027, whose SKB is not loaded: the days fixed by law are
// skipped and marked provisional; Islamic and other SKB-only holidays are not known.
func TestProvisionalHolidays(t *testing.T) {
	prov := func(d calendar.Date, name string) calendar.Skipped {
		return calendar.Skipped{Date: d, Name: name, Provisional: true}
	}
	tests := []struct {
		name    string
		at      time.Time
		n       int
		d0, due calendar.Date
		note    string
		skipped []calendar.Skipped
	}{
		// Year boundary: D0 Mon 28 Dec 2026; 29,30,31 (3), Fri 1 Jan 2027 provisional, 4–8 (8), 11, Tue 12 Jan (10).
		{"into January 2027", at(2026, 12, 28, 10, 0, 0), 10, day(2026, 12, 28), day(2027, 1, 12), "",
			[]calendar.Skipped{prov(day(2027, 1, 1), "Tahun Baru 2027 Masehi")}},
		// Thu 31 Dec 2026 after closing: 1 Jan provisional, weekend: D0 Mon 4 Jan; 5–8 (4), 11–15 (9), Mon 18 Jan (10).
		{"new year's eve after closing", at(2026, 12, 31, 16, 30, 0), 10, day(2027, 1, 4), day(2027, 1, 18),
			"diterima setelah jam layanan (16:00)", nil},
		// Received on New Year's Day 2027 itself: the note says the holiday is provisional.
		{"on New Year's Day 2027", at(2027, 1, 1, 9, 0, 0), 1, day(2027, 1, 4), day(2027, 1, 5),
			"diterima pada hari libur: Tahun Baru 2027 Masehi (hari libur sementara: SKB hari libur tahun 2027 belum ditetapkan)", nil},
		// D0 Mon 22 Mar 2027: 23,24,25 (3), Fri 26 Mar Good Friday, 29,30,31,1,2 (8), 5, Tue 6 Apr (10).
		{"Good Friday 2027", at(2027, 3, 22, 10, 0, 0), 10, day(2027, 3, 22), day(2027, 4, 6), "",
			[]calendar.Skipped{prov(day(2027, 3, 26), "Wafat Yesus Kristus")}},
		// D0 Mon 3 May 2027 (Sat 1 May Labour Day is a weekend, not listed): 4,5 (2), Thu 6 May Ascension, 7, 10, Tue 11 May (5).
		{"Ascension 2027", at(2027, 5, 3, 10, 0, 0), 5, day(2027, 5, 3), day(2027, 5, 11), "",
			[]calendar.Skipped{prov(day(2027, 5, 6), "Kenaikan Yesus Kristus")}},
		// Idulfitri 1448 H (about 10 March 2027) comes only with the SKB: D0 Mon 8 Mar, 9–12, Mon 15 Mar (5).
		{"an Islamic holiday is not known", at(2027, 3, 8, 10, 0, 0), 5, day(2027, 3, 8), day(2027, 3, 15), "", nil},
		// Sat 1 May 2027 is a weekend anyway: Thu 29 Apr, 30 Apr, Mon 3 May (2), nothing listed.
		{"provisional holiday on a weekend", at(2027, 4, 29, 10, 0, 0), 2, day(2027, 4, 29), day(2027, 5, 3), "", nil},
		// D0 Mon 31 May 2027: Tue 1 Jun Pancasila, 2, Thu 3 Jun (2).
		{"1 June 2027", at(2027, 5, 31, 10, 0, 0), 2, day(2027, 5, 31), day(2027, 6, 3), "",
			[]calendar.Skipped{prov(day(2027, 6, 1), "Hari Lahir Pancasila")}},
	}
	c := newTestCal(true)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d0, notes := c.StartDay(tt.at)
			if d0 != tt.d0 {
				t.Errorf("D0 = %v, want %v", d0, tt.d0)
			}
			if tt.note != "" && !slices.Equal(notes, []string{tt.note}) || tt.note == "" && notes != nil {
				t.Errorf("notes = %q, want %q", notes, tt.note)
			}
			s := c.AddWorkingDays(d0, tt.n)
			if s.Due != tt.due {
				t.Errorf("due = %v, want %v", s.Due, tt.due)
			}
			if !slices.Equal(s.Skipped, tt.skipped) {
				t.Errorf("skipped = %+v, want %+v", s.Skipped, tt.skipped)
			}
			if !s.Provisional || len(s.Warnings) != 1 || !c.Provisional(d0, s.Due) {
				t.Errorf("span not provisional: %+v", s)
			}
		})
	}
}

func TestLoadedSKBReplacesProvisional(t *testing.T) {
	// A 2027 SKB (as entered) that lacks 1 May and 1 June: only what it lists counts.
	skb2027 := []calendar.Holiday{{Date: day(2027, 1, 1), Name: "Tahun Baru 2027 Masehi", Kind: calendar.National}}
	loaded := calendar.New(append(caltest.Holidays(), skb2027...), append(caltest.Years(), 2027), calendar.Options{CutiBersamaIsHoliday: true})
	unloaded := newTestCal(true)

	if got := loaded.NonWorkingReason(day(2027, 5, 1)); got != "Sabtu" {
		t.Errorf("loaded: 1 May 2027 reason %q, want Sabtu (no holiday)", got)
	}
	if got := unloaded.NonWorkingReason(day(2027, 5, 1)); got != "Hari Buruh Internasional (hari libur sementara: SKB hari libur tahun 2027 belum ditetapkan)" {
		t.Errorf("unloaded: 1 May 2027 reason %q", got)
	}
	// D0 Mon 31 May 2027 + 2: loaded counts Tue 1 Jun (due Wed 2 Jun); unloaded skips it (Thu 3 Jun).
	s := loaded.AddWorkingDays(day(2027, 5, 31), 2)
	if s.Due != day(2027, 6, 2) || s.Skipped != nil || s.Provisional || s.Warnings != nil {
		t.Errorf("loaded: %+v", s)
	}
	if s := unloaded.AddWorkingDays(day(2027, 5, 31), 2); s.Due != day(2027, 6, 3) {
		t.Errorf("unloaded: %+v", s)
	}
	// What the SKB lists is a holiday and not provisional.
	s = loaded.AddWorkingDays(day(2026, 12, 28), 10)
	if want := []calendar.Skipped{{Date: day(2027, 1, 1), Name: "Tahun Baru 2027 Masehi"}}; !slices.Equal(s.Skipped, want) || s.Provisional {
		t.Errorf("loaded New Year: %+v", s)
	}
	if loaded.Provisional(day(2026, 12, 28), day(2027, 1, 12)) {
		t.Error("loaded 2027 still provisional")
	}
	// The given holidays are listed; the provisional ones never are.
	if h := unloaded.Holidays(); len(h) != len(caltest.Holidays()) {
		t.Errorf("Holidays() lists %d, want the %d given", len(h), len(caltest.Holidays()))
	}
}

func TestGivenHolidayOnAProvisionalDay(t *testing.T) {
	// A regional holiday entered for 1 Jan 2027 closes the office whatever the SKB says: not provisional.
	c := newTestCal(true, calendar.Holiday{Date: day(2027, 1, 1), Name: "Hari Jadi Kota Contoh", Kind: calendar.Regional})
	s := c.AddWorkingDays(day(2026, 12, 31), 1)
	want := []calendar.Skipped{{Date: day(2027, 1, 1), Name: "Hari Jadi Kota Contoh / Tahun Baru 2027 Masehi"}}
	if s.Due != day(2027, 1, 4) || !slices.Equal(s.Skipped, want) {
		t.Errorf("span %+v, want skipped %+v", s, want)
	}
	// The date still crosses into 2027: it stays provisional (an SKB day may be added).
	if !s.Provisional {
		t.Error("span into 2027 not provisional")
	}
}

func TestProvisional(t *testing.T) {
	c := newTestCal(true)
	tests := []struct {
		from, to calendar.Date
		years    []int
	}{
		{day(2026, 12, 1), day(2026, 12, 31), nil},
		{day(2026, 12, 28), day(2027, 1, 12), []int{2027}},
		{day(2027, 12, 1), day(2028, 1, 5), []int{2027, 2028}},
		{day(2024, 12, 20), day(2025, 1, 7), []int{2024}},
		{day(2027, 1, 12), day(2026, 12, 28), []int{2027}}, // reversed
	}
	for _, tt := range tests {
		if got := c.ProvisionalYears(tt.from, tt.to); !slices.Equal(got, tt.years) {
			t.Errorf("ProvisionalYears(%v, %v) = %v, want %v", tt.from, tt.to, got, tt.years)
		}
		if got := c.Provisional(tt.from, tt.to); got != (len(tt.years) > 0) {
			t.Errorf("Provisional(%v, %v) = %v", tt.from, tt.to, got)
		}
	}
	if c.Provisional(calendar.Date{}, day(2027, 1, 1)) || c.Provisional(day(2027, 1, 1), calendar.Date{}) {
		t.Error("a zero date is not provisional")
	}
	for _, tt := range []struct {
		years []int
		want  string
	}{
		{nil, ""},
		{[]int{2027}, "Tanggal ini dapat bergeser setelah SKB hari libur tahun 2027 ditetapkan."},
		{[]int{2027, 2028}, "Tanggal ini dapat bergeser setelah SKB hari libur tahun 2027 dan 2028 ditetapkan."},
		{[]int{2027, 2028, 2029}, "Tanggal ini dapat bergeser setelah SKB hari libur tahun 2027, 2028 dan 2029 ditetapkan."},
	} {
		if got := calendar.ShiftNotice(tt.years); got != tt.want {
			t.Errorf("ShiftNotice(%v) = %q, want %q", tt.years, got, tt.want)
		}
	}
}
