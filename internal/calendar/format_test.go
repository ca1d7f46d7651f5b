package calendar

import (
	"testing"
	"time"
)

func TestFormatID(t *testing.T) {
	tests := []struct {
		d          Date
		short, lon string
	}{
		{day(2026, 11, 27), "27 November 2026", "Jumat, 27 November 2026"},
		{day(2026, 1, 1), "1 Januari 2026", "Kamis, 1 Januari 2026"},
		{day(2026, 2, 16), "16 Februari 2026", "Senin, 16 Februari 2026"},
		{day(2026, 3, 17), "17 Maret 2026", "Selasa, 17 Maret 2026"},
		{day(2026, 3, 18), "18 Maret 2026", "Rabu, 18 Maret 2026"},
		{day(2026, 5, 30), "30 Mei 2026", "Sabtu, 30 Mei 2026"},
		{day(2026, 5, 31), "31 Mei 2026", "Minggu, 31 Mei 2026"},
		{day(2026, 6, 1), "1 Juni 2026", "Senin, 1 Juni 2026"},
		{day(2026, 7, 1), "1 Juli 2026", "Rabu, 1 Juli 2026"},
		{day(2026, 8, 17), "17 Agustus 2026", "Senin, 17 Agustus 2026"},
		{day(2026, 9, 1), "1 September 2026", "Selasa, 1 September 2026"},
		{day(2026, 10, 5), "5 Oktober 2026", "Senin, 5 Oktober 2026"},
		{day(2026, 12, 24), "24 Desember 2026", "Kamis, 24 Desember 2026"},
		{day(2026, 4, 3), "3 April 2026", "Jumat, 3 April 2026"},
		{Date{2026, 2, 29}, "1 Maret 2026", "Minggu, 1 Maret 2026"}, // normalised first
	}
	for _, tt := range tests {
		if got := FormatID(tt.d); got != tt.short {
			t.Errorf("FormatID(%v) = %q, want %q", tt.d, got, tt.short)
		}
		if got := FormatIDLong(tt.d); got != tt.lon {
			t.Errorf("FormatIDLong(%v) = %q, want %q", tt.d, got, tt.lon)
		}
	}
	if WeekdayName(time.Sunday) != "Minggu" || MonthName(time.December) != "Desember" {
		t.Error("name tables wrong")
	}
}
