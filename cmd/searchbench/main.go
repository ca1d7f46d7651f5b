// Command searchbench measures the public portal's search and list pages over a generated corpus
// of Indonesian-like documents (200,000 by default): a selective term, a very common term, a
// two-term query and three list pages, each through GET /dokumen (HTML) and GET
// /api/v1/documents (JSON) at 1 and 8 clients, beside the store's own statement sent bare from
// this process in the same run. `make bench` runs it beside a throwaway cluster:
//
//	go run ./cmd/withpg -durable -- go run ./cmd/searchbench
//	go run ./cmd/withpg -durable -- go run ./cmd/searchbench -docs 50000 -duration 3s -explain
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/benchkit"
	"github.com/terbuka-id/terbuka/internal/store"
)

// envURL is set by cmd/withpg to the `postgres` database of a throwaway cluster.
const envURL = "TERBUKA_TEST_DATABASE_URL"

const (
	goalRatio  = 2.0  // HTTP p95 ≤ 2× the bare statement's p95
	goalFastMs = 50.0 // and < 50 ms for the selective and two-term searches
)

type options struct {
	docs     int
	workers  int
	duration time.Duration
	warmup   time.Duration
	clients  []int
	keep     bool
	reuse    string
	appConns int
	explain  bool
	only     string
}

func main() {
	os.Exit(run())
}

func run() int {
	var o options
	var clients string
	flag.IntVar(&o.docs, "docs", 200000, "published documents to generate")
	flag.IntVar(&o.workers, "workers", runtime.NumCPU(), "parallel INSERT … SELECT statements generating the corpus")
	flag.DurationVar(&o.duration, "duration", 5*time.Second, "length of each measured phase")
	flag.DurationVar(&o.warmup, "warmup", time.Second, "untimed warm-up of each query (HTTP and bare) before its phases")
	flag.StringVar(&clients, "clients", "1,8", "comma-separated concurrent client counts")
	flag.BoolVar(&o.keep, "keep", false, "keep the searchbench_* database afterwards")
	flag.StringVar(&o.reuse, "db", "", "use this database (e.g. one kept by -keep) instead of a new one; the corpus is generated only if it has no publications")
	flag.IntVar(&o.appConns, "app-conns", 0, "database.max_open_conns of the started app (0: its config.yaml value)")
	flag.BoolVar(&o.explain, "explain", false, "print EXPLAIN (ANALYZE, BUFFERS) of each bare statement")
	flag.StringVar(&o.only, "only", "", "run only the queries whose name contains one of these comma-separated words (e.g. \"term,list\")")
	flag.Parse()
	var err error
	if o.clients, err = benchkit.ParseClients(clients); err != nil || o.docs < 1000 {
		fmt.Fprintln(os.Stderr, "searchbench: -clients wants positive numbers, -docs at least 1000")
		return 2
	}
	serverURL := os.Getenv(envURL)
	if serverURL == "" {
		fmt.Fprintf(os.Stderr, "searchbench: %s is not set: run via make bench (go run ./cmd/withpg -durable -- go run ./cmd/searchbench)\n", envURL)
		return 2
	}
	if o.only != "" {
		cases = slices.DeleteFunc(cases, func(c searchCase) bool {
			return !slices.ContainsFunc(strings.Split(o.only, ","), func(w string) bool { return strings.Contains(c.name, strings.TrimSpace(w)) })
		})
	}
	b := &bench{opts: o, serverURL: serverURL}
	return benchkit.RunCommand("searchbench", b.run)
}

type bench struct {
	opts      options
	serverURL string
	benchURL  string
	app       *benchkit.App
	rows      []row
	failures  []string
}

// row is one query at one client count: both HTTP sides, the handler's store calls, the bare statement.
type row struct {
	c                    searchCase
	clients              int
	html, json, page, sq *benchkit.Result
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
	for _, name := range []string{"server_version", "fsync", "synchronous_commit", "shared_buffers", "work_mem", "jit"} {
		var v string
		if err := admin.QueryRowContext(ctx, "SHOW "+name).Scan(&v); err != nil {
			return 1, fmt.Errorf("PostgreSQL at %s: %w", envURL, err)
		}
		settings[name] = v
	}
	dbName := b.opts.reuse
	if dbName == "" {
		dbName = fmt.Sprintf("searchbench_%d", time.Now().Unix())
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
	}
	b.benchURL = benchkit.WithDatabase(b.serverURL, dbName)
	st, err := store.Open(ctx, b.benchURL, max(4, b.opts.workers))
	if err != nil {
		return 1, err
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		return 1, err
	}
	fmt.Printf(`
# Portal search benchmark
date:       %s
machine:    %d CPUs (runtime.NumCPU), %s/%s, %s
postgresql: %s (fsync=%s, synchronous_commit=%s, shared_buffers=%s, work_mem=%s, jit=%s)
database:   %s
phases:     %s each after a %s warm-up per query; clients %v; HTML page, JSON API, the handler's
            store calls ("page SQL") and the bare statement in the same run, the order alternating
            per client count. Load generator, app and PostgreSQL share the same CPUs.
goal:       HTTP p95 ≤ %.0f× the bare statement's p95; < %.0f ms for the selective and two-term searches
`, time.Now().UTC().Format("2006-01-02 15:04 UTC"), runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version(),
		settings["server_version"], settings["fsync"], settings["synchronous_commit"], settings["shared_buffers"],
		settings["work_mem"], settings["jit"], dbName, b.opts.duration, b.opts.warmup, b.opts.clients, goalRatio, goalFastMs)

	var have int
	if err := st.DB().GetContext(ctx, &have, `SELECT count(*) FROM publications`); err != nil {
		return 1, err
	}
	var cs corpusStats
	if have == 0 {
		fmt.Printf("\n## Corpus: generating %d documents with %d parallel INSERT … SELECT\n", b.opts.docs, b.opts.workers)
		step := int64(max(b.opts.docs/10, 1))
		var shown int64
		cs, err = generateCorpus(ctx, st.DB(), b.opts.docs, b.opts.workers, func(done int64) {
			if done/step > shown/step || done == int64(b.opts.docs) {
				fmt.Printf("  %d documents …\n", done)
			}
			shown = done
		})
		if err != nil {
			return 1, err
		}
	} else {
		fmt.Printf("\n## Corpus: reusing the %d publications of %s\n", have, dbName)
		if _, err := st.DB().ExecContext(ctx, `ANALYZE publications`); err != nil {
			return 1, err
		}
		if err := describeCorpus(ctx, st.DB(), &cs); err != nil {
			return 1, err
		}
	}
	b.describe(cs)

	dir, err := os.MkdirTemp("", "terbuka-searchbench-")
	if err != nil {
		return 1, err
	}
	defer os.RemoveAll(dir)
	fmt.Println("\nbuilding ./cmd/terbuka …")
	bin, err := benchkit.BuildApp(ctx, dir)
	if err != nil {
		return 1, err
	}
	if b.app, err = benchkit.StartApp(ctx, bin, b.benchURL, b.opts.appConns); err != nil {
		return 1, err
	}
	defer func() {
		if err := b.app.Stop(); err != nil {
			fmt.Println("app stop:", err)
		}
	}()

	fmt.Println("\n## Checks: bare statement = JSON items = HTML links, in order; unbounded ranking as reference")
	for _, c := range append(slices.Clone(cases), checkedOnly...) {
		ck, err := check(ctx, st.DB(), b.app.BaseURL, c)
		if err != nil {
			b.fail("%s: %v", c.name, err)
			continue
		}
		if c.isSearch() {
			fmt.Printf("%-20s q=%-20q %6d matches (%5.2f%% of documents), %6d in title/keywords/summary; page %d: %2d such hits, "+
				"%2d/%d shared with unbounded ranking%s; total shown %d%s\n", c.name, c.query, ck.matches,
				100*float64(ck.matches)/float64(cs.docs), ck.headMatches, c.page, ck.headOnPage, ck.overlap, perPage,
				map[bool]string{true: " (identical)", false: ""}[ck.exact], ck.total, map[bool]string{true: "+", false: ""}[ck.capped])
			snippet := strings.NewReplacer(store.SnippetStart, "[", store.SnippetStop, "]", "\n", " ").Replace(ck.first.Snippet)
			fmt.Printf("%20s first: %q (%s, rank %.3f) — %s\n", "", ck.first.Title, ck.first.PublishedAt.Format(time.DateOnly),
				ck.first.Rank, benchkit.Tail(snippet, 160))
		} else {
			fmt.Printf("%-20s %-25s total shown %d%s\n", c.name, c.path(false), ck.total, map[bool]string{true: "+", false: ""}[ck.capped])
		}
	}
	// The app refreshes the filter choices every 30 s, holding up the requests that wait for them.
	var took []time.Duration
	for range 7 {
		t0 := time.Now()
		if _, err := st.PortalFacets(ctx); err != nil {
			return 1, err
		}
		took = append(took, time.Since(t0))
	}
	slices.Sort(took)
	fmt.Printf("filter choices (store.PortalFacets, cached 30 s by the app): median %.2f ms of 7\n", benchkit.Ms(took[3]))
	if b.opts.explain {
		for _, c := range cases {
			plan, err := explain(ctx, st.DB(), c)
			if err != nil {
				return 1, fmt.Errorf("explain %s: %w", c.name, err)
			}
			fmt.Printf("\n### EXPLAIN %s\n%s\n", c.name, plan)
		}
	}

	if err := b.phases(ctx); err != nil {
		return 1, b.withServerLog(err)
	}
	b.summary()
	if logs := strings.TrimSpace(b.app.Logs()); logs != "" {
		fmt.Printf("\n--- app output (log level warn) ---\n%s\n", benchkit.Tail(logs, 8000))
	}
	if len(b.failures) > 0 {
		fmt.Printf("\nFAIL (%d):\n  - %s\n", len(b.failures), strings.Join(b.failures, "\n  - "))
		return 1, nil
	}
	fmt.Println("\nPASS: zero errors; pages, API and bare SQL agree")
	return 0, nil
}

func (b *bench) describe(cs corpusStats) {
	if cs.took > 0 {
		fmt.Printf("generated %d documents in %s (rows %s, then indexes %s), then VACUUM (ANALYZE) in %s\n", cs.docs,
			cs.took.Round(100*time.Millisecond), cs.loadTook.Round(100*time.Millisecond), (cs.took - cs.loadTook).Round(100*time.Millisecond),
			cs.vacuumTook.Round(100*time.Millisecond))
	}
	fmt.Printf("words per document: title %.1f, summary %.1f, body %.0f\n", cs.avgTitleWords, cs.avgSummary, cs.avgBodyWords)
	fmt.Printf("publications: %s with indexes (heap %s, TOAST %s, indexes %s)\n", mb(cs.total), mb(cs.heap), mb(cs.toast), mb(cs.total-cs.table))
	for _, ix := range cs.indexes {
		fmt.Printf("  %-40s %s\n", ix.name, mb(ix.size))
	}
}

// phases runs every case at every client count: HTML, JSON, page SQL and bare SQL.
func (b *bench) phases(ctx context.Context) error {
	pools := map[int]*store.Store{}
	defer func() {
		for _, s := range pools {
			s.Close()
		}
	}()
	for _, n := range b.opts.clients {
		s, err := store.Open(ctx, b.benchURL, n)
		if err != nil {
			return err
		}
		pools[n] = s
		if err := benchkit.OpenConns(ctx, s.DB().DB, n); err != nil {
			return err
		}
	}
	top := slices.Max(b.opts.clients)
	for _, c := range cases {
		fmt.Printf("\n## %s: %s (load average %s)\n", c.name, c.path(false), loadAverage())
		if b.opts.warmup > 0 {
			if _, err := benchkit.RunPhase(ctx, "warm-up", top, b.opts.warmup, 0, benchkit.Expected(b.opts.warmup, 2000), httpOp(b.app.BaseURL, c, false, top)); err != nil {
				return err
			}
			if _, err := benchkit.RunPhase(ctx, "warm-up", top, b.opts.warmup, 0, benchkit.Expected(b.opts.warmup, 2000), bareOp(pools[top].DB(), c)); err != nil {
				return err
			}
		}
		for i, n := range b.opts.clients {
			r := row{c: c, clients: n}
			steps := []func() error{
				func() (err error) { r.sq, err = b.phase(ctx, "bare SQL", n, bareOp(pools[n].DB(), c)); return },
				func() (err error) { r.page, err = b.phase(ctx, "page SQL", n, pageSQLOp(pools[n], c)); return },
				func() (err error) {
					r.html, err = b.phase(ctx, "HTML", n, httpOp(b.app.BaseURL, c, false, n))
					return
				},
				func() (err error) {
					r.json, err = b.phase(ctx, "JSON", n, httpOp(b.app.BaseURL, c, true, n))
					return
				},
			}
			if i%2 == 1 {
				for l, h := 0, len(steps)-1; l < h; l, h = l+1, h-1 {
					steps[l], steps[h] = steps[h], steps[l]
				}
			}
			for _, step := range steps {
				if err := step(); err != nil {
					return err
				}
			}
			fmt.Printf("  → c=%d: p95 HTML %.2f, JSON %.2f, page SQL %.2f, bare %.2f ms; HTML/bare %.2f×\n", n,
				benchkit.Ms(r.html.Pct(0.95)), benchkit.Ms(r.json.Pct(0.95)), benchkit.Ms(r.page.Pct(0.95)), benchkit.Ms(r.sq.Pct(0.95)),
				benchkit.Ratio(benchkit.Ms(r.html.Pct(0.95)), benchkit.Ms(r.sq.Pct(0.95))))
			b.rows = append(b.rows, r)
			if err := b.appAlive(); err != nil {
				return err
			}
		}
	}
	return nil
}

// loadAverage is the 1-minute load average: other work on the machine shows up here.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(b))[0]
}

func (b *bench) phase(ctx context.Context, name string, n int, setup func(int) (benchkit.Op, error)) (*benchkit.Result, error) {
	r, err := benchkit.RunPhase(ctx, name, n, b.opts.duration, 0, benchkit.Expected(b.opts.duration, 3000), setup)
	if err != nil {
		return nil, err
	}
	fmt.Println(r)
	if r.Errs > 0 {
		b.fail("%s c=%d: %d errors; first: %s", name, n, r.Errs, r.Example)
	}
	return r, nil
}

// goal is the verdict of one HTTP row against the bare statement.
func goal(c searchCase, http, bare *benchkit.Result) string {
	p95, bp95 := benchkit.Ms(http.Pct(0.95)), benchkit.Ms(bare.Pct(0.95))
	var missed []string
	if r := benchkit.Ratio(p95, bp95); r > goalRatio {
		missed = append(missed, fmt.Sprintf("%.1f× > %.0f×", r, goalRatio))
	}
	if c.fast && p95 >= goalFastMs {
		missed = append(missed, fmt.Sprintf("%.0f ms ≥ %.0f ms", p95, goalFastMs))
	}
	if len(missed) > 0 {
		return "**missed** (" + strings.Join(missed, ", ") + ")"
	}
	return "met"
}

// summary prints the table to paste into BENCHMARKS.md.
func (b *bench) summary() {
	fmt.Printf("\n## Summary (ms; ratio = HTTP p95 / bare p95; load average now %s)\n", loadAverage())
	fmt.Println()
	fmt.Println("| Query | Clients | Via | Requests | p50 | p95 | p99 | Page SQL p95 | Bare p50 | Bare p95 | Ratio | Goal |")
	fmt.Println("|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|---|")
	for _, r := range b.rows {
		for _, h := range []*benchkit.Result{r.html, r.json} {
			fmt.Printf("| %s | %d | %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f× | %s |\n",
				r.c.name, r.clients, h.Name, h.OK, benchkit.Ms(h.Pct(0.50)), benchkit.Ms(h.Pct(0.95)), benchkit.Ms(h.Pct(0.99)), benchkit.Ms(r.page.Pct(0.95)),
				benchkit.Ms(r.sq.Pct(0.50)), benchkit.Ms(r.sq.Pct(0.95)), benchkit.Ratio(benchkit.Ms(h.Pct(0.95)), benchkit.Ms(r.sq.Pct(0.95))), goal(r.c, h, r.sq))
		}
	}
}

func (b *bench) appAlive() error {
	if b.app.Exited() {
		return fmt.Errorf("terbuka serve exited during the run: %v\n--- server output ---\n%s", b.app.ExitErr(), benchkit.Tail(b.app.Logs(), 16000))
	}
	return nil
}

func (b *bench) withServerLog(err error) error {
	if errors.Is(err, context.Canceled) {
		return err
	}
	return fmt.Errorf("%w\n--- server output ---\n%s", err, benchkit.Tail(b.app.Logs(), 16000))
}
