package store

import (
	"context"
	"fmt"
)

// BlobRef is one stored file the database refers to: its content address and size.
type BlobRef struct {
	SHA256 string `db:"sha256"`
	Size   int64  `db:"size"`
}

// BlobRefs lists every blob a row refers to — case documents and letters (documents) and portal
// publications — once, in digest order: what `terbuka files migrate` must copy.
func (s *Store) BlobRefs(ctx context.Context) ([]BlobRef, error) {
	var refs []BlobRef
	err := s.db.SelectContext(ctx, &refs, `
		SELECT sha256, max(size) AS size FROM (
			SELECT sha256, size FROM documents
			UNION ALL
			SELECT sha256, size FROM publications
		) refs GROUP BY sha256 ORDER BY sha256`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list blob references: %w", err)
	}
	return refs, nil
}
