package deadline

import (
	"testing"

	"github.com/terbuka-id/terbuka/internal/calendar"
)

// TestAfterLapse: after a lapse the window counts from the due day itself (DESIGN §2), and a filing
// on the next working day is still accepted; edges: weekend, holidays, the year boundary.
func TestAfterLapse(t *testing.T) {
	cal := newCal(true)
	tests := []struct {
		name       string
		rule       Rule
		due        calendar.Date
		want       calendar.Date // strict last day
		grace      calendar.Date // the one working day of grace
		refuseFrom calendar.Date
		prov       bool
	}{
		// Fri 9 Oct 2026: 12–16, 19–23, 26–30 Oct, 2–6, 9–13, 16–20 Nov → Fri 20 Nov; grace over the weekend, Mon 23 Nov.
		{"due on a Friday", ObjectionWindow, day(2026, 10, 9), day(2026, 11, 20), day(2026, 11, 23), day(2026, 11, 24), false},
		// Tue 17 Mar 2026: 18–24 Mar are Nyepi, Idulfitri and their cuti bersama; 1 May is skipped → Thu 7 May; grace Fri 8 May.
		{"holidays right after the due day", ObjectionWindow, day(2026, 3, 17), day(2026, 5, 7), day(2026, 5, 8), day(2026, 5, 9), false},
		// Wed 30 Dec 2026: 31 Dec, then 1 Jan 2027 (fixed by law, provisional) skipped → Thu 11 Feb 2027.
		{"year boundary", ObjectionWindow, day(2026, 12, 30), day(2027, 2, 11), day(2027, 2, 12), day(2027, 2, 13), true},
		// The atasan's 30 days end Fri 9 Oct 2026: KI filing 14 WD → Thu 29 Oct; grace Fri 30 Oct.
		{"KI filing after the atasan's silence", DisputeFiling, day(2026, 10, 9), day(2026, 10, 29), day(2026, 10, 30), day(2026, 11, 2), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := AfterLapse(cal, tt.rule, tt.due)
			if d.CountingFrom != tt.due || d.Due != tt.want || d.GraceUntil != tt.grace {
				t.Errorf("D0 %v due %v grace %v; want %v %v %v", d.CountingFrom, d.Due, d.GraceUntil, tt.due, tt.want, tt.grace)
			}
			if !d.Accepts(tt.want) || !d.Accepts(tt.grace) || d.Accepts(tt.refuseFrom) {
				t.Errorf("Accepts(%v, %v, %v) = %v %v %v, want true true false", tt.want, tt.grace, tt.refuseFrom,
					d.Accepts(tt.want), d.Accepts(tt.grace), d.Accepts(tt.refuseFrom))
			}
			if d.Provisional() != tt.prov {
				t.Errorf("provisional = %v, want %v", d.Provisional(), tt.prov)
			}
		})
	}
	// A window counted from an event has no grace: Accepts ends with Due.
	if d := FromDay(cal, ObjectionWindow, day(2026, 10, 9)); d.Accepts(day(2026, 11, 23)) {
		t.Error("a window from an event accepts a filing after its due day")
	}
	// The request summary uses the same rule, grace included.
	rc := ForRequest(cal, at(2026, 9, 25, 10, 0))
	if rc.ObjectionIfUnanswered.CountingFrom != rc.ResponseDue || rc.ObjectionIfUnanswered.GraceUntil.IsZero() {
		t.Errorf("summary window %+v", rc.ObjectionIfUnanswered)
	}
}
