package calendar

import (
	"strconv"
	"time"
)

// weekdayNames are the Indonesian day names, indexed by time.Weekday.
var weekdayNames = [...]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}

// monthNames are the Indonesian month names, indexed by time.Month.
var monthNames = [...]string{"", "Januari", "Februari", "Maret", "April", "Mei", "Juni",
	"Juli", "Agustus", "September", "Oktober", "November", "Desember"}

// WeekdayName returns the Indonesian name of wd ("Senin" … "Minggu").
func WeekdayName(wd time.Weekday) string {
	if wd < time.Sunday || wd > time.Saturday {
		return wd.String()
	}
	return weekdayNames[wd]
}

// MonthName returns the Indonesian name of m ("Januari" … "Desember").
func MonthName(m time.Month) string {
	if m < time.January || m > time.December {
		return m.String()
	}
	return monthNames[m]
}

// FormatID formats d the Indonesian way: "27 November 2026".
func FormatID(d Date) string {
	return string(AppendID(make([]byte, 0, 20), d))
}

// AppendID appends d formatted as FormatID does, for pages that write many dates into one buffer.
func AppendID(b []byte, d Date) []byte {
	n := d.normalized()
	b = strconv.AppendInt(b, int64(n.Day), 10)
	b = append(b, ' ')
	b = append(b, monthNames[n.Month]...)
	b = append(b, ' ')
	return strconv.AppendInt(b, int64(n.Year), 10)
}

// FormatIDLong formats d with its day name: "Jumat, 27 November 2026".
func FormatIDLong(d Date) string {
	return weekdayNames[d.Weekday()] + ", " + FormatID(d)
}

// ZoneName prefers the zone's abbreviation (WIB, WITA, WIT) and falls back to the UTC offset.
func ZoneName(t time.Time) string {
	name, _ := t.Zone()
	if name == "" || name[0] == '+' || name[0] == '-' {
		return "UTC" + t.Format("-07:00")
	}
	return name
}

// FormatTimeID formats t in its own location: "27 November 2026 14:05 WIB".
func FormatTimeID(t time.Time) string {
	return FormatID(DateOf(t)) + " " + t.Format("15:04") + " " + ZoneName(t)
}
