// Package calendar knows working days, holidays, office hours and the office time zone.
// It is pure (no I/O) and knows nothing of cases; holiday data is passed in by the caller.
package calendar

import (
	"fmt"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // embed tz data so Asia/Jakarta works on any server
)

// Kind says which decree made a day a holiday.
type Kind string

// Holiday kinds as stored in the holiday table.
const (
	National   Kind = "libur"
	JointLeave Kind = "cuti_bersama"
	Regional   Kind = "regional"
)

// Holiday is one entry of the official (SKB) or office calendar.
type Holiday struct {
	Date Date   `json:"date"`
	Name string `json:"name"`
	Kind Kind   `json:"kind"`
}

// Options configure an office's calendar.
type Options struct {
	Location             *time.Location // office time zone; nil means Asia/Jakarta
	ClosesAt             time.Duration  // office closing time as offset from local midnight; 0 means 16h
	CutiBersamaIsHoliday bool           // whether cuti bersama days are non-working (config default true)
}

// DefaultClosesAt is the closing time used when Options.ClosesAt is not set (DESIGN §2).
const DefaultClosesAt = 16 * time.Hour

// Skipped is a weekday passed over because it was a holiday. Provisional marks a holiday fixed by
// law in a year whose SKB is not loaded yet (DESIGN §2).
type Skipped struct {
	Date        Date   `json:"date"`
	Name        string `json:"name"`
	Provisional bool   `json:"provisional,omitempty"`
}

// Span is the result of counting working days from D0. Provisional is true when a day from D0
// through Due lies in a year without a loaded SKB, so Due may move once it is loaded.
type Span struct {
	From        Date
	Days        int
	Due         Date
	Skipped     []Skipped
	Warnings    []string
	Provisional bool
}

// offDay is a date made non-working by one or more holidays.
type offDay struct {
	day         int // days since 1970-01-01
	date        Date
	reason      string
	provisional bool // off only by a provisional holiday (a fixed day of a year without SKB)
}

// Calendar answers working-day questions for one office. It is immutable and safe for concurrent use.
type Calendar struct {
	loc      *time.Location
	closesAt time.Duration
	holidays []Holiday    // every entry given, sorted, without duplicates
	years    map[int]bool // years whose official calendar is loaded
	off      []offDay     // non-working holiday dates, sorted by day
	weekOff  []offDay     // the subset of off on Monday–Friday: the only ones that change a count
}

// New builds an immutable Calendar. years lists the years whose official calendar (SKB) is loaded;
// any other year (from 2017) gets the holidays fixed by law as provisional holidays, and a
// computation that touches a day in it is marked provisional and adds a warning.
func New(holidays []Holiday, years []int, opts Options) *Calendar {
	c := &Calendar{
		loc:      opts.Location,
		closesAt: opts.ClosesAt,
		years:    make(map[int]bool, len(years)),
	}
	if c.loc == nil {
		c.loc = jakarta()
	}
	if c.closesAt <= 0 {
		c.closesAt = DefaultClosesAt
	}
	for _, y := range years {
		c.years[y] = true
	}

	c.holidays = make([]Holiday, 0, len(holidays))
	for _, h := range holidays {
		h.Date = h.Date.normalized()
		c.holidays = append(c.holidays, h)
	}
	slices.SortFunc(c.holidays, compareHolidays)
	c.holidays = slices.Compact(c.holidays)

	// DESIGN §2: a year without SKB keeps the holidays fixed by law, provisionally; a loaded SKB replaces them.
	entries := make([]entry, 0, len(c.holidays))
	for _, h := range c.holidays {
		entries = append(entries, entry{Holiday: h})
	}
	for y := firstFixedYear; y <= lastFixedYear; y++ {
		if !c.years[y] {
			for _, h := range FixedHolidays(y) {
				entries = append(entries, entry{Holiday: h, provisional: true})
			}
		}
	}
	slices.SortStableFunc(entries, func(a, b entry) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		// On a day both given and provisional, the given holiday's name comes first.
		if a.provisional != b.provisional {
			if b.provisional {
				return -1
			}
			return 1
		}
		return compareHolidays(a.Holiday, b.Holiday)
	})

	for _, h := range entries {
		// Cuti bersama binds civil servants only; whether the office closes is configuration (DESIGN §2).
		if h.Kind == JointLeave && !opts.CutiBersamaIsHoliday {
			continue
		}
		day := h.Date.days()
		if n := len(c.off); n > 0 && c.off[n-1].day == day {
			if !strings.Contains(" / "+c.off[n-1].reason+" / ", " / "+h.Name+" / ") {
				c.off[n-1].reason += " / " + h.Name
			}
			// A day also closed by a given holiday is off whatever the SKB says.
			c.off[n-1].provisional = c.off[n-1].provisional && h.provisional
			continue
		}
		c.off = append(c.off, offDay{day: day, date: h.Date, reason: h.Name, provisional: h.provisional})
	}
	for _, o := range c.off {
		if !isWeekend(weekdayOf(o.day)) {
			c.weekOff = append(c.weekOff, o)
		}
	}
	return c
}

// entry is a holiday while the calendar is built: given to New, or provisional.
type entry struct {
	Holiday
	provisional bool
}

func compareHolidays(a, b Holiday) int {
	if c := a.Date.Compare(b.Date); c != 0 {
		return c
	}
	if c := kindRank(a.Kind) - kindRank(b.Kind); c != 0 {
		return c
	}
	if c := strings.Compare(string(a.Kind), string(b.Kind)); c != 0 {
		return c
	}
	return strings.Compare(a.Name, b.Name)
}

// kindRank orders a day's names national first, so reasons read "Proklamasi … / Hari Jadi …".
func kindRank(k Kind) int {
	switch k {
	case National:
		return 0
	case JointLeave:
		return 1
	case Regional:
		return 2
	}
	return 3
}

// jakarta returns Asia/Jakarta; the fixed +07:00 fallback is exact since Indonesia has no DST.
func jakarta() *time.Location {
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		return time.FixedZone("WIB", 7*60*60)
	}
	return loc
}

// Location returns the office time zone.
func (c *Calendar) Location() *time.Location { return c.loc }

// ClosesAt returns the office closing time as an offset from local midnight.
func (c *Calendar) ClosesAt() time.Duration { return c.closesAt }

// HasYear reports whether the official calendar of year y is loaded.
func (c *Calendar) HasYear(y int) bool { return c.years[y] }

// Holidays returns a sorted copy of every holiday given to New, counted or not; provisional
// holidays are not listed (see FixedHolidays).
func (c *Calendar) Holidays() []Holiday { return slices.Clone(c.holidays) }

// IsWorkingDay reports whether d is Monday–Friday and not a counted holiday.
func (c *Calendar) IsWorkingDay(d Date) bool {
	day := d.days()
	if isWeekend(weekdayOf(day)) {
		return false
	}
	_, found := searchOff(c.weekOff, day)
	return !found
}

// NonWorkingReason returns "" for a working day; otherwise the holiday name(s) joined by " / "
// (a provisional holiday says so), or "Sabtu"/"Minggu" for a weekend day that is no holiday.
func (c *Calendar) NonWorkingReason(d Date) string {
	day := d.days()
	if i, found := searchOff(c.off, day); found {
		return c.off[i].describe()
	}
	if wd := weekdayOf(day); isWeekend(wd) {
		return weekdayNames[wd]
	}
	return ""
}

// describe is the day's reason, saying when it rests on a provisional holiday only.
func (o offDay) describe() string {
	if o.provisional {
		return o.reason + " (" + provisionalNote(o.date.Year) + ")"
	}
	return o.reason
}

// YearWarnings returns one warning for each year from from through to (inclusive) whose
// official calendar is not loaded.
func (c *Calendar) YearWarnings(from, to Date) []string {
	var w []string
	for _, y := range c.ProvisionalYears(from, to) {
		w = append(w, fmt.Sprintf("SKB hari libur tahun %d belum dimuat: tenggat dihitung sementara dengan hari libur yang "+
			"sudah pasti (1 Januari, Jumat Agung, 1 Mei, Kenaikan Yesus Kristus, 1 Juni, 17 Agustus, 25 Desember) "+
			"dan dapat bergeser setelah SKB ditetapkan.", y))
	}
	return w
}

// StartDay applies the D0 rule (DESIGN §2): the local date of t; if that day is not a working day,
// or t is at or after closing time, D0 is the next working day. The notes say why D0 moved.
func (c *Calendar) StartDay(t time.Time) (Date, []string) {
	local := t.In(c.loc)
	d := DateOf(local)
	day := d.days()
	if !c.IsWorkingDay(d) {
		var note string
		if i, found := searchOff(c.off, day); found {
			note = "diterima pada hari libur: " + c.off[i].describe()
		} else {
			note = "diterima pada akhir pekan (" + weekdayNames[weekdayOf(day)] + ")"
		}
		return fromDays(c.nthWorkingDay(day, 1)), []string{note}
	}
	h, m, s := local.Clock()
	tod := time.Duration(h)*time.Hour + time.Duration(m)*time.Minute +
		time.Duration(s)*time.Second + time.Duration(local.Nanosecond())
	if tod >= c.closesAt {
		note := "diterima setelah jam layanan (" + clock(c.closesAt) + ")"
		return fromDays(c.nthWorkingDay(day, 1)), []string{note}
	}
	return d, nil
}

// clock formats an offset from midnight as "16:00".
func clock(d time.Duration) string {
	m := int(d / time.Minute)
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

// AddWorkingDays returns the n-th working day strictly after d0 (n >= 1; for n <= 0 Due is d0),
// the weekday holidays skipped on the way (weekends are not listed; provisional ones marked) and
// a warning for every year from d0 through Due with no loaded calendar.
func (c *Calendar) AddWorkingDays(d0 Date, n int) Span {
	start := d0.days()
	due := start
	if n > 0 {
		due = c.nthWorkingDay(start, n)
	}
	s := Span{From: fromDays(start), Days: n, Due: fromDays(due)}
	if lo, hi := indexOff(c.weekOff, start+1), indexOff(c.weekOff, due); hi > lo {
		s.Skipped = make([]Skipped, 0, hi-lo)
		for _, o := range c.weekOff[lo:hi] {
			s.Skipped = append(s.Skipped, Skipped{Date: o.date, Name: o.reason, Provisional: o.provisional})
		}
	}
	s.Warnings = c.YearWarnings(s.From, s.Due)
	s.Provisional = len(s.Warnings) > 0
	return s
}

// WorkingDaysBetween returns the number of working days in (a, b]; 0 when b is not after a.
func (c *Calendar) WorkingDaysBetween(a, b Date) int {
	x, y := a.days(), b.days()
	if y <= x {
		return 0
	}
	return weekdaysBetween(x, y) - c.countOff(x, y)
}

// nthWorkingDay returns the day number of the n-th (n >= 1) working day strictly after start.
// It jumps by whole weekdays and then adds one weekday per holiday found in the last jump,
// so the cost grows with the number of holidays, not with n.
func (c *Calendar) nthWorkingDay(start, n int) int {
	due := addWeekdays(start, n)
	for k := c.countOff(start, due); k > 0; {
		prev := due
		due = addWeekdays(prev, k)
		k = c.countOff(prev, due)
	}
	return due
}

// countOff returns the number of weekday holidays in (a, b].
func (c *Calendar) countOff(a, b int) int {
	return indexOff(c.weekOff, b+1) - indexOff(c.weekOff, a+1)
}

// indexOff returns the index of the first entry on or after day.
func indexOff(s []offDay, day int) int {
	i, _ := searchOff(s, day)
	return i
}

func searchOff(s []offDay, day int) (int, bool) {
	return slices.BinarySearchFunc(s, day, func(o offDay, d int) int { return o.day - d })
}

func isWeekend(wd time.Weekday) bool { return wd == time.Saturday || wd == time.Sunday }

// addWeekdays returns the k-th (k >= 1) Monday–Friday strictly after day.
func addWeekdays(day, k int) int {
	// A weekend day counts like the Friday before it: the next weekday is the same Monday.
	switch weekdayOf(day) {
	case time.Saturday:
		day--
	case time.Sunday:
		day -= 2
	}
	mon := (int(weekdayOf(day)) + 6) % 7 // Monday 0 … Friday 4
	weeks, rem := k/5, k%5
	day += weeks*7 + rem
	if mon+rem > 4 {
		day += 2
	}
	return day
}

// weekdaysBetween returns the number of Monday–Friday days in (a, b] for a <= b.
func weekdaysBetween(a, b int) int {
	return weekdaysUpTo(b) - weekdaysUpTo(a)
}

// weekdaysUpTo counts weekdays from a fixed Monday (1970-01-05, day 4) through day, offset by a constant.
func weekdaysUpTo(day int) int {
	x := day - 4
	return 5*floorDiv(x, 7) + min(floorMod(x, 7)+1, 5)
}
