package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
)

// Publication is an item of the public portal with its metadata, file and state.
type Publication struct {
	ID               int64           `db:"id"`
	PublicID         string          `db:"public_id"`
	Title            string          `db:"title"`
	Category         string          `db:"category"`
	UnitID           int64           `db:"unit_id"`
	UnitName         string          `db:"unit_name"`
	Year             int             `db:"year"`
	Summary          string          `db:"summary"`
	Keywords         string          `db:"keywords"`
	Responsible      string          `db:"responsible"`
	MadePlace        string          `db:"made_place"`
	MadeTime         string          `db:"made_time"`
	Form             string          `db:"form"`
	Retention        string          `db:"retention"`
	RequestID        sql.NullInt64   `db:"request_id"`
	RegistrationNo   sql.NullString  `db:"registration_number"`
	SourceDocumentID sql.NullInt64   `db:"source_document_id"`
	SHA256           string          `db:"sha256"`
	Size             int64           `db:"size"`
	ContentType      string          `db:"content_type"`
	Filename         string          `db:"filename"`
	DocType          string          `db:"doc_type"`
	AvailableAt      string          `db:"available_at"` // for doc_type 'offline': where and in what form to get it
	TextChecked      bool            `db:"text_checked"`
	Status           string          `db:"status"`
	PIIFindings      json.RawMessage `db:"pii_findings"`
	PIIConfirmedAt   sql.NullTime    `db:"pii_confirmed_at"`
	PublishedAt      sql.NullTime    `db:"published_at"`
	UnpublishedAt    sql.NullTime    `db:"unpublished_at"`
	UnpublishReason  string          `db:"unpublish_reason"`
	CreatedAt        time.Time       `db:"created_at"`
	UpdatedAt        time.Time       `db:"updated_at"`
}

// PublicationFields are the columns an officer sets; the file columns are set once, at creation.
type PublicationFields struct {
	Title, Category                                           string
	UnitID                                                    int64
	Year                                                      int
	Summary, Keywords, Responsible, MadePlace, MadeTime, Form string
	Retention                                                 string
	PIIFindings                                               json.RawMessage // "[]" when nothing was found
}

// NewPublication is a draft as the publishing service creates it.
type NewPublication struct {
	PublicationFields
	PublicID                               string
	RequestID, SourceDocumentID            sql.NullInt64
	SHA256, ContentType, Filename, DocType string
	Size                                   int64
	BodyText                               string
	TextChecked                            bool
	AvailableAt                            string // for an offline entry: where and in what form it is available
	CreatedBy                              sql.NullInt64
	ActorLabel                             string
	At                                     time.Time
}

// PublicationEvent is one line of a publication's history.
type PublicationEvent struct {
	At         time.Time `db:"at"`
	ActorLabel string    `db:"actor_label"`
	Kind       string    `db:"kind"`
	Note       string    `db:"note"`
}

const publicationColumns = `p.id, p.public_id, p.title, p.category, p.unit_id, u.name AS unit_name, p.year, p.summary,
	p.keywords, p.responsible, p.made_place, p.made_time, p.form, p.retention, p.request_id,
	r.registration_number, p.source_document_id, p.sha256, p.size, p.content_type, p.filename, p.doc_type, p.available_at, p.text_checked, p.status,
	p.pii_findings, p.pii_confirmed_at, p.published_at, p.unpublished_at, p.unpublish_reason, p.created_at, p.updated_at`

const publicationFrom = ` FROM publications p JOIN units u ON u.id = p.unit_id LEFT JOIN requests r ON r.id = p.request_id`

// CreatePublication records a draft and its "created" event in one statement. ErrConflict when
// the case document was published before.
func (s *Store) CreatePublication(ctx context.Context, p NewPublication) (int64, error) {
	var id int64
	err := s.db.GetContext(ctx, &id, `
		WITH p AS (
			INSERT INTO publications (public_id, title, category, unit_id, year, summary, keywords, responsible,
				made_place, made_time, form, retention, request_id, source_document_id, sha256, size, content_type,
				filename, doc_type, body_text, pii_findings, created_by, created_at, updated_at, text_checked, available_at,
				head_roots, body_roots)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $23, $25, $26,
				$27, $28)
			ON CONFLICT (source_document_id) WHERE source_document_id IS NOT NULL DO NOTHING
			RETURNING id),
		e AS (INSERT INTO publication_events (publication_id, at, actor_id, actor_label, kind)
			SELECT id, $23, $22, $24, 'created' FROM p)
		SELECT id FROM p`,
		p.PublicID, p.Title, p.Category, p.UnitID, p.Year, p.Summary, p.Keywords, p.Responsible, p.MadePlace, p.MadeTime,
		p.Form, p.Retention, p.RequestID, p.SourceDocumentID, p.SHA256, p.Size, p.ContentType, p.Filename, p.DocType,
		p.BodyText, findingsJSON(p.PIIFindings), p.CreatedBy, p.At, p.ActorLabel, p.TextChecked, p.AvailableAt,
		headRoots(p.Title, p.Keywords, p.Summary), bodyRoots(p.BodyText))
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrConflict
	}
	if err != nil {
		return 0, fmt.Errorf("store: unable to create publication: %w", err)
	}
	return id, nil
}

func findingsJSON(f json.RawMessage) string {
	if len(f) == 0 {
		return "[]"
	}
	return string(f)
}

// Publication finds one item by internal id within the scope of an officer.
func (s *Store) Publication(ctx context.Context, sc access.Scope, id int64) (*Publication, error) {
	return s.publicationWhere(ctx, `p.id = $1 AND `+inScope("p", 2), scoped(sc, id)...)
}

// PublicationByPublicID finds one item by the key in its public URL, in any state; the portal
// decides what a state shows the public.
func (s *Store) PublicationByPublicID(ctx context.Context, publicID string) (*Publication, error) {
	return s.publicationWhere(ctx, `p.public_id = $1`, publicID)
}

func (s *Store) publicationWhere(ctx context.Context, where string, args ...any) (*Publication, error) {
	var p Publication
	err := s.db.GetContext(ctx, &p, `SELECT `+publicationColumns+publicationFrom+` WHERE `+where, args...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch publication: %w", err)
	}
	return &p, nil
}

// PublicationText is the extracted text of an item, for the personal-data check.
func (s *Store) PublicationText(ctx context.Context, id int64) (string, error) {
	var text string
	if err := s.db.GetContext(ctx, &text, `SELECT body_text FROM publications WHERE id = $1`, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return "", ErrNotFound
		}
		return "", fmt.Errorf("store: unable to fetch publication text: %w", err)
	}
	return text, nil
}

// UpdatePublication saves edited metadata and the new check's findings. A new text needs a new
// confirmation: when confirm is false and there are findings, a published or unpublished item
// goes back to draft (the CHECK allows unconfirmed findings on drafts only); when confirm is true
// the confirmation is recorded as its own event.
func (s *Store) UpdatePublication(ctx context.Context, id int64, f PublicationFields, confirm bool, actorID int64, actorLabel, note string, at time.Time) error {
	res, err := s.db.ExecContext(ctx, `
		WITH p AS (
			UPDATE publications SET title = $2, category = $3, unit_id = $4, year = $5, summary = $6, keywords = $7,
				responsible = $8, made_place = $9, made_time = $10, form = $11, retention = $12, pii_findings = $13,
				pii_confirmed_at = CASE WHEN $14 THEN $15::timestamptz END,
				pii_confirmed_by = CASE WHEN $14 THEN $16::bigint END,
				status = CASE WHEN status <> 'draft' AND jsonb_array_length($13::jsonb) > 0 AND NOT $14 THEN 'draft' ELSE status END,
				updated_at = $15, head_roots = $19
			WHERE id = $1 RETURNING id),
		e AS (INSERT INTO publication_events (publication_id, at, actor_id, actor_label, kind, note)
			SELECT id, $15, $16, $17, 'edited', '' FROM p
			UNION ALL SELECT id, $15, $16, $17, 'pii_confirmed', $18 FROM p WHERE $14)
		SELECT id FROM p`,
		id, f.Title, f.Category, f.UnitID, f.Year, f.Summary, f.Keywords, f.Responsible, f.MadePlace, f.MadeTime, f.Form,
		f.Retention, findingsJSON(f.PIIFindings), confirm, at, actorID, actorLabel, note, headRoots(f.Title, f.Keywords, f.Summary))
	if err != nil {
		return fmt.Errorf("store: unable to update publication: %w", err)
	}
	return affectedOne(res)
}

// ConfirmPublicationPII records that an officer checked the findings and the item may go out.
func (s *Store) ConfirmPublicationPII(ctx context.Context, id, actorID int64, actorLabel, note string, at time.Time) error {
	res, err := s.db.ExecContext(ctx, `
		WITH p AS (UPDATE publications SET pii_confirmed_at = $2, pii_confirmed_by = $3, updated_at = $2
			WHERE id = $1 AND jsonb_array_length(pii_findings) > 0 RETURNING id)
		INSERT INTO publication_events (publication_id, at, actor_id, actor_label, kind, note)
		SELECT id, $2, $3, $4, 'pii_confirmed', $5 FROM p`, id, at, actorID, actorLabel, note)
	if err != nil {
		return fmt.Errorf("store: unable to confirm publication: %w", err)
	}
	return affectedOne(res)
}

// ErrPIIUnconfirmed: the item has personal-data findings nobody confirmed.
var ErrPIIUnconfirmed = errors.New("store: personal data found and not confirmed")

// PublishPublication makes a draft or unpublished item public. ErrPIIUnconfirmed while findings
// await confirmation; ErrConflict when it is already public.
func (s *Store) PublishPublication(ctx context.Context, id int64, actorID sql.NullInt64, actorLabel string, at time.Time) error {
	var outcome string
	err := s.db.GetContext(ctx, &outcome, `
		WITH cur AS (SELECT id, status, jsonb_array_length(pii_findings) > 0 AND pii_confirmed_at IS NULL AS blocked
			FROM publications WHERE id = $1 FOR UPDATE),
		p AS (UPDATE publications SET status = 'published', published_at = coalesce(published_at, $2),
				unpublished_at = NULL, unpublish_reason = '', updated_at = $2
			FROM cur WHERE publications.id = cur.id AND cur.status <> 'published' AND NOT cur.blocked RETURNING publications.id),
		e AS (INSERT INTO publication_events (publication_id, at, actor_id, actor_label, kind)
			SELECT id, $2, $3, $4, 'published' FROM p)
		SELECT CASE WHEN EXISTS (SELECT 1 FROM p) THEN 'ok' WHEN cur.blocked THEN 'blocked' ELSE 'published' END FROM cur`,
		id, at, actorID, actorLabel)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return ErrNotFound
	case err != nil:
		return fmt.Errorf("store: unable to publish: %w", err)
	case outcome == "blocked":
		return ErrPIIUnconfirmed
	case outcome == "published":
		return ErrConflict
	}
	return nil
}

// UnpublishPublication takes an item off the portal with a reason; the record and its history stay.
func (s *Store) UnpublishPublication(ctx context.Context, id, actorID int64, actorLabel, reason string, at time.Time) error {
	res, err := s.db.ExecContext(ctx, `
		WITH p AS (UPDATE publications SET status = 'unpublished', unpublished_at = $2, unpublish_reason = $5, updated_at = $2
			WHERE id = $1 AND status = 'published' RETURNING id)
		INSERT INTO publication_events (publication_id, at, actor_id, actor_label, kind, note)
		SELECT id, $2, $3, $4, 'unpublished', $5 FROM p`, id, at, actorID, actorLabel, reason)
	if err != nil {
		return fmt.Errorf("store: unable to unpublish: %w", err)
	}
	return affectedOne(res)
}

// PublicationEvents is an item's history, oldest first.
func (s *Store) PublicationEvents(ctx context.Context, id int64) ([]PublicationEvent, error) {
	var es []PublicationEvent
	if err := s.db.SelectContext(ctx, &es, `SELECT at, actor_label, kind, note FROM publication_events
		WHERE publication_id = $1 ORDER BY id`, id); err != nil {
		return nil, fmt.Errorf("store: unable to fetch publication history: %w", err)
	}
	return es, nil
}

// OfficePublications lists items within the scope for officers, most recently changed first;
// status "" means all.
func (s *Store) OfficePublications(ctx context.Context, sc access.Scope, status string, limit, offset int) ([]Publication, error) {
	var ps []Publication
	err := s.db.SelectContext(ctx, &ps, `SELECT `+publicationColumns+publicationFrom+`
		WHERE ($1 = '' OR p.status = $1) AND `+inScope("p", 4)+` ORDER BY p.updated_at DESC, p.id DESC LIMIT $2 OFFSET $3`,
		scoped(sc, status, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list publications: %w", err)
	}
	return ps, nil
}

// CasePublications lists what was published from a case.
func (s *Store) CasePublications(ctx context.Context, requestID int64) ([]Publication, error) {
	var ps []Publication
	err := s.db.SelectContext(ctx, &ps, `SELECT `+publicationColumns+publicationFrom+`
		WHERE p.request_id = $1 ORDER BY p.id`, requestID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list case publications: %w", err)
	}
	return ps, nil
}

// PublicationWithContent reports whether an item with this file content exists, in any state.
func (s *Store) PublicationWithContent(ctx context.Context, sha256Hex string) (bool, error) {
	var exists bool
	if err := s.db.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM publications WHERE sha256 = $1)`, sha256Hex); err != nil {
		return false, fmt.Errorf("store: unable to look up publication content: %w", err)
	}
	return exists, nil
}
