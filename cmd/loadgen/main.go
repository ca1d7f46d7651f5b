// Command loadgen measures Terbuka under load on this machine: intake through the HTTP API
// against the same SQL statement sent straight to PostgreSQL (the ceiling), the gaplessness of
// the registration numbers afterwards, and the officers' queue page on a large table.
//
//	make bench   # = go run ./cmd/withpg -- go run ./cmd/loadgen
//	go run ./cmd/withpg -- go run ./cmd/loadgen -duration 5s -clients 1,16,64
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/benchkit"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/store"
)

// envURL is set by cmd/withpg to the `postgres` database of a throwaway cluster.
const envURL = "TERBUKA_TEST_DATABASE_URL"

const (
	goalRatio      = 0.5 // HTTP intake ≥ half the raw SQL ceiling
	goalRatioAt    = 16  // … at this many clients
	goalQueueP95ms = 50.0
)

var queueClients = []int{1, 8}

type options struct {
	duration  time.Duration
	warmup    time.Duration
	clients   []int
	queueRows int
	target    string
	appDB     string
	appConns  int
	vacuum    bool
	keep      bool
}

func main() {
	os.Exit(run())
}

func run() int {
	var o options
	var clients string
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "length of each measured phase")
	flag.DurationVar(&o.warmup, "warmup", 2*time.Second, "untimed warm-up of HTTP and raw intake before the first phase (0: none)")
	flag.StringVar(&clients, "clients", "1,16,64", "comma-separated concurrent client counts for intake")
	flag.IntVar(&o.queueRows, "queue-rows", 100000, "open requests to seed before the officer-queue phase (0: skip it)")
	flag.StringVar(&o.target, "url", "", "base URL of an already-running instance (default: build and start one)")
	flag.StringVar(&o.appDB, "app-db", "", "with -url: that instance's database URL, for the gapless check and queue phase (a disposable one: rows are added)")
	flag.IntVar(&o.appConns, "app-conns", 0, "database.max_open_conns of the started app (0: its config.yaml value)")
	flag.BoolVar(&o.vacuum, "vacuum", false, "also VACUUM the table after seeding the queue (visibility map set, as autovacuum would), not ANALYZE alone")
	flag.BoolVar(&o.keep, "keep", false, "keep the bench_* database afterwards")
	flag.Parse()
	var err error
	if o.clients, err = benchkit.ParseClients(clients); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		return 2
	}
	serverURL := os.Getenv(envURL)
	if serverURL == "" {
		fmt.Fprintf(os.Stderr, "loadgen: %s is not set: run via make bench (go run ./cmd/withpg -- go run ./cmd/loadgen)\n", envURL)
		return 2
	}
	b := &bench{opts: o, serverURL: serverURL}
	return benchkit.RunCommand("loadgen", b.run)
}

// bench is one run; failures collects every reason to exit non-zero.
type bench struct {
	opts      options
	serverURL string
	benchURL  string
	baseURL   string
	app       *benchkit.App
	cal       *calendar.Calendar
	failures  []string

	intake   []intakeRow
	queue    []queueRow
	inserted int64 // successful inserts into the bench database, for the count check
	openRows int64 // open requests the queue phase saw
	stats    string
	numbers  []string
}

type intakeRow struct {
	http, raw *benchkit.Result
	pgbench   float64 // TPS of pgbench's two-INSERT transaction at the same client count
	// CPU used during the HTTP phase and during pgbench's run (nil without a meter).
	httpCPU, pgbenchCPU *benchkit.CPUReading
}

type queueRow struct {
	http, sql *benchkit.Result
}

func (b *bench) fail(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	b.failures = append(b.failures, msg)
	fmt.Println("FAIL:", msg)
}

func (b *bench) run(ctx context.Context) (int, error) {
	admin, err := sql.Open("postgres", b.serverURL)
	if err != nil {
		return 1, err
	}
	defer admin.Close()
	settings := map[string]string{}
	for _, name := range []string{"server_version", "fsync", "synchronous_commit", "max_connections", "shared_buffers"} {
		var v string
		if err := admin.QueryRowContext(ctx, "SHOW "+name).Scan(&v); err != nil {
			return 1, fmt.Errorf("PostgreSQL at %s: %w", envURL, err)
		}
		settings[name] = v
	}

	dbName := fmt.Sprintf("bench_%d", time.Now().Unix())
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(dbName)); err != nil {
		return 1, fmt.Errorf("create database: %w", err)
	}
	// Registered before the app starts, so it runs after the app has stopped.
	defer func() {
		if b.opts.keep {
			fmt.Println("kept database", dbName)
			return
		}
		admin.Exec("DROP DATABASE IF EXISTS " + pq.QuoteIdentifier(dbName) + " WITH (FORCE)")
	}()
	b.benchURL = benchkit.WithDatabase(b.serverURL, dbName)
	st, err := store.Open(ctx, b.benchURL, 4)
	if err != nil {
		return 1, err
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		return 1, err
	}
	holidays, years, err := st.CalendarData(ctx)
	if err != nil {
		return 1, err
	}
	b.cal = calendar.New(holidays, years, calendar.Options{CutiBersamaIsHoliday: true}) // as config.yaml

	appDB := b.opts.appDB
	if b.opts.target == "" {
		dir, err := os.MkdirTemp("", "terbuka-loadgen-")
		if err != nil {
			return 1, err
		}
		defer os.RemoveAll(dir)
		fmt.Println("building ./cmd/terbuka …")
		bin, err := benchkit.BuildApp(ctx, dir)
		if err != nil {
			return 1, err
		}
		// The measured app serves without the scheduler, as the cluster's serve instances do:
		// mail delivery is a worker's job, and its outbox scans would share the CPUs.
		os.Setenv("TERBUKA_JOBS_ENABLED", "false")
		if b.app, err = benchkit.StartApp(ctx, bin, b.benchURL, b.opts.appConns); err != nil {
			return 1, err
		}
		defer func() {
			if err := b.app.Stop(); err != nil {
				fmt.Println("app stop:", err)
			}
		}()
		b.baseURL, appDB = b.app.BaseURL, b.benchURL
	} else {
		b.baseURL = strings.TrimRight(b.opts.target, "/")
	}

	b.header(settings, dbName)
	if err := b.intakePhases(ctx); err != nil {
		return 1, b.withServerLog(err)
	}
	if err := b.appAlive(); err != nil {
		return 1, err
	}
	if err := b.verifyNumbers(ctx, appDB); err != nil {
		return 1, err
	}
	switch {
	case b.opts.queueRows <= 0:
		fmt.Println("\nofficer queue: skipped (-queue-rows 0)")
	case appDB == "":
		fmt.Println("\nofficer queue: skipped (-url without -app-db: cannot seed that instance's database)")
	default:
		if err := b.queuePhases(ctx, appDB); err != nil {
			return 1, b.withServerLog(err)
		}
		if err := b.appAlive(); err != nil {
			return 1, err
		}
	}
	b.summary()
	if b.app != nil {
		if logs := strings.TrimSpace(b.app.Logs()); logs != "" {
			fmt.Printf("\n--- app output (log level warn) ---\n%s\n", benchkit.Tail(logs, 8000))
		}
	}
	if len(b.failures) > 0 {
		fmt.Printf("\nFAIL (%d):\n  - %s\n", len(b.failures), strings.Join(b.failures, "\n  - "))
		return 1, nil
	}
	fmt.Println("\nPASS: zero errors, gapless numbers")
	return 0, nil
}

func (b *bench) header(settings map[string]string, dbName string) {
	target := b.baseURL + " (started from a fresh build)"
	if b.app == nil {
		target = b.baseURL + " (already running, -url)"
	}
	pool := "config.yaml database.max_open_conns"
	if b.opts.appConns > 0 {
		pool = strconv.Itoa(b.opts.appConns)
	}
	fmt.Printf(`
# Terbuka load test
date:       %s
machine:    %d CPUs (runtime.NumCPU), %s/%s, %s
postgresql: %s (fsync=%s, synchronous_commit=%s, max_connections=%s, shared_buffers=%s)
app:        %s, log level warn, scheduler off, app pool %s
database:   %s
phases:     %s each; intake clients %v; queue clients %v over %d seeded open requests
method:     %s warm-up of HTTP and raw intake first (untimed); then per client count the order
            alternates (raw first, HTTP first, …) so neither side always meets a warmer cache.
            Load generator, app and PostgreSQL share the same CPUs.
goal:       HTTP ≥ %.1f× raw at %d clients, zero errors, gapless numbers; queue p95 < %.0f ms
`, time.Now().Format("2006-01-02 15:04:05 MST"), runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version(),
		settings["server_version"], settings["fsync"], settings["synchronous_commit"], settings["max_connections"], settings["shared_buffers"],
		target, pool, dbName, b.opts.duration, b.opts.clients, queueClients, b.opts.queueRows, b.opts.warmup,
		goalRatio, goalRatioAt, goalQueueP95ms)
	if settings["fsync"] == "off" || settings["synchronous_commit"] == "off" {
		fmt.Println("note:       durability is off on this cluster, so the raw ceiling is higher than on a production server.")
	}
}

// intakePhases runs, per client count, the HTTP API and the raw statement for the same duration.
func (b *bench) intakePhases(ctx context.Context) error {
	fmt.Println("\n## Intake: POST /api/v1/requests vs the same statement on a *sql.DB")
	if b.opts.warmup > 0 {
		c := min(16, slices.Max(b.opts.clients))
		if _, err := b.intakeHTTP(ctx, c, b.opts.warmup, "warm-up"); err != nil {
			return err
		}
		if _, err := b.intakeRaw(ctx, c, b.opts.warmup, "warm-up"); err != nil {
			return err
		}
		fmt.Printf("warm-up done (%s each at c=%d, not reported)\n", b.opts.warmup, c)
	}
	meter := b.cpuMeter(ctx)
	for i, c := range b.opts.clients {
		var row intakeRow
		var err error
		http := func() error {
			before := readCPU(meter)
			row.http, err = b.intakeHTTP(ctx, c, b.opts.duration, "HTTP")
			row.httpCPU = cpuSince(meter, before)
			return err
		}
		if i%2 == 0 {
			if row.raw, err = b.intakeRaw(ctx, c, b.opts.duration, "raw SQL"); err == nil {
				err = http()
			}
		} else {
			if err = http(); err == nil {
				row.raw, err = b.intakeRaw(ctx, c, b.opts.duration, "raw SQL")
			}
		}
		if err != nil {
			return err
		}
		before := readCPU(meter)
		if row.pgbench, err = benchkit.PgbenchTwoInserts(ctx, b.benchURL, c, b.opts.duration); err != nil {
			return err
		}
		row.pgbenchCPU = cpuSince(meter, before)
		b.intake = append(b.intake, row)
		fmt.Printf("  → c=%d: HTTP/raw = %.2f× requests/s, p50 %.2f vs %.2f ms; pgbench two-INSERT %.0f TPS, HTTP/pgbench = %.2f×\n",
			c, benchkit.Ratio(row.http.RPS(), row.raw.RPS()), benchkit.Ms(row.http.Pct(0.5)), benchkit.Ms(row.raw.Pct(0.5)),
			row.pgbench, benchkit.Ratio(row.http.RPS(), row.pgbench))
		printCPU(row, b.opts.duration)
		if err := b.appAlive(); err != nil {
			return err
		}
	}
	return nil
}

func (b *bench) intakeHTTP(ctx context.Context, c int, d time.Duration, label string) (*benchkit.Result, error) {
	r, err := benchkit.RunPhase(ctx, "intake "+label, c, d, 0, benchkit.Expected(d, 3000), intakeHTTP(b.baseURL, c, label))
	if err != nil {
		return nil, err
	}
	if b.app != nil {
		b.inserted += int64(r.OK) // the started app writes to the bench database
	}
	b.report(r, "failed requests (non-201 or no answer)")
	return r, nil
}

func (b *bench) intakeRaw(ctx context.Context, c int, d time.Duration, label string) (*benchkit.Result, error) {
	// Same DSN transformation as the app (binary_parameters=yes: one round trip), pool = c.
	st, err := store.Open(ctx, b.benchURL, c)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	db := st.DB()
	if err := benchkit.OpenConns(ctx, db.DB, c); err != nil {
		return nil, err
	}
	raw, err := newRawIntake(ctx, db, b.cal)
	if err != nil {
		return nil, err
	}
	r, err := benchkit.RunPhase(ctx, "intake "+label, c, d, 0, benchkit.Expected(d, 8000), raw.setup(label))
	if err != nil {
		return nil, err
	}
	b.inserted += int64(r.OK)
	b.report(r, "raw statement errors")
	return r, nil
}

func (b *bench) report(r *benchkit.Result, what string) {
	if strings.Contains(r.Name, "warm-up") {
		if r.Errs > 0 {
			b.fail("%s c=%d: %d %s; first: %s", r.Name, r.Clients, r.Errs, what, r.Example)
		}
		return
	}
	fmt.Println(r)
	if r.Errs > 0 {
		b.fail("%s c=%d: %d %s; first: %s", r.Name, r.Clients, r.Errs, what, r.Example)
	}
}

// queuePhases seeds open requests and loads GET /kantor as signed-in officers, then times the
// page's two queries alone over as many iterations.
func (b *bench) queuePhases(ctx context.Context, appDB string) error {
	fmt.Printf("\n## Officer queue: GET /kantor over %d open requests\n", b.opts.queueRows)
	st, err := store.Open(ctx, appDB, 2)
	if err != nil {
		return err
	}
	defer st.Close()
	today := calendar.DateOf(time.Now().In(b.cal.Location()))
	// The handler's own parameters: first page, no status filter, due soon = 3 working days.
	soon := b.cal.AddWorkingDays(today, 3).Due
	t0 := time.Now()
	seeded, open, err := seedQueue(ctx, st.DB(), today, b.opts.queueRows, b.opts.vacuum)
	if err != nil {
		return err
	}
	stats := "ANALYZE"
	if b.opts.vacuum {
		stats = "ANALYZE + VACUUM"
	}
	fmt.Printf("seeded %d open requests (due %s … %s), then %s, in %s; open requests in the table, intake rows included: %d\n",
		seeded, today.AddDays(-60), today.AddDays(60), stats, time.Since(t0).Round(time.Millisecond), open)
	b.openRows, b.stats = open, stats
	if err := ensureOfficer(ctx, st.DB()); err != nil {
		return err
	}
	for _, c := range queueClients {
		var row queueRow
		if row.http, err = benchkit.RunPhase(ctx, "queue HTTP", c, b.opts.duration, 0, benchkit.Expected(b.opts.duration, 1000),
			queueHTTP(ctx, b.baseURL, c)); err != nil {
			return err
		}
		b.report(row.http, "failed requests (non-200 or no answer)")
		sqlStore, err := store.Open(ctx, appDB, c)
		if err != nil {
			return err
		}
		if err := benchkit.OpenConns(ctx, sqlStore.DB().DB, c); err != nil {
			sqlStore.Close()
			return err
		}
		iterations := int64(row.http.OK + row.http.Errs)
		row.sql, err = benchkit.RunPhase(ctx, "queue bare SQL", c, 0, max(iterations, 1), int(iterations),
			queueSQLOp(sqlStore.DB(), today, soon))
		sqlStore.Close()
		if err != nil {
			return err
		}
		b.report(row.sql, "SQL errors")
		fmt.Printf("  → c=%d: HTTP/SQL = %.2f× requests/s; p95 %.2f ms vs %.2f ms bare SQL (goal p95 < %.0f ms: %s)\n",
			c, benchkit.Ratio(row.http.RPS(), row.sql.RPS()), benchkit.Ms(row.http.Pct(0.95)), benchkit.Ms(row.sql.Pct(0.95)),
			goalQueueP95ms, verdict(benchkit.Ms(row.http.Pct(0.95)) < goalQueueP95ms))
		b.queue = append(b.queue, row)
		if err := b.appAlive(); err != nil {
			return err
		}
	}
	return nil
}

// summary prints the verdicts and a table to paste into BENCHMARKS.md.
func (b *bench) summary() {
	fmt.Println("\n## Summary")
	for _, row := range b.intake {
		if row.http.Clients == goalRatioAt {
			r := benchkit.Ratio(row.http.RPS(), row.raw.RPS())
			fmt.Printf("HTTP/raw at %d clients: %.2f× (goal ≥ %.1f×: %s)\n", goalRatioAt, r, goalRatio, verdict(r >= goalRatio))
			p := benchkit.Ratio(row.http.RPS(), row.pgbench)
			fmt.Printf("HTTP/pgbench two-INSERT at %d clients: %.0f vs %.0f per second = %.2f× (goal ≥ %.1f×: %s)\n",
				goalRatioAt, row.http.RPS(), row.pgbench, p, goalRatio, verdict(p >= goalRatio))
			if p < goalRatio {
				b.fail("intake through HTTP at %d clients is %.2f× pgbench's two-INSERT transaction (goal ≥ %.1f×)", goalRatioAt, p, goalRatio)
			}
		}
	}
	if len(b.queue) > 0 {
		fmt.Printf("queue table: %d open requests (%d seeded + intake rows), statistics by %s\n", b.openRows, b.opts.queueRows, b.stats)
	}
	for _, row := range b.queue {
		p95 := benchkit.Ms(row.http.Pct(0.95))
		fmt.Printf("queue p95 at %d clients: %.2f ms (goal < %.0f ms: %s)\n", row.http.Clients, p95, goalQueueP95ms, verdict(p95 < goalQueueP95ms))
	}
	for _, l := range b.numbers {
		fmt.Println(l)
	}
	fmt.Println()
	fmt.Println("| Phase | Clients | Requests | Requests/s | p50 ms | p95 ms | p99 ms | Errors | Ratio (req/s) |")
	fmt.Println("|---|--:|--:|--:|--:|--:|--:|--:|--:|")
	line := func(r *benchkit.Result, ratioText string) {
		fmt.Printf("| %s | %d | %d | %.0f | %.2f | %.2f | %.2f | %d | %s |\n",
			r.Name, r.Clients, r.OK, r.RPS(), benchkit.Ms(r.Pct(0.50)), benchkit.Ms(r.Pct(0.95)), benchkit.Ms(r.Pct(0.99)), r.Errs, ratioText)
	}
	for _, row := range b.intake {
		line(row.http, fmt.Sprintf("%.2f× raw", benchkit.Ratio(row.http.RPS(), row.raw.RPS())))
		line(row.raw, "")
	}
	for _, row := range b.queue {
		line(row.http, fmt.Sprintf("%.2f× SQL", benchkit.Ratio(row.http.RPS(), row.sql.RPS())))
		line(row.sql, "")
	}
}

func (b *bench) appAlive() error {
	if b.app != nil && b.app.Exited() {
		return fmt.Errorf("terbuka serve exited during the run: %v\n--- server output ---\n%s", b.app.ExitErr(), benchkit.Tail(b.app.Logs(), 16000))
	}
	return nil
}

// withServerLog attaches what the app printed, since its errors explain most failures.
func (b *bench) withServerLog(err error) error {
	if b.app == nil || errors.Is(err, context.Canceled) {
		return err
	}
	return fmt.Errorf("%w\n--- server output ---\n%s", err, benchkit.Tail(b.app.Logs(), 16000))
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "MISSED"
}

// redact hides a password in a URL before it is printed.
func redact(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		return u.Redacted()
	}
	return dsn
}
