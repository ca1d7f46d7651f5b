package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/calendar"
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
	// PP 61/2010: the kind of information (always shown, written without personal data), the deciding
	// PPID, the place, and the end of the exemption (zero: not limited, Pasal 17 g–j).
	Subject      string        `db:"dik_subject"`
	DecidedBy    string        `db:"decided_by"`
	DecidedPlace string        `db:"decided_place"`
	ExemptUntil  calendar.Date `db:"exempt_until"`
	// Advance: decided before any request (Perki 1/2021 Pasal 49), so there is no registration number.
	Advance bool `db:"-"`
}

// DIKRows lists refusals and partial grants under UU 14/2008 Pasal 17 with their consequence test
// (Pasal 19, Pasal 2(4)), oldest first. A refusal the atasan PPID overturned on objection, one a later
// written notice on the same request replaced, or one a KI ruling opened (dispute ruling_code
// 'dibuka', Pasal 37–38), no longer declares anything exempt and is left out.
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
			d.exemption_letters, d.legal_basis, d.harm, d.public_interest, d.notice_at,
			d.dik_subject, coalesce(u.name, '') AS decided_by, d.decided_place, d.exempt_until
		FROM decisions d JOIN requests r ON r.id = d.request_id LEFT JOIN users u ON u.id = d.decided_by
		WHERE `+dikDecisionWhere+`
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
	// The exemptions decided in advance complete the list (Perki 1/2021 Pasal 49).
	advance, err := s.advanceDIKRows(ctx)
	if err != nil {
		return nil, err
	}
	out = append(out, advance...)
	slices.SortStableFunc(out, func(a, b DIKRow) int { return a.NoticeAt.Compare(b.NoticeAt) })
	return out, nil
}

// The consent covers the request's details "tanpa data pribadi": the requester's name and any
// identity number, e-mail address or phone number typed into the text are masked (pii.Redact).
const masked = "[disamarkan]"

func maskPersonal(text string, names ...string) string {
	return pii.Redact(text, masked, names...)
}
