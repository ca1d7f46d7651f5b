package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Kinds of a requester's mail asked for by address alone.
const (
	AskSignIn  = "signin"  // a one-time sign-in link
	AskRecover = "recover" // fresh tracking codes of every request made with the address
)

// RequesterMailAsk is one queued ask: what, for which (lower-cased) address, when.
type RequesterMailAsk struct {
	ID      int64     `db:"id"`
	Kind    string    `db:"kind"`
	Email   string    `db:"email"`
	AskedAt time.Time `db:"asked_at"`
}

// AskRequesterMail queues an ask; the outbox job fulfils it (WorkRequesterMail), whether or not
// the address ever made a request, so the asking page answers every address alike.
func (s *Store) AskRequesterMail(ctx context.Context, kind, email string, at time.Time) error {
	if _, err := s.db.ExecContext(ctx, `INSERT INTO requester_mail_asks (kind, email, asked_at) VALUES ($1, $2, $3)`,
		kind, email, at); err != nil {
		return fmt.Errorf("store: unable to queue requester mail: %w", err)
	}
	return nil
}

// OwnRequest is one request made with an address, as its sign-in and recovery mails list it.
type OwnRequest struct {
	ID                 int64  `db:"id"`
	RegistrationNumber string `db:"registration_number"`
}

// RequesterMailWork is what fulfilling an ask writes: fresh tracking-code digests by request id,
// a sign-in token, and the mail; all optional (an unknown address gets nothing).
type RequesterMailWork struct {
	CodeHashes map[int64][]byte
	Token      *SignInToken
	Mail       *Mail
}

// SignInToken is a one-time sign-in link's digest and life.
type SignInToken struct {
	Hash      []byte
	Email     string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// WorkRequesterMail fulfils the oldest pending ask in one transaction: fn sees the ask and the
// address's requests and says what to write; the ask is then done. found is false when none waits.
func (s *Store) WorkRequesterMail(ctx context.Context, now time.Time,
	fn func(RequesterMailAsk, []OwnRequest) (RequesterMailWork, error)) (found bool, err error) {
	err = s.withTx(ctx, func(tx *sqlx.Tx) error {
		var ask RequesterMailAsk
		err := tx.GetContext(ctx, &ask, `SELECT id, kind, email, asked_at FROM requester_mail_asks
			WHERE done_at IS NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("store: unable to claim requester mail: %w", err)
		}
		found = true
		var own []OwnRequest
		// FOR UPDATE: a rotation and a tracking by the old code do not cross.
		if err := tx.SelectContext(ctx, &own, `SELECT id, registration_number FROM requests
			WHERE lower(email) = $1 AND email <> '' AND anonymised_at IS NULL ORDER BY received_at, id FOR UPDATE`, ask.Email); err != nil {
			return fmt.Errorf("store: unable to list requests of an address: %w", err)
		}
		work, err := fn(ask, own)
		if err != nil {
			return err
		}
		for id, hash := range work.CodeHashes {
			if _, err := tx.ExecContext(ctx, `UPDATE requests SET tracking_code_hash = $2 WHERE id = $1`, id, hash); err != nil {
				return fmt.Errorf("store: unable to rotate a tracking code: %w", err)
			}
		}
		if t := work.Token; t != nil {
			if _, err := tx.ExecContext(ctx, `INSERT INTO requester_signin_tokens (token_hash, email, created_at, expires_at)
				VALUES ($1, $2, $3, $4)`, t.Hash, t.Email, t.CreatedAt, t.ExpiresAt); err != nil {
				return fmt.Errorf("store: unable to store a sign-in token: %w", err)
			}
		}
		if m := work.Mail; m != nil {
			data, err := json.Marshal(m.Data)
			if err != nil {
				return fmt.Errorf("store: unable to encode mail data: %w", err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO outbox (template, recipient, data, secrets) VALUES ($1, $2, $3::jsonb, $4)`,
				m.Template, m.Recipient, string(data), m.Secrets); err != nil {
				return fmt.Errorf("store: unable to queue requester mail: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE requester_mail_asks SET done_at = $2 WHERE id = $1`, ask.ID, now); err != nil {
			return fmt.Errorf("store: unable to mark requester mail done: %w", err)
		}
		return nil
	})
	return found, err
}

// PurgeRequesterMail forgets asks done and sign-in tokens expired before before: the address
// they hold is of no further use.
func (s *Store) PurgeRequesterMail(ctx context.Context, before time.Time) error {
	if _, err := s.db.ExecContext(ctx, `
		WITH a AS (DELETE FROM requester_mail_asks WHERE done_at < $1)
		DELETE FROM requester_signin_tokens WHERE expires_at < $1`, before); err != nil {
		return fmt.Errorf("store: unable to purge requester mail: %w", err)
	}
	return nil
}

// UseSignInToken spends the token with digest hash at now and returns its address; ErrNotFound
// for a token unknown, used or expired — single use is one conditional UPDATE, so two clicks
// cannot both succeed.
func (s *Store) UseSignInToken(ctx context.Context, hash []byte, now time.Time) (string, error) {
	var email string
	err := s.db.GetContext(ctx, &email, `UPDATE requester_signin_tokens SET used_at = $2
		WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING email`, hash, now)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("store: unable to use a sign-in token: %w", err)
	}
	return email, nil
}

// RequestsOfEmail lists the requests made with the (lower-cased) address, newest first: the
// requester's own scope is their address, in the SQL.
func (s *Store) RequestsOfEmail(ctx context.Context, email string) ([]*Request, error) {
	var out []*Request
	if err := s.db.SelectContext(ctx, &out, `SELECT `+requestColumns+requestFrom+`
		WHERE lower(r.email) = $1 AND r.email <> '' AND r.anonymised_at IS NULL
		ORDER BY r.received_at DESC, r.id DESC`, email); err != nil {
		return nil, fmt.Errorf("store: unable to list requests of an address: %w", err)
	}
	return out, nil
}

// RequestOfEmail is the request numbered number if it was made with the address; ErrNotFound otherwise.
func (s *Store) RequestOfEmail(ctx context.Context, email, number string) (*Request, error) {
	return s.getRequest(ctx, `SELECT `+requestColumns+requestFrom+`
		WHERE r.registration_number = $1 AND lower(r.email) = $2 AND r.email <> '' AND r.anonymised_at IS NULL`, number, email)
}
