package workflow_test

import (
	"testing"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// TestDisputeWindowFromAnswerReceipt: Pasal 37(2) and Perki 1/2013 count the KI filing from the day
// the requester received the atasan's written answer (DESIGN §2): post received later moves it later,
// an e-mail sent after office hours counts from the day sent, a letter received on a Saturday from
// the next working day; until a sending is recorded, from the answer's date. The old code counted
// from the answer's date in every case, so every row but the first showed 28 Oct.
func TestDisputeWindowFromAnswerReceipt(t *testing.T) {
	// The atasan upheld the decision on Thu 8 Oct 2026 10:00; the objection was due 30 Oct.
	base := workflow.ObjectionRecord{ReceivedAt: wib(2026, 9, 17, 9, 0), ResponseDue: day(2026, 10, 30),
		AnsweredAt: wib(2026, 10, 8, 10, 0), Upheld: true}
	tests := []struct {
		name     string
		delivery workflow.Delivery
		from, d0 calendar.Date
		event    string
		due      calendar.Date
	}{
		// From Thu 8 Oct, 14 WD → Wed 28 Oct.
		{"sending not recorded: from the answer", workflow.Delivery{}, day(2026, 10, 8), day(2026, 10, 8), "objection_answered", day(2026, 10, 28)},
		// By post, sent Mon 12 Oct, receipt not yet known: from the sending day → Fri 30 Oct.
		{"post on its way: from the sending day", workflow.Delivery{SentAt: wib(2026, 10, 12, 9, 0)}, day(2026, 10, 12), day(2026, 10, 12), "answer_received", day(2026, 10, 30)},
		// Received Wed 14 Oct → Tue 3 Nov.
		{"post received later", workflow.Delivery{SentAt: wib(2026, 10, 12, 9, 0), ReceivedOn: day(2026, 10, 14)}, day(2026, 10, 14), day(2026, 10, 14), "answer_received", day(2026, 11, 3)},
		// E-mail at 17:30 Fri 9 Oct, received that day: the office's closing hour does not move the requester's day → Thu 29 Oct.
		{"e-mail after office hours", workflow.Delivery{SentAt: wib(2026, 10, 9, 17, 30), ReceivedOn: day(2026, 10, 9)}, day(2026, 10, 9), day(2026, 10, 9), "answer_received", day(2026, 10, 29)},
		// Received Saturday 10 Oct: D0 Mon 12 Oct → Fri 30 Oct.
		{"received on a Saturday", workflow.Delivery{SentAt: wib(2026, 10, 9, 9, 0), ReceivedOn: day(2026, 10, 10)}, day(2026, 10, 10), day(2026, 10, 12), "answer_received", day(2026, 10, 30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := base
			o.AnswerDelivery = tt.delivery
			w, ok := o.DisputeWindowAfterAnswer(testCal)
			if !ok || w.CountingFrom != tt.d0 || w.Due != tt.due {
				t.Errorf("window: ok %v, D0 %v due %v; want D0 %v due %v", ok, w.CountingFrom, w.Due, tt.d0, tt.due)
			}
			if !w.GraceUntil.IsZero() {
				t.Errorf("a window counted from a receipt has a grace day %v", w.GraceUntil)
			}
			// The clocks list shows the same date, with the event and day it runs from.
			c := workflow.Case{Status: "ditolak", DueDate: day(2026, 9, 1), NoticeAt: wib(2026, 9, 1, 10, 0), Decision: "ditolak",
				LastObjectionAt: o.ReceivedAt}
			var got *workflow.Clock
			for _, k := range workflow.Clocks(c, []workflow.ObjectionRecord{o}, nil, wib(2026, 10, 20, 9, 0), testCal) {
				if k.Kind == "dispute_filing" {
					got = &k
				}
			}
			if got == nil || got.Due != tt.due || got.FromEvent != tt.event || got.FromDate != tt.from {
				t.Errorf("clock %+v; want due %v from %s %v", got, tt.due, tt.event, tt.from)
			}
		})
	}
	// Unanswered: no window after an answer (the silence window is DisputeFilingWindow's).
	if _, ok := (workflow.ObjectionRecord{ResponseDue: day(2026, 10, 30)}).DisputeWindowAfterAnswer(testCal); ok {
		t.Error("an unanswered objection has a window after its answer")
	}
}
