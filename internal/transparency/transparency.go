// Package transparency is the public register and the yearly statistics the office publishes,
// built from stored rows and the working-day calendar; never personal data.
package transparency

import (
	"context"
	"slices"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/officecalendar"
	"github.com/terbuka-id/terbuka/internal/store"
)

// Service reads the register and the statistics.
type Service struct {
	Store    *store.Store
	Calendar *officecalendar.Source
	Now      func() time.Time
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

// Years lists the years with requests, newest first, with include added when it is not
// among them (0 adds nothing), so a chosen year stays in the list.
func (s *Service) Years(ctx context.Context, include int) ([]int, error) {
	years, err := s.Store.RegisterYears(ctx)
	if err != nil {
		return nil, err
	}
	if include != 0 && !slices.Contains(years, include) {
		years = append(years, include)
		slices.SortFunc(years, func(a, b int) int { return b - a })
	}
	return years, nil
}
