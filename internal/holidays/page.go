package holidays

import (
	"context"
	"slices"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
)

// YearView is one year of the calendar as the administration page shows it.
type YearView struct {
	Year     int
	Years    []store.CalendarYearSummary // every year with data, plus Year
	Loaded   bool                        // the year's official calendar (SKB) is loaded
	Decree   string
	Holidays []Day
	Kinds    []request.Option
}

// Day is one holiday with what the page says about it.
type Day struct {
	store.HolidayRecord
	Weekday   string
	KindLabel string
	Weekend   bool
}

// Year reads one year's holidays and the list of years to switch to.
func (s *Service) Year(ctx context.Context, year int) (*YearView, error) {
	years, err := s.Store.CalendarYearSummaries(ctx)
	if err != nil {
		return nil, err
	}
	records, err := s.Store.HolidaysOfYear(ctx, year)
	if err != nil {
		return nil, err
	}
	v := &YearView{Year: year, Years: years, Kinds: Kinds}
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
		v.Holidays = append(v.Holidays, Day{HolidayRecord: h, Weekday: calendar.WeekdayName(wd),
			KindLabel: request.Label(Kinds, h.Kind), Weekend: wd == time.Saturday || wd == time.Sunday})
	}
	return v, nil
}

// ValidYear reports whether year may be shown or kept.
func ValidYear(year int) bool { return year >= minYear && year <= maxYear }
