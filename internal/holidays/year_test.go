package holidays

import (
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka/internal/calendar"
)

func TestParseSKBLines(t *testing.T) {
	text := "# SKB 2027\r\n2027-01-01;Tahun  Baru;libur\n\n2027-01-02;Cuti;cuti_bersama\n"
	days, errs := parseSKBLines(2027, text)
	if len(errs) != 0 || len(days) != 2 || days[0].Name != "Tahun Baru" || days[1].Kind != calendar.JointLeave {
		t.Fatalf("days %+v, errors %q", days, errs)
	}
	tests := []struct{ line, want string }{
		{"2027-01-01;Tahun Baru", "tiga bagian"},
		{"2027-13-01;X;libur", "tidak valid"},
		{"2026-12-31;X;libur", "bukan tahun 2027"},
		{"2027-01-01; ;libur", "nama hari libur kosong"},
		{"2027-01-01;" + strings.Repeat("a", 201) + ";libur", "terlalu panjang"},
		{"2027-01-01;X;regional", "tidak dikenal"},
	}
	for _, tt := range tests {
		_, errs := parseSKBLines(2027, "2027-05-01;Hari Buruh;libur\n"+tt.line)
		if len(errs) != 1 || !strings.HasPrefix(errs[0], "Baris 2:") || !strings.Contains(errs[0], tt.want) {
			t.Errorf("%q: %q, want one error on line 2 with %q", tt.line, errs, tt.want)
		}
	}
	if _, errs := parseSKBLines(2027, "2027-01-01;X;libur\n2027-01-01;X;libur"); len(errs) != 1 || !strings.Contains(errs[0], "sama dengan baris 1") {
		t.Errorf("duplicate: %q", errs)
	}
}

func TestDayFormValidate(t *testing.T) {
	h, year, errs := DayForm{Date: " 2026-11-10 ", Name: "  Hari   Jadi ", Kind: "regional"}.Validate(2025)
	if len(errs) != 0 || year != 2026 || h.Name != "Hari Jadi" || h.Date != calendar.NewDate(2026, 11, 10) {
		t.Fatalf("valid form: %+v %d %v", h, year, errs)
	}
	_, year, errs = DayForm{Date: "10/11/2026", Name: "", Kind: "lain"}.Validate(2025)
	if year != 2025 || errs["date"] == "" || errs["name"] == "" || errs["kind"] == "" {
		t.Errorf("invalid form: year %d, errors %v", year, errs)
	}
}
