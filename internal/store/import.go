package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/stem"
)

// ImportedRequest is one row of an old register, ready to store with its own number.
type ImportedRequest struct {
	NewRequest
	RegistrationNumber string
	Seq                int // the number's place in its year when it follows the configured format; 0 otherwise
	Status             string
	ClosedAt           sql.NullTime
	Decision           *DecisionRecord // nil for a request still open
	DeliveredAt        sql.NullTime
	Line               int
}

// ExistingNumbers returns which of numbers are already registered.
func (s *Store) ExistingNumbers(ctx context.Context, numbers []string) (map[string]bool, error) {
	var found []string
	if err := s.db.SelectContext(ctx, &found, `SELECT registration_number FROM requests WHERE registration_number = ANY($1)`,
		pq.StringArray(numbers)); err != nil {
		return nil, fmt.Errorf("store: unable to look up numbers: %w", err)
	}
	out := make(map[string]bool, len(found))
	for _, n := range found {
		out[n] = true
	}
	return out, nil
}

// ImportRequests stores a whole register in one transaction: every row or none. Numbers that
// follow the configured format move the year's counter past them, so the next number issued
// cannot collide; others get a negative place of their own.
func (s *Store) ImportRequests(ctx context.Context, rows []ImportedRequest, at time.Time) error {
	return s.withTx(ctx, func(tx *sqlx.Tx) error {
		// One import at a time: the negative places below are taken from the current minimum.
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext('terbuka-import'))`); err != nil {
			return fmt.Errorf("store: unable to lock import: %w", err)
		}
		for _, r := range rows {
			if err := importOne(ctx, tx, r, at); err != nil {
				return fmt.Errorf("store: import line %d: %w", r.Line, err)
			}
		}
		return nil
	})
}

func importOne(ctx context.Context, tx *sqlx.Tx, r ImportedRequest, at time.Time) error {
	seq := r.Seq
	if seq > 0 {
		// A place already taken (a live number, or an old register that restarted each month)
		// leaves the counter past it anyway; the row then takes a negative place like any other.
		var taken bool
		if err := tx.GetContext(ctx, &taken, `SELECT EXISTS (SELECT 1 FROM requests WHERE reg_year = $1 AND reg_seq = $2)`, r.Year, seq); err != nil {
			return err
		}
		if taken {
			seq = 0
		}
	}
	if seq > 0 {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO registration_counters AS c (year, last_seq) VALUES ($1, $2)
			ON CONFLICT (year) DO UPDATE SET last_seq = greatest(c.last_seq, EXCLUDED.last_seq)`, r.Year, seq); err != nil {
			return err
		}
	} else if err := tx.GetContext(ctx, &seq, `SELECT least(coalesce(min(reg_seq), 0), 0) - 1 FROM requests WHERE reg_year = $1`, r.Year); err != nil {
		return err
	}
	var id int64
	err := tx.GetContext(ctx, &id, `
		INSERT INTO requests (reg_year, reg_seq, registration_number, tracking_code_hash, channel, requester_kind,
			requester_name, nik_sealed, nik_lookup, entity_sk_number, address, phone, email, occupation, information,
			purpose, obtain_method, delivery_method, publish_consent, received_at, counting_from, response_due, due_date,
			status, closed_at, delivered_at, registered_by, public_pii, information_roots)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $22,
			$23, $24, $25, $26, $27::jsonb, $28)
		RETURNING id`,
		r.Year, seq, r.RegistrationNumber, r.TrackingCodeHash, r.Channel, r.RequesterKind, r.RequesterName, r.NIKSealed,
		r.NIKLookup, r.EntitySKNumber, r.Address, r.Phone, r.Email, r.Occupation, r.Information, r.Purpose,
		r.ObtainMethod, r.DeliveryMethod, r.PublishConsent, r.ReceivedAt, r.CountingFrom, r.ResponseDue,
		r.Status, r.ClosedAt, r.DeliveredAt, r.RegisteredBy, string(RequestTextFindings(r.Information, r.RequesterName)),
		stem.Roots(r.Information, maxRootText))
	if err != nil {
		return err
	}
	if d := r.Decision; d != nil {
		d.RequestID = id
		if err := tx.GetContext(ctx, &d.ID, `
			INSERT INTO decisions (request_id, kind, notice_at, late, exemption_letters, legal_basis, harm, public_interest, cost)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			id, d.Kind, d.NoticeAt, d.Late, d.ExemptionLetters, d.LegalBasis, d.Harm, d.PublicInterest, d.Cost); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE requests SET decision = $2, notice_at = $3, notice_late = $4 WHERE id = $1`,
			id, d.Kind, d.NoticeAt, d.Late); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO request_events (request_id, at, actor_id, actor_label, kind, to_status, note, public)
		VALUES ($1, $2, $3, $4, 'imported', $5, $6, true)`,
		id, at, r.RegisteredBy, r.ActorLabel, r.Status, r.EventNote)
	return err
}
