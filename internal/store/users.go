package store

import (
	"context"
	"database/sql"
	"encoding/json"
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
	// SessionGeneration moves on at every password change; sessions of an older one are over.
	SessionGeneration int64 `db:"session_generation"`
}

// Scope is what the account may read: its own unit's rows, or every unit's for the PPID Utama
// and administrators.
func (u *User) Scope() access.Scope { return access.ScopeOf(u.Role, u.UnitID, u.UnitKind == "utama") }

// Can reports whether the account's role holds permission p.
func (u *User) Can(p access.Permission) bool { return u != nil && access.Can(u.Role, p) }

// userColumns are User's columns, in the order SessionWithUser (sessions.go) scans them.
const userColumns = `id, email, name, role, password_hash, active, created_at, unit_id, session_generation,
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

// UserListItem is one account in the administrator's list.
type UserListItem struct {
	ID        int64       `db:"id"`
	Email     string      `db:"email"`
	Name      string      `db:"name"`
	Role      access.Role `db:"role"`
	Active    bool        `db:"active"`
	CreatedAt time.Time   `db:"created_at"`
	UnitID    int64       `db:"unit_id"`
	UnitName  string      `db:"unit_name"`
}

// Users lists every account, active ones first, by name.
func (s *Store) Users(ctx context.Context) ([]UserListItem, error) {
	var us []UserListItem
	err := s.db.SelectContext(ctx, &us, `
		SELECT u.id, u.email, u.name, u.role, u.active, u.created_at, u.unit_id, un.name AS unit_name
		FROM users u JOIN units un ON un.id = u.unit_id
		ORDER BY u.active DESC, lower(u.name), u.id`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch users: %w", err)
	}
	return us, nil
}

// NewUser is an account an administrator creates.
type NewUser struct {
	Email        string
	Name         string
	Role         access.Role
	UnitID       int64
	PasswordHash string
}

// CreateUser adds the account and, when m is set, queues its invitation in the same statement.
// ErrConflict when the e-mail is taken, in any letter case.
func (s *Store) CreateUser(ctx context.Context, u NewUser, m *Mail) (int64, error) {
	tmpl, recipient, data, secrets := "", "", []byte("{}"), []byte(nil)
	if m != nil {
		var err error
		if data, err = json.Marshal(m.Data); err != nil {
			return 0, fmt.Errorf("store: unable to encode mail data: %w", err)
		}
		tmpl, recipient, secrets = m.Template, m.Recipient, m.Secrets
	}
	var id int64
	err := s.db.GetContext(ctx, &id, `
		WITH u AS (
			INSERT INTO users (email, name, role, password_hash, unit_id) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (lower(email)) DO NOTHING
			RETURNING id
		), mail AS (
			INSERT INTO outbox (template, recipient, data, secrets) SELECT $6, $7, $8::jsonb, $9 FROM u WHERE $6 <> ''
		)
		SELECT id FROM u`, u.Email, u.Name, u.Role, u.PasswordHash, u.UnitID, tmpl, recipient, string(data), secrets)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrConflict
	}
	if err != nil {
		return 0, fmt.Errorf("store: unable to create user: %w", err)
	}
	return id, nil
}

// SetUserActive activates or deactivates an account; ErrNotFound when there is none.
func (s *Store) SetUserActive(ctx context.Context, id int64, active bool) error {
	res, err := s.db.ExecContext(ctx, `UPDATE users SET active = $2 WHERE id = $1`, id, active)
	if err != nil {
		return fmt.Errorf("store: unable to update user: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// SetUserPassword replaces an account's password hash and ends its open sessions by moving it to
// the next session generation (ASVS 3.3.2); ErrNotFound when there is none.
func (s *Store) SetUserPassword(ctx context.Context, id int64, hash string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE users SET password_hash = $2, session_generation = session_generation + 1
		WHERE id = $1`, id, hash)
	if err != nil {
		return fmt.Errorf("store: unable to set password: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}
