package store

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/lib/pq"
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

// DIKRows lists refusals under UU 14/2008 Pasal 17 with their consequence test (Pasal 19,
// Pasal 2(4)), oldest first. A refusal the atasan PPID overturned on objection, or one a later
// written notice on the same request replaced, no longer declares anything exempt and is left out.
func (s *Store) DIKRows(ctx context.Context) ([]DIKRow, error) {
	var rows []struct {
		DIKRow
		// The requester's own details, read only to mask them in the consented text, then dropped.
		Name  string `db:"requester_name"`
		Email string `db:"email"`
		Phone string `db:"phone"`
	}
	err := s.db.SelectContext(ctx, &rows, `
		SELECT r.registration_number, r.publish_consent AS disclosed,
			CASE WHEN r.publish_consent THEN r.information ELSE '' END AS information,
			CASE WHEN r.publish_consent THEN r.requester_name ELSE '' END AS requester_name,
			CASE WHEN r.publish_consent THEN r.email ELSE '' END AS email,
			CASE WHEN r.publish_consent THEN r.phone ELSE '' END AS phone,
			d.exemption_letters, d.legal_basis, d.harm, d.public_interest, d.notice_at
		FROM decisions d JOIN requests r ON r.id = d.request_id
		WHERE d.kind = 'ditolak' AND cardinality(d.exemption_letters) > 0
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
			out[i].Information = maskPersonal(r.Information, r.Name, r.Email, r.Phone)
		}
	}
	return out, nil
}

// The consent covers the request's details "tanpa data pribadi": identity numbers, e-mail
// addresses and phone numbers typed into the text are masked whoever they belong to.
var personalPatterns = []*regexp.Regexp{
	regexp.MustCompile(`\b\d{16}\b`), // NIK
	regexp.MustCompile(`(?i)[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}`),
	regexp.MustCompile(`(?:\+62|\b62|\b0)[\s-]?8\d(?:[\s.-]?\d){6,11}\b`), // Indonesian mobile numbers
}

const masked = "[disamarkan]"

// maskPersonal hides the requester's own name, e-mail and phone and the patterns above in text.
func maskPersonal(text string, known ...string) string {
	for _, k := range known {
		k = strings.TrimSpace(k)
		if utf8.RuneCountInString(k) < 3 {
			continue
		}
		re, err := regexp.Compile(`(?i)(^|\b|\s)` + regexp.QuoteMeta(k) + `($|\b|\s)`)
		if err != nil {
			continue
		}
		text = re.ReplaceAllString(text, "${1}"+masked+"${2}")
	}
	for _, re := range personalPatterns {
		text = re.ReplaceAllString(text, masked)
	}
	return text
}
