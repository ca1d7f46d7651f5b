package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/calendar"
)

// Reminders, escalations and notices of the scheduled jobs are rows of case_notices with a
// unique key; each query below builds its key in SQL, checks it, and returns it, so the key a job
// inserts is exactly the key it looked for:
//
//	request:<id>:reminder:<n>:<due_date>  n working days before the due date (a new due date reminds again)
//	request:<id>:overdue:<due_date>       the due date passed without a written notice (level 0)
//	request:<id>:overdue:<due_date>:<k>   further escalation k while still overdue
//	request:<id>:documentation_reminder:<n>:<day>  n working days before the day a "not yet documented" notice promised
//	request:<id>:documentation_lapsed:<day>        that day passed without delivery (Pasal 35(1) e)
//	objection:<id>:reminder:<n>           n working days before the atasan PPID's response is due
//	objection:<id>:lapsed                 the atasan PPID's 30 working days passed without an answer

// Audiences of a notice's staff mail, resolved to active accounts with an e-mail address when the
// notice is inserted.
const (
	AudienceCaseOfficers = "case_officers" // the assigned officer and the PPID of the request's unit
	AudienceOversight    = "oversight"     // every atasan PPID and the PPID of the PPID Utama
	AudienceAtasan       = "atasan"        // every atasan PPID
	AudienceMainPPID     = "main_ppid"     // the PPID of the PPID Utama
)

// Notice is one reminder, escalation or notice with everything it causes. It all happens only when
// its key is new, in one statement, so a repeat, a retry or a second instance causes nothing.
type Notice struct {
	Key         string
	RequestID   int64
	ObjectionID int64 // 0 when the notice is about the request itself
	Kind        string
	Level       int
	// Staff goes to every account of its audience; its data gains the recipient's "name".
	Staff *StaffMail
	// Requester is the e-mail to the requester; nil for none.
	Requester *Mail
	// Event is appended to the request's history; nil for none.
	Event *NewEvent
	// MarkOverdue sets requests.overdue_since when it is still empty; the zero Date leaves it.
	MarkOverdue calendar.Date
}

// StaffMail is an e-mail to the office's own accounts.
type StaffMail struct {
	Template string
	Audience string
	Data     map[string]any
}

// NoticeTx reads the cases due for a notice, locked, and writes their notices in one transaction.
type NoticeTx struct {
	tx *sqlx.Tx
}

// WithNotices runs fn in one transaction: the rows fn reads stay locked until its notices commit.
func (s *Store) WithNotices(ctx context.Context, fn func(tx *NoticeTx) error) error {
	return s.withTx(ctx, func(tx *sqlx.Tx) error { return fn(&NoticeTx{tx: tx}) })
}

// DueRequest is an open request a job is about to notify about, with its notice key.
type DueRequest struct {
	Key                string         `db:"key"`
	Level              int            `db:"level"`
	ID                 int64          `db:"id"`
	RegistrationNumber string         `db:"registration_number"`
	RequesterName      string         `db:"requester_name"`
	Email              string         `db:"email"`
	Status             string         `db:"status"`
	DueDate            calendar.Date  `db:"due_date"`
	OfficerName        sql.NullString `db:"officer_name"`
	NoticeAt           sql.NullTime   `db:"notice_at"`
	LastObjectionAt    sql.NullTime   `db:"last_objection_at"`
}

// dueRequestSelect is shared by the request queries: it locks the returned requests (skipping any
// an officer is changing right now; the next run takes them) and probes the notice key through
// its unique index, so only cases still owed a notice come back. $1 statuses, $2 limit.
const dueRequestSelect = `
	SELECT k.key, %s AS level, r.id, r.registration_number, r.requester_name, r.email, r.status, r.due_date,
		(SELECT u.name FROM users u WHERE u.id = r.assigned_to) AS officer_name, r.notice_at,
		(SELECT max(o.received_at) FROM objections o WHERE o.request_id = r.id) AS last_objection_at
	FROM requests r
	CROSS JOIN LATERAL (SELECT %s AS key) k
	WHERE r.closed_at IS NULL AND r.status = ANY($1::text[]) AND %s
		AND NOT EXISTS (SELECT 1 FROM case_notices c WHERE c.key = k.key)
	ORDER BY r.due_date, r.id
	LIMIT $2
	FOR NO KEY UPDATE OF r SKIP LOCKED`

// dueText renders a due date for a key the same way whatever the server's DateStyle.
const dueText = `to_char(r.due_date::timestamp, 'YYYY-MM-DD')`

// requestsDueOnSQL: open requests due on one of the dates ($3) owed the reminder n ($4).
var requestsDueOnSQL = fmt.Sprintf(dueRequestSelect, `$4::int`,
	`'request:' || r.id || ':reminder:' || $4::int || ':' || `+dueText, `r.due_date = ANY($3::date[])`)

// RequestsDueOn locks and lists up to limit open requests in statuses due on one of dates that
// have not had their reminder of n working days for that due date.
func (t *NoticeTx) RequestsDueOn(ctx context.Context, dates []calendar.Date, statuses []string, n, limit int) ([]DueRequest, error) {
	var rs []DueRequest
	if err := t.tx.SelectContext(ctx, &rs, requestsDueOnSQL, pqStrings(statuses), limit, noticeDateArray(dates), n); err != nil {
		return nil, fmt.Errorf("store: unable to fetch requests due for a reminder: %w", err)
	}
	return rs, nil
}

// overdueRequestsSQL: open requests due before $3 without their level-0 overdue notice.
var overdueRequestsSQL = fmt.Sprintf(dueRequestSelect, `0`,
	`'request:' || r.id || ':overdue:' || `+dueText, `r.due_date < $3::date`)

// OverdueRequests locks and lists up to limit open requests in statuses due before today that
// have not yet been marked overdue for their current due date.
func (t *NoticeTx) OverdueRequests(ctx context.Context, today calendar.Date, statuses []string, limit int) ([]DueRequest, error) {
	var rs []DueRequest
	if err := t.tx.SelectContext(ctx, &rs, overdueRequestsSQL, pqStrings(statuses), limit, today); err != nil {
		return nil, fmt.Errorf("store: unable to fetch overdue requests: %w", err)
	}
	return rs, nil
}

// escalationLevel is how many level starts ($3, ascending) lie after the due date: width_bucket
// counts the starts on or before it by binary search.
const escalationLevel = `(cardinality($3::date[]) - width_bucket(r.due_date, $3::date[]))`

// requestsToEscalateSQL: open requests due before the first level start without the notice of
// their current escalation level.
var requestsToEscalateSQL = fmt.Sprintf(dueRequestSelect, escalationLevel,
	`'request:' || r.id || ':overdue:' || `+dueText+` || ':' || `+escalationLevel,
	`r.due_date < ($3::date[])[cardinality($3::date[])]`)

// RequestsToEscalate locks and lists up to limit open requests in statuses whose current
// escalation level has not been sent. levelStarts[k-1] is the earliest due date that is not yet at
// level k, so levelStarts must descend (level 1's first); a case due before all of them is at the
// last level. Each row's Level is its current level (at least 1).
func (t *NoticeTx) RequestsToEscalate(ctx context.Context, levelStarts []calendar.Date, statuses []string, limit int) ([]DueRequest, error) {
	if len(levelStarts) == 0 {
		return nil, nil
	}
	asc := slices.Clone(levelStarts)
	slices.Reverse(asc)
	var rs []DueRequest
	if err := t.tx.SelectContext(ctx, &rs, requestsToEscalateSQL, pqStrings(statuses), limit, noticeDateArray(asc)); err != nil {
		return nil, fmt.Errorf("store: unable to fetch requests to escalate: %w", err)
	}
	return rs, nil
}

// OldestDueBefore is the earliest due date of the open requests in statuses due before day;
// ok is false when there is none.
func (s *Store) OldestDueBefore(ctx context.Context, day calendar.Date, statuses []string) (calendar.Date, bool, error) {
	var d calendar.Date
	err := s.db.GetContext(ctx, &d, `SELECT min(due_date) FROM requests
		WHERE closed_at IS NULL AND status = ANY($1::text[]) AND due_date < $2`, pqStrings(statuses), day)
	if err != nil {
		return calendar.Date{}, false, fmt.Errorf("store: unable to fetch the oldest due date: %w", err)
	}
	return d, !d.IsZero(), nil
}

// documentationSelect is dueRequestSelect for the clock of a "not yet documented" notice (Perki
// 1/2021 notice form): the promised day, requests.documentation_due, reads as the due date. The
// status is written out so the partial index requests_documentation_due_idx serves it. $1 limit.
const documentationSelect = `
	SELECT k.key, %s AS level, r.id, r.registration_number, r.requester_name, r.email, r.status,
		r.documentation_due AS due_date,
		(SELECT u.name FROM users u WHERE u.id = r.assigned_to) AS officer_name, r.notice_at,
		(SELECT max(o.received_at) FROM objections o WHERE o.request_id = r.id) AS last_objection_at
	FROM requests r
	CROSS JOIN LATERAL (SELECT %s AS key) k
	WHERE r.closed_at IS NULL AND r.status = 'belum_didokumentasikan' AND r.documentation_due IS NOT NULL AND %s
		AND NOT EXISTS (SELECT 1 FROM case_notices c WHERE c.key = k.key)
	ORDER BY r.documentation_due, r.id
	LIMIT $1
	FOR NO KEY UPDATE OF r SKIP LOCKED`

const documentationDueText = `to_char(r.documentation_due::timestamp, 'YYYY-MM-DD')`

var documentationDueOnSQL = fmt.Sprintf(documentationSelect, `$3::int`,
	`'request:' || r.id || ':documentation_reminder:' || $3::int || ':' || `+documentationDueText,
	`r.documentation_due = ANY($2::date[])`)

// DocumentationDueOn locks and lists up to limit "not yet documented" requests whose promised day
// is one of dates and that have not had their reminder of n working days for that day.
func (t *NoticeTx) DocumentationDueOn(ctx context.Context, dates []calendar.Date, n, limit int) ([]DueRequest, error) {
	var rs []DueRequest
	if err := t.tx.SelectContext(ctx, &rs, documentationDueOnSQL, limit, noticeDateArray(dates), n); err != nil {
		return nil, fmt.Errorf("store: unable to fetch requests due for documentation: %w", err)
	}
	return rs, nil
}

var documentationLapsedSQL = fmt.Sprintf(documentationSelect, `0`,
	`'request:' || r.id || ':documentation_lapsed:' || `+documentationDueText, `r.documentation_due < $2::date`)

// DocumentationLapsed locks and lists up to limit "not yet documented" requests whose promised day
// passed before today without delivery and that have not had their lapse notice for that day.
func (t *NoticeTx) DocumentationLapsed(ctx context.Context, today calendar.Date, limit int) ([]DueRequest, error) {
	var rs []DueRequest
	if err := t.tx.SelectContext(ctx, &rs, documentationLapsedSQL, limit, today); err != nil {
		return nil, fmt.Errorf("store: unable to fetch lapsed documentation periods: %w", err)
	}
	return rs, nil
}

// DueObjection is an unanswered objection a job is about to notify about, with its notice key.
type DueObjection struct {
	Key                string        `db:"key"`
	ID                 int64         `db:"id"`
	RequestID          int64         `db:"request_id"`
	Number             string        `db:"number"`
	ResponseDue        calendar.Date `db:"response_due"`
	RegistrationNumber string        `db:"registration_number"`
	RequesterName      string        `db:"requester_name"`
	Email              string        `db:"email"`
}

// dueObjectionSelect locks the objection and its request, skipping any being answered or changed
// right now: the job never waits on a row a case step holds, so the two cannot deadlock. $1 limit.
const dueObjectionSelect = `
	SELECT k.key, o.id, o.request_id, o.number, o.response_due, r.registration_number, r.requester_name, r.email
	FROM objections o
	JOIN requests r ON r.id = o.request_id
	CROSS JOIN LATERAL (SELECT %s AS key) k
	WHERE o.status = 'diterima' AND %s
		AND NOT EXISTS (SELECT 1 FROM case_notices c WHERE c.key = k.key)
	ORDER BY o.response_due, o.id
	LIMIT $1
	FOR NO KEY UPDATE OF r, o SKIP LOCKED`

var objectionsDueOnSQL = fmt.Sprintf(dueObjectionSelect,
	`'objection:' || o.id || ':reminder:' || $3::int`, `o.response_due = ANY($2::date[])`)

// ObjectionsDueOn locks and lists up to limit unanswered objections whose response is due on one
// of dates and that have not had their reminder of n working days.
func (t *NoticeTx) ObjectionsDueOn(ctx context.Context, dates []calendar.Date, n, limit int) ([]DueObjection, error) {
	var os []DueObjection
	if err := t.tx.SelectContext(ctx, &os, objectionsDueOnSQL, limit, noticeDateArray(dates), n); err != nil {
		return nil, fmt.Errorf("store: unable to fetch objections due for a reminder: %w", err)
	}
	return os, nil
}

var lapsedObjectionsSQL = fmt.Sprintf(dueObjectionSelect, `'objection:' || o.id || ':lapsed'`, `o.response_due < $2::date`)

// LapsedObjections locks and lists up to limit unanswered objections whose response was due before
// today and that have not had their lapse notice.
func (t *NoticeTx) LapsedObjections(ctx context.Context, today calendar.Date, limit int) ([]DueObjection, error) {
	var os []DueObjection
	if err := t.tx.SelectContext(ctx, &os, lapsedObjectionsSQL, limit, today); err != nil {
		return nil, fmt.Errorf("store: unable to fetch lapsed objections: %w", err)
	}
	return os, nil
}

// insertNoticesSQL writes a batch of notices in one statement. Only the notices whose key is new
// (ON CONFLICT DO NOTHING … RETURNING) go on to mark their case, add their event and queue their
// mails, so a key inserted before — by an earlier run, a retry or another instance, even one
// committing at this very moment — causes nothing a second time.
const insertNoticesSQL = `
WITH input AS (
	SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(key text, request_id bigint, objection_id bigint, kind text,
		level integer, staff_template text, audience text, staff_data jsonb, requester_template text,
		requester text, requester_data jsonb, event_at timestamptz, event_actor text, event_kind text,
		event_note text, event_public boolean, mark_overdue date)
), notice AS (
	INSERT INTO case_notices (key, request_id, objection_id, kind, level)
	SELECT key, request_id, objection_id, kind, level FROM input
	ON CONFLICT (key) DO NOTHING
	RETURNING key
), fresh AS (
	SELECT i.* FROM input i JOIN notice n ON n.key = i.key
), marked AS (
	UPDATE requests r SET overdue_since = f.mark_overdue
	FROM fresh f
	WHERE r.id = f.request_id AND f.mark_overdue IS NOT NULL AND r.overdue_since IS NULL
), event AS (
	INSERT INTO request_events (request_id, at, actor_label, kind, note, public)
	SELECT request_id, event_at, coalesce(event_actor, ''), event_kind, coalesce(event_note, ''), coalesce(event_public, false)
	FROM fresh WHERE event_kind IS NOT NULL
), staff AS (
	-- E-mails are unique per account (users_email_key) and each account joins a notice once, so
	-- an officer who is both assigned and the unit's PPID gets one mail.
	SELECT f.request_id, f.staff_template, f.staff_data, u.email, u.name
	FROM fresh f
	LEFT JOIN requests r ON r.id = f.request_id -- a notice about no request (an advance exemption) goes to main_ppid
	JOIN users u ON u.active AND u.email <> '' AND CASE f.audience
		WHEN 'case_officers' THEN u.id = r.assigned_to OR (u.role = 'ppid' AND u.unit_id = r.unit_id)
		WHEN 'oversight' THEN u.role = 'atasan' OR (u.role = 'ppid' AND u.unit_id = (SELECT id FROM units WHERE kind = 'utama'))
		WHEN 'atasan' THEN u.role = 'atasan'
		WHEN 'main_ppid' THEN u.role = 'ppid' AND u.unit_id = (SELECT id FROM units WHERE kind = 'utama')
		ELSE false END
	WHERE f.staff_template IS NOT NULL
		-- An officer may turn reminders off on the profile page; escalations always go (the safety net).
		AND NOT (f.staff_template IN ('reminder_officer', 'documentation_reminder', 'objection_reminder')
			AND EXISTS (SELECT 1 FROM notice_opt_outs x WHERE x.user_id = u.id AND x.kind = 'reminder'))
), mail AS (
	INSERT INTO outbox (template, recipient, data, request_id)
	SELECT staff_template, email, staff_data || jsonb_build_object('name', name), request_id FROM staff
	UNION ALL
	SELECT requester_template, requester, requester_data, request_id FROM fresh WHERE requester_template IS NOT NULL
	RETURNING 1
)
SELECT coalesce((SELECT array_agg(key) FROM notice), '{}') AS keys, (SELECT count(*) FROM mail) AS mails`

// noticeRow is a Notice as insertNoticesSQL reads it; absent fields are NULL.
type noticeRow struct {
	Key               string          `json:"key"`
	RequestID         int64           `json:"request_id,omitempty"` // 0 (an advance exemption) is NULL
	ObjectionID       int64           `json:"objection_id,omitempty"`
	Kind              string          `json:"kind"`
	Level             int             `json:"level"`
	StaffTemplate     string          `json:"staff_template,omitempty"`
	Audience          string          `json:"audience,omitempty"`
	StaffData         json.RawMessage `json:"staff_data,omitempty"`
	RequesterTemplate string          `json:"requester_template,omitempty"`
	Requester         string          `json:"requester,omitempty"`
	RequesterData     json.RawMessage `json:"requester_data,omitempty"`
	EventAt           *time.Time      `json:"event_at,omitempty"`
	EventActor        string          `json:"event_actor,omitempty"`
	EventKind         string          `json:"event_kind,omitempty"`
	EventNote         string          `json:"event_note,omitempty"`
	EventPublic       bool            `json:"event_public,omitempty"`
	MarkOverdue       string          `json:"mark_overdue,omitempty"`
}

// InsertNotices writes the notices whose keys are new, with their mails, events and overdue marks,
// in one statement. It returns the keys it inserted and the number of mails it queued.
func (t *NoticeTx) InsertNotices(ctx context.Context, notices []Notice) (inserted []string, mails int, err error) {
	if len(notices) == 0 {
		return nil, 0, nil
	}
	rows := make([]noticeRow, len(notices))
	for i, n := range notices {
		row := noticeRow{Key: n.Key, RequestID: n.RequestID, ObjectionID: n.ObjectionID, Kind: n.Kind, Level: n.Level}
		if n.Staff != nil {
			row.StaffTemplate, row.Audience = n.Staff.Template, n.Staff.Audience
			if row.StaffData, err = encodeMailData(n.Staff.Data); err != nil {
				return nil, 0, err
			}
		}
		if n.Requester != nil && n.Requester.Recipient != "" {
			row.RequesterTemplate, row.Requester = n.Requester.Template, n.Requester.Recipient
			if row.RequesterData, err = encodeMailData(n.Requester.Data); err != nil {
				return nil, 0, err
			}
		}
		if e := n.Event; e != nil {
			at := e.At
			row.EventAt, row.EventActor, row.EventKind, row.EventNote, row.EventPublic = &at, e.ActorLabel, e.Kind, e.Note, e.Public
		}
		if !n.MarkOverdue.IsZero() {
			row.MarkOverdue = n.MarkOverdue.String()
		}
		rows[i] = row
	}
	input, err := json.Marshal(rows)
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to encode notices: %w", err)
	}
	var res struct {
		Keys  pq.StringArray `db:"keys"`
		Mails int            `db:"mails"`
	}
	if err := t.tx.GetContext(ctx, &res, insertNoticesSQL, string(input)); err != nil {
		return nil, 0, fmt.Errorf("store: unable to insert notices: %w", err)
	}
	return res.Keys, res.Mails, nil
}

func encodeMailData(data map[string]any) (json.RawMessage, error) {
	if data == nil {
		data = map[string]any{}
	}
	b, err := json.Marshal(data)
	if err != nil {
		return nil, fmt.Errorf("store: unable to encode mail data: %w", err)
	}
	return b, nil
}

func noticeDateArray(ds []calendar.Date) any {
	s := make([]string, len(ds))
	for i, d := range ds {
		s[i] = d.String()
	}
	return pq.StringArray(s)
}
