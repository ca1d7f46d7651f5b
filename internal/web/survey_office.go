package web

import (
	"errors"
	"math"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/skm"
	"github.com/terbuka-id/terbuka/internal/store"
)

// The satisfaction survey in the office: paper forms typed in at the desk, the index per unit
// and period, suggestions to moderate and the follow-up plan (PermenPAN-RB 14/2017).

// unitsInScope are the units an officer may choose for a new row (access.Scope.Includes).
func (s *Server) unitsInScope(c *gin.Context) ([]store.Unit, error) {
	units, err := s.store.Units(c.Request.Context())
	if err != nil {
		return nil, err
	}
	sc := currentAccount(c).Scope()
	var out []store.Unit
	for _, u := range units {
		if u.Active && sc.Includes(u.ID) {
			out = append(out, u)
		}
	}
	return out, nil
}

// unitOptions are units as form choices.
func unitOptions(units []store.Unit) []request.Option {
	out := make([]request.Option, len(units))
	for i, u := range units {
		out[i] = request.Option{Code: strconv.FormatInt(u.ID, 10), Label: u.Name}
	}
	return out
}

func (s *Server) officeSurveyForm(c *gin.Context) {
	values := url.Values{"filled_at": {s.now().In(s.cfg.Location()).Format("2006-01-02")}}
	if a := currentAccount(c); a.UnitID != 0 {
		values.Set("unit_id", strconv.FormatInt(a.UnitID, 10))
	}
	s.renderDeskSurvey(c, http.StatusOK, &formView{Values: values})
}

func (s *Server) renderDeskSurvey(c *gin.Context, status int, form *formView) {
	units, err := s.unitsInScope(c)
	if err != nil {
		s.serverError(c, err)
		return
	}
	v := newSurveyFormView("/kantor/skm/baru")
	v.Units = units
	s.render(c, status, "office_skm_new", pageData{Title: "Entri kuesioner SKM", Form: form, Data: v})
}

func (s *Server) officeSurveySubmit(c *gin.Context) {
	v := postForm(c)
	f := newFormReader(v)
	entry := skm.DeskEntry{UnitID: f.id("unit_id", true, "Pilih unit yang disurvei."), FilledAt: f.text("filled_at"),
		Form: surveyFormFrom(v.Get)}
	_, fieldErrs, err := s.skm.EnterDesk(c.Request.Context(), currentAccount(c), entry)
	for k, m := range f.errs {
		if fieldErrs == nil {
			fieldErrs = request.FieldErrors{}
		}
		fieldErrs[k] = m // the unit's own parse message wins
	}
	switch fl := classify(err, fieldErrs); {
	case fl.Status == 0 && len(f.errs) == 0:
	case fl.Status == http.StatusForbidden:
		s.forbidden(c)
		return
	case len(fieldErrs) > 0:
		s.renderDeskSurvey(c, http.StatusUnprocessableEntity, &formView{Values: v, Errors: fieldErrs})
		return
	default:
		s.serverError(c, err)
		return
	}
	s.sessions.Put(c.Request.Context(), "flash", "Kuesioner tersimpan. Silakan masukkan kuesioner berikutnya.")
	c.Redirect(http.StatusSeeOther, "/kantor/skm/baru")
}

// surveyEntryJSON is a paper form sent through the officers' API.
type surveyEntryJSON struct {
	UnitID     int64          `json:"unit_id"`
	FilledAt   string         `json:"filled_at"`
	Answers    map[string]any `json:"answers"`
	Respondent struct {
		Gender     string `json:"gender"`
		AgeGroup   string `json:"age_group"`
		Education  string `json:"education"`
		Occupation string `json:"occupation"`
	} `json:"respondent"`
	Suggestion string `json:"suggestion"`
}

// apiSurveyEntry stores a paper form: 201 with its id, 422 naming every bad field.
func (s *Server) apiSurveyEntry(c *gin.Context) {
	var body surveyEntryJSON
	if !readJSON(c, &body) {
		return
	}
	form := skm.Form{Scores: map[string]int{}, Gender: body.Respondent.Gender, AgeGroup: body.Respondent.AgeGroup,
		Education: body.Respondent.Education, Occupation: body.Respondent.Occupation, Suggestion: body.Suggestion}
	for code, raw := range body.Answers {
		n, ok := raw.(float64)
		if !ok || n != math.Trunc(n) || n < 1 || n > 4 {
			form.Scores[code] = -1 // not a whole number 1–4: refused, never rounded
			continue
		}
		form.Scores[code] = int(n)
	}
	id, fieldErrs, err := s.skm.EnterDesk(c.Request.Context(), currentAccount(c), skm.DeskEntry{UnitID: body.UnitID,
		FilledAt: body.FilledAt, Form: form})
	if s.apiFailed(c, err, fieldErrs, msgNotFound) {
		return
	}
	c.JSON(http.StatusCreated, gin.H{"id": id})
}

// backTo is the office survey page with the period and unit a form came from.
func backTo(raw string) string {
	q, _ := url.ParseQuery(raw)
	return "/kantor/skm?" + q.Encode()
}

// ElementOptions are the nine elements as form choices.
func (v publicSurveyView) ElementOptions() []request.Option {
	out := make([]request.Option, len(skm.Elements))
	for i, e := range skm.Elements {
		out[i] = request.Option{Code: e.Code, Label: e.Code + " " + e.Name}
	}
	return out
}

// UnitOptions are the units in scope as form choices.
func (v publicSurveyView) UnitOptions() []request.Option { return unitOptions(v.InScope) }

func (s *Server) officeSurvey(c *gin.Context) {
	s.renderOfficeSurvey(c, http.StatusOK, nil)
}

func (s *Server) renderOfficeSurvey(c *gin.Context, status int, form *formView) {
	v, ok := s.surveyReport(c)
	if !ok {
		return
	}
	if len(v.Errors) > 0 {
		status = http.StatusBadRequest
	}
	ov := v
	var err error
	if ov.InScope, err = s.unitsInScope(c); err != nil {
		s.serverError(c, err)
		return
	}
	if v.Report != nil {
		unit := v.Report.UnitID
		f := store.SurveyFilter{UnitID: unit, From: v.Period.From, To: v.Period.To}
		if ov.Suggestions, err = s.store.SurveySuggestions(c.Request.Context(), currentAccount(c).Scope(), f); err != nil {
			s.serverError(c, err)
			return
		}
	}
	if form == nil {
		form = &formView{Values: url.Values{}}
		if len(ov.InScope) > 0 {
			form.Values.Set("unit_id", strconv.FormatInt(ov.InScope[0].ID, 10))
		}
		if v.UnitID != 0 {
			form.Values.Set("unit_id", strconv.FormatInt(v.UnitID, 10))
		}
	}
	s.render(c, status, "office_skm", pageData{Title: "Survei kepuasan masyarakat", Form: form, Data: ov})
}

// officeSurveyModerate approves or rejects a suggestion for the public page.
func (s *Server) officeSurveyModerate(c *gin.Context) {
	ctx := c.Request.Context()
	id, err := strconv.ParseInt(c.PostForm("id"), 10, 64)
	if err != nil || id < 1 {
		err = store.ErrNotFound
	} else {
		err = s.skm.Moderate(ctx, currentAccount(c), c.PostForm("keputusan") == "setujui", id)
	}
	switch {
	case err == nil && c.PostForm("keputusan") == "setujui":
		s.sessions.Put(ctx, "flash", "Saran disetujui dan tampil di halaman publik.")
	case err == nil:
		s.sessions.Put(ctx, "flash", "Saran tidak ditampilkan di halaman publik.")
	case errors.Is(err, store.ErrNotFound):
		// Another unit's, gone, or flagged by the personal-data check, which no approval overrides.
		s.sessions.Put(ctx, "flash", "Saran tidak ditemukan atau tidak dapat disetujui karena memuat data pribadi.")
		s.sessions.Put(ctx, "flash_kind", "error")
	default:
		s.pageFailed(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, backTo(c.PostForm("kembali")))
}

// officeSurveyFollowUp records a follow-up action for the page's period.
func (s *Server) officeSurveyFollowUp(c *gin.Context) {
	v := postForm(c)
	f := newFormReader(v)
	p, _, errs := s.surveyPeriod(v.Get, skm.PageKeys, "")
	fu := skm.FollowUp{UnitID: f.id("unit_id", true, "Pilih unit."), Element: f.text("element"), Period: p,
		Action: f.text("action"), Responsible: f.text("responsible"), Target: f.text("target")}
	var fieldErrs request.FieldErrors
	var err error
	if len(errs) > 0 {
		s.sessions.Put(c.Request.Context(), "flash", "Periode tidak valid.")
		s.sessions.Put(c.Request.Context(), "flash_kind", "error")
		c.Redirect(http.StatusSeeOther, "/kantor/skm")
		return
	}
	fieldErrs, err = s.skm.AddFollowUp(c.Request.Context(), currentAccount(c), fu)
	for k, m := range f.errs {
		if fieldErrs == nil {
			fieldErrs = request.FieldErrors{}
		}
		fieldErrs[k] = m
	}
	switch fl := classify(err, fieldErrs); {
	case fl.Status == 0 && len(fieldErrs) == 0:
	case fl.Status == http.StatusForbidden:
		s.forbidden(c)
		return
	case len(fieldErrs) > 0:
		q, _ := url.ParseQuery(v.Get("kembali"))
		c.Request.URL.RawQuery = q.Encode() // the page re-renders the period the form came from
		s.renderOfficeSurvey(c, http.StatusUnprocessableEntity, &formView{Values: v, Errors: fieldErrs})
		return
	default:
		s.serverError(c, err)
		return
	}
	s.sessions.Put(c.Request.Context(), "flash", "Rencana tindak lanjut tercatat.")
	c.Redirect(http.StatusSeeOther, backTo(v.Get("kembali")))
}
