// Package performance measures how the office serves, year by year: the evaluation of units
// and officers a superior reads, the public per-unit table, and the annual public information
// service report of Perki 1/2021 Pasal 56 (draft from the data, locked with frozen figures and
// a PDF made once, published). Figures come from the same rows as the register and statistics.
package performance

import (
	"context"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/officecalendar"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/transparency"
)

// SurveySummary is the satisfaction survey's result (SKM, PermenPAN-RB 14/2017) of a unit or the
// office over a period: the IKM converted to 25–100 and its grade; IKM is nil without respondents.
type SurveySummary struct {
	Respondents int      `json:"respondents"`
	IKM         *float64 `json:"ikm"`
	Grade       string   `json:"grade"`
	GradeLabel  string   `json:"grade_label"`
}

// SurveyResults gives the SKM results; the survey lives in its own package, wired in app.New.
// unitID nil is the whole office; [from, to) is the period.
type SurveyResults interface {
	Summary(ctx context.Context, unitID *int64, from, to time.Time) (SurveySummary, error)
}

// Service computes the evaluation and keeps the annual reports.
type Service struct {
	Store        *store.Store
	Calendar     *officecalendar.Source
	Transparency *transparency.Service
	Blobs        files.Blobs
	// Survey is optional: without it the SKM sections say there is no survey data yet.
	Survey SurveyResults
	// Office is the public body's name, the heading of the report's PDF.
	Office func() string
	Now    func() time.Time
}

// today is the current day in the office's time zone, with the calendar to count in.
func (s *Service) today() (*calendar.Calendar, calendar.Date) {
	cal := s.Calendar.Current()
	return cal, calendar.DateOf(s.Now().In(cal.Location()))
}

// ThisYear is the current year in the office's time zone.
func (s *Service) ThisYear() int {
	_, today := s.today()
	return today.Year
}

// yearBounds are the first instants of year and of the next, office time.
func (s *Service) yearBounds(year int) (time.Time, time.Time) {
	loc := s.Calendar.Current().Location()
	return time.Date(year, 1, 1, 0, 0, 0, 0, loc), time.Date(year+1, 1, 1, 0, 0, 0, 0, loc)
}

// survey reads the SKM summary of unitID (nil: the office) for year; nil without a survey source
// or without a respondent in the year (the pages then say there is no survey data yet).
func (s *Service) survey(ctx context.Context, unitID *int64, year int) (*SurveySummary, error) {
	if s.Survey == nil {
		return nil, nil
	}
	from, to := s.yearBounds(year)
	sum, err := s.Survey.Summary(ctx, unitID, from, to)
	if err != nil || sum.Respondents == 0 {
		return nil, err
	}
	return &sum, nil
}

// medianDays is the median working days from D0 to the first notice over the pairs.
func medianDays(cal *calendar.Calendar, pairs []store.NoticeDays) *float64 {
	byDays := map[int]int{}
	for _, p := range pairs {
		byDays[transparency.DaysTaken(cal, p.CountingFrom, p.Notice)] += p.N
	}
	counts := make([]transparency.Count, 0, len(byDays))
	for d, n := range byDays {
		counts = append(counts, transparency.Count{Value: d, N: n})
	}
	if m, ok := transparency.MedianOfCounts(counts); ok {
		return &m
	}
	return nil
}
