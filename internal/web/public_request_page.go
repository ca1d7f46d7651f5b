package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/portal"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// requestPageView is a request's public page: the text, dates, decision, the notices' facts and the
// documents released for publication — never the requester's identity or the tracking code.
type requestPageView struct {
	R          *store.PublicRequest
	ReceivedAt time.Time
	DueOn      calendar.Date
	Notices    []publicNoticeView
	Documents  []store.PublicRequestDocument
}

type publicNoticeView struct {
	store.PublicNotice
	Letters []string // "huruf b: …" labels of the Pasal 17 letters cited
}

// requestPage shows a request's public page. Without the requester's consent, or while the PPID
// has not reviewed a text the personal-data check flagged, it does not exist (404); any other
// slug redirects to the canonical URL.
func (s *Server) requestPage(c *gin.Context) {
	key := c.Param("key")
	if !portal.IsRequestKey(key) {
		s.notFound(c)
		return
	}
	ctx := c.Request.Context()
	r, err := s.portal.PublicRequestByKey(ctx, key)
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(c)
		return
	}
	if err != nil {
		s.serverError(c, err)
		return
	}
	canonical := portal.RequestPagePath(r.PublicKey, r.Information)
	if c.Request.URL.Path != canonical {
		c.Redirect(http.StatusMovedPermanently, canonical)
		return
	}
	v := requestPageView{R: r, ReceivedAt: r.ReceivedAt, DueOn: r.ResponseDue}
	if !r.ExtendedDue.IsZero() {
		v.DueOn = r.ExtendedDue
	}
	var notices []store.PublicNotice
	err = firstError(
		func() (err error) { notices, err = s.portal.PublicNotices(ctx, r); return },
		func() (err error) { v.Documents, err = s.portal.PublicRequestDocuments(ctx, r.ID); return },
	)
	if err != nil {
		s.serverError(c, err)
		return
	}
	for _, n := range notices {
		nv := publicNoticeView{PublicNotice: n}
		for _, l := range n.ExemptionLetters {
			nv.Letters = append(nv.Letters, request.Label(workflow.ExemptionLetters, l))
		}
		v.Notices = append(v.Notices, nv)
	}
	title := "Permohonan informasi: " + shorten(r.Information, 70)
	c.Header("Cache-Control", "public, max-age=60")
	s.render(c, http.StatusOK, "public_request_page", pageData{Title: title, Data: v, Canonical: s.absURL(canonical)})
}

// shorten cuts text to at most n runes at a word boundary, with an ellipsis.
func shorten(text string, n int) string {
	rs := []rune(text)
	if len(rs) <= n {
		return text
	}
	cut := n
	for cut > n/2 && rs[cut] != ' ' {
		cut--
	}
	return string(rs[:cut]) + "…"
}
