package performance

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/portal"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/transparency"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// ReportFigures are the numbers of the annual report (Perki 1/2021 Pasal 56), the open-data
// API's answer and what a lock freezes. The request figures are the statistics' (and so the
// register's): the requests registered in the year, each with its first written notice.
type ReportFigures struct {
	Year            int                           `json:"year"`
	AsOf            calendar.Date                 `json:"as_of"`
	Received        int                           `json:"received"`
	ByChannel       []transparency.CodeCount      `json:"by_channel"`
	ByRequesterKind []transparency.CodeCount      `json:"by_requester_kind"`
	Decisions       []transparency.CodeCount      `json:"decisions"`
	Notices         transparency.NoticeCounts     `json:"notices"`
	OnTimeRate      *float64                      `json:"on_time_rate"`
	MedianDaysTaken *float64                      `json:"median_days_taken"`
	Extensions      int                           `json:"extensions"`
	Exemptions      []transparency.ExemptionCount `json:"exemptions_by_letter"`
	Objections      transparency.ObjectionCounts  `json:"objections"`
	Disputes        DisputeFigures                `json:"disputes"`
	Court           CourtFigures                  `json:"court"`
	// Survey is the office's SKM result of the year; null without survey data.
	Survey    *SurveySummary           `json:"survey"`
	Documents []transparency.CodeCount `json:"documents_published"`
}

// DisputeFigures: disputes received by the Komisi Informasi in the year (UU 14/2008 Pasal 37–46).
type DisputeFigures struct {
	Filed        int                      `json:"filed"`
	Mediation    int                      `json:"mediation"`
	Adjudication int                      `json:"adjudication"`
	EndedBy      []transparency.CodeCount `json:"ended_by"`
	Ruled        int                      `json:"ruled"`
	Rulings      []transparency.CodeCount `json:"rulings"`
}

// CourtFigures: suits against the Komisi Informasi's rulings (Pasal 47–48).
type CourtFigures struct {
	Cases   int `json:"cases"`
	Decided int `json:"decided"`
}

var disputeEnds = []request.Option{{Code: "mediasi", Label: "Selesai melalui mediasi"}, {Code: "ajudikasi", Label: "Diputus melalui ajudikasi"}}
var rulingCodes = []request.Option{{Code: "dibuka", Label: "Informasi dinyatakan terbuka"}, {Code: "dikecualikan", Label: "Pengecualian dikuatkan"}}

func codeCounts(options []request.Option, counts map[string]int) []transparency.CodeCount {
	out := make([]transparency.CodeCount, 0, len(options))
	for _, o := range options {
		out = append(out, transparency.CodeCount{Code: o.Code, Label: o.Label, Count: counts[o.Code]})
	}
	return out
}

// Draft computes year's figures from the data as they stand now.
func (s *Service) Draft(ctx context.Context, year int) (*ReportFigures, error) {
	st, err := s.Transparency.Statistics(ctx, year)
	if err != nil {
		return nil, err
	}
	rc, err := s.Store.ReportCounts(ctx, year, s.Calendar.Current().Location())
	if err != nil {
		return nil, err
	}
	f := &ReportFigures{Year: year, AsOf: st.AsOf, Received: st.Received,
		ByChannel: codeCounts(request.Channels, rc.ByChannel), ByRequesterKind: codeCounts(request.RequesterKinds, rc.ByRequesterKind),
		Decisions: st.Decisions, Notices: st.Notices, OnTimeRate: st.OnTimeRate, MedianDaysTaken: st.MedianDaysTaken,
		Extensions: rc.Extensions, Exemptions: st.ExemptionsByLetter, Objections: st.Objections,
		Disputes: DisputeFigures{Filed: st.Disputes.Filed, Mediation: rc.Mediation, Adjudication: rc.Adjudication,
			EndedBy: codeCounts(disputeEnds, rc.EndedBy), Ruled: st.Disputes.Ruled, Rulings: codeCounts(rulingCodes, rc.Rulings)},
		Court:     CourtFigures{Cases: rc.CourtCases, Decided: rc.CourtDecided},
		Documents: codeCounts(portal.Categories, rc.Documents)}
	if f.Survey, err = s.survey(ctx, nil, year); err != nil {
		return nil, err
	}
	return f, nil
}

// Report is a year's report as the office page shows it.
type Report struct {
	Year      int
	Status    string // draft | locked | published
	Narrative store.ReportNarrative
	// Figures are the frozen ones once locked, the live draft before.
	Figures     *ReportFigures
	PDFSHA256   string
	LockedAt    time.Time
	LockedBy    string
	PublishedAt time.Time
	History     []store.ReportEvent
}

// Locked reports whether the figures are frozen.
func (r *Report) Locked() bool { return r.Status == "locked" || r.Status == "published" }

func narrativeOf(a *store.AnnualReport) store.ReportNarrative {
	return store.ReportNarrative{Policy: a.Policy, Facilities: a.Facilities, Budget: a.Budget,
		Constraints: a.Constraints, Recommendations: a.Recommendations}
}

// report reads year's report: the row, or an empty draft, with its figures.
func (s *Service) report(ctx context.Context, year int, withHistory bool) (*Report, error) {
	r := &Report{Year: year, Status: "draft"}
	a, err := s.Store.AnnualReport(ctx, year)
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return nil, err
	default:
		r.Status, r.Narrative = a.Status, narrativeOf(a)
		r.PDFSHA256, r.LockedAt, r.LockedBy, r.PublishedAt = a.PDFSHA256.String, a.LockedAt.Time, a.LockedBy.String, a.PublishedAt.Time
	}
	if r.Locked() {
		r.Figures = &ReportFigures{}
		if err := json.Unmarshal(a.Figures, r.Figures); err != nil {
			return nil, err
		}
	} else if r.Figures, err = s.Draft(ctx, year); err != nil {
		return nil, err
	}
	if withHistory {
		if r.History, err = s.Store.ReportEvents(ctx, year); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// Report is year's report for the office: its draft computed live, or its frozen figures.
func (s *Service) Report(ctx context.Context, actor *store.User, year int) (*Report, error) {
	if !actor.Can(access.ViewReport) {
		return nil, access.ErrForbidden
	}
	return s.report(ctx, year, true)
}

// Published is year's report when it is published; store.ErrNotFound otherwise.
func (s *Service) Published(ctx context.Context, year int) (*Report, error) {
	a, err := s.Store.AnnualReport(ctx, year)
	if err != nil {
		return nil, err
	}
	if a.Status != "published" {
		return nil, store.ErrNotFound
	}
	return s.report(ctx, year, false)
}

// PublishedList lists the published reports, newest first.
func (s *Service) PublishedList(ctx context.Context) ([]store.AnnualReport, error) {
	return s.Store.PublishedReports(ctx)
}

// refusal is a step the report's state does not allow, or a form with field errors; the web's
// one error mapper answers it (409 with the message, or 422 naming the fields).
func refusal(err error, msg string) error {
	if errors.Is(err, store.ErrReportState) {
		return &workflow.Refusal{Message: msg}
	}
	return err
}

func invalid(errs request.FieldErrors) (request.FieldErrors, error) {
	return errs, &workflow.Refusal{Message: "Periksa kolom yang ditandai."}
}

// canEdit: the report is the public body's, made by the PPID (Perki 1/2021 Pasal 56); a PPID of
// a PPID Pelaksana contributes through the data, the PPID Utama writes and locks it.
func canEdit(actor *store.User) error {
	switch {
	case !actor.Can(access.EditReport):
		return access.ErrForbidden
	case !actor.Scope().All:
		return &workflow.Refusal{Message: "Laporan tahunan badan publik disusun dan dikunci oleh PPID Utama."}
	}
	return nil
}

const (
	msgLocked    = "Laporan sudah dikunci; hanya administrator yang dapat membuka kuncinya."
	msgNotLocked = "Laporan belum dikunci."
)

const narrativeMax = 20000

// SaveNarrative saves the PPID's sections of a draft; field errors in Indonesian.
func (s *Service) SaveNarrative(ctx context.Context, actor *store.User, year int, n store.ReportNarrative) (request.FieldErrors, error) {
	if err := canEdit(actor); err != nil {
		return nil, err
	}
	errs := request.FieldErrors{}
	for key, text := range map[string]string{"policy": n.Policy, "facilities": n.Facilities, "budget": n.Budget,
		"constraints": n.Constraints, "recommendations": n.Recommendations} {
		if len([]rune(text)) > narrativeMax {
			errs[key] = "Terlalu panjang: paling banyak 20.000 karakter."
		}
	}
	if len(errs) > 0 {
		return invalid(errs)
	}
	return nil, refusal(s.Store.SaveReportNarrative(ctx, year, n, actor, s.Now()), msgLocked)
}

// Lock freezes year's report: the figures as computed now, and the PDF, made once and kept as
// a blob; its SHA-256 is shown from then on. Only a past year can be locked: its data is complete.
func (s *Service) Lock(ctx context.Context, actor *store.User, year int) error {
	if err := canEdit(actor); err != nil {
		return err
	}
	if year >= s.ThisYear() {
		return &workflow.Refusal{Message: "Laporan tahunan dikunci setelah tahunnya berakhir."}
	}
	rep, err := s.report(ctx, year, false)
	if err != nil {
		return err
	}
	if rep.Locked() {
		return &workflow.Refusal{Message: msgLocked}
	}
	now := s.Now()
	rep.LockedAt, rep.LockedBy = now, actor.Name
	raw, err := json.Marshal(rep.Figures)
	if err != nil {
		return err
	}
	pdf, err := reportPDF(rep, s.officeName(), now.In(s.Calendar.Current().Location()))
	if err != nil {
		return err
	}
	stored, err := s.Blobs.Put(ctx, bytes.NewReader(pdf), int64(len(pdf))+1)
	if err != nil {
		return err
	}
	return refusal(s.Store.LockReport(ctx, year, raw, stored.SHA256, actor, now), msgLocked)
}

// Unlock turns a locked report back into a draft: an administrator's step, with a reason kept in
// the history (the frozen PDF stays referenced there).
func (s *Service) Unlock(ctx context.Context, actor *store.User, year int, reason string) (request.FieldErrors, error) {
	if !actor.Can(access.Administer) {
		return nil, access.ErrForbidden
	}
	reason = strings.TrimSpace(reason)
	if n := len([]rune(reason)); n < 10 || n > 2000 {
		return invalid(request.FieldErrors{"reason": "Tuliskan alasan membuka kunci laporan (10–2.000 karakter)."})
	}
	return nil, refusal(s.Store.UnlockReport(ctx, year, reason, actor, s.Now()), msgNotLocked)
}

// Publish makes a locked report public (Perki 1/2021 Pasal 56: available to the public at all times).
func (s *Service) Publish(ctx context.Context, actor *store.User, year int) error {
	if err := canEdit(actor); err != nil {
		return err
	}
	return refusal(s.Store.PublishReport(ctx, year, actor, s.Now()), "Kunci laporan sebelum mengumumkannya.")
}

// PDF opens the frozen PDF of a locked report the reader may see: any published one, or any
// locked one for an officer holding access.ViewReport (actor nil: the public).
func (s *Service) PDF(ctx context.Context, actor *store.User, year int) (files.Blob, string, error) {
	a, err := s.Store.AnnualReport(ctx, year)
	if err != nil {
		return nil, "", err
	}
	visible := a.Status == "published" || (a.Status == "locked" && actor != nil && actor.Can(access.ViewReport))
	if !visible || !a.PDFSHA256.Valid {
		return nil, "", store.ErrNotFound
	}
	b, err := s.Blobs.Open(ctx, a.PDFSHA256.String)
	return b, a.PDFSHA256.String, err
}

func (s *Service) officeName() string {
	if s.Office == nil {
		return ""
	}
	return s.Office()
}
