package casework_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/letters"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// noticeLetter is the case's written-notice letter.
func (o *office) noticeLetter(id int64) store.LetterRecord {
	o.t.Helper()
	for _, l := range o.letters(id) {
		if l.Kind == string(letters.Notice) {
			return l
		}
	}
	o.t.Fatal("no notice letter")
	return store.LetterRecord{}
}

// TestObjectionWindowRunsFromReceiptOfTheNotice: Pasal 36(1) counts the 30 working days from when
// the requester received the notice. The notice is dated Thursday 8 October 2026 (window to Thursday
// 19 November); it goes by post on Friday 9 October and arrives Tuesday 13 October, so the window
// runs to Tuesday 24 November. The old code counted from the typed notice date and refused an
// objection filed on 24 November.
func TestObjectionWindowRunsFromReceiptOfTheNotice(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	id := o.refusedAndClosed()
	window := func() calendar.Date {
		w, _, _ := workflow.ObjectionWindow(casework.Case(o.request(id)), o.clock.Now(), o.cal.Current())
		return w.Due
	}
	if got := window(); got != calendar.NewDate(2026, 11, 19) {
		t.Fatalf("before the sending is recorded: window to %v, want 19 Nov (from the notice)", got)
	}
	notice := o.noticeLetter(id)
	petugas := o.user("petugas-utama")
	o.set(at(12, 9))

	// Refused: the wrong role, another unit, a date in the future, before the letter, received before sent.
	before := o.snapshot()
	post := casework.LetterDelivery{Via: "pos", SentAt: at(9, 11)}
	if _, err := o.cw.RecordLetterDelivery(o.ctx, o.user("atasan"), id, notice.ID, post); !errors.Is(err, casework.ErrForbidden) {
		t.Errorf("atasan records a sending: %v", err)
	}
	if _, err := o.cw.RecordLetterDelivery(o.ctx, o.user("petugas-lain"), id, notice.ID, post); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("an officer of another unit records a sending: %v", err)
	}
	for name, tc := range map[string]struct {
		d     casework.LetterDelivery
		field string
	}{
		"unknown method":         {casework.LetterDelivery{Via: "merpati", SentAt: at(9, 11)}, "sent_via"},
		"no sending date":        {casework.LetterDelivery{Via: "pos"}, "sent_date"},
		"sent in the future":     {casework.LetterDelivery{Via: "pos", SentAt: at(12, 10)}, "sent_date"},
		"sent before its date":   {casework.LetterDelivery{Via: "pos", SentAt: at(7, 10)}, "sent_date"},
		"received before sent":   {casework.LetterDelivery{Via: "pos", SentAt: at(9, 11), ReceivedOn: calendar.NewDate(2026, 10, 8)}, "received_on"},
		"received in the future": {casework.LetterDelivery{Via: "kurir", SentAt: at(9, 11), ReceivedOn: calendar.NewDate(2026, 10, 13)}, "received_on"},
	} {
		errs, err := o.cw.RecordLetterDelivery(o.ctx, petugas, id, notice.ID, tc.d)
		refused(t, err, name)
		if errs[tc.field] == "" {
			t.Errorf("%s: field errors %v, want %s", name, errs, tc.field)
		}
	}
	o.unchanged(before, "refused sendings")

	// Sent by post, receipt not yet known: the window runs from the sending day, Friday 20 November.
	if errs, err := o.cw.RecordLetterDelivery(o.ctx, petugas, id, notice.ID, post); err != nil {
		t.Fatal(err, errs)
	}
	if got := window(); got != calendar.NewDate(2026, 11, 20) {
		t.Errorf("post on its way: window to %v, want 20 Nov", got)
	}
	// Received Tuesday 13 October.
	o.set(at(14, 9))
	post.ReceivedOn = calendar.NewDate(2026, 10, 13)
	if errs, err := o.cw.RecordLetterDelivery(o.ctx, petugas, id, notice.ID, post); err != nil {
		t.Fatal(err, errs)
	}
	l := o.noticeLetter(id)
	if l.SentVia.String != "pos" || !l.SentAt.Time.Equal(at(9, 11)) || l.ReceivedOn != calendar.NewDate(2026, 10, 13) {
		t.Errorf("letter %+v", l)
	}
	ev := o.lastEvent(id)
	checkEvent(t, ev, "letter_sent", "", "", true, petugas)
	if !strings.Contains(ev.Note, "Pos") || !strings.Contains(ev.Note, "13 Oktober 2026") {
		t.Errorf("note %q", ev.Note)
	}
	if got := window(); got != calendar.NewDate(2026, 11, 24) {
		t.Errorf("received 13 Oct: window to %v, want 24 Nov", got)
	}

	// On Tuesday 24 November the objection is still in time.
	o.set(time.Date(2026, time.November, 24, 15, 0, 0, 0, jakarta))
	if _, errs, err := o.cw.FileObjection(o.ctx, nil, id, filing, "web"); err != nil {
		t.Fatalf("objection on the last day counted from receipt: %v %v", err, errs)
	}
}

// TestEmailedLetterIsReceivedTheDaySent: an e-mail is received the day it is sent, whatever
// receipt date the form carried (DESIGN §2).
func TestEmailedLetterIsReceivedTheDaySent(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	id := o.refusedAndClosed()
	notice := o.noticeLetter(id)
	o.set(at(12, 9))
	if errs, err := o.cw.RecordLetterDelivery(o.ctx, o.user("ppid-utama"), id, notice.ID,
		casework.LetterDelivery{Via: "email", SentAt: at(9, 17), ReceivedOn: calendar.NewDate(2026, 10, 12)}); err != nil {
		t.Fatal(err, errs)
	}
	if l := o.noticeLetter(id); l.ReceivedOn != calendar.NewDate(2026, 10, 9) {
		t.Errorf("e-mail received on %v, want the day sent (9 Oct)", l.ReceivedOn)
	}
	// From Friday 9 October: Friday 20 November, although sent after office hours.
	w, _, _ := workflow.ObjectionWindow(casework.Case(o.request(id)), o.clock.Now(), o.cal.Current())
	if w.Due != calendar.NewDate(2026, 11, 20) {
		t.Errorf("window to %v, want 20 Nov", w.Due)
	}
}

// TestPaperObjectionCountsFromItsReceipt: an objection on paper received Friday 9 October 15:00 and
// typed in on Wednesday 14 October gives the atasan 30 working days from 9 October: Friday 20
// November (Pasal 36(2)). The old code counted from the typing: Wednesday 25 November.
func TestPaperObjectionCountsFromItsReceipt(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	id := o.refusedAndClosed() // notice Thursday 8 October 14:00
	petugas := o.user("petugas-utama")
	o.set(at(14, 10))
	before := o.snapshot()
	for name, tc := range map[string]time.Time{
		"received in the future":     at(14, 11),
		"received before the notice": at(7, 10),
	} {
		paper := filing
		paper.ReceivedAt = tc
		_, _, err := o.cw.FileObjection(o.ctx, petugas, id, paper, "letter")
		if r := refused(t, err, name); r.Field != "received_date" {
			t.Errorf("%s: refusal on %q, want received_date", name, r.Field)
		}
	}
	o.unchanged(before, "refused paper objections")

	paper := filing
	paper.ReceivedAt = at(9, 15)
	obj, errs, err := o.cw.FileObjection(o.ctx, petugas, id, paper, "letter")
	if err != nil {
		t.Fatal(err, errs)
	}
	if !obj.ReceivedAt.Equal(at(9, 15)) || obj.ResponseDue != calendar.NewDate(2026, 11, 20) {
		t.Errorf("objection received %v, atasan due %v; want 9 Oct 15:00 and 20 Nov", obj.ReceivedAt, obj.ResponseDue)
	}
	if !strings.Contains(o.lastEvent(id).Note, "20 November 2026") {
		t.Errorf("note %q", o.lastEvent(id).Note)
	}
}

// TestPaperObjectionReceivedInTimeIsAccepted: an objection received on paper within the window is
// accepted although it is typed in after the window ended (the check is as of its receipt).
func TestPaperObjectionReceivedInTimeIsAccepted(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	id := o.refusedAndClosed() // window to Thursday 19 November
	o.set(time.Date(2026, time.November, 23, 10, 0, 0, 0, jakarta))
	paper := filing
	paper.ReceivedAt = time.Date(2026, time.November, 19, 11, 0, 0, 0, jakarta)
	if _, errs, err := o.cw.FileObjection(o.ctx, o.user("petugas-utama"), id, paper, "letter"); err != nil {
		t.Fatalf("paper objection received on the last day: %v %v", err, errs)
	}
	// Without a receipt time it counts as received now, after the window: refused.
	o2 := newOffice(t)
	id2 := o2.refusedAndClosed()
	o2.set(time.Date(2026, time.November, 23, 10, 0, 0, 0, jakarta))
	_, _, err := o2.cw.FileObjection(o2.ctx, o2.user("petugas-utama"), id2, filing, "walk_in")
	refused(t, err, "objection typed in after the window")
}
