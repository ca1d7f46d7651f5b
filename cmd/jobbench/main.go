// Command jobbench measures the deadline watch over many open requests of which some are due,
// beside the bare SQL that selects the same due rows: 1% due at 100k and 1M, then 1M with only
// 1k due, so the figures show whether the job's cost follows the due cases or all cases.
// `make bench` runs it beside a throwaway cluster:
//
//	go run ./cmd/withpg -durable -- go run ./cmd/jobbench
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/jobs"
	"github.com/terbuka-id/terbuka/internal/officecalendar"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

func main() {
	sizes := flag.String("sizes", "100000,1000000,1000000/1000",
		"rounds, comma separated: open requests, optionally /due requests (default 1% due)")
	flag.Parse()
	server := os.Getenv(testdb.EnvURL)
	if server == "" {
		fmt.Fprintln(os.Stderr, "jobbench: run it via make bench (needs "+testdb.EnvURL+")")
		os.Exit(2)
	}
	fmt.Printf("# Deadline watch benchmark, %s\n", time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Println("goal: steady run ≤ 3× the bare SQL of the same due rows; cost grows with due cases, not all cases")
	fmt.Printf("%-10s %-8s %-14s %-14s %-14s %s\n", "open", "due", "first run", "steady run", "bare SQL", "steady/bare")
	for _, f := range strings.Split(*sizes, ",") {
		n, due, err := parseRound(strings.TrimSpace(f))
		if err != nil {
			fmt.Fprintln(os.Stderr, "jobbench: bad size", f)
			os.Exit(2)
		}
		if err := round(context.Background(), server, n, due); err != nil {
			fmt.Fprintln(os.Stderr, "jobbench:", err)
			os.Exit(1)
		}
	}
}

// parseRound reads "N" (1% of N due) or "N/D" (D of N due).
func parseRound(f string) (n, due int, err error) {
	open, dueText, withDue := strings.Cut(f, "/")
	if n, err = strconv.Atoi(open); err != nil {
		return 0, 0, err
	}
	due = n / 100
	if withDue {
		if due, err = strconv.Atoi(dueText); err != nil {
			return 0, 0, err
		}
	}
	if n <= 0 || due <= 0 || due > n {
		return 0, 0, fmt.Errorf("want 0 < due ≤ open")
	}
	return n, due, nil
}

// steadyRuns repeats the steady run and the bare SQL; the medians are reported.
const steadyRuns = 7

// round seeds n open requests, due of them one working day overdue, and times the job.
func round(ctx context.Context, server string, n, due int) error {
	name := fmt.Sprintf("jobbench_%d_%d", n, time.Now().Unix())
	admin, err := sql.Open("postgres", server)
	if err != nil {
		return err
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(name)); err != nil {
		return err
	}
	defer admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+pq.QuoteIdentifier(name)+" WITH (FORCE)")
	u, err := url.Parse(server)
	if err != nil {
		return err
	}
	u.Path = "/" + name
	s, err := store.Open(ctx, u.String(), 8)
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		return err
	}
	jakarta, _ := time.LoadLocation("Asia/Jakarta")
	src, err := officecalendar.Load(ctx, s, calendar.Options{Location: jakarta, CutiBersamaIsHoliday: true})
	if err != nil {
		return err
	}
	now := time.Date(2026, 11, 26, 8, 0, 0, 0, jakarta) // a Thursday
	today := calendar.DateOf(now)
	overdue := today.AddDays(-1)
	every := n / due
	// Due rows one day late; the rest due 10–200 days ahead, scattered.
	if _, err := s.DB().ExecContext(ctx, `
		INSERT INTO users (email, name, role, password_hash) VALUES ('atasan@bench.test', 'Atasan', 'atasan', 'x'),
			('ppid@bench.test', 'PPID', 'ppid', 'x');
		INSERT INTO requests (reg_year, reg_seq, registration_number, tracking_code_hash, channel, requester_kind,
			requester_name, nik_sealed, nik_lookup, address, phone, email, occupation, information, purpose,
			obtain_method, delivery_method, publish_consent, received_at, counting_from, response_due, due_date)
		SELECT 2026, i, 'B' || i, sha256(i::text::bytea), 'web', 'perorangan', 'Pemohon ' || i,
			sha256(('n' || i)::bytea), sha256(('l' || i)::bytea), 'Jl. Contoh', '0812 0000 0000',
			'p' || i || '@contoh.id', 'Guru', 'Salinan anggaran dinas ' || i, 'Riset', 'softcopy', 'email', true,
			d - 14 + time '09:00', d - 13, d, d
		FROM generate_series(1, `+strconv.Itoa(n)+`) AS i,
			LATERAL (SELECT CASE WHEN i % `+strconv.Itoa(every)+` = 0 AND i / `+strconv.Itoa(every)+` <= `+strconv.Itoa(due)+` THEN '`+overdue.String()+`'::date
				ELSE '`+today.String()+`'::date + 10 + ((i::bigint * 7919) % 190)::int END AS d) AS due;
		ANALYZE;`); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	w := jobs.DeadlineWatch{Store: s, Calendar: src.Current, Reminders: []int{3, 1}, EscalateEvery: 5,
		BaseURL: "http://bench", OfficeName: "PPID Bench"}
	start := time.Now()
	res, err := w.Run(ctx, now)
	first := time.Since(start)
	if err != nil {
		return err
	}
	var steady, bare []time.Duration
	var count int
	for range steadyRuns {
		start = time.Now()
		if _, err := w.Run(ctx, now); err != nil {
			return err
		}
		steady = append(steady, time.Since(start))
		// The bare SQL: the same due rows the watch must look at today, through the same index.
		start = time.Now()
		if err := s.DB().GetContext(ctx, &count, `SELECT count(*) FROM requests
			WHERE closed_at IS NULL AND status = ANY($1) AND due_date < $2`, pq.StringArray(workflow.PendingStatuses), today); err != nil {
			return err
		}
		bare = append(bare, time.Since(start))
	}
	if count != due || res.Escalations < due {
		return fmt.Errorf("%d due rows, %d escalations; want %d", count, res.Escalations, due)
	}
	st, b := median(steady), median(bare)
	fmt.Printf("%-10d %-8d %-14s %-14s %-14s %.1f×\n", n, due, first.Round(time.Millisecond), st.Round(time.Microsecond*100),
		b.Round(time.Microsecond*100), float64(st)/float64(b))
	return nil
}

func median(ds []time.Duration) time.Duration {
	slices.Sort(ds)
	return ds[len(ds)/2]
}
