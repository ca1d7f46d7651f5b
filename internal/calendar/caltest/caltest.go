// Package caltest holds holiday fixtures for tests: the official 2025–2026 national holidays and
// cuti bersama, equal to what migration db/migrations/00002_holidays_2025_2026.sql loads.
package caltest

import (
	"slices"

	"github.com/terbuka-id/terbuka/internal/calendar"
)

// holidays of 2025 and 2026; 2027 has no SKB yet and is deliberately absent.
var holidays = []calendar.Holiday{
	// 2025: SKB No. 1017/2024, 2/2024, 2/2024 (14 Oct 2024); amended by SKB No. 933/2025, 1/2025, 3/2025 (7 Aug 2025)
	{Date: calendar.NewDate(2025, 1, 1), Name: "Tahun Baru 2025 Masehi", Kind: calendar.National},
	{Date: calendar.NewDate(2025, 1, 27), Name: "Isra Mikraj Nabi Muhammad SAW", Kind: calendar.National},
	{Date: calendar.NewDate(2025, 1, 29), Name: "Tahun Baru Imlek 2576 Kongzili", Kind: calendar.National},
	{Date: calendar.NewDate(2025, 3, 29), Name: "Hari Suci Nyepi Tahun Baru Saka 1947", Kind: calendar.National},
	{Date: calendar.NewDate(2025, 3, 31), Name: "Idulfitri 1446 Hijriah", Kind: calendar.National},
	{Date: calendar.NewDate(2025, 4, 1), Name: "Idulfitri 1446 Hijriah", Kind: calendar.National},
	{Date: calendar.NewDate(2025, 4, 18), Name: "Wafat Yesus Kristus", Kind: calendar.National},
	{Date: calendar.NewDate(2025, 4, 20), Name: "Kebangkitan Yesus Kristus (Paskah)", Kind: calendar.National},
	{Date: calendar.NewDate(2025, 5, 1), Name: "Hari Buruh Internasional", Kind: calendar.National},
	{Date: calendar.NewDate(2025, 5, 12), Name: "Hari Raya Waisak 2569 BE", Kind: calendar.National},
	{Date: calendar.NewDate(2025, 5, 29), Name: "Kenaikan Yesus Kristus", Kind: calendar.National},
	{Date: calendar.NewDate(2025, 6, 1), Name: "Hari Lahir Pancasila", Kind: calendar.National},
	{Date: calendar.NewDate(2025, 6, 6), Name: "Iduladha 1446 Hijriah", Kind: calendar.National},
	{Date: calendar.NewDate(2025, 6, 27), Name: "1 Muharam Tahun Baru Islam 1447 Hijriah", Kind: calendar.National},
	{Date: calendar.NewDate(2025, 8, 17), Name: "Proklamasi Kemerdekaan", Kind: calendar.National},
	{Date: calendar.NewDate(2025, 9, 5), Name: "Maulid Nabi Muhammad SAW", Kind: calendar.National},
	{Date: calendar.NewDate(2025, 12, 25), Name: "Kelahiran Yesus Kristus", Kind: calendar.National},
	{Date: calendar.NewDate(2025, 1, 28), Name: "Cuti bersama Tahun Baru Imlek", Kind: calendar.JointLeave},
	{Date: calendar.NewDate(2025, 3, 28), Name: "Cuti bersama Hari Suci Nyepi", Kind: calendar.JointLeave},
	{Date: calendar.NewDate(2025, 4, 2), Name: "Cuti bersama Idulfitri", Kind: calendar.JointLeave},
	{Date: calendar.NewDate(2025, 4, 3), Name: "Cuti bersama Idulfitri", Kind: calendar.JointLeave},
	{Date: calendar.NewDate(2025, 4, 4), Name: "Cuti bersama Idulfitri", Kind: calendar.JointLeave},
	{Date: calendar.NewDate(2025, 4, 7), Name: "Cuti bersama Idulfitri", Kind: calendar.JointLeave},
	{Date: calendar.NewDate(2025, 5, 13), Name: "Cuti bersama Hari Raya Waisak", Kind: calendar.JointLeave},
	{Date: calendar.NewDate(2025, 5, 30), Name: "Cuti bersama Kenaikan Yesus Kristus", Kind: calendar.JointLeave},
	{Date: calendar.NewDate(2025, 6, 9), Name: "Cuti bersama Iduladha", Kind: calendar.JointLeave},
	{Date: calendar.NewDate(2025, 8, 18), Name: "Cuti bersama HUT RI ke-80 (SKB perubahan 2025)", Kind: calendar.JointLeave},
	{Date: calendar.NewDate(2025, 12, 26), Name: "Cuti bersama Kelahiran Yesus Kristus", Kind: calendar.JointLeave},
	// 2026: SKB No. 1497/2025, 2/2025, 5/2025 (19 Sep 2025)
	{Date: calendar.NewDate(2026, 1, 1), Name: "Tahun Baru 2026 Masehi", Kind: calendar.National},
	{Date: calendar.NewDate(2026, 1, 16), Name: "Isra Mikraj Nabi Muhammad SAW", Kind: calendar.National},
	{Date: calendar.NewDate(2026, 2, 17), Name: "Tahun Baru Imlek 2577 Kongzili", Kind: calendar.National},
	{Date: calendar.NewDate(2026, 3, 19), Name: "Hari Suci Nyepi Tahun Baru Saka 1948", Kind: calendar.National},
	{Date: calendar.NewDate(2026, 3, 21), Name: "Idulfitri 1447 Hijriah", Kind: calendar.National},
	{Date: calendar.NewDate(2026, 3, 22), Name: "Idulfitri 1447 Hijriah", Kind: calendar.National},
	{Date: calendar.NewDate(2026, 4, 3), Name: "Wafat Yesus Kristus", Kind: calendar.National},
	{Date: calendar.NewDate(2026, 4, 5), Name: "Kebangkitan Yesus Kristus (Paskah)", Kind: calendar.National},
	{Date: calendar.NewDate(2026, 5, 1), Name: "Hari Buruh Internasional", Kind: calendar.National},
	{Date: calendar.NewDate(2026, 5, 14), Name: "Kenaikan Yesus Kristus", Kind: calendar.National},
	{Date: calendar.NewDate(2026, 5, 27), Name: "Iduladha 1447 Hijriah", Kind: calendar.National},
	{Date: calendar.NewDate(2026, 5, 31), Name: "Hari Raya Waisak 2570 BE", Kind: calendar.National},
	{Date: calendar.NewDate(2026, 6, 1), Name: "Hari Lahir Pancasila", Kind: calendar.National},
	{Date: calendar.NewDate(2026, 6, 16), Name: "1 Muharam Tahun Baru Islam 1448 Hijriah", Kind: calendar.National},
	{Date: calendar.NewDate(2026, 8, 17), Name: "Proklamasi Kemerdekaan", Kind: calendar.National},
	{Date: calendar.NewDate(2026, 8, 25), Name: "Maulid Nabi Muhammad SAW", Kind: calendar.National},
	{Date: calendar.NewDate(2026, 12, 25), Name: "Kelahiran Yesus Kristus", Kind: calendar.National},
	{Date: calendar.NewDate(2026, 2, 16), Name: "Cuti bersama Tahun Baru Imlek", Kind: calendar.JointLeave},
	{Date: calendar.NewDate(2026, 3, 18), Name: "Cuti bersama Hari Suci Nyepi", Kind: calendar.JointLeave},
	{Date: calendar.NewDate(2026, 3, 20), Name: "Cuti bersama Idulfitri", Kind: calendar.JointLeave},
	{Date: calendar.NewDate(2026, 3, 23), Name: "Cuti bersama Idulfitri", Kind: calendar.JointLeave},
	{Date: calendar.NewDate(2026, 3, 24), Name: "Cuti bersama Idulfitri", Kind: calendar.JointLeave},
	{Date: calendar.NewDate(2026, 5, 15), Name: "Cuti bersama Kenaikan Yesus Kristus", Kind: calendar.JointLeave},
	{Date: calendar.NewDate(2026, 5, 28), Name: "Cuti bersama Iduladha", Kind: calendar.JointLeave},
	{Date: calendar.NewDate(2026, 12, 24), Name: "Cuti bersama Kelahiran Yesus Kristus", Kind: calendar.JointLeave},
}

// Holidays returns the 2025 and 2026 holidays; a fresh copy, so a test may append or reorder.
func Holidays() []calendar.Holiday { return slices.Clone(holidays) }

// Years returns the years whose official calendar Holidays covers.
func Years() []int { return []int{2025, 2026} }

// Calendar returns the official 2025–2026 calendar with opts.
func Calendar(opts calendar.Options) *calendar.Calendar {
	return calendar.New(holidays, Years(), opts)
}
