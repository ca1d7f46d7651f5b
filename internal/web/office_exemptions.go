package web

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// Exemptions decided in advance (Perki 1/2021 Pasal 49; PP 61/2010): a PPID records the consequence
// test of information no request has asked for yet, so the DIK lists every exemption of the body.

type advanceExemptionsView struct {
	Items  []store.AdvanceExemption
	Failed bool
}

func (s *Server) officeExemptions(c *gin.Context) {
	s.renderExemptions(c, http.StatusOK, &formView{Values: url.Values{}}, false)
}

func (s *Server) renderExemptions(c *gin.Context, status int, form *formView, failed bool) {
	items, err := s.store.AdvanceExemptions(c.Request.Context(), currentAccount(c).Scope())
	if err != nil {
		s.serverError(c, err)
		return
	}
	s.render(c, status, "office_exemptions", pageData{Title: "Informasi yang dikecualikan", Form: form,
		Data: advanceExemptionsView{Items: items, Failed: failed}})
}

func (s *Server) officeExemptionCreate(c *gin.Context) {
	v := postForm(c)
	f := newFormReader(v)
	a := workflow.AdvanceExemption{Subject: f.text("subject"), ExemptionLetters: v["exemption_letters"],
		LegalBasis: f.text("legal_basis"), Harm: f.text("harm"), PublicInterest: f.text("public_interest"),
		DecidedOn: f.date("decided_on"), ExemptUntil: f.date("exempt_until")}
	fieldErrs, err := f.refusal("Penetapan belum lengkap: periksa kolom yang ditandai.")
	if err == nil {
		fieldErrs, err = s.casework.AddAdvanceExemption(c.Request.Context(), currentAccount(c), a)
	}
	switch fl := classify(err, fieldErrs); {
	case fl.Status == 0:
	case fl.Status == http.StatusForbidden:
		s.forbidden(c)
		return
	case len(fieldErrs) > 0:
		s.renderExemptions(c, http.StatusUnprocessableEntity, &formView{Values: v, Errors: fieldErrs}, true)
		return
	default:
		s.serverError(c, err)
		return
	}
	s.sessions.Put(c.Request.Context(), "flash", "Penetapan pengecualian tercatat dan tampil di DIK.")
	c.Redirect(http.StatusSeeOther, "/kantor/pengecualian")
}
