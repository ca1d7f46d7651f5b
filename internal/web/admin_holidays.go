package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/holidays"
)

// adminHolidays shows one year's holidays (?tahun=, default this year) and the form to add one.
func (s *Server) adminHolidays(c *gin.Context) {
	year := s.holidays.ThisYear()
	if y, err := strconv.Atoi(c.Query("tahun")); err == nil && holidays.ValidYear(y) {
		year = y
	}
	s.renderHolidays(c, http.StatusOK, year, &formView{Values: url.Values{"kind": {string(calendar.Regional)}}})
}

func (s *Server) renderHolidays(c *gin.Context, status, year int, form *formView) {
	v, err := s.holidays.Year(c.Request.Context(), year)
	if err != nil {
		s.serverError(c, err)
		return
	}
	s.render(c, status, "admin_holidays", pageData{Title: fmt.Sprintf("Hari libur %d", year), Form: form, Data: v})
}

// adminHolidayAdd adds one day and moves the open deadlines it pushes later.
func (s *Server) adminHolidayAdd(c *gin.Context) {
	if !s.adminForm(c) {
		return
	}
	form := c.Request.PostForm
	added, errs, err := s.holidays.Add(c.Request.Context(), currentAccount(c),
		holidays.DayForm{Date: form.Get("date"), Name: form.Get("name"), Kind: form.Get("kind")})
	if err != nil {
		s.serverError(c, err)
		return
	}
	if len(errs) > 0 {
		s.renderHolidays(c, http.StatusUnprocessableEntity, added.Year, &formView{Values: form, Errors: errs})
		return
	}
	h := added.Holiday
	s.adminDone(c, "/kantor/admin/hari-libur?tahun="+strconv.Itoa(added.Year),
		"Hari libur "+calendar.FormatID(h.Date)+" ("+h.Name+") ditambahkan. "+holidays.MovedMessage(added.Moved), false)
}

// adminHolidayDelete removes an office's own (regional) holiday. Deadlines never move earlier.
func (s *Server) adminHolidayDelete(c *gin.Context) {
	id, ok := s.adminID(c)
	if !ok {
		return
	}
	gone, err := s.holidays.Delete(c.Request.Context(), currentAccount(c), id)
	if errors.Is(err, holidays.ErrNotDeletable) {
		s.adminDone(c, "/kantor/admin/hari-libur", "Hari libur tidak ditemukan. Hanya libur daerah/kantor yang dapat dihapus; libur nasional dan cuti bersama mengikuti SKB.", true)
		return
	}
	if err != nil {
		s.serverError(c, err)
		return
	}
	h := gone.Holiday
	s.adminDone(c, "/kantor/admin/hari-libur?tahun="+strconv.Itoa(h.Date.Year),
		"Hari libur "+calendar.FormatID(h.Date)+" ("+h.Name+") dihapus. Tenggat yang sudah berjalan tidak dimajukan. "+holidays.MovedMessage(gone.Moved), false)
}

type adminCalendarYearView struct {
	// LineErrors name each wrong line of the pasted list, by line number.
	LineErrors []string
}

func (s *Server) adminCalendarYearForm(c *gin.Context) {
	next := s.holidays.ThisYear() + 1
	s.render(c, http.StatusOK, "admin_calendar_year", pageData{Title: "Kalender tahun baru (SKB)",
		Form: &formView{Values: url.Values{"year": {strconv.Itoa(next)}}}, Data: adminCalendarYearView{}})
}

// adminCalendarYearImport loads a new year's official calendar: all lines or none.
func (s *Server) adminCalendarYearImport(c *gin.Context) {
	if !s.adminForm(c) {
		return
	}
	form := c.Request.PostForm
	done, errs, err := s.holidays.ImportYear(c.Request.Context(), currentAccount(c),
		holidays.YearForm{Year: form.Get("year"), Decree: form.Get("decree"), Lines: form.Get("lines")})
	if err != nil {
		s.serverError(c, err)
		return
	}
	if len(errs) > 0 {
		s.render(c, http.StatusUnprocessableEntity, "admin_calendar_year", pageData{Title: "Kalender tahun baru (SKB)",
			Form: &formView{Values: form, Errors: errs}, Data: adminCalendarYearView{LineErrors: done.LineErrors}})
		return
	}
	s.adminDone(c, "/kantor/admin/hari-libur?tahun="+strconv.Itoa(done.Year),
		fmt.Sprintf("Kalender tahun %d dimuat dengan %d hari libur. %s", done.Year, done.Days, holidays.MovedMessage(done.Moved)), false)
}
