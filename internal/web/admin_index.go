package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/store"
)

type adminIndexView struct {
	Counts store.AdminCounts
	Years  []store.CalendarYearSummary
	// MissingYears are this year and next when their official calendar is not loaded.
	MissingYears []int
}

// LoadedYears lists the years whose official calendar is loaded, as "2025, 2026".
func (v adminIndexView) LoadedYears() string {
	var ys []string
	for _, y := range v.Years {
		if y.Loaded {
			ys = append(ys, strconv.Itoa(y.Year))
		}
	}
	return strings.Join(ys, ", ")
}

// adminIndex links the administrator's pages, with what needs attention counted.
func (s *Server) adminIndex(c *gin.Context) {
	ctx := c.Request.Context()
	counts, err := s.store.AdminCounts(ctx)
	if err != nil {
		s.serverError(c, err)
		return
	}
	years, err := s.store.CalendarYearSummaries(ctx)
	if err != nil {
		s.serverError(c, err)
		return
	}
	v := adminIndexView{Counts: counts, Years: years}
	this := calendar.DateOf(s.now().In(s.calendar.Current().Location())).Year
	for _, y := range []int{this, this + 1} {
		if !slices.ContainsFunc(years, func(cy store.CalendarYearSummary) bool { return cy.Year == y && cy.Loaded }) {
			v.MissingYears = append(v.MissingYears, y)
		}
	}
	s.render(c, http.StatusOK, "admin_index", pageData{Title: "Administrasi", Data: v})
}

// adminDone ends an administrator's action: a message for the next page, then back to it.
func (s *Server) adminDone(c *gin.Context, to, msg string, refused bool) {
	s.sessions.Put(c.Request.Context(), "flash", msg)
	if refused {
		s.sessions.Put(c.Request.Context(), "flash_kind", "error")
	}
	c.Redirect(http.StatusSeeOther, to)
}

// adminID reads the :id of an admin route; a malformed one is a page that does not exist.
func (s *Server) adminID(c *gin.Context) (int64, bool) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id < 1 {
		s.notFound(c)
		return 0, false
	}
	return id, true
}

// adminForm parses the posted form; false after answering 400 when it cannot be read.
func (s *Server) adminForm(c *gin.Context) bool {
	if err := c.Request.ParseForm(); err != nil {
		s.render(c, http.StatusBadRequest, "error", pageData{Title: "Permintaan tidak valid",
			Data: errorView{Heading: "Permintaan tidak valid", Message: "Formulir tidak dapat dibaca."}})
		return false
	}
	return true
}
