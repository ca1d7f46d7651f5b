package web

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/stats"
	"github.com/terbuka-id/terbuka/internal/store"
)

const (
	registerPageSize = 50
	// registerMaxPage bounds the OFFSET a page costs; deeper rows are reached by filtering a year.
	registerMaxPage                  = 2000
	registerMinYear, registerMaxYear = 1990, 2200
)

// registerQuery is a validated register filter.
type registerQuery struct {
	Year   int
	Status string
	Page   int
}

// queryKeys name the parameters: Indonesian on the pages, English on the API.
type queryKeys struct{ Year, Status, Page string }

var (
	pageKeys = queryKeys{Year: "tahun", Status: "status", Page: "halaman"}
	apiKeys  = queryKeys{Year: "year", Status: "status", Page: "page"}
)

// parseYearQuery reads an optional year; 0 when absent.
func parseYearQuery(raw string) (int, string) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return 0, ""
	}
	y, err := strconv.Atoi(raw)
	if err != nil || y < registerMinYear || y > registerMaxYear {
		return 0, "Tahun tidak valid: tulis empat angka, contoh 2026."
	}
	return y, ""
}

// parseRegisterQuery validates year, status and page; errors are keyed by parameter name.
func parseRegisterQuery(c *gin.Context, k queryKeys) (registerQuery, map[string]string) {
	q := registerQuery{Page: 1}
	errs := map[string]string{}
	var msg string
	if q.Year, msg = parseYearQuery(c.Query(k.Year)); msg != "" {
		errs[k.Year] = msg
	}
	if status := strings.TrimSpace(c.Query(k.Status)); status != "" {
		if request.IsStatus(status) {
			q.Status = status
		} else {
			errs[k.Status] = "Status tidak dikenal: pilih salah satu status dari daftar."
			if k == apiKeys {
				errs[k.Status] = "Status tidak dikenal. Pilih salah satu: " + statusCodes() + "."
			}
		}
	}
	if raw := strings.TrimSpace(c.Query(k.Page)); raw != "" {
		p, err := strconv.Atoi(raw)
		switch {
		case err != nil || p < 1:
			errs[k.Page] = "Halaman harus bilangan bulat mulai dari 1."
		case p > registerMaxPage:
			errs[k.Page] = "Halaman terlalu jauh (paling banyak " + strconv.Itoa(registerMaxPage) + "); saring per tahun."
		default:
			q.Page = p
		}
	}
	return q, errs
}

func statusCodes() string {
	codes := make([]string, len(request.Statuses))
	for i, o := range request.Statuses {
		codes[i] = o.Code
	}
	return strings.Join(codes, ", ")
}

func (q registerQuery) filter() store.RegisterFilter {
	return store.RegisterFilter{Year: q.Year, Status: q.Status, Limit: registerPageSize + 1, Offset: (q.Page - 1) * registerPageSize}
}

// registerItem is one public row of the register, as the API, the CSV and the page give it.
type registerItem struct {
	RegistrationNumber string         `json:"registration_number"`
	ReceivedDate       calendar.Date  `json:"received_date"`
	Subject            *string        `json:"subject"` // null when the requester did not consent to publication
	Status             string         `json:"status"`
	StatusLabel        string         `json:"status_label"`
	Decision           *string        `json:"decision"` // the decision in force; null while none stands
	DecisionLabel      *string        `json:"decision_label"`
	DueDate            calendar.Date  `json:"due_date"` // end of the 10 working days, or of the 17 once extended
	Extended           bool           `json:"extended"`
	NoticeDate         *calendar.Date `json:"notice_date"` // the first written notice
	DaysTaken          *int           `json:"days_taken"`  // working days from D0 to that notice
	OnTime             *bool          `json:"on_time"`     // as recorded with that notice
}

// newRegisterItem computes the working days taken with the current calendar; whether the notice
// was on time is what was recorded when it was given: within 10 working days, or 17 with the
// extension (UU 14/2008 Pasal 22(7)–(8)).
func newRegisterItem(e store.RegisterEntry, cal *calendar.Calendar) registerItem {
	it := registerItem{RegistrationNumber: e.RegistrationNumber, ReceivedDate: e.ReceivedOn, Status: e.Status,
		StatusLabel: request.Label(request.Statuses, e.Status), DueDate: e.DueOn, Extended: e.Extended}
	if e.Subject.Valid {
		it.Subject = &e.Subject.String
	}
	if e.Decision.Valid {
		label := request.Label(request.Decisions, e.Decision.String)
		it.Decision, it.DecisionLabel = &e.Decision.String, &label
	}
	if !e.NoticeOn.IsZero() {
		notice, days := e.NoticeOn, stats.DaysTaken(cal, e.CountingFrom, e.NoticeOn)
		it.NoticeDate, it.DaysTaken = &notice, &days
		if e.NoticeLate.Valid {
			onTime := !e.NoticeLate.Bool
			it.OnTime = &onTime
		}
	}
	return it
}

// registerPage reads one page of the register: the items and whether more follow.
func (s *Server) registerPage(c *gin.Context, q registerQuery) ([]registerItem, bool, error) {
	cal := s.calendar.Current()
	entries, err := s.store.Register(c.Request.Context(), q.filter(), cal.Location())
	if err != nil {
		return nil, false, err
	}
	more := len(entries) > registerPageSize
	if more {
		entries = entries[:registerPageSize]
	}
	items := make([]registerItem, len(entries))
	for i, e := range entries {
		items[i] = newRegisterItem(e, cal)
	}
	return items, more, nil
}

type registerView struct {
	Query    registerQuery
	Errors   map[string]string
	Years    []int
	Items    []registerItem
	HasMore  bool
	Statuses []request.Option
}

// Err is the message for a parameter, for the filter form.
func (v registerView) Err(key string) string { return v.Errors[key] }

func (v registerView) values(page int) url.Values {
	q := url.Values{}
	if v.Query.Year != 0 {
		q.Set("tahun", strconv.Itoa(v.Query.Year))
	}
	if v.Query.Status != "" {
		q.Set("status", v.Query.Status)
	}
	if page > 1 {
		q.Set("halaman", strconv.Itoa(page))
	}
	return q
}

// PageURL links another page of the same filter.
func (v registerView) PageURL(page int) string { return pathWithQuery("/register", v.values(page)) }

// CSVURL downloads every row of the filter.
func (v registerView) CSVURL() string { return pathWithQuery("/register.csv", v.values(1)) }

// JSONURL is the same page through the API.
func (v registerView) JSONURL() string {
	q := url.Values{}
	if v.Query.Year != 0 {
		q.Set("year", strconv.Itoa(v.Query.Year))
	}
	if v.Query.Status != "" {
		q.Set("status", v.Query.Status)
	}
	if v.Query.Page > 1 {
		q.Set("page", strconv.Itoa(v.Query.Page))
	}
	return pathWithQuery("/api/v1/register", q)
}

func pathWithQuery(path string, q url.Values) string {
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// SubjectText is the information requested, empty unless the requester agreed to its publication.
func (it registerItem) SubjectText() string {
	if it.Subject == nil {
		return ""
	}
	return *it.Subject
}

// DaysText, OnTimeText and NoticeText are the page's cells; "—" where there is no notice yet.
func (it registerItem) DaysText() string {
	if it.DaysTaken == nil {
		return "—"
	}
	return strconv.Itoa(*it.DaysTaken)
}

func (it registerItem) OnTimeText() string {
	switch {
	case it.OnTime == nil:
		return "—"
	case *it.OnTime:
		return "Ya"
	}
	return "Tidak"
}

func (it registerItem) Late() bool { return it.OnTime != nil && !*it.OnTime }

func (it registerItem) NoticeText() string {
	if it.NoticeDate == nil {
		return "—"
	}
	return calendar.FormatID(*it.NoticeDate)
}

func (it registerItem) DecisionText() string {
	if it.DecisionLabel == nil {
		return "—"
	}
	return *it.DecisionLabel
}

// publicRegister is the register of requests the public may see (UU 14/2008 Pasal 13; Perki 1/2021).
func (s *Server) publicRegister(c *gin.Context) {
	q, errs := parseRegisterQuery(c, pageKeys)
	view := registerView{Query: q, Errors: errs, Statuses: request.Statuses}
	years, err := s.store.RegisterYears(c.Request.Context())
	if err != nil {
		s.serverError(c, err)
		return
	}
	view.Years = years
	if len(errs) > 0 {
		s.render(c, http.StatusBadRequest, "public_register", pageData{Title: "Register permohonan informasi", Data: view})
		return
	}
	if view.Items, view.HasMore, err = s.registerPage(c, q); err != nil {
		s.serverError(c, err)
		return
	}
	s.render(c, http.StatusOK, "public_register", pageData{Title: "Register permohonan informasi", Data: view})
}

// apiRegister is the register as JSON, one page of 50 at a time.
func (s *Server) apiRegister(c *gin.Context) {
	q, errs := parseRegisterQuery(c, apiKeys)
	if len(errs) > 0 {
		c.JSON(http.StatusBadRequest, gin.H{"error": "Parameter tidak valid.", "fields": errs})
		return
	}
	items, more, err := s.registerPage(c, q)
	if err != nil {
		s.serverError(c, err)
		return
	}
	c.Header("Cache-Control", "public, max-age=60")
	c.JSON(http.StatusOK, registerPageJSON{Items: items, Page: q.Page, PerPage: registerPageSize, HasMore: more})
}

type registerPageJSON struct {
	Items   []registerItem `json:"items"`
	Page    int            `json:"page"`
	PerPage int            `json:"per_page"`
	HasMore bool           `json:"has_more"`
}

// registerCSVHeader are the CSV columns: the API's field names, in the API's order.
var registerCSVHeader = []string{"registration_number", "received_date", "subject", "status", "status_label",
	"decision", "decision_label", "due_date", "extended", "notice_date", "days_taken", "on_time"}

func (it registerItem) csvRecord() []string {
	rec := []string{it.RegistrationNumber, it.ReceivedDate.String(), csvSafe(it.SubjectText()), it.Status, it.StatusLabel,
		"", "", it.DueDate.String(), strconv.FormatBool(it.Extended), "", "", ""}
	if it.Decision != nil {
		rec[5], rec[6] = *it.Decision, *it.DecisionLabel
	}
	if it.NoticeDate != nil {
		rec[9], rec[10] = it.NoticeDate.String(), strconv.Itoa(*it.DaysTaken)
	}
	if it.OnTime != nil {
		rec[11] = strconv.FormatBool(*it.OnTime)
	}
	return rec
}

// csvSafe keeps a requester's text from running as a spreadsheet formula (CSV injection).
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// publicRegisterCSV streams every row of the filter, newest first, without holding them in memory.
func (s *Server) publicRegisterCSV(c *gin.Context) {
	q, errs := parseRegisterQuery(c, pageKeys)
	if len(errs) > 0 {
		s.badTransparencyQuery(c, errs)
		return
	}
	name := "register"
	if q.Year != 0 {
		name += "-" + strconv.Itoa(q.Year)
	}
	if q.Status != "" {
		name += "-" + q.Status
	}
	cal := s.calendar.Current()
	w := csv.NewWriter(c.Writer)
	started, rows := false, 0
	start := func() {
		if !started {
			started = true
			startCSVDownload(c, name+".csv")
			w.Write(registerCSVHeader)
		}
	}
	err := s.store.EachRegisterEntry(c.Request.Context(), q.filter(), cal.Location(), func(e store.RegisterEntry) error {
		start()
		if err := w.Write(newRegisterItem(e, cal).csvRecord()); err != nil {
			return err
		}
		if rows++; rows%500 == 0 {
			w.Flush()
		}
		return w.Error()
	})
	if err != nil {
		if !started {
			s.serverError(c, err)
			return
		}
		// Half a file is already sent; the log says why it stops there.
		s.log.Error("register csv interrupted", "rows", rows, "error", err)
		c.Abort()
		return
	}
	start()
	w.Flush()
}

// startCSVDownload sends the headers of a CSV download.
func startCSVDownload(c *gin.Context, filename string) {
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", `attachment; filename="`+filename+`"`)
	c.Header("Cache-Control", "public, max-age=60")
	c.Status(http.StatusOK)
}

// badTransparencyQuery answers a page or download whose parameters are wrong, naming each.
func (s *Server) badTransparencyQuery(c *gin.Context, errs map[string]string) {
	msgs := make([]string, 0, len(errs))
	for _, k := range []string{"tahun", "status", "halaman"} {
		if m, ok := errs[k]; ok {
			msgs = append(msgs, k+": "+m)
		}
	}
	s.render(c, http.StatusBadRequest, "error", pageData{Title: "Permintaan tidak valid",
		Data: errorView{Heading: "Permintaan tidak valid", Message: strings.Join(msgs, " ")}})
}
