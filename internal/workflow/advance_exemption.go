package workflow

import (
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
)

// AdvanceExemption is an exemption a PPID decides before any request asks for the information
// (Perki 1/2021 Pasal 49: the consequence test may come before a request), so the DIK is complete.
type AdvanceExemption struct {
	Subject          string // the kind of information, as the DIK shows it
	ExemptionLetters []string
	LegalBasis       string
	Harm             string
	PublicInterest   string
	DecidedOn        calendar.Date
	ExemptUntil      calendar.Date
}

// Validate names the fields at fault: the same consequence test and terms as a refusal (Pasal 19,
// Pasal 2(4), Pasal 20; PP 61/2010), decided on a day not in the future.
func (a AdvanceExemption) Validate(today calendar.Date) request.FieldErrors {
	errs := request.FieldErrors{}
	d := Decision{ExemptionLetters: a.ExemptionLetters, LegalBasis: a.LegalBasis, Harm: a.Harm,
		PublicInterest: a.PublicInterest, DIKSubject: a.Subject, ExemptUntil: a.ExemptUntil}
	if !a.DecidedOn.IsZero() {
		d.NoticeAt = a.DecidedOn.In(time.UTC)
	}
	d.validateExemption(errs)
	if msg, ok := errs["dik_subject"]; ok {
		delete(errs, "dik_subject")
		errs["subject"] = msg
	}
	switch {
	case a.DecidedOn.IsZero():
		errs["decided_on"] = "Isi tanggal penetapan."
	case a.DecidedOn.After(today):
		errs["decided_on"] = "Tanggal penetapan tidak boleh di masa depan."
	}
	return errs
}
