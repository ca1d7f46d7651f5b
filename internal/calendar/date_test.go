package calendar

import (
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"testing"
	"time"
)

// Interface checks: Date must work as a lib/pq DATE column and as JSON text.
var (
	_ sql.Scanner   = (*Date)(nil)
	_ driver.Valuer = Date{}
)

func TestDayNumbersMatchTimePackage(t *testing.T) {
	// Every day from 1600 to 2500 against time.Date, so leap-century rules are exercised.
	start := time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC)
	z0 := daysFromCivil(1600, 1, 1)
	for i := 0; i < 330000; i++ {
		tm := start.AddDate(0, 0, i)
		want := DateOf(tm)
		got := fromDays(z0 + i)
		if got != want {
			t.Fatalf("fromDays(%d) = %v, want %v", z0+i, got, want)
		}
		if z := want.days(); z != z0+i {
			t.Fatalf("%v.days() = %d, want %d", want, z, z0+i)
		}
		if got.Weekday() != tm.Weekday() {
			t.Fatalf("%v.Weekday() = %v, want %v", got, got.Weekday(), tm.Weekday())
		}
	}
	if z := daysFromCivil(1970, 1, 1); z != 0 {
		t.Errorf("epoch = %d, want 0", z)
	}
}

func TestNewDateNormalises(t *testing.T) {
	tests := []struct {
		y    int
		m    time.Month
		d    int
		want Date
	}{
		{2026, 3, 13, day(2026, 3, 13)},
		{2026, 2, 29, day(2026, 3, 1)},   // 2026 is not a leap year
		{2024, 2, 29, day(2024, 2, 29)},  // 2024 is
		{2026, 13, 1, day(2027, 1, 1)},   // month overflow rolls the year
		{2026, 1, 0, day(2025, 12, 31)},  // day 0 is the last day of the previous month
		{2026, 0, 1, day(2025, 12, 1)},   // month 0 is December of the previous year
		{2026, -13, 1, day(2024, 11, 1)}, // negative months as time.Date does
		{2026, 12, 32, day(2027, 1, 1)},
		{2026, 3, -1, day(2026, 2, 27)},
	}
	for _, tt := range tests {
		got := NewDate(tt.y, tt.m, tt.d)
		ref := DateOf(time.Date(tt.y, tt.m, tt.d, 0, 0, 0, 0, time.UTC))
		if got != tt.want || got != ref {
			t.Errorf("NewDate(%d, %d, %d) = %v, want %v (time.Date says %v)", tt.y, tt.m, tt.d, got, tt.want, ref)
		}
	}
}

func TestParseDateAndString(t *testing.T) {
	good := map[string]Date{
		"2026-03-13": day(2026, 3, 13),
		"2024-02-29": day(2024, 2, 29),
		"0999-01-02": day(999, 1, 2),
	}
	for s, want := range good {
		got, err := ParseDate(s)
		if err != nil || got != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", s, got, err, want)
		}
		if got.String() != s {
			t.Errorf("%v.String() = %q, want %q", got, got.String(), s)
		}
	}
	for _, s := range []string{"", "2026-02-29", "2026-3-13", "13-03-2026", "2026-03-13T00:00:00Z", "kemarin"} {
		if d, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) = %v, want an error", s, d)
		}
	}
	// String normalises a literal with an overflowing day.
	if s := (Date{2026, 2, 30}).String(); s != "2026-03-02" {
		t.Errorf("String of 2026-02-30 = %q, want 2026-03-02", s)
	}
}

func TestDateOfUsesOwnLocation(t *testing.T) {
	// 2026-03-12T20:00:00Z is 13 March 03:00 in Jakarta: DateOf must not convert zones itself.
	u := time.Date(2026, 3, 12, 20, 0, 0, 0, time.UTC)
	if got := DateOf(u); got != day(2026, 3, 12) {
		t.Errorf("DateOf(UTC) = %v, want 2026-03-12", got)
	}
	if got := DateOf(u.In(wib)); got != day(2026, 3, 13) {
		t.Errorf("DateOf(WIB) = %v, want 2026-03-13", got)
	}
}

func TestDateArithmeticAndComparison(t *testing.T) {
	d := day(2026, 12, 30)
	if got := d.AddDays(3); got != day(2027, 1, 2) {
		t.Errorf("AddDays(3) = %v", got)
	}
	if got := d.AddDays(-365); got != day(2025, 12, 30) {
		t.Errorf("AddDays(-365) = %v", got)
	}
	if got := day(2026, 11, 27).Weekday(); got != time.Friday {
		t.Errorf("27 Nov 2026 is %v, want Friday", got)
	}
	a, b := day(2026, 3, 13), day(2026, 3, 16)
	if !a.Before(b) || a.After(b) || !b.After(a) || b.Before(a) || a.Before(a) || a.After(a) {
		t.Error("Before/After wrong")
	}
	if a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Error("Compare wrong")
	}
	// A literal with overflowing fields still compares by the day it denotes.
	if (Date{2026, 2, 29}).Compare(day(2026, 3, 1)) != 0 {
		t.Error("Compare must normalise")
	}
	mid := a.In(wib)
	if mid.Format(time.RFC3339) != "2026-03-13T00:00:00+07:00" {
		t.Errorf("In(WIB) = %v", mid)
	}
}

func TestDateJSON(t *testing.T) {
	type doc struct {
		Due  Date  `json:"due"`
		Ext  Date  `json:"ext"`
		Ptr  *Date `json:"ptr"`
		Keys map[Date]int
	}
	p := day(2026, 4, 15)
	in := doc{Due: day(2026, 4, 6), Ptr: &p, Keys: map[Date]int{day(2026, 1, 1): 1}}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"due":"2026-04-06","ext":"","ptr":"2026-04-15","Keys":{"2026-01-01":1}}`
	if string(b) != want {
		t.Errorf("Marshal = %s, want %s", b, want)
	}
	var out doc
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if out.Due != in.Due || !out.Ext.IsZero() || *out.Ptr != p || out.Keys[day(2026, 1, 1)] != 1 {
		t.Errorf("round trip = %+v", out)
	}
	if err := json.Unmarshal([]byte(`{"due":"2026-02-30"}`), &out); err == nil {
		t.Error("invalid date accepted")
	}
}

func TestDateScanValue(t *testing.T) {
	tests := []struct {
		src  any
		want Date
	}{
		// lib/pq returns a DATE as midnight UTC; a zone east of UTC must not shift the date.
		{time.Date(2026, 3, 13, 0, 0, 0, 0, time.UTC), day(2026, 3, 13)},
		{time.Date(2026, 3, 13, 0, 0, 0, 0, wib), day(2026, 3, 13)},
		{"2026-03-13", day(2026, 3, 13)},
		{[]byte("2026-03-13"), day(2026, 3, 13)},
		{"2026-03-13T00:00:00Z", day(2026, 3, 13)},
		{"2026-03-13 00:00:00+07", day(2026, 3, 13)},
		{nil, Date{}},
	}
	for _, tt := range tests {
		d := day(1999, 1, 1)
		if err := d.Scan(tt.src); err != nil || d != tt.want {
			t.Errorf("Scan(%#v) = %v, %v; want %v", tt.src, d, err, tt.want)
		}
	}
	for _, bad := range []any{42, "13/03/2026", []byte("2026-13-01")} {
		var d Date
		if err := d.Scan(bad); err == nil {
			t.Errorf("Scan(%#v) accepted", bad)
		}
	}
	v, err := day(2026, 3, 13).Value()
	if err != nil || v != "2026-03-13" {
		t.Errorf("Value = %#v, %v", v, err)
	}
	if v, err := (Date{}).Value(); err != nil || v != nil {
		t.Errorf("zero Value = %#v, %v; want NULL", v, err)
	}
}
