// Package casework carries out the steps of a case: it checks who may act, asks the workflow
// whether the move is allowed, and writes the new state, its history row and its e-mail to the
// requester in one transaction.
package casework

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/letters"
	"github.com/terbuka-id/terbuka/internal/mailtext"
	"github.com/terbuka-id/terbuka/internal/numbering"
	"github.com/terbuka-id/terbuka/internal/pii"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/skm"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// ErrForbidden: the actor's role may not take this step.
var ErrForbidden = access.ErrForbidden

// Service runs case steps.
type Service struct {
	Store    *store.Store
	Calendar func() *calendar.Calendar
	Now      func() time.Time
	// Office is the letterhead of the office's letters, read when a letter is composed.
	Office     func() letters.Office
	OfficeName string
	BaseURL    string
	// Blobs keeps uploaded documents and letter PDFs; MaxUpload bounds an upload in bytes.
	Blobs     files.Blobs
	MaxUpload int64
	// Clarifications hears of each stored answer to a clarification; nil tells nobody.
	Clarifications ClarificationNotifier
	// Box hashes and seals the satisfaction survey's invitation token; without it (tools and
	// tests that wire no data key) no invitation is made. app.New always sets it.
	Box *secret.Box
	// Webhook queues a signed webhook delivery of each officer notice (config notify.webhook_url is set).
	Webhook bool
}

// Objections and letters are numbered apart from requests, gapless per year.
var (
	objectionNumbers = mustFormat("KEB/{seq:04d}/{roman_month}/{year}")
	letterNumbers    = mustFormat("{seq:04d}/SRT-PPID/{roman_month}/{year}")
)

func mustFormat(pattern string) numbering.Format {
	f, err := numbering.Parse(pattern)
	if err != nil {
		panic(err) // a constant pattern above is wrong: a programming error
	}
	return f
}

// Case turns a stored request into what the workflow rules read.
func Case(r *store.Request) workflow.Case {
	c := workflow.Case{Status: r.Status, ReceivedAt: r.ReceivedAt, ResponseDue: r.ResponseDue,
		ExtendedDue: r.ExtendedDue, DueDate: r.DueDate, ObjectionOpen: r.ObjectionOpen, HasDispute: r.HasDispute,
		Decision: r.Decision.String, DocumentationDue: r.DocumentationDue, CostTotal: r.CostTotal, Paid: !r.PaidOn.IsZero()}
	if r.NoticeAt.Valid {
		c.NoticeAt = r.NoticeAt.Time
	}
	if r.LastObjectionAt.Valid {
		c.LastObjectionAt = r.LastObjectionAt.Time
	}
	c.NoticeDelivery.ReceivedOn = r.NoticeReceivedOn
	if r.NoticeSentAt.Valid {
		c.NoticeDelivery.SentAt = r.NoticeSentAt.Time
	}
	c.DeliveryDue = r.DeliveryDue
	if r.DeliveredAt.Valid {
		c.DeliveredAt = r.DeliveredAt.Time
	}
	return c
}

// ScopeOf is what an actor reads: an officer their own scope; nil, the requester, who proved
// the case is theirs with its tracking code before the call.
func ScopeOf(actor *store.User) access.Scope {
	if actor == nil {
		return access.Everything
	}
	return actor.Scope()
}

// step is the shape of every officer action: lock, check, plan, write.
func (s *Service) step(ctx context.Context, actor *store.User, id int64, perm access.Permission,
	plan func(tx *store.CaseTx, r *store.Request, st *store.CaseState) (workflow.Transition, error)) error {
	if !actor.Can(perm) {
		return ErrForbidden
	}
	return s.withCase(ctx, actor.Scope(), id, func(tx *store.CaseTx, r *store.Request) error {
		st := r.State()
		t, err := plan(tx, r, &st)
		if err != nil {
			return err
		}
		return s.record(ctx, tx, r, st, t, actor)
	})
}

// record writes a planned transition: state, history, and the requester's e-mail.
func (s *Service) record(ctx context.Context, tx *store.CaseTx, r *store.Request, st store.CaseState, t workflow.Transition, actor *store.User) error {
	now := s.Now()
	st.Status, st.DueDate, st.ExtendedDue = t.To, t.DueDate, t.ExtendedDue
	if t.Close {
		st.Closed = true
	}
	if err := tx.SetState(ctx, r.ID, st, now); err != nil {
		return err
	}
	ev := store.NewEvent{At: now, ActorLabel: "Pemohon", Kind: t.EventKind, FromStatus: t.From, ToStatus: t.To,
		Note: t.Note, Public: t.Public}
	if actor != nil {
		ev.ActorID, ev.ActorLabel = sql.NullInt64{Int64: actor.ID, Valid: true}, actor.Name
	}
	if t.From == t.To {
		ev.FromStatus, ev.ToStatus = "", ""
	}
	if err := tx.AddEvent(ctx, r.ID, ev); err != nil {
		return err
	}
	if t.Mail != "" && r.Email != "" {
		if err := tx.QueueMail(ctx, r.ID, store.Mail{Template: t.Mail, Recipient: r.Email, Data: s.mailData(r, t)}); err != nil {
			return err
		}
	}
	return s.inviteSurvey(ctx, tx, r, st, t, now)
}

// surveyStatuses end the service to the requester: then they are asked how it went.
var surveyStatuses = []string{request.StatusDelivered, request.StatusClosed, request.StatusWithdrawn}

// inviteSurvey creates the case's one survey invitation when it is delivered, closed or withdrawn,
// in the step's transaction, and e-mails its link (PermenPAN-RB 14/2017: users are surveyed).
func (s *Service) inviteSurvey(ctx context.Context, tx *store.CaseTx, r *store.Request, st store.CaseState, t workflow.Transition, now time.Time) error {
	if s.Box == nil || t.From == t.To || !slices.Contains(surveyStatuses, t.To) {
		return nil
	}
	token, err := skm.Invite(ctx, tx, s.Box, r.ID, st.UnitID, now)
	if err != nil || token == "" || r.Email == "" {
		return err
	}
	// The token answers the case's survey: sealed like a tracking code, never in the mail's data (ASVS 8.3.4).
	sealed, err := mailtext.SealSecrets(s.Box, map[string]string{"survey_token": token})
	if err != nil {
		return err
	}
	return tx.QueueMail(ctx, r.ID, store.Mail{Template: "survey_invitation", Recipient: r.Email, Secrets: sealed,
		Data: map[string]any{"name": r.RequesterName, "registration_number": r.RegistrationNumber, "office_name": s.OfficeName,
			"survey_base": s.BaseURL + "/survei/", "tracking_url": s.BaseURL + "/lacak"}})
}

func (s *Service) mailData(r *store.Request, t workflow.Transition) map[string]any {
	data := map[string]any{
		"name":                r.RequesterName,
		"registration_number": r.RegistrationNumber,
		"status":              request.Label(request.Statuses, t.To),
		"note":                t.Note,
		"due_date":            t.DueDate.String(),
		"office_name":         s.OfficeName,
		"tracking_url":        s.BaseURL + "/lacak",
	}
	if !t.DeliveryDue.IsZero() {
		// The promised delivery day, as the notice letter states it (Pasal 22(7)); its passing undelivered is ground g.
		data["delivery_due"] = t.DeliveryDue.String()
		if t.DeliveryDueShift != "" {
			data["delivery_due_shift"] = t.DeliveryDueShift
		}
	}
	return data
}

// Assign hands the case to an officer.
func (s *Service) Assign(ctx context.Context, actor *store.User, id, officerID int64) error {
	if !actor.Can(access.AssignCase) {
		return ErrForbidden // before the look-up, so the answer tells nothing of which accounts exist
	}
	officer, err := s.Store.UserByID(ctx, officerID)
	if err != nil || !officer.Active || !officer.Can(access.TakeCase) {
		return &workflow.Refusal{Message: "Pilih petugas atau PPID yang aktif.", Field: "officer_id"}
	}
	return s.step(ctx, actor, id, access.AssignCase, func(_ *store.CaseTx, r *store.Request, st *store.CaseState) (workflow.Transition, error) {
		if !officer.Scope().Includes(r.UnitID) {
			return workflow.Transition{}, &workflow.Refusal{Message: officer.Name + " tidak dapat melihat permohonan unit ini.", Field: "officer_id"}
		}
		t, err := workflow.PlanAssign(Case(r), officer.Name)
		st.AssignedTo = sql.NullInt64{Int64: officer.ID, Valid: true}
		return t, err
	})
}

// Forward moves the case to another unit; the statutory clock runs on. The target unit is
// checked after the permission and the case's scope, so those answer first.
func (s *Service) Forward(ctx context.Context, actor *store.User, id, unitID int64) error {
	return s.step(ctx, actor, id, access.ForwardCase, func(tx *store.CaseTx, r *store.Request, st *store.CaseState) (workflow.Transition, error) {
		unit, err := s.Store.UnitByID(ctx, unitID)
		if errors.Is(err, store.ErrNotFound) || err == nil && !unit.Active {
			return workflow.Transition{}, &workflow.Refusal{Message: "Pilih unit tujuan yang aktif.", Field: "unit_id"}
		}
		if err != nil {
			return workflow.Transition{}, err
		}
		if r.UnitID == unit.ID {
			return workflow.Transition{}, &workflow.Refusal{Message: "Permohonan sudah berada di " + unit.Name + "."}
		}
		t, err := workflow.PlanForward(Case(r), unit.Name)
		st.UnitID, st.AssignedTo = unit.ID, sql.NullInt64{}
		return t, err
	})
}

// Extend grants the one extension of UU 14/2008 Pasal 22(8).
func (s *Service) Extend(ctx context.Context, actor *store.User, id int64, reason string) error {
	return s.step(ctx, actor, id, access.ExtendDeadline, func(tx *store.CaseTx, r *store.Request, st *store.CaseState) (workflow.Transition, error) {
		t, err := workflow.PlanExtend(Case(r), reason, s.Now(), s.Calendar())
		if err != nil {
			return t, err
		}
		st.ExtensionReason = sql.NullString{String: reason, Valid: true}
		extended := *r
		extended.ExtendedDue, extended.ExtensionReason = t.ExtendedDue, st.ExtensionReason
		return t, s.issue(ctx, tx, &extended, letters.Extension, nil, nil, actor)
	})
}

// Decide records the written notice; field errors come back for the form.
func (s *Service) Decide(ctx context.Context, actor *store.User, id int64, d workflow.Decision) (request.FieldErrors, error) {
	if !actor.Can(access.DecideRequest) {
		return nil, ErrForbidden
	}
	if errs, err := s.priceFees(ctx, &d.Fees); err != nil || len(errs) > 0 {
		if err == nil {
			err = &workflow.Refusal{Message: "Putusan belum lengkap: periksa kolom yang ditandai."}
		}
		return errs, err
	}
	var fieldErrs request.FieldErrors
	err := s.step(ctx, actor, id, access.DecideRequest, func(tx *store.CaseTx, r *store.Request, st *store.CaseState) (workflow.Transition, error) {
		d = d.SettleNoticeTime(Case(r)) // a date-only notice on the receipt day is recorded at the receipt
		t, errs, err := workflow.PlanDecide(Case(r), d, s.Calendar(), s.Now())
		// UU 14/2008 Pasal 17 h: the DIK subject is public, so it may not name the requester either.
		if errs == nil && (d.Kind == request.StatusRefused || d.Kind == request.StatusPartial) && len(pii.Scan(d.DIKSubject, r.RequesterName)) > 0 {
			errs, err = request.FieldErrors{"dik_subject": "Jenis informasi memuat nama pemohon; tulis tanpa data pribadi."},
				&workflow.Refusal{Message: "Putusan belum lengkap: periksa kolom yang ditandai."}
		}
		if err != nil {
			fieldErrs = errs
			return t, err
		}
		st.Decision = sql.NullString{String: d.Kind, Valid: true}
		st.NoticeAt = sql.NullTime{Time: d.NoticeAt, Valid: true}
		st.NoticeLate = sql.NullBool{Bool: t.Late, Valid: true}
		st.DocumentationDue = calendar.Date{}
		// Pasal 22(7) g: a new notice sets a new charge, paid anew.
		st.CostTotal, st.PaidOn, st.PaymentReceipt = d.Fees.Total(), calendar.Date{}, ""
		if d.Kind == request.StatusNotDocumented {
			st.DocumentationDue = d.DocumentedBy // a clock of the case until delivery (Perki 1/2021 notice form)
		}
		rec := store.DecisionRecord{RequestID: r.ID, Kind: d.Kind, NoticeAt: d.NoticeAt, Late: t.Late,
			InformationGiven: d.InformationGiven, Withheld: d.Withheld,
			ExemptionLetters: append([]string{}, d.ExemptionLetters...), // never NULL in the database
			LegalBasis:       d.LegalBasis, Harm: d.Harm, PublicInterest: d.PublicInterest, HoldingBody: d.HoldingBody,
			HoldingUnknownReason: d.HoldingUnknownReason, DocumentedBy: d.DocumentedBy,
			CopyPages: d.Fees.Pages, PagePrice: d.Fees.PagePrice, MediaCode: d.Fees.MediaCode, MediaLabel: d.Fees.MediaLabel,
			MediaPrice: d.Fees.MediaPrice, PostageCost: d.Fees.Postage, OtherCost: d.Fees.Other, OtherCostNote: d.Fees.OtherNote,
			TotalCost: d.Fees.Total(), ExemptUntil: d.ExemptUntil, DIKSubject: strings.TrimSpace(d.DIKSubject),
			DecidedPlace: s.Office().City, Form: d.Form, Cost: d.Cost, DeliveryTime: d.DeliveryTime, DeliveryDue: d.DeliveryDue,
			DecidedBy: sql.NullInt64{Int64: actor.ID, Valid: true}}
		if rec.ID, err = tx.AddDecision(ctx, rec); err != nil {
			return t, err
		}
		// The written notice of Pasal 22(7); a refusal also gets its decision letter with the consequence test.
		if err := s.issue(ctx, tx, r, letters.Notice, &rec, nil, actor); err != nil {
			return t, err
		}
		if d.Kind == request.StatusRefused {
			return t, s.issue(ctx, tx, r, letters.Refusal, &rec, nil, actor)
		}
		return t, nil
	})
	return fieldErrs, err
}

// priceFees fills the fee-table prices into an officer's breakdown: pages at today's page price,
// the chosen medium at its price. A notice keeps these prices even if the table changes later.
func (s *Service) priceFees(ctx context.Context, f *workflow.Fees) (request.FieldErrors, error) {
	f.PagePrice, f.MediaLabel, f.MediaPrice = 0, "", 0
	if f.Pages > 0 {
		price, err := s.Store.PagePrice(ctx)
		if err != nil {
			return nil, err
		}
		f.PagePrice = price
	}
	if f.MediaCode == "" {
		return nil, nil
	}
	fee, err := s.Store.FeeByCode(ctx, f.MediaCode)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (fee.Kind != store.FeeMedia || !fee.Active)) {
		return request.FieldErrors{"media": "Pilih media dari daftar biaya."}, nil
	}
	if err != nil {
		return nil, err
	}
	f.MediaLabel, f.MediaPrice = fee.Label, fee.Price
	return nil, nil
}

// Pay records that the requester paid the notice's cost (Pasal 22(7) g); delivery waits for it.
func (s *Service) Pay(ctx context.Context, actor *store.User, id int64, paidOn calendar.Date, receipt string) error {
	return s.step(ctx, actor, id, access.DeliverInformation, func(_ *store.CaseTx, r *store.Request, st *store.CaseState) (workflow.Transition, error) {
		t, err := workflow.PlanPay(Case(r), paidOn, receipt, s.Now(), s.Calendar())
		st.PaidOn, st.PaymentReceipt = paidOn, strings.TrimSpace(receipt)
		return t, err
	})
}

// Deliver records that the information was handed over.
func (s *Service) Deliver(ctx context.Context, actor *store.User, id int64, method string) error {
	return s.step(ctx, actor, id, access.DeliverInformation, func(_ *store.CaseTx, r *store.Request, st *store.CaseState) (workflow.Transition, error) {
		t, err := workflow.PlanDeliver(Case(r), method)
		st.DeliveredAt = sql.NullTime{Time: s.Now(), Valid: true}
		return t, err
	})
}

// Close ends the case.
func (s *Service) Close(ctx context.Context, actor *store.User, id int64) error {
	return s.step(ctx, actor, id, access.CloseCase, func(_ *store.CaseTx, r *store.Request, _ *store.CaseState) (workflow.Transition, error) {
		return workflow.PlanClose(Case(r), s.Now(), s.Calendar())
	})
}

// Withdraw records the requester's withdrawal, taken by an officer.
func (s *Service) Withdraw(ctx context.Context, actor *store.User, id int64, reason string) error {
	return s.step(ctx, actor, id, access.RecordWithdrawal, func(_ *store.CaseTx, r *store.Request, _ *store.CaseState) (workflow.Transition, error) {
		return workflow.PlanWithdraw(Case(r), reason)
	})
}

// ObjectionRecord turns a stored objection into what the clocks read, with its answer letter's way
// to the requester.
func ObjectionRecord(o *store.Objection) workflow.ObjectionRecord {
	rec := workflow.ObjectionRecord{ReceivedAt: o.ReceivedAt, ResponseDue: o.ResponseDue, Upheld: o.Status == workflow.ObjectionUpheld}
	if o.AnsweredAt.Valid {
		rec.AnsweredAt = o.AnsweredAt.Time
	}
	rec.AnswerDelivery.ReceivedOn = o.AnswerReceivedOn
	if o.AnswerSentAt.Valid {
		rec.AnswerDelivery.SentAt = o.AnswerSentAt.Time
	}
	return rec
}

// Clocks are every running or finished clock of stored request r (workflow.Clocks), for the
// tracking page, the case page and the tracking API alike.
func Clocks(r *store.Request, objections []store.Objection, disputes []store.Dispute, now time.Time, cal *calendar.Calendar) []workflow.Clock {
	objs, ds := clockRecords(objections, disputes)
	return workflow.Clocks(Case(r), objs, ds, now, cal)
}
