package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
)

// User is an officer or administrator account.
type User struct {
	ID           int64       `db:"id"`
	Email        string      `db:"email"`
	Name         string      `db:"name"`
	Role         access.Role `db:"role"`
	PasswordHash string      `db:"password_hash"`
	Active       bool        `db:"active"`
	CreatedAt    time.Time   `db:"created_at"`
	UnitID       int64       `db:"unit_id"`
	UnitKind     string      `db:"unit_kind"`
}

// Scope is what the account may read: its own unit's rows, or every unit's for the PPID Utama
// and administrators.
func (u *User) Scope() access.Scope { return access.ScopeOf(u.Role, u.UnitID, u.UnitKind == "utama") }

// Can reports whether the account's role holds permission p.
func (u *User) Can(p access.Permission) bool { return u != nil && access.Can(u.Role, p) }

const userColumns = `id, email, name, role, password_hash, active, created_at, unit_id,
	(SELECT kind FROM units WHERE units.id = users.unit_id) AS unit_kind`

// UserByEmail finds an account by e-mail, case-insensitively.
func (s *Store) UserByEmail(ctx context.Context, email string) (*User, error) {
	var u User
	err := s.db.GetContext(ctx, &u, `SELECT `+userColumns+` FROM users WHERE lower(email) = lower($1)`, email)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch user: %w", err)
	}
	return &u, nil
}

// UserByID finds an account by id.
func (s *Store) UserByID(ctx context.Context, id int64) (*User, error) {
	var u User
	err := s.db.GetContext(ctx, &u, `SELECT `+userColumns+` FROM users WHERE id = $1`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch user: %w", err)
	}
	return &u, nil
}

// EnsureUser creates the account unless one with that e-mail exists; it never overwrites.
func (s *Store) EnsureUser(ctx context.Context, email, name, role, passwordHash string) (created bool, err error) {
	res, err := s.db.ExecContext(ctx, `
		INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, $3, $4)
		ON CONFLICT (lower(email)) DO NOTHING`, email, name, role, passwordHash)
	if err != nil {
		return false, fmt.Errorf("store: unable to create user: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// RecordLoginFailure notes a failed login for each subject (e-mail, client address).
func (s *Store) RecordLoginFailure(ctx context.Context, subjects ...string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO login_failures (subject) SELECT unnest($1::text[])`, pqStrings(subjects))
	if err != nil {
		return fmt.Errorf("store: unable to record login failure: %w", err)
	}
	return nil
}

// LoginFailures counts the most failures of any of the subjects since the given time.
func (s *Store) LoginFailures(ctx context.Context, since time.Time, subjects ...string) (int, error) {
	var n int
	err := s.db.GetContext(ctx, &n, `
		SELECT coalesce(max(c), 0) FROM (
			SELECT count(*) AS c FROM login_failures
			WHERE subject = ANY($1::text[]) AND failed_at >= $2
			GROUP BY subject) per_subject`, pqStrings(subjects), since)
	if err != nil {
		return 0, fmt.Errorf("store: unable to count login failures: %w", err)
	}
	return n, nil
}

// ClearLoginFailures forgets the failures of a subject after a successful login, and old rows of everyone.
func (s *Store) ClearLoginFailures(ctx context.Context, subject string, olderThan time.Time) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM login_failures WHERE subject = $1 OR failed_at < $2`, subject, olderThan)
	if err != nil {
		return fmt.Errorf("store: unable to clear login failures: %w", err)
	}
	return nil
}
