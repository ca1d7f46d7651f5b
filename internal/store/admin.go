package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/calendar"
)

// isUniqueViolation reports a PostgreSQL unique_violation (23505).
func isUniqueViolation(err error) bool {
	var pqErr *pq.Error
	return errors.As(err, &pqErr) && pqErr.Code == "23505"
}

// AdminCounts are the figures on the administrator's index page.
type AdminCounts struct {
	Users         int `db:"users"`
	ActiveUsers   int `db:"active_users"`
	Units         int `db:"units"`
	ActiveUnits   int `db:"active_units"`
	OutboxPending int `db:"outbox_pending"`
	OutboxFailed  int `db:"outbox_failed"`
}

// AdminCounts counts accounts, units and mail waiting or failed.
func (s *Store) AdminCounts(ctx context.Context) (AdminCounts, error) {
	var c AdminCounts
	err := s.db.GetContext(ctx, &c, `
		SELECT
			(SELECT count(*) FROM users) AS users,
			(SELECT count(*) FROM users WHERE active) AS active_users,
			(SELECT count(*) FROM units) AS units,
			(SELECT count(*) FROM units WHERE active) AS active_units,
			(SELECT count(*) FROM outbox WHERE status = 'pending') AS outbox_pending,
			(SELECT count(*) FROM outbox WHERE status = 'failed') AS outbox_failed`)
	if err != nil {
		return AdminCounts{}, fmt.Errorf("store: unable to count admin figures: %w", err)
	}
	return c, nil
}

// ---- Accounts ----

// UserListItem is one account in the administrator's list.
type UserListItem struct {
	ID        int64     `db:"id"`
	Email     string    `db:"email"`
	Name      string    `db:"name"`
	Role      string    `db:"role"`
	Active    bool      `db:"active"`
	CreatedAt time.Time `db:"created_at"`
	UnitID    int64     `db:"unit_id"`
	UnitName  string    `db:"unit_name"`
}

// Users lists every account, active ones first, by name.
func (s *Store) Users(ctx context.Context) ([]UserListItem, error) {
	var us []UserListItem
	err := s.db.SelectContext(ctx, &us, `
		SELECT u.id, u.email, u.name, u.role, u.active, u.created_at, u.unit_id, un.name AS unit_name
		FROM users u JOIN units un ON un.id = u.unit_id
		ORDER BY u.active DESC, lower(u.name), u.id`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch users: %w", err)
	}
	return us, nil
}

// NewUser is an account an administrator creates.
type NewUser struct {
	Email        string
	Name         string
	Role         string
	UnitID       int64
	PasswordHash string
}

// CreateUser adds the account and, when m is set, queues its invitation in the same statement.
// ErrConflict when the e-mail is taken, in any letter case.
func (s *Store) CreateUser(ctx context.Context, u NewUser, m *Mail) (int64, error) {
	tmpl, recipient, data := "", "", []byte("{}")
	if m != nil {
		var err error
		if data, err = json.Marshal(m.Data); err != nil {
			return 0, fmt.Errorf("store: unable to encode mail data: %w", err)
		}
		tmpl, recipient = m.Template, m.Recipient
	}
	var id int64
	err := s.db.GetContext(ctx, &id, `
		WITH u AS (
			INSERT INTO users (email, name, role, password_hash, unit_id) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (lower(email)) DO NOTHING
			RETURNING id
		), mail AS (
			INSERT INTO outbox (template, recipient, data) SELECT $6, $7, $8::jsonb FROM u WHERE $6 <> ''
		)
		SELECT id FROM u`, u.Email, u.Name, u.Role, u.PasswordHash, u.UnitID, tmpl, recipient, string(data))
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrConflict
	}
	if err != nil {
		return 0, fmt.Errorf("store: unable to create user: %w", err)
	}
	return id, nil
}

// SetUserActive activates or deactivates an account; ErrNotFound when there is none.
func (s *Store) SetUserActive(ctx context.Context, id int64, active bool) error {
	res, err := s.db.ExecContext(ctx, `UPDATE users SET active = $2 WHERE id = $1`, id, active)
	if err != nil {
		return fmt.Errorf("store: unable to update user: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// SetUserPassword replaces an account's password hash; ErrNotFound when there is none.
func (s *Store) SetUserPassword(ctx context.Context, id int64, hash string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE users SET password_hash = $2 WHERE id = $1`, id, hash)
	if err != nil {
		return fmt.Errorf("store: unable to set password: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// ---- Units ----

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

// ---- Holidays ----

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
	var rows []HolidayRecord
	if err := t.tx.SelectContext(ctx, &rows, `SELECT id, date, name, kind FROM holidays ORDER BY date, kind`); err != nil {
		return nil, nil, fmt.Errorf("store: unable to fetch holidays: %w", err)
	}
	holidays := make([]calendar.Holiday, len(rows))
	for i, r := range rows {
		holidays[i] = calendar.Holiday{Date: r.Date, Name: r.Name, Kind: calendar.Kind(r.Kind)}
	}
	var years []int
	if err := t.tx.SelectContext(ctx, &years, `SELECT year FROM calendar_years ORDER BY year`); err != nil {
		return nil, nil, fmt.Errorf("store: unable to fetch calendar years: %w", err)
	}
	return holidays, years, nil
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
	}
	return moved, nil
}

// ---- Office settings ----

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

// ---- Outbox ----

// OutboxItem is one queued e-mail as the administrator sees it.
type OutboxItem struct {
	ID                 int64          `db:"id"`
	CreatedAt          time.Time      `db:"created_at"`
	Template           string         `db:"template"`
	Recipient          string         `db:"recipient"`
	Status             string         `db:"status"`
	Attempts           int            `db:"attempts"`
	NextAttemptAt      time.Time      `db:"next_attempt_at"`
	SentAt             sql.NullTime   `db:"sent_at"`
	LastError          sql.NullString `db:"last_error"`
	RequestID          sql.NullInt64  `db:"request_id"`
	RegistrationNumber sql.NullString `db:"registration_number"`
	Data               []byte         `db:"data"`
}

const outboxColumns = `o.id, o.created_at, o.template, o.recipient, o.status, o.attempts, o.next_attempt_at,
	o.sent_at, o.last_error, o.request_id, r.registration_number`

// Outbox lists the latest limit e-mails, newest first; an empty status means every status.
func (s *Store) Outbox(ctx context.Context, status string, limit int) ([]OutboxItem, error) {
	var items []OutboxItem
	err := s.db.SelectContext(ctx, &items, `SELECT `+outboxColumns+`
		FROM outbox o LEFT JOIN requests r ON r.id = o.request_id
		WHERE ($1 = '' OR o.status = $1)
		ORDER BY o.id DESC LIMIT $2`, status, limit)
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch outbox: %w", err)
	}
	return items, nil
}

// OutboxItem finds one e-mail with its data; ErrNotFound when there is none.
func (s *Store) OutboxItem(ctx context.Context, id int64) (*OutboxItem, error) {
	var it OutboxItem
	err := s.db.GetContext(ctx, &it, `SELECT `+outboxColumns+`, o.data
		FROM outbox o LEFT JOIN requests r ON r.id = o.request_id WHERE o.id = $1`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch outbox item: %w", err)
	}
	return &it, nil
}

// RetryOutbox puts a failed e-mail back in the queue, to be tried at once. ErrNotFound when
// there is no such e-mail, ErrConflict when it has not failed.
func (s *Store) RetryOutbox(ctx context.Context, id int64, at time.Time) error {
	// One round trip: the row's old status tells a refusal from a missing row.
	var status string
	err := s.db.GetContext(ctx, &status, `
		WITH retried AS (
			UPDATE outbox SET status = 'pending', next_attempt_at = $2 WHERE id = $1 AND status = 'failed' RETURNING id
		)
		SELECT 'retried' FROM retried
		UNION ALL
		SELECT status FROM outbox WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM retried)`, id, at)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("store: unable to retry mail: %w", err)
	}
	if status != "retried" {
		return ErrConflict
	}
	return nil
}
