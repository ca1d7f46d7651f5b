package workflow_test

import (
	"testing"

	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

func clockOf(cs []workflow.Clock, kind string) (workflow.Clock, int) {
	var found workflow.Clock
	n := 0
	for _, c := range cs {
		if c.Kind == kind {
			found, n = c, n+1
		}
	}
	return found, n
}

// TestClocksNameTheirStartEvents: each clock says what started it and from which day.
func TestClocksNameTheirStartEvents(t *testing.T) {
	t.Parallel()
	// Unanswered: the objection window runs from the lapsed due day (17 March).
	lapsed := workflow.Clocks(refCase(request.StatusInProcess), nil, nil, wib(2026, 3, 18, 9, 0), testCal)
	if c, _ := clockOf(lapsed, "response"); c.Due != refResponseDue || c.FromEvent != "request_received" || c.FromDate != day(2026, 3, 3) {
		t.Errorf("response %+v", c)
	}
	if c, _ := clockOf(lapsed, "objection_window"); c.FromEvent != "response_due_lapsed" || c.FromDate != refResponseDue {
		t.Errorf("objection window after the lapse %+v", c)
	}
	// Before the due date no objection window runs yet.
	if _, n := clockOf(workflow.Clocks(refCase(request.StatusInProcess), nil, nil, wib(2026, 3, 17, 9, 0), testCal), "objection_window"); n != 0 {
		t.Error("an objection window before any ground arose")
	}

	// A refusal received by post on 12 March: the window runs from its receipt.
	c := objectionCaseAfter(request.StatusRefused)
	c.Decision = request.StatusRefused
	c.NoticeDelivery = workflow.Delivery{SentAt: wib(2026, 3, 10, 15, 0), ReceivedOn: day(2026, 3, 12)}
	objection := workflow.ObjectionRecord{ReceivedAt: wib(2026, 4, 1, 9, 0), ResponseDue: day(2026, 5, 20)}
	// The atasan stayed silent past 20 May: the KI filing runs from that lapsed day.
	cs := workflow.Clocks(c, []workflow.ObjectionRecord{objection}, nil, wib(2026, 5, 21, 9, 0), testCal)
	if oc, n := clockOf(cs, "objection_response"); n != 1 || oc.FromEvent != "objection_received" || oc.FromDate != day(2026, 4, 1) {
		t.Errorf("objection response %+v (%d)", oc, n)
	}
	if dc, _ := clockOf(cs, "dispute_filing"); dc.FromEvent != "objection_response_lapsed" || dc.FromDate != objection.ResponseDue || dc.Due.IsZero() {
		t.Errorf("dispute filing after silence %+v", dc)
	}
	if _, n := clockOf(workflow.Clocks(c, nil, nil, wib(2026, 3, 13, 9, 0), testCal), "objection_window"); n != 1 {
		t.Error("no objection window after the notice")
	} else if wc, _ := clockOf(workflow.Clocks(c, nil, nil, wib(2026, 3, 13, 9, 0), testCal), "objection_window"); wc.FromEvent != "notice_received" || wc.FromDate != day(2026, 3, 12) {
		t.Errorf("objection window after the notice %+v", wc)
	}

	// A KI dispute: mediation shows no court window, adjudication does.
	d := workflow.DisputeRecord{KIReceived: day(2026, 6, 8), KIStartDue: day(2026, 6, 26), KIFinishDue: day(2026, 11, 2),
		AdjudicationDate: day(2026, 7, 1), RulingReceived: day(2026, 7, 10), OutcomeKind: workflow.DisputeMediation}
	if _, n := clockOf(workflow.Clocks(c, nil, []workflow.DisputeRecord{d}, wib(2026, 7, 13, 9, 0), testCal), "court_suit"); n != 0 {
		t.Error("a court window after a mediation agreement")
	}
	d.OutcomeKind = workflow.DisputeAdjudication
	cs = workflow.Clocks(c, nil, []workflow.DisputeRecord{d}, wib(2026, 7, 13, 9, 0), testCal)
	if cc, _ := clockOf(cs, "court_suit"); cc.FromEvent != "adjudication_ruling_received" || cc.FromDate != d.RulingReceived || cc.Due.IsZero() {
		t.Errorf("court suit %+v", cc)
	}
	if kc, _ := clockOf(cs, "ki_finish"); kc.Due != d.KIFinishDue || kc.FromDate != d.KIReceived {
		t.Errorf("ki finish %+v", kc)
	}
}
