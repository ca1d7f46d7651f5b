package calendar

import (
	"strconv"
	"time"
)

// Provisional holidays: a year whose SKB is not loaded still has the holidays fixed by law, so
// a clock never counts 1 January as a working day just because the SKB is late (DESIGN §2).
// The window below bounds the years for which they are generated.
const (
	// firstFixedYear is the first year with all seven fixed holidays: 1 June since Keppres 24/2016.
	firstFixedYear = 2017
	// lastFixedYear bounds the precomputed table; no clock of this system reaches that far.
	lastFixedYear = 2199
)

// FixedHolidays returns the national holidays of year y that are fixed before any SKB: 1 January,
// Good Friday, 1 May, Ascension, 1 June, 17 August and 25 December, sorted by date.
func FixedHolidays(y int) []Holiday {
	easter := Easter(y)
	return []Holiday{
		// Keppres 251/1967 (as amended): New Year, Good Friday, Ascension, 17 August and Christmas are national holidays.
		{Date: NewDate(y, time.January, 1), Name: "Tahun Baru " + strconv.Itoa(y) + " Masehi", Kind: National},
		{Date: easter.AddDays(-2), Name: "Wafat Yesus Kristus", Kind: National},
		// Perpres 24/2013: 1 May (Hari Buruh Internasional) is a national holiday.
		{Date: NewDate(y, time.May, 1), Name: "Hari Buruh Internasional", Kind: National},
		{Date: easter.AddDays(39), Name: "Kenaikan Yesus Kristus", Kind: National},
		// Keppres 24/2016: 1 June (Hari Lahir Pancasila) is a national holiday.
		{Date: NewDate(y, time.June, 1), Name: "Hari Lahir Pancasila", Kind: National},
		{Date: NewDate(y, time.August, 17), Name: "Proklamasi Kemerdekaan", Kind: National},
		{Date: NewDate(y, time.December, 25), Name: "Kelahiran Yesus Kristus", Kind: National},
	}
}

// Easter returns Easter Sunday of year y in the Gregorian calendar (anonymous algorithm of
// Meeus/Jones/Butcher), from which Good Friday and Ascension follow.
func Easter(y int) Date {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	n := h + l - 7*m + 114
	return NewDate(y, time.Month(n/31), n%31+1)
}

// provisionalNote says why a provisional holiday is off, in the words shown to users.
func provisionalNote(y int) string {
	return "hari libur sementara: SKB hari libur tahun " + strconv.Itoa(y) + " belum ditetapkan"
}

// ProvisionalYears returns, ascending, each year from from through to (inclusive) whose SKB is
// not loaded: a date counted across such a year rests on provisional holidays and may move.
func (c *Calendar) ProvisionalYears(from, to Date) []int {
	a, b := from.normalized().Year, to.normalized().Year
	if a > b {
		a, b = b, a
	}
	var out []int
	for y := a; y <= b; y++ {
		if !c.years[y] {
			out = append(out, y)
		}
	}
	return out
}

// Provisional reports whether a date counted from from to to depends on a year without a loaded
// SKB, so it may move once that SKB is entered. A zero date on either side answers false.
func (c *Calendar) Provisional(from, to Date) bool {
	if from.IsZero() || to.IsZero() {
		return false
	}
	return len(c.ProvisionalYears(from, to)) > 0
}

// ShiftNotice is the sentence that goes with a provisional date: "Tanggal ini dapat bergeser
// setelah SKB hari libur tahun 2027 ditetapkan." ("" for no years).
func ShiftNotice(years []int) string {
	if len(years) == 0 {
		return ""
	}
	return "Tanggal ini dapat bergeser setelah SKB hari libur tahun " + JoinYears(years) + " ditetapkan."
}

// JoinYears writes years the Indonesian way: "2027", "2027 dan 2028", "2027, 2028 dan 2029".
func JoinYears(years []int) string {
	var s string
	for i, y := range years {
		switch {
		case i == 0:
		case i == len(years)-1:
			s += " dan "
		default:
			s += ", "
		}
		s += strconv.Itoa(y)
	}
	return s
}
