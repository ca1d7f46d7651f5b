package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/performance"
	"github.com/terbuka-id/terbuka/internal/store"
)

// The yearly performance evaluation: every unit and officer in scope for the atasan PPID and
// administrators, one's own figures for every officer, the atasan's notes (never public).

type evaluationView struct {
	Year    int
	Own     bool
	Eval    *performance.Evaluation
	Notes   []store.EvaluationNote
	Errors  map[string]string
	Failed  bool // the note form came back with errors
	CanNote bool
}

func (v evaluationView) Err(key string) string { return v.Errors[key] }

// Rate, Days and Survey are the table's cells.
func (v evaluationView) Rate(r *float64) string                     { return performance.RateText(r) }
func (v evaluationView) Days(d *float64) string                     { return performance.DaysText(d) }
func (v evaluationView) Survey(s *performance.SurveySummary) string { return performance.SurveyText(s) }

// Delta is the change against the previous year: "+2", "−1", "0".
func (v evaluationView) Delta(cur, prev int) string {
	switch d := cur - prev; {
	case d > 0:
		return "+" + strconv.Itoa(d)
	case d < 0:
		return "−" + strconv.Itoa(-d)
	}
	return "0"
}

// RateDelta is the change of an on-time share in percentage points; "—" without both years.
func (v evaluationView) RateDelta(cur, prev *float64) string {
	if cur == nil || prev == nil {
		return "—"
	}
	d := (*cur - *prev) * 100
	switch {
	case d > 0.05:
		return "+" + decimalID(d, 1) + " poin"
	case d < -0.05:
		return "−" + decimalID(-d, 1) + " poin"
	}
	return "0 poin"
}

// DaysDelta is the change of the median working days; "—" without both years.
func (v evaluationView) DaysDelta(cur, prev *float64) string {
	if cur == nil || prev == nil {
		return "—"
	}
	switch d := *cur - *prev; {
	case d > 0:
		return "+" + decimalID(d, -1)
	case d < 0:
		return "−" + decimalID(-d, -1)
	}
	return "0"
}

// evaluationYear reads ?tahun=; this year when absent.
func (s *Server) evaluationYear(c *gin.Context) (int, map[string]string) {
	year, msg := parseYearQuery(c.Query("tahun"))
	if msg != "" {
		return 0, map[string]string{"tahun": msg}
	}
	if year == 0 {
		year = s.performance.ThisYear()
	}
	return year, nil
}

func (s *Server) officeEvaluation(c *gin.Context) { s.renderEvaluation(c, http.StatusOK, false, nil) }

func (s *Server) officeOwnEvaluation(c *gin.Context) { s.renderEvaluation(c, http.StatusOK, true, nil) }

func (s *Server) renderEvaluation(c *gin.Context, status int, own bool, form *formView) {
	year, errs := s.evaluationYear(c)
	if form != nil {
		year, _ = strconv.Atoi(form.Values.Get("tahun"))
	}
	actor := currentAccount(c)
	view := evaluationView{Year: year, Own: own, Errors: errs, CanNote: !own && actor.Can(access.EvaluationNote), Failed: form != nil}
	title := "Evaluasi kinerja"
	if own {
		title = "Kinerja saya"
	}
	if len(errs) > 0 {
		s.render(c, http.StatusBadRequest, "office_evaluation", pageData{Title: title, Data: view, Form: &formView{Values: url.Values{}}})
		return
	}
	ctx := c.Request.Context()
	var err error
	if own {
		view.Eval, err = s.performance.OwnEvaluation(ctx, actor, year)
	} else {
		view.Eval, err = s.performance.Evaluation(ctx, actor, year)
	}
	if s.pageFailed(c, err) {
		return
	}
	if view.Notes, err = s.performance.Notes(ctx, actor, year); s.pageFailed(c, err) {
		return
	}
	if form == nil {
		form = &formView{Values: url.Values{"tahun": {strconv.Itoa(year)}}}
	}
	s.render(c, status, "office_evaluation", pageData{Title: title + " " + strconv.Itoa(year), Data: view, Form: form})
}

// officeEvaluationXLSX downloads the evaluation of ?tahun=; never cached (officers' figures).
func (s *Server) officeEvaluationXLSX(c *gin.Context) {
	year, errs := s.evaluationYear(c)
	if len(errs) > 0 {
		s.render(c, http.StatusBadRequest, "error", pageData{Title: "Tahun tidak valid",
			Data: errorView{Heading: "Tahun tidak valid", Message: errs["tahun"]}})
		return
	}
	ev, err := s.performance.Evaluation(c.Request.Context(), currentAccount(c), year)
	if s.pageFailed(c, err) {
		return
	}
	now := s.now().In(s.cfg.Location())
	b, err := performance.EvaluationXLSX(ev, s.listOffice(c.Request.Context()), now)
	if err != nil {
		s.serverError(c, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="evaluasi-kinerja-`+strconv.Itoa(year)+`.xlsx"`)
	c.Data(http.StatusOK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b)
}

// officeEvaluationNote records the atasan's yearly note on an officer; notes are appended only.
func (s *Server) officeEvaluationNote(c *gin.Context) {
	v := postForm(c)
	f := newFormReader(v)
	year, msg := parseYearQuery(v.Get("tahun"))
	if msg != "" || year == 0 {
		f.errs["tahun"] = "Tahun tidak valid: tulis empat angka, contoh 2026."
	}
	in := performance.NoteInput{OfficerID: f.id("officer_id", true, "Pilih petugas yang dinilai."),
		Strengths: f.text("strengths"), Improvements: f.text("improvements")}
	fieldErrs, err := f.refusal("Catatan belum tersimpan: periksa kolom yang ditandai.")
	if err == nil {
		fieldErrs, err = s.performance.AddNote(c.Request.Context(), currentAccount(c), year, in)
	}
	switch fl := classify(err, fieldErrs); {
	case fl.Status == 0:
	case fl.Status == http.StatusForbidden:
		s.forbidden(c)
		return
	case len(fieldErrs) > 0 && fieldErrs["tahun"] == "":
		s.renderEvaluation(c, http.StatusUnprocessableEntity, false, &formView{Values: v, Errors: fieldErrs})
		return
	case fl.Status == http.StatusUnprocessableEntity:
		s.render(c, http.StatusBadRequest, "error", pageData{Title: "Tahun tidak valid",
			Data: errorView{Heading: "Tahun tidak valid", Message: fieldErrs["tahun"]}})
		return
	default:
		s.serverError(c, err)
		return
	}
	s.sessions.Put(c.Request.Context(), "flash", "Catatan evaluasi tersimpan.")
	c.Redirect(http.StatusSeeOther, "/kantor/evaluasi?tahun="+strconv.Itoa(year))
}
