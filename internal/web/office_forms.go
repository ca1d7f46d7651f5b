package web

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// The office's forms are read into typed values here, as miniflux's ui/form does: a value that
// does not parse is a field error naming it, never a silent zero that a service then misreads.

// formReader reads typed values from a form and collects the field errors.
type formReader struct {
	values url.Values
	errs   request.FieldErrors
}

func newFormReader(v url.Values) *formReader {
	return &formReader{values: v, errs: request.FieldErrors{}}
}

func (f *formReader) text(key string) string { return strings.TrimSpace(f.values.Get(key)) }

// id reads a positive id; empty is 0 unless required, anything else a field error.
func (f *formReader) id(key string, required bool, msg string) int64 {
	raw := f.text(key)
	if raw == "" && !required {
		return 0
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || n < 1 {
		f.errs[key] = msg
		return 0
	}
	return n
}

// date reads an optional YYYY-MM-DD date.
func (f *formReader) date(key string) calendar.Date {
	raw := f.text(key)
	if raw == "" {
		return calendar.Date{}
	}
	d, err := calendar.ParseDate(raw)
	if err != nil {
		f.errs[key] = "Tulis tanggal sebagai TTTT-BB-HH, misalnya 2026-12-07."
	}
	return d
}

// amount reads an optional whole number of rupiah ("15000", "15.000" or "Rp 15.000"); empty is 0.
func (f *formReader) amount(key string) int64 {
	raw := strings.NewReplacer(".", "", " ", "", "Rp", "", "rp", "").Replace(f.text(key))
	if raw == "" {
		return 0
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || n < 0 || n > 1_000_000_000_000 {
		f.errs[key] = "Tulis jumlah rupiah sebagai angka bulat, misalnya 15000."
		return 0
	}
	return n
}

// count reads an optional whole number (pages); empty is 0.
func (f *formReader) count(key string) int {
	raw := f.text(key)
	if raw == "" {
		return 0
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 0 || n > 1_000_000 {
		f.errs[key] = "Tulis jumlah sebagai angka bulat, misalnya 12."
		return 0
	}
	return n
}

// localTime reads a date and an optional time (midnight when empty) in the office's zone;
// the error goes on errKey.
func (f *formReader) localTime(dateKey, timeKey, errKey string, loc *time.Location) time.Time {
	day, clock := f.text(dateKey), f.text(timeKey)
	if day == "" {
		return time.Time{} // a missing date is the service's "required", with its own message
	}
	if clock == "" {
		clock = "00:00"
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", day+" "+clock, loc)
	if err != nil {
		f.errs[errKey] = "Tulis tanggal sebagai TTTT-BB-HH dan jam sebagai JJ:MM."
	}
	return t
}

// refusal is the collected errors as the refusal a case page or API shows; nil when none.
func (f *formReader) refusal(msg string) (request.FieldErrors, error) {
	if len(f.errs) == 0 {
		return nil, nil
	}
	return f.errs, &workflow.Refusal{Message: msg}
}

// fieldRefusal is a single bad field as a refusal naming it (for forms without inline errors).
func (f *formReader) fieldRefusal() error {
	for key, msg := range f.errs {
		return &workflow.Refusal{Message: msg, Field: key}
	}
	return nil
}

func readDecisionForm(v url.Values, loc *time.Location) (workflow.Decision, *formReader) {
	f := newFormReader(v)
	return workflow.Decision{
		Kind:                 f.text("kind"),
		NoticeAt:             f.localTime("notice_date", "notice_time", "notice_at", loc),
		NoticeDateOnly:       f.text("notice_time") == "",
		InformationGiven:     f.text("information_given"),
		Withheld:             f.text("withheld"),
		ExemptionLetters:     v["exemption_letters"],
		LegalBasis:           f.text("legal_basis"),
		Harm:                 f.text("harm"),
		PublicInterest:       f.text("public_interest"),
		HoldingBody:          f.text("holding_body"),
		HoldingUnknownReason: f.text("holding_unknown_reason"),
		Form:                 f.text("form"),
		Cost:                 f.text("cost"),
		DeliveryTime:         f.text("delivery_time"),
		DeliveryDue:          f.date("delivery_due"),
		DocumentedBy:         f.date("documented_by"),
		Fees: workflow.Fees{Pages: f.count("pages"), MediaCode: f.text("media"), Postage: f.amount("postage"),
			Other: f.amount("other_cost"), OtherNote: f.text("other_note")},
		ExemptUntil: f.date("exempt_until"),
		DIKSubject:  f.text("dik_subject"),
	}, f
}

func readDisputeForm(v url.Values) (casework.DisputeInput, *formReader) {
	f := newFormReader(v)
	return casework.DisputeInput{
		ID:               f.id("dispute_id", false, "Sengketa tidak dikenal."),
		ObjectionID:      f.id("objection_id", false, "Keberatan tidak dikenal."),
		KINumber:         f.text("ki_number"),
		KIReceived:       f.date("ki_received"),
		MediationDate:    f.date("mediation_date"),
		AdjudicationDate: f.date("adjudication_date"),
		Outcome:          f.text("outcome"),
		OutcomeKind:      f.text("outcome_kind"),
		RulingDate:       f.date("ruling_date"),
		RulingReceived:   f.date("ruling_received"),
		Ruling:           f.text("ruling"),
		CourtCase:        f.text("court_case"),
		CourtOutcome:     f.text("court_outcome"),
		RulingCode:       f.text("ruling_code"),
	}, f
}

// postForm is the parsed body of a form post (an unreadable body reads as empty).
func postForm(c *gin.Context) url.Values {
	_ = c.Request.ParseForm()
	return c.Request.PostForm
}
