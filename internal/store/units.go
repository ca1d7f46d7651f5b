package store

import (
	"context"
	"fmt"
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

// Officers lists active accounts that can handle cases, for assignment.
func (s *Store) Officers(ctx context.Context) ([]User, error) {
	var us []User
	if err := s.db.SelectContext(ctx, &us, `SELECT `+userColumns+` FROM users
		WHERE active AND role IN ('petugas', 'ppid') ORDER BY lower(name)`); err != nil {
		return nil, fmt.Errorf("store: unable to fetch officers: %w", err)
	}
	return us, nil
}
