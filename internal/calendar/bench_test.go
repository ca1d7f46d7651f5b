package calendar_test

import (
	"testing"
	"time"
)

func BenchmarkAddWorkingDays(b *testing.B) {
	c := newTestCal(true)
	d0 := day(2026, 3, 13) // crosses the densest cluster of 2026
	b.ReportAllocs()
	for b.Loop() {
		if s := c.AddWorkingDays(d0, 10); s.Due != day(2026, 4, 6) {
			b.Fatal(s.Due)
		}
	}
}

func BenchmarkAddWorkingDays100(b *testing.B) {
	c := newTestCal(true)
	d0 := day(2026, 1, 2)
	b.ReportAllocs()
	for b.Loop() {
		c.AddWorkingDays(d0, 100)
	}
}

func BenchmarkStartDay(b *testing.B) {
	c := newTestCal(true)
	t := time.Date(2026, 3, 19, 9, 0, 0, 0, time.UTC) // 16:00 WIB on Nyepi: moves to 25 March
	b.ReportAllocs()
	for b.Loop() {
		if d, _ := c.StartDay(t); d != day(2026, 3, 25) {
			b.Fatal(d)
		}
	}
}
