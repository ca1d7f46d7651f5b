// Package benchkit is what the HTTP benchmarks of make bench share: timed phases of concurrent
// clients with nearest-rank percentiles, and the application started as its own `terbuka serve`
// process.
package benchkit

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

// Op is one timed unit of work: one HTTP request or one SQL statement (or pair).
type Op func(ctx context.Context) error

// StatusError is an HTTP answer other than the one expected, with the start of its body.
type StatusError struct {
	Code int
	Body string
}

func (e *StatusError) Error() string { return fmt.Sprintf("HTTP %d", e.Code) }

// Result is what one phase measured; latencies are of successful operations only.
type Result struct {
	Name    string
	Clients int
	OK      int
	Errs    int
	Elapsed time.Duration
	Lat     []time.Duration // sorted
	Example string          // the first error in full, to report it precisely
	errKind map[string]int  // error class -> count
}

// RPS is successful operations per second of the phase.
func (r *Result) RPS() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.OK) / r.Elapsed.Seconds()
}

// Pct is the nearest-rank percentile of the successful latencies.
func (r *Result) Pct(p float64) time.Duration {
	if len(r.Lat) == 0 {
		return 0
	}
	i := int(float64(len(r.Lat))*p+0.999999) - 1
	return r.Lat[max(0, min(i, len(r.Lat)-1))]
}

// Ms is d in milliseconds, for the tables.
func Ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// String is the phase's one-line summary, with its error classes and first error if any.
func (r *Result) String() string {
	s := fmt.Sprintf("%-22s c=%-3d %8d ok %9.1f req/s  p50 %7.2f  p95 %7.2f  p99 %7.2f ms  errors %d",
		r.Name, r.Clients, r.OK, r.RPS(), Ms(r.Pct(0.50)), Ms(r.Pct(0.95)), Ms(r.Pct(0.99)), r.Errs)
	if r.Errs > 0 {
		kinds := make([]string, 0, len(r.errKind))
		for k, n := range r.errKind {
			kinds = append(kinds, fmt.Sprintf("%s ×%d", k, n))
		}
		sort.Strings(kinds)
		s += " (" + strings.Join(kinds, ", ") + ")\n    first error: " + r.Example
	}
	return s
}

// worker is one client's private state: its Op and its own latency slice, merged after the run.
type worker struct {
	do      Op
	lat     []time.Duration
	errs    int
	errKind map[string]int
	example string
}

// RunPhase gives each of c clients its own Op from setup (called sequentially, untimed), starts
// them together and runs them until d has passed or, when budget > 0, budget ops were started.
func RunPhase(ctx context.Context, name string, c int, d time.Duration, budget int64, expect int,
	setup func(i int) (Op, error)) (*Result, error) {
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
					w.example = ErrDetail(err)
				}
			}
		}()
	}
	start := time.Now()
	end = start.Add(d)
	close(gate)
	wg.Wait()
	r := &Result{Name: name, Clients: c, Elapsed: time.Since(start), errKind: map[string]int{}}
	for _, w := range workers {
		r.Lat = append(r.Lat, w.lat...)
		r.Errs += w.errs
		for k, n := range w.errKind {
			r.errKind[k] += n
		}
		if r.Example == "" {
			r.Example = w.example
		}
	}
	r.OK = len(r.Lat)
	slices.Sort(r.Lat)
	return r, ctx.Err()
}

// errClass groups errors for the count: the status for HTTP, else the message's start.
func errClass(err error) string {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Error()
	}
	s := err.Error()
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return s
}

// ErrDetail is err in full, with the body for a StatusError.
func ErrDetail(err error) string {
	var se *StatusError
	if errors.As(err, &se) {
		return fmt.Sprintf("HTTP %d: %s", se.Code, strings.TrimSpace(se.Body))
	}
	return err.Error()
}
