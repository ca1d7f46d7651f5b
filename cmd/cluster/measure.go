package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/terbuka-id/terbuka/internal/benchkit"
	"github.com/terbuka-id/terbuka/internal/store"
)

// measurements are the run's figures, printed at the end as a table for BENCHMARKS.md.
type measurements struct {
	intake, search map[int]*benchkit.Result // by instances in rotation
	pgbench        float64
	kill           killResult
}

type killResult struct {
	load                       *benchkit.Result
	acknowledged, found, total int
	gapless                    bool
	sent, received, duplicated int
	pending                    int
}

// measure runs intake and portal search through the proxy with 1 and then 3 instances, and
// pgbench's two-INSERT transaction on the primary, in the same run.
func (c *cluster) measure(ctx context.Context, m *measurements) error {
	m.intake, m.search = map[int]*benchkit.Result{}, map[int]*benchkit.Result{}
	fmt.Printf("\n## Through the proxy, %d clients, %s per phase\n", c.opts.clients, c.opts.duration)
	// Warm-up: every instance's pools and caches, untimed.
	c.proxy.use(3)
	if _, err := benchkit.RunPhase(ctx, "warm-up", c.opts.clients, 2*time.Second, 0, 8000, intakeOp(c.proxy.URL, nil)); err != nil {
		return err
	}
	for _, n := range []int{1, 3} {
		c.proxy.use(n)
		r, err := benchkit.RunPhase(ctx, fmt.Sprintf("intake, %d instance(s)", n), c.opts.clients, c.opts.duration, 0,
			benchkit.Expected(c.opts.duration, 3000), intakeOp(c.proxy.URL, nil))
		if err != nil {
			return err
		}
		c.report(r)
		m.intake[n] = r
		s, err := benchkit.RunPhase(ctx, fmt.Sprintf("portal search, %d instance(s)", n), c.opts.clients, c.opts.duration, 0,
			benchkit.Expected(c.opts.duration, 3000), searchOp(c.proxy.URL))
		if err != nil {
			return err
		}
		c.report(s)
		m.search[n] = s
	}
	c.proxy.use(3)
	var err error
	if m.pgbench, err = benchkit.PgbenchTwoInserts(ctx, c.primaryURL, c.opts.clients, c.opts.duration); err != nil {
		return err
	}
	fmt.Printf("pgbench two-INSERT transaction on the primary, %d clients: %.0f TPS\n", c.opts.clients, m.pgbench)
	return nil
}

func (c *cluster) report(r *benchkit.Result) {
	fmt.Println(r)
	if r.Errs > 0 {
		c.fail("%s: %d errors; first: %s", r.Name, r.Errs, r.Example)
	}
}

// killTest loads intake through the proxy while one instance and one worker are killed with
// SIGKILL, then checks every acknowledged number is stored, the numbers are gapless, and the
// mail the survivors send arrives once each.
func (c *cluster) killTest(ctx context.Context, m *measurements) error {
	fmt.Printf("\n## Kill test: intake for %s, serve-3 and worker-1 killed (SIGKILL) after %s\n", c.opts.duration, c.opts.duration/3)
	acks := &ackLog{}
	go func() {
		select {
		case <-time.After(c.opts.duration / 3):
			c.instances[2].Kill()
			c.workers[0].Kill()
			fmt.Println("killed serve-3 and worker-1")
		case <-ctx.Done():
		}
	}()
	r, err := benchkit.RunPhase(ctx, "intake while killing", c.opts.clients, c.opts.duration, 0,
		benchkit.Expected(c.opts.duration, 3000), intakeOp(c.proxy.URL, acks))
	if err != nil {
		return err
	}
	fmt.Println(r) // requests cut by the kill fail: they were never acknowledged
	k := &m.kill
	k.load, k.acknowledged = r, len(acks.numbers)
	db, err := c.db()
	if err != nil {
		return err
	}
	defer db.Close()
	for _, n := range acks.numbers {
		var exists bool
		if err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM requests WHERE registration_number = $1)`, n).Scan(&exists); err != nil {
			return err
		}
		if exists {
			k.found++
		}
	}
	if k.found != k.acknowledged {
		c.fail("%d of %d acknowledged submissions are not in the database", k.acknowledged-k.found, k.acknowledged)
	}
	var maxSeq int
	if err := db.QueryRowContext(ctx, `SELECT count(*), coalesce(max(reg_seq), 0) FROM requests
		WHERE reg_year = extract(year FROM now() AT TIME ZONE 'Asia/Jakarta')`).Scan(&k.total, &maxSeq); err != nil {
		return err
	}
	k.gapless = k.total == maxSeq
	if !k.gapless {
		c.fail("registration numbers have gaps: %d requests, highest number %d", k.total, maxSeq)
	}

	// The surviving worker sends what is queued; what the killed worker had claimed waits for
	// its lease to end (store.OutboxLease) and is then sent by the survivor.
	fmt.Printf("waiting for the outbox to drain (the killed worker's claims end within %s) …\n", store.OutboxLease)
	deadline := time.Now().Add(store.OutboxLease + 90*time.Second)
	for {
		if err := db.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE status = 'pending'), count(*) FILTER (WHERE status = 'sent')
			FROM outbox`).Scan(&k.pending, &k.sent); err != nil {
			return err
		}
		if k.pending == 0 || time.Now().After(deadline) || ctx.Err() != nil {
			break
		}
		time.Sleep(time.Second)
	}
	k.received, k.duplicated = c.smtp.counts()
	if k.pending > 0 {
		c.fail("%d e-mails still queued %s after the load", k.pending, store.OutboxLease+90*time.Second)
	}
	if k.duplicated > 0 {
		c.fail("%d e-mails arrived twice (same Message-ID)", k.duplicated)
	}
	fmt.Printf("acknowledged %d, stored %d; requests %d, numbers gapless: %v; mail sent %d, received %d, twice %d, still queued %d\n",
		k.acknowledged, k.found, k.total, k.gapless, k.sent, k.received, k.duplicated, k.pending)
	return nil
}

// ackLog keeps the registration numbers the clients were given with a 201.
type ackLog struct {
	mu      sync.Mutex
	numbers []string
}

func (a *ackLog) add(n string) {
	a.mu.Lock()
	a.numbers = append(a.numbers, n)
	a.mu.Unlock()
}

// intakeOp submits requests with an e-mail address (so each queues a receipt mail) through
// the API; acks, when set, records each acknowledged number.
func intakeOp(base string, acks *ackLog) func(i int) (benchkit.Op, error) {
	return func(i int) (benchkit.Op, error) {
		client := benchkit.NewHTTPClient(1)
		n := 0
		return func(ctx context.Context) error {
			n++
			body := fmt.Sprintf(`{"requester":{"kind":"perorangan","name":"Pemohon Klaster %d-%d","nik":"3273014507900003",`+
				`"address":"Jl. Merdeka No. 10, Kabupaten Contoh","phone":"0812 3456 7890","email":"klaster%d.%d@contoh.id","occupation":"Peneliti"},`+
				`"information":"Salinan dokumen anggaran pendapatan dan belanja daerah tahun 2026.","purpose":"Penelitian",`+
				`"obtain_method":"softcopy","delivery_method":"email"}`, i, n, i, n)
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/v1/requests", bytes.NewReader([]byte(body)))
			if err != nil {
				return err
			}
			req.Header.Set("Content-Type", "application/json")
			resp, err := client.Do(req)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			raw, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusCreated {
				return &benchkit.StatusError{Code: resp.StatusCode, Body: string(raw)}
			}
			if acks != nil {
				var receipt struct {
					Number string `json:"registration_number"`
				}
				if err := json.Unmarshal(raw, &receipt); err != nil || receipt.Number == "" {
					return fmt.Errorf("201 without a registration number: %s", raw)
				}
				acks.add(receipt.Number)
			}
			return nil
		}, nil
	}
}

// searchOp searches the portal (the replica's side) for words of the demo documents.
func searchOp(base string) func(i int) (benchkit.Op, error) {
	words := []string{"anggaran", "banjir", "sekolah", "rencana", "laporan"}
	return func(i int) (benchkit.Op, error) {
		client := benchkit.NewHTTPClient(1)
		n := i
		return func(ctx context.Context) error {
			n++
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/dokumen?q="+words[n%len(words)], nil)
			if err != nil {
				return err
			}
			resp, err := client.Do(req)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			io.Copy(io.Discard, resp.Body)
			if resp.StatusCode != http.StatusOK {
				return &benchkit.StatusError{Code: resp.StatusCode}
			}
			return nil
		}, nil
	}
}

// print writes the table to paste into BENCHMARKS.md.
func (m *measurements) print(o options) {
	fmt.Printf("\n## Summary (%d clients, %s per phase)\n\n", o.clients, o.duration)
	fmt.Println("| Phase | Instances | Requests/s | p50 ms | p95 ms | Errors | vs pgbench two-INSERT |")
	fmt.Println("|---|--:|--:|--:|--:|--:|--:|")
	for _, n := range []int{1, 3} {
		for _, r := range []*benchkit.Result{m.intake[n], m.search[n]} {
			if r == nil {
				continue
			}
			vs := ""
			if r == m.intake[n] && m.pgbench > 0 {
				vs = fmt.Sprintf("%.2f×", r.RPS()/m.pgbench)
			}
			fmt.Printf("| %s | %d | %.0f | %.2f | %.2f | %d | %s |\n", r.Name, n, r.RPS(), benchkit.Ms(r.Pct(0.5)), benchkit.Ms(r.Pct(0.95)), r.Errs, vs)
		}
	}
	fmt.Printf("| pgbench two-INSERT (primary) | – | %.0f | | | 0 | 1.00× |\n", m.pgbench)
	k := m.kill
	if k.load != nil {
		fmt.Printf("\nKill test: %d acknowledged, %d stored (lost %d); %d requests, gapless %v; requests cut by the kill %d; "+
			"mail sent %d, received %d, received twice %d, still queued %d.\n",
			k.acknowledged, k.found, k.acknowledged-k.found, k.total, k.gapless, k.load.Errs, k.sent, k.received, k.duplicated, k.pending)
	}
}
