package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// Objection is a keberatan to the atasan PPID (UU 14/2008 Pasal 35–36).
type Objection struct {
	ID           int64          `db:"id"`
	RequestID    int64          `db:"request_id"`
	Number       string         `db:"number"`
	Grounds      pq.StringArray `db:"grounds"`
	Reasons      string         `db:"reasons"`
	Channel      string         `db:"channel"`
	ReceivedAt   time.Time      `db:"received_at"`
	CountingFrom calendar.Date  `db:"counting_from"`
	ResponseDue  calendar.Date  `db:"response_due"`
	Status       string         `db:"status"`
	Answer       string         `db:"answer"`
	AnsweredAt   sql.NullTime   `db:"answered_at"`
	AnsweredBy   sql.NullInt64  `db:"answered_by"`
	RegisteredBy sql.NullInt64  `db:"registered_by"`
	// The atasan's answer letter: when it was sent and received (Pasal 37(2) counts the KI filing from receipt).
	AnswerSentAt     sql.NullTime  `db:"answer_sent_at"`
	AnswerReceivedOn calendar.Date `db:"answer_received_on"`
}

const objectionColumns = `id, request_id, number, grounds, reasons, channel, received_at, counting_from,
	response_due, status, answer, answered_at, answered_by, registered_by,
	(SELECT l.sent_at FROM letters l WHERE l.objection_id = objections.id AND l.kind = 'tanggapan_keberatan' ORDER BY l.id DESC LIMIT 1) AS answer_sent_at,
	(SELECT l.received_on FROM letters l WHERE l.objection_id = objections.id AND l.kind = 'tanggapan_keberatan' ORDER BY l.id DESC LIMIT 1) AS answer_received_on`

// AddObjection stores a new objection; ErrConflict when the request already has an open one.
func (t *CaseTx) AddObjection(ctx context.Context, o Objection) (int64, error) {
	var id int64
	err := t.tx.GetContext(ctx, &id, `
		INSERT INTO objections (request_id, number, grounds, reasons, channel, received_at, counting_from, response_due, registered_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		o.RequestID, o.Number, o.Grounds, o.Reasons, o.Channel, o.ReceivedAt, o.CountingFrom, o.ResponseDue, o.RegisteredBy)
	if isUniqueViolation(err) {
		return 0, ErrConflict
	}
	if err != nil {
		return 0, fmt.Errorf("store: unable to add objection: %w", err)
	}
	return id, nil
}

// ErrConflict is a uniqueness rule the data already meets another way (e.g. an open objection).
var ErrConflict = errors.New("store: conflict")

// AnswerObjection records the atasan's written answer.
func (t *CaseTx) AnswerObjection(ctx context.Context, id int64, status, answer string, at time.Time, by int64) error {
	res, err := t.tx.ExecContext(ctx, `UPDATE objections SET status = $2, answer = $3, answered_at = $4, answered_by = $5
		WHERE id = $1 AND status = 'diterima'`, id, status, answer, at, by)
	if err != nil {
		return fmt.Errorf("store: unable to answer objection: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return ErrConflict
	}
	return nil
}

// Objection reads an objection of the locked case.
func (t *CaseTx) Objection(ctx context.Context, requestID, id int64) (*Objection, error) {
	var o Objection
	err := t.tx.GetContext(ctx, &o, `SELECT `+objectionColumns+` FROM objections WHERE id = $1 AND request_id = $2`, id, requestID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch objection: %w", err)
	}
	return &o, nil
}

// Objections lists a request's objections, oldest first.
func (s *Store) Objections(ctx context.Context, requestID int64) ([]Objection, error) {
	var os []Objection
	if err := s.db.SelectContext(ctx, &os, `SELECT `+objectionColumns+` FROM objections WHERE request_id = $1 ORDER BY id`, requestID); err != nil {
		return nil, fmt.Errorf("store: unable to fetch objections: %w", err)
	}
	return os, nil
}

// OpenObjection is one row of the atasan's list.
type OpenObjection struct {
	Objection
	RegistrationNumber string `db:"registration_number"`
	UnitID             int64  `db:"unit_id"`
}

// OpenObjections lists the unanswered objections within the scope, the nearest deadline first.
func (s *Store) OpenObjections(ctx context.Context, sc access.Scope, limit int) ([]OpenObjection, error) {
	var rows []OpenObjection
	err := s.db.SelectContext(ctx, &rows, `
		SELECT o.id, o.request_id, o.number, o.grounds, o.reasons, o.channel, o.received_at, o.counting_from,
			o.response_due, o.status, o.answer, o.answered_at, o.answered_by, o.registered_by, r.registration_number, r.unit_id
		FROM objections o JOIN requests r ON r.id = o.request_id
		WHERE o.status = $1 AND `+inScope("r", 3)+` ORDER BY o.response_due, o.id LIMIT $2`,
		scoped(sc, workflow.ObjectionOpen, limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch open objections: %w", err)
	}
	return rows, nil
}

// Dispute is a sengketa at the Komisi Informasi and what followed (UU 14/2008 Pasal 37–48).
type Dispute struct {
	ID               int64         `db:"id"`
	RequestID        int64         `db:"request_id"`
	ObjectionID      sql.NullInt64 `db:"objection_id"`
	KINumber         string        `db:"ki_number"`
	KIReceived       calendar.Date `db:"ki_received"`
	KIStartDue       calendar.Date `db:"ki_start_due"`
	KIFinishDue      calendar.Date `db:"ki_finish_due"`
	MediationDate    calendar.Date `db:"mediation_date"`
	AdjudicationDate calendar.Date `db:"adjudication_date"`
	Outcome          string        `db:"outcome"`
	OutcomeKind      string        `db:"outcome_kind"` // mediasi | ajudikasi; "" while the dispute runs
	RulingDate       calendar.Date `db:"ruling_date"`
	RulingReceived   calendar.Date `db:"ruling_received"`
	Ruling           string        `db:"ruling"`
	CourtDue         calendar.Date `db:"court_due"`
	CourtCase        string        `db:"court_case"`
	CourtOutcome     string        `db:"court_outcome"`
	RulingCode       string        `db:"ruling_code"` // "dibuka": the KI ordered the information opened
	UpdatedBy        sql.NullInt64 `db:"updated_by"`
}

const disputeColumns = `id, request_id, objection_id, ki_number, ki_received, ki_start_due, ki_finish_due,
	mediation_date, adjudication_date, outcome, ruling_date, ruling_received, ruling, court_due, court_case,
	court_outcome, updated_by, coalesce(outcome_kind, '') AS outcome_kind, ruling_code`

// SaveDispute inserts (ID 0) or updates a dispute record.
func (t *CaseTx) SaveDispute(ctx context.Context, d Dispute) (int64, error) {
	if d.ID == 0 {
		err := t.tx.GetContext(ctx, &d.ID, `
			INSERT INTO disputes (request_id, objection_id, ki_number, ki_received, ki_start_due, ki_finish_due,
				mediation_date, adjudication_date, outcome, ruling_date, ruling_received, ruling, court_due,
				court_case, court_outcome, updated_by, outcome_kind, ruling_code)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, NULLIF($17, ''), $18) RETURNING id`,
			d.RequestID, d.ObjectionID, d.KINumber, d.KIReceived, d.KIStartDue, d.KIFinishDue, d.MediationDate,
			d.AdjudicationDate, d.Outcome, d.RulingDate, d.RulingReceived, d.Ruling, d.CourtDue, d.CourtCase,
			d.CourtOutcome, d.UpdatedBy, d.OutcomeKind, d.RulingCode)
		if err != nil {
			return 0, fmt.Errorf("store: unable to add dispute: %w", err)
		}
		return d.ID, nil
	}
	res, err := t.tx.ExecContext(ctx, `
		UPDATE disputes SET ki_number = $3, ki_received = $4, ki_start_due = $5, ki_finish_due = $6,
			mediation_date = $7, adjudication_date = $8, outcome = $9, ruling_date = $10, ruling_received = $11,
			ruling = $12, court_due = $13, court_case = $14, court_outcome = $15, updated_by = $16, updated_at = now(),
			outcome_kind = NULLIF($17, ''), ruling_code = $18
		WHERE id = $1 AND request_id = $2`,
		d.ID, d.RequestID, d.KINumber, d.KIReceived, d.KIStartDue, d.KIFinishDue, d.MediationDate,
		d.AdjudicationDate, d.Outcome, d.RulingDate, d.RulingReceived, d.Ruling, d.CourtDue, d.CourtCase,
		d.CourtOutcome, d.UpdatedBy, d.OutcomeKind, d.RulingCode)
	if err != nil {
		return 0, fmt.Errorf("store: unable to update dispute: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return 0, ErrNotFound
	}
	return d.ID, nil
}

// Disputes lists a request's disputes.
func (s *Store) Disputes(ctx context.Context, requestID int64) ([]Dispute, error) {
	var ds []Dispute
	if err := s.db.SelectContext(ctx, &ds, `SELECT `+disputeColumns+` FROM disputes WHERE request_id = $1 ORDER BY id`, requestID); err != nil {
		return nil, fmt.Errorf("store: unable to fetch disputes: %w", err)
	}
	return ds, nil
}
