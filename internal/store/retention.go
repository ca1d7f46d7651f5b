package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// RetentionCandidate is a closed request whose personal data has outlived the retention period.
type RetentionCandidate struct {
	ID            int64  `db:"id"`
	RequesterKind string `db:"requester_kind"`
	IdentityScans int    `db:"identity_scans"`
	AnswerFiles   int    `db:"answer_files"` // files the requester sent with clarification answers
}

// Anonymisation says which requests one retention batch takes and what it writes on them.
type Anonymisation struct {
	ClosedBefore time.Time // only requests closed before this
	At           time.Time // anonymised_at and the event time
	Limit        int       // requests per transaction
	Name         string    // what requester_name becomes
	ActorLabel   string    // who the history row names
	// Note is the history note of each request: what was removed and why.
	Note func(RetentionCandidate) string
}

// AnonymisedBatch is what one retention transaction did.
type AnonymisedBatch struct {
	Selected int      // candidates taken; fewer than the limit means none are left
	Requests []int64  // requests anonymised
	Scans    int      // identity document rows deleted
	Blobs    []string // distinct sha256 of those rows and of clarification answers' files; delete only what UnreferencedBlobs returns, after this commit
}

// retentionNotHeld keeps the personal data of a request someone is still contesting: an open
// objection or a dispute at the Komisi Informasi (or the court suit after it) needs the
// requester's identity and address to be answered, whatever the retention period says.
const retentionNotHeld = `
	NOT EXISTS (SELECT 1 FROM objections o WHERE o.request_id = r.id AND o.status = 'diterima')
	AND NOT EXISTS (SELECT 1 FROM disputes d WHERE d.request_id = r.id
		AND ((d.ruling_date IS NULL AND d.ruling = '') OR (d.court_case <> '' AND d.court_outcome = '')))`

// AnonymiseBatch anonymises up to a.Limit requests closed before a.ClosedBefore and not yet
// anonymised, in one transaction: their identity documents are deleted, the requester's
// personal data cleared, and one internal 'anonymised' event is written per request. The
// request text, dates, decisions and history stay, so the register and statistics stay whole.
func (s *Store) AnonymiseBatch(ctx context.Context, a Anonymisation) (AnonymisedBatch, error) {
	var b AnonymisedBatch
	err := s.withTx(ctx, func(tx *sqlx.Tx) error {
		// Lock first: a case step (objection, dispute, document) locks the same row, so once
		// the lock is held nothing can put a hold on these requests or add a scan to them.
		var cs []RetentionCandidate
		err := tx.SelectContext(ctx, &cs, `
			SELECT r.id, r.requester_kind,
				(SELECT count(*) FROM documents d WHERE d.request_id = r.id AND d.kind = 'identity') +
				(SELECT count(*) FROM identity_documents i WHERE i.request_id = r.id) AS identity_scans,
				(SELECT count(*) FROM documents d WHERE d.request_id = r.id AND d.kind = 'clarification') AS answer_files
			FROM requests r
			WHERE r.closed_at < $1 AND r.anonymised_at IS NULL AND `+retentionNotHeld+`
			ORDER BY r.closed_at, r.id
			LIMIT $2
			FOR UPDATE OF r SKIP LOCKED`, a.ClosedBefore, a.Limit)
		if err != nil {
			return fmt.Errorf("store: unable to select requests for retention: %w", err)
		}
		b.Selected = len(cs)
		if len(cs) == 0 {
			return nil
		}
		ids, notes := make([]int64, len(cs)), make([]string, len(cs))
		for i, c := range cs {
			ids[i], notes[i] = c.ID, a.Note(c)
		}
		// A fresh snapshot re-checks the conditions for what changed before the lock was granted.
		var out struct {
			IDs   pq.Int64Array  `db:"ids"`
			Scans int            `db:"scans"`
			Blobs pq.StringArray `db:"blobs"`
		}
		err = tx.GetContext(ctx, &out, `
			WITH c AS (
				SELECT * FROM unnest($1::bigint[], $2::text[]) AS c(id, note)
			), target AS (
				SELECT r.id, c.note FROM requests r JOIN c ON c.id = r.id
				WHERE r.closed_at < $3 AND r.anonymised_at IS NULL AND `+retentionNotHeld+`
			), answers AS (
				-- The requester's files sent with clarification answers go with the identity scans;
				-- the answers' text stays in the case, as the request's text does.
				UPDATE clarifications c SET answer_document_id = NULL FROM target t
				WHERE c.request_id = t.id AND c.answer_document_id IS NOT NULL
			), scans AS (
				DELETE FROM documents d USING target t
				WHERE d.request_id = t.id AND d.kind IN ('identity', 'clarification')
				RETURNING d.sha256, d.kind
			), sealed_scans AS (
				-- The requester's own uploads, sealed in the database (UU 27/2022 Pasal 16(2) huruf e).
				DELETE FROM identity_documents i USING target t WHERE i.request_id = t.id
				RETURNING i.id
			), anon AS (
				UPDATE requests r SET requester_name = $4, nik_sealed = NULL, nik_lookup = NULL,
					entity_sk_number = NULL, address = '', phone = '', email = '', occupation = '',
					anonymised_at = $5, version = r.version + 1
				FROM target t WHERE r.id = t.id
				RETURNING r.id, t.note
			), event AS (
				INSERT INTO request_events (request_id, at, actor_label, kind, note, public)
				SELECT id, $5, $6, 'anonymised', note, false FROM anon
			)
			SELECT
				(SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM anon) AS ids,
				(SELECT count(*) FROM scans WHERE kind = 'identity') + (SELECT count(*) FROM sealed_scans) AS scans,
				(SELECT coalesce(array_agg(DISTINCT sha256 ORDER BY sha256), '{}') FROM scans) AS blobs`,
			pq.Int64Array(ids), pqStrings(notes), a.ClosedBefore, a.Name, a.At, a.ActorLabel)
		if err != nil {
			return fmt.Errorf("store: unable to anonymise requests: %w", err)
		}
		b.Requests, b.Scans, b.Blobs = out.IDs, out.Scans, out.Blobs
		return nil
	})
	if err != nil {
		return AnonymisedBatch{}, err
	}
	return b, nil
}

// UnreferencedBlobs returns those of shas that no row references any more (documents,
// publications, annual reports and their history: every table holding a sha256): the blobs that may be deleted from the file store.
func (s *Store) UnreferencedBlobs(ctx context.Context, shas []string) ([]string, error) {
	if len(shas) == 0 {
		return nil, nil
	}
	var free []string
	err := s.db.SelectContext(ctx, &free, `
		SELECT sha FROM unnest($1::text[]) AS sha
		EXCEPT
		SELECT sha256 FROM documents WHERE sha256 = ANY($1::text[])
		EXCEPT
		SELECT sha256 FROM publications WHERE sha256 = ANY($1::text[])
		EXCEPT
		SELECT pdf_sha256 FROM annual_reports WHERE pdf_sha256 = ANY($1::text[])
		EXCEPT
		SELECT pdf_sha256 FROM annual_report_events WHERE pdf_sha256 = ANY($1::text[])
		ORDER BY 1`, pqStrings(shas))
	if err != nil {
		return nil, fmt.Errorf("store: unable to check blob references: %w", err)
	}
	return free, nil
}

// PurgeAnonymisedMail clears the content of mail about anonymised requests once it has left the
// queue (sent, or parked as failed): its data and recipient are the requester's personal data
// (UU 27/2022 Pasal 16(2) huruf e). The row keeps its kind, dates and status, so the outbox still
// shows that a notice went out and when. Mail still pending is left to be sent, and purged on a
// later run. It returns how many rows it purged.
func (s *Store) PurgeAnonymisedMail(ctx context.Context, at time.Time) (int, error) {
	res, err := s.db.ExecContext(ctx, `
		UPDATE outbox o SET data = '{}', recipient = '', last_error = NULL, purged_at = $1
		FROM requests r
		WHERE r.id = o.request_id AND r.anonymised_at IS NOT NULL
			AND o.purged_at IS NULL AND o.status IN ('sent', 'failed')`, at)
	if err != nil {
		return 0, fmt.Errorf("store: unable to purge mail of anonymised requests: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
