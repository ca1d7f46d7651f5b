package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// queuePageSize rows a page, at most queueMaxPage pages: deeper rows are found by a filter.
const queuePageSize, queueMaxPage = 50, 10000

// dueSoonDays flags requests due within this many working days.
const dueSoonDays = 3

type queueView struct {
	Items    []queueRow
	Counts   store.QueueCounts
	Status   string
	Page     int
	HasNext  bool
	Today    calendar.Date
	SoonDate calendar.Date
}

type queueRow struct {
	store.QueueItem
	Overdue bool
	DueSoon bool
}

func (v queueView) PageURL(page int) string {
	q := url.Values{}
	if v.Status != "" {
		q.Set("status", v.Status)
	}
	if page > 1 {
		q.Set("halaman", strconv.Itoa(page))
	}
	if len(q) == 0 {
		return "/kantor"
	}
	return "/kantor?" + q.Encode()
}

// officeQueue lists open requests, nearest deadline first, flagging overdue and due-soon ones.
func (s *Server) officeQueue(c *gin.Context) {
	status := c.Query("status")
	if status != "" && !request.IsStatus(status) {
		status = "" // unknown filter: show everything rather than an empty page
	}
	page, ok := s.officePage(c, queueMaxPage)
	if !ok {
		return
	}
	cal := s.calendar.Current()
	today := calendar.DateOf(s.now().In(cal.Location()))
	soon := cal.AddWorkingDays(today, dueSoonDays).Due
	ctx := c.Request.Context()

	filter := store.QueueFilter{Status: status, Limit: queuePageSize + 1, Offset: offset(page, queuePageSize)}
	scope := currentAccount(c).Scope() // a PPID Pelaksana sees its own unit's cases
	items, err := s.store.Queue(ctx, scope, filter)
	if err != nil {
		s.serverError(c, err)
		return
	}
	counts, err := s.store.CountQueue(ctx, scope, filter, today, soon)
	if err != nil {
		s.serverError(c, err)
		return
	}
	view := queueView{Counts: counts, Status: status, Page: page, Today: today, SoonDate: soon}
	items, view.HasNext = cutPage(items, queuePageSize)
	for _, it := range items {
		// Only a case whose clock still runs can be late; a decided one waits for delivery or closing.
		pending := workflow.Case{Status: it.Status}.Pending()
		view.Items = append(view.Items, queueRow{QueueItem: it,
			Overdue: pending && it.DueDate.Before(today),
			DueSoon: pending && !it.DueDate.Before(today) && !it.DueDate.After(soon)})
	}
	s.render(c, http.StatusOK, "office_queue", pageData{Title: "Antrean permohonan", Data: view})
}
