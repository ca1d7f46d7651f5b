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

	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/mailtext"
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
	Secrets   []byte        `db:"secrets"`  // sealed by mailtext.SealSecrets; nil when the mail says nothing secret
	Channel   string        `db:"channel"`  // "email", or another notify channel whose Data is the body to post
}

// maxErrorText bounds last_error: a server's reply can be long, the admin needs the start of it.
const maxErrorText = 2000

// ClaimOutbox leases up to limit mails due at now until now + OutboxLease, committed before any is sent, so two senders never hold one row.
// At-least-once at the SMTP boundary is inherent: a crash after the server took a mail but before MarkSent sends it again after the lease.
func (s *Store) ClaimOutbox(ctx context.Context, now time.Time, limit int) ([]OutboxMail, error) {
	return s.ClaimOutboxOn(ctx, "email", now, limit)
}

// ClaimOutboxOn is ClaimOutbox for the rows of one channel, so each channel's sender takes only what it can deliver.
func (s *Store) ClaimOutboxOn(ctx context.Context, channel string, now time.Time, limit int) ([]OutboxMail, error) {
	var mails []OutboxMail
	err := s.db.SelectContext(ctx, &mails, `
		UPDATE outbox o SET next_attempt_at = $2
		FROM (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1 AND channel = $4
			ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED) due
		WHERE o.id = due.id
		RETURNING o.id, o.created_at, o.template, o.recipient, o.data, o.request_id, o.attempts, o.secrets, o.channel`,
		now, now.Add(OutboxLease), limit, channel)
	if err != nil {
		return nil, fmt.Errorf("store: unable to claim outbox mail: %w", err)
	}
	// RETURNING follows no order; the queue's order is the order of arrival.
	slices.SortFunc(mails, func(a, b OutboxMail) int { return cmp.Compare(a.ID, b.ID) })
	return mails, nil
}

// secretKeysArg lists the data keys a mail leaving the queue must not keep, for `data - $n::text[]`.
func secretKeysArg() any { return pq.StringArray(mailtext.SecretKeys()) }

// MarkSent records that the server took mail id and wipes its secrets in the same statement: the
// recipient has them now, the queue needs them no more (ASVS 8.3.4). ErrNotFound when another
// sender settled it after this one's lease ran out.
func (s *Store) MarkSent(ctx context.Context, id int64, at time.Time) error {
	res, err := s.db.ExecContext(ctx, `
		UPDATE outbox SET status = 'sent', sent_at = $2, attempts = attempts + 1, secrets = NULL, data = data - $3::text[]
		WHERE id = $1 AND status = 'pending'`, id, at, secretKeysArg())
	if err != nil {
		return fmt.Errorf("store: unable to mark mail sent: %w", err)
	}
	return affectedOne(res)
}

// OutboxBackoffCap bounds the wait between two tries of a temporarily refused mail, so a server
// back after an outage gets the queue within half an hour, as an MTA's queue runner would.
const OutboxBackoffCap = 30 * time.Minute

// MarkFailed counts an attempt: temporary failures wait 1 min × 2^(attempts-1) (+≤10% so one outage's retries spread out, ≤30 min),
// permanent ones or the maxAttempts-th park the mail as failed for the admin to retry. ErrNotFound when it is not pending.
func (s *Store) MarkFailed(ctx context.Context, id int64, at time.Time, errText string, permanent bool, maxAttempts int) error {
	_, err := s.RecordMailFailure(ctx, MailFailure{ID: id, At: at, Error: errText, Permanent: permanent, MaxAttempts: max(maxAttempts, 1)})
	return err
}

// MailFailure is one failed attempt to send an outbox mail.
type MailFailure struct {
	ID        int64
	At        time.Time
	Error     string
	Permanent bool // a 5xx for this message: parked at once
	// MaxAttempts parks the mail at its MaxAttempts-th attempt; 0 means no limit on attempts.
	MaxAttempts int
	// Lifetime parks a temporarily failing mail once it has waited this long since it was queued,
	// or since the administrator queued it again (an MTA's queue lifetime); 0 means no limit on time.
	Lifetime time.Duration
}

// RecordMailFailure counts an attempt, backs off (capped at OutboxBackoffCap) or parks the mail as
// failed, and reports whether it was parked. A parked mail loses its secrets in the same statement:
// nobody reads them on the admin page, and an administrator's retry sends the mail without them.
// ErrNotFound when the mail is not pending.
func (s *Store) RecordMailFailure(ctx context.Context, f MailFailure) (parked bool, err error) {
	lifetime := sql.NullString{}
	if f.Lifetime > 0 {
		lifetime = sql.NullString{String: fmt.Sprintf("%d seconds", int64(f.Lifetime/time.Second)), Valid: true}
	}
	err = s.db.GetContext(ctx, &parked, `
		WITH f AS (
			SELECT id, $4 OR ($5 > 0 AND attempts + 1 >= $5) OR ($6::interval IS NOT NULL AND $2::timestamptz >= coalesce(requeued_at, created_at) + $6::interval) AS park
			FROM outbox WHERE id = $1 AND status = 'pending' FOR UPDATE
		)
		UPDATE outbox o SET attempts = o.attempts + 1, last_error = $3,
			status = CASE WHEN f.park THEN 'failed' ELSE 'pending' END,
			next_attempt_at = CASE WHEN f.park THEN $2::timestamptz
				ELSE $2::timestamptz + least(interval '30 minutes',
					interval '1 minute' * power(2, least(o.attempts, 20)) * (1 + random() / 10)) END,
			secrets = CASE WHEN f.park THEN NULL ELSE o.secrets END,
			data = CASE WHEN f.park THEN o.data - $7::text[] ELSE o.data END
		FROM f WHERE o.id = f.id
		RETURNING f.park`, f.ID, f.At, clipErrorText(f.Error), f.Permanent, max(f.MaxAttempts, 0), lifetime, secretKeysArg())
	if errors.Is(err, sql.ErrNoRows) {
		return false, ErrNotFound
	}
	if err != nil {
		return false, fmt.Errorf("store: unable to mark mail failed: %w", err)
	}
	return parked, nil
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
	Channel            string         `db:"channel"` // "email" or "webhook"
}

const outboxColumns = `o.id, o.created_at, o.template, o.recipient, o.status, o.attempts, o.next_attempt_at,
	o.sent_at, o.last_error, o.request_id, r.registration_number, o.channel`

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
			UPDATE outbox SET status = 'pending', next_attempt_at = $2, requeued_at = $2 WHERE id = $1 AND status = 'failed' AND purged_at IS NULL RETURNING id
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

// OutboxFilter narrows the outbox list and the bulk retry; zero fields do not filter.
type OutboxFilter struct {
	Status   string
	Template string
	From, To time.Time // created_at in [From, To)
}

const outboxFilterSQL = `($1 = '' OR o.status = $1) AND ($2 = '' OR o.template = $2)
	AND ($3::timestamptz IS NULL OR o.created_at >= $3) AND ($4::timestamptz IS NULL OR o.created_at < $4)`

func (f OutboxFilter) args() []any {
	return []any{f.Status, f.Template, nullTimeArg(f.From), nullTimeArg(f.To)}
}

func nullTimeArg(t time.Time) sql.NullTime { return sql.NullTime{Time: t, Valid: !t.IsZero()} }

// OutboxPage lists the e-mails f selects, newest first, limit from offset: every failed mail can be
// reached, not only the newest.
func (s *Store) OutboxPage(ctx context.Context, f OutboxFilter, limit, offset int) ([]OutboxItem, error) {
	var items []OutboxItem
	err := s.db.SelectContext(ctx, &items, `SELECT `+outboxColumns+`
		FROM outbox o LEFT JOIN requests r ON r.id = o.request_id
		WHERE `+outboxFilterSQL+`
		ORDER BY o.id DESC LIMIT $5 OFFSET $6`, append(f.args(), limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch outbox: %w", err)
	}
	return items, nil
}

// RetryFailedOutbox puts every failed e-mail f selects (its Status is ignored) back in the queue,
// to be tried at once with a fresh queue lifetime, and returns how many.
func (s *Store) RetryFailedOutbox(ctx context.Context, f OutboxFilter, at time.Time) (int, error) {
	f.Status = "failed"
	// requeued_at restarts the queue lifetime: the admin's retry is a new chance, not the old one's end.
	res, err := s.db.ExecContext(ctx, `UPDATE outbox o SET status = 'pending', next_attempt_at = $5, requeued_at = $5
		WHERE o.purged_at IS NULL AND `+outboxFilterSQL, append(f.args(), at)...)
	if err != nil {
		return 0, fmt.Errorf("store: unable to retry mail: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
