package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// Unit is the PPID Utama or a PPID Pelaksana.
type Unit struct {
	ID     int64  `db:"id"`
	Name   string `db:"name"`
	Kind   string `db:"kind"`
	Active bool   `db:"active"`
}

// Units lists every unit, the PPID Utama first.
func (s *Store) Units(ctx context.Context) ([]Unit, error) {
	var us []Unit
	if err := s.db.SelectContext(ctx, &us, `SELECT id, name, kind, active FROM units ORDER BY kind = 'pelaksana', lower(name)`); err != nil {
		return nil, fmt.Errorf("store: unable to fetch units: %w", err)
	}
	return us, nil
}

// OtherActiveUnit reports whether an active unit other than unitID exists: a case can be forwarded.
func (s *Store) OtherActiveUnit(ctx context.Context, unitID int64) (bool, error) {
	var ok bool
	if err := s.db.GetContext(ctx, &ok, `SELECT EXISTS (SELECT 1 FROM units WHERE active AND id <> $1)`, unitID); err != nil {
		return false, fmt.Errorf("store: unable to look for another unit: %w", err)
	}
	return ok, nil
}

// Officers lists active accounts that can handle cases, for assignment.
func (s *Store) Officers(ctx context.Context) ([]User, error) {
	var us []User
	if err := s.db.SelectContext(ctx, &us, `SELECT `+userColumns+` FROM users
		WHERE active AND role IN ('petugas', 'ppid') ORDER BY lower(name)`); err != nil {
		return nil, fmt.Errorf("store: unable to fetch officers: %w", err)
	}
	return us, nil
}

// UnitSummary is a unit with what depends on it.
type UnitSummary struct {
	Unit
	OpenRequests int `db:"open_requests"`
	Users        int `db:"users"`
}

// UnitSummaries lists every unit, the PPID Utama first, with its open requests and accounts.
func (s *Store) UnitSummaries(ctx context.Context) ([]UnitSummary, error) {
	var us []UnitSummary
	err := s.db.SelectContext(ctx, &us, `
		SELECT u.id, u.name, u.kind, u.active,
			(SELECT count(*) FROM requests r WHERE r.unit_id = u.id AND r.closed_at IS NULL) AS open_requests,
			(SELECT count(*) FROM users x WHERE x.unit_id = u.id AND x.active) AS users
		FROM units u ORDER BY u.kind = 'pelaksana', lower(u.name)`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch units: %w", err)
	}
	return us, nil
}

// UnitByID finds a unit; ErrNotFound when there is none.
func (s *Store) UnitByID(ctx context.Context, id int64) (*Unit, error) {
	var u Unit
	err := s.db.GetContext(ctx, &u, `SELECT id, name, kind, active FROM units WHERE id = $1`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch unit: %w", err)
	}
	return &u, nil
}

// CreateUnit adds a PPID Pelaksana; ErrConflict when the name is taken, in any letter case.
func (s *Store) CreateUnit(ctx context.Context, name string) (int64, error) {
	var id int64
	err := s.db.GetContext(ctx, &id, `
		INSERT INTO units (name, kind) VALUES ($1, 'pelaksana')
		ON CONFLICT (lower(name)) DO NOTHING RETURNING id`, name)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrConflict
	}
	if err != nil {
		return 0, fmt.Errorf("store: unable to create unit: %w", err)
	}
	return id, nil
}

// RenameUnit renames a unit; ErrConflict when another unit has the name, ErrNotFound when there is no unit.
func (s *Store) RenameUnit(ctx context.Context, id int64, name string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE units SET name = $2 WHERE id = $1`, id, name)
	if isUniqueViolation(err) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("store: unable to rename unit: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// ErrMainUnit: the PPID Utama coordinates every unit and cannot be deactivated.
var ErrMainUnit = errors.New("store: the PPID Utama cannot be deactivated")

// UnitInUseError refuses to deactivate a unit that still holds open requests.
type UnitInUseError struct{ OpenRequests int }

func (e *UnitInUseError) Error() string {
	return fmt.Sprintf("store: unit has %d open requests", e.OpenRequests)
}

// DeactivateUnit deactivates a PPID Pelaksana that holds no open request.
func (s *Store) DeactivateUnit(ctx context.Context, id int64) error {
	return s.withTx(ctx, func(tx *sqlx.Tx) error {
		var kind string
		// The row lock keeps two admins from racing on the same unit.
		err := tx.GetContext(ctx, &kind, `SELECT kind FROM units WHERE id = $1 FOR UPDATE`, id)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("store: unable to lock unit: %w", err)
		}
		if kind == "utama" {
			return ErrMainUnit
		}
		var open int
		if err := tx.GetContext(ctx, &open, `SELECT count(*) FROM requests WHERE unit_id = $1 AND closed_at IS NULL`, id); err != nil {
			return fmt.Errorf("store: unable to count unit requests: %w", err)
		}
		if open > 0 {
			return &UnitInUseError{OpenRequests: open}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE units SET active = false WHERE id = $1`, id); err != nil {
			return fmt.Errorf("store: unable to deactivate unit: %w", err)
		}
		return nil
	})
}

// ActivateUnit puts a unit back in service; ErrNotFound when there is none.
func (s *Store) ActivateUnit(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `UPDATE units SET active = true WHERE id = $1`, id)
	if err != nil {
		return fmt.Errorf("store: unable to activate unit: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}
