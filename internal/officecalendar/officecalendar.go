// Package officecalendar keeps the working-day calendar that every clock uses, built from the
// holidays table and rebuilt periodically so an admin's change on one instance reaches all.
package officecalendar

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
)

// Loader reads the holiday data; *store.Store is one.
type Loader interface {
	CalendarData(ctx context.Context) ([]calendar.Holiday, []int, error)
}

// Source hands out the current calendar; safe for concurrent use.
type Source struct {
	loader  Loader
	opts    calendar.Options
	current atomic.Pointer[calendar.Calendar]
}

// Load builds the first calendar; start-up fails when the data cannot be read.
func Load(ctx context.Context, loader Loader, opts calendar.Options) (*Source, error) {
	s := &Source{loader: loader, opts: opts}
	if err := s.Reload(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// Current is the calendar to compute with now.
func (s *Source) Current() *calendar.Calendar { return s.current.Load() }

// Reload rebuilds the calendar from the database.
func (s *Source) Reload(ctx context.Context) error {
	holidays, years, err := s.loader.CalendarData(ctx)
	if err != nil {
		return err
	}
	s.current.Store(calendar.New(holidays, years, s.opts))
	return nil
}

// Refresh reloads every interval until ctx ends; a failed reload keeps the last good calendar.
func (s *Source) Refresh(ctx context.Context, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := s.Reload(ctx); err != nil && ctx.Err() == nil {
				log.Warn("calendar reload failed; keeping the previous one", "error", err)
			}
		}
	}
}
