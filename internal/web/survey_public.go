package web

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/chart"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/skm"
	"github.com/terbuka-id/terbuka/internal/store"
)

// The satisfaction survey's public side (PermenPAN-RB 14/2017): the questionnaire a requester
// opens from the invitation or the status page, and the published index.

// surveyQuestion is one element as the form asks it.
type surveyQuestion struct {
	Key     string
	Label   string
	Options []request.Option
}

type surveyFormView struct {
	Action    string // where the form posts: /survei/{token} or /lacak/survei
	Questions []surveyQuestion
	Profile   []skm.ProfileField
	Units     []store.Unit // the desk form's choice of unit: those in the officer's scope
}

// UnitOptions are the desk form's units as choices.
func (v surveyFormView) UnitOptions() []request.Option { return unitOptions(v.Units) }

func newSurveyFormView(action string) surveyFormView {
	v := surveyFormView{Action: action, Profile: skm.ProfileFields}
	for _, e := range skm.Elements {
		v.Questions = append(v.Questions, surveyQuestion{Key: "answers." + e.Code,
			Label: e.Code + ". " + e.Name + " — " + e.Question, Options: e.Options()})
	}
	return v
}

// surveyFormFrom reads a questionnaire from a form post or a JSON body's strings: an empty answer
// is 0 (unanswered), anything but 1–4 is -1 (refused), never a silent default.
func surveyFormFrom(get func(string) string) skm.Form {
	f := skm.Form{Scores: map[string]int{}, Gender: get("respondent.gender"), AgeGroup: get("respondent.age_group"),
		Education: get("respondent.education"), Occupation: get("respondent.occupation"), Suggestion: get("suggestion")}
	for _, e := range skm.Elements {
		raw := strings.TrimSpace(get("answers." + e.Code))
		if raw == "" {
			continue
		}
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > 4 {
			n = -1
		}
		f.Scores[e.Code] = n
	}
	return f
}

// surveyMessage is the page of a link that cannot be answered (unknown or used) and the thanks.
type surveyMessage struct {
	Heading string
	Message string
}

const (
	msgSurveyUnknown = "Tautan survei ini tidak dikenal. Periksa kembali tautan dari e-mail Anda, atau buka survei dari halaman pelacakan permohonan."
	msgSurveyUsed    = "Survei untuk permohonan ini sudah diisi. Setiap permohonan hanya dapat memberikan satu jawaban. Terima kasih atas partisipasi Anda."
)

func (s *Server) surveyClosed(c *gin.Context, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.render(c, http.StatusNotFound, "survey_message", pageData{Title: "Survei tidak ditemukan",
			Data: surveyMessage{Heading: "Survei tidak ditemukan", Message: msgSurveyUnknown}})
	case errors.Is(err, skm.ErrAnswered):
		s.render(c, http.StatusGone, "survey_message", pageData{Title: "Survei sudah diisi",
			Data: surveyMessage{Heading: "Survei sudah diisi", Message: msgSurveyUsed}})
	default:
		s.serverError(c, err)
	}
}

// surveyInvitation finds the invitation of the link's token, or answers why there is none.
func (s *Server) surveyInvitation(c *gin.Context) (*store.SurveyInvitation, bool) {
	inv, err := s.skm.Invitation(c.Request.Context(), cleanText(c.Param("token"), 64))
	if err == nil && inv.Answered {
		err = skm.ErrAnswered
	}
	if err != nil {
		s.surveyClosed(c, err)
		return nil, false
	}
	return inv, true
}

func (s *Server) surveyForm(c *gin.Context) {
	if _, ok := s.surveyInvitation(c); !ok {
		return
	}
	s.renderSurvey(c, http.StatusOK, "/survei/"+url.PathEscape(c.Param("token")), &formView{Values: url.Values{}})
}

func (s *Server) renderSurvey(c *gin.Context, status int, action string, form *formView) {
	s.render(c, status, "survey_form", pageData{Title: "Survei kepuasan masyarakat", Form: form, Data: newSurveyFormView(action)})
}

func (s *Server) surveySubmit(c *gin.Context) {
	inv, ok := s.surveyInvitation(c)
	if !ok {
		return
	}
	s.answerSurvey(c, inv, "/survei/"+url.PathEscape(c.Param("token")))
}

// answerSurvey stores the answer to inv, or re-renders the form with its errors and the input.
func (s *Server) answerSurvey(c *gin.Context, inv *store.SurveyInvitation, action string) {
	v := postForm(c)
	fieldErrs, err := s.skm.Answer(c.Request.Context(), inv, surveyFormFrom(v.Get))
	switch f := classify(err, fieldErrs); {
	case f.Status == 0:
		c.Redirect(http.StatusSeeOther, "/survei/terima-kasih")
	case f.Status == http.StatusUnprocessableEntity:
		s.renderSurvey(c, f.Status, action, &formView{Values: v, Errors: fieldErrs})
	default:
		s.surveyClosed(c, err)
	}
}

func (s *Server) surveyThanks(c *gin.Context) {
	s.render(c, http.StatusOK, "survey_message", pageData{Title: "Terima kasih", Data: surveyMessage{Heading: "Terima kasih",
		Message: "Jawaban Anda sudah kami terima. Hasil survei diolah tanpa identitas Anda dan diumumkan di halaman Indeks Kepuasan Masyarakat."}})
}

// trackedInvitation is the survey of the case this browser tracked (proved with its tracking code).
func (s *Server) trackedInvitation(c *gin.Context) (*store.SurveyInvitation, bool) {
	id := s.sessions.GetInt64(c.Request.Context(), trackedKey)
	if id == 0 {
		c.Redirect(http.StatusSeeOther, "/lacak")
		return nil, false
	}
	inv, err := s.skm.InvitationOfRequest(c.Request.Context(), id)
	if err == nil && inv.Answered {
		err = skm.ErrAnswered
	}
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.render(c, http.StatusNotFound, "survey_message", pageData{Title: "Survei belum tersedia", Data: surveyMessage{
			Heading: "Survei belum tersedia", Message: "Survei kepuasan dapat diisi setelah informasi diserahkan, permohonan selesai, atau permohonan ditarik."}})
		return nil, false
	case err != nil:
		s.surveyClosed(c, err)
		return nil, false
	}
	return inv, true
}

func (s *Server) trackSurveyForm(c *gin.Context) {
	if _, ok := s.trackedInvitation(c); ok {
		s.renderSurvey(c, http.StatusOK, "/lacak/survei", &formView{Values: url.Values{}})
	}
}

func (s *Server) trackSurveySubmit(c *gin.Context) {
	if inv, ok := s.trackedInvitation(c); ok {
		s.answerSurvey(c, inv, "/lacak/survei")
	}
}

// surveyPeriod reads the period and unit of a survey page or API call.
func (s *Server) surveyPeriod(get func(string) string, keys skm.PeriodKeys, unitKey string) (skm.Period, *int64, request.FieldErrors) {
	p, errs := skm.ParsePeriod(get, keys, s.transparency.ThisYear())
	if errs == nil {
		errs = request.FieldErrors{}
	}
	var unit *int64
	if raw := strings.TrimSpace(get(unitKey)); raw != "" {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || id < 1 {
			errs[unitKey] = "Unit tidak valid."
		} else {
			unit = &id
		}
	}
	return p, unit, errs
}

// apiSurvey is the published index of a period, for the office or one unit.
func (s *Server) apiSurvey(c *gin.Context) {
	p, unit, errs := s.surveyPeriod(c.Query, skm.APIKeys, "unit")
	if len(errs) > 0 {
		c.JSON(http.StatusBadRequest, gin.H{"error": "Parameter tidak valid.", "fields": errs})
		return
	}
	ctx := c.Request.Context()
	if unit != nil {
		if _, err := s.store.UnitByID(ctx, *unit); errors.Is(err, store.ErrNotFound) {
			c.JSON(http.StatusBadRequest, gin.H{"error": "Parameter tidak valid.", "fields": gin.H{"unit": "Unit tidak dikenal."}})
			return
		} else if err != nil {
			s.serverError(c, err)
			return
		}
	}
	from, to := p.Times(s.cfg.Location())
	sum, err := s.skm.Summary(ctx, unit, from, to)
	if err != nil {
		s.serverError(c, err)
		return
	}
	var grade *string // null, like ikm, without respondents
	if sum.Grade != "" {
		grade = &sum.Grade
	}
	c.Header("Cache-Control", "public, max-age=60")
	c.JSON(http.StatusOK, gin.H{"respondents": sum.Respondents, "population": sum.Population, "required_sample": sum.RequiredSample,
		"elements": sum.Elements, "ikm": sum.IKM, "grade": grade, "grade_label": sum.GradeLabel,
		"sample_too_small": sum.SampleTooSmall,
		"period":           gin.H{"from": p.From, "to": p.Last(), "label": p.Label}})
}

// unitSummary is one row of the per-unit table.
type unitSummary struct {
	Unit    store.Unit
	Summary skm.Summary
}

type publicSurveyView struct {
	Period   skm.Period
	Years    []int
	Units    []store.Unit
	UnitID   int64
	Errors   request.FieldErrors
	Report   *skm.Report
	PerUnit  []unitSummary
	Elements []skm.Element
	// The office page only: units the officer may choose, and the suggestions to moderate.
	InScope     []store.Unit
	Suggestions []store.SurveySuggestion
}

func (v publicSurveyView) Err(key string) string { return v.Errors[key] }

// Query is the page's period and unit as URL parameters, for the download links.
func (v publicSurveyView) Query() template.URL { return v.QueryFor(v.UnitID) }

// QueryFor is the page's period with unit unitID (0: the whole office); safe: url.Values encodes it.
func (v publicSurveyView) QueryFor(unitID int64) template.URL {
	q := url.Values{}
	switch v.Period.Kind {
	case "custom":
		q.Set("dari", v.Period.From.String())
		q.Set("sampai", v.Period.Last().String())
	case "semester":
		q.Set("tahun", strconv.Itoa(v.Period.Year()))
		q.Set("semester", strconv.Itoa(v.Period.Number))
	case "quarter":
		q.Set("tahun", strconv.Itoa(v.Period.Year()))
		q.Set("triwulan", strconv.Itoa(v.Period.Number))
	default:
		q.Set("tahun", strconv.Itoa(v.Period.Year()))
	}
	if unitID != 0 {
		q.Set("unit", strconv.FormatInt(unitID, 10))
	}
	return template.URL(q.Encode())
}

// IKMText is an index as written in Indonesian, or a dash without respondents.
func ikmText(sum skm.Summary) string {
	if sum.IKM == nil {
		return "—"
	}
	return skm.Decimal(*sum.IKM)
}

func (v publicSurveyView) IKMText(sum skm.Summary) string { return ikmText(sum) }

// AverageText is an element average with a decimal comma.
func (v publicSurveyView) AverageText(f float64) string { return skm.Decimal(f) }

// ElementChart draws the element averages of the chosen unit or the office.
func (v publicSurveyView) ElementChart() template.HTML { return elementChart(v.Report) }

func elementChart(r *skm.Report) template.HTML {
	bars := make([]chart.Bar, len(r.Summary.Elements))
	for i, e := range r.Summary.Elements {
		bars[i] = chart.Bar{Label: e.Code + " " + e.Name, Name: e.Code + " " + e.Name, Value: int(e.Average*100 + 0.5),
			Text: skm.Decimal(e.Average)}
	}
	return chart.HBars(chart.Chart{ID: "grafik-unsur", Title: "Nilai rata-rata per unsur, " + r.Period.Label,
		Desc: "Nilai rata-rata setiap unsur pelayanan pada skala 1 sampai 4.", Bars: bars})
}

// surveyReport reads the period and unit of a page and builds its report; ok is false when it answered.
func (s *Server) surveyReport(c *gin.Context) (publicSurveyView, bool) {
	p, unit, errs := s.surveyPeriod(c.Query, skm.PageKeys, "unit")
	ctx := c.Request.Context()
	units, err := s.store.Units(ctx)
	if err != nil {
		s.serverError(c, err)
		return publicSurveyView{}, false
	}
	v := publicSurveyView{Period: p, Units: units, Errors: errs, Elements: skm.Elements[:]}
	this := s.transparency.ThisYear()
	for y := this; y >= this-5; y-- {
		v.Years = append(v.Years, y)
	}
	if unit != nil {
		v.UnitID = *unit
		if _, err := s.store.UnitByID(ctx, *unit); errors.Is(err, store.ErrNotFound) {
			errs["unit"] = "Unit tidak dikenal."
		}
	}
	if len(errs) > 0 {
		return v, true
	}
	if v.Report, err = s.skm.Report(ctx, unit, p); err != nil {
		s.serverError(c, err)
		return v, false
	}
	from, to := p.Times(s.cfg.Location())
	for _, u := range units {
		id := u.ID
		sum, err := s.skm.Summary(ctx, &id, from, to)
		if err != nil {
			s.serverError(c, err)
			return v, false
		}
		v.PerUnit = append(v.PerUnit, unitSummary{Unit: u, Summary: sum})
	}
	return v, true
}

// publicSurvey is the published IKM: per unit and for the office, with the chart, suggestions and follow-up.
func (s *Server) publicSurvey(c *gin.Context) {
	v, ok := s.surveyReport(c)
	if !ok {
		return
	}
	status := http.StatusOK
	if len(v.Errors) > 0 {
		status = http.StatusBadRequest
	}
	s.render(c, status, "public_skm", pageData{Title: "Indeks Kepuasan Masyarakat", Data: v})
}

// publicSurveyFile is the SKM report of the page's period and unit as a workbook or PDF.
func (s *Server) publicSurveyFile(format string) gin.HandlerFunc {
	return func(c *gin.Context) {
		v, ok := s.surveyReport(c)
		if !ok {
			return
		}
		if len(v.Errors) > 0 {
			c.String(http.StatusBadRequest, "Parameter tidak valid.")
			return
		}
		var body []byte
		var err error
		mime := "application/pdf"
		if format == "xlsx" {
			body, err = v.Report.XLSX(s.cfg.Office.Name, s.now())
			mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		} else {
			body, err = v.Report.PDF(s.cfg.Office.Name, s.now())
		}
		if err != nil {
			s.serverError(c, err)
			return
		}
		c.Header("Content-Disposition", `attachment; filename="skm-`+v.Period.From.String()+`.`+format+`"`)
		c.Header("Cache-Control", "public, max-age=60")
		c.Data(http.StatusOK, mime, body)
	}
}
