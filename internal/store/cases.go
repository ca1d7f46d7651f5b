package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
)

// CaseTx writes one step of a case: its new state, its history row, its e-mail and its
// records, in one transaction with the case row locked.
type CaseTx struct {
	tx *sqlx.Tx
}

// WithCase locks request id (FOR UPDATE), hands it to fn and commits what fn wrote.
// ErrNotFound when there is no such request within the scope.
func (s *Store) WithCase(ctx context.Context, sc access.Scope, id int64, fn func(tx *CaseTx, r *Request) error) error {
	return s.withTx(ctx, func(tx *sqlx.Tx) error {
		var r Request
		err := tx.GetContext(ctx, &r, `SELECT `+requestColumns+requestFrom+`WHERE r.id = $1 AND `+inScope("r", 2)+` FOR UPDATE OF r`,
			scoped(sc, id)...)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("store: unable to lock request: %w", err)
		}
		return fn(&CaseTx{tx: tx}, &r)
	})
}

// CaseState is the part of a request the workflow changes.
type CaseState struct {
	Status          string
	DueDate         calendar.Date
	ExtendedDue     calendar.Date
	ExtensionReason sql.NullString
	Closed          bool
	UnitID          int64
	AssignedTo      sql.NullInt64
	Decision        sql.NullString
	NoticeAt        sql.NullTime
	NoticeLate      sql.NullBool
	DeliveredAt     sql.NullTime
	// DocumentationDue is the promised day of a "not yet documented" notice; zero for none.
	DocumentationDue calendar.Date
	// CostTotal is the current notice's charge; PaidOn and PaymentReceipt its payment (Pasal 22(7) g).
	CostTotal      int64
	PaidOn         calendar.Date
	PaymentReceipt string
	// ClearOverdue empties requests.overdue_since: the clock restarted (a reopening), so the case is not late.
	ClearOverdue bool
}

// State is the request's current CaseState, to change and pass to SetState.
func (r *Request) State() CaseState {
	return CaseState{Status: r.Status, DueDate: r.DueDate, ExtendedDue: r.ExtendedDue, ExtensionReason: r.ExtensionReason,
		Closed: r.ClosedAt.Valid, UnitID: r.UnitID, AssignedTo: r.AssignedTo, Decision: r.Decision,
		NoticeAt: r.NoticeAt, NoticeLate: r.NoticeLate, DeliveredAt: r.DeliveredAt, DocumentationDue: r.DocumentationDue,
		CostTotal: r.CostTotal, PaidOn: r.PaidOn, PaymentReceipt: r.PaymentReceipt}
}

// SetState writes the request's new state.
func (t *CaseTx) SetState(ctx context.Context, id int64, st CaseState, at time.Time) error {
	_, err := t.tx.ExecContext(ctx, `
		UPDATE requests SET status = $2, due_date = $3, extended_due = $4, extension_reason = $5,
			closed_at = CASE WHEN $6 THEN coalesce(closed_at, $7) END,
			unit_id = $8, assigned_to = $9, decision = $10, notice_at = $11, notice_late = $12,
			delivered_at = $13, overdue_since = CASE WHEN $14 THEN NULL ELSE overdue_since END, documentation_due = $15,
			cost_total = $16, paid_on = $17, payment_receipt = $18, version = version + 1
		WHERE id = $1`,
		id, st.Status, st.DueDate, st.ExtendedDue, st.ExtensionReason, st.Closed, at,
		st.UnitID, st.AssignedTo, st.Decision, st.NoticeAt, st.NoticeLate, st.DeliveredAt, st.ClearOverdue, st.DocumentationDue,
		st.CostTotal, st.PaidOn, st.PaymentReceipt)
	if err != nil {
		return fmt.Errorf("store: unable to update request: %w", err)
	}
	return nil
}

// NewEvent is one row of the append-only history.
type NewEvent struct {
	At         time.Time
	ActorID    sql.NullInt64
	ActorLabel string
	Kind       string
	FromStatus string
	ToStatus   string
	Note       string
	Public     bool
}

// AddEvent appends to the case history.
func (t *CaseTx) AddEvent(ctx context.Context, requestID int64, e NewEvent) error {
	_, err := t.tx.ExecContext(ctx, `
		INSERT INTO request_events (request_id, at, actor_id, actor_label, kind, from_status, to_status, note, public)
		VALUES ($1, $2, $3, $4, $5, nullif($6, ''), nullif($7, ''), $8, $9)`,
		requestID, e.At, e.ActorID, e.ActorLabel, e.Kind, e.FromStatus, e.ToStatus, e.Note, e.Public)
	if err != nil {
		return fmt.Errorf("store: unable to add event: %w", err)
	}
	return nil
}

// QueueMail puts an e-mail in the outbox, committed with the change it reports.
func (t *CaseTx) QueueMail(ctx context.Context, requestID int64, m Mail) error {
	data, err := json.Marshal(m.Data)
	if err != nil {
		return fmt.Errorf("store: unable to encode mail data: %w", err)
	}
	_, err = t.tx.ExecContext(ctx, `INSERT INTO outbox (template, recipient, data, request_id, secrets) VALUES ($1, $2, $3, $4, $5)`,
		m.Template, m.Recipient, string(data), requestID, m.Secrets)
	if err != nil {
		return fmt.Errorf("store: unable to queue mail: %w", err)
	}
	return nil
}

// NextNumber takes the next gapless number of a series (objections, letters) for a year.
func (t *CaseTx) NextNumber(ctx context.Context, series string, year int) (int, error) {
	var n int
	err := t.tx.GetContext(ctx, &n, `
		INSERT INTO counters AS c (series, year, last_seq) VALUES ($1, $2, 1)
		ON CONFLICT (series, year) DO UPDATE SET last_seq = c.last_seq + 1
		RETURNING last_seq`, series, year)
	if err != nil {
		return 0, fmt.Errorf("store: unable to number %s: %w", series, err)
	}
	return n, nil
}

// DecisionRecord is a written notice as stored.
type DecisionRecord struct {
	ID                   int64          `db:"id"`
	RequestID            int64          `db:"request_id"`
	Kind                 string         `db:"kind"`
	NoticeAt             time.Time      `db:"notice_at"`
	Late                 bool           `db:"late"`
	InformationGiven     string         `db:"information_given"`
	Withheld             string         `db:"withheld"`
	ExemptionLetters     pq.StringArray `db:"exemption_letters"`
	LegalBasis           string         `db:"legal_basis"`
	Harm                 string         `db:"harm"`
	PublicInterest       string         `db:"public_interest"`
	HoldingBody          string         `db:"holding_body"`
	HoldingUnknownReason string         `db:"holding_unknown_reason"`
	DocumentedBy         calendar.Date  `db:"documented_by"`
	CopyPages            int            `db:"copy_pages"`
	PagePrice            int64          `db:"page_price"`
	MediaCode            string         `db:"media_code"`
	MediaLabel           string         `db:"media_label"`
	MediaPrice           int64          `db:"media_price"`
	PostageCost          int64          `db:"postage_cost"`
	OtherCost            int64          `db:"other_cost"`
	OtherCostNote        string         `db:"other_cost_note"`
	TotalCost            int64          `db:"total_cost"`
	ExemptUntil          calendar.Date  `db:"exempt_until"`
	DIKSubject           string         `db:"dik_subject"`
	DecidedPlace         string         `db:"decided_place"`
	Form                 string         `db:"form"`
	Cost                 string         `db:"cost"`
	DeliveryTime         string         `db:"delivery_time"`
	DeliveryDue          calendar.Date  `db:"delivery_due"` // the promised delivery day; zero when none (UU 14/2008 Pasal 35(1) g)
	DecidedBy            sql.NullInt64  `db:"decided_by"`
}

// AddDecision stores a written notice.
func (t *CaseTx) AddDecision(ctx context.Context, d DecisionRecord) (int64, error) {
	var id int64
	err := t.tx.GetContext(ctx, &id, `
		INSERT INTO decisions (request_id, kind, notice_at, late, information_given, withheld, exemption_letters,
			legal_basis, harm, public_interest, holding_body, form, cost, delivery_time, decided_by,
			holding_unknown_reason, documented_by, copy_pages, page_price, media_code, media_label, media_price,
			postage_cost, other_cost, other_cost_note, total_cost, exempt_until, dik_subject, decided_place, delivery_due)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
			$18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30) RETURNING id`,
		d.RequestID, d.Kind, d.NoticeAt, d.Late, d.InformationGiven, d.Withheld, d.ExemptionLetters,
		d.LegalBasis, d.Harm, d.PublicInterest, d.HoldingBody, d.Form, d.Cost, d.DeliveryTime, d.DecidedBy,
		d.HoldingUnknownReason, d.DocumentedBy, d.CopyPages, d.PagePrice, d.MediaCode, d.MediaLabel, d.MediaPrice,
		d.PostageCost, d.OtherCost, d.OtherCostNote, d.TotalCost, d.ExemptUntil, d.DIKSubject, d.DecidedPlace, d.DeliveryDue)
	if err != nil {
		return 0, fmt.Errorf("store: unable to add decision: %w", err)
	}
	return id, nil
}

// decisionColumns are the columns a DecisionRecord reads.
const decisionColumns = `id, request_id, kind, notice_at, late, information_given, withheld,
	exemption_letters, legal_basis, harm, public_interest, holding_body, form, cost, delivery_time, decided_by,
	holding_unknown_reason, documented_by, copy_pages, page_price, media_code, media_label, media_price,
	postage_cost, other_cost, other_cost_note, total_cost, exempt_until, dik_subject, decided_place, delivery_due`

// Decisions lists a request's written notices, oldest first.
func (s *Store) Decisions(ctx context.Context, requestID int64) ([]DecisionRecord, error) {
	var ds []DecisionRecord
	err := s.db.SelectContext(ctx, &ds, `SELECT `+decisionColumns+` FROM decisions WHERE request_id = $1 ORDER BY id`, requestID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch decisions: %w", err)
	}
	return ds, nil
}
