package store

import (
	"context"
	"fmt"
)

// AdminCounts are the figures on the administrator's index page.
type AdminCounts struct {
	Users         int `db:"users"`
	ActiveUsers   int `db:"active_users"`
	Units         int `db:"units"`
	ActiveUnits   int `db:"active_units"`
	OutboxPending int `db:"outbox_pending"`
	OutboxFailed  int `db:"outbox_failed"`
}

// AdminCounts counts accounts, units and mail waiting or failed.
func (s *Store) AdminCounts(ctx context.Context) (AdminCounts, error) {
	var c AdminCounts
	err := s.db.GetContext(ctx, &c, `
		SELECT
			(SELECT count(*) FROM users) AS users,
			(SELECT count(*) FROM users WHERE active) AS active_users,
			(SELECT count(*) FROM units) AS units,
			(SELECT count(*) FROM units WHERE active) AS active_units,
			(SELECT count(*) FROM outbox WHERE status = 'pending') AS outbox_pending,
			(SELECT count(*) FROM outbox WHERE status = 'failed') AS outbox_failed`)
	if err != nil {
		return AdminCounts{}, fmt.Errorf("store: unable to count admin figures: %w", err)
	}
	return c, nil
}
