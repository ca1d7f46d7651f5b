package calendar

import (
	"database/sql/driver"
	"fmt"
	"strconv"
	"time"
)

// dateLayout is the ISO form used for text, JSON and SQL.
const dateLayout = "2006-01-02"

// Date is a civil date (no time, no zone). Build it with NewDate so the fields are normalised;
// a literal with out-of-range fields still computes correctly but compares unequal with ==.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date y-m-d, normalising overflowing months and days like time.Date.
func NewDate(y int, m time.Month, d int) Date {
	return fromDays(daysFromCivil(y, m, d))
}

// ParseDate parses "2006-01-02".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("calendar: invalid date %q: %w", s, err)
	}
	return DateOf(t), nil
}

// DateOf returns t's date in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// IsZero reports whether d is the zero Date (no date set).
func (d Date) IsZero() bool {
	return d == Date{}
}

// String returns the date as "2026-03-13".
func (d Date) String() string {
	n := d.normalized()
	// Hand-built rather than fmt because dates are formatted on every API response.
	b := make([]byte, 0, 10)
	b = appendPadded(b, n.Year, 4)
	b = append(b, '-')
	b = appendPadded(b, int(n.Month), 2)
	b = append(b, '-')
	b = appendPadded(b, n.Day, 2)
	return string(b)
}

func appendPadded(b []byte, v, width int) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	s := strconv.Itoa(v)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// AddDays returns the date n calendar days after d (before it when n < 0).
func (d Date) AddDays(n int) Date {
	return fromDays(d.days() + n)
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	return weekdayOf(d.days())
}

// Before reports whether d is earlier than o.
func (d Date) Before(o Date) bool { return d.days() < o.days() }

// After reports whether d is later than o.
func (d Date) After(o Date) bool { return d.days() > o.days() }

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int {
	a, b := d.days(), o.days()
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// In returns midnight at the start of d in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// MarshalText encodes d as "YYYY-MM-DD"; the zero Date encodes as "" so optional dates stay empty.
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	return []byte(d.String()), nil
}

// UnmarshalText decodes "YYYY-MM-DD"; "" decodes to the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	p, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// Scan implements sql.Scanner for a DATE column: lib/pq yields time.Time, other drivers text.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case time.Time:
		// The driver puts a DATE at midnight of some zone; the wall date is what was stored.
		*d = DateOf(v)
		return nil
	case string:
		return d.scanText(v)
	case []byte:
		return d.scanText(string(v))
	}
	return fmt.Errorf("calendar: cannot scan %T into Date", src)
}

func (d *Date) scanText(s string) error {
	// Accept a timestamp rendering too ("2026-03-13T00:00:00Z", "2026-03-13 00:00:00").
	if len(s) > len(dateLayout) && (s[len(dateLayout)] == 'T' || s[len(dateLayout)] == ' ') {
		s = s[:len(dateLayout)]
	}
	p, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// Value implements driver.Valuer: "YYYY-MM-DD", or NULL for the zero Date.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

func (d Date) normalized() Date { return fromDays(d.days()) }

// days returns the number of days since 1970-01-01.
func (d Date) days() int { return daysFromCivil(d.Year, d.Month, d.Day) }

// daysFromCivil counts days since 1970-01-01 in the proleptic Gregorian calendar
// (H. Hinnant's algorithm); overflowing months and days normalise like time.Date.
func daysFromCivil(y int, m time.Month, d int) int {
	mi := int(m) - 1
	y += floorDiv(mi, 12)
	mi = floorMod(mi, 12) + 1
	if mi <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (mi + 9) % 12 // March is month 0 so the leap day ends the year
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// fromDays is the inverse of daysFromCivil.
func fromDays(z int) Date {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date{Year: y, Month: time.Month(m), Day: d}
}

// weekdayOf returns the weekday of a day number; 1970-01-01 was a Thursday.
func weekdayOf(z int) time.Weekday {
	return time.Weekday(floorMod(z+4, 7))
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int) int {
	return a - floorDiv(a, b)*b
}
