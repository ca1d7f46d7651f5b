package store

import (
	"context"
	"fmt"

	"github.com/terbuka-id/terbuka/internal/calendar"
)

// Reread is the request as this transaction has written it so far, for what follows a step.
func (t *CaseTx) Reread(ctx context.Context, id int64) (*Request, []Objection, []Dispute, error) {
	var r Request
	if err := t.tx.GetContext(ctx, &r, `SELECT `+requestColumns+requestFrom+`WHERE r.id = $1`, id); err != nil {
		return nil, nil, nil, fmt.Errorf("store: unable to reread request: %w", err)
	}
	var os []Objection
	if err := t.tx.SelectContext(ctx, &os, `SELECT `+objectionColumns+` FROM objections WHERE request_id = $1 ORDER BY id`, id); err != nil {
		return nil, nil, nil, fmt.Errorf("store: unable to reread objections: %w", err)
	}
	var ds []Dispute
	if err := t.tx.SelectContext(ctx, &ds, `SELECT `+disputeColumns+` FROM disputes WHERE request_id = $1 ORDER BY id`, id); err != nil {
		return nil, nil, nil, fmt.Errorf("store: unable to reread disputes: %w", err)
	}
	return &r, os, ds, nil
}

// SetClock stores the clock the office works to now, which orders the officers' queue.
func (t *CaseTx) SetClock(ctx context.Context, id int64, kind string, due calendar.Date) error {
	if _, err := t.tx.ExecContext(ctx, `UPDATE requests SET clock_kind = $2, clock_due = $3 WHERE id = $1`, id, kind, due); err != nil {
		return fmt.Errorf("store: unable to set the current clock: %w", err)
	}
	return nil
}
