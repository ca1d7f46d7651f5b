package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
)

// LetterRecord is an issued letter.
type LetterRecord struct {
	ID             int64         `db:"id"`
	RequestID      int64         `db:"request_id"`
	Kind           string        `db:"kind"`
	Number         string        `db:"number"`
	IssuedOn       calendar.Date `db:"issued_on"`
	DecisionID     sql.NullInt64 `db:"decision_id"`
	ObjectionID    sql.NullInt64 `db:"objection_id"`
	SignerName     string        `db:"signer_name"`
	SignerPosition string        `db:"signer_position"`
	DocumentID     sql.NullInt64 `db:"document_id"`
	// How and when it went to the requester, and when they received it (zero/NULL until recorded).
	SentVia    sql.NullString `db:"sent_via"`
	SentAt     sql.NullTime   `db:"sent_at"`
	ReceivedOn calendar.Date  `db:"received_on"`
}

const letterColumns = `id, request_id, kind, number, issued_on, decision_id, objection_id, signer_name, signer_position, document_id,
	sent_via, sent_at, received_on`

// AddLetter records an issued letter; ErrConflict when the request already has its receipt.
func (t *CaseTx) AddLetter(ctx context.Context, l LetterRecord) (int64, error) {
	var id int64
	err := t.tx.GetContext(ctx, &id, `
		INSERT INTO letters (request_id, kind, number, issued_on, decision_id, objection_id, signer_name, signer_position, document_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT (request_id) WHERE kind = 'tanda_bukti' DO NOTHING
		RETURNING id`,
		l.RequestID, l.Kind, l.Number, l.IssuedOn, l.DecisionID, l.ObjectionID, l.SignerName, l.SignerPosition, l.DocumentID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrConflict
	}
	if err != nil {
		return 0, fmt.Errorf("store: unable to add letter: %w", err)
	}
	return id, nil
}

// LetterForUpdate reads one letter of the locked case; ErrNotFound when it is not this case's.
func (t *CaseTx) LetterForUpdate(ctx context.Context, requestID, id int64) (*LetterRecord, error) {
	var l LetterRecord
	err := t.tx.GetContext(ctx, &l, `SELECT `+letterColumns+` FROM letters WHERE id = $1 AND request_id = $2`, id, requestID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch letter: %w", err)
	}
	return &l, nil
}

// SetLetterDelivery records how and when a letter was sent and, when known, received.
func (t *CaseTx) SetLetterDelivery(ctx context.Context, id int64, via string, sentAt time.Time, receivedOn calendar.Date) error {
	if _, err := t.tx.ExecContext(ctx, `UPDATE letters SET sent_via = $2, sent_at = $3, received_on = $4 WHERE id = $1`,
		id, via, sentAt, receivedOn); err != nil {
		return fmt.Errorf("store: unable to record letter delivery: %w", err)
	}
	return nil
}

// HasLetter reports whether the locked case already has a letter of kind.
func (t *CaseTx) HasLetter(ctx context.Context, requestID int64, kind string) (bool, error) {
	var ok bool
	if err := t.tx.GetContext(ctx, &ok, `SELECT EXISTS (SELECT 1 FROM letters WHERE request_id = $1 AND kind = $2)`, requestID, kind); err != nil {
		return false, fmt.Errorf("store: unable to look up letters: %w", err)
	}
	return ok, nil
}

// Letters lists a request's letters in the order they were issued.
func (s *Store) Letters(ctx context.Context, requestID int64) ([]LetterRecord, error) {
	var ls []LetterRecord
	if err := s.db.SelectContext(ctx, &ls, `SELECT `+letterColumns+` FROM letters WHERE request_id = $1 ORDER BY id`, requestID); err != nil {
		return nil, fmt.Errorf("store: unable to fetch letters: %w", err)
	}
	return ls, nil
}

// Letter finds one letter of a request within the scope.
func (s *Store) Letter(ctx context.Context, sc access.Scope, requestID, id int64) (*LetterRecord, error) {
	var l LetterRecord
	err := s.db.GetContext(ctx, &l, `SELECT `+letterColumns+` FROM letters
		WHERE id = $1 AND request_id = $2 AND EXISTS (SELECT 1 FROM requests r WHERE r.id = $2 AND `+inScope("r", 3)+`)`,
		scoped(sc, id, requestID)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch letter: %w", err)
	}
	return &l, nil
}

// DecisionByID reads one written notice of a request.
func (s *Store) DecisionByID(ctx context.Context, requestID, id int64) (*DecisionRecord, error) {
	var d DecisionRecord
	err := s.db.GetContext(ctx, &d, `SELECT `+decisionColumns+` FROM decisions WHERE id = $1 AND request_id = $2`, id, requestID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch decision: %w", err)
	}
	return &d, nil
}

// ObjectionByID reads one objection of a request.
func (s *Store) ObjectionByID(ctx context.Context, requestID, id int64) (*Objection, error) {
	var o Objection
	err := s.db.GetContext(ctx, &o, `SELECT `+objectionColumns+` FROM objections WHERE id = $1 AND request_id = $2`, id, requestID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch objection: %w", err)
	}
	return &o, nil
}
