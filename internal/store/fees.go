package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Fee is one row of the fee table (UU 14/2008 Pasal 22(7) g): the price per printed page, or a medium.
type Fee struct {
	Code   string `db:"code"`
	Kind   string `db:"kind"` // "page" or "media"
	Label  string `db:"label"`
	Price  int64  `db:"price"` // rupiah
	Active bool   `db:"active"`
}

// Fee kinds.
const (
	FeePage  = "page"
	FeeMedia = "media"
)

// Fees lists the fee table, the page price first, then media by label.
func (s *Store) Fees(ctx context.Context) ([]Fee, error) {
	var fs []Fee
	err := s.db.SelectContext(ctx, &fs, `SELECT code, kind, label, price, active FROM fee_schedule
		ORDER BY kind = 'media', lower(label), code`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch fees: %w", err)
	}
	return fs, nil
}

// FeeByCode reads one row of the fee table; ErrNotFound when there is none.
func (s *Store) FeeByCode(ctx context.Context, code string) (*Fee, error) {
	var f Fee
	err := s.db.GetContext(ctx, &f, `SELECT code, kind, label, price, active FROM fee_schedule WHERE code = $1`, code)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch fee: %w", err)
	}
	return &f, nil
}

// PagePrice is the current price of one printed page.
func (s *Store) PagePrice(ctx context.Context) (int64, error) {
	var p int64
	err := s.db.GetContext(ctx, &p, `SELECT coalesce((SELECT price FROM fee_schedule WHERE kind = 'page'), 0)`)
	if err != nil {
		return 0, fmt.Errorf("store: unable to fetch the page price: %w", err)
	}
	return p, nil
}

// SaveFee inserts or updates a row of the fee table; the kind of an existing row never changes.
func (s *Store) SaveFee(ctx context.Context, f Fee, by int64) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO fee_schedule (code, kind, label, price, active, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (code) DO UPDATE SET label = EXCLUDED.label, price = EXCLUDED.price, active = EXCLUDED.active,
			updated_by = EXCLUDED.updated_by, updated_at = now()`,
		f.Code, f.Kind, f.Label, f.Price, f.Active, by)
	if err != nil {
		return fmt.Errorf("store: unable to save fee: %w", err)
	}
	return nil
}
