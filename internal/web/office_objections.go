package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/store"
)

type objectionsView struct {
	Items []store.OpenObjection
	Today calendar.Date
}

// officeObjections lists the unanswered objections within the officer's scope, the nearest
// deadline of the atasan PPID first, including those on closed cases, which the queue no
// longer shows.
func (s *Server) officeObjections(c *gin.Context) {
	items, err := s.store.OpenObjections(c.Request.Context(), currentAccount(c).Scope(), 200)
	if err != nil {
		s.serverError(c, err)
		return
	}
	today := calendar.DateOf(s.now().In(s.calendar.Current().Location()))
	s.render(c, http.StatusOK, "office_objections", pageData{Title: "Keberatan", Data: objectionsView{Items: items, Today: today}})
}
