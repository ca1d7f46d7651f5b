// Command queuebench measures the officers' queue (GET /kantor) over a large table of open
// requests (1,000,000 by default): the bare queue, a requester-name search, a words search, two
// filters and "assigned to me", each through the signed-in page at 1 and 8 clients, beside the
// page's own statements (store.QueueSQL and store.CountQueueSQL; for a search the one statement
// store.QueueSearchPageSQL) sent bare from this process in the same run, and beside the floor:
// a bare net/http process serving the same statements and the session's (floor.go). It reports
// the CPU of one page, one bare run of the statements and one floor page, by process. `make bench`
// runs it beside a throwaway cluster:
//
//	go run ./cmd/withpg -durable -- go run ./cmd/queuebench
//	go run ./cmd/withpg -durable -- go run ./cmd/queuebench -rows 200000 -duration 3s -explain
//	go run ./cmd/withpg -durable -- go run ./cmd/queuebench -cases bare,mine -clients 8 -floor=false
package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/benchkit"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/password"
	"github.com/terbuka-id/terbuka/internal/store"
)

// envURL is set by cmd/withpg to the `postgres` database of a throwaway cluster.
const envURL = "TERBUKA_TEST_DATABASE_URL"

const (
	goalP95ms   = 50.0 // page p95 at goalClients
	goalRatio   = 1.5  // page p95 ≤ 1.5× the bare statements' p95
	goalClients = 8
)

const (
	officerEmail    = "bench-queue@terbuka.test"
	officerPassword = "bench-password-123"
)

// queueCase is one view of the queue an officer opens.
type queueCase struct {
	name  string
	query url.Values
}

// The mixes: the morning's bare queue, a requester's full name, a word of the requests, two filters
// combined, and the officer's own cases. The search words exist in the generated data.
var cases = []queueCase{
	{"bare", url.Values{}},
	{"name search", url.Values{"q": {"Wulan Siregar"}}},
	{"words search", url.Values{"q": {"anggaran puskesmas"}}},
	{"status + overdue", url.Values{"status": {"diproses"}, "tenggat": {"lewat"}}},
	{"mine", url.Values{"petugas": {"saya"}}},
}

// queueDates are today in the office's zone and, approximately, the handler's "due soon" (3
// working days); only the counts' arguments depend on the latter.
func queueDates() (today, soon calendar.Date) {
	loc, _ := time.LoadLocation("Asia/Jakarta")
	today = calendar.DateOf(time.Now().In(loc))
	return today, today.AddDays(5)
}

// filter is the case's store filter as the handler builds it, for its first page.
func (c queueCase) filter(officerID int64, today, soon calendar.Date) store.QueueFilter {
	f := store.QueueFilter{Query: c.query.Get("q"), Status: c.query.Get("status"), Clock: c.query.Get("tenggat"),
		Today: today, Soon: soon, Limit: 51}
	if c.query.Get("petugas") == "saya" {
		f.AssignedTo = officerID
	}
	return f
}

type options struct {
	rows     int
	duration time.Duration
	warmup   time.Duration
	clients  []int
	keep     bool
	reuse    string
	appConns int
	explain  bool
	only     string
	floor    bool

	serveFloor string
	officer    int64
}

func main() { os.Exit(run()) }

func run() int {
	var o options
	var clients string
	flag.IntVar(&o.rows, "rows", 1000000, "open requests to generate")
	flag.DurationVar(&o.duration, "duration", 5*time.Second, "length of each measured phase")
	flag.DurationVar(&o.warmup, "warmup", time.Second, "untimed warm-up of each case (page and bare) before its phases")
	flag.StringVar(&clients, "clients", "1,8", "comma-separated concurrent client counts")
	flag.BoolVar(&o.keep, "keep", false, "keep the queuebench_* database afterwards")
	flag.StringVar(&o.reuse, "db", "", "use this database (e.g. one kept by -keep); rows are generated only if it has no requests")
	flag.IntVar(&o.appConns, "app-conns", 0, "database.max_open_conns of the started app (0: its config.yaml value)")
	flag.StringVar(&o.only, "cases", "", "comma-separated case names to run (default: all)")
	flag.BoolVar(&o.floor, "floor", true, "also measure the floor: net/http with the session's and the page's statements, no app")
	flag.StringVar(&o.serveFloor, "serve-floor", "", "internal: serve the floor of this case (run by queuebench itself)")
	flag.Int64Var(&o.officer, "officer", 0, "internal: the signed-in officer's id, for -serve-floor")
	flag.BoolVar(&o.explain, "explain", false, "print EXPLAIN (ANALYZE, BUFFERS) of each case's page statement")
	flag.Parse()
	var err error
	if o.clients, err = benchkit.ParseClients(clients); err != nil || o.rows < 1000 {
		fmt.Fprintln(os.Stderr, "queuebench: -clients wants positive numbers, -rows at least 1000")
		return 2
	}
	if o.serveFloor != "" {
		return serveFloor(o.serveFloor, o.officer)
	}
	serverURL := os.Getenv(envURL)
	if serverURL == "" {
		fmt.Fprintf(os.Stderr, "queuebench: %s is not set: run via make bench (go run ./cmd/withpg -durable -- go run ./cmd/queuebench)\n", envURL)
		return 2
	}
	return benchkit.RunCommand("queuebench", func(ctx context.Context) (int, error) { return bench(ctx, o, serverURL) })
}

type row struct {
	c                          queueCase
	clients                    int
	page, bare, floor          *benchkit.Result     // floor: nil when not run
	pageCPU, bareCPU, floorCPU *benchkit.CPUReading // nil when not measured
}

func bench(ctx context.Context, o options, serverURL string) (int, error) {
	admin, err := sql.Open("postgres", serverURL)
	if err != nil {
		return 1, err
	}
	defer admin.Close()
	var version string
	if err := admin.QueryRowContext(ctx, "SHOW server_version").Scan(&version); err != nil {
		return 1, fmt.Errorf("PostgreSQL at %s: %w", envURL, err)
	}
	dbName := o.reuse
	if dbName == "" {
		dbName = fmt.Sprintf("queuebench_%d", time.Now().Unix())
		if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(dbName)); err != nil {
			return 1, fmt.Errorf("create database: %w", err)
		}
		defer func() {
			if o.keep {
				fmt.Println("kept database", dbName)
				return
			}
			admin.Exec("DROP DATABASE IF EXISTS " + pq.QuoteIdentifier(dbName) + " WITH (FORCE)")
		}()
	}
	dbURL := benchkit.WithDatabase(serverURL, dbName)
	st, err := store.Open(ctx, dbURL, 4)
	if err != nil {
		return 1, err
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		return 1, err
	}
	fmt.Printf(`
# Officer queue benchmark
date:       %s
machine:    %d CPUs (runtime.NumCPU), %s/%s, %s
postgresql: %s
database:   %s
phases:     %s each after a %s warm-up per case; clients %v; the signed-in page, the page's
            statements sent bare (same arguments) and the floor in the same run, the order rotating
            per client count.
goal:       page p95 < %.0f ms at %d clients, and ≤ %.1f× the bare statements' p95
`, time.Now().UTC().Format("2006-01-02 15:04 UTC"), runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version(),
		version, dbName, o.duration, o.warmup, o.clients, goalP95ms, goalClients, goalRatio)

	officerID, err := ensureOfficer(ctx, st.DB())
	if err != nil {
		return 1, err
	}
	var have int
	if err := st.DB().GetContext(ctx, &have, `SELECT count(*) FROM requests`); err != nil {
		return 1, err
	}
	if have == 0 {
		t0 := time.Now()
		if err := seed(ctx, st.DB(), o.rows, officerID); err != nil {
			return 1, err
		}
		fmt.Printf("\ngenerated %d open requests in %s (rows, indexes, VACUUM ANALYZE)\n", o.rows, time.Since(t0).Round(100*time.Millisecond))
	}
	var open int
	if err := st.DB().GetContext(ctx, &open, `SELECT count(*) FROM requests WHERE closed_at IS NULL`); err != nil {
		return 1, err
	}
	fmt.Printf("open requests: %d\n", open)

	today, soon := queueDates()
	filterOf := func(c queueCase) store.QueueFilter { return c.filter(officerID, today, soon) }
	if o.explain {
		for _, c := range cases {
			var plan []string
			if c.query.Get("q") != "" {
				if err := st.DB().SelectContext(ctx, &plan, "EXPLAIN (ANALYZE, BUFFERS) "+store.QueueSearchPageSQL, store.QueueSearchPageArgs(access.Everything, filterOf(c), today, soon)...); err != nil {
					return 1, fmt.Errorf("explain %s: %w", c.name, err)
				}
				fmt.Printf("\n### EXPLAIN %s (page and counts, one statement)\n%s\n", c.name, strings.Join(plan, "\n"))
				continue
			}
			if err := st.DB().SelectContext(ctx, &plan, "EXPLAIN (ANALYZE, BUFFERS) "+store.QueueStatement(filterOf(c)), store.QueueQueryArgs(access.Everything, filterOf(c))...); err != nil {
				return 1, fmt.Errorf("explain %s: %w", c.name, err)
			}
			fmt.Printf("\n### EXPLAIN %s\n%s\n", c.name, strings.Join(plan, "\n"))
			plan = plan[:0]
			if err := st.DB().SelectContext(ctx, &plan, "EXPLAIN (ANALYZE, BUFFERS) "+store.CountQueueStatement(filterOf(c)), store.QueueCountArgs(access.Everything, filterOf(c), today, soon)...); err != nil {
				return 1, fmt.Errorf("explain %s counts: %w", c.name, err)
			}
			fmt.Printf("\n### EXPLAIN %s, counts\n%s\n", c.name, strings.Join(plan, "\n"))
		}
	}

	dir, err := os.MkdirTemp("", "terbuka-queuebench-")
	if err != nil {
		return 1, err
	}
	defer os.RemoveAll(dir)
	fmt.Println("\nbuilding ./cmd/terbuka …")
	bin, err := benchkit.BuildApp(ctx, dir)
	if err != nil {
		return 1, err
	}
	// No scheduler in the measured app: at its first start the deadline watch catches up on the
	// generated overdue cases (200,000 marked over ~2 minutes), writing beside every phase.
	os.Setenv("TERBUKA_JOBS_ENABLED", "false")
	app, err := benchkit.StartApp(ctx, bin, dbURL, o.appConns)
	if err != nil {
		return 1, err
	}
	defer app.Stop()

	pools := map[int]*store.Store{}
	defer func() {
		for _, s := range pools {
			s.Close()
		}
	}()
	for _, n := range o.clients {
		s, err := store.Open(ctx, dbURL, n)
		if err != nil {
			return 1, err
		}
		pools[n] = s
		if err := benchkit.OpenConns(ctx, s.DB().DB, n); err != nil {
			return 1, err
		}
	}
	var rows []row
	var failures []string
	meter, err := benchkit.NewCPUMeter(ctx, admin, app.PID())
	if err != nil {
		fmt.Println("CPU per page: not measured:", err)
	}
	phase := func(name string, n int, meter *benchkit.CPUMeter, setup func(int) (benchkit.Op, error), cpu **benchkit.CPUReading) (*benchkit.Result, error) {
		// The clients sign in before the CPU is read: a password check is not the page's.
		ops := make([]benchkit.Op, n)
		for i := range ops {
			var err error
			if ops[i], err = setup(i); err != nil {
				return nil, fmt.Errorf("%s: client %d: %w", name, i, err)
			}
		}
		before, _ := meterRead(meter)
		r, err := benchkit.RunPhase(ctx, name, n, o.duration, 0, benchkit.Expected(o.duration, 3000),
			func(i int) (benchkit.Op, error) { return ops[i], nil })
		if err != nil {
			return nil, err
		}
		if after, ok := meterRead(meter); ok && r.OK > 0 {
			d := after.Sub(before)
			*cpu = &d
		}
		fmt.Println(r)
		if r.Errs > 0 {
			failures = append(failures, fmt.Sprintf("%s c=%d: %d errors; first: %s", name, n, r.Errs, r.Example))
		}
		return r, nil
	}
	top := o.clients[len(o.clients)-1]
	self, err := os.Executable()
	if err != nil {
		return 1, err
	}
	// runCase measures one case at every client count: the bare statements, the page, and the floor.
	runCase := func(c queueCase) error {
		var err error
		fmt.Printf("\n## %s: /kantor?%s\n", c.name, c.query.Encode())
		f := filterOf(c)
		var floor *benchkit.App
		var floorMeter *benchkit.CPUMeter
		if o.floor {
			if floor, err = startFloor(ctx, self, c, officerID, dbURL, o.appConns); err != nil {
				return err
			}
			defer floor.Stop()
			if floorMeter, err = benchkit.NewCPUMeter(ctx, admin, floor.PID()); err != nil {
				fmt.Println("floor CPU: not measured:", err)
			}
		}
		if o.warmup > 0 {
			if _, err := benchkit.RunPhase(ctx, "warm-up", top, o.warmup, 0, benchkit.Expected(o.warmup, 2000), pageOp(ctx, app.BaseURL, c, top)); err != nil {
				return err
			}
		}
		for i, n := range o.clients {
			r := row{c: c, clients: n}
			steps := []func() error{
				func() (err error) {
					r.bare, err = phase("bare SQL", n, meter, bareOp(pools[n].DB(), f, today, soon), &r.bareCPU)
					return
				},
				func() (err error) {
					r.page, err = phase("page", n, meter, pageOp(ctx, app.BaseURL, c, n), &r.pageCPU)
					return
				},
			}
			if floor != nil {
				steps = append(steps, func() (err error) {
					r.floor, err = phase("floor", n, floorMeter, getOp(ctx, app.BaseURL, floor.BaseURL+"/kantor", n), &r.floorCPU)
					return
				})
			}
			steps = append(steps[i%len(steps):], steps[:i%len(steps)]...) // each client count starts elsewhere
			for _, s := range steps {
				if err := s(); err != nil {
					return err
				}
			}
			rows = append(rows, r)
			if app.Exited() {
				return fmt.Errorf("terbuka serve exited: %v\n%s", app.ExitErr(), benchkit.Tail(app.Logs(), 8000))
			}
		}
		return nil
	}
	for _, c := range cases {
		if o.only != "" && !slices.Contains(strings.Split(o.only, ","), c.name) {
			continue
		}
		if err := runCase(c); err != nil {
			return 1, err
		}
	}

	fmt.Printf("\n## Summary (ms; ratio = page p95 / bare p95), %d open requests\n\n", open)
	fmt.Println("| Case | Clients | Requests | Page p50 | Page p95 | Bare p50 | Bare p95 | Ratio | Floor p95 (ratio) | Goal |")
	fmt.Println("|---|--:|--:|--:|--:|--:|--:|--:|--:|---|")
	for _, r := range rows {
		p95, b95 := benchkit.Ms(r.page.Pct(0.95)), benchkit.Ms(r.bare.Pct(0.95))
		verdict := "—"
		if r.clients == goalClients {
			var missed []string
			if p95 >= goalP95ms {
				missed = append(missed, fmt.Sprintf("%.0f ms ≥ %.0f ms", p95, goalP95ms))
			}
			if ratio := benchkit.Ratio(p95, b95); ratio > goalRatio {
				missed = append(missed, fmt.Sprintf("%.2f× > %.1f×", ratio, goalRatio))
			}
			verdict = "met"
			if len(missed) > 0 {
				verdict = "**missed** (" + strings.Join(missed, ", ") + ")"
			}
		}
		floor := "—"
		if r.floor != nil {
			f95 := benchkit.Ms(r.floor.Pct(0.95))
			floor = fmt.Sprintf("%.2f (%.2f×)", f95, benchkit.Ratio(f95, b95))
		}
		fmt.Printf("| %s | %d | %d | %.2f | %.2f | %.2f | %.2f | %.2f× | %s | %s |\n", r.c.name, r.clients, r.page.OK,
			benchkit.Ms(r.page.Pct(0.5)), p95, benchkit.Ms(r.bare.Pct(0.5)), b95, benchkit.Ratio(p95, b95), floor, verdict)
	}
	printCPU(rows)
	if len(failures) > 0 {
		fmt.Printf("\nFAIL (%d):\n  - %s\n", len(failures), strings.Join(failures, "\n  - "))
		return 1, nil
	}
	fmt.Println("\nPASS: zero errors")
	return 0, nil
}

// ensureOfficer creates the PPID of the PPID Utama (every unit in scope) the clients sign in as.
func ensureOfficer(ctx context.Context, db *sqlx.DB) (int64, error) {
	hash, err := password.Hash(officerPassword)
	if err != nil {
		return 0, err
	}
	var id int64
	err = db.GetContext(ctx, &id, `
		INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'PPID Uji Antrean', 'ppid', $2)
		ON CONFLICT ((lower(email))) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = 'ppid', active = true
		RETURNING id`, officerEmail, hash)
	if err != nil {
		return 0, fmt.Errorf("create officer: %w", err)
	}
	return id, nil
}

// seed writes rows open requests in one INSERT … SELECT with the requests table's secondary
// indexes dropped, then rebuilds them from their saved definitions: far faster than maintaining
// two GIN indexes row by row. Names, e-mails and words vary so that searches are selective as in
// an office (a full name matches 1 in 2,000 requests; the words "anggaran puskesmas" about 1 in 320).
func seed(ctx context.Context, db *sqlx.DB, rows int, officerID int64) error {
	var defs []struct {
		Name string `db:"indexname"`
		Def  string `db:"indexdef"`
	}
	if err := db.SelectContext(ctx, &defs, `SELECT i.indexname, i.indexdef FROM pg_indexes i
		JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid
		WHERE i.tablename = 'requests' AND NOT x.indisprimary AND NOT x.indisunique`); err != nil {
		return err
	}
	for _, d := range defs {
		if _, err := db.ExecContext(ctx, `DROP INDEX `+pq.QuoteIdentifier(d.Name)); err != nil {
			return err
		}
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO units (name, kind) SELECT 'PPID Pelaksana Dinas ' || u, 'pelaksana' FROM generate_series(1, 9) u`); err != nil {
		return err
	}
	t0 := time.Now()
	_, err := db.ExecContext(ctx, seedSQL, rows, officerID)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	fmt.Printf("rows written in %s\n", time.Since(t0).Round(100*time.Millisecond))
	for _, d := range defs {
		t0 := time.Now()
		if _, err := db.ExecContext(ctx, d.Def); err != nil {
			return fmt.Errorf("%s: %w", d.Name, err)
		}
		fmt.Printf("  %-36s %s\n", d.Name, time.Since(t0).Round(100*time.Millisecond))
	}
	_, err = db.ExecContext(ctx, `VACUUM ANALYZE requests`)
	return err
}

// seedSQL: $1 rows, $2 the officer assigned a third of them. Received over the last 40 days, each
// case's clock (clock_due) scattered over ±60 days of today, statuses mostly pending.
const seedSQL = `
WITH w AS (
	SELECT ARRAY['Siti','Budi','Wulan','Agus','Dewi','Rahmat','Putri','Joko','Ayu','Hendra','Rina','Eko','Sri','Bambang',
		'Nur','Yusuf','Indah','Fajar','Lestari','Andi','Maya','Rudi','Fitri','Dedi','Ratna','Hadi','Tuti','Arif','Lina',
		'Bayu','Wati','Teguh','Yanti','Iwan','Dian','Surya','Mega','Imam','Nina','Rizki','Sari','Adi','Tari','Galih',
		'Ani','Dodi','Evi','Gilang','Heni','Irfan'] AS first,
	ARRAY['Santoso','Aminah','Siregar','Hidayat','Lestari','Nasution','Wibowo','Saputra','Kusuma','Harahap','Pratama',
		'Simanjuntak','Susanto','Gunawan','Setiawan','Halim','Tanjung','Utami','Purnomo','Wijaya','Rahayu','Hutapea',
		'Sitompul','Marpaung','Sembiring','Ginting','Pangaribuan','Lubis','Daulay','Batubara','Situmorang','Manurung',
		'Panjaitan','Silalahi','Sinaga','Tambunan','Hasibuan','Pohan','Rangkuti','Ritonga'] AS last,
	ARRAY['anggaran','laporan keuangan','rencana kerja','daftar penerima bantuan','kontrak pengadaan','izin usaha',
		'data kepegawaian','hasil audit','notulen rapat','peta tata ruang','data kemiskinan','jadwal pelayanan',
		'realisasi belanja','dana desa','beasiswa','izin lingkungan','tarif retribusi','data penduduk','daftar aset',
		'evaluasi kinerja'] AS topic,
	ARRAY['puskesmas','sekolah dasar','jalan kabupaten','pasar rakyat','rumah sakit daerah','dinas pendidikan',
		'kantor kecamatan','desa','terminal','perpustakaan','balai latihan kerja','irigasi','pelabuhan','posyandu',
		'taman kota','gedung olahraga'] AS place
)
INSERT INTO requests (reg_year, reg_seq, registration_number, tracking_code_hash, channel, status,
	requester_kind, requester_name, nik_sealed, nik_lookup, address, phone, email, occupation,
	information, purpose, obtain_method, delivery_method, publish_consent, information_roots,
	received_at, counting_from, response_due, due_date, unit_id, assigned_to, clock_kind, clock_due)
SELECT 2100, i, lpad(i::text, 7, '0') || '/PPID/XII/2100', sha256(i::text::bytea),
	(ARRAY['web','api','walk_in','letter','email','phone'])[1 + i % 6],
	(ARRAY['diterima','diproses','diproses','diperpanjang','diproses','diterima','diproses','dikabulkan','ditolak','diproses'])[1 + i % 10],
	'perorangan', fn || ' ' || ln, sha256(('nik' || i)::bytea), sha256(('lookup' || i)::bytea),
	'Jl. Contoh No. ' || i, '0812 0000 0000', lower(fn) || '.' || lower(ln) || i || '@contoh.id', 'Wiraswasta',
	'Salinan ' || tp || ' ' || pl || ' tahun ' || (2015 + i % 10) || ' beserta lampiran dan rinciannya untuk keperluan pengawasan.',
	'Pengawasan.', 'softcopy', 'email', true, '', -- roots marked done: the public-page backfill has nothing to do
	now() - (i % 40) * interval '1 day', current_date - (i % 40), d, d,
	(SELECT min(id) FROM units) + i % 10, CASE WHEN i % 3 = 0 THEN $2::bigint END,
	CASE WHEN i % 10 IN (7, 8) THEN 'objection_window' ELSE 'response' END, d
FROM w, generate_series(1, $1::int) AS i,
	LATERAL (SELECT w.first[1 + i % 50] AS fn, w.last[1 + (i / 50) % 40] AS ln,
		w.topic[1 + (i / 7) % 20] AS tp, w.place[1 + (i / 3) % 16] AS pl,
		current_date + ((i::bigint * 7919) % 121 - 60)::int AS d) AS g`

// rowLink is in every queue page that lists a case.
var rowLink = []byte(`href="/kantor/permohonan/`)

// pageOp is one signed-in officer loading the case's queue page, expecting 200 with rows.
func pageOp(ctx context.Context, baseURL string, c queueCase, conns int) func(int) (benchkit.Op, error) {
	u := baseURL + "/kantor"
	if len(c.query) > 0 {
		u += "?" + c.query.Encode()
	}
	return getOp(ctx, baseURL, u, conns)
}

// getOp is one officer signed in at the app loading u (the app's page, or the floor's with the
// app's session cookie: cookies are not kept apart by port), expecting 200 with rows.
func getOp(ctx context.Context, baseURL, u string, conns int) func(int) (benchkit.Op, error) {
	return func(int) (benchkit.Op, error) {
		client, err := benchkit.SignIn(ctx, baseURL, officerEmail, officerPassword, conns)
		if err != nil {
			return nil, err
		}
		body := bytes.NewBuffer(make([]byte, 0, 256<<10))
		return func(ctx context.Context) error {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
			if err != nil {
				return err
			}
			resp, err := client.Do(req)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			// Read into the client's one buffer: the load generator shares the cores with the app
			// and PostgreSQL, so its own garbage would be charged to the page.
			body.Reset()
			if _, err := body.ReadFrom(resp.Body); err != nil {
				return err
			}
			if resp.StatusCode != http.StatusOK || !bytes.Contains(body.Bytes(), rowLink) {
				return &benchkit.StatusError{Code: resp.StatusCode, Body: benchkit.Tail(body.String(), 2048)}
			}
			return nil
		}, nil
	}
}

// bareOp runs the page's two statements with the handler's arguments, from this process.
func bareOp(db *sqlx.DB, f store.QueueFilter, today, soon calendar.Date) func(int) (benchkit.Op, error) {
	return func(int) (benchkit.Op, error) {
		items := make([]store.QueueItem, 0, 51)
		var search []struct {
			store.QueueCounts
			store.QueueItem
		}
		return func(ctx context.Context) error {
			items = items[:0]
			if f.Query != "" {
				search = search[:0]
				if err := db.SelectContext(ctx, &search, store.QueueSearchPageSQL, store.QueueSearchPageArgs(access.Everything, f, today, soon)...); err != nil {
					return fmt.Errorf("queue search: %w", err)
				}
				if len(search) < 2 {
					return errors.New("queue search: no rows")
				}
				return nil
			}
			if err := db.SelectContext(ctx, &items, store.QueueStatement(f), store.QueueQueryArgs(access.Everything, f)...); err != nil {
				return fmt.Errorf("queue: %w", err)
			}
			if len(items) == 0 {
				return errors.New("queue: no rows")
			}
			var c store.QueueCounts
			if err := db.GetContext(ctx, &c, store.CountQueueStatement(f), store.QueueCountArgs(access.Everything, f, today, soon)...); err != nil {
				return fmt.Errorf("count queue: %w", err)
			}
			return nil
		}, nil
	}
}

func meterRead(m *benchkit.CPUMeter) (benchkit.CPUReading, bool) {
	if m == nil {
		return benchkit.CPUReading{}, false
	}
	r, err := m.Read()
	return r, err == nil
}

// printCPU says where each operation's processor time went, by process: the app (or the floor's
// server), PostgreSQL, and this process's clients. At a saturated client count the ratio of
// latencies follows the ratio of these totals, plus what queueing adds.
func printCPU(rows []row) {
	fmt.Println("\n## CPU per operation (µs): server (app or floor) + PostgreSQL + clients = total")
	fmt.Println("\n| Case | Clients | Page | Bare SQL | Floor | Page / bare | Floor / bare |")
	fmt.Println("|---|--:|---|---|---|--:|--:|")
	for _, r := range rows {
		if r.pageCPU == nil || r.bareCPU == nil {
			continue
		}
		pt, page := cpuPer(r.pageCPU, r.page)
		bt, bare := cpuPer(r.bareCPU, r.bare)
		floor, floorRatio := "—", "—"
		if r.floorCPU != nil {
			var ft float64
			ft, floor = cpuPer(r.floorCPU, r.floor)
			floorRatio = fmt.Sprintf("%.2f×", benchkit.Ratio(ft, bt))
		}
		fmt.Printf("| %s | %d | %s | %s | %s | %.2f× | %s |\n", r.c.name, r.clients, page, bare, floor, benchkit.Ratio(pt, bt), floorRatio)
	}
}

// cpuPer is the CPU of one operation of the phase, in total and as "server + PostgreSQL + clients".
func cpuPer(c *benchkit.CPUReading, r *benchkit.Result) (float64, string) {
	per := func(d time.Duration) float64 { return float64(d.Microseconds()) / float64(r.OK) }
	total := per(c.App + c.Postgres + c.Self)
	return total, fmt.Sprintf("%.0f + %.0f + %.0f = %.0f", per(c.App), per(c.Postgres), per(c.Self), total)
}
