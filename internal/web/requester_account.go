package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// requesterKey is the session entry of a requester signed in by a one-time link: their
// address. It is apart from the officer's "user_id", so neither kind of sign-in grants the other.
const requesterKey = "requester_email"

// askView is the page that asks for a sign-in link or fresh tracking codes by e-mail.
type askView struct {
	Sent    bool   // the ask was taken: the same page for every address
	Limited string // why the client must wait
	Invalid bool   // the link opened was unknown, used or expired
	Token   string // the link's token, on the confirmation form
}

func (s *Server) requesterSignInForm(c *gin.Context) {
	if s.sessions.GetString(c.Request.Context(), requesterKey) != "" {
		c.Redirect(http.StatusSeeOther, "/akun")
		return
	}
	s.render(c, http.StatusOK, "requester_signin", pageData{Title: "Masuk: permohonan saya", Form: &formView{}, Data: askView{}})
}

// requesterSignInAsk queues a sign-in link; known and unknown addresses get the same page.
func (s *Server) requesterSignInAsk(c *gin.Context) {
	s.askRequesterMail(c, store.AskSignIn, "requester_signin", "Masuk: permohonan saya")
}

// askRequesterMail is the shared handler of the sign-in and lost-code forms: parse, queue, answer.
func (s *Server) askRequesterMail(c *gin.Context, kind, page, title string) {
	form := url.Values{"email": {strings.TrimSpace(c.PostForm("email"))}}
	fieldErrs, err := s.intake.AskRequesterMail(c.Request.Context(), kind, c.ClientIP(), form.Get("email"))
	if errors.Is(err, intake.ErrInvalid) {
		s.render(c, http.StatusUnprocessableEntity, page, pageData{Title: title, Form: &formView{Values: form, Errors: fieldErrs}, Data: askView{}})
		return
	}
	if f := classify(err, nil); f.Status == http.StatusTooManyRequests {
		s.render(c, f.Status, page, pageData{Title: title, Form: &formView{Values: form}, Data: askView{Limited: tooManyRequests(c, f)}})
		return
	}
	if err != nil {
		s.serverError(c, err)
		return
	}
	// Not the address back: the answer is the same bytes whoever's address it was.
	s.render(c, http.StatusOK, page, pageData{Title: title, Form: &formView{}, Data: askView{Sent: true}})
}

// requesterLink shows the link's confirmation: a GET never spends it, so a mail scanner that
// opens links does not use the requester's one chance.
func (s *Server) requesterLink(c *gin.Context) {
	s.render(c, http.StatusOK, "requester_link", pageData{Title: "Masuk: permohonan saya", Data: askView{Token: c.Query("t")}})
}

// requesterLinkUse spends the link and signs the requester in, under a new session token.
func (s *Server) requesterLinkUse(c *gin.Context) {
	ctx := c.Request.Context()
	email, err := s.intake.SignInFrom(ctx, c.ClientIP(), c.PostForm("t"))
	switch f := classify(err, nil); {
	case f.Status == http.StatusTooManyRequests:
		s.render(c, f.Status, "requester_link", pageData{Title: "Masuk: permohonan saya", Data: askView{Limited: tooManyRequests(c, f)}})
		return
	case errors.Is(err, store.ErrNotFound):
		s.render(c, http.StatusGone, "requester_link", pageData{Title: "Masuk: permohonan saya", Data: askView{Invalid: true}})
		return
	case err != nil:
		s.serverError(c, err)
		return
	}
	// A new token when access widens defeats session fixation (ASVS 3.2.1), as at officer login.
	if err := s.sessions.RenewToken(ctx); err != nil {
		s.serverError(c, err)
		return
	}
	s.sessions.Put(ctx, requesterKey, email)
	c.Redirect(http.StatusSeeOther, "/akun")
}

// requesterSignOut ends the requester's sign-in and the request it opened, under a new token.
func (s *Server) requesterSignOut(c *gin.Context) {
	ctx := c.Request.Context()
	s.sessions.Remove(ctx, requesterKey)
	s.sessions.Remove(ctx, trackedKey)
	if err := s.sessions.RenewToken(ctx); err != nil {
		s.serverError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/akun/masuk")
}

// ownRow is one request on the requester's list: no NIK, no contact data, only what tracking shows.
type ownRow struct {
	Number      string
	ReceivedAt  time.Time
	Information string
	Status      string
	Running     *workflow.RunningClock
	Steps       []workflow.Step
}

type requesterAccountView struct {
	Email string // masked
	Rows  []ownRow
}

// requesterAccount lists every request made with the signed-in address, with its status and the
// clock that runs now.
func (s *Server) requesterAccount(c *gin.Context) {
	ctx := c.Request.Context()
	email := s.sessions.GetString(ctx, requesterKey)
	if email == "" {
		c.Redirect(http.StatusSeeOther, "/akun/masuk")
		return
	}
	reqs, err := s.intake.RequestsOf(ctx, email)
	if err != nil {
		s.serverError(c, err)
		return
	}
	v := requesterAccountView{Email: maskEmail(email)}
	cal := s.calendar.Current()
	for _, r := range reqs {
		objections, err := s.store.Objections(ctx, r.ID)
		if err != nil {
			s.serverError(c, err)
			return
		}
		disputes, err := s.store.Disputes(ctx, r.ID)
		if err != nil {
			s.serverError(c, err)
			return
		}
		row := ownRow{Number: r.RegistrationNumber, ReceivedAt: r.ReceivedAt, Information: r.Information, Status: r.Status,
			Steps: workflow.Progress(casework.Case(r))}
		if rc, ok := runningClock(r, objections, disputes, s.now(), cal); ok {
			row.Running = &rc
		}
		v.Rows = append(v.Rows, row)
	}
	c.Header("Cache-Control", "no-store")
	s.render(c, http.StatusOK, "requester_account", pageData{Title: "Permohonan saya", Data: v})
}

// requesterOpen opens one of the signed-in requester's requests on the tracking status page,
// without its code: the address in the SQL is the proof it is theirs.
func (s *Server) requesterOpen(c *gin.Context) {
	ctx := c.Request.Context()
	email := s.sessions.GetString(ctx, requesterKey)
	if email == "" {
		c.Redirect(http.StatusSeeOther, "/akun/masuk")
		return
	}
	tracked, err := s.intake.TrackOwn(ctx, email, strings.TrimPrefix(c.Param("number"), "/"))
	if s.pageFailed(c, err) {
		return
	}
	s.sessions.Put(ctx, trackedKey, tracked.Request.ID)
	c.Redirect(http.StatusSeeOther, "/lacak/status")
}

// runningClock is the office's deadline that runs now for r, from the case's clocks.
func runningClock(r *store.Request, objections []store.Objection, disputes []store.Dispute, now time.Time, cal *calendar.Calendar) (workflow.RunningClock, bool) {
	return workflow.Running(casework.CurrentClock(r, objections, disputes, now, cal), r.Status, now, cal)
}

// maskEmail shows an address as its owner recognises it and a passer-by cannot read it: s***@contoh.id.
func maskEmail(email string) string {
	local, domain, ok := strings.Cut(email, "@")
	if !ok || local == "" {
		return "***"
	}
	return local[:1] + "***@" + domain
}
