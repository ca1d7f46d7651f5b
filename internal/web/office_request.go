package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/intake"
)

func (s *Server) officeRequestForm(c *gin.Context) {
	now := s.now().In(s.cfg.Location())
	s.render(c, http.StatusOK, "office_request_new", pageData{Title: "Catat permohonan",
		Form: &formView{Values: url.Values{
			"requester.kind": {"perorangan"}, "channel": {"walk_in"},
			"received_date": {now.Format("2006-01-02")}, "received_time": {now.Format("15:04")},
		}}})
}

// officeRequestSubmit records a request received on paper, at the desk or by phone, with the
// time it actually arrived: that time, not the typing time, starts the clock.
func (s *Server) officeRequestSubmit(c *gin.Context) {
	if err := c.Request.ParseForm(); err != nil {
		s.render(c, http.StatusBadRequest, "error", pageData{Title: "Permintaan tidak valid",
			Data: errorView{Heading: "Permintaan tidak valid", Message: "Formulir tidak dapat dibaca."}})
		return
	}
	form := c.Request.PostForm
	u, err := s.store.UserByID(c.Request.Context(), currentUser(c).ID)
	if err != nil {
		s.serverError(c, err)
		return
	}
	renderErrors := func(errs map[string]string) {
		s.render(c, http.StatusUnprocessableEntity, "office_request_new", pageData{Title: "Catat permohonan",
			Form: &formView{Values: form, Errors: errs}})
	}
	sub := submissionFromForm(form)
	received, err := time.ParseInLocation("2006-01-02 15:04", form.Get("received_date")+" "+form.Get("received_time"), s.cfg.Location())
	if err != nil {
		sub.Normalize()
		errs := sub.Validate()
		if errs == nil {
			errs = map[string]string{}
		}
		errs["received_at"] = "Isi tanggal (TTTT-BB-HH) dan jam (JJ:MM) permohonan diterima."
		renderErrors(errs)
		return
	}
	receipt, fieldErrs, err := s.intake.Submit(c.Request.Context(), sub,
		intake.Origin{Channel: form.Get("channel"), Officer: u, ReceivedAt: received})
	if errors.Is(err, intake.ErrInvalid) {
		renderErrors(fieldErrs)
		return
	}
	if err != nil {
		s.serverError(c, err)
		return
	}
	s.sessions.Put(c.Request.Context(), "flash", "Permohonan "+receipt.RegistrationNumber+
		" tercatat. Kode pelacakan untuk pemohon: "+receipt.TrackingCode)
	c.Redirect(http.StatusSeeOther, "/kantor/permohonan/"+strconv.FormatInt(receipt.RequestID, 10))
}
