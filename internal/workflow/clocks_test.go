package workflow_test

import (
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// TestObjectionWindowAfterLapse: the objection window after an unanswered request counts from the
// due day itself (Pasal 35(1)c, 36(1); DESIGN §2). The old code started on the day after, so every
// date it showed was one working day late. A filing on the next working day is still accepted.
func TestObjectionWindowAfterLapse(t *testing.T) {
	tests := []struct {
		name       string
		due        calendar.Date
		want       calendar.Date
		grace      calendar.Date
		refuseFrom calendar.Date
	}{
		// Fri 9 Oct 2026 → Fri 20 Nov; the old code (D0 Mon 12 Oct) showed Mon 23 Nov.
		{"due on a Friday", day(2026, 10, 9), day(2026, 11, 20), day(2026, 11, 23), day(2026, 11, 24)},
		// Tue 17 Mar 2026, the reference due day, before Nyepi and Idulfitri → Thu 7 May; the old code showed Fri 8 May.
		{"holidays after the due day", refResponseDue, day(2026, 5, 7), day(2026, 5, 8), day(2026, 5, 11)},
		// Wed 30 Dec 2026 across New Year 2027 → Thu 11 Feb 2027.
		{"year boundary", day(2026, 12, 30), day(2027, 2, 11), day(2027, 2, 12), day(2027, 2, 15)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := workflow.Case{Status: "diproses", DueDate: tt.due, ResponseDue: tt.due}
			at := func(d calendar.Date) time.Time { return wib(d.Year, d.Month, d.Day, 20, 0) }
			w, ok, why := workflow.ObjectionWindow(c, at(tt.want), testCal)
			if !ok || w.Due != tt.want || w.CountingFrom != tt.due {
				t.Fatalf("on the last day: ok %v (%s), due %v from %v; want due %v from %v", ok, why, w.Due, w.CountingFrom, tt.want, tt.due)
			}
			// Grace: accepted, but the date shown stays the strict one.
			if w, ok, _ := workflow.ObjectionWindow(c, at(tt.grace), testCal); !ok || w.Due != tt.want {
				t.Errorf("on the grace day %v: ok %v, due %v", tt.grace, ok, w.Due)
			}
			_, ok, why = workflow.ObjectionWindow(c, at(tt.refuseFrom), testCal)
			if ok || !strings.Contains(why, calendar.FormatID(tt.want)) {
				t.Errorf("after the grace day: ok %v, %q", ok, why)
			}
		})
	}
}

// TestDisputeWindowAfterSilence: the atasan's 30 days lapsing opens the KI filing with D0 = their
// last day (Pasal 37(2)); the old code counted from the day after.
func TestDisputeWindowAfterSilence(t *testing.T) {
	w := workflow.DisputeFilingWindow(calendar.Date{}, day(2026, 10, 9), testCal)
	if w.CountingFrom != day(2026, 10, 9) || w.Due != day(2026, 10, 29) || w.GraceUntil != day(2026, 10, 30) {
		t.Errorf("KI filing window from %v due %v grace %v; want from 9 Oct, due 29 Oct, grace 30 Oct 2026", w.CountingFrom, w.Due, w.GraceUntil)
	}
}

// TestObjectionWindowFromReceipt: Pasal 36(1) counts from when the requester received the notice
// (DESIGN §2): a letter by post received later moves the window later; e-mail sent after office
// hours still counts from the day sent; a letter received on a holiday counts from the next working
// day. The old code counted from the notice time the officer typed in every case.
func TestObjectionWindowFromReceipt(t *testing.T) {
	// Notice Friday 9 Oct 2026 10:00: from the notice, 30 WD → Fri 20 Nov 2026.
	base := workflow.Case{Status: "ditolak", DueDate: day(2026, 10, 16), NoticeAt: wib(2026, 10, 9, 10, 0)}
	tests := []struct {
		name     string
		delivery workflow.Delivery
		d0, due  calendar.Date
	}{
		{"sending not recorded: from the notice", workflow.Delivery{}, day(2026, 10, 9), day(2026, 11, 20)},
		// By post, sent Mon 12 Oct, receipt not yet known: from the sending day → Mon 23 Nov.
		{"post on its way: from the sending day", workflow.Delivery{SentAt: wib(2026, 10, 12, 9, 0)}, day(2026, 10, 12), day(2026, 11, 23)},
		// Received Wed 14 Oct: 30 WD → Wed 25 Nov.
		{"post received", workflow.Delivery{SentAt: wib(2026, 10, 12, 9, 0), ReceivedOn: day(2026, 10, 14)}, day(2026, 10, 14), day(2026, 11, 25)},
		// E-mail at 17:30 Fri 9 Oct, received that day: the office's closing hour does not move the requester's day.
		{"e-mail after office hours", workflow.Delivery{SentAt: wib(2026, 10, 9, 17, 30), ReceivedOn: day(2026, 10, 9)}, day(2026, 10, 9), day(2026, 11, 20)},
		// Received Saturday 10 Oct: D0 Mon 12 Oct → Mon 23 Nov.
		{"received on a Saturday", workflow.Delivery{SentAt: wib(2026, 10, 9, 9, 0), ReceivedOn: day(2026, 10, 10)}, day(2026, 10, 12), day(2026, 11, 23)},
		// Received Thu 24 Dec 2026 (cuti bersama), 25 Dec Natal: D0 Mon 28 Dec; 1 Jan 2027 provisional → Tue 9 Feb 2027.
		{"received at the year's end", workflow.Delivery{SentAt: wib(2026, 12, 23, 9, 0), ReceivedOn: day(2026, 12, 24)}, day(2026, 12, 28), day(2027, 2, 9)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base
			c.NoticeDelivery = tt.delivery
			w, ok, why := workflow.ObjectionWindow(c, wib(2026, 10, 20, 9, 0), testCal)
			if !ok || w.CountingFrom != tt.d0 || w.Due != tt.due {
				t.Errorf("ok %v (%s), D0 %v due %v; want D0 %v due %v", ok, why, w.CountingFrom, w.Due, tt.d0, tt.due)
			}
			if !w.GraceUntil.IsZero() {
				t.Errorf("a window counted from a receipt has a grace day %v", w.GraceUntil)
			}
		})
	}
}
