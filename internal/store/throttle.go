package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Throttle counts events per kind and subject over sliding windows, in PostgreSQL so a limit
// holds across instances; internal/throttle holds the rules (kinds, limits, windows).
type Throttle struct{ db *sqlx.DB }

// Throttle is the store's event counter.
func (s *Store) Throttle() *Throttle { return &Throttle{db: s.db} }

// ThrottleKey names one counter: what happened, and to or from whom.
type ThrottleKey struct {
	Kind    string
	Subject string
}

// ThrottleCount is what Count found: at most the limit asked for, and the oldest and newest
// of the events counted (zero when none).
type ThrottleCount struct {
	N      int
	Oldest time.Time
	Newest time.Time
}

// Hit records one event at time at for each key.
func (t *Throttle) Hit(ctx context.Context, at time.Time, keys ...ThrottleKey) error {
	kinds, subjects := make([]string, len(keys)), make([]string, len(keys))
	for i, k := range keys {
		kinds[i], subjects[i] = k.Kind, k.Subject
	}
	_, err := t.db.ExecContext(ctx, `
		INSERT INTO throttle_events (kind, subject, at)
		SELECT k, s, $3 FROM unnest($1::text[], $2::text[]) AS u(k, s)`, pqStrings(kinds), pqStrings(subjects), at)
	if err != nil {
		return fmt.Errorf("store: unable to record throttle event: %w", err)
	}
	return nil
}

// Count counts the key's events after since, the newest first and at most limit of them, so a
// flood of events never makes the count slower than the limit is long.
func (t *Throttle) Count(ctx context.Context, key ThrottleKey, since time.Time, limit int) (ThrottleCount, error) {
	var row struct {
		N      int          `db:"n"`
		Oldest sql.NullTime `db:"oldest"`
		Newest sql.NullTime `db:"newest"`
	}
	err := t.db.GetContext(ctx, &row, `
		SELECT count(*) AS n, min(at) AS oldest, max(at) AS newest FROM (
			SELECT at FROM throttle_events WHERE kind = $1 AND subject = $2 AND at > $3
			ORDER BY at DESC LIMIT $4) recent`, key.Kind, key.Subject, since, limit)
	if err != nil {
		return ThrottleCount{}, fmt.Errorf("store: unable to count throttle events: %w", err)
	}
	return ThrottleCount{N: row.N, Oldest: row.Oldest.Time, Newest: row.Newest.Time}, nil
}

// Clear forgets every event of the key.
func (t *Throttle) Clear(ctx context.Context, key ThrottleKey) error {
	if _, err := t.db.ExecContext(ctx, `DELETE FROM throttle_events WHERE kind = $1 AND subject = $2`, key.Kind, key.Subject); err != nil {
		return fmt.Errorf("store: unable to clear throttle events: %w", err)
	}
	return nil
}

// ClearPrefix forgets the events of kind whose subject starts with prefix (every client of one account).
func (t *Throttle) ClearPrefix(ctx context.Context, kind, prefix string) error {
	if _, err := t.db.ExecContext(ctx, `DELETE FROM throttle_events WHERE kind = $1 AND starts_with(subject, $2)`, kind, prefix); err != nil {
		return fmt.Errorf("store: unable to clear throttle events: %w", err)
	}
	return nil
}

// Purge deletes the events before a time, which no window reaches any more.
func (t *Throttle) Purge(ctx context.Context, before time.Time) (int64, error) {
	res, err := t.db.ExecContext(ctx, `DELETE FROM throttle_events WHERE at < $1`, before)
	if err != nil {
		return 0, fmt.Errorf("store: unable to purge throttle events: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}
