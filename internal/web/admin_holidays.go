package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
)

// holidayKinds are the kinds of day an administrator may add one by one.
var holidayKinds = []request.Option{
	{Code: string(calendar.National), Label: "Libur nasional"},
	{Code: string(calendar.JointLeave), Label: "Cuti bersama"},
	{Code: string(calendar.Regional), Label: "Libur daerah/kantor"},
}

type adminHolidaysView struct {
	Year     int
	Years    []store.CalendarYearSummary
	Loaded   bool
	Decree   string
	Holidays []holidayRow
	Kinds    []request.Option
}

type holidayRow struct {
	store.HolidayRecord
	Weekday   string
	KindLabel string
	Weekend   bool
}

// adminHolidays shows one year's holidays (?tahun=, default this year) and the form to add one.
func (s *Server) adminHolidays(c *gin.Context) {
	year := calendar.DateOf(s.now().In(s.calendar.Current().Location())).Year
	if y, err := strconv.Atoi(c.Query("tahun")); err == nil && y >= 1990 && y <= 2200 {
		year = y
	}
	s.renderHolidays(c, http.StatusOK, year, &formView{Values: url.Values{"kind": {string(calendar.Regional)}}})
}

func (s *Server) renderHolidays(c *gin.Context, status, year int, form *formView) {
	ctx := c.Request.Context()
	years, err := s.store.CalendarYearSummaries(ctx)
	if err != nil {
		s.serverError(c, err)
		return
	}
	records, err := s.store.HolidaysOfYear(ctx, year)
	if err != nil {
		s.serverError(c, err)
		return
	}
	v := adminHolidaysView{Year: year, Years: years, Kinds: holidayKinds}
	if !slices.ContainsFunc(years, func(y store.CalendarYearSummary) bool { return y.Year == year }) {
		v.Years = append(v.Years, store.CalendarYearSummary{Year: year})
		slices.SortFunc(v.Years, func(a, b store.CalendarYearSummary) int { return a.Year - b.Year })
	}
	for _, y := range years {
		if y.Year == year {
			v.Loaded, v.Decree = y.Loaded, y.Decree
		}
	}
	for _, h := range records {
		wd := h.Date.Weekday()
		v.Holidays = append(v.Holidays, holidayRow{HolidayRecord: h, Weekday: calendar.WeekdayName(wd),
			KindLabel: request.Label(holidayKinds, h.Kind), Weekend: wd == time.Saturday || wd == time.Sunday})
	}
	s.render(c, status, "admin_holidays", pageData{Title: fmt.Sprintf("Hari libur %d", year), Form: form, Data: v})
}

// adminHolidayAdd adds one day and moves the open deadlines it pushes later.
func (s *Server) adminHolidayAdd(c *gin.Context) {
	if !s.adminForm(c) {
		return
	}
	form := c.Request.PostForm
	errs := request.FieldErrors{}
	h := calendar.Holiday{Name: strings.Join(strings.Fields(form.Get("name")), " "), Kind: calendar.Kind(form.Get("kind"))}
	d, err := calendar.ParseDate(strings.TrimSpace(form.Get("date")))
	if err != nil || d.Year < 1990 || d.Year > 2200 {
		errs["date"] = "Tanggal tidak valid, gunakan format TTTT-BB-HH."
	}
	h.Date = d
	switch {
	case h.Name == "":
		errs["name"] = "Nama hari libur wajib diisi."
	case utf8.RuneCountInString(h.Name) > 200:
		errs["name"] = "Nama terlalu panjang (paling banyak 200 karakter)."
	}
	if !slices.ContainsFunc(holidayKinds, func(o request.Option) bool { return o.Code == string(h.Kind) }) {
		errs["kind"] = "Pilih jenis hari libur."
	}
	year := d.Year
	if errs["date"] != "" {
		year = calendar.DateOf(s.now().In(s.calendar.Current().Location())).Year
	}
	if len(errs) > 0 {
		s.renderHolidays(c, http.StatusUnprocessableEntity, year, &formView{Values: form, Errors: errs})
		return
	}
	what := fmt.Sprintf("ditambahkan %s (%s, %s)", calendar.FormatIDLong(h.Date), h.Name, strings.ToLower(request.Label(holidayKinds, string(h.Kind))))
	moved, err := s.changeCalendar(c.Request.Context(), currentAccount(c), what, func(tx *store.CalendarTx) (calendar.Date, error) {
		return h.Date, tx.AddHoliday(c.Request.Context(), h)
	})
	if errors.Is(err, store.ErrConflict) {
		s.renderHolidays(c, http.StatusUnprocessableEntity, year, &formView{Values: form,
			Errors: request.FieldErrors{"date": "Hari libur dengan tanggal, nama dan jenis yang sama sudah ada."}})
		return
	}
	if err != nil {
		s.serverError(c, err)
		return
	}
	s.adminDone(c, "/kantor/admin/hari-libur?tahun="+strconv.Itoa(year),
		"Hari libur "+calendar.FormatID(h.Date)+" ("+h.Name+") ditambahkan. "+movedMessage(moved), false)
}

// adminHolidayDelete removes an office's own (regional) holiday. Deadlines never move earlier.
func (s *Server) adminHolidayDelete(c *gin.Context) {
	id, ok := s.adminID(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	var gone store.HolidayRecord
	// Removing a day moves nothing later; running the same path keeps one rule for every change.
	moved, err := s.changeCalendar(ctx, currentAccount(c), "hari libur dihapus",
		func(tx *store.CalendarTx) (calendar.Date, error) {
			var err error
			gone, err = tx.DeleteRegionalHoliday(ctx, id)
			return gone.Date, err
		})
	if errors.Is(err, store.ErrNotFound) {
		s.adminDone(c, "/kantor/admin/hari-libur", "Hari libur tidak ditemukan. Hanya libur daerah/kantor yang dapat dihapus; libur nasional dan cuti bersama mengikuti SKB.", true)
		return
	}
	if err != nil {
		s.serverError(c, err)
		return
	}
	s.adminDone(c, "/kantor/admin/hari-libur?tahun="+strconv.Itoa(gone.Date.Year),
		"Hari libur "+calendar.FormatID(gone.Date)+" ("+gone.Name+") dihapus. Tenggat yang sudah berjalan tidak dimajukan. "+movedMessage(moved), false)
}

type adminCalendarYearView struct {
	// LineErrors name each wrong line of the pasted list, by line number.
	LineErrors []string
}

func (s *Server) adminCalendarYearForm(c *gin.Context) {
	next := calendar.DateOf(s.now().In(s.calendar.Current().Location())).Year + 1
	s.render(c, http.StatusOK, "admin_calendar_year", pageData{Title: "Kalender tahun baru (SKB)",
		Form: &formView{Values: url.Values{"year": {strconv.Itoa(next)}}}, Data: adminCalendarYearView{}})
}

// parseSKBLines reads "YYYY-MM-DD;Nama;libur|cuti_bersama" lines; blank lines and lines
// starting with # are skipped. Every wrong line is reported with its number.
func parseSKBLines(year int, text string) ([]calendar.Holiday, []string) {
	var days []calendar.Holiday
	var errs []string
	seen := map[calendar.Holiday]int{}
	for i, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		n := i + 1
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, ";")
		if len(parts) != 3 {
			errs = append(errs, fmt.Sprintf("Baris %d: harus berisi tiga bagian dipisah titik koma: TTTT-BB-HH;Nama;libur atau cuti_bersama.", n))
			continue
		}
		d, err := calendar.ParseDate(strings.TrimSpace(parts[0]))
		name := strings.Join(strings.Fields(parts[1]), " ")
		kind := calendar.Kind(strings.TrimSpace(parts[2]))
		switch {
		case err != nil:
			errs = append(errs, fmt.Sprintf("Baris %d: tanggal %q tidak valid, gunakan format TTTT-BB-HH.", n, strings.TrimSpace(parts[0])))
		case d.Year != year:
			errs = append(errs, fmt.Sprintf("Baris %d: tanggal %s bukan tahun %d.", n, d, year))
		case name == "":
			errs = append(errs, fmt.Sprintf("Baris %d: nama hari libur kosong.", n))
		case utf8.RuneCountInString(name) > 200:
			errs = append(errs, fmt.Sprintf("Baris %d: nama terlalu panjang (paling banyak 200 karakter).", n))
		case kind != calendar.National && kind != calendar.JointLeave:
			errs = append(errs, fmt.Sprintf("Baris %d: jenis %q tidak dikenal; tulis libur atau cuti_bersama.", n, string(kind)))
		default:
			h := calendar.Holiday{Date: d, Name: name, Kind: kind}
			if first, dup := seen[h]; dup {
				errs = append(errs, fmt.Sprintf("Baris %d: sama dengan baris %d.", n, first))
				continue
			}
			seen[h] = n
			days = append(days, h)
		}
	}
	return days, errs
}

// adminCalendarYearImport loads a new year's official calendar: all lines or none.
func (s *Server) adminCalendarYearImport(c *gin.Context) {
	if !s.adminForm(c) {
		return
	}
	form := c.Request.PostForm
	errs := request.FieldErrors{}
	year, err := strconv.Atoi(strings.TrimSpace(form.Get("year")))
	if err != nil || year < 1990 || year > 2200 {
		errs["year"] = "Tahun tidak valid, contoh: 2027."
	}
	decree := strings.TrimSpace(form.Get("decree"))
	if decree == "" {
		errs["decree"] = "Tuliskan nomor dan tanggal SKB yang menetapkan kalender ini."
	}
	var days []calendar.Holiday
	var lineErrs []string
	if errs["year"] == "" {
		days, lineErrs = parseSKBLines(year, form.Get("lines"))
		switch {
		case len(lineErrs) > 0:
			errs["lines"] = fmt.Sprintf("%d baris salah; tidak ada yang disimpan. Perbaiki baris berikut:", len(lineErrs))
		case len(days) == 0:
			errs["lines"] = "Tempelkan daftar hari libur, satu hari per baris."
		}
	}
	renderErr := func() {
		s.render(c, http.StatusUnprocessableEntity, "admin_calendar_year", pageData{Title: "Kalender tahun baru (SKB)",
			Form: &formView{Values: form, Errors: errs}, Data: adminCalendarYearView{LineErrors: lineErrs}})
	}
	if len(errs) > 0 {
		renderErr()
		return
	}
	what := fmt.Sprintf("kalender tahun %d dimuat (%s)", year, decree)
	moved, err := s.changeCalendar(c.Request.Context(), currentAccount(c), what,
		func(tx *store.CalendarTx) (calendar.Date, error) {
			earliest := slices.MinFunc(days, func(a, b calendar.Holiday) int { return a.Date.Compare(b.Date) }).Date
			return earliest, tx.AddCalendarYear(c.Request.Context(), year, decree, days)
		})
	if errors.Is(err, store.ErrConflict) {
		errs["year"] = fmt.Sprintf("Kalender tahun %d sudah dimuat; tambahkan perubahan SKB satu per satu di halaman hari libur.", year)
		renderErr()
		return
	}
	if err != nil {
		s.serverError(c, err)
		return
	}
	s.adminDone(c, "/kantor/admin/hari-libur?tahun="+strconv.Itoa(year),
		fmt.Sprintf("Kalender tahun %d dimuat dengan %d hari libur. %s", year, len(days), movedMessage(moved)), false)
}
