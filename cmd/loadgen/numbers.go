package main

import (
	"context"
	"database/sql"
	"fmt"
)

// verifyNumbers checks every intake year of the bench database (and the app's, if elsewhere).
func (b *bench) verifyNumbers(ctx context.Context, appDB string) error {
	fmt.Println("\n## Registration numbers")
	type target struct {
		label string
		url   string
		want  int64 // successful inserts we counted; -1 when unknown
	}
	targets := []target{{"", b.benchURL, b.inserted}}
	if appDB != "" && appDB != b.benchURL {
		targets = []target{{"raw SQL database: ", b.benchURL, b.inserted}, {"app database: ", appDB, -1}}
	}
	for _, t := range targets {
		db, err := sql.Open("postgres", t.url)
		if err != nil {
			return err
		}
		defer db.Close()
		rows, err := db.QueryContext(ctx, `SELECT DISTINCT reg_year FROM requests WHERE reg_year <> $1 ORDER BY 1`, queueYear)
		if err != nil {
			return fmt.Errorf("registration check: %w", err)
		}
		var yearList []int
		for rows.Next() {
			var y int
			if err := rows.Scan(&y); err != nil {
				rows.Close()
				return err
			}
			yearList = append(yearList, y)
		}
		rows.Close()
		if len(yearList) == 0 {
			b.fail("%sregistration numbers: no intake rows found in %s", t.label, redact(t.url))
			continue
		}
		var total int64
		for _, y := range yearList {
			var count, distinct, lo, hi, counter int64
			err := db.QueryRowContext(ctx, `SELECT count(*), count(DISTINCT reg_seq), min(reg_seq), max(reg_seq) FROM requests WHERE reg_year = $1`, y).
				Scan(&count, &distinct, &lo, &hi)
			if err != nil {
				return fmt.Errorf("registration check: %w", err)
			}
			if err := db.QueryRowContext(ctx, `SELECT last_seq FROM registration_counters WHERE year = $1`, y).Scan(&counter); err != nil {
				return fmt.Errorf("registration counter: %w", err)
			}
			total += count
			if count == distinct && distinct == hi && lo == 1 && counter == hi {
				line := fmt.Sprintf("%sregistration numbers %d: %d, gapless, no duplicates (counter at %d)", t.label, y, count, counter)
				fmt.Println(line)
				b.numbers = append(b.numbers, line)
			} else {
				b.fail("!!! %sregistration numbers %d: count %d, distinct %d, min %d, max %d, counter %d — GAP OR DUPLICATE !!!",
					t.label, y, count, distinct, lo, hi, counter)
			}
		}
		switch {
		case t.want < 0:
		case total == t.want:
			fmt.Printf("rows match the %d inserts the clients saw succeed\n", t.want)
		case len(b.failures) == 0:
			b.fail("registration numbers: %d rows but the clients saw %d successful inserts", total, t.want)
		default:
			fmt.Printf("%d rows; clients saw %d succeed (errors above make the two differ legitimately)\n", total, t.want)
		}
	}
	return nil
}
