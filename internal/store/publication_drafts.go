package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
)

// ReplacedFile is a draft's new file with what the check found in it.
type ReplacedFile struct {
	SHA256, ContentType, Filename, DocType string
	Size                                   int64
	BodyText                               string
	TextChecked                            bool
	PIIFindings                            json.RawMessage
}

// ReplaceDraftFile puts a new file in a draft within sc: its text and findings replace the old
// ones and any confirmation is dropped, since it was given for the other file. ErrNotFound when
// the item is outside sc or no longer a draft.
func (s *Store) ReplaceDraftFile(ctx context.Context, sc access.Scope, id int64, f ReplacedFile, actorID int64, actorLabel string, at time.Time) error {
	res, err := s.db.ExecContext(ctx, `
		WITH p AS (
			UPDATE publications SET sha256 = $2, content_type = $3, filename = $4, doc_type = $5, size = $6, body_text = $7,
				text_checked = $8, pii_findings = $9, pii_confirmed_at = NULL, pii_confirmed_by = NULL, updated_at = $10
			WHERE id = $1 AND status = 'draft' AND doc_type <> 'offline' AND `+inScope("publications", 13)+` RETURNING id)
		INSERT INTO publication_events (publication_id, at, actor_id, actor_label, kind, note)
		SELECT id, $10, $11, $12, 'file_replaced', $4 FROM p`,
		scoped(sc, id, f.SHA256, f.ContentType, f.Filename, f.DocType, f.Size, f.BodyText, f.TextChecked,
			findingsJSON(f.PIIFindings), at, actorID, actorLabel)...)
	if err != nil {
		return fmt.Errorf("store: unable to replace the draft's file: %w", err)
	}
	return affectedOne(res)
}

// DeleteDraft removes a draft that was never published, with its history, within sc; its file is
// left to the blob sweep once nothing references it. ErrNotFound otherwise.
func (s *Store) DeleteDraft(ctx context.Context, sc access.Scope, id int64) error {
	res, err := s.db.ExecContext(ctx, `
		WITH d AS (SELECT id FROM publications
			WHERE id = $1 AND status = 'draft' AND published_at IS NULL AND `+inScope("publications", 2)+` FOR UPDATE),
		e AS (DELETE FROM publication_events WHERE publication_id IN (SELECT id FROM d))
		DELETE FROM publications WHERE id IN (SELECT id FROM d)`, scoped(sc, id)...)
	if err != nil {
		return fmt.Errorf("store: unable to delete draft: %w", err)
	}
	return affectedOne(res)
}
