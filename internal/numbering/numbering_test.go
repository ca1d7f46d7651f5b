package numbering

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

func mustParse(t *testing.T, pattern string) Format {
	t.Helper()
	f, err := Parse(pattern)
	if err != nil {
		t.Fatalf("Parse(%q): %v", pattern, err)
	}
	return f
}

func TestRender(t *testing.T) {
	tests := []struct {
		pattern string
		seq     int
		year    int
		month   time.Month
		want    string
	}{
		{DefaultPattern, 1, 2026, time.November, "0001/PPID/XI/2026"},
		{DefaultPattern, 12, 2026, time.January, "0012/PPID/I/2026"},
		{DefaultPattern, 9999, 2026, time.December, "9999/PPID/XII/2026"},
		{DefaultPattern, 12345, 2026, time.November, "12345/PPID/XI/2026"},
		{"{seq}", 7, 2026, time.March, "7"},
		{"{seq:01d}", 7, 2026, time.March, "7"},
		{"{seq:09d}", 7, 2026, time.March, "000000007"},
		{"PPID-{year}-{seq:05d}", 42, 2026, time.March, "PPID-2026-00042"},
		{"{year}/{month}/{seq:03d}/DISKOMINFO", 5, 2027, time.February, "2027/02/005/DISKOMINFO"},
		{"REG.{year}.{month}.{seq}", 1234, 2026, time.October, "REG.2026.10.1234"},
		{"{roman_month}-{seq:02d}-{year}", 3, 2026, time.April, "IV-03-2026"},
		{"Nomor {seq:04d} tahun {year}", 1, 999, time.May, "Nomor 0001 tahun 0999"},
		{"'; DROP TABLE x; -- %_\\{seq}", 1, 2026, time.June, "'; DROP TABLE x; -- %_\\1"},
	}
	for _, tt := range tests {
		f := mustParse(t, tt.pattern)
		if got := f.Render(tt.seq, tt.year, tt.month); got != tt.want {
			t.Errorf("Parse(%q).Render(%d, %d, %v) = %q, want %q", tt.pattern, tt.seq, tt.year, tt.month, got, tt.want)
		}
	}
}

func TestParts(t *testing.T) {
	tests := []struct {
		pattern string
		year    int
		month   time.Month
		prefix  string
		width   int
		suffix  string
	}{
		{DefaultPattern, 2026, time.November, "", 4, "/PPID/XI/2026"},
		{"PPID-{year}-{seq:05d}", 2026, time.March, "PPID-2026-", 5, ""},
		{"{year}/{month}/{seq}/DISKOMINFO", 2027, time.February, "2027/02/", 0, "/DISKOMINFO"},
		{"{seq:09d}", 2026, time.March, "", 9, ""},
		{"{month}{roman_month}{year}{seq}{year}{month}", 2026, time.September, "09IX2026", 0, "202609"},
	}
	for _, tt := range tests {
		prefix, width, suffix := mustParse(t, tt.pattern).Parts(tt.year, tt.month)
		if prefix != tt.prefix || width != tt.width || suffix != tt.suffix {
			t.Errorf("Parse(%q).Parts(%d, %v) = %q, %d, %q; want %q, %d, %q",
				tt.pattern, tt.year, tt.month, prefix, width, suffix, tt.prefix, tt.width, tt.suffix)
		}
	}
}

// lpad mirrors PostgreSQL: lpad(seq::text, greatest(width, length(seq::text)), '0').
func lpad(seq, width int) string {
	s := strconv.Itoa(seq)
	if n := max(width, len(s)); n > len(s) {
		return strings.Repeat("0", n-len(s)) + s
	}
	return s
}

func TestPartsMatchRender(t *testing.T) {
	patterns := []string{
		DefaultPattern,
		"{seq}",
		"{seq:01d}/X",
		"PPID-{year}-{seq:05d}",
		"{year}/{month}/{seq:09d}/DISKOMINFO",
		"{roman_month}{seq:03d}{year}",
	}
	var seqs []int
	for s := 0; s <= 20000; s += 7 {
		seqs = append(seqs, s)
	}
	for p := 1; p <= 1_000_000_000_000; p *= 10 {
		seqs = append(seqs, p-1, p, p+1)
	}
	for _, pattern := range patterns {
		f := mustParse(t, pattern)
		for m := time.January; m <= time.December; m++ {
			prefix, width, suffix := f.Parts(2026, m)
			for _, s := range seqs {
				sql := prefix + lpad(s, width) + suffix
				if got := f.Render(s, 2026, m); got != sql {
					t.Fatalf("%q seq %d %v: Render = %q, SQL parts give %q", pattern, s, m, got, sql)
				}
			}
		}
	}
}

func TestRoman(t *testing.T) {
	want := []string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", ""}
	for m := time.Month(0); m <= 13; m++ {
		if got := Roman(m); got != want[m] {
			t.Errorf("Roman(%d) = %q, want %q", m, got, want[m])
		}
	}
	if got := Roman(-1); got != "" {
		t.Errorf("Roman(-1) = %q, want \"\"", got)
	}
}

func TestPattern(t *testing.T) {
	for _, p := range []string{DefaultPattern, "{seq}", "A{year}B{seq:02d}C"} {
		if got := mustParse(t, p).Pattern(); got != p {
			t.Errorf("Parse(%q).Pattern() = %q", p, got)
		}
	}
}

func TestZeroFormat(t *testing.T) {
	var f Format
	if got := f.Render(12, 2026, time.November); got != "12" {
		t.Errorf("zero Format Render = %q, want %q", got, "12")
	}
	if p, w, s := f.Parts(2026, time.November); p != "" || w != 0 || s != "" {
		t.Errorf("zero Format Parts = %q, %d, %q; want empty", p, w, s)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, pattern, wantErr string
	}{
		{"empty", "", "empty"},
		{"no seq", "PPID/{year}", "no {seq}"},
		{"literal only", "PPID", "no {seq}"},
		{"two seq", "{seq}/{seq:04d}", "2 seq placeholders"},
		{"three seq", "{seq}{seq}{seq}", "3 seq placeholders"},
		{"unknown", "{seq}/{tahun}", "unknown placeholder {tahun}"},
		{"unknown case", "{SEQ}", "unknown placeholder {SEQ}"},
		{"spaces inside", "{ seq }", "unknown placeholder { seq }"},
		{"empty placeholder", "{seq}{}", "unknown placeholder {}"},
		{"width without zero", "{seq:4d}", "seq width"},
		{"width zero", "{seq:00d}", "seq width"},
		{"width ten", "{seq:010d}", "seq width"},
		{"width no verb", "{seq:04}", "seq width"},
		{"width other verb", "{seq:04x}", "seq width"},
		{"empty width", "{seq:}", "seq width"},
		{"unclosed", "{seq:04d}/{year", "not closed"},
		{"unclosed at end", "{seq}{", "not closed"},
		{"nested", "{seq{year}}", "not closed"},
		{"stray close", "{seq}/PPID}", "no matching '{'"},
		{"close first", "}{seq}", "no matching '{'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse(tt.pattern)
			if err == nil {
				t.Fatalf("Parse(%q) = %+v, want error", tt.pattern, f)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Parse(%q) error = %q, want it to mention %q", tt.pattern, err, tt.wantErr)
			}
		})
	}
}
