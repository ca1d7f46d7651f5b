package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
)

// dikDecisionWhere keeps the written notices that still declare something exempt (alias d): a refusal
// or partial grant on Pasal 17 that no later notice replaced, no atasan PPID overturned on objection
// (Pasal 36) and no KI ruling opened (dispute ruling_code 'dibuka', Pasal 37–38).
const dikDecisionWhere = `d.kind IN ('ditolak', 'dikabulkan_sebagian') AND cardinality(d.exemption_letters) > 0
	AND NOT EXISTS (SELECT 1 FROM decisions later WHERE later.request_id = d.request_id AND later.id > d.id)
	AND NOT EXISTS (SELECT 1 FROM objections o WHERE o.request_id = d.request_id
		AND o.status = 'dibatalkan' AND o.answered_at >= d.notice_at)
	AND NOT EXISTS (SELECT 1 FROM disputes k WHERE k.request_id = d.request_id
		AND k.ruling_code = 'dibuka' AND k.ruling_date >= d.notice_at::date)`

// AdvanceExemption is an exemption a PPID decided before any request asked for the information
// (Perki 1/2021 Pasal 49; PP 61/2010), with its consequence test.
type AdvanceExemption struct {
	ID               int64          `db:"id"`
	UnitID           int64          `db:"unit_id"`
	UnitName         string         `db:"unit_name"`
	Subject          string         `db:"subject"`
	ExemptionLetters pq.StringArray `db:"exemption_letters"`
	LegalBasis       string         `db:"legal_basis"`
	Harm             string         `db:"harm"`
	PublicInterest   string         `db:"public_interest"`
	DecidedOn        calendar.Date  `db:"decided_on"`
	DecidedPlace     string         `db:"decided_place"`
	DecidedBy        int64          `db:"decided_by"`
	DecidedByName    string         `db:"decided_by_name"`
	ExemptUntil      calendar.Date  `db:"exempt_until"`
}

// AddAdvanceExemption records an exemption decided in advance.
func (s *Store) AddAdvanceExemption(ctx context.Context, a AdvanceExemption) (int64, error) {
	var id int64
	err := s.db.GetContext(ctx, &id, `
		INSERT INTO advance_exemptions (unit_id, subject, exemption_letters, legal_basis, harm, public_interest,
			decided_on, decided_place, decided_by, exempt_until)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		a.UnitID, a.Subject, a.ExemptionLetters, a.LegalBasis, a.Harm, a.PublicInterest, a.DecidedOn, a.DecidedPlace,
		a.DecidedBy, a.ExemptUntil)
	if err != nil {
		return 0, fmt.Errorf("store: unable to add advance exemption: %w", err)
	}
	return id, nil
}

// AdvanceExemptions lists the exemptions decided in advance within the scope, newest first.
func (s *Store) AdvanceExemptions(ctx context.Context, sc access.Scope) ([]AdvanceExemption, error) {
	var as []AdvanceExemption
	err := s.db.SelectContext(ctx, &as, `
		SELECT a.id, a.unit_id, un.name AS unit_name, a.subject, a.exemption_letters, a.legal_basis, a.harm,
			a.public_interest, a.decided_on, a.decided_place, a.decided_by, u.name AS decided_by_name, a.exempt_until
		FROM advance_exemptions a JOIN units un ON un.id = a.unit_id JOIN users u ON u.id = a.decided_by
		WHERE `+inScope("a", 1)+`
		ORDER BY a.decided_on DESC, a.id DESC`, scoped(sc)...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list advance exemptions: %w", err)
	}
	return as, nil
}

// advanceDIKRows are the exemptions decided in advance as DIK rows.
func (s *Store) advanceDIKRows(ctx context.Context) ([]DIKRow, error) {
	var rows []DIKRow
	err := s.db.SelectContext(ctx, &rows, `
		SELECT '' AS registration_number, false AS disclosed, '' AS information, a.exemption_letters, a.legal_basis,
			a.harm, a.public_interest, a.decided_on::timestamp AT TIME ZONE 'UTC' AS notice_at, a.subject AS dik_subject,
			u.name AS decided_by, a.decided_place, a.exempt_until
		FROM advance_exemptions a JOIN users u ON u.id = a.decided_by
		ORDER BY a.decided_on, a.id`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list advance exemptions for the DIK: %w", err)
	}
	for i := range rows {
		rows[i].Advance = true
	}
	return rows, nil
}

// EndingExemption is an exemption whose period ends soon, with its notice key.
type EndingExemption struct {
	Key                string         `db:"key"`
	RequestID          sql.NullInt64  `db:"request_id"`
	AdvanceID          sql.NullInt64  `db:"advance_id"`
	Subject            string         `db:"subject"`
	ExemptUntil        calendar.Date  `db:"exempt_until"`
	RegistrationNumber sql.NullString `db:"registration_number"`
}

// endingExemptionsSQL: exemptions still on the DIK ending between $2 (today) and $1, not yet noticed.
var endingExemptionsSQL = `
	SELECT k.key, x.request_id, x.advance_id, x.subject, x.exempt_until, x.registration_number
	FROM (
		SELECT d.request_id, NULL::bigint AS advance_id, 'decision:' || d.id AS ref, d.dik_subject AS subject,
			d.exempt_until, r.registration_number
		FROM decisions d JOIN requests r ON r.id = d.request_id
		WHERE d.exempt_until BETWEEN $2 AND $1 AND ` + dikDecisionWhere + `
		UNION ALL
		SELECT NULL, a.id, 'advance:' || a.id, a.subject, a.exempt_until, NULL
		FROM advance_exemptions a WHERE a.exempt_until BETWEEN $2 AND $1
	) x
	CROSS JOIN LATERAL (SELECT x.ref || ':exemption_ending:' || to_char(x.exempt_until::timestamp, 'YYYY-MM-DD') AS key) k
	WHERE NOT EXISTS (SELECT 1 FROM case_notices c WHERE c.key = k.key)
	ORDER BY x.exempt_until, k.key
	LIMIT $3`

// ExemptionsEnding lists up to limit exemptions still in force that end between today and until
// (inclusive) and have not had their notice for that end date.
func (t *NoticeTx) ExemptionsEnding(ctx context.Context, today, until calendar.Date, limit int) ([]EndingExemption, error) {
	var es []EndingExemption
	if err := t.tx.SelectContext(ctx, &es, endingExemptionsSQL, until, today, limit); err != nil {
		return nil, fmt.Errorf("store: unable to fetch ending exemptions: %w", err)
	}
	return es, nil
}
