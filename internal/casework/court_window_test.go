package casework_test

import (
	"testing"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// TestCourtWindowFollowsAdjudicationNotMediation: the 14 working days of Pasal 48(1) follow a KI
// adjudication ruling. A dispute settled by mediation with its agreement received has no court
// window; the same dispute recorded as an adjudication ruling does. The old code set a court
// deadline whenever a ruling's receipt was entered, mediation included.
func TestCourtWindowFollowsAdjudicationNotMediation(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	id := o.submit()
	atasan := o.user("atasan")
	o.set(at(28, 10))
	in := casework.DisputeInput{KINumber: "013/REG-PSI/X/2026", KIReceived: calendar.NewDate(2026, 10, 12),
		MediationDate: calendar.NewDate(2026, 10, 19), OutcomeKind: workflow.DisputeMediation, Outcome: "Sepakat: informasi diberikan",
		RulingDate: calendar.NewDate(2026, 10, 22), RulingReceived: calendar.NewDate(2026, 10, 23)}
	if errs, err := o.cw.SaveDispute(o.ctx, atasan, id, in); err != nil {
		t.Fatal(err, errs)
	}
	ds, err := o.s.Disputes(o.ctx, id)
	o.must(err)
	if len(ds) != 1 || !ds[0].CourtDue.IsZero() || ds[0].OutcomeKind != workflow.DisputeMediation {
		t.Fatalf("mediation: %+v", ds)
	}

	// An adjudication needs its date; an unknown kind is refused.
	in.ID, in.OutcomeKind = ds[0].ID, workflow.DisputeAdjudication
	if errs, err := o.cw.SaveDispute(o.ctx, atasan, id, in); err == nil || errs["adjudication_date"] == "" {
		t.Errorf("adjudication without its date: %v %v", err, errs)
	}
	in.OutcomeKind = "damai"
	if errs, err := o.cw.SaveDispute(o.ctx, atasan, id, in); err == nil || errs["outcome_kind"] == "" {
		t.Errorf("unknown outcome kind: %v %v", err, errs)
	}

	// Received Friday 23 October: 14 working days to Thursday 12 November.
	in.OutcomeKind, in.AdjudicationDate = workflow.DisputeAdjudication, calendar.NewDate(2026, 10, 20)
	if errs, err := o.cw.SaveDispute(o.ctx, atasan, id, in); err != nil {
		t.Fatal(err, errs)
	}
	ds, err = o.s.Disputes(o.ctx, id)
	o.must(err)
	if len(ds) != 1 || ds[0].CourtDue != calendar.NewDate(2026, 11, 12) || ds[0].OutcomeKind != workflow.DisputeAdjudication {
		t.Errorf("adjudication: %+v", ds)
	}
}
