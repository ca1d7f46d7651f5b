package main

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"time"

	"github.com/terbuka-id/terbuka/internal/benchkit"
)

// cpuMeter measures where the CPU goes during the intake phases; nil (and a note) when it
// cannot, e.g. a PostgreSQL on another machine.
func (b *bench) cpuMeter(ctx context.Context) *benchkit.CPUMeter {
	db, err := sql.Open("postgres", b.benchURL)
	if err != nil {
		return nil
	}
	defer db.Close()
	pid := 0
	if b.app != nil {
		pid = b.app.PID()
	}
	m, err := benchkit.NewCPUMeter(ctx, db, pid)
	if err != nil {
		fmt.Println("CPU per request: not measured:", err)
		return nil
	}
	return m
}

func readCPU(m *benchkit.CPUMeter) benchkit.CPUReading {
	if m == nil {
		return benchkit.CPUReading{}
	}
	r, _ := m.Read()
	return r
}

func cpuSince(m *benchkit.CPUMeter, before benchkit.CPUReading) *benchkit.CPUReading {
	if m == nil {
		return nil
	}
	d := readCPU(m).Sub(before)
	return &d
}

// printCPU says what one intake and one pgbench transaction cost in CPU, and the throughput the
// machine's cores would allow at that cost if nothing else ran.
func printCPU(row intakeRow, d time.Duration) {
	if row.httpCPU == nil || row.http.OK == 0 || row.pgbench == 0 {
		return
	}
	per := func(t time.Duration, n float64) float64 { return float64(t.Microseconds()) / n }
	n := float64(row.http.OK)
	h := row.httpCPU
	total := per(h.App+h.Postgres+h.Self, n)
	cores := float64(runtime.NumCPU())
	txs := row.pgbench * d.Seconds()
	p := row.pgbenchCPU
	pgTotal := per(p.Postgres+p.Children, txs)
	fmt.Printf("    CPU per intake: app %.0f µs, PostgreSQL %.0f µs, load generator %.0f µs = %.0f µs (%d cores allow ≤ %.0f/s); "+
		"per pgbench transaction: PostgreSQL %.0f µs, pgbench %.0f µs = %.0f µs (≤ %.0f/s)\n",
		per(h.App, n), per(h.Postgres, n), per(h.Self, n), total, int(cores), cores*1e6/total,
		per(p.Postgres, txs), per(p.Children, txs), pgTotal, cores*1e6/pgTotal)
}
