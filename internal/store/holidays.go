package store

import (
	"context"
	"fmt"

	"github.com/terbuka-id/terbuka/internal/calendar"
)

// CalendarData loads every holiday and the years whose official calendar is loaded.
func (s *Store) CalendarData(ctx context.Context) ([]calendar.Holiday, []int, error) {
	var rows []struct {
		Date calendar.Date `db:"date"`
		Name string        `db:"name"`
		Kind string        `db:"kind"`
	}
	if err := s.db.SelectContext(ctx, &rows, `SELECT date, name, kind FROM holidays ORDER BY date, kind`); err != nil {
		return nil, nil, fmt.Errorf("store: unable to fetch holidays: %w", err)
	}
	holidays := make([]calendar.Holiday, len(rows))
	for i, r := range rows {
		holidays[i] = calendar.Holiday{Date: r.Date, Name: r.Name, Kind: calendar.Kind(r.Kind)}
	}
	var years []int
	if err := s.db.SelectContext(ctx, &years, `SELECT year FROM calendar_years ORDER BY year`); err != nil {
		return nil, nil, fmt.Errorf("store: unable to fetch calendar years: %w", err)
	}
	return holidays, years, nil
}
