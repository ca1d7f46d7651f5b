package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
)

// Identity documents (KTP scans, deeds, powers of attorney) are stored sealed with the data key:
// the database never holds them in clear (UU 27/2022 Pasal 35). Only officers read them, within
// their scope, to verify the requester; the retention job deletes them with the rest of the
// requester's personal data.

// NewIdentityDocument is an identity document as the intake statement writes it.
type NewIdentityDocument struct {
	Kind        string // ktp, akta, surat_kuasa
	ContentType string // sniffed from the content
	Size        int    // of the plaintext
	Sealed      []byte // secret.Box sealed
}

// IdentityDocument is a stored identity document; Sealed is filled only by IdentityDocument.
type IdentityDocument struct {
	ID          int64     `db:"id"`
	RequestID   int64     `db:"request_id"`
	Kind        string    `db:"kind"`
	ContentType string    `db:"content_type"`
	Size        int64     `db:"size"`
	CreatedAt   time.Time `db:"created_at"`
	Sealed      []byte    `db:"sealed"`
}

// IdentityDocuments lists a request's identity documents (without their content) within the scope.
func (s *Store) IdentityDocuments(ctx context.Context, sc access.Scope, requestID int64) ([]IdentityDocument, error) {
	var ds []IdentityDocument
	err := s.db.SelectContext(ctx, &ds, `
		SELECT d.id, d.request_id, d.kind, d.content_type, d.size, d.created_at
		FROM identity_documents d JOIN requests r ON r.id = d.request_id
		WHERE d.request_id = $1 AND `+inScope("r", 2)+`
		ORDER BY d.id`, scoped(sc, requestID)...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch identity documents: %w", err)
	}
	return ds, nil
}

// IdentityDocument reads one identity document with its sealed content; outside the scope, or
// not of that request, it is ErrNotFound.
func (s *Store) IdentityDocument(ctx context.Context, sc access.Scope, requestID, id int64) (*IdentityDocument, error) {
	var d IdentityDocument
	err := s.db.GetContext(ctx, &d, `
		SELECT d.id, d.request_id, d.kind, d.content_type, d.size, d.created_at, d.sealed
		FROM identity_documents d JOIN requests r ON r.id = d.request_id
		WHERE d.id = $1 AND d.request_id = $2 AND `+inScope("r", 3), scoped(sc, id, requestID)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch identity document: %w", err)
	}
	return &d, nil
}

// MarkIdentityVerified records that an officer verified the requester's identity; ErrConflict
// when it was verified before.
func (t *CaseTx) MarkIdentityVerified(ctx context.Context, requestID int64, at time.Time, by int64) error {
	res, err := t.tx.ExecContext(ctx, `UPDATE requests SET identity_verified_at = $2, identity_verified_by = $3, version = version + 1
		WHERE id = $1 AND identity_verified_at IS NULL`, requestID, at, by)
	if err != nil {
		return fmt.Errorf("store: unable to mark identity verified: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrConflict
	}
	return nil
}
