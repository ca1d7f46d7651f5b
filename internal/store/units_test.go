package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

func TestUnitRules(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	id, err := s.CreateUnit(ctx, "PPID Pelaksana Dinas Kesehatan")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateUnit(ctx, "ppid pelaksana dinas KESEHATAN"); !errors.Is(err, store.ErrConflict) {
		t.Errorf("duplicate name: %v", err)
	}
	if err := s.RenameUnit(ctx, id, "PPID UTAMA"); !errors.Is(err, store.ErrConflict) {
		t.Errorf("rename to a taken name: %v", err)
	}
	var utama int64
	s.DB().Get(&utama, `SELECT id FROM units WHERE kind = 'utama'`)
	if err := s.DeactivateUnit(ctx, utama); !errors.Is(err, store.ErrMainUnit) {
		t.Errorf("deactivate PPID Utama: %v", err)
	}
	received := time.Date(2026, 11, 2, 10, 0, 0, 0, wib)
	for range 2 {
		reg, err := s.InsertRequest(ctx, newRequest(2026, received, calendar.NewDate(2026, 11, 16)))
		if err != nil {
			t.Fatal(err)
		}
		s.DB().MustExec(`UPDATE requests SET unit_id = $1 WHERE id = $2`, id, reg.ID)
	}
	var inUse *store.UnitInUseError
	if err := s.DeactivateUnit(ctx, id); !errors.As(err, &inUse) || inUse.OpenRequests != 2 {
		t.Fatalf("deactivate a busy unit: %v", err)
	}
	s.DB().MustExec(`UPDATE requests SET closed_at = now()`)
	if err := s.DeactivateUnit(ctx, id); err != nil {
		t.Fatal(err)
	}
	if u, _ := s.UnitByID(ctx, id); u.Active {
		t.Error("unit still active")
	}
	if err := s.DeactivateUnit(ctx, 999999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown unit: %v", err)
	}
}
