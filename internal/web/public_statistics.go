package web

import (
	"encoding/csv"
	"html/template"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/chart"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/stats"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// statisticsJSON is one year's statistics, as the API, the CSV and the page give them. The
// requests are those registered in the year; objections and disputes those received in it.
type statisticsJSON struct {
	Year             int           `json:"year"`
	AsOf             calendar.Date `json:"as_of"` // the day "overdue" and "pending" were judged on
	Received         int           `json:"received"`
	ReceivedPerMonth []monthCount  `json:"received_per_month"`
	// Decisions counts each request's first written notice by its decision (Pasal 22(7)).
	Decisions []codeCount  `json:"decisions"`
	Notices   noticeCounts `json:"notices"`
	// OnTimeRate is on_time / (on_time + late + overdue_unanswered), 0–1; null when no period has ended.
	OnTimeRate *float64 `json:"on_time_rate"`
	// MedianDaysTaken is the median of working days from D0 to the first notice; null without notices.
	MedianDaysTaken *float64        `json:"median_days_taken"`
	Objections      objectionCounts `json:"objections"`
	Disputes        disputeCounts   `json:"disputes"`
}

type monthCount struct {
	Month int    `json:"month"`
	Name  string `json:"name"`
	Count int    `json:"count"`
}

type codeCount struct {
	Code  string `json:"code"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

type noticeCounts struct {
	OnTime              int `json:"on_time"`
	Late                int `json:"late"`
	OverdueUnanswered   int `json:"overdue_unanswered"`
	Pending             int `json:"pending"`
	ClosedWithoutNotice int `json:"closed_without_notice"`
}

type objectionCounts struct {
	Filed      int         `json:"filed"`
	Open       int         `json:"open"`
	Upheld     int         `json:"upheld"`
	Overturned int         `json:"overturned"`
	ByGround   []codeCount `json:"by_ground"`
}

type disputeCounts struct {
	Filed   int `json:"filed"`
	Ruled   int `json:"ruled"`
	InCourt int `json:"in_court"`
}

// statisticsYear reads the year parameter; the current year when it is absent.
func (s *Server) statisticsYear(c *gin.Context, key string) (int, map[string]string) {
	year, msg := parseYearQuery(c.Query(key))
	if msg != "" {
		return 0, map[string]string{key: msg}
	}
	if year == 0 {
		year = s.now().In(s.calendar.Current().Location()).Year()
	}
	return year, nil
}

// yearStatistics aggregates year in SQL and counts the working days taken with the calendar.
func (s *Server) yearStatistics(c *gin.Context, year int) (*statisticsJSON, error) {
	cal := s.calendar.Current()
	today := calendar.DateOf(s.now().In(cal.Location()))
	st, err := s.store.Statistics(c.Request.Context(), year, cal.Location(), today)
	if err != nil {
		return nil, err
	}
	out := &statisticsJSON{Year: year, AsOf: today, Received: st.Received,
		Notices: noticeCounts{OnTime: st.NoticesOnTime, Late: st.NoticesLate, OverdueUnanswered: st.OverdueUnanswered,
			Pending: st.Pending, ClosedWithoutNotice: st.ClosedWithoutNotice},
		Objections: objectionCounts{Filed: st.Objections.Filed, Open: st.Objections.Open, Upheld: st.Objections.Upheld,
			Overturned: st.Objections.Overturned},
		Disputes: disputeCounts{Filed: st.Disputes.Filed, Ruled: st.Disputes.Ruled, InCourt: st.Disputes.InCourt}}
	for m := range 12 {
		month := calendar.MonthName(time.Month(m + 1))
		out.ReceivedPerMonth = append(out.ReceivedPerMonth, monthCount{Month: m + 1, Name: month, Count: st.PerMonth[m]})
	}
	for _, o := range request.Decisions {
		out.Decisions = append(out.Decisions, codeCount{Code: o.Code, Label: o.Label, Count: st.Decisions[o.Code]})
	}
	for _, o := range workflow.ObjectionGrounds {
		out.Objections.ByGround = append(out.Objections.ByGround, codeCount{Code: o.Code, Label: o.Label, Count: st.Objections.ByGround[o.Code]})
	}
	// UU 14/2008 Pasal 22(7)–(8): the period ends 10 working days after D0, or 17 once extended.
	if rate, ok := stats.OnTimeRate(st.NoticesOnTime, st.NoticesLate, st.OverdueUnanswered); ok {
		rate = math.Round(rate*10000) / 10000
		out.OnTimeRate = &rate
	}
	byDays := map[int]int{}
	for _, p := range st.NoticeDays {
		byDays[stats.DaysTaken(cal, p.CountingFrom, p.Notice)] += p.N
	}
	counts := make([]stats.Count, 0, len(byDays))
	for days, n := range byDays {
		counts = append(counts, stats.Count{Value: days, N: n})
	}
	if median, ok := stats.MedianOfCounts(counts); ok {
		out.MedianDaysTaken = &median
	}
	return out, nil
}

type statisticsView struct {
	Year   int
	Years  []int
	Errors map[string]string
	Stats  *statisticsJSON
}

func (v statisticsView) Err(key string) string { return v.Errors[key] }

// CSVURL and JSONURL are the same figures for download.
func (v statisticsView) CSVURL() string { return "/statistik.csv?tahun=" + strconv.Itoa(v.Year) }
func (v statisticsView) JSONURL() string {
	return "/api/v1/statistics?year=" + strconv.Itoa(v.Year)
}

// RateText is the on-time rate as Indonesian write it: "87,5%".
func (v statisticsView) RateText() string {
	if v.Stats.OnTimeRate == nil {
		return "—"
	}
	return decimalID(*v.Stats.OnTimeRate*100, 1) + "%"
}

// MedianText is the median working days, "6" or "6,5".
func (v statisticsView) MedianText() string {
	if v.Stats.MedianDaysTaken == nil {
		return "—"
	}
	return decimalID(*v.Stats.MedianDaysTaken, -1)
}

// Answered is how many requests had a written notice.
func (v statisticsView) Answered() int { return v.Stats.Notices.OnTime + v.Stats.Notices.Late }

// MonthChart draws the requests per month.
func (v statisticsView) MonthChart() template.HTML {
	bars := make([]chart.Bar, len(v.Stats.ReceivedPerMonth))
	for i, m := range v.Stats.ReceivedPerMonth {
		bars[i] = chart.Bar{Label: string([]rune(m.Name)[:3]), Name: m.Name, Value: m.Count}
	}
	return chart.Columns(chart.Chart{ID: "grafik-bulanan", Title: "Permohonan diterima per bulan, tahun " + strconv.Itoa(v.Year),
		Desc: "Jumlah permohonan informasi yang diterima setiap bulan.", Bars: bars})
}

// DecisionChart draws the first written notices by decision.
func (v statisticsView) DecisionChart() template.HTML {
	bars := make([]chart.Bar, len(v.Stats.Decisions))
	for i, d := range v.Stats.Decisions {
		bars[i] = chart.Bar{Label: request.Label(request.Statuses, d.Code), Name: d.Label, Value: d.Count}
	}
	return chart.HBars(chart.Chart{ID: "grafik-putusan", Title: "Isi pemberitahuan tertulis, tahun " + strconv.Itoa(v.Year),
		Desc: "Jumlah permohonan menurut isi pemberitahuan tertulis pertama.", Bars: bars})
}

func decimalID(f float64, prec int) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', prec, 64), ".", ",", 1)
}

// publicStatistics is the statistics page of one year, charts with their numbers in tables.
func (s *Server) publicStatistics(c *gin.Context) {
	year, errs := s.statisticsYear(c, "tahun")
	years, err := s.store.RegisterYears(c.Request.Context())
	if err != nil {
		s.serverError(c, err)
		return
	}
	view := statisticsView{Year: year, Errors: errs, Years: years}
	if year != 0 && !slices.Contains(years, year) {
		view.Years = append(view.Years, year)
		slices.SortFunc(view.Years, func(a, b int) int { return b - a })
	}
	if len(errs) > 0 {
		s.render(c, http.StatusBadRequest, "public_statistics", pageData{Title: "Statistik layanan informasi", Data: view})
		return
	}
	if view.Stats, err = s.yearStatistics(c, year); err != nil {
		s.serverError(c, err)
		return
	}
	s.render(c, http.StatusOK, "public_statistics", pageData{Title: "Statistik layanan informasi " + strconv.Itoa(year), Data: view})
}

// apiStatistics is one year's statistics as JSON.
func (s *Server) apiStatistics(c *gin.Context) {
	year, errs := s.statisticsYear(c, "year")
	if len(errs) > 0 {
		c.JSON(http.StatusBadRequest, gin.H{"error": "Parameter tidak valid.", "fields": errs})
		return
	}
	out, err := s.yearStatistics(c, year)
	if err != nil {
		s.serverError(c, err)
		return
	}
	c.Header("Cache-Control", "public, max-age=60")
	c.JSON(http.StatusOK, out)
}

// statisticsCSVHeader: one figure per line, so the file reads the same in a spreadsheet and a script.
var statisticsCSVHeader = []string{"year", "section", "key", "label", "value"}

func (st *statisticsJSON) csvRecords() [][]string {
	y := strconv.Itoa(st.Year)
	var out [][]string
	add := func(section, key, label string, value string) {
		out = append(out, []string{y, section, key, label, value})
	}
	n := strconv.Itoa
	add("received", "total", "Permohonan diterima", n(st.Received))
	for _, m := range st.ReceivedPerMonth {
		add("received_per_month", n(m.Month), m.Name, n(m.Count))
	}
	for _, d := range st.Decisions {
		add("decisions", d.Code, d.Label, n(d.Count))
	}
	add("notices", "on_time", "Pemberitahuan tepat waktu", n(st.Notices.OnTime))
	add("notices", "late", "Pemberitahuan terlambat", n(st.Notices.Late))
	add("notices", "overdue_unanswered", "Belum dijawab, melewati tenggat", n(st.Notices.OverdueUnanswered))
	add("notices", "pending", "Belum dijawab, dalam tenggat", n(st.Notices.Pending))
	add("notices", "closed_without_notice", "Selesai tanpa pemberitahuan (ditarik)", n(st.Notices.ClosedWithoutNotice))
	rate, median := "", ""
	if st.OnTimeRate != nil {
		rate = strconv.FormatFloat(*st.OnTimeRate, 'f', -1, 64)
	}
	if st.MedianDaysTaken != nil {
		median = strconv.FormatFloat(*st.MedianDaysTaken, 'f', -1, 64)
	}
	add("summary", "on_time_rate", "Rasio tepat waktu (0–1)", rate)
	add("summary", "median_days_taken", "Median hari kerja sampai pemberitahuan", median)
	add("objections", "filed", "Keberatan diterima", n(st.Objections.Filed))
	add("objections", "open", "Keberatan menunggu tanggapan", n(st.Objections.Open))
	add("objections", "upheld", "Putusan PPID dikuatkan", n(st.Objections.Upheld))
	add("objections", "overturned", "Putusan PPID dibatalkan", n(st.Objections.Overturned))
	for _, g := range st.Objections.ByGround {
		add("objections_by_ground", g.Code, g.Label, n(g.Count))
	}
	add("disputes", "filed", "Sengketa diterima Komisi Informasi", n(st.Disputes.Filed))
	add("disputes", "ruled", "Sengketa diputus", n(st.Disputes.Ruled))
	add("disputes", "in_court", "Diajukan ke pengadilan", n(st.Disputes.InCourt))
	return out
}

// publicStatisticsCSV downloads one year's statistics.
func (s *Server) publicStatisticsCSV(c *gin.Context) {
	year, errs := s.statisticsYear(c, "tahun")
	if len(errs) > 0 {
		s.badTransparencyQuery(c, errs)
		return
	}
	st, err := s.yearStatistics(c, year)
	if err != nil {
		s.serverError(c, err)
		return
	}
	startCSVDownload(c, "statistik-"+strconv.Itoa(year)+".csv")
	w := csv.NewWriter(c.Writer)
	w.Write(statisticsCSVHeader)
	w.WriteAll(st.csvRecords())
}
