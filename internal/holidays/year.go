package holidays

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
)

// YearForm is a new year's official calendar as the administrator pasted it.
type YearForm struct {
	Year   string
	Decree string // the SKB's number and date
	Lines  string // "TTTT-BB-HH;Nama;libur|cuti_bersama", one day per line
}

// Imported is what loading a year did, or, with field errors, every wrong line by number.
type Imported struct {
	Year       int
	Days       int
	Moved      int
	LineErrors []string
}

// ImportYear loads a new year's official calendar: all lines or none.
func (s *Service) ImportYear(ctx context.Context, actor *store.User, f YearForm) (Imported, request.FieldErrors, error) {
	errs := request.FieldErrors{}
	year, err := strconv.Atoi(strings.TrimSpace(f.Year))
	if err != nil || year < minYear || year > maxYear {
		errs["year"] = "Tahun tidak valid, contoh: 2027."
	}
	decree := strings.TrimSpace(f.Decree)
	if decree == "" {
		errs["decree"] = "Tuliskan nomor dan tanggal SKB yang menetapkan kalender ini."
	}
	var days []calendar.Holiday
	out := Imported{Year: year}
	if errs["year"] == "" {
		days, out.LineErrors = parseSKBLines(year, f.Lines)
		switch {
		case len(out.LineErrors) > 0:
			errs["lines"] = fmt.Sprintf("%d baris salah; tidak ada yang disimpan. Perbaiki baris berikut:", len(out.LineErrors))
		case len(days) == 0:
			errs["lines"] = "Tempelkan daftar hari libur, satu hari per baris."
		}
	}
	if len(errs) > 0 {
		return out, errs, nil
	}
	what := fmt.Sprintf("kalender tahun %d dimuat (%s)", year, decree)
	moved, err := s.change(ctx, actor, what, func(tx *store.CalendarTx) (calendar.Date, error) {
		earliest := slices.MinFunc(days, func(a, b calendar.Holiday) int { return a.Date.Compare(b.Date) }).Date
		return earliest, tx.AddCalendarYear(ctx, year, decree, days)
	})
	if errors.Is(err, store.ErrConflict) {
		return out, request.FieldErrors{"year": fmt.Sprintf("Kalender tahun %d sudah dimuat; tambahkan perubahan SKB satu per satu di halaman hari libur.", year)}, nil
	}
	if err != nil {
		return out, nil, err
	}
	out.Days, out.Moved = len(days), moved
	return out, nil, nil
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
