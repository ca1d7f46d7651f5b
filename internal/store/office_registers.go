package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/access"
)

// The office's registers in the Perki 1/2010 form: the request register and the objection
// register, with the requester's identity and contact details. They are for officers only,
// read within the officer's scope; the public register (register.go) never reads these columns.

// OfficeRegisterRow is one request in the office's request register.
type OfficeRegisterRow struct {
	RegistrationNumber string         `db:"registration_number"`
	ReceivedAt         time.Time      `db:"received_at"`
	UnitName           string         `db:"unit_name"`
	RequesterKind      string         `db:"requester_kind"`
	RequesterName      string         `db:"requester_name"`
	NIKSealed          []byte         `db:"nik_sealed"` // shown masked only
	EntitySKNumber     sql.NullString `db:"entity_sk_number"`
	Address            string         `db:"address"`
	Phone              string         `db:"phone"`
	Email              string         `db:"email"`
	Occupation         string         `db:"occupation"`
	Information        string         `db:"information"`
	Purpose            string         `db:"purpose"`
	ObtainMethod       string         `db:"obtain_method"`
	DeliveryMethod     string         `db:"delivery_method"`
	Status             string         `db:"status"`
	// The decision in force: the latest written notice (a reopened case can have a second one).
	Decision         sql.NullString `db:"decision"`
	NoticeAt         sql.NullTime   `db:"notice_at"`
	ExemptionLetters pq.StringArray `db:"exemption_letters"`
	LegalBasis       string         `db:"legal_basis"`
	HoldingBody      string         `db:"holding_body"`
	Form             string         `db:"form"`
	Cost             string         `db:"cost"`
	DeliveredAt      sql.NullTime   `db:"delivered_at"`
}

// OfficeRequestRegister lists the requests registered in year (registration year), oldest
// first, within the scope.
func (s *Store) OfficeRequestRegister(ctx context.Context, sc access.Scope, year int) ([]OfficeRegisterRow, error) {
	var rows []OfficeRegisterRow
	err := s.db.SelectContext(ctx, &rows, `
		SELECT r.registration_number, r.received_at, un.name AS unit_name, r.requester_kind, r.requester_name,
			r.nik_sealed, r.entity_sk_number, r.address, r.phone, r.email, r.occupation, r.information, r.purpose,
			r.obtain_method, r.delivery_method, r.status, d.kind AS decision, d.notice_at,
			coalesce(d.exemption_letters, '{}') AS exemption_letters, coalesce(d.legal_basis, '') AS legal_basis,
			coalesce(d.holding_body, '') AS holding_body, coalesce(d.form, '') AS form, coalesce(d.cost, '') AS cost,
			r.delivered_at
		FROM requests r
		JOIN units un ON un.id = r.unit_id
		LEFT JOIN LATERAL (
			SELECT kind, notice_at, exemption_letters, legal_basis, holding_body, form, cost
			FROM decisions WHERE request_id = r.id ORDER BY id DESC LIMIT 1
		) d ON true
		WHERE r.reg_year = $1 AND `+inScope("r", 2)+`
		ORDER BY r.reg_seq`, scoped(sc, year)...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch request register: %w", err)
	}
	return rows, nil
}

// ObjectionRegisterRow is one objection in the office's objection register.
type ObjectionRegisterRow struct {
	Number             string         `db:"number"`
	ReceivedAt         time.Time      `db:"received_at"`
	RegistrationNumber string         `db:"registration_number"`
	UnitName           string         `db:"unit_name"`
	RequesterKind      string         `db:"requester_kind"`
	RequesterName      string         `db:"requester_name"`
	Address            string         `db:"address"`
	Phone              string         `db:"phone"`
	Email              string         `db:"email"`
	Information        string         `db:"information"`
	Purpose            string         `db:"purpose"`
	Grounds            pq.StringArray `db:"grounds"`
	Reasons            string         `db:"reasons"`
	Status             string         `db:"status"`
	Answer             string         `db:"answer"`
	AnsweredAt         sql.NullTime   `db:"answered_at"`
	AnsweredByName     sql.NullString `db:"answered_by_name"`
	AnsweredByRole     sql.NullString `db:"answered_by_role"`
	// The requester's response to the answer, as far as the office knows: a dispute at the KI.
	DisputeNumber sql.NullString `db:"dispute_number"`
}

// OfficeObjectionRegister lists the objections received in year (office time zone loc), oldest
// first, within the scope of their requests.
func (s *Store) OfficeObjectionRegister(ctx context.Context, sc access.Scope, year int, loc *time.Location) ([]ObjectionRegisterRow, error) {
	var rows []ObjectionRegisterRow
	err := s.db.SelectContext(ctx, &rows, `
		SELECT o.number, o.received_at, r.registration_number, un.name AS unit_name, r.requester_kind,
			r.requester_name, r.address, r.phone, r.email, r.information, r.purpose, o.grounds, o.reasons,
			o.status, o.answer, o.answered_at, u.name AS answered_by_name, u.role AS answered_by_role,
			(SELECT d.ki_number FROM disputes d WHERE d.objection_id = o.id ORDER BY d.id LIMIT 1) AS dispute_number
		FROM objections o
		JOIN requests r ON r.id = o.request_id
		JOIN units un ON un.id = r.unit_id
		LEFT JOIN users u ON u.id = o.answered_by
		WHERE extract(year FROM o.received_at AT TIME ZONE $2)::int = $1 AND `+inScope("r", 3)+`
		ORDER BY o.received_at, o.id`, scoped(sc, year, loc.String())...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch objection register: %w", err)
	}
	return rows, nil
}
