package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// OfficeSettings is the one row an administrator edits: the office's identity and hours.
type OfficeSettings struct {
	Name       string    `db:"name"`
	Address    string    `db:"address"`
	City       string    `db:"city"`
	Letterhead string    `db:"letterhead"`
	Timezone   string    `db:"timezone"`
	ClosesAt   string    `db:"closes_at"`
	UpdatedAt  time.Time `db:"updated_at"`
}

// OfficeSettings reads the settings; ErrNotFound until they are first saved.
func (s *Store) OfficeSettings(ctx context.Context) (*OfficeSettings, error) {
	var o OfficeSettings
	err := s.db.GetContext(ctx, &o, `SELECT name, address, city, letterhead, timezone, closes_at, updated_at FROM office_settings`)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch office settings: %w", err)
	}
	return &o, nil
}

// SaveOfficeSettings creates the row on first save and replaces it afterwards.
func (s *Store) SaveOfficeSettings(ctx context.Context, o OfficeSettings) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO office_settings (id, name, address, city, letterhead, timezone, closes_at, updated_at)
		VALUES (true, $1, $2, $3, $4, $5, $6, now())
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, address = excluded.address, city = excluded.city,
			letterhead = excluded.letterhead, timezone = excluded.timezone, closes_at = excluded.closes_at,
			updated_at = excluded.updated_at`,
		o.Name, o.Address, o.City, o.Letterhead, o.Timezone, o.ClosesAt)
	if err != nil {
		return fmt.Errorf("store: unable to save office settings: %w", err)
	}
	return nil
}
