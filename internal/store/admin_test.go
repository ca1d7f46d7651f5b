package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

func TestCreateUserRefusesAnEmailInAnyCase(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	invite := &store.Mail{Template: "user_invited", Recipient: "rina@uji.test", Data: map[string]any{"name": "Rina"}}
	u := store.NewUser{Email: "rina@uji.test", Name: "Rina", Role: "petugas", UnitID: 1, PasswordHash: "x"}
	if _, err := s.CreateUser(ctx, u, invite); err != nil {
		t.Fatal(err)
	}
	u.Email = "RINA@Uji.Test"
	if _, err := s.CreateUser(ctx, u, invite); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("second account with the e-mail: %v, want ErrConflict", err)
	}
	var mails int
	s.DB().Get(&mails, `SELECT count(*) FROM outbox WHERE template = 'user_invited'`)
	if mails != 1 {
		t.Errorf("%d invitations queued, want 1 (none for the refused account)", mails)
	}
	users, err := s.Users(ctx)
	if err != nil || len(users) != 1 || users[0].UnitName != "PPID Utama" || !users[0].Active {
		t.Fatalf("users: %+v %v", users, err)
	}
	if err := s.SetUserActive(ctx, users[0].ID, false); err != nil {
		t.Fatal(err)
	}
	if err := s.SetUserActive(ctx, 999999, false); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown account: %v", err)
	}
}

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

func TestMoveDeadlinesNeverMovesEarlier(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	reg, err := s.InsertRequest(ctx, newRequest(2026, time.Date(2026, 11, 2, 10, 0, 0, 0, wib), calendar.NewDate(2026, 11, 16)))
	if err != nil {
		t.Fatal(err)
	}
	admin, err := s.CreateUser(ctx, store.NewUser{Email: "admin@uji.test", Name: "Admin", Role: "admin", UnitID: 1, PasswordHash: "x"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	by := store.EventActor{At: time.Now(), ActorID: admin, Label: "Admin"}
	move := func(due calendar.Date) int {
		t.Helper()
		var n int
		err := s.WithCalendarChange(ctx, func(tx *store.CalendarTx) error {
			clocks, err := tx.RunningClocks(ctx, []string{"diterima"}, calendar.NewDate(2026, 1, 1))
			if err != nil || len(clocks) != 1 || clocks[0].ReopenedAt.Valid {
				t.Fatalf("running clocks: %+v %v", clocks, err)
			}
			n, err = tx.MoveDeadlines(ctx, []store.DeadlineMove{{RequestID: reg.ID, CountingFrom: clocks[0].CountingFrom,
				ResponseDue: due, DueDate: due, Note: "uji"}}, nil, by)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := move(calendar.NewDate(2026, 11, 13)); n != 0 {
		t.Errorf("an earlier date moved %d requests", n)
	}
	if n := move(calendar.NewDate(2026, 11, 17)); n != 1 {
		t.Errorf("a later date moved %d requests, want 1", n)
	}
	var got struct {
		Response string `db:"response_due"`
		Due      string `db:"due_date"`
		Events   int    `db:"events"`
	}
	s.DB().Get(&got, `SELECT response_due::text, due_date::text,
		(SELECT count(*) FROM request_events WHERE request_id = r.id AND kind = 'calendar_changed' AND public) AS events
		FROM requests r WHERE id = $1`, reg.ID)
	if got.Response != "2026-11-17" || got.Due != "2026-11-17" || got.Events != 1 {
		t.Errorf("after the moves: %+v", got)
	}
}

func TestCalendarChangesAreAllOrNothing(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	day := calendar.Holiday{Date: calendar.NewDate(2027, 1, 1), Name: "Tahun Baru 2027 Masehi", Kind: calendar.National}
	err := s.WithCalendarChange(ctx, func(tx *store.CalendarTx) error {
		return tx.AddCalendarYear(ctx, 2026, "SKB lagi", []calendar.Holiday{day})
	})
	if !errors.Is(err, store.ErrConflict) {
		t.Fatalf("loading a loaded year: %v", err)
	}
	err = s.WithCalendarChange(ctx, func(tx *store.CalendarTx) error {
		if err := tx.AddCalendarYear(ctx, 2027, "SKB 2027", []calendar.Holiday{day}); err != nil {
			return err
		}
		return errors.New("later step failed")
	})
	if err == nil {
		t.Fatal("no error")
	}
	var n int
	s.DB().Get(&n, `SELECT (SELECT count(*) FROM calendar_years WHERE year = 2027) + (SELECT count(*) FROM holidays WHERE date >= '2027-01-01')`)
	if n != 0 {
		t.Fatalf("a failed change left %d rows", n)
	}
	if err := s.WithCalendarChange(ctx, func(tx *store.CalendarTx) error {
		return tx.AddHoliday(ctx, calendar.Holiday{Date: calendar.NewDate(2026, 11, 10), Name: "Uji", Kind: calendar.Regional})
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.WithCalendarChange(ctx, func(tx *store.CalendarTx) error {
		return tx.AddHoliday(ctx, calendar.Holiday{Date: calendar.NewDate(2026, 11, 10), Name: "Uji", Kind: calendar.Regional})
	}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("duplicate holiday: %v", err)
	}
	years, err := s.CalendarYearSummaries(ctx)
	if err != nil || len(years) != 2 || !years[1].Loaded || years[1].Year != 2026 || !strings.Contains(years[1].Decree, "SKB") {
		t.Errorf("years: %+v %v", years, err)
	}
}

func TestOfficeSettingsAndOutboxRetry(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	if _, err := s.OfficeSettings(ctx); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("before the first save: %v", err)
	}
	o := store.OfficeSettings{Name: "PPID Uji", Timezone: "Asia/Makassar", ClosesAt: "15:30", Letterhead: "A\nB"}
	for _, closes := range []string{"15:30", "16:00"} {
		o.ClosesAt = closes
		if err := s.SaveOfficeSettings(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := s.OfficeSettings(ctx); err != nil || got.ClosesAt != "16:00" || got.Letterhead != "A\nB" || got.Timezone != "Asia/Makassar" {
		t.Fatalf("settings: %+v %v", got, err)
	}

	if err := s.RetryOutbox(ctx, 999999, time.Now()); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("retry of no mail: %v", err)
	}
	var id int64
	s.DB().Get(&id, `INSERT INTO outbox (template, recipient, data) VALUES ('user_invited', 'a@uji.test', '{}') RETURNING id`)
	if err := s.RetryOutbox(ctx, id, time.Now()); !errors.Is(err, store.ErrConflict) {
		t.Errorf("retry of a pending mail: %v", err)
	}
	s.DB().MustExec(`UPDATE outbox SET status = 'failed' WHERE id = $1`, id)
	at := time.Date(2026, 11, 2, 10, 0, 0, 0, wib)
	if err := s.RetryOutbox(ctx, id, at); err != nil {
		t.Fatal(err)
	}
	it, err := s.OutboxItem(ctx, id)
	if err != nil || it.Status != "pending" || !it.NextAttemptAt.Equal(at) || string(it.Data) != "{}" {
		t.Errorf("after retry: %+v %v", it, err)
	}
	items, err := s.Outbox(ctx, "failed", 100)
	if err != nil || len(items) != 0 {
		t.Errorf("failed mails after retry: %d %v", len(items), err)
	}
}
