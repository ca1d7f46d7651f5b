package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/pii"
)

// A public page per request (issue 13): with the requester's consent (publish_consent), the
// request text, its dates, the decision's facts and the documents released for publication.
// Every query here selects only that: never the requester's name (read to mask it in the notice's
// facts alone), NIK, address, phone, e-mail, occupation, purpose or tracking code.

// PIIFinding is a stored personal-data finding of a request text (masked; safe to show and keep).
type PIIFinding struct {
	Kind    string `json:"kind"`
	Label   string `json:"label"`
	Masked  string `json:"masked"`
	Context string `json:"context"`
}

// RequestTextFindings checks a request text as publications are checked (UU 14/2008 Pasal 17
// huruf h; UU 27/2022): NIK-like numbers, e-mail addresses, phone numbers and the requester's name.
func RequestTextFindings(information, requesterName string) json.RawMessage {
	found := pii.Scan(information, requesterName)
	out := make([]PIIFinding, 0, len(found))
	for _, f := range found {
		out = append(out, PIIFinding{Kind: f.Kind, Label: f.Label(), Masked: f.Masked, Context: f.Context})
	}
	raw, _ := json.Marshal(out) // plain strings: cannot fail
	return raw
}

// maskPublic hides the requester's name and any identity number, e-mail address or phone number
// in text shown on a public page, as the register does (UU 27/2022; UU 14/2008 Pasal 17 huruf h).
func maskPublic(text, requesterName string) string {
	return pii.Redact(text, "[disamarkan]", requesterName)
}

// publicPage is the condition under which the request aliased alias has a public page: consent,
// and a text the check found clean or the PPID showed after review; never after a "hide".
func publicPage(alias string) string {
	return fmt.Sprintf(`(%[1]s.publish_consent AND %[1]s.public_review <> 'hidden'
		AND (%[1]s.public_review = 'shown' OR %[1]s.public_pii = '[]'::jsonb))`, alias)
}

// PublicRequest is what a request's public page shows.
type PublicRequest struct {
	ID          int64          `db:"id"` // for reading its publications; never shown
	PublicKey   string         `db:"public_key"`
	Information string         `db:"information"`
	Status      string         `db:"status"`
	Decision    sql.NullString `db:"decision"`
	UnitName    string         `db:"unit_name"`
	ReceivedAt  time.Time      `db:"received_at"`
	ResponseDue calendar.Date  `db:"response_due"`
	ExtendedDue calendar.Date  `db:"extended_due"`
	NoticeAt    sql.NullTime   `db:"notice_at"`
	DeliveredAt sql.NullTime   `db:"delivered_at"`
	// RequesterName is read only to mask it in the notice's facts; it never leaves the store.
	requesterName string
}

type publicRequestRow struct {
	PublicRequest
	RequesterName string `db:"requester_name"`
}

// PublicNotice is the facts of a written notice without the letter's personal parts (no
// addressee, address or contact): what was decided, on which grounds, and when.
type PublicNotice struct {
	Kind             string         `db:"kind"`
	NoticeAt         time.Time      `db:"notice_at"`
	Late             bool           `db:"late"`
	InformationGiven string         `db:"information_given"`
	Withheld         string         `db:"withheld"`
	ExemptionLetters pq.StringArray `db:"exemption_letters"`
	LegalBasis       string         `db:"legal_basis"`
	Harm             string         `db:"harm"`
	PublicInterest   string         `db:"public_interest"`
	HoldingBody      string         `db:"holding_body"`
	ExemptUntil      calendar.Date  `db:"exempt_until"`
	DocumentedBy     calendar.Date  `db:"documented_by"`
	DeliveryDue      calendar.Date  `db:"delivery_due"`
	Form             string         `db:"form"`
	TotalCost        int64          `db:"total_cost"`
}

// PublicRequestByKey reads a request's public page; a request without one is ErrNotFound, like
// an unknown key.
func (s *Store) PublicRequestByKey(ctx context.Context, key string) (*PublicRequest, error) {
	var r publicRequestRow
	err := s.db.GetContext(ctx, &r, `
		SELECT r.id, r.public_key, r.information, r.status, r.decision, un.name AS unit_name, r.received_at,
			r.response_due, r.extended_due,
			(SELECT d.notice_at FROM decisions d WHERE d.request_id = r.id ORDER BY d.id LIMIT 1) AS notice_at,
			r.delivered_at, r.requester_name
		FROM requests r JOIN units un ON un.id = r.unit_id
		WHERE r.public_key = $1 AND `+publicPage("r"), key)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch public request: %w", err)
	}
	p := r.PublicRequest
	p.requesterName = r.RequesterName
	p.Information = maskPublic(p.Information, p.requesterName)
	return &p, nil
}

// PublicNotices lists the written notices of a public request, oldest first, with the
// requester's name and any identity number, e-mail address or phone number masked in their text.
func (s *Store) PublicNotices(ctx context.Context, r *PublicRequest) ([]PublicNotice, error) {
	var rows []PublicNotice
	err := s.db.SelectContext(ctx, &rows, `
		SELECT kind, notice_at, late, information_given, withheld, exemption_letters,
			legal_basis, harm, public_interest, holding_body, exempt_until, documented_by, delivery_due, form, total_cost
		FROM decisions WHERE request_id = $1 ORDER BY id`, r.ID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch public notices: %w", err)
	}
	mask := func(s string) string { return maskPublic(s, r.requesterName) }
	out := make([]PublicNotice, len(rows))
	for i, n := range rows {
		// The notice is written to the requester: its free text may name them (UU 27/2022).
		n.InformationGiven, n.Withheld, n.LegalBasis = mask(n.InformationGiven), mask(n.Withheld), mask(n.LegalBasis)
		n.Harm, n.PublicInterest, n.HoldingBody = mask(n.Harm), mask(n.PublicInterest), mask(n.HoldingBody)
		out[i] = n
	}
	return out, nil
}

// PublicRequestDocument is a document released for publication on a request.
type PublicRequestDocument struct {
	PublicID    string    `db:"public_id"`
	Title       string    `db:"title"`
	DocType     string    `db:"doc_type"`
	Size        int64     `db:"size"`
	PublishedAt time.Time `db:"published_at"`
}

// PublicRequestDocuments lists the request's published documents (UU 14/2008 Pasal 13: those the
// PPID published from the case), oldest first.
func (s *Store) PublicRequestDocuments(ctx context.Context, requestID int64) ([]PublicRequestDocument, error) {
	var ds []PublicRequestDocument
	err := s.db.SelectContext(ctx, &ds, `SELECT public_id, title, doc_type, size, published_at FROM publications
		WHERE request_id = $1 AND status = 'published' ORDER BY published_at, id`, requestID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list the request's documents: %w", err)
	}
	return ds, nil
}

// PublicPageState is what the case page shows the office about the request's public page.
type PublicPageState struct {
	Consent    bool            `db:"publish_consent"`
	PublicKey  string          `db:"public_key"`
	Findings   json.RawMessage `db:"public_pii"` // NULL: registered before the check existed
	Review     string          `db:"public_review"`
	ReviewedAt sql.NullTime    `db:"public_reviewed_at"`
	ReviewedBy sql.NullString  `db:"reviewed_by"`
	Public     bool            `db:"public"`
}

// PublicPageState reads the page's state for an officer; a case outside the scope is ErrNotFound.
func (s *Store) PublicPageState(ctx context.Context, sc access.Scope, requestID int64) (PublicPageState, error) {
	var st PublicPageState
	err := s.db.GetContext(ctx, &st, `
		SELECT r.publish_consent, r.public_key, r.public_pii, r.public_review, r.public_reviewed_at, u.name AS reviewed_by,
			`+publicPage("r")+` AS public
		FROM requests r LEFT JOIN users u ON u.id = r.public_reviewed_by
		WHERE r.id = $1 AND `+inScope("r", 2), scoped(sc, requestID)...)
	if errors.Is(err, sql.ErrNoRows) {
		return st, ErrNotFound
	}
	if err != nil {
		return st, fmt.Errorf("store: unable to fetch public page state: %w", err)
	}
	return st, nil
}

// SetPublicReview records the PPID's "show" or "hide" of the case's public page.
func (t *CaseTx) SetPublicReview(ctx context.Context, requestID int64, review string, by int64, at time.Time) error {
	if review != "shown" && review != "hidden" {
		return fmt.Errorf("store: unknown public page review %q", review)
	}
	_, err := t.tx.ExecContext(ctx, `UPDATE requests SET public_review = $2, public_reviewed_by = $3, public_reviewed_at = $4
		WHERE id = $1`, requestID, review, by, at)
	if err != nil {
		return fmt.Errorf("store: unable to record the public page review: %w", err)
	}
	return nil
}

// PublicRequestItem is a public request page in the sitemap and search results; Information is
// masked as on the page.
type PublicRequestItem struct {
	PublicKey   string    `db:"public_key"`
	Information string    `db:"information"`
	UnitName    string    `db:"unit_name"`
	Decision    string    `db:"decision"`
	Status      string    `db:"status"`
	ReceivedAt  time.Time `db:"received_at"`
	Rank        float64   `db:"rank"`
	// RequesterName is read only to mask it; maskItems clears it.
	RequesterName string `db:"requester_name"`
}

func maskItems(items []PublicRequestItem) {
	for i := range items {
		items[i].Information = maskPublic(items[i].Information, items[i].RequesterName)
		items[i].RequesterName = ""
	}
}

// PublicRequestItems lists public request pages newest first, up to limit (the sitemap).
func (s *Store) PublicRequestItems(ctx context.Context, limit int) ([]PublicRequestItem, error) {
	var items []PublicRequestItem
	err := s.db.SelectContext(ctx, &items, `
		SELECT r.public_key, r.information, un.name AS unit_name, coalesce(r.decision, '') AS decision, r.status,
			r.received_at, 0::float8 AS rank, r.requester_name
		FROM requests r JOIN units un ON un.id = r.unit_id
		WHERE `+publicPage("r")+` ORDER BY r.received_at DESC, r.id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list public requests: %w", err)
	}
	maskItems(items)
	return items, nil
}

// PublicRequestPage is a page of request search results.
type PublicRequestPage struct {
	Hits  []PublicRequestItem
	Total int
}

// SearchPublicRequests finds public request pages by the words of query (websearch syntax),
// best match first. No snippet is cut from the raw text: a headline could show a name the mask
// would not catch once split by the match markers, so the result shows the masked text.
func (s *Store) SearchPublicRequests(ctx context.Context, query string, limit, offset int) (PublicRequestPage, error) {
	var rows []requestRow
	if query == "" {
		// No words: the newest public pages, counted up to ListCap.
		err := s.db.SelectContext(ctx, &rows, `
			SELECT r.public_key, r.information, un.name AS unit_name, coalesce(r.decision, '') AS decision, r.status,
				r.received_at, 0::float8 AS rank, r.requester_name,
				(SELECT count(*) FROM (SELECT 1 FROM requests c WHERE `+publicPage("c")+` LIMIT $3) n) AS total
			FROM requests r JOIN units un ON un.id = r.unit_id
			WHERE `+publicPage("r")+` ORDER BY r.received_at DESC, r.id DESC LIMIT $1 OFFSET $2`, limit, offset, ListCap)
		if err != nil {
			return PublicRequestPage{}, fmt.Errorf("store: unable to list public requests: %w", err)
		}
		return requestPage(rows), nil
	}
	err := s.db.SelectContext(ctx, &rows, `
		WITH q AS (SELECT websearch_to_tsquery('indonesian', $1) || websearch_to_tsquery('indonesian', $5) AS q),
		m AS MATERIALIZED (
			SELECT r.id, ts_rank(r.public_search, q.q) AS rank FROM requests r, q
			WHERE r.public_search @@ q.q AND `+publicPage("r")+`
			ORDER BY r.received_at DESC, r.id DESC LIMIT $4)
		SELECT r.public_key, r.information, un.name AS unit_name, coalesce(r.decision, '') AS decision, r.status,
			r.received_at, m.rank, r.requester_name, (SELECT count(*) FROM m) AS total
		FROM m JOIN requests r USING (id) JOIN units un ON un.id = r.unit_id
		ORDER BY m.rank DESC, r.received_at DESC, r.id DESC LIMIT $2 OFFSET $3`, query, limit, offset, SearchCandidates,
		RootedQuery(query))
	if err != nil {
		return PublicRequestPage{}, fmt.Errorf("store: unable to search requests: %w", err)
	}
	return requestPage(rows), nil
}

type requestRow struct {
	PublicRequestItem
	Total int `db:"total"`
}

func requestPage(rows []requestRow) PublicRequestPage {
	var page PublicRequestPage
	for _, r := range rows {
		page.Total = r.Total
		page.Hits = append(page.Hits, r.PublicRequestItem)
	}
	maskItems(page.Hits)
	return page
}
