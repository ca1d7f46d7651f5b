package casework

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"

	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/deadline"
	"github.com/terbuka-id/terbuka/internal/letters"
	"github.com/terbuka-id/terbuka/internal/notify"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// FileObjection registers a keberatan (UU 14/2008 Pasal 35–36). actor is nil when the requester
// files it from the tracking page (they proved who they are with the tracking code).
func (s *Service) FileObjection(ctx context.Context, actor *store.User, id int64, f workflow.ObjectionFiling, channel string) (*store.Objection, request.FieldErrors, error) {
	if actor != nil && !actor.Can(access.RegisterObjection) {
		return nil, nil, ErrForbidden
	}
	f.Reasons = strings.TrimSpace(f.Reasons)
	if errs := f.Validate(); len(errs) > 0 {
		return nil, errs, &workflow.Refusal{Message: "Keberatan belum lengkap: periksa kolom yang ditandai."}
	}
	var filed *store.Objection
	var fieldErrs request.FieldErrors
	err := s.withCase(ctx, ScopeOf(actor), id, func(tx *store.CaseTx, r *store.Request) error {
		cal, now := s.Calendar(), s.Now().In(s.Calendar().Location())
		// A paper objection counts from the day the office received it, not the day it is typed in (Pasal 36(2)).
		received, field := now, ""
		if actor != nil && !f.ReceivedAt.IsZero() {
			received, field = f.ReceivedAt.In(cal.Location()), "received_date"
			if received.After(now) {
				return &workflow.Refusal{Message: "Waktu penerimaan keberatan tidak boleh di masa depan.", Field: field}
			}
			// Not before its ground arose: the notice objected to (a lapse is checked by the window below).
			if r.NoticeAt.Valid && calendar.DateOf(received).Before(calendar.DateOf(r.NoticeAt.Time.In(cal.Location()))) {
				return &workflow.Refusal{Message: "Keberatan tidak dapat diterima sebelum pemberitahuan tertulis (" +
					calendar.FormatID(calendar.DateOf(r.NoticeAt.Time.In(cal.Location()))) + ").", Field: field}
			}
		}
		// In time and with its ground arisen as of its receipt (Pasal 35(1), 36(1)).
		window, ok, why := workflow.ObjectionWindow(Case(r), received, cal)
		if !ok {
			return &workflow.Refusal{Message: why, Field: field}
		}
		// Only the grounds whose window is open (Pasal 35(1), 36(1)), e.g. just g once a promised delivery lapsed.
		f.Allowed = window.Grounds
		if msg := f.Validate()["grounds"]; msg != "" {
			fieldErrs = request.FieldErrors{"grounds": msg}
			return &workflow.Refusal{Message: "Keberatan belum lengkap: periksa kolom yang ditandai.", Field: "grounds"}
		}
		seq, err := tx.NextNumber(ctx, "objection", now.Year())
		if err != nil {
			return err
		}
		// UU 14/2008 Pasal 36(2): the atasan PPID answers within 30 working days of receipt.
		due := deadline.Compute(cal, deadline.ObjectionResponse, received)
		o := store.Objection{RequestID: r.ID, Number: objectionNumbers.Render(seq, now.Year(), now.Month()),
			Grounds: pq.StringArray(f.Grounds), Reasons: f.Reasons, Channel: channel, ReceivedAt: received,
			CountingFrom: due.CountingFrom, ResponseDue: due.Due, Status: workflow.ObjectionOpen}
		if actor != nil {
			o.RegisteredBy = sql.NullInt64{Int64: actor.ID, Valid: true}
		}
		if o.ID, err = tx.AddObjection(ctx, o); errors.Is(err, store.ErrConflict) {
			return &workflow.Refusal{Message: "Masih ada keberatan atas permohonan ini yang belum ditanggapi atasan PPID."}
		} else if err != nil {
			return err
		}
		filed = &o
		if err := s.issue(ctx, tx, r, letters.ObjectionReceipt, nil, &o, actor); err != nil {
			return err
		}
		t := workflow.Transition{From: r.Status, To: r.Status, DueDate: r.DueDate, ExtendedDue: r.ExtendedDue,
			EventKind: "objection_filed", Public: true, Mail: "objection_received",
			Note: "Keberatan " + o.Number + " diterima; atasan PPID wajib menanggapi paling lambat " + calendar.FormatID(due.Due) + "."}
		if err := s.record(ctx, tx, r, r.State(), t, actor); err != nil {
			return err
		}
		// The atasan PPID hears of it with the filing itself, so the 30 days of Pasal 36(2) are not lost to a missed mail.
		n := s.officerNotice(r, notify.NewObjection, store.AudienceAtasan, actor, map[string]any{
			"objection_number": o.Number, "received_on": calendar.DateOf(received).String(), "response_due": due.Due.String()})
		_, err = tx.QueueOfficerNotice(ctx, r.ID, n)
		return err
	})
	return filed, fieldErrs, err
}

// AnswerObjection records the atasan PPID's written answer (UU 14/2008 Pasal 36(2)–(3)).
// Overturning reopens the case for fulfilment; upholding tells the requester how long they
// have to take the dispute to the Komisi Informasi (Pasal 37(2)).
func (s *Service) AnswerObjection(ctx context.Context, actor *store.User, id, objectionID int64, outcome, answer string) (request.FieldErrors, error) {
	if !actor.Can(access.AnswerObjection) {
		return nil, ErrForbidden
	}
	answer = strings.TrimSpace(answer)
	var fieldErrs request.FieldErrors
	err := s.withCase(ctx, actor.Scope(), id, func(tx *store.CaseTx, r *store.Request) error {
		o, err := tx.Objection(ctx, r.ID, objectionID)
		if err != nil {
			return err
		}
		if errs := workflow.ValidateAnswer(o.Status, outcome, answer); len(errs) > 0 {
			fieldErrs = errs
			return &workflow.Refusal{Message: "Tanggapan belum lengkap: periksa kolom yang ditandai."}
		}
		now, cal := s.Now(), s.Calendar()
		if err := tx.AnswerObjection(ctx, o.ID, outcome, answer, now, actor.ID); err != nil {
			return err
		}
		o.Status, o.Answer, o.AnsweredAt = outcome, answer, sql.NullTime{Time: now, Valid: true}
		if err := s.issue(ctx, tx, r, letters.ObjectionAnswer, nil, o, actor); err != nil {
			return err
		}
		var t workflow.Transition
		st := r.State()
		if outcome == workflow.ObjectionOverturned {
			if t, err = workflow.PlanReopen(Case(r), now, cal); err != nil {
				return err
			}
			st.Closed, st.Decision, st.NoticeAt, st.NoticeLate, st.DeliveredAt = false, sql.NullString{}, sql.NullTime{}, sql.NullBool{}, sql.NullTime{}
			// UU 14/2008 Pasal 36: the reopened case runs a fresh fulfilment clock, so it is not late from day one.
			st.ClearOverdue = true
		} else {
			// Pasal 37(2) counts from receipt of the answer; its letter is not sent yet, so the date shown is for receipt today.
			window, _ := ObjectionRecord(o).DisputeWindowAfterAnswer(cal)
			t = workflow.Transition{From: r.Status, To: r.Status, DueDate: r.DueDate, ExtendedDue: r.ExtendedDue,
				Note: "Atasan PPID menguatkan putusan PPID atas keberatan " + o.Number + ". Sengketa dapat diajukan ke Komisi Informasi dalam 14 hari kerja " +
					"sejak tanggapan tertulis diterima, yaitu paling lambat " + calendar.FormatID(window.Due) + " bila diterima hari ini (UU 14/2008 Pasal 37(2))."}
		}
		t.EventKind, t.Public, t.Mail = "objection_answered", true, "objection_answered"
		return s.record(ctx, tx, r, st, t, actor)
	})
	return fieldErrs, err
}

// DisputeInput is what an officer records of a dispute at the Komisi Informasi.
type DisputeInput struct {
	ID               int64
	ObjectionID      int64
	KINumber         string
	KIReceived       calendar.Date
	MediationDate    calendar.Date
	AdjudicationDate calendar.Date
	Outcome          string
	OutcomeKind      string // workflow.DisputeMediation or DisputeAdjudication; "" while pending
	RulingDate       calendar.Date
	RulingReceived   calendar.Date
	Ruling           string
	CourtCase        string
	CourtOutcome     string
	// RulingCode is what the KI's ruling did to an exemption: "dibuka" takes it off the DIK.
	RulingCode string
}

// Ruling codes of a KI dispute about an exemption (UU 14/2008 Pasal 17, 37–38).
const (
	RulingOpened = "dibuka"       // the KI ordered the information opened: it leaves the DIK
	RulingUpheld = "dikecualikan" // the KI upheld the exemption
)

// RulingCodes with their labels, for the dispute form.
var RulingCodes = []request.Option{
	{Code: RulingOpened, Label: "Informasi dinyatakan terbuka (keluar dari DIK)"},
	{Code: RulingUpheld, Label: "Pengecualian dikuatkan"},
}

// Validate names the fields at fault.
func (d DisputeInput) Validate(today calendar.Date) request.FieldErrors {
	errs := request.FieldErrors{}
	if strings.TrimSpace(d.KINumber) == "" {
		errs["ki_number"] = "Isi nomor registrasi sengketa di Komisi Informasi."
	}
	if d.KIReceived.IsZero() {
		errs["ki_received"] = "Isi tanggal sengketa diterima Komisi Informasi."
	}
	for key, day := range map[string]calendar.Date{"ki_received": d.KIReceived, "mediation_date": d.MediationDate,
		"adjudication_date": d.AdjudicationDate, "ruling_date": d.RulingDate, "ruling_received": d.RulingReceived} {
		if !day.IsZero() && day.After(today.AddDays(366)) {
			errs[key] = "Tanggal terlalu jauh di masa depan."
		}
		if !day.IsZero() && !d.KIReceived.IsZero() && day.Before(d.KIReceived) && key != "ki_received" {
			errs[key] = "Tanggal tidak boleh sebelum sengketa diterima Komisi Informasi."
		}
	}
	if d.RulingCode != "" && !slices.ContainsFunc(RulingCodes, func(o request.Option) bool { return o.Code == d.RulingCode }) {
		errs["ruling_code"] = "Pilih isi putusan KI atas pengecualian."
	}
	if d.RulingCode != "" && d.RulingDate.IsZero() {
		errs["ruling_date"] = "Isi tanggal putusan KI."
	}
	if !d.RulingReceived.IsZero() && !d.RulingDate.IsZero() && d.RulingReceived.Before(d.RulingDate) {
		errs["ruling_received"] = "Putusan tidak dapat diterima sebelum diputus."
	}
	switch d.OutcomeKind {
	case "", workflow.DisputeMediation:
	case workflow.DisputeAdjudication:
		// Pasal 47–48: the court window follows an adjudication, so its date is part of the record.
		if d.AdjudicationDate.IsZero() {
			errs["adjudication_date"] = "Isi tanggal ajudikasi untuk putusan ajudikasi."
		}
	default:
		errs["outcome_kind"] = "Pilih cara sengketa berakhir: mediasi atau ajudikasi."
	}
	return errs
}

// SaveDispute records or updates a dispute and computes its clocks: the KI starts within 14 and
// finishes within 100 working days of receiving it (UU 14/2008 Pasal 38), and after an
// adjudication ruling (not a mediation agreement) a court suit is due within 14 working days of
// receiving the ruling (Pasal 47–48).
func (s *Service) SaveDispute(ctx context.Context, actor *store.User, id int64, in DisputeInput) (request.FieldErrors, error) {
	if !actor.Can(access.RecordDispute) {
		return nil, ErrForbidden
	}
	cal := s.Calendar()
	today := calendar.DateOf(s.Now().In(cal.Location()))
	if errs := in.Validate(today); len(errs) > 0 {
		return errs, &workflow.Refusal{Message: "Data sengketa belum lengkap: periksa kolom yang ditandai."}
	}
	err := s.withCase(ctx, actor.Scope(), id, func(tx *store.CaseTx, r *store.Request) error {
		d := store.Dispute{ID: in.ID, RequestID: r.ID, KINumber: strings.TrimSpace(in.KINumber), KIReceived: in.KIReceived,
			KIStartDue:    deadline.FromDay(cal, deadline.KIStart, in.KIReceived).Due,
			KIFinishDue:   deadline.FromDay(cal, deadline.KIFinish, in.KIReceived).Due,
			MediationDate: in.MediationDate, AdjudicationDate: in.AdjudicationDate, Outcome: strings.TrimSpace(in.Outcome),
			RulingDate: in.RulingDate, RulingReceived: in.RulingReceived, Ruling: strings.TrimSpace(in.Ruling),
			CourtCase: strings.TrimSpace(in.CourtCase), CourtOutcome: strings.TrimSpace(in.CourtOutcome), OutcomeKind: in.OutcomeKind,
			RulingCode: in.RulingCode, UpdatedBy: sql.NullInt64{Int64: actor.ID, Valid: true}}
		if in.ObjectionID != 0 {
			// Only an objection of this very case (ErrNotFound otherwise): the id comes from a form.
			if _, err := tx.Objection(ctx, r.ID, in.ObjectionID); err != nil {
				return err
			}
			d.ObjectionID = sql.NullInt64{Int64: in.ObjectionID, Valid: true}
		}
		if w, ok := workflow.CourtWindow(in.OutcomeKind, in.AdjudicationDate, in.RulingReceived, cal); ok {
			d.CourtDue = w.Due
		}
		kind, note := "dispute_updated", "Data sengketa "+d.KINumber+" diperbarui."
		if in.ID == 0 {
			kind, note = "dispute_recorded", "Sengketa "+d.KINumber+" tercatat di Komisi Informasi; penyelesaian paling lambat "+calendar.FormatID(d.KIFinishDue)+" (UU 14/2008 Pasal 38(2))."
		}
		if _, err := tx.SaveDispute(ctx, d); err != nil {
			return err
		}
		t := workflow.Transition{From: r.Status, To: r.Status, DueDate: r.DueDate, ExtendedDue: r.ExtendedDue,
			EventKind: kind, Note: note, Public: true}
		return s.record(ctx, tx, r, r.State(), t, actor)
	})
	return nil, err
}

// AddAdvanceExemption records an exemption a PPID decided before any request (Perki 1/2021 Pasal
// 49; PP 61/2010), in the PPID's own unit, at the office's place, so the DIK lists it.
func (s *Service) AddAdvanceExemption(ctx context.Context, actor *store.User, a workflow.AdvanceExemption) (request.FieldErrors, error) {
	if !actor.Can(access.DecideRequest) {
		return nil, ErrForbidden
	}
	today := calendar.DateOf(s.Now().In(s.Calendar().Location()))
	if errs := a.Validate(today); len(errs) > 0 {
		return errs, &workflow.Refusal{Message: "Penetapan belum lengkap: periksa kolom yang ditandai."}
	}
	_, err := s.Store.AddAdvanceExemption(ctx, store.AdvanceExemption{UnitID: actor.UnitID, Subject: strings.TrimSpace(a.Subject),
		ExemptionLetters: append([]string{}, a.ExemptionLetters...), LegalBasis: strings.TrimSpace(a.LegalBasis),
		Harm: strings.TrimSpace(a.Harm), PublicInterest: strings.TrimSpace(a.PublicInterest), DecidedOn: a.DecidedOn,
		DecidedPlace: s.Office().City, DecidedBy: actor.ID, ExemptUntil: a.ExemptUntil})
	return nil, err
}
