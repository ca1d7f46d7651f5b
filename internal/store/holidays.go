package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/calendar"
)

// CalendarData loads every holiday and the years whose official calendar is loaded.
func (s *Store) CalendarData(ctx context.Context) ([]calendar.Holiday, []int, error) {
	return calendarData(ctx, s.db)
}

// calendarData runs the calendar query on the database or inside a calendar change, so both read alike.
func calendarData(ctx context.Context, q sqlx.QueryerContext) ([]calendar.Holiday, []int, error) {
	var rows []struct {
		Date calendar.Date `db:"date"`
		Name string        `db:"name"`
		Kind string        `db:"kind"`
	}
	if err := sqlx.SelectContext(ctx, q, &rows, `SELECT date, name, kind FROM holidays ORDER BY date, kind`); err != nil {
		return nil, nil, fmt.Errorf("store: unable to fetch holidays: %w", err)
	}
	holidays := make([]calendar.Holiday, len(rows))
	for i, r := range rows {
		holidays[i] = calendar.Holiday{Date: r.Date, Name: r.Name, Kind: calendar.Kind(r.Kind)}
	}
	var years []int
	if err := sqlx.SelectContext(ctx, q, &years, `SELECT year FROM calendar_years ORDER BY year`); err != nil {
		return nil, nil, fmt.Errorf("store: unable to fetch calendar years: %w", err)
	}
	return holidays, years, nil
}

// HolidayRecord is one row of the holiday table.
type HolidayRecord struct {
	ID   int64         `db:"id"`
	Date calendar.Date `db:"date"`
	Name string        `db:"name"`
	Kind string        `db:"kind"`
}

// HolidaysOfYear lists a year's holidays by date.
func (s *Store) HolidaysOfYear(ctx context.Context, year int) ([]HolidayRecord, error) {
	var hs []HolidayRecord
	err := s.db.SelectContext(ctx, &hs, `
		SELECT id, date, name, kind FROM holidays
		WHERE date >= make_date($1, 1, 1) AND date < make_date($1 + 1, 1, 1)
		ORDER BY date, kind, name`, year)
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch holidays: %w", err)
	}
	return hs, nil
}

// CalendarYearSummary is a year with a loaded official calendar, holidays, or both.
type CalendarYearSummary struct {
	Year     int    `db:"year"`
	Decree   string `db:"decree"`
	Loaded   bool   `db:"loaded"`
	Holidays int    `db:"holidays"`
}

// CalendarYearSummaries lists the years in calendar_years plus the years holidays exist for.
func (s *Store) CalendarYearSummaries(ctx context.Context) ([]CalendarYearSummary, error) {
	var ys []CalendarYearSummary
	err := s.db.SelectContext(ctx, &ys, `
		SELECT coalesce(cy.year, h.year) AS year, coalesce(cy.decree, '') AS decree,
			cy.year IS NOT NULL AS loaded, coalesce(h.n, 0) AS holidays
		FROM calendar_years cy
		FULL JOIN (SELECT extract(year FROM date)::int AS year, count(*) AS n FROM holidays GROUP BY 1) h
			ON h.year = cy.year
		ORDER BY 1`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch calendar years: %w", err)
	}
	return ys, nil
}

// CalendarTx changes the holiday tables and the deadlines the change moves, in one transaction.
type CalendarTx struct {
	tx *sqlx.Tx
}

// WithCalendarChange runs fn in one transaction, serialised with every other calendar change,
// so each recomputes deadlines with the holidays the others committed.
func (s *Store) WithCalendarChange(ctx context.Context, fn func(tx *CalendarTx) error) error {
	return s.withTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext('terbuka-calendar-change'))`); err != nil {
			return fmt.Errorf("store: unable to lock the calendar: %w", err)
		}
		return fn(&CalendarTx{tx: tx})
	})
}

// CalendarData reads every holiday and loaded year as this transaction sees them.
func (t *CalendarTx) CalendarData(ctx context.Context) ([]calendar.Holiday, []int, error) {
	return calendarData(ctx, t.tx)
}

// AddHoliday adds one day; ErrConflict when the same date, kind and name exist.
func (t *CalendarTx) AddHoliday(ctx context.Context, h calendar.Holiday) error {
	res, err := t.tx.ExecContext(ctx, `INSERT INTO holidays (date, name, kind) VALUES ($1, $2, $3)
		ON CONFLICT (date, kind, name) DO NOTHING`, h.Date, h.Name, string(h.Kind))
	if err != nil {
		return fmt.Errorf("store: unable to add holiday: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrConflict
	}
	return nil
}

// DeleteRegionalHoliday deletes an office's own holiday; the official ones follow the SKB.
// ErrNotFound when there is no regional holiday with that id.
func (t *CalendarTx) DeleteRegionalHoliday(ctx context.Context, id int64) (HolidayRecord, error) {
	var h HolidayRecord
	err := t.tx.GetContext(ctx, &h, `DELETE FROM holidays WHERE id = $1 AND kind = 'regional' RETURNING id, date, name, kind`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return HolidayRecord{}, ErrNotFound
	}
	if err != nil {
		return HolidayRecord{}, fmt.Errorf("store: unable to delete holiday: %w", err)
	}
	return h, nil
}

// AddCalendarYear records a year's official calendar (SKB) and its days; ErrConflict when the
// year is already loaded. Days already in the table are kept once.
func (t *CalendarTx) AddCalendarYear(ctx context.Context, year int, decree string, days []calendar.Holiday) error {
	res, err := t.tx.ExecContext(ctx, `INSERT INTO calendar_years (year, decree) VALUES ($1, $2) ON CONFLICT (year) DO NOTHING`, year, decree)
	if err != nil {
		return fmt.Errorf("store: unable to add calendar year: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrConflict
	}
	dates, names, kinds := make([]string, len(days)), make([]string, len(days)), make([]string, len(days))
	for i, d := range days {
		dates[i], names[i], kinds[i] = d.Date.String(), d.Name, string(d.Kind)
	}
	_, err = t.tx.ExecContext(ctx, `
		INSERT INTO holidays (date, name, kind)
		SELECT d::date, n, k FROM unnest($1::text[], $2::text[], $3::text[]) AS x(d, n, k)
		ON CONFLICT (date, kind, name) DO NOTHING`, pqStrings(dates), pqStrings(names), pqStrings(kinds))
	if err != nil {
		return fmt.Errorf("store: unable to add holidays: %w", err)
	}
	return nil
}

// RunningClock is an open request whose statutory clock still runs, locked for the change.
type RunningClock struct {
	ID           int64         `db:"id"`
	Status       string        `db:"status"`
	CountingFrom calendar.Date `db:"counting_from"`
	ResponseDue  calendar.Date `db:"response_due"`
	ExtendedDue  calendar.Date `db:"extended_due"`
	DueDate      calendar.Date `db:"due_date"`
	// ReopenedAt is when the atasan PPID last overturned a decision, restarting the clock; null if never.
	ReopenedAt sql.NullTime `db:"reopened_at"`
}

// RunningClocks locks and lists open requests in one of statuses that are due on or after from.
func (t *CalendarTx) RunningClocks(ctx context.Context, statuses []string, from calendar.Date) ([]RunningClock, error) {
	var cs []RunningClock
	err := t.tx.SelectContext(ctx, &cs, `
		SELECT r.id, r.status, r.counting_from, r.response_due, r.extended_due, r.due_date,
			(SELECT max(o.answered_at) FROM objections o WHERE o.request_id = r.id AND o.status = 'dibatalkan') AS reopened_at
		FROM requests r
		WHERE r.closed_at IS NULL AND r.status = ANY($1::text[]) AND r.due_date >= $2
		ORDER BY r.id
		FOR UPDATE OF r`, pqStrings(statuses), from)
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch running clocks: %w", err)
	}
	return cs, nil
}

// ObjectionClock is an unanswered objection, locked for the change.
type ObjectionClock struct {
	ID           int64         `db:"id"`
	RequestID    int64         `db:"request_id"`
	Number       string        `db:"number"`
	CountingFrom calendar.Date `db:"counting_from"`
	ResponseDue  calendar.Date `db:"response_due"`
}

// OpenObjectionClocks locks and lists unanswered objections due on or after from.
func (t *CalendarTx) OpenObjectionClocks(ctx context.Context, from calendar.Date) ([]ObjectionClock, error) {
	var cs []ObjectionClock
	err := t.tx.SelectContext(ctx, &cs, `
		SELECT id, request_id, number, counting_from, response_due FROM objections
		WHERE status = 'diterima' AND response_due >= $1
		ORDER BY id FOR UPDATE`, from)
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch objection clocks: %w", err)
	}
	return cs, nil
}

// DeadlineMove is a request's later dates and the history line explaining them.
type DeadlineMove struct {
	RequestID    int64
	CountingFrom calendar.Date
	ResponseDue  calendar.Date
	ExtendedDue  calendar.Date // zero: not extended
	DueDate      calendar.Date
	Note         string
}

// ObjectionMove is an objection's later response date and the history line explaining it.
type ObjectionMove struct {
	ObjectionID  int64
	CountingFrom calendar.Date
	ResponseDue  calendar.Date
	Note         string
}

// EventActor is who a history row names, and when.
type EventActor struct {
	At      time.Time
	ActorID int64
	Label   string
}

// MoveDeadlines writes the moves with one public 'calendar_changed' event each and returns how
// many requests and objections moved. Dates only ever move later: the SQL ignores any move that
// would not.
func (t *CalendarTx) MoveDeadlines(ctx context.Context, reqs []DeadlineMove, objs []ObjectionMove, by EventActor) (int, error) {
	moved := 0
	if len(reqs) > 0 {
		ids := make([]int64, len(reqs))
		from, resp, ext, due, notes := make([]string, len(reqs)), make([]string, len(reqs)), make([]string, len(reqs)), make([]string, len(reqs)), make([]string, len(reqs))
		for i, m := range reqs {
			ids[i], from[i], resp[i], due[i], notes[i] = m.RequestID, m.CountingFrom.String(), m.ResponseDue.String(), m.DueDate.String(), m.Note
			if !m.ExtendedDue.IsZero() {
				ext[i] = m.ExtendedDue.String()
			}
		}
		res, err := t.tx.ExecContext(ctx, `
			WITH m AS (
				SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
					AS m(id, counting_from, response_due, extended_due, due_date, note)
			), moved AS (
				UPDATE requests r SET
					counting_from = greatest(r.counting_from, m.counting_from::date),
					response_due = greatest(r.response_due, m.response_due::date),
					extended_due = greatest(r.extended_due, nullif(m.extended_due, '')::date),
					due_date = m.due_date::date,
					-- the queue's current clock follows a moved notice deadline (workflow.CurrentClock)
					clock_due = CASE WHEN r.clock_kind IN ('response', 'extension') THEN m.due_date::date ELSE r.clock_due END,
					version = r.version + 1
				FROM m
				WHERE r.id = m.id AND r.closed_at IS NULL AND m.due_date::date > r.due_date
				RETURNING r.id, m.note
			)
			INSERT INTO request_events (request_id, at, actor_id, actor_label, kind, note, public)
			SELECT id, $7, $8, $9, 'calendar_changed', note, true FROM moved`,
			pq.Int64Array(ids), pqStrings(from), pqStrings(resp), pqStrings(ext), pqStrings(due), pqStrings(notes),
			by.At, by.ActorID, by.Label)
		if err != nil {
			return 0, fmt.Errorf("store: unable to move request deadlines: %w", err)
		}
		n, _ := res.RowsAffected()
		moved += int(n)
	}
	if len(objs) > 0 {
		ids := make([]int64, len(objs))
		from, due, notes := make([]string, len(objs)), make([]string, len(objs)), make([]string, len(objs))
		for i, m := range objs {
			ids[i], from[i], due[i], notes[i] = m.ObjectionID, m.CountingFrom.String(), m.ResponseDue.String(), m.Note
		}
		res, err := t.tx.ExecContext(ctx, `
			WITH m AS (
				SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS m(id, counting_from, response_due, note)
			), moved AS (
				UPDATE objections o SET
					counting_from = greatest(o.counting_from, m.counting_from::date),
					response_due = m.response_due::date
				FROM m
				WHERE o.id = m.id AND o.status = 'diterima' AND m.response_due::date > o.response_due
				RETURNING o.request_id, m.note
			)
			INSERT INTO request_events (request_id, at, actor_id, actor_label, kind, note, public)
			SELECT request_id, $5, $6, $7, 'calendar_changed', note, true FROM moved`,
			pq.Int64Array(ids), pqStrings(from), pqStrings(due), pqStrings(notes), by.At, by.ActorID, by.Label)
		if err != nil {
			return 0, fmt.Errorf("store: unable to move objection deadlines: %w", err)
		}
		n, _ := res.RowsAffected()
		moved += int(n)
		// The queue's current clock follows the atasan's moved 30 working days (workflow.CurrentClock).
		if _, err := t.tx.ExecContext(ctx, `
			UPDATE requests r SET clock_due = o.due
			FROM (SELECT request_id, min(response_due) AS due FROM objections
				WHERE status = 'diterima' AND request_id IN (SELECT request_id FROM objections WHERE id = ANY($1))
				GROUP BY request_id) o
			WHERE r.id = o.request_id AND r.clock_kind = 'objection_response'`, pq.Int64Array(ids)); err != nil {
			return 0, fmt.Errorf("store: unable to move queue clocks: %w", err)
		}
	}
	return moved, nil
}
