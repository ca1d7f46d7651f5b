package workflow

import (
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/deadline"
	"github.com/terbuka-id/terbuka/internal/request"
)

// Clock is one running or finished statutory clock of a case, with the event it runs from, so a
// requester's client can show every deadline and why (DESIGN §2: every deadline explains itself).
type Clock struct {
	Kind        string        `json:"kind"`        // response, extension, delivery, objection_window, objection_response, dispute_filing, ki_start, ki_finish, court_suit
	Due         calendar.Date `json:"due"`         // the last day, inclusive
	Article     string        `json:"article"`     // the rule that sets it
	Provisional bool          `json:"provisional"` // rests on holidays of a year without SKB
	FromEvent   string        `json:"from_event"`  // what started it, e.g. request_received, notice_received, delivery_due_lapsed
	FromDate    calendar.Date `json:"from_date"`   // the day of that event (D0 for a clock counted from it)
}

// ObjectionRecord is what the clocks need of a filed objection.
type ObjectionRecord struct {
	ReceivedAt  time.Time
	ResponseDue calendar.Date
	AnsweredAt  time.Time // zero while the atasan has not answered
	Upheld      bool      // the atasan upheld the decision (the requester may go to the KI)
	// AnswerDelivery is how the atasan's answer letter reached the requester (zero until recorded).
	AnswerDelivery Delivery
}

// AnswerReceivedDay is the day the KI filing after the atasan's written answer runs from (UU 14/2008
// Pasal 37(2); Perki 1/2013): the day the requester received the answer letter; until its sending is
// recorded, the day of the answer. event names it (answer_received or objection_answered); the day is
// zero while the objection is unanswered.
func (o ObjectionRecord) AnswerReceivedDay(loc *time.Location) (day calendar.Date, event string) {
	if o.AnsweredAt.IsZero() {
		return calendar.Date{}, ""
	}
	if received := o.AnswerDelivery.ReceivedDay(loc); !received.IsZero() {
		return received, "answer_received"
	}
	return calendar.DateOf(o.AnsweredAt.In(loc)), "objection_answered"
}

// DisputeWindowAfterAnswer is the KI filing window after the atasan's written answer: 14 working
// days from AnswerReceivedDay (Pasal 37(2)). Every place that shows this date asks it; ok is false
// while the objection is unanswered.
func (o ObjectionRecord) DisputeWindowAfterAnswer(cal *calendar.Calendar) (w deadline.Deadline, ok bool) {
	received, _ := o.AnswerReceivedDay(cal.Location())
	if received.IsZero() {
		return deadline.Deadline{}, false
	}
	return DisputeFilingWindow(received, calendar.Date{}, cal), true
}

// DisputeRecord is what the clocks need of a dispute at the Komisi Informasi.
type DisputeRecord struct {
	KIReceived, KIStartDue, KIFinishDue calendar.Date
	AdjudicationDate, RulingReceived    calendar.Date
	OutcomeKind                         string
}

// Clocks lists every clock of case c that runs or ran, oldest first. It is the one source of the
// deadlines the tracking page, the case page and the tracking API show.
func Clocks(c Case, objections []ObjectionRecord, disputes []DisputeRecord, now time.Time, cal *calendar.Calendar) []Clock {
	loc := cal.Location()
	var out []Clock
	add := func(kind string, due calendar.Date, article, event string, from calendar.Date, provisionalFrom calendar.Date) {
		if due.IsZero() {
			return
		}
		out = append(out, Clock{Kind: kind, Due: due, Article: article, FromEvent: event, FromDate: from,
			Provisional: len(cal.ProvisionalYears(provisionalFrom, due)) > 0})
	}
	received := calendar.DateOf(c.ReceivedAt.In(loc))
	// Pasal 22(7): 10 working days from the request; Pasal 22(8): the extension from their end.
	add(deadline.Response.Name, c.ResponseDue, deadline.Response.Article, "request_received", received, received)
	add(deadline.Extension.Name, c.ExtendedDue, deadline.Extension.Article, "response_due", c.ResponseDue, received)
	if !c.NoticeAt.IsZero() && !c.DeliveryDue.IsZero() && (c.Decision == request.StatusGranted || c.Decision == request.StatusPartial) {
		notice := calendar.DateOf(c.NoticeAt.In(loc))
		add("delivery", c.DeliveryDue, "UU 14/2008 Pasal 22(7) (waktu penyerahan dalam pemberitahuan)", "notice", notice, notice)
	}
	if w, _, _ := ObjectionWindow(c, now, cal); !w.Due.IsZero() {
		event := "response_due_lapsed"
		switch late, ok := c.lateDelivery(calendar.DateOf(now.In(loc)), loc); {
		case ok && w.CountingFrom == late:
			event = "delivery_due_lapsed"
		case !c.NoticeDelivery.ReceivedDay(loc).IsZero():
			event = "notice_received"
		case !c.NoticeAt.IsZero():
			event = "notice"
		}
		out = append(out, Clock{Kind: deadline.ObjectionWindow.Name, Due: w.Due, Article: w.Rule.Article, FromEvent: event,
			FromDate: w.CountingFrom, Provisional: w.Provisional()})
	}
	today := calendar.DateOf(now.In(loc))
	for _, o := range objections {
		at := calendar.DateOf(o.ReceivedAt.In(loc))
		add(deadline.ObjectionResponse.Name, o.ResponseDue, deadline.ObjectionResponse.Article, "objection_received", at, at)
		// Pasal 37(2): the KI filing after an upheld answer, or after the atasan's 30 days lapsed unanswered.
		switch {
		case !o.AnsweredAt.IsZero() && o.Upheld:
			from, event := o.AnswerReceivedDay(loc)
			w, _ := o.DisputeWindowAfterAnswer(cal)
			add(w.Rule.Name, w.Due, w.Rule.Article, event, from, from)
		case o.AnsweredAt.IsZero() && today.After(o.ResponseDue):
			w := DisputeFilingWindow(calendar.Date{}, o.ResponseDue, cal)
			add(w.Rule.Name, w.Due, w.Rule.Article, "objection_response_lapsed", o.ResponseDue, at)
		}
	}
	for _, d := range disputes {
		add(deadline.KIStart.Name, d.KIStartDue, deadline.KIStart.Article, "dispute_received", d.KIReceived, d.KIReceived)
		add(deadline.KIFinish.Name, d.KIFinishDue, deadline.KIFinish.Article, "dispute_received", d.KIReceived, d.KIReceived)
		if w, ok := CourtWindow(d.OutcomeKind, d.AdjudicationDate, d.RulingReceived, cal); ok {
			add(w.Rule.Name, w.Due, w.Rule.Article, "adjudication_ruling_received", d.RulingReceived, d.RulingReceived)
		}
	}
	return out
}
