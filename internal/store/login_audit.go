package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// LoginAttempt is one login, failed or successful, as the audit keeps it.
type LoginAttempt struct {
	ID        int64         `db:"id"`
	At        time.Time     `db:"at"`
	Email     string        `db:"email"`
	UserID    sql.NullInt64 `db:"user_id"`
	UserName  string        `db:"user_name"` // "" when the e-mail named no account
	Success   bool          `db:"success"`
	Reason    string        `db:"reason"` // ok, bad_credentials, throttled
	Client    string        `db:"client"`
	UserAgent string        `db:"user_agent"`
}

// RecordLoginAttempt appends one attempt to the login audit.
func (s *Store) RecordLoginAttempt(ctx context.Context, a LoginAttempt) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO login_audit (at, email, user_id, success, reason, client, user_agent)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, a.At, a.Email, a.UserID, a.Success, a.Reason, a.Client, a.UserAgent)
	if err != nil {
		return fmt.Errorf("store: unable to record login attempt: %w", err)
	}
	return nil
}

// LoginAttempts lists the audit newest first, limit rows from offset.
func (s *Store) LoginAttempts(ctx context.Context, limit, offset int) ([]LoginAttempt, error) {
	var as []LoginAttempt
	err := s.db.SelectContext(ctx, &as, `
		SELECT a.id, a.at, a.email, a.user_id, coalesce(u.name, '') AS user_name, a.success, a.reason, a.client, a.user_agent
		FROM login_audit a LEFT JOIN users u ON u.id = a.user_id
		ORDER BY a.at DESC, a.id DESC
		LIMIT $1 OFFSET $2`, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch login attempts: %w", err)
	}
	return as, nil
}

// PurgeLoginAttempts deletes audit rows before a time: client addresses are personal data (UU 27/2022).
func (s *Store) PurgeLoginAttempts(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM login_audit WHERE at < $1`, before)
	if err != nil {
		return 0, fmt.Errorf("store: unable to purge login attempts: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}
