package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// trackedKey is the session entry of the request this browser proved it may see, by giving its
// registration number and tracking code: it opens the status page, letters and documents.
const trackedKey = "tracked_request"

type trackView struct {
	Number   string
	NotFound bool
	Limited  string // why the client must wait before trying again
	Result   *intake.Tracked

	Objections       []objectionRow
	Letters          []letterRow
	Documents        []store.Document
	ObjectionPending bool
	CanObject        bool
	ObjectionWindow  workflow.Window
	ObjectionWhy     string
	ObjectionForm    *formView
	Warnings         []string
	Clocks           []workflow.Clock // every running or finished clock, with what started it
	Steps            []workflow.Step  // the status line, the stage reached marked
	Running          *workflow.RunningClock
	SurveyOpen       bool // the case's satisfaction survey waits for its answer

	// Clarifications are the officers' questions and the requester's answers; ClarificationOpen
	// is the one waiting for an answer (nil: none), ClarificationForm its form after a refusal.
	Clarifications    []store.Clarification
	ClarificationOpen *store.Clarification
	ClarificationForm *formView
	MaxUpload         int64
}

// AnswerForm is the clarification answer form, blank unless it came back with errors.
func (v trackView) AnswerForm() *formView {
	if v.ClarificationForm != nil {
		return v.ClarificationForm
	}
	return &formView{Values: url.Values{}}
}

// Form is the objection form, blank unless it came back with errors; it offers only the grounds
// the open window allows (UU 14/2008 Pasal 36(1): each ground has its own window).
func (v trackView) Form() *formView {
	f := v.ObjectionForm
	if f == nil {
		f = &formView{}
	}
	f.Choices = map[string][]string{"grounds": v.ObjectionWindow.Grounds}
	return f
}

func (s *Server) trackForm(c *gin.Context) {
	s.render(c, http.StatusOK, "track", pageData{Title: "Lacak permohonan", Data: trackView{Number: c.Query("nomor")}})
}

// track checks number and code, sent by POST so the code stays out of URLs, histories and
// access logs, then redirects to the status page; a wrong pair reads like an unknown number.
func (s *Server) track(c *gin.Context) {
	number := strings.TrimSpace(c.PostForm("nomor"))
	tracked, err := s.intake.TrackFrom(c.Request.Context(), c.ClientIP(), number, c.PostForm("kode"))
	switch f := classify(err, nil); {
	case f.Status == http.StatusTooManyRequests:
		c.Header("Cache-Control", "no-store")
		s.render(c, f.Status, "track", pageData{Title: "Lacak permohonan", Data: trackView{Number: number, Limited: tooManyRequests(c, f)}})
		return
	case errors.Is(err, store.ErrNotFound):
		c.Header("Cache-Control", "no-store")
		s.render(c, http.StatusNotFound, "track", pageData{Title: "Lacak permohonan", Data: trackView{Number: number, NotFound: true}})
		return
	case err != nil:
		s.serverError(c, err)
		return
	}
	ctx := c.Request.Context()
	// A new token when access widens defeats session fixation, as at officer login.
	if err := s.sessions.RenewToken(ctx); err != nil {
		s.serverError(c, err)
		return
	}
	s.sessions.Put(ctx, trackedKey, tracked.Request.ID)
	c.Redirect(http.StatusSeeOther, "/lacak/status")
}

// trackStatus shows the tracked case: status, public history, letters, objections.
func (s *Server) trackStatus(c *gin.Context) {
	id := s.sessions.GetInt64(c.Request.Context(), trackedKey)
	if id == 0 {
		c.Redirect(http.StatusSeeOther, "/lacak")
		return
	}
	view, err := s.trackView(c, id)
	if err != nil {
		s.serverError(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	s.render(c, http.StatusOK, "track", pageData{Title: "Status permohonan " + view.Number, Data: view})
}

// trackView gathers what the requester sees of case id.
func (s *Server) trackView(c *gin.Context, id int64) (trackView, error) {
	ctx := c.Request.Context()
	tracked, err := s.intake.TrackByID(ctx, id)
	if err != nil {
		return trackView{}, err
	}
	v := trackView{Number: tracked.Request.RegistrationNumber, Result: tracked}
	objections, err := s.store.Objections(ctx, id)
	if err != nil {
		return trackView{}, err
	}
	v.Objections = newObjectionRows(objections)
	letters, err := s.store.Letters(ctx, id)
	if err != nil {
		return trackView{}, err
	}
	v.Letters = newLetterRows(letters)
	// Letters are listed as letters; the documents list holds what officers uploaded for the requester.
	docs, err := s.store.Documents(ctx, id, casework.RequesterVisible...)
	if err != nil {
		return trackView{}, err
	}
	for _, d := range docs {
		if d.Kind != "letter" {
			v.Documents = append(v.Documents, d)
		}
	}
	for _, o := range v.Objections {
		v.ObjectionPending = v.ObjectionPending || o.Status == workflow.ObjectionOpen
	}
	cal := s.calendar.Current()
	v.ObjectionWindow, v.CanObject, v.ObjectionWhy = workflow.ObjectionWindow(casework.Case(tracked.Request), s.now(), cal)
	disputes, err := s.store.Disputes(ctx, id)
	if err != nil {
		return trackView{}, err
	}
	v.Clocks = casework.Clocks(tracked.Request, objections, disputes, s.now(), cal)
	// The requester proved the case is theirs with its tracking code: read it whole, as TrackByID does.
	if v.Clarifications, err = s.store.Clarifications(ctx, access.Everything, id); err != nil {
		return trackView{}, err
	}
	for i := range v.Clarifications {
		if v.Clarifications[i].Open() {
			v.ClarificationOpen = &v.Clarifications[i]
		}
	}
	v.MaxUpload = s.casework.MaxUpload
	v.Steps = workflow.Progress(casework.Case(tracked.Request))
	if rc, ok := runningClock(tracked.Request, objections, disputes, s.now(), cal); ok {
		v.Running = &rc
	}
	received := calendar.DateOf(tracked.Request.ReceivedAt.In(cal.Location()))
	dates := []shownDate{{"Batas pemberitahuan tertulis", received, tracked.Request.DueDate}}
	if v.CanObject {
		dates = append(dates, shownDeadline("Batas pengajuan keberatan", v.ObjectionWindow.Deadline, cal))
	}
	for _, o := range v.Objections {
		dates = append(dates, shownDate{"Batas tanggapan atasan PPID", calendar.DateOf(o.ReceivedAt.In(cal.Location())), o.ResponseDue})
	}
	v.Warnings = calendarWarnings(cal, dates...)
	switch inv, err := s.skm.InvitationOfRequest(ctx, id); {
	case err == nil:
		v.SurveyOpen = !inv.Answered
	case !errors.Is(err, store.ErrNotFound):
		return trackView{}, err
	}
	return v, nil
}
