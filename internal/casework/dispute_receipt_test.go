package casework_test

import (
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/letters"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// TestDisputeWindowRunsFromAnswerReceipt: the atasan upholds the refusal on Friday 16 October 2026,
// so until its letter's sending is recorded the KI filing is due Thursday 5 November (Pasal 37(2)
// from the answer's date). The answer letter goes by post on Monday 19 October and is received
// Thursday 22 October: the clocks (tracking API and pages) and the letter_sent history row now say
// Wednesday 11 November; the letter itself still states the date for receipt on its own date. The
// old code kept 5 November everywhere.
func TestDisputeWindowRunsFromAnswerReceipt(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	id := o.refusedAndClosed()
	o.set(at(9, 10))
	obj, errs, err := o.cw.FileObjection(o.ctx, o.user("petugas-utama"), id, filing, "walk_in")
	if err != nil {
		t.Fatal(err, errs)
	}
	o.set(at(16, 10))
	if errs, err := o.cw.AnswerObjection(o.ctx, o.user("atasan"), id, obj.ID, workflow.ObjectionUpheld, "Pengecualian Pasal 17 huruf h sudah tepat."); err != nil {
		t.Fatal(err, errs)
	}
	disputeClock := func() workflow.Clock {
		t.Helper()
		objs, err := o.s.Objections(o.ctx, id)
		o.must(err)
		ds, err := o.s.Disputes(o.ctx, id)
		o.must(err)
		for _, c := range casework.Clocks(o.request(id), objs, ds, o.clock.Now(), o.cal.Current()) {
			if c.Kind == "dispute_filing" {
				return c
			}
		}
		t.Fatal("no dispute_filing clock")
		return workflow.Clock{}
	}
	if c := disputeClock(); c.Due != calendar.NewDate(2026, 11, 5) || c.FromEvent != "objection_answered" {
		t.Errorf("before sending: %+v, want due 5 Nov from objection_answered", c)
	}

	var answer int64
	for _, l := range o.letters(id) {
		if letters.Kind(l.Kind) == letters.ObjectionAnswer {
			answer = l.ID
		}
	}
	o.set(at(23, 10))
	d := casework.LetterDelivery{Via: "pos", SentAt: at(19, 9), ReceivedOn: calendar.NewDate(2026, 10, 22)}
	if errs, err := o.cw.RecordLetterDelivery(o.ctx, o.user("ppid-utama"), id, answer, d); err != nil {
		t.Fatal(err, errs)
	}
	// Received Thursday 22 October: 14 working days → Wednesday 11 November.
	want := calendar.NewDate(2026, 11, 11)
	if c := disputeClock(); c.Due != want || c.FromEvent != "answer_received" || c.FromDate != calendar.NewDate(2026, 10, 22) {
		t.Errorf("after receipt: %+v, want due %v from answer_received 22 Oct", c, want)
	}
	if ev := o.lastEvent(id); ev.Kind != "letter_sent" || !ev.Public || !strings.Contains(ev.Note, "11 November 2026") {
		t.Errorf("letter_sent event %q (%s), want the new KI date", ev.Note, ev.Kind)
	}
	// The issued letter keeps its text: the date for receipt on the letter's own date.
	l, err := o.cw.LetterFor(o.ctx, nil, id, answer)
	o.must(err)
	if l.DisputeDue != calendar.NewDate(2026, 11, 5) {
		t.Errorf("letter's dispute date %v, want 5 Nov (receipt on its own date)", l.DisputeDue)
	}
}
