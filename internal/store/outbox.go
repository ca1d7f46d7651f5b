package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// OutboxLease keeps a claimed mail from other senders; a sender that crashes leaves its mails to be claimed again when it ends.
const OutboxLease = 5 * time.Minute

// OutboxMail is a queued e-mail claimed for sending.
type OutboxMail struct {
	ID        int64         `db:"id"`
	CreatedAt time.Time     `db:"created_at"`
	Template  string        `db:"template"`
	Recipient string        `db:"recipient"`
	Data      []byte        `db:"data"` // JSON as queued; decoded by the sender so one bad row cannot stop a claim
	RequestID sql.NullInt64 `db:"request_id"`
	Attempts  int           `db:"attempts"` // attempts before this one
}

// maxErrorText bounds last_error: a server's reply can be long, the admin needs the start of it.
const maxErrorText = 2000

// ClaimOutbox leases up to limit mails due at now until now + OutboxLease, committed before any is sent, so two senders never hold one row.
// At-least-once at the SMTP boundary is inherent: a crash after the server took a mail but before MarkSent sends it again after the lease.
func (s *Store) ClaimOutbox(ctx context.Context, now time.Time, limit int) ([]OutboxMail, error) {
	var mails []OutboxMail
	err := s.db.SelectContext(ctx, &mails, `
		UPDATE outbox o SET next_attempt_at = $2
		FROM (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1
			ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED) due
		WHERE o.id = due.id
		RETURNING o.id, o.created_at, o.template, o.recipient, o.data, o.request_id, o.attempts`,
		now, now.Add(OutboxLease), limit)
	if err != nil {
		return nil, fmt.Errorf("store: unable to claim outbox mail: %w", err)
	}
	// RETURNING follows no order; the queue's order is the order of arrival.
	slices.SortFunc(mails, func(a, b OutboxMail) int { return cmp.Compare(a.ID, b.ID) })
	return mails, nil
}

// MarkSent records that the server took mail id; ErrNotFound when another sender settled it after this one's lease ran out.
func (s *Store) MarkSent(ctx context.Context, id int64, at time.Time) error {
	res, err := s.db.ExecContext(ctx, `
		UPDATE outbox SET status = 'sent', sent_at = $2, attempts = attempts + 1
		WHERE id = $1 AND status = 'pending'`, id, at)
	if err != nil {
		return fmt.Errorf("store: unable to mark mail sent: %w", err)
	}
	return affectedOne(res)
}

// MarkFailed counts an attempt: temporary failures wait 1 min × 2^(attempts-1) (+≤10% so one outage's retries spread out, ≤6 h),
// permanent ones or the maxAttempts-th park the mail as failed for the admin to retry. ErrNotFound when it is not pending.
func (s *Store) MarkFailed(ctx context.Context, id int64, at time.Time, errText string, permanent bool, maxAttempts int) error {
	res, err := s.db.ExecContext(ctx, `
		UPDATE outbox SET attempts = attempts + 1, last_error = $3,
			status = CASE WHEN $4 OR attempts + 1 >= $5 THEN 'failed' ELSE 'pending' END,
			next_attempt_at = CASE WHEN $4 OR attempts + 1 >= $5 THEN $2::timestamptz
				ELSE $2::timestamptz + least(interval '6 hours',
					interval '1 minute' * power(2, least(attempts, 20)) * (1 + random() / 10)) END
		WHERE id = $1 AND status = 'pending'`, id, at, clipErrorText(errText), permanent, max(maxAttempts, 1))
	if err != nil {
		return fmt.Errorf("store: unable to mark mail failed: %w", err)
	}
	return affectedOne(res)
}

func affectedOne(res sql.Result) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: unable to count updated rows: %w", err)
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// clipErrorText makes errText valid UTF-8 (PostgreSQL refuses anything else) and at most maxErrorText bytes.
func clipErrorText(errText string) string {
	errText = strings.ToValidUTF8(errText, "?")
	if len(errText) <= maxErrorText {
		return errText
	}
	cut := maxErrorText
	for cut > 0 && !utf8.RuneStart(errText[cut]) {
		cut--
	}
	return errText[:cut] + "…"
}

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
