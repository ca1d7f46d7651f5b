package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/deadline"
)

// The deadline calculator and GET /api/v1/deadlines accept receipt dates in these years only:
// further out, the working-day arithmetic leaves four-digit years.
const minCalculableYear, maxCalculableYear = 1990, 2200

func calculableYear(y int) bool { return y >= minCalculableYear && y <= maxCalculableYear }

type calculatorView struct {
	Clocks *deadline.RequestClocks
}

// deadlineCalculator shows citizens when an answer is due for a request received at a given
// local date and time. GET keeps results linkable.
func (s *Server) deadlineCalculator(c *gin.Context) {
	form := &formView{Values: url.Values{}, Errors: map[string]string{}}
	view := calculatorView{}
	day, clock := c.Query("tanggal"), c.Query("jam")
	if clock == "" {
		clock = "09:00"
	}
	form.Values.Set("tanggal", day)
	form.Values.Set("jam", clock)
	status := http.StatusOK
	if day != "" {
		d, err := calendar.ParseDate(day)
		if err != nil || !calculableYear(d.Year) {
			form.Errors["tanggal"] = "Tanggal tidak valid, gunakan format TTTT-BB-HH."
		}
		hm, err := time.Parse("15:04", clock)
		if err != nil {
			form.Errors["jam"] = "Jam tidak valid, gunakan format JJ:MM, contoh 14:30."
		}
		if len(form.Errors) == 0 {
			loc := s.cfg.Location()
			received := time.Date(d.Year, d.Month, d.Day, hm.Hour(), hm.Minute(), 0, 0, loc)
			rc := deadline.ForRequest(s.calendar.Current(), received)
			view.Clocks = &rc
		} else {
			status = http.StatusUnprocessableEntity
		}
	}
	s.render(c, status, "deadline_calculator", pageData{Title: "Kalkulator tenggat", Form: form, Data: view})
}
