package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/calendar"
)

// DigestCase is one open request in an officer's daily digest.
type DigestCase struct {
	ID                 int64         `json:"id"`
	RegistrationNumber string        `json:"registration_number"`
	DueDate            calendar.Date `json:"due_date"`
	Status             string        `json:"status"`
}

// OfficerDigest is one officer's due-soon and overdue cases, the earliest due first.
type OfficerDigest struct {
	UserID int64
	Name   string
	Email  string
	Cases  []DigestCase
}

// officerDigestsSQL gathers, in one pass over the cases due by $2 (the open-by-due-date
// index), each active petugas or PPID's cases whose clock runs: those assigned to them, and
// for a PPID the unattended cases of their unit (of every unit for the PPID Utama). A case
// assigned to someone who no longer handles cases (deactivated, or moved to another role)
// counts as unattended, so it is not lost. Officers who had the digest of day $1, or turned it off, are left out.
var officerDigestsSQL = `
	WITH due AS (
		SELECT r.id, r.registration_number, r.due_date, r.status, r.unit_id, r.assigned_to,
			EXISTS (SELECT 1 FROM users a WHERE a.id = r.assigned_to AND a.active AND a.role IN ('petugas', 'ppid')) AS attended
		FROM requests r
		WHERE r.closed_at IS NULL AND r.status IN ` + pendingStatuses + ` AND r.due_date <= $2
	)
	SELECT u.id AS user_id, u.name, u.email,
		json_agg(json_build_object('id', d.id, 'registration_number', d.registration_number,
			'due_date', d.due_date, 'status', d.status) ORDER BY d.due_date, d.id) AS cases
	FROM users u
	JOIN units un ON un.id = u.unit_id
	JOIN due d ON (d.attended AND d.assigned_to = u.id)
		OR (NOT d.attended AND u.role = 'ppid' AND (un.kind = 'utama' OR d.unit_id = u.unit_id))
	WHERE u.active AND u.role IN ('petugas', 'ppid')
		AND NOT EXISTS (SELECT 1 FROM case_notices n WHERE n.key = ` + digestKeySQL + `)
		AND NOT EXISTS (SELECT 1 FROM notice_opt_outs x WHERE x.user_id = u.id AND x.kind = 'digest')
	GROUP BY u.id, u.name, u.email
	ORDER BY u.id`

// digestKeySQL is the case_notices key of user u's digest of day $1: digest:<user_id>:<YYYY-MM-DD>.
const digestKeySQL = `'digest:' || u.id || ':' || $1::text`

// OfficerDigests lists, per officer, the open cases due on or before dueBy (overdue ones
// included) that the officer should hear about on day; officers with none are absent.
func (s *Store) OfficerDigests(ctx context.Context, day, dueBy calendar.Date) ([]OfficerDigest, error) {
	var rows []struct {
		UserID int64  `db:"user_id"`
		Name   string `db:"name"`
		Email  string `db:"email"`
		Cases  []byte `db:"cases"`
	}
	if err := s.db.SelectContext(ctx, &rows, officerDigestsSQL, day.String(), dueBy); err != nil {
		return nil, fmt.Errorf("store: unable to fetch officer digests: %w", err)
	}
	out := make([]OfficerDigest, len(rows))
	for i, r := range rows {
		out[i] = OfficerDigest{UserID: r.UserID, Name: r.Name, Email: r.Email}
		if err := json.Unmarshal(r.Cases, &out[i].Cases); err != nil {
			return nil, fmt.Errorf("store: unable to decode digest cases: %w", err)
		}
	}
	return out, nil
}

// DigestMail is one officer's digest e-mail.
type DigestMail struct {
	UserID int64
	Mail   Mail
}

// QueueDigests queues each officer's digest of day unless they already have it: the notice row
// (key digest:<user_id>:<day>) and its outbox row are written by one statement, so a repeat, a
// retry or a second instance queues nothing twice. It returns how many were queued.
func (s *Store) QueueDigests(ctx context.Context, day calendar.Date, mails []DigestMail) (int, error) {
	if len(mails) == 0 {
		return 0, nil
	}
	users, templates, recipients, data := make([]int64, len(mails)), make([]string, len(mails)), make([]string, len(mails)), make([]string, len(mails))
	for i, m := range mails {
		b, err := json.Marshal(m.Mail.Data)
		if err != nil {
			return 0, fmt.Errorf("store: unable to encode mail data: %w", err)
		}
		users[i], templates[i], recipients[i], data[i] = m.UserID, m.Mail.Template, m.Mail.Recipient, string(b)
	}
	res, err := s.db.ExecContext(ctx, `
		WITH m AS (
			SELECT DISTINCT ON (user_id) * -- one digest per officer, whatever the caller passed
			FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[]) AS m(user_id, template, recipient, data)
		), notice AS (
			INSERT INTO case_notices (key, user_id, kind)
			SELECT 'digest:' || user_id || ':' || $1::text, user_id, 'digest' FROM m
			ON CONFLICT (key) DO NOTHING
			RETURNING user_id
		)
		INSERT INTO outbox (template, recipient, data)
		SELECT m.template, m.recipient, m.data::jsonb FROM m JOIN notice USING (user_id)`,
		day.String(), pq.Int64Array(users), pqStrings(templates), pqStrings(recipients), pqStrings(data))
	if err != nil {
		return 0, fmt.Errorf("store: unable to queue digests: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
