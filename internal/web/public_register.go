package web

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/transparency"
)

// registerMinYear and registerMaxYear bound the years a filter may name.
const registerMinYear, registerMaxYear = 1990, 2200

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
func parseRegisterQuery(c *gin.Context, k queryKeys) (transparency.RegisterQuery, map[string]string) {
	q := transparency.RegisterQuery{Page: 1}
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
	if q.Page, msg = pageNumber(c.Query(k.Page), transparency.RegisterMaxPage); msg != "" {
		errs[k.Page] = msg
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

type registerView struct {
	Query    transparency.RegisterQuery
	Errors   map[string]string
	Years    []int
	Items    []transparency.RegisterItem
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

// publicRegister is the register of requests the public may see (UU 14/2008 Pasal 13; Perki 1/2021).
func (s *Server) publicRegister(c *gin.Context) {
	q, errs := parseRegisterQuery(c, pageKeys)
	view := registerView{Query: q, Errors: errs, Statuses: request.Statuses}
	years, err := s.transparency.Years(c.Request.Context(), 0)
	if err != nil {
		s.serverError(c, err)
		return
	}
	view.Years = years
	if len(errs) > 0 {
		s.render(c, http.StatusBadRequest, "public_register", pageData{Title: "Register permohonan informasi", Data: view})
		return
	}
	if view.Items, view.HasMore, err = s.transparency.RegisterPage(c.Request.Context(), q); err != nil {
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
	items, more, err := s.transparency.RegisterPage(c.Request.Context(), q)
	if err != nil {
		s.serverError(c, err)
		return
	}
	for i := range items {
		if items[i].PagePath != "" {
			u := s.absURL(items[i].PagePath)
			items[i].PageURL = &u
		}
	}
	c.Header("Cache-Control", "public, max-age=60")
	c.JSON(http.StatusOK, registerPageJSON{Items: items, Page: q.Page, PerPage: transparency.RegisterPageSize, HasMore: more})
}

type registerPageJSON struct {
	Items   []transparency.RegisterItem `json:"items"`
	Page    int                         `json:"page"`
	PerPage int                         `json:"per_page"`
	HasMore bool                        `json:"has_more"`
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
	w := csv.NewWriter(c.Writer)
	started, rows := false, 0
	start := func() {
		if !started {
			started = true
			startCSVDownload(c, name+".csv")
			w.Write(append(transparency.RegisterCSVHeader[:len(transparency.RegisterCSVHeader):len(transparency.RegisterCSVHeader)], "page_url"))
		}
	}
	err := s.transparency.EachRegisterItem(c.Request.Context(), q, func(it transparency.RegisterItem) error {
		start()
		page := ""
		if it.PagePath != "" {
			page = s.absURL(it.PagePath)
		}
		if err := w.Write(append(it.CSVRecord(), page)); err != nil {
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
