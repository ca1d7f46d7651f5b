package web

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// trackObjection files the requester's objection from the status page of the case this
// browser tracked; success redirects, so a reload cannot file it twice.
func (s *Server) trackObjection(c *gin.Context) {
	ctx := c.Request.Context()
	id := s.sessions.GetInt64(ctx, trackedKey)
	if id == 0 {
		c.Redirect(http.StatusSeeOther, "/lacak")
		return
	}
	c.Request.ParseForm()
	filing := workflow.ObjectionFiling{Grounds: c.Request.PostForm["grounds"], Reasons: c.PostForm("reasons")}
	o, fieldErrs, err := s.casework.FileObjection(ctx, nil, id, filing, "web")
	var refusal *workflow.Refusal
	switch {
	case err == nil:
		s.sessions.Put(ctx, "flash", "Keberatan Anda tercatat dengan nomor "+o.Number+". Atasan PPID wajib menanggapi paling lambat "+
			calendar.FormatID(o.ResponseDue)+" (UU 14/2008 Pasal 36(2)).")
		c.Redirect(http.StatusSeeOther, "/lacak/status")
	case errors.As(err, &refusal):
		view, verr := s.trackView(c, id)
		if verr != nil {
			s.serverError(c, verr)
			return
		}
		status := http.StatusConflict
		if len(fieldErrs) > 0 {
			status = http.StatusUnprocessableEntity
			view.ObjectionForm = &formView{Values: c.Request.PostForm, Errors: fieldErrs}
		}
		s.render(c, status, "track", pageData{Title: "Lacak permohonan", Data: view, Flash: refusal.Message, FlashError: true})
	default:
		s.serverError(c, err)
	}
}

// objectionJSON is the body of POST /api/v1/objections.
type objectionJSON struct {
	RegistrationNumber string   `json:"registration_number"`
	TrackingCode       string   `json:"tracking_code"`
	Grounds            []string `json:"grounds"`
	Reasons            string   `json:"reasons"`
}

// apiFileObjection: 201 with the objection's number and the atasan's deadline; 409 when the law
// does not allow an objection now (with why); 422 naming the fields at fault.
func (s *Server) apiFileObjection(c *gin.Context) {
	var body objectionJSON
	if !readJSON(c, &body) {
		return
	}
	tracked, err := s.intake.TrackFrom(c.Request.Context(), c.ClientIP(), strings.TrimSpace(body.RegistrationNumber), body.TrackingCode)
	if s.apiFailed(c, err, nil, msgRequestNotFound) {
		return
	}
	o, fieldErrs, err := s.casework.FileObjection(c.Request.Context(), nil, tracked.Request.ID,
		workflow.ObjectionFiling{Grounds: body.Grounds, Reasons: body.Reasons}, "api")
	var refusal *workflow.Refusal
	switch {
	case err == nil:
		c.JSON(http.StatusCreated, gin.H{"objection_number": o.Number, "status": o.Status,
			"received_at": o.ReceivedAt.In(s.cfg.Location()).Format(time.RFC3339), "response_due": o.ResponseDue})
	case errors.As(err, &refusal) && len(fieldErrs) > 0:
		c.JSON(http.StatusUnprocessableEntity, gin.H{"error": refusal.Message, "fields": fieldErrs})
	case errors.As(err, &refusal):
		c.JSON(http.StatusConflict, gin.H{"error": refusal.Message})
	default:
		s.serverError(c, err)
	}
}
