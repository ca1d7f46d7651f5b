package intake

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/deadline"
	"github.com/terbuka-id/terbuka/internal/registerimport"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
)

// importedConsequence fills the consequence test an old register never recorded: the database
// requires one for every exemption (UU 14/2008 Pasal 19), and this says plainly it is missing.
const importedConsequence = "Tidak tercatat pada register asal (diimpor)."

// Import stores rows of an old register with their own numbers, dates and decisions, so
// deadlines and statistics continue. All or nothing: numbers already registered are reported
// as row errors and nothing is written. The summary counts the imported cases already overdue,
// whose requesters nobody has told they may object.
func (s *Service) Import(ctx context.Context, rows []registerimport.Row) (ImportSummary, []registerimport.RowError, error) {
	numbers := make([]string, len(rows))
	for i, r := range rows {
		numbers[i] = r.RegistrationNumber
	}
	existing, err := s.Store.ExistingNumbers(ctx, numbers)
	if err != nil {
		return ImportSummary{}, nil, err
	}
	var rowErrs []registerimport.RowError
	for _, r := range rows {
		if existing[r.RegistrationNumber] {
			rowErrs = append(rowErrs, registerimport.RowError{Line: r.Line, Column: "no_registrasi",
				Message: "Nomor registrasi " + r.RegistrationNumber + " sudah ada di Terbuka."})
		}
	}
	if len(rowErrs) > 0 {
		return ImportSummary{}, rowErrs, nil
	}
	cal := s.Calendar()
	now := s.Now()
	today := calendar.DateOf(now.In(cal.Location()))
	sum := ImportSummary{Imported: len(rows)}
	imported := make([]store.ImportedRequest, 0, len(rows))
	for _, r := range rows {
		ir, err := s.imported(cal, r)
		if err != nil {
			return ImportSummary{}, nil, err
		}
		imported = append(imported, ir)
		// Already overdue without a notice: the deadline watch will never see this case lapse.
		if ir.Decision == nil && ir.ResponseDue.Before(today) {
			if _, open, ok := lapseWindow(cal, ir.Status, ir.ResponseDue, now); ok {
				sum.Backlog.add(open, ir.Email)
			}
		}
	}
	if err := s.Store.ImportRequests(ctx, imported, now); err != nil {
		return ImportSummary{}, nil, err
	}
	return sum, nil, nil
}

func (s *Service) imported(cal *calendar.Calendar, r registerimport.Row) (store.ImportedRequest, error) {
	received := r.ReceivedAt.In(cal.Location())
	clocks := deadline.ForRequest(cal, received)
	sub := r.Submission
	hash := make([]byte, 32) // old registers have no tracking code; a random digest matches none
	rand.Read(hash)
	ir := store.ImportedRequest{
		NewRequest: store.NewRequest{
			Year: received.Year(), TrackingCodeHash: hash, Channel: r.Channel,
			RequesterKind: sub.RequesterKind, RequesterName: sub.Name, Address: sub.Address, Phone: sub.Phone,
			Email: sub.Email, Occupation: sub.Occupation, Information: sub.Information, Purpose: sub.Purpose,
			ObtainMethod: sub.ObtainMethod, DeliveryMethod: sub.DeliveryMethod, PublishConsent: sub.PublishConsent,
			ReceivedAt: received, CountingFrom: clocks.CountingFrom, ResponseDue: clocks.ResponseDue,
			ActorLabel: "Impor register",
			EventNote:  fmt.Sprintf("Dicatat dari register lama (baris %d); status: %s.", r.Line, request.Label(request.Statuses, r.Status)),
		},
		RegistrationNumber: r.RegistrationNumber,
		Status:             r.Status,
		Line:               r.Line,
	}
	if seq, ok := s.Format.Match(r.RegistrationNumber, received.Year(), received.Month()); ok {
		ir.Seq = seq
	}
	if sub.NIK != "" {
		sealed, err := s.Box.Seal([]byte(sub.NIK), nikAD)
		if err != nil {
			return store.ImportedRequest{}, err
		}
		ir.NIKSealed, ir.NIKLookup = sealed, s.Box.Lookup([]byte(sub.NIK))
	}
	if sub.EntitySKNumber != "" {
		ir.EntitySKNumber = sql.NullString{String: sub.EntitySKNumber, Valid: true}
	}
	if r.Decision != "" {
		// Noon of the notice day: the register keeps dates only.
		noticeAt := r.NoticeDate.In(cal.Location()).Add(12 * time.Hour)
		d := &store.DecisionRecord{Kind: r.Decision, NoticeAt: noticeAt, Late: r.NoticeDate.After(clocks.ResponseDue),
			ExemptionLetters: append([]string{}, r.ExemptionLetters...), Cost: r.Cost}
		if len(r.ExemptionLetters) > 0 {
			d.LegalBasis, d.Harm, d.PublicInterest = "UU 14/2008 Pasal 17 (diimpor)", importedConsequence, importedConsequence
		}
		ir.Decision = d
	}
	if !r.DeliveredDate.IsZero() {
		at := r.DeliveredDate.In(cal.Location()).Add(12 * time.Hour)
		ir.DeliveredAt = sql.NullTime{Time: at, Valid: true}
	}
	if r.Status == request.StatusClosed {
		closed := ir.DeliveredAt
		if !closed.Valid {
			closed = sql.NullTime{Time: s.Now(), Valid: true}
		}
		ir.ClosedAt = closed
	}
	return ir, nil
}
