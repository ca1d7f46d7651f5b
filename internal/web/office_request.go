package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/store"
)

type officeRequestView struct {
	Request   *store.Request
	MaskedNIK string
	Events    []store.Event
}

// officeRequest shows every field of a case, the NIK masked, and its whole history.
func (s *Server) officeRequest(c *gin.Context) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id < 1 {
		s.notFound(c)
		return
	}
	ctx := c.Request.Context()
	r, err := s.store.RequestByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(c)
		return
	}
	if err != nil {
		s.serverError(c, err)
		return
	}
	events, err := s.store.Events(ctx, id, false)
	if err != nil {
		s.serverError(c, err)
		return
	}
	s.render(c, http.StatusOK, "office_request", pageData{Title: "Permohonan " + r.RegistrationNumber,
		Data: officeRequestView{Request: r, MaskedNIK: s.intake.MaskedNIK(r.NIKSealed), Events: events}})
}

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
