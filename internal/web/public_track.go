package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/deadline"
	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/store"
)

type trackView struct {
	Number   string
	Code     string
	NotFound bool
	Result   *intake.Tracked

	Objections       []store.Objection
	Letters          []store.LetterRecord
	ObjectionPending bool
	CanObject        bool
	ObjectionWindow  deadline.Deadline
	ObjectionWhy     string
	ObjectionForm    *formView
}

// Form is the objection form, blank unless it came back with errors.
func (v trackView) Form() *formView {
	if v.ObjectionForm != nil {
		return v.ObjectionForm
	}
	return &formView{}
}

func (s *Server) trackForm(c *gin.Context) {
	s.render(c, http.StatusOK, "track", pageData{Title: "Lacak permohonan", Data: trackView{Number: c.Query("nomor")}})
}

// track answers by POST so the tracking code stays out of URLs, histories and access logs.
func (s *Server) track(c *gin.Context) {
	number := strings.TrimSpace(c.PostForm("nomor"))
	c.Header("Cache-Control", "no-store")
	view, err := s.trackView(c, number, c.PostForm("kode"))
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.render(c, http.StatusNotFound, "track", pageData{Title: "Lacak permohonan", Data: trackView{Number: number, NotFound: true}})
		return
	case err != nil:
		s.serverError(c, err)
		return
	}
	// This browser proved it holds the code: it may open the case's letters and documents.
	s.sessions.Put(c.Request.Context(), trackedKey, view.Result.Request.ID)
	s.render(c, http.StatusOK, "track", pageData{Title: "Status permohonan " + number, Data: view})
}
