package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// queuePageSize rows a page, at most queueMaxPage pages: deeper rows are found by a filter.
const queuePageSize, queueMaxPage = 50, 10000

// dueSoonDays flags requests due within this many working days.
const dueSoonDays = 3

// queueQueryMax bounds the search text; a registration number, a name or a few words fit.
const queueQueryMax = 200

// queueParams are the queue's search and filters as the URL carries them, kept as typed so the
// form shows them back; every list, page link, export and print view reads the same ones.
type queueParams struct {
	Q, Status, Unit, Officer, Channel, Clock, From, To string
}

// values are the parameters for a link, without the empty ones.
func (p queueParams) values() url.Values {
	v := url.Values{}
	for _, kv := range [][2]string{{"q", p.Q}, {"status", p.Status}, {"unit", p.Unit}, {"petugas", p.Officer},
		{"saluran", p.Channel}, {"tenggat", p.Clock}, {"dari", p.From}, {"sampai", p.To}} {
		if kv[1] != "" {
			v.Set(kv[0], kv[1])
		}
	}
	return v
}

// link is path with the parameters and, past the first, the page.
func (p queueParams) link(path string, page int) string {
	v := p.values()
	if page > 1 {
		v.Set("halaman", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

type queueView struct {
	// Items are the print view's rows; the queue page writes its own in Go (writeQueueRows).
	Items []queueRow
	// HasRows: the queue page has rows to write.
	HasRows  bool
	Counts   store.QueueCounts
	Params   queueParams
	Errors   map[string]string
	Units    []store.Unit
	Officers []store.User
	Page     int
	HasNext  bool
	Today    calendar.Date
	SoonDate calendar.Date
	// Assign: the rows carry the bulk assignment's boxes, and the page its form.
	Assign bool
	// Truncated: the print view shows only the first queueExportMax rows.
	Truncated bool
	MaxRows   int
	// SearchMax is how many matches of a search are sorted and counted (Counts.Cut: there were more).
	SearchMax int
}

// Err is the message of a bad filter field.
func (v queueView) Err(key string) string { return v.Errors[key] }

func (v queueView) PageURL(page int) string { return v.Params.link("/kantor", page) }

// ExportURL is a download or the print view of the same filtered queue.
func (v queueView) ExportURL(path string) string { return v.Params.link(path, 1) }

// BackURL is the queue as it was filtered, for after a bulk assignment.
func (v queueView) BackURL() string { return v.PageURL(v.Page) }

// Filtered says whether any search or filter narrows the queue.
func (v queueView) Filtered() bool { return len(v.Params.values()) > 0 }

type queueRow struct {
	store.QueueItem
	Overdue bool
	DueSoon bool
}

// ClockLabel names the clock the row is ordered by.
func (r queueRow) ClockLabel() string { return queueClockLabel(r.ClockKind) }

func queueClockLabel(kind string) string {
	if l, ok := workflow.ClockLabels[kind]; ok {
		return l
	}
	return workflow.ClockLabels[workflow.ClockResponse]
}

// queueClockOptions are the clock-state filter's choices.
var queueClockOptions = []request.Option{
	{Code: store.QueueClockOverdue, Label: "Lewat waktu"},
	{Code: store.QueueClockSoon, Label: "Jatuh tempo ≤ 3 hari kerja"},
}

// readQueueFilter turns the URL into the store's filter; errs has an Indonesian message per bad
// field (a bad value is refused, never silently dropped: the officer would trust a wrong list).
func (s *Server) readQueueFilter(c *gin.Context, today, soon calendar.Date) (store.QueueFilter, queueParams, map[string]string) {
	get := func(k string) string { return strings.TrimSpace(c.Query(k)) }
	p := queueParams{Q: get("q"), Status: get("status"), Unit: get("unit"), Officer: get("petugas"),
		Channel: get("saluran"), Clock: get("tenggat"), From: get("dari"), To: get("sampai")}
	f := store.QueueFilter{Query: p.Q, Today: today, Soon: soon}
	errs := map[string]string{}
	if len([]rune(p.Q)) > queueQueryMax {
		errs["q"] = "Kata pencarian terlalu panjang (paling banyak " + strconv.Itoa(queueQueryMax) + " huruf)."
	}
	if p.Status != "" {
		if !request.IsStatus(p.Status) {
			errs["status"] = "Status tidak dikenal."
		}
		f.Status = p.Status
	}
	if p.Unit != "" {
		id, err := strconv.ParseInt(p.Unit, 10, 64)
		if err != nil || id < 1 {
			errs["unit"] = "Unit tidak dikenal."
		}
		f.UnitID = id
	}
	switch p.Officer {
	case "":
	case "saya":
		f.AssignedTo = currentAccount(c).ID
	default:
		id, err := strconv.ParseInt(p.Officer, 10, 64)
		if err != nil || id < 1 {
			errs["petugas"] = "Petugas tidak dikenal."
		}
		f.AssignedTo = id
	}
	if p.Channel != "" {
		if request.Label(request.Channels, p.Channel) == p.Channel {
			errs["saluran"] = "Saluran tidak dikenal."
		}
		f.Channel = p.Channel
	}
	if p.Clock != "" {
		if p.Clock != store.QueueClockSoon && p.Clock != store.QueueClockOverdue {
			errs["tenggat"] = "Pilih tenggat \"lewat waktu\" atau \"jatuh tempo ≤ 3 hari kerja\"."
		}
		f.Clock = p.Clock
	}
	loc := s.cfg.Location()
	if p.From != "" {
		d, err := time.ParseInLocation(time.DateOnly, p.From, loc)
		if err != nil {
			errs["dari"] = "Tanggal awal harus berbentuk TTTT-BB-HH."
		}
		f.ReceivedFrom = d
	}
	if p.To != "" {
		d, err := time.ParseInLocation(time.DateOnly, p.To, loc)
		if err != nil {
			errs["sampai"] = "Tanggal akhir harus berbentuk TTTT-BB-HH."
		}
		f.ReceivedBefore = d.AddDate(0, 0, 1) // the whole last day
	}
	if errs["dari"] == "" && errs["sampai"] == "" && !f.ReceivedFrom.IsZero() && !f.ReceivedBefore.IsZero() && !f.ReceivedFrom.Before(f.ReceivedBefore) {
		errs["sampai"] = "Tanggal akhir tidak boleh sebelum tanggal awal."
	}
	return f, p, errs
}

// queueDates are today and the last day of "due soon" in the office calendar.
func (s *Server) queueDates() (today, soon calendar.Date) {
	cal := s.calendar.Current()
	today = calendar.DateOf(s.now().In(cal.Location()))
	return today, cal.AddWorkingDays(today, dueSoonDays).Due
}

// queueRows flags the rows whose running clock is past or near.
func queueRows(items []store.QueueItem, today, soon calendar.Date) []queueRow {
	rows := make([]queueRow, 0, len(items))
	for _, it := range items {
		r := queueRow{QueueItem: it}
		r.Overdue, r.DueSoon = queueFlags(&it, today, soon)
		rows = append(rows, r)
	}
	return rows
}

// queueFlags say whether the row's running clock is past or due by soon.
func queueFlags(it *store.QueueItem, today, soon calendar.Date) (overdue, dueSoon bool) {
	// Only a clock that binds the office can be late; the requester's windows are shown, never flagged.
	running := workflow.OfficeClock(it.ClockKind, it.Status)
	return running && it.ClockDue.Before(today), running && !it.ClockDue.Before(today) && !it.ClockDue.After(soon)
}

// officeQueue lists open requests, searched and filtered, the clock that runs now first.
func (s *Server) officeQueue(c *gin.Context) {
	page, ok := s.officePage(c, queueMaxPage)
	if !ok {
		return
	}
	today, soon := s.queueDates()
	ctx := c.Request.Context()
	scope := currentAccount(c).Scope() // a PPID Pelaksana sees its own unit's cases
	filter, params, errs := s.readQueueFilter(c, today, soon)
	view := queueView{Params: params, Page: page, Today: today, SoonDate: soon, SearchMax: store.CountCap}
	var err error
	if view.Units, view.Officers, err = s.queueChoices(ctx, scope); err != nil {
		s.serverError(c, err)
		return
	}
	if len(errs) > 0 {
		view.Errors = errs
		s.render(c, http.StatusBadRequest, "office_queue", pageData{Title: "Antrean permohonan", Data: view})
		return
	}
	filter.Limit, filter.Offset = queuePageSize+1, offset(page, queuePageSize)
	items, counts, err := s.store.QueuePage(ctx, scope, filter, today, soon)
	if err != nil {
		s.serverError(c, err)
		return
	}
	view.Counts = counts
	items, view.HasNext = cutPage(items, queuePageSize)
	var rows func(*bytes.Buffer) // the page has a rows slot only when it has rows
	if view.HasRows = len(items) > 0; view.HasRows {
		// One decision for the bulk form, its column and the rows' boxes.
		view.Assign = access.Can(currentUser(c).Role, access.AssignCase)
		rows = func(b *bytes.Buffer) { writeQueueRows(b, items, today, soon, view.Assign) }
	}
	s.renderWithRows(c, http.StatusOK, "office_queue", pageData{Title: "Antrean permohonan", Data: view}, rows)
}
