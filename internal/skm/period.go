package skm

import (
	"strconv"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
)

// Period is a survey period of whole days, [From, To) in office time.
type Period struct {
	From, To calendar.Date // To exclusive
	Label    string        // "Tahun 2026", "Semester I 2026", "Triwulan III 2026", "1 Maret 2026 – 31 Mei 2026"
	// Kind and its number say how it was chosen, for forms: year, semester, quarter, custom.
	Kind   string
	Number int
}

// Times are the period's bounds as instants in loc.
func (p Period) Times(loc *time.Location) (from, to time.Time) { return p.From.In(loc), p.To.In(loc) }

// Year is the period's (first) year.
func (p Period) Year() int { return p.From.Year }

// Last is the period's last day.
func (p Period) Last() calendar.Date { return p.To.AddDays(-1) }

var roman = []string{"", "I", "II", "III", "IV"}

// YearPeriod is one calendar year.
func YearPeriod(y int) Period {
	return Period{From: calendar.NewDate(y, time.January, 1), To: calendar.NewDate(y+1, time.January, 1),
		Label: "Tahun " + strconv.Itoa(y), Kind: "year"}
}

// SemesterPeriod is half n (1 or 2) of year y.
func SemesterPeriod(y, n int) Period {
	from := calendar.NewDate(y, time.Month(6*(n-1)+1), 1)
	return Period{From: from, To: calendar.NewDate(y, time.Month(6*n+1), 1),
		Label: "Semester " + roman[n] + " " + strconv.Itoa(y), Kind: "semester", Number: n}
}

// QuarterPeriod is quarter n (1–4) of year y.
func QuarterPeriod(y, n int) Period {
	return Period{From: calendar.NewDate(y, time.Month(3*(n-1)+1), 1), To: calendar.NewDate(y, time.Month(3*n+1), 1),
		Label: "Triwulan " + roman[n] + " " + strconv.Itoa(y), Kind: "quarter", Number: n}
}

// PeriodKeys name a period's query parameters: the API's English keys or the pages' Indonesian ones.
type PeriodKeys struct{ Year, Semester, Quarter, From, To string }

// APIKeys and PageKeys are the two sets of names.
var (
	APIKeys  = PeriodKeys{"year", "semester", "quarter", "from", "to"}
	PageKeys = PeriodKeys{"tahun", "semester", "triwulan", "dari", "sampai"}
)

// ParsePeriod reads a period from query values: from=&to= (dates, both inclusive), or a year
// with an optional semester or quarter; the current year (thisYear) when nothing is given.
// Every bad parameter is a field error under its own key.
func ParsePeriod(get func(string) string, k PeriodKeys, thisYear int) (Period, request.FieldErrors) {
	errs := request.FieldErrors{}
	fromRaw, toRaw := strings.TrimSpace(get(k.From)), strings.TrimSpace(get(k.To))
	if fromRaw != "" || toRaw != "" {
		from, err1 := calendar.ParseDate(fromRaw)
		to, err2 := calendar.ParseDate(toRaw)
		if err1 != nil {
			errs[k.From] = "Tanggal awal tidak valid, gunakan format TTTT-BB-HH."
		}
		if err2 != nil {
			errs[k.To] = "Tanggal akhir tidak valid, gunakan format TTTT-BB-HH."
		}
		if len(errs) == 0 && to.Before(from) {
			errs[k.To] = "Tanggal akhir tidak boleh sebelum tanggal awal."
		}
		if len(errs) == 0 && to.Year-from.Year > 5 {
			errs[k.To] = "Periode paling panjang lima tahun."
		}
		if len(errs) > 0 {
			return Period{}, errs
		}
		return Period{From: from, To: to.AddDays(1), Kind: "custom",
			Label: calendar.FormatIDLong(from) + " – " + calendar.FormatIDLong(to)}, nil
	}
	year := thisYear
	if raw := strings.TrimSpace(get(k.Year)); raw != "" {
		y, err := strconv.Atoi(raw)
		if err != nil || y < 2000 || y > 2100 {
			errs[k.Year] = "Tahun tidak valid (2000–2100)."
		}
		year = y
	}
	number := func(key string, max int) int {
		raw := strings.TrimSpace(get(key))
		if raw == "" {
			return 0
		}
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > max {
			errs[key] = "Harus 1 sampai " + strconv.Itoa(max) + "."
			return 0
		}
		return n
	}
	semester, quarter := number(k.Semester, 2), number(k.Quarter, 4)
	if semester > 0 && quarter > 0 {
		errs[k.Quarter] = "Pilih semester atau triwulan, tidak keduanya."
	}
	if len(errs) > 0 {
		return Period{}, errs
	}
	switch {
	case semester > 0:
		return SemesterPeriod(year, semester), nil
	case quarter > 0:
		return QuarterPeriod(year, quarter), nil
	}
	return YearPeriod(year), nil
}
