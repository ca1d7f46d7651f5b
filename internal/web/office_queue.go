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

const queuePageSize = 50

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
	page, err := strconv.Atoi(c.DefaultQuery("halaman", "1"))
	if err != nil || page < 1 || page > 10000 {
		page = 1
	}
	cal := s.calendar.Current()
	today := calendar.DateOf(s.now().In(cal.Location()))
	soon := cal.AddWorkingDays(today, dueSoonDays).Due
	ctx := c.Request.Context()

	filter := store.QueueFilter{Status: status, Limit: queuePageSize + 1, Offset: (page - 1) * queuePageSize}
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
	if len(items) > queuePageSize {
		items, view.HasNext = items[:queuePageSize], true
	}
	for _, it := range items {
		// Only a case whose clock still runs can be late; a decided one waits for delivery or closing.
		pending := workflow.Case{Status: it.Status}.Pending()
		view.Items = append(view.Items, queueRow{QueueItem: it,
			Overdue: pending && it.DueDate.Before(today),
			DueSoon: pending && !it.DueDate.Before(today) && !it.DueDate.After(soon)})
	}
	s.render(c, http.StatusOK, "office_queue", pageData{Title: "Antrean permohonan", Data: view})
}
