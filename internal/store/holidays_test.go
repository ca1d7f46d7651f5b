package store_test

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/calendar/caltest"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

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

// byDateKindName orders holidays the same way whatever order they were read or written in.
func byDateKindName(a, b calendar.Holiday) int {
	return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Name, b.Name))
}

// The test fixture (caltest) and the migration hold the same official calendar, so tests of the
// deadline rules run on the days the application loads.
func TestCalendarDataComesFromTheMigrationAndEqualsTheFixture(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	holidays, years, err := s.CalendarData(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(years, caltest.Years()) {
		t.Errorf("years %v, fixture %v", years, caltest.Years())
	}
	if len(holidays) != 53 {
		t.Errorf("%d holidays, want 53 (2025 and 2026 SKB)", len(holidays))
	}
	want := caltest.Holidays()
	slices.SortFunc(want, byDateKindName)
	got := slices.SortedFunc(slices.Values(holidays), byDateKindName)
	if !slices.Equal(got, want) {
		for i := range max(len(got), len(want)) {
			var g, w calendar.Holiday
			if i < len(got) {
				g = got[i]
			}
			if i < len(want) {
				w = want[i]
			}
			if g != w {
				t.Errorf("holiday %d: migration %+v, fixture %+v", i, g, w)
			}
		}
	}
	cal := calendar.New(holidays, years, calendar.Options{CutiBersamaIsHoliday: true})
	if cal.IsWorkingDay(calendar.NewDate(2026, 3, 19)) {
		t.Error("Nyepi 2026 is a working day")
	}
	// A calendar change reads the same data through its transaction.
	err = s.WithCalendarChange(ctx, func(tx *store.CalendarTx) error {
		txHolidays, txYears, err := tx.CalendarData(ctx)
		if err != nil {
			return err
		}
		if !slices.Equal(txHolidays, holidays) || !slices.Equal(txYears, years) {
			t.Errorf("in a calendar change: %d holidays %v, outside %d %v", len(txHolidays), txYears, len(holidays), years)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
