package store

import (
	"context"
	"fmt"
	"time"

	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/pii"
)

// DIPRow is one published item as the Daftar Informasi Publik lists it (Perki 1/2021).
type DIPRow struct {
	PublicID    string    `db:"public_id"`
	Title       string    `db:"title"`
	Summary     string    `db:"summary"`
	Category    string    `db:"category"`
	UnitName    string    `db:"unit_name"`
	Responsible string    `db:"responsible"`
	MadeTime    string    `db:"made_time"`
	MadePlace   string    `db:"made_place"`
	Form        string    `db:"form"`
	Retention   string    `db:"retention"`
	Year        int       `db:"year"`
	PublishedAt time.Time `db:"published_at"`
}

// DIPRows lists every published item, by category (berkala, serta merta, setiap saat) then title;
// category "" means all. Drafts and unpublished items are never listed.
func (s *Store) DIPRows(ctx context.Context, category string) ([]DIPRow, error) {
	var rows []DIPRow
	err := s.db.SelectContext(ctx, &rows, `
		SELECT p.public_id, p.title, p.summary, p.category, u.name AS unit_name, p.responsible, p.made_time,
			p.made_place, p.form, p.retention, p.year, p.published_at
		FROM publications p JOIN units u ON u.id = p.unit_id
		WHERE p.status = 'published' AND ($1 = '' OR p.category = $1)
		ORDER BY CASE p.category WHEN 'berkala' THEN 1 WHEN 'serta_merta' THEN 2 ELSE 3 END,
			lower(p.title), p.id`, category)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list the DIP: %w", err)
	}
	return rows, nil
}

// DIKRow is one refusal on a consequence test as the Daftar Informasi yang Dikecualikan lists it.
// It carries nothing about the requester: not even the information asked for, unless they agreed.
type DIKRow struct {
	RegistrationNumber string `db:"registration_number"`
	// Disclosed: the requester agreed to publish the request's details; Information is empty otherwise.
	Disclosed        bool           `db:"disclosed"`
	Information      string         `db:"information"`
	ExemptionLetters pq.StringArray `db:"exemption_letters"`
	LegalBasis       string         `db:"legal_basis"`
	Harm             string         `db:"harm"`
	PublicInterest   string         `db:"public_interest"`
	NoticeAt         time.Time      `db:"notice_at"`
}

// DIKRows lists refusals and partial grants under UU 14/2008 Pasal 17 with their consequence test
// (Pasal 19, Pasal 2(4)), oldest first. A refusal the atasan PPID overturned on objection, or one a later
// written notice on the same request replaced, no longer declares anything exempt and is left out.
func (s *Store) DIKRows(ctx context.Context) ([]DIKRow, error) {
	var rows []struct {
		DIKRow
		// The requester's name, read only to mask it in the consented text, then dropped.
		Name string `db:"requester_name"`
	}
	err := s.db.SelectContext(ctx, &rows, `
		SELECT r.registration_number,
			-- A partial grant names what it withheld (written by the officer); a refusal shows the
			-- request's subject only with the requester's consent.
			(d.kind = 'dikabulkan_sebagian' AND d.withheld <> '') OR r.publish_consent AS disclosed,
			CASE WHEN d.kind = 'dikabulkan_sebagian' AND d.withheld <> '' THEN d.withheld
				WHEN r.publish_consent THEN r.information ELSE '' END AS information,
			r.requester_name,
			d.exemption_letters, d.legal_basis, d.harm, d.public_interest, d.notice_at
		FROM decisions d JOIN requests r ON r.id = d.request_id
		WHERE d.kind IN ('ditolak', 'dikabulkan_sebagian') AND cardinality(d.exemption_letters) > 0
			AND NOT EXISTS (SELECT 1 FROM decisions later WHERE later.request_id = d.request_id AND later.id > d.id)
			AND NOT EXISTS (SELECT 1 FROM objections o WHERE o.request_id = d.request_id
				AND o.status = 'dibatalkan' AND o.answered_at >= d.notice_at)
		ORDER BY d.notice_at, d.id`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list the DIK: %w", err)
	}
	out := make([]DIKRow, len(rows))
	for i, r := range rows {
		out[i] = r.DIKRow
		if r.Disclosed {
			out[i].Information = maskPersonal(r.Information, r.Name)
		}
	}
	return out, nil
}

// The consent covers the request's details "tanpa data pribadi": the requester's name and any
// identity number, e-mail address or phone number typed into the text are masked (pii.Redact).
const masked = "[disamarkan]"

func maskPersonal(text string, names ...string) string {
	return pii.Redact(text, masked, names...)
}
