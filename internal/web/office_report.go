package web

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/performance"
	"github.com/terbuka-id/terbuka/internal/store"
)

// The annual public information service report (Perki 1/2021 Pasal 56): the office page with
// the draft computed live or the frozen figures, the PPID's written sections, lock, unlock
// (administrators, with a reason), publication; the public list and PDF; the JSON answers.

type reportView struct {
	Report *performance.Report
	Lines  [][3]string
	Failed bool
}

func (v reportView) Rate(r *float64) string { return performance.RateText(r) }

// reportYear reads a year in a path: four digits from 2000 to this year; ok false otherwise.
func (s *Server) reportYear(raw string) (int, bool) {
	y, err := strconv.Atoi(raw)
	if err != nil || len(raw) != 4 || y < 2000 || y > s.performance.ThisYear() {
		return 0, false
	}
	return y, true
}

// officeReports opens last year's report: the one the PPID is making now.
func (s *Server) officeReports(c *gin.Context) {
	c.Redirect(http.StatusSeeOther, "/kantor/laporan/"+strconv.Itoa(s.performance.ThisYear()-1))
}

func (s *Server) officeReport(c *gin.Context) { s.renderReport(c, http.StatusOK, nil) }

func (s *Server) renderReport(c *gin.Context, status int, form *formView) {
	year, ok := s.reportYear(c.Param("tahun"))
	if !ok {
		s.notFound(c)
		return
	}
	rep, err := s.performance.Report(c.Request.Context(), currentAccount(c), year)
	if s.pageFailed(c, err) {
		return
	}
	if form == nil {
		n := rep.Narrative
		form = &formView{Values: url.Values{"policy": {n.Policy}, "facilities": {n.Facilities}, "budget": {n.Budget},
			"constraints": {n.Constraints}, "recommendations": {n.Recommendations}}}
	}
	s.render(c, status, "office_report", pageData{Title: "Laporan tahunan " + strconv.Itoa(year), Form: form,
		Data: reportView{Report: rep, Lines: rep.Figures.Lines(), Failed: status != http.StatusOK}})
}

// reportDone ends every report step: back to the page with a message; field errors re-render it.
func (s *Server) reportDone(c *gin.Context, year int, err error, fieldErrs map[string]string, success string) {
	ctx := c.Request.Context()
	switch f := classify(err, fieldErrs); {
	case f.Status == 0:
		s.sessions.Put(ctx, "flash", success)
	case f.Status == http.StatusForbidden:
		s.forbidden(c)
		return
	case f.Status == http.StatusNotFound:
		s.notFound(c)
		return
	case f.Status == http.StatusInternalServerError:
		s.serverError(c, err)
		return
	case len(fieldErrs) > 0:
		s.renderReport(c, http.StatusUnprocessableEntity, &formView{Values: c.Request.PostForm, Errors: fieldErrs})
		return
	default:
		s.sessions.Put(ctx, "flash", "Tidak dapat dilakukan: "+f.Message)
		s.sessions.Put(ctx, "flash_kind", "error")
	}
	c.Redirect(http.StatusSeeOther, "/kantor/laporan/"+strconv.Itoa(year))
}

// officeReportStep runs one step on the report of :tahun.
func (s *Server) officeReportStep(step string) gin.HandlerFunc {
	return func(c *gin.Context) {
		year, ok := s.reportYear(c.Param("tahun"))
		if !ok {
			s.notFound(c)
			return
		}
		v := postForm(c)
		f := newFormReader(v)
		ctx, actor := c.Request.Context(), currentAccount(c)
		var (
			errs map[string]string
			err  error
			msg  string
		)
		switch step {
		case "save":
			var fe map[string]string
			fe, err = s.performance.SaveNarrative(ctx, actor, year, store.ReportNarrative{Policy: f.text("policy"),
				Facilities: f.text("facilities"), Budget: f.text("budget"), Constraints: f.text("constraints"),
				Recommendations: f.text("recommendations")})
			errs, msg = fe, "Uraian laporan tersimpan."
		case "lock":
			err, msg = s.performance.Lock(ctx, actor, year), "Laporan dikunci: angka dibekukan dan PDF dibuat."
		case "unlock":
			errs, err = s.performance.Unlock(ctx, actor, year, f.text("reason"))
			msg = "Kunci laporan dibuka; alasannya tercatat di riwayat."
		case "publish":
			err, msg = s.performance.Publish(ctx, actor, year), "Laporan diumumkan di /laporan."
		}
		s.reportDone(c, year, err, errs, msg)
	}
}

// officeReportPDF is the frozen PDF of a locked report.
func (s *Server) officeReportPDF(c *gin.Context) {
	year, ok := s.reportYear(c.Param("tahun"))
	if !ok {
		s.notFound(c)
		return
	}
	s.serveReportPDF(c, currentAccount(c), year)
}

func (s *Server) serveReportPDF(c *gin.Context, actor *store.User, year int) {
	b, sha, err := s.performance.PDF(c.Request.Context(), actor, year)
	if actor != nil && errors.Is(err, store.ErrNotFound) {
		// A draft has no PDF yet: back to the report, which says so.
		s.sessions.Put(c.Request.Context(), "flash", "PDF dibuat satu kali saat laporan dikunci.")
		s.sessions.Put(c.Request.Context(), "flash_kind", "error")
		c.Redirect(http.StatusSeeOther, "/kantor/laporan/"+strconv.Itoa(year))
		return
	}
	if s.pageFailed(c, err) {
		return
	}
	defer b.Close()
	c.Header("Content-Disposition", `inline; filename="laporan-tahunan-`+strconv.Itoa(year)+`.pdf"`)
	c.Header("ETag", `"`+sha+`"`)
	c.Header("X-Content-SHA256", sha)
	c.Status(http.StatusOK)
	c.Header("Content-Type", "application/pdf")
	c.Header("Content-Length", strconv.FormatInt(b.Size(), 10))
	if _, err := io.Copy(c.Writer, b); err != nil {
		s.log.Warn("report pdf not fully sent", "error", err)
	}
}

type publicReportsView struct {
	Reports []store.AnnualReport
}

// publicReports lists the published annual reports (Perki 1/2021 Pasal 56: public at all times).
func (s *Server) publicReports(c *gin.Context) {
	rs, err := s.performance.PublishedList(c.Request.Context())
	if err != nil {
		s.serverError(c, err)
		return
	}
	s.render(c, http.StatusOK, "public_reports", pageData{Title: "Laporan tahunan layanan informasi publik",
		Data: publicReportsView{Reports: rs}})
}

// publicReportPDF serves /laporan/2026.pdf: gin cannot route ":tahun.pdf", so :file is parsed.
func (s *Server) publicReportPDF(c *gin.Context) {
	raw, ok := strings.CutSuffix(c.Param("file"), ".pdf")
	year, valid := s.reportYear(raw)
	if !ok || !valid {
		s.notFound(c)
		return
	}
	s.serveReportPDF(c, nil, year)
}

// apiReport is a published report's frozen figures in the open-data API; 404 until then.
func (s *Server) apiReport(c *gin.Context) {
	year, ok := s.reportYear(c.Param("year"))
	if !ok {
		c.JSON(http.StatusNotFound, gin.H{"error": "Laporan tidak ditemukan."})
		return
	}
	rep, err := s.performance.Published(c.Request.Context(), year)
	if s.apiFailed(c, err, nil, "Laporan tidak ditemukan.") {
		return
	}
	c.Header("Cache-Control", "public, max-age=300")
	c.JSON(http.StatusOK, reportJSON(rep))
}

// apiOfficeReport is the report for officers: the draft computed live, or the frozen figures.
func (s *Server) apiOfficeReport(c *gin.Context) {
	year, ok := s.reportYear(c.Param("year"))
	if !ok {
		c.JSON(http.StatusNotFound, gin.H{"error": "Laporan tidak ditemukan."})
		return
	}
	rep, err := s.performance.Report(c.Request.Context(), currentAccount(c), year)
	if s.apiFailed(c, err, nil, "Laporan tidak ditemukan.") {
		return
	}
	c.JSON(http.StatusOK, reportJSON(rep))
}

// reportJSON is a report as the API answers it: its state, figures and written sections.
func reportJSON(r *performance.Report) gin.H {
	out := gin.H{"year": r.Year, "status": r.Status, "figures": r.Figures, "locked_at": nil, "published_at": nil,
		"pdf_sha256": nil, "narrative": gin.H{"policy": r.Narrative.Policy, "facilities": r.Narrative.Facilities,
			"budget": r.Narrative.Budget, "constraints": r.Narrative.Constraints, "recommendations": r.Narrative.Recommendations}}
	if r.Locked() {
		out["locked_at"], out["pdf_sha256"] = r.LockedAt, r.PDFSHA256
	}
	if r.Status == "published" {
		out["published_at"] = r.PublishedAt
	}
	return out
}
