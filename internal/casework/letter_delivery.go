package casework

import (
	"context"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/letters"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// LetterSendMethods are how a letter goes to the requester.
var LetterSendMethods = []request.Option{
	{Code: "email", Label: "E-mail"},
	{Code: "langsung", Label: "Diambil/diserahkan langsung"},
	{Code: "pos", Label: "Pos"},
	{Code: "kurir", Label: "Kurir"},
}

// receivedWhenSent: an e-mail arrives and a letter handed over is received the day it is sent (DESIGN §2).
var receivedWhenSent = map[string]bool{"email": true, "langsung": true}

// LetterDelivery is what an officer records of a letter's way to the requester.
type LetterDelivery struct {
	Via        string
	SentAt     time.Time
	ReceivedOn calendar.Date // post/courier only; zero while unknown
}

// Validate names the fields at fault; issued is the letter's date.
func (d LetterDelivery) Validate(issued calendar.Date, now time.Time) request.FieldErrors {
	errs := request.FieldErrors{}
	if !validSendMethod(d.Via) {
		errs["sent_via"] = "Pilih cara pengiriman surat."
	}
	loc := now.Location()
	today := calendar.DateOf(now)
	switch {
	case d.SentAt.IsZero():
		errs["sent_date"] = "Isi tanggal surat dikirim atau diserahkan."
	case d.SentAt.After(now):
		errs["sent_date"] = "Tanggal kirim tidak boleh di masa depan."
	case calendar.DateOf(d.SentAt.In(loc)).Before(issued):
		errs["sent_date"] = "Surat tidak dapat dikirim sebelum tanggal surat (" + calendar.FormatID(issued) + ")."
	}
	if !d.ReceivedOn.IsZero() {
		switch {
		case d.ReceivedOn.After(today):
			errs["received_on"] = "Tanggal diterima tidak boleh di masa depan."
		case !d.SentAt.IsZero() && d.ReceivedOn.Before(calendar.DateOf(d.SentAt.In(loc))):
			errs["received_on"] = "Surat tidak dapat diterima sebelum dikirim."
		}
	}
	return errs
}

func validSendMethod(code string) bool {
	for _, o := range LetterSendMethods {
		if o.Code == code {
			return true
		}
	}
	return false
}

// RecordLetterDelivery records how and when a letter was sent and, for post or courier, when the
// requester received it: the objection window (UU 14/2008 Pasal 36(1)) and the KI filing (Pasal
// 37(2)) run from that receipt. The record may be corrected; each change is in the history.
func (s *Service) RecordLetterDelivery(ctx context.Context, actor *store.User, id, letterID int64, d LetterDelivery) (request.FieldErrors, error) {
	var fieldErrs request.FieldErrors
	err := s.step(ctx, actor, id, access.DeliverInformation, func(tx *store.CaseTx, r *store.Request, _ *store.CaseState) (workflow.Transition, error) {
		l, err := tx.LetterForUpdate(ctx, r.ID, letterID)
		if err != nil {
			return workflow.Transition{}, err
		}
		loc := s.Calendar().Location()
		if errs := d.Validate(l.IssuedOn, s.Now().In(loc)); len(errs) > 0 {
			fieldErrs = errs
			return workflow.Transition{}, &workflow.Refusal{Message: "Pengiriman surat belum lengkap: periksa kolom yang ditandai."}
		}
		sent := calendar.DateOf(d.SentAt.In(loc))
		if receivedWhenSent[d.Via] {
			d.ReceivedOn = sent
		}
		if err := tx.SetLetterDelivery(ctx, l.ID, d.Via, d.SentAt, d.ReceivedOn); err != nil {
			return workflow.Transition{}, err
		}
		note := letters.Kind(l.Kind).Title() + " " + l.Number + " dikirim melalui " + request.Label(LetterSendMethods, d.Via) +
			" pada " + calendar.FormatID(sent)
		if !d.ReceivedOn.IsZero() {
			note += " dan diterima pemohon pada " + calendar.FormatID(d.ReceivedOn)
		}
		if letters.Kind(l.Kind) == letters.ObjectionAnswer && l.ObjectionID.Valid {
			// Pasal 37(2): the KI filing now runs from this receipt; the requester reads the new date here.
			o, err := tx.Objection(ctx, r.ID, l.ObjectionID.Int64)
			if err != nil {
				return workflow.Transition{}, err
			}
			if w, ok := ObjectionRecord(o).DisputeWindowAfterAnswer(s.Calendar()); ok && o.Status == workflow.ObjectionUpheld {
				note += "; sengketa dapat diajukan ke Komisi Informasi paling lambat " + calendar.FormatID(w.Due) + " (UU 14/2008 Pasal 37(2))"
				if w.Provisional() {
					note += " (sementara: dapat bergeser setelah SKB hari libur ditetapkan)"
				}
			}
		}
		return workflow.Transition{From: r.Status, To: r.Status, DueDate: r.DueDate, ExtendedDue: r.ExtendedDue,
			EventKind: "letter_sent", Note: note + ".", Public: true}, nil
	})
	return fieldErrs, err
}
