package web

import (
	"encoding/csv"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/chart"
	"github.com/terbuka-id/terbuka/internal/performance"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/transparency"
)

// statisticsYear reads the year parameter; the current year when it is absent.
func (s *Server) statisticsYear(c *gin.Context, key string) (int, map[string]string) {
	year, msg := parseYearQuery(c.Query(key))
	if msg != "" {
		return 0, map[string]string{key: msg}
	}
	if year == 0 {
		year = s.transparency.ThisYear()
	}
	return year, nil
}

type statisticsView struct {
	Year   int
	Years  []int
	Errors map[string]string
	Stats  *transparency.Statistics
	// Units are the year's figures per unit, never per officer.
	Units []performance.Line
}

// UnitRate, UnitDays and UnitSurvey are the per-unit table's cells.
func (v statisticsView) UnitRate(r *float64) string { return performance.RateText(r) }
func (v statisticsView) UnitDays(d *float64) string { return performance.DaysText(d) }
func (v statisticsView) UnitSurvey(s *performance.SurveySummary) string {
	return performance.SurveyText(s)
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
	years, err := s.transparency.Years(c.Request.Context(), year)
	if err != nil {
		s.serverError(c, err)
		return
	}
	view := statisticsView{Year: year, Errors: errs, Years: years}
	if len(errs) > 0 {
		s.render(c, http.StatusBadRequest, "public_statistics", pageData{Title: "Statistik layanan informasi", Data: view})
		return
	}
	if view.Stats, err = s.transparency.Statistics(c.Request.Context(), year); err != nil {
		s.serverError(c, err)
		return
	}
	if view.Units, err = s.performance.PublicUnits(c.Request.Context(), year); err != nil {
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
	out, err := s.transparency.Statistics(c.Request.Context(), year)
	if err != nil {
		s.serverError(c, err)
		return
	}
	c.Header("Cache-Control", "public, max-age=60")
	c.JSON(http.StatusOK, out)
}

// publicStatisticsCSV downloads one year's statistics.
func (s *Server) publicStatisticsCSV(c *gin.Context) {
	year, errs := s.statisticsYear(c, "tahun")
	if len(errs) > 0 {
		s.badTransparencyQuery(c, errs)
		return
	}
	st, err := s.transparency.Statistics(c.Request.Context(), year)
	if err != nil {
		s.serverError(c, err)
		return
	}
	startCSVDownload(c, "statistik-"+strconv.Itoa(year)+".csv")
	w := csv.NewWriter(c.Writer)
	w.Write(transparency.StatisticsCSVHeader)
	w.WriteAll(st.CSVRecords())
}
