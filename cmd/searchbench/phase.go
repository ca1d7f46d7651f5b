// Copied from cmd/loadgen (package main there too): phases, percentiles, error classes.

package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// op is one timed unit of work: one HTTP request or one SQL statement (or pair).
type op func(ctx context.Context) error

// statusError is an HTTP answer other than the one expected, with the start of its body.
type statusError struct {
	code int
	body string
}

func (e *statusError) Error() string { return fmt.Sprintf("HTTP %d", e.code) }

// result is what one phase measured; latencies are of successful operations only.
type result struct {
	name    string
	clients int
	ok      int
	errs    int
	elapsed time.Duration
	lat     []time.Duration // sorted
	errKind map[string]int  // error class -> count
	example string          // the first error in full, to report it precisely
}

func (r *result) rps() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(r.ok) / r.elapsed.Seconds()
}

// pct is the nearest-rank percentile of the successful latencies.
func (r *result) pct(p float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	i := int(float64(len(r.lat))*p+0.999999) - 1
	return r.lat[max(0, min(i, len(r.lat)-1))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func (r *result) String() string {
	s := fmt.Sprintf("%-22s c=%-3d %8d ok %9.1f req/s  p50 %7.2f  p95 %7.2f  p99 %7.2f ms  errors %d",
		r.name, r.clients, r.ok, r.rps(), ms(r.pct(0.50)), ms(r.pct(0.95)), ms(r.pct(0.99)), r.errs)
	if r.errs > 0 {
		kinds := make([]string, 0, len(r.errKind))
		for k, n := range r.errKind {
			kinds = append(kinds, fmt.Sprintf("%s ×%d", k, n))
		}
		sort.Strings(kinds)
		s += " (" + strings.Join(kinds, ", ") + ")\n    first error: " + r.example
	}
	return s
}

// worker is one client's private state: its op and its own latency slice, merged after the run.
type worker struct {
	do      op
	lat     []time.Duration
	errs    int
	errKind map[string]int
	example string
}

// runPhase gives each of c clients its own op from setup (called sequentially, untimed), starts
// them together and runs them until d has passed or, when budget > 0, budget ops were started.
func runPhase(ctx context.Context, name string, c int, d time.Duration, budget int64, expect int,
	setup func(i int) (op, error)) (*result, error) {
	workers := make([]*worker, c)
	// Preallocated so recording a latency never allocates in the timed loop.
	perWorker := expect/c + expect/(4*c) + 64
	for i := range workers {
		do, err := setup(i)
		if err != nil {
			return nil, fmt.Errorf("%s: client %d: %w", name, i, err)
		}
		workers[i] = &worker{do: do, lat: make([]time.Duration, 0, perWorker), errKind: map[string]int{}}
	}
	var started atomic.Int64
	var wg sync.WaitGroup
	gate := make(chan struct{})
	var end time.Time
	for _, w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-gate
			for ctx.Err() == nil {
				if budget > 0 && started.Add(1) > budget {
					return
				}
				t0 := time.Now()
				if d > 0 && !t0.Before(end) {
					return
				}
				err := w.do(ctx)
				lat := time.Since(t0)
				if err == nil {
					w.lat = append(w.lat, lat)
					continue
				}
				if ctx.Err() != nil {
					return // interrupted: not the system's fault
				}
				w.errs++
				w.errKind[errClass(err)]++
				if w.example == "" {
					w.example = errDetail(err)
				}
			}
		}()
	}
	start := time.Now()
	end = start.Add(d)
	close(gate)
	wg.Wait()
	r := &result{name: name, clients: c, elapsed: time.Since(start), errKind: map[string]int{}}
	for _, w := range workers {
		r.lat = append(r.lat, w.lat...)
		r.errs += w.errs
		for k, n := range w.errKind {
			r.errKind[k] += n
		}
		if r.example == "" {
			r.example = w.example
		}
	}
	r.ok = len(r.lat)
	slices.Sort(r.lat)
	return r, ctx.Err()
}

func errClass(err error) string {
	var se *statusError
	if errors.As(err, &se) {
		return se.Error()
	}
	s := err.Error()
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return s
}

func errDetail(err error) string {
	var se *statusError
	if errors.As(err, &se) {
		return fmt.Sprintf("HTTP %d: %s", se.code, strings.TrimSpace(se.body))
	}
	return err.Error()
}
