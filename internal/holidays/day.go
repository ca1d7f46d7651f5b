package holidays

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
)

// DayForm is one day as the administrator typed it.
type DayForm struct {
	Date string // TTTT-BB-HH
	Name string
	Kind string // one of Kinds
}

// Validate normalises the form into a holiday; year is the year to show the form again with:
// the day's, or this year's when the date is unreadable.
func (f DayForm) Validate(thisYear int) (h calendar.Holiday, year int, errs request.FieldErrors) {
	errs = request.FieldErrors{}
	h = calendar.Holiday{Name: strings.Join(strings.Fields(f.Name), " "), Kind: calendar.Kind(f.Kind)}
	d, err := calendar.ParseDate(strings.TrimSpace(f.Date))
	if err != nil || d.Year < minYear || d.Year > maxYear {
		errs["date"] = "Tanggal tidak valid, gunakan format TTTT-BB-HH."
	}
	h.Date = d
	switch {
	case h.Name == "":
		errs["name"] = "Nama hari libur wajib diisi."
	case utf8.RuneCountInString(h.Name) > 200:
		errs["name"] = "Nama terlalu panjang (paling banyak 200 karakter)."
	}
	if !slices.ContainsFunc(Kinds, func(o request.Option) bool { return o.Code == string(h.Kind) }) {
		errs["kind"] = "Pilih jenis hari libur."
	}
	year = d.Year
	if errs["date"] != "" {
		year = thisYear
	}
	return h, year, errs
}

// Added is the day added, the year it belongs to and how many deadlines it moved.
type Added struct {
	Holiday calendar.Holiday
	Year    int
	Moved   int
}

// Add adds one day and moves the open deadlines it pushes later. A wrong field or a day that
// already exists comes back as field errors, with Year set to the year to show.
func (s *Service) Add(ctx context.Context, actor *store.User, f DayForm) (Added, request.FieldErrors, error) {
	h, year, errs := f.Validate(s.ThisYear())
	out := Added{Holiday: h, Year: year}
	if len(errs) > 0 {
		return out, errs, nil
	}
	what := fmt.Sprintf("ditambahkan %s (%s, %s)", calendar.FormatIDLong(h.Date), h.Name, strings.ToLower(request.Label(Kinds, string(h.Kind))))
	moved, err := s.change(ctx, actor, what, func(tx *store.CalendarTx) (calendar.Date, error) {
		return h.Date, tx.AddHoliday(ctx, h)
	})
	if errors.Is(err, store.ErrConflict) {
		return out, request.FieldErrors{"date": "Hari libur dengan tanggal, nama dan jenis yang sama sudah ada."}, nil
	}
	if err != nil {
		return out, nil, err
	}
	out.Moved = moved
	return out, nil, nil
}

// Deleted is the day removed and how many deadlines the change moved (always later, so in
// practice none).
type Deleted struct {
	Holiday store.HolidayRecord
	Moved   int
}

// Delete removes an office's own (regional) holiday; ErrNotDeletable for any other id.
// Deadlines never move earlier.
func (s *Service) Delete(ctx context.Context, actor *store.User, id int64) (Deleted, error) {
	var gone store.HolidayRecord
	// Removing a day moves nothing later; running the same path keeps one rule for every change.
	moved, err := s.change(ctx, actor, "hari libur dihapus", func(tx *store.CalendarTx) (calendar.Date, error) {
		var err error
		gone, err = tx.DeleteRegionalHoliday(ctx, id)
		return gone.Date, err
	})
	if errors.Is(err, store.ErrNotFound) {
		return Deleted{}, ErrNotDeletable
	}
	if err != nil {
		return Deleted{}, err
	}
	return Deleted{Holiday: gone, Moved: moved}, nil
}
