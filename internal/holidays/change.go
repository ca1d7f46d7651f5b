package holidays

import (
	"context"
	"fmt"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/deadline"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// runningStatuses are the states in which the 10/17-working-day clock still runs; after the
// written notice the clock has stopped and a calendar change no longer concerns it.
var runningStatuses = workflow.PendingStatuses

// change applies fn and, in the same transaction, moves later every open deadline the new
// calendar pushes later (never earlier, DESIGN §2), with a case event for each. Then this
// instance reloads its calendar; other instances pick it up on their periodic refresh.
// fn returns the earliest date it touched: deadlines before it cannot move.
func (s *Service) change(ctx context.Context, actor *store.User, reason string,
	fn func(tx *store.CalendarTx) (calendar.Date, error)) (moved int, err error) {
	if !actor.Can(access.Administer) {
		return 0, access.ErrForbidden // the route guards it too; a service never trusts its caller
	}
	cur := s.Calendar.Current()
	opts := calendar.Options{Location: cur.Location(), ClosesAt: cur.ClosesAt(), CutiBersamaIsHoliday: s.CutiBersamaIsHoliday}
	err = s.Store.WithCalendarChange(ctx, func(tx *store.CalendarTx) error {
		oldHolidays, oldYears, err := tx.CalendarData(ctx)
		if err != nil {
			return err
		}
		from, err := fn(tx)
		if err != nil {
			return err
		}
		newHolidays, newYears, err := tx.CalendarData(ctx)
		if err != nil {
			return err
		}
		before, after := calendar.New(oldHolidays, oldYears, opts), calendar.New(newHolidays, newYears, opts)
		clocks, err := tx.RunningClocks(ctx, runningStatuses, from)
		if err != nil {
			return err
		}
		objections, err := tx.OpenObjectionClocks(ctx, from)
		if err != nil {
			return err
		}
		reqMoves, objMoves := planMoves(before, after, clocks, objections, reason)
		moved, err = tx.MoveDeadlines(ctx, reqMoves, objMoves, store.EventActor{At: s.Now(), ActorID: actor.ID, Label: actor.Name + " (administrator)"})
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("holidays: calendar change: %w", err)
	}
	if err := s.Calendar.Reload(ctx); err != nil {
		// The change is committed; the periodic refresh retries the reload.
		s.Log.Error("calendar reload after change failed", "error", err)
	}
	return moved, nil
}

// planMoves recomputes each running clock with the new calendar and keeps only the moves to a
// later date. before is the calendar without the change, used where the stored data cannot say
// how a date was computed.
func planMoves(before, after *calendar.Calendar, clocks []store.RunningClock, objections []store.ObjectionClock,
	reason string) ([]store.DeadlineMove, []store.ObjectionMove) {
	var reqMoves []store.DeadlineMove
	for _, c := range clocks {
		m := store.DeadlineMove{RequestID: c.ID, CountingFrom: c.CountingFrom, ResponseDue: c.ResponseDue,
			ExtendedDue: c.ExtendedDue, DueDate: c.DueDate}
		label := "Batas pemberitahuan tertulis (UU 14/2008 Pasal 22(7))"
		if c.ReopenedAt.Valid {
			// The restart day is not stored, so only a move the change itself causes counts.
			was := deadline.Compute(before, workflow.Fulfilment, c.ReopenedAt.Time).Due
			now := deadline.Compute(after, workflow.Fulfilment, c.ReopenedAt.Time).Due
			if !now.After(was) {
				continue
			}
			m.DueDate = now
			label = "Batas pemenuhan setelah keberatan dikabulkan"
		} else {
			m.CountingFrom = laterDate(c.CountingFrom, startDay(after, c.CountingFrom))
			m.ResponseDue = laterDate(c.ResponseDue, deadline.FromDay(after, deadline.Response, m.CountingFrom).Due)
			m.DueDate = m.ResponseDue
			if !c.ExtendedDue.IsZero() {
				// UU 14/2008 Pasal 22(8): the extension runs on from the end of the 10-day period.
				m.ExtendedDue = laterDate(c.ExtendedDue, deadline.FromDay(after, deadline.Extension, m.ResponseDue).Due)
				m.DueDate = m.ExtendedDue
				label = "Batas perpanjangan (UU 14/2008 Pasal 22(8))"
			}
		}
		if !m.DueDate.After(c.DueDate) {
			continue
		}
		m.Note = moveNote(label, c.DueDate, m.DueDate, reason)
		reqMoves = append(reqMoves, m)
	}
	var objMoves []store.ObjectionMove
	for _, o := range objections {
		d0 := laterDate(o.CountingFrom, startDay(after, o.CountingFrom))
		due := deadline.FromDay(after, deadline.ObjectionResponse, d0).Due
		if !due.After(o.ResponseDue) {
			continue
		}
		objMoves = append(objMoves, store.ObjectionMove{ObjectionID: o.ID, CountingFrom: d0, ResponseDue: due,
			Note: moveNote("Batas tanggapan atasan PPID atas keberatan "+o.Number+" (UU 14/2008 Pasal 36(2))", o.ResponseDue, due, reason)})
	}
	return reqMoves, objMoves
}

// startDay is D0 under cal: a start day that has become a holiday gives way to the next working day (DESIGN §2).
func startDay(cal *calendar.Calendar, d0 calendar.Date) calendar.Date {
	if cal.IsWorkingDay(d0) {
		return d0
	}
	return cal.AddWorkingDays(d0, 1).Due
}

func laterDate(a, b calendar.Date) calendar.Date {
	if b.After(a) {
		return b
	}
	return a
}

func moveNote(label string, was, now calendar.Date, reason string) string {
	return fmt.Sprintf("%s diundur dari %s menjadi %s karena perubahan kalender hari libur: %s.",
		label, calendar.FormatIDLong(was), calendar.FormatIDLong(now), reason)
}
