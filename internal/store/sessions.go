package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
)

// SessionWithUser reads a live session's sealed data and, in the same statement, the account
// its row names (nil when none, or when that account is gone): one round trip per signed-in
// request instead of two, the account as current as the session.
func (s *Store) SessionWithUser(ctx context.Context, token string) (data []byte, u *User, found bool, err error) {
	var (
		id, unitID, generation sql.NullInt64
		email, name, role      sql.NullString
		hash, unitKind         sql.NullString
		active                 sql.NullBool
		created                sql.NullTime
	)
	// userColumns, unqualified: no column of sessions shares a name with them.
	err = s.db.QueryRowContext(ctx, `SELECT s.data, `+userColumns+`
		FROM sessions s LEFT JOIN users ON users.id = s.user_id
		WHERE s.token = $1 AND current_timestamp < s.expiry`, token).
		Scan(&data, &id, &email, &name, &role, &hash, &active, &created, &unitID, &generation, &unitKind)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, false, nil
	}
	if err != nil {
		return nil, nil, false, fmt.Errorf("store: unable to fetch session: %w", err)
	}
	if id.Valid {
		u = &User{ID: id.Int64, Email: email.String, Name: name.String, Role: access.Role(role.String), PasswordHash: hash.String,
			Active: active.Bool, CreatedAt: created.Time, UnitID: unitID.Int64, UnitKind: unitKind.String,
			SessionGeneration: generation.Int64}
	}
	return data, u, true, nil
}

// CommitSession writes a session's sealed data and expiry, and the account it is signed in as
// (0: none) for SessionWithUser.
func (s *Store) CommitSession(ctx context.Context, token string, data []byte, expiry time.Time, userID int64) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO sessions (token, data, expiry, user_id) VALUES ($1, $2, $3, nullif($4, 0))
		ON CONFLICT (token) DO UPDATE SET data = EXCLUDED.data, expiry = EXCLUDED.expiry, user_id = EXCLUDED.user_id`,
		token, data, expiry, userID)
	if err != nil {
		return fmt.Errorf("store: unable to save session: %w", err)
	}
	return nil
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, token string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE token = $1`, token); err != nil {
		return fmt.Errorf("store: unable to delete session: %w", err)
	}
	return nil
}
