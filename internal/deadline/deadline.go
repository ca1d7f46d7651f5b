package deadline

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
)

// Deadline is a computed clock that can explain itself (DESIGN §2).
type Deadline struct {
	Rule         Rule
	EventAt      time.Time          // the triggering event; zero when D0 was fixed by law (FromDay)
	CountingFrom calendar.Date      // D0
	StartNotes   []string           // why D0 is not the event's local date (Indonesian)
	Due          calendar.Date      // the last day, inclusive
	DueBefore    time.Time          // first instant after Due in the office zone: the exclusive bound
	Skipped      []calendar.Skipped // weekday holidays passed over after D0
	Warnings     []string           // years touched without loaded holiday data (Indonesian)
	// ProvisionalYears are the years without a loaded SKB from the event through Due: while any
	// remains, Due rests on provisional holidays and may move once the SKB is entered (DESIGN §2).
	ProvisionalYears []int
	// GraceUntil is the last day a filing is still accepted when it is later than Due (a window
	// after a lapse); zero when the office accepts nothing after Due.
	GraceUntil calendar.Date
}

// Accepts reports whether a filing made on day is in time: up to Due, or the grace day after a lapse.
func (d Deadline) Accepts(day calendar.Date) bool {
	last := d.Due
	if d.GraceUntil.After(last) {
		last = d.GraceUntil
	}
	return !day.After(last)
}

// FromReceipt runs a clock the law counts from the requester's receipt of a letter (UU 14/2008
// Pasal 36(1), 37(2)): D0 is the day received, or the next working day when it is not one.
func FromReceipt(cal *calendar.Calendar, r Rule, received calendar.Date) Deadline {
	// Midnight: the hour of receipt does not matter, only whether the day is a working day.
	d := Compute(cal, r, received.In(cal.Location()))
	d.EventAt = time.Time{}
	return d
}

// AfterLapse runs the other side's window once a deadline lapsed without an answer (UU 14/2008
// Pasal 35(1)c and 36(1); Pasal 37(2)). DESIGN §2: D0 is the due day itself, so no date shown is
// later than a strict reading allows; a filing on the next working day is still accepted, as the
// law does not say which day counts and the doubt goes to the citizen.
func AfterLapse(cal *calendar.Calendar, r Rule, due calendar.Date) Deadline {
	d := FromDay(cal, r, due)
	d.GraceUntil = cal.AddWorkingDays(d.Due, 1).Due
	return d
}

// Provisional reports whether Due may still move because a year it depends on has no SKB loaded.
func (d Deadline) Provisional() bool { return len(d.ProvisionalYears) > 0 }

// ShiftNotice is the sentence shown beside a provisional Due; "" when Due is final.
func (d Deadline) ShiftNotice() string { return calendar.ShiftNotice(d.ProvisionalYears) }

// Compute starts the clock at the event: D0 by the calendar's StartDay rule, then r.Days working days.
func Compute(cal *calendar.Calendar, r Rule, event time.Time) Deadline {
	d0, notes := cal.StartDay(event)
	d := FromDay(cal, r, d0)
	d.EventAt = event
	d.StartNotes = notes
	// The receipt day's own year decided whether D0 moved, so it is checked too.
	local := calendar.DateOf(event.In(cal.Location()))
	d.Warnings = union(cal.YearWarnings(local, d0), d.Warnings)
	d.ProvisionalYears = cal.ProvisionalYears(local, d.Due)
	return d
}

// FromDay runs the clock from a D0 fixed by law, e.g. the extension from the end of the 10-day period.
func FromDay(cal *calendar.Calendar, r Rule, d0 calendar.Date) Deadline {
	s := cal.AddWorkingDays(d0, r.Days)
	return Deadline{
		Rule:         r,
		CountingFrom: s.From,
		Due:          s.Due,
		DueBefore:    s.Due.AddDays(1).In(cal.Location()),
		Skipped:      s.Skipped,
		Warnings:     s.Warnings,

		ProvisionalYears: cal.ProvisionalYears(s.From, s.Due),
	}
}

// Overdue reports whether now is past the end of the due day.
func (d Deadline) Overdue(now time.Time) bool {
	return !now.Before(d.DueBefore)
}

// Explain returns a multi-line Indonesian explanation: rule and article, event, D0 and why, skipped days, due date, warnings.
func (d Deadline) Explain() string {
	loc := d.DueBefore.Location()
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d hari kerja menurut %s.\n", d.Rule.Label, d.Rule.Days, d.Rule.Article)
	if !d.EventAt.IsZero() {
		t := d.EventAt.In(loc)
		fmt.Fprintf(&b, "Peristiwa: %s pukul %s %s.\n", calendar.FormatIDLong(calendar.DateOf(t)), t.Format("15:04"), calendar.ZoneName(t))
	}
	fmt.Fprintf(&b, "Dihitung sejak %s", calendar.FormatIDLong(d.CountingFrom))
	switch {
	case len(d.StartNotes) > 0:
		fmt.Fprintf(&b, ", hari kerja berikutnya, karena %s.\n", strings.Join(d.StartNotes, "; "))
	case !d.EventAt.IsZero():
		b.WriteString(", tanggal peristiwa.\n")
	default:
		b.WriteString(".\n")
	}
	if len(d.Skipped) == 0 {
		b.WriteString("Tidak ada hari libur yang dilewati.\n")
	} else {
		parts := make([]string, len(d.Skipped))
		for i, s := range d.Skipped {
			parts[i] = calendar.FormatID(s.Date) + " (" + s.Name + ")"
			if s.Provisional {
				// DESIGN §2: a day skipped only by a fixed holiday of a year without SKB says so.
				parts[i] = calendar.FormatID(s.Date) + " (" + s.Name + ", hari libur sementara)"
			}
		}
		fmt.Fprintf(&b, "Hari libur yang dilewati: %s.\n", strings.Join(parts, ", "))
	}
	fmt.Fprintf(&b, "Tenggat: akhir hari %s.", calendar.FormatIDLong(d.Due))
	if n := d.ShiftNotice(); n != "" {
		b.WriteString(" " + n)
	}
	for _, w := range d.Warnings {
		b.WriteString("\nPeringatan: " + w)
	}
	return b.String()
}

// RequestClocks are the clocks of one information request: the written notice, its possible
// extension, and the requester's objection window should either lapse without a notice.
type RequestClocks struct {
	ReceivedAt   time.Time
	CountingFrom calendar.Date
	ResponseDue  calendar.Date
	ExtendedDue  calendar.Date
	Skipped      []calendar.Skipped // union of both spans, sorted, no duplicates
	Warnings     []string           // union of both spans, no duplicates
	Response     Deadline
	Extended     Deadline
	// The last day to object when no notice has come by ResponseDue / ExtendedDue.
	ObjectionIfUnanswered         Deadline
	ObjectionIfExtendedUnanswered Deadline
}

// ForRequest computes the request clocks from the receipt time.
func ForRequest(cal *calendar.Calendar, receivedAt time.Time) RequestClocks {
	resp := Compute(cal, Response, receivedAt)
	// UU 14/2008 Pasal 22(8): the extension runs on from the end of the 10-day period.
	ext := FromDay(cal, Extension, resp.Due)
	// UU 14/2008 Pasal 35(1)c, 36(1): an unanswered request may be objected to within 30 working
	// days; the strict reading counts them from the due day itself (D0 = due day, DESIGN §2).
	objResp, objExt := AfterLapse(cal, ObjectionWindow, resp.Due), AfterLapse(cal, ObjectionWindow, ext.Due)
	// Each later clock starts where an earlier one ended, so it is as provisional as the chain from receipt.
	local := calendar.DateOf(receivedAt.In(cal.Location()))
	for _, d := range []*Deadline{&ext, &objResp, &objExt} {
		d.ProvisionalYears = cal.ProvisionalYears(local, d.Due)
	}
	return RequestClocks{
		ReceivedAt:   receivedAt,
		CountingFrom: resp.CountingFrom,
		ResponseDue:  resp.Due,
		ExtendedDue:  ext.Due,
		Skipped:      mergeSkipped(resp.Skipped, ext.Skipped),
		Warnings:     union(resp.Warnings, ext.Warnings),
		Response:     resp,
		Extended:     ext,

		ObjectionIfUnanswered:         objResp,
		ObjectionIfExtendedUnanswered: objExt,
	}
}

// mergeSkipped returns the skipped days of both spans, sorted by date, one entry per date.
func mergeSkipped(a, b []calendar.Skipped) []calendar.Skipped {
	if len(a)+len(b) == 0 {
		return nil
	}
	out := make([]calendar.Skipped, 0, len(a)+len(b))
	out = append(append(out, a...), b...)
	slices.SortStableFunc(out, func(x, y calendar.Skipped) int { return x.Date.Compare(y.Date) })
	return slices.CompactFunc(out, func(x, y calendar.Skipped) bool { return x.Date.Compare(y.Date) == 0 })
}

// union returns the strings of a then b, first occurrence kept, in order.
func union(a, b []string) []string {
	var out []string
	for _, s := range slices.Concat(a, b) {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
