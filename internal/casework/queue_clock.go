package casework

import (
	"context"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// withCase is the only way casework opens a case: after fn's writes it recomputes the clock the
// office works to now in the same transaction, so no step can leave the queue ordered by a stale one.
func (s *Service) withCase(ctx context.Context, sc access.Scope, id int64, fn func(tx *store.CaseTx, r *store.Request) error) error {
	return s.Store.WithCase(ctx, sc, id, func(tx *store.CaseTx, r *store.Request) error {
		if err := fn(tx, r); err != nil {
			return err
		}
		return s.refreshClock(ctx, tx, id)
	})
}

// refreshClock stores workflow.CurrentClock of the case as written so far.
func (s *Service) refreshClock(ctx context.Context, tx *store.CaseTx, id int64) error {
	r, objections, disputes, err := tx.Reread(ctx, id)
	if err != nil {
		return err
	}
	k := CurrentClock(r, objections, disputes, s.Now(), s.Calendar())
	return tx.SetClock(ctx, id, k.Kind, k.Due)
}

// CurrentClock is workflow.CurrentClock of stored request r.
func CurrentClock(r *store.Request, objections []store.Objection, disputes []store.Dispute, now time.Time, cal *calendar.Calendar) workflow.Clock {
	objs, ds := clockRecords(objections, disputes)
	return workflow.CurrentClock(Case(r), objs, ds, now, cal)
}

// clockRecords turns stored objections and disputes into what the workflow's clocks read.
func clockRecords(objections []store.Objection, disputes []store.Dispute) ([]workflow.ObjectionRecord, []workflow.DisputeRecord) {
	objs := make([]workflow.ObjectionRecord, 0, len(objections))
	for _, o := range objections {
		objs = append(objs, ObjectionRecord(&o))
	}
	ds := make([]workflow.DisputeRecord, 0, len(disputes))
	for _, d := range disputes {
		ds = append(ds, workflow.DisputeRecord{KIReceived: d.KIReceived, KIStartDue: d.KIStartDue, KIFinishDue: d.KIFinishDue,
			AdjudicationDate: d.AdjudicationDate, RulingReceived: d.RulingReceived, OutcomeKind: d.OutcomeKind})
	}
	return objs, ds
}
