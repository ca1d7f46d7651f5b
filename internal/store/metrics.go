package store

import (
	"context"
	"fmt"

	"github.com/terbuka-id/terbuka/internal/calendar"
)

// StateCount is a count under a label (an outbox status, a queue clock state).
type StateCount struct {
	State string `db:"state"`
	Count int64  `db:"count"`
}

// OutboxByStatus counts the outbox's mails per status (pending, sent, failed) for /metrics.
func (s *Store) OutboxByStatus(ctx context.Context) ([]StateCount, error) {
	var rows []StateCount
	if err := s.db.SelectContext(ctx, &rows, `SELECT status AS state, count(*) AS count FROM outbox GROUP BY status`); err != nil {
		return nil, fmt.Errorf("store: unable to count outbox: %w", err)
	}
	return rows, nil
}

// OpenByClockState counts open requests by the state of their statutory clock for /metrics:
// overdue, due_soon (on or before soon), running, or stopped (decided, waiting for delivery or
// closing). It reads every open request once; the open set is small next to the table.
func (s *Store) OpenByClockState(ctx context.Context, today, soon calendar.Date) ([]StateCount, error) {
	var rows []StateCount
	err := s.db.SelectContext(ctx, &rows, `
		SELECT CASE
				WHEN status NOT IN `+pendingStatuses+` THEN 'stopped'
				WHEN due_date < $1 THEN 'overdue'
				WHEN due_date <= $2 THEN 'due_soon'
				ELSE 'running' END AS state,
			count(*) AS count
		FROM requests WHERE closed_at IS NULL GROUP BY 1`, today, soon)
	if err != nil {
		return nil, fmt.Errorf("store: unable to count open requests by clock: %w", err)
	}
	return rows, nil
}
