package casework

import (
	"context"
	"database/sql"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/letters"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// positions name the signer of a letter by role.
var positions = map[access.Role]string{
	access.PPID:    "Pejabat Pengelola Informasi dan Dokumentasi",
	access.Atasan:  "Atasan Pejabat Pengelola Informasi dan Dokumentasi",
	access.Petugas: "Petugas Layanan Informasi",
	access.Admin:   "Pejabat Pengelola Informasi dan Dokumentasi",
}

// issue numbers and records a letter inside the step that gives rise to it, after checking it
// can be composed, so a step never completes without its letter.
func (s *Service) issue(ctx context.Context, tx *store.CaseTx, r *store.Request, kind letters.Kind,
	d *store.DecisionRecord, o *store.Objection, actor *store.User) error {
	now := s.Now().In(s.Calendar().Location())
	seq, err := tx.NextNumber(ctx, "letter", now.Year())
	if err != nil {
		return err
	}
	rec := store.LetterRecord{RequestID: r.ID, Kind: string(kind), Number: letterNumbers.Render(seq, now.Year(), now.Month()),
		IssuedOn: calendar.DateOf(now), SignerName: s.Office().Name, SignerPosition: positions[access.PPID]}
	if actor != nil {
		rec.SignerName, rec.SignerPosition = actor.Name, positions[actor.Role]
	}
	if d != nil {
		rec.DecisionID = sql.NullInt64{Int64: d.ID, Valid: true}
	}
	if o != nil {
		rec.ObjectionID = sql.NullInt64{Int64: o.ID, Valid: true}
	}
	docID, err := s.storeLetterPDF(ctx, tx, s.Compose(r, rec, d, o), r.ID, actor)
	if err != nil {
		return err
	}
	rec.DocumentID = sql.NullInt64{Int64: docID, Valid: true}
	_, err = tx.AddLetter(ctx, rec)
	return err
}

// Compose builds a letter from the records it points at.
func (s *Service) Compose(r *store.Request, rec store.LetterRecord, d *store.DecisionRecord, o *store.Objection) letters.Letter {
	l := letters.Letter{
		Kind: letters.Kind(rec.Kind), Number: rec.Number, Date: rec.IssuedOn, Office: s.Office(),
		Signer:             letters.Signer{Name: rec.SignerName, Position: rec.SignerPosition},
		RegistrationNumber: r.RegistrationNumber, RequesterName: r.RequesterName, RequesterAddress: r.Address,
		ReceivedAt: r.ReceivedAt.In(s.Calendar().Location()), Information: r.Information, Purpose: r.Purpose,
		ObtainMethod:   request.Label(request.ObtainMethods, r.ObtainMethod),
		DeliveryMethod: request.Label(request.DeliveryMethods, r.DeliveryMethod),
		Accessibility:  request.AccessibilityText(r.Accessibility, r.AccessibilityNote),
		ResponseDue:    r.ResponseDue, ExtendedDue: r.ExtendedDue, ExtensionReason: r.ExtensionReason.String,
	}
	// DESIGN §2: a date resting on a year without SKB says in the letter that it may move.
	cal := s.Calendar()
	received := calendar.DateOf(l.ReceivedAt)
	l.ResponseDueProvisional = provisionalYears(cal, received, r.ResponseDue)
	l.ExtendedDueProvisional = provisionalYears(cal, received, r.ExtendedDue)
	if d != nil {
		l.Decision, l.InformationGiven, l.Withheld = d.Kind, d.InformationGiven, d.Withheld
		l.ExemptionLetters, l.LegalBasis, l.Harm, l.PublicInterest = d.ExemptionLetters, d.LegalBasis, d.Harm, d.PublicInterest
		l.HoldingBody, l.Form, l.Cost, l.DeliveryTime = d.HoldingBody, d.Form, d.Cost, d.DeliveryTime
		l.HoldingUnknownReason, l.DocumentedBy = d.HoldingUnknownReason, d.DocumentedBy
		l.CopyPages, l.PagePrice, l.MediaLabel, l.MediaPrice = d.CopyPages, d.PagePrice, d.MediaLabel, d.MediaPrice
		l.Postage, l.OtherCost, l.OtherNote, l.TotalCost = d.PostageCost, d.OtherCost, d.OtherCostNote, d.TotalCost
		l.ExemptUntil, l.DIKSubject = d.ExemptUntil, d.DIKSubject
		if d.Kind == request.StatusGranted || d.Kind == request.StatusPartial {
			// As the delivery clock of workflow.Clocks: provisional when a year from the notice to it has no SKB.
			l.DeliveryDue = d.DeliveryDue
			l.DeliveryDueProvisional = provisionalYears(cal, calendar.DateOf(d.NoticeAt.In(cal.Location())), d.DeliveryDue)
		}
	}
	if o != nil {
		l.ObjectionNumber, l.ObjectionGrounds, l.ObjectionReasons = o.Number, o.Grounds, o.Reasons
		l.ObjectionReceivedAt, l.ObjectionDue = o.ReceivedAt.In(s.Calendar().Location()), o.ResponseDue
		l.ObjectionDueProvisional = provisionalYears(cal, calendar.DateOf(l.ObjectionReceivedAt), o.ResponseDue)
		if o.Status != workflow.ObjectionOpen {
			l.ObjectionOutcome, l.ObjectionAnswer = o.Status, o.Answer
			if o.Status == workflow.ObjectionUpheld && o.AnsweredAt.Valid {
				// Pasal 37(2) counts from receipt, which the letter cannot know: it states the date for receipt
				// on its own date, so the answer is taken as unsent and the issued PDF and its HTML stay one text.
				answer := ObjectionRecord(o)
				answer.AnswerDelivery = workflow.Delivery{}
				window, _ := answer.DisputeWindowAfterAnswer(cal)
				l.DisputeDue, l.DisputeDueProvisional = window.Due, window.ProvisionalYears
			}
		}
	}
	return l
}

// provisionalYears are the years without SKB a date counted from from to due depends on; nil for no date.
func provisionalYears(cal *calendar.Calendar, from, due calendar.Date) []int {
	if due.IsZero() {
		return nil
	}
	return cal.ProvisionalYears(from, due)
}

// LetterFor loads an issued letter with the records it points at, ready to render. actor nil
// is the requester, who may read the letters of their own case.
func (s *Service) LetterFor(ctx context.Context, actor *store.User, requestID, letterID int64) (letters.Letter, error) {
	r, err := s.Store.RequestByID(ctx, ScopeOf(actor), requestID)
	if err != nil {
		return letters.Letter{}, err
	}
	rec, err := s.Store.Letter(ctx, ScopeOf(actor), requestID, letterID)
	if err != nil {
		return letters.Letter{}, err
	}
	var d *store.DecisionRecord
	var o *store.Objection
	if rec.DecisionID.Valid {
		if d, err = s.Store.DecisionByID(ctx, requestID, rec.DecisionID.Int64); err != nil {
			return letters.Letter{}, err
		}
	}
	if rec.ObjectionID.Valid {
		if o, err = s.Store.ObjectionByID(ctx, requestID, rec.ObjectionID.Int64); err != nil {
			return letters.Letter{}, err
		}
	}
	return s.Compose(r, *rec, d, o), nil
}

// IssueReceipt issues the request's tanda bukti penerimaan (UU 14/2008 Pasal 22(4)) the first
// time it is asked for; intake itself stays one statement.
func (s *Service) IssueReceipt(ctx context.Context, actor *store.User, id int64) error {
	if actor != nil && !actor.Can(access.IssueReceipt) {
		return ErrForbidden
	}
	return s.withCase(ctx, ScopeOf(actor), id, func(tx *store.CaseTx, r *store.Request) error {
		// Checked under the case lock before numbering, so a second call leaves no gap.
		if issued, err := tx.HasLetter(ctx, r.ID, string(letters.Receipt)); err != nil || issued {
			return err
		}
		return s.issue(ctx, tx, r, letters.Receipt, nil, nil, actor)
	})
}
