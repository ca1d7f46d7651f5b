package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
)

// Clarification is an officer's question to the requester and, once given, the answer.
type Clarification struct {
	ID           int64          `db:"id"`
	RequestID    int64          `db:"request_id"`
	Question     string         `db:"question"`
	AskedAt      time.Time      `db:"asked_at"`
	AskedByLabel string         `db:"asked_by_label"`
	Answer       sql.NullString `db:"answer"`
	AnsweredAt   sql.NullTime   `db:"answered_at"`
	// AnswerDocumentID and AnswerFilename are the requester's attached file, when there is one.
	AnswerDocumentID sql.NullInt64  `db:"answer_document_id"`
	AnswerFilename   sql.NullString `db:"answer_filename"`
}

// Open reports whether the clarification still waits for the requester's answer.
func (c *Clarification) Open() bool { return !c.AnsweredAt.Valid }

const clarificationSelect = `SELECT c.id, c.request_id, c.question, c.asked_at, c.asked_by_label, c.answer, c.answered_at,
	c.answer_document_id, d.filename AS answer_filename
	FROM clarifications c JOIN requests r ON r.id = c.request_id LEFT JOIN documents d ON d.id = c.answer_document_id `

// Clarifications lists a request's clarifications within sc, oldest first.
func (s *Store) Clarifications(ctx context.Context, sc access.Scope, requestID int64) ([]Clarification, error) {
	var cs []Clarification
	err := s.db.SelectContext(ctx, &cs, clarificationSelect+`WHERE c.request_id = $1 AND `+inScope("r", 2)+` ORDER BY c.id`,
		scoped(sc, requestID)...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch clarifications: %w", err)
	}
	return cs, nil
}

// OpenClarification is the locked case's clarification still waiting for an answer; ErrNotFound when none.
func (t *CaseTx) OpenClarification(ctx context.Context, requestID int64) (*Clarification, error) {
	var c Clarification
	err := t.tx.GetContext(ctx, &c, clarificationSelect+`WHERE c.request_id = $1 AND c.answered_at IS NULL`, requestID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch the open clarification: %w", err)
	}
	return &c, nil
}

// AddClarification records an officer's question on the locked case.
func (t *CaseTx) AddClarification(ctx context.Context, requestID int64, question string, at time.Time, askedBy sql.NullInt64, label string) (int64, error) {
	var id int64
	err := t.tx.GetContext(ctx, &id, `
		INSERT INTO clarifications (request_id, question, asked_at, asked_by, asked_by_label)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`, requestID, question, at, askedBy, label)
	if err != nil {
		return 0, fmt.Errorf("store: unable to add clarification: %w", err)
	}
	return id, nil
}

// AnswerClarification records the requester's answer (and file, when documentID is valid).
func (t *CaseTx) AnswerClarification(ctx context.Context, id int64, answer string, at time.Time, documentID sql.NullInt64) error {
	res, err := t.tx.ExecContext(ctx, `
		UPDATE clarifications SET answer = $2, answered_at = $3, answer_document_id = $4
		WHERE id = $1 AND answered_at IS NULL`, id, answer, at, documentID)
	if err != nil {
		return fmt.Errorf("store: unable to answer clarification: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return ErrNotFound
	}
	return nil
}
