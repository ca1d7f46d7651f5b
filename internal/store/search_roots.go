package store

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/terbuka-id/terbuka/internal/stem"
)

// The portal's search indexes, beside each text, the roots internal/stem finds in it (migration
// 00027), so "rencana" finds "perencanaan", which PostgreSQL's snowball stems to "encana".

// maxRootText bounds the text read for roots, as the search vector bounds the body.
const maxRootText = 200000

func headRoots(title, keywords, summary string) string {
	return stem.Roots(title+"\n"+keywords+"\n"+summary, maxRootText)
}

func bodyRoots(body string) string { return stem.Roots(body, maxRootText) }

// RootedQuery is the query with its words' roots (PortalSearchSQL's $9), searched beside the query itself.
func RootedQuery(q string) string { return stem.Query(q) }

// rootsBatch is how many rows one backfill statement computes.
const rootsBatch = 200

// BackfillRoots computes the roots of rows written before they were indexed (NULL, migration
// 00027), in batches; it reads nothing once every row has them. `serve` runs it in the
// background (until then those rows are found by their words as typed, not by their roots), and
// `migrate` runs it to the end: on a large register it takes a while, and must not hold up start.
func (s *Store) BackfillRoots(ctx context.Context) error {
	for {
		var rows []struct {
			ID       int64  `db:"id"`
			Title    string `db:"title"`
			Keywords string `db:"keywords"`
			Summary  string `db:"summary"`
			Body     string `db:"body"`
		}
		if err := s.db.SelectContext(ctx, &rows, `SELECT id, title, keywords, summary, left(body_text, $1) AS body
			FROM publications WHERE head_roots IS NULL ORDER BY id LIMIT $2`, maxRootText, rootsBatch); err != nil {
			return fmt.Errorf("store: unable to read publications for their roots: %w", err)
		}
		// One transaction a batch: one commit (and WAL flush) per 200 rows, not per row.
		if err := s.withTx(ctx, func(tx *sqlx.Tx) error {
			for _, r := range rows {
				if _, err := tx.ExecContext(ctx, `UPDATE publications SET head_roots = $2, body_roots = $3 WHERE id = $1`,
					r.ID, headRoots(r.Title, r.Keywords, r.Summary), bodyRoots(r.Body)); err != nil {
					return fmt.Errorf("store: unable to store a publication's roots: %w", err)
				}
			}
			return nil
		}); err != nil {
			return err
		}
		if len(rows) < rootsBatch {
			break
		}
	}
	for {
		var rows []struct {
			ID          int64  `db:"id"`
			Information string `db:"information"`
		}
		if err := s.db.SelectContext(ctx, &rows, `SELECT id, information FROM requests
			WHERE information_roots IS NULL AND publish_consent ORDER BY id LIMIT $1`, rootsBatch); err != nil {
			return fmt.Errorf("store: unable to read requests for their roots: %w", err)
		}
		if err := s.withTx(ctx, func(tx *sqlx.Tx) error {
			for _, r := range rows {
				if _, err := tx.ExecContext(ctx, `UPDATE requests SET information_roots = $2 WHERE id = $1`,
					r.ID, stem.Roots(r.Information, maxRootText)); err != nil {
					return fmt.Errorf("store: unable to store a request's roots: %w", err)
				}
			}
			return nil
		}); err != nil {
			return err
		}
		if len(rows) < rootsBatch {
			return nil
		}
	}
}
