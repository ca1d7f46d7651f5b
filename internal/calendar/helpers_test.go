package calendar

import "time"

var wib = mustLoad("Asia/Jakarta")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func day(y int, m time.Month, d int) Date { return Date{y, m, d} }
