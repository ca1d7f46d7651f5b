package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

// The office registers read within the scope, in SQL: a unit's officer never gets another
// unit's request or objection, and the year filter holds.
func TestOfficeRegistersAreScopedAndYearly(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	unitB, err := s.CreateUnit(ctx, "PPID Pelaksana B")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 4, 10, 0, 0, 0, wib)
	due := calendar.Date{Year: 2026, Month: 11, Day: 18}
	var ids []int64
	for _, year := range []int{2026, 2026, 2025} {
		reg, err := s.InsertRequest(ctx, newRequest(year, at.AddDate(year-2026, 0, 0), due))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, reg.ID)
	}
	s.DB().MustExec(`UPDATE requests SET unit_id = $1 WHERE id = $2`, unitB, ids[1])
	s.DB().MustExec(`INSERT INTO objections (request_id, number, grounds, reasons, channel, received_at, counting_from, response_due)
		SELECT id, 'KEB-' || id, '{c}', 'Tidak ditanggapi sama sekali.', 'web', $2, '2026-11-05', '2026-12-17'
		FROM requests WHERE id = $1`, ids[0], at.Add(24*time.Hour))
	s.DB().MustExec(`INSERT INTO objections (request_id, number, grounds, reasons, channel, received_at, counting_from, response_due)
		VALUES ($1, 'KEB-B', '{c}', 'Tidak ditanggapi sama sekali.', 'web', $2, '2026-11-05', '2026-12-17')`, ids[1], at.Add(24*time.Hour))

	all, err := s.OfficeRequestRegister(ctx, access.Everything, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 {
		t.Fatalf("everything, 2026: %d rows, want 2", len(all))
	}
	mine, err := s.OfficeRequestRegister(ctx, access.UnitScope(unitB), 2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(mine) != 1 || mine[0].UnitName != "PPID Pelaksana B" {
		t.Fatalf("unit B, 2026: %+v", mine)
	}
	if none, _ := s.OfficeRequestRegister(ctx, access.Scope{}, 2026); len(none) != 0 {
		t.Errorf("the zero scope read %d rows", len(none))
	}

	objs, err := s.OfficeObjectionRegister(ctx, access.Everything, 2026, jakartaLoc)
	if err != nil {
		t.Fatal(err)
	}
	if len(objs) != 2 {
		t.Fatalf("objections, everything: %d", len(objs))
	}
	objs, err = s.OfficeObjectionRegister(ctx, access.UnitScope(unitB), 2026, jakartaLoc)
	if err != nil {
		t.Fatal(err)
	}
	if len(objs) != 1 || objs[0].Number != "KEB-B" {
		t.Fatalf("objections, unit B: %+v", objs)
	}
	if objs, _ := s.OfficeObjectionRegister(ctx, access.Everything, 2025, jakartaLoc); len(objs) != 0 {
		t.Errorf("objections of 2025: %d", len(objs))
	}
}
