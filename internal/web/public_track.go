package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/store"
)

type trackView struct {
	Number   string
	NotFound bool
	Result   *intake.Tracked
}

func (s *Server) trackForm(c *gin.Context) {
	s.render(c, http.StatusOK, "track", pageData{Title: "Lacak permohonan", Data: trackView{Number: c.Query("nomor")}})
}

// track answers by POST so the tracking code stays out of URLs, histories and access logs.
func (s *Server) track(c *gin.Context) {
	number := strings.TrimSpace(c.PostForm("nomor"))
	view := trackView{Number: number}
	tracked, err := s.intake.Track(c.Request.Context(), number, c.PostForm("kode"))
	switch {
	case errors.Is(err, store.ErrNotFound):
		view.NotFound = true
		c.Header("Cache-Control", "no-store")
		s.render(c, http.StatusNotFound, "track", pageData{Title: "Lacak permohonan", Data: view})
		return
	case err != nil:
		s.serverError(c, err)
		return
	}
	view.Result = tracked
	c.Header("Cache-Control", "no-store")
	s.render(c, http.StatusOK, "track", pageData{Title: "Status permohonan " + number, Data: view})
}
