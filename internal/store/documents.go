package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
)

// Document is a file attached to a case; its bytes live in the blob store under SHA256.
type Document struct {
	ID           int64          `db:"id"`
	RequestID    int64          `db:"request_id"`
	SHA256       string         `db:"sha256"`
	Size         int64          `db:"size"`
	ContentType  string         `db:"content_type"`
	Filename     string         `db:"filename"`
	Kind         string         `db:"kind"`
	Visibility   string         `db:"visibility"`
	LetterKind   sql.NullString `db:"letter_kind"`
	LetterNumber sql.NullString `db:"letter_number"`
	UploadedBy   sql.NullInt64  `db:"uploaded_by"`
	CreatedAt    time.Time      `db:"created_at"`
}

const documentColumns = `id, request_id, sha256, size, content_type, filename, kind, visibility, letter_kind,
	letter_number, uploaded_by, created_at`

// AddDocument records a stored file on the locked case.
func (t *CaseTx) AddDocument(ctx context.Context, d Document) (int64, error) {
	var id int64
	err := t.tx.GetContext(ctx, &id, `
		INSERT INTO documents (request_id, sha256, size, content_type, filename, kind, visibility, letter_kind, letter_number, uploaded_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		d.RequestID, d.SHA256, d.Size, d.ContentType, d.Filename, d.Kind, d.Visibility, d.LetterKind, d.LetterNumber, d.UploadedBy)
	if err != nil {
		return 0, fmt.Errorf("store: unable to add document: %w", err)
	}
	return id, nil
}

// Documents lists a request's files; visibilities, when given, restrict the list (the
// requester sees only what is marked for them or for publication).
func (s *Store) Documents(ctx context.Context, requestID int64, visibilities ...string) ([]Document, error) {
	var ds []Document
	err := s.db.SelectContext(ctx, &ds, `SELECT `+documentColumns+` FROM documents
		WHERE request_id = $1 AND (coalesce(cardinality($2::text[]), 0) = 0 OR visibility = ANY($2::text[])) ORDER BY id`,
		requestID, pqStrings(visibilities))
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch documents: %w", err)
	}
	return ds, nil
}

// Document finds one file of a request within the scope.
func (s *Store) Document(ctx context.Context, sc access.Scope, requestID, id int64) (*Document, error) {
	var d Document
	err := s.db.GetContext(ctx, &d, `SELECT `+documentColumns+` FROM documents
		WHERE id = $1 AND request_id = $2 AND EXISTS (SELECT 1 FROM requests r WHERE r.id = $2 AND `+inScope("r", 3)+`)`,
		scoped(sc, id, requestID)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch document: %w", err)
	}
	return &d, nil
}

// SetLetterDocument links an issued letter to its stored PDF.
func (t *CaseTx) SetLetterDocument(ctx context.Context, letterID, documentID int64) error {
	if _, err := t.tx.ExecContext(ctx, `UPDATE letters SET document_id = $2 WHERE id = $1`, letterID, documentID); err != nil {
		return fmt.Errorf("store: unable to link letter document: %w", err)
	}
	return nil
}
