// Package metrics exposes Terbuka's operational figures in the Prometheus text format: HTTP
// requests by route template, the database pool, job runs, the outbox and the open queue. The
// database figures are counted at scrape time with small grouped queries, so nothing is cached.
package metrics

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/store"
)

// Metrics owns a registry of its own, so tests can build several side by side.
type Metrics struct {
	reg         *prometheus.Registry
	requests    *prometheus.CounterVec
	latency     *prometheus.HistogramVec
	jobRuns     *prometheus.CounterVec
	jobDuration *prometheus.HistogramVec
}

// Dates tells the queue collector today's date and the last date counted as due soon.
type Dates func() (today, soon calendar.Date)

// New registers every collector; st's pool, outbox and queue are read at each scrape.
func New(st *store.Store, dates Dates) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "terbuka_http_requests_total",
		Help: "HTTP requests answered, by method, route template and status code."}, []string{"method", "route", "status"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "terbuka_http_request_duration_seconds",
		Help: "Time to answer an HTTP request, by method and route template.", Buckets: prometheus.DefBuckets},
		[]string{"method", "route"})
	m.jobRuns = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "terbuka_job_runs_total",
		Help: "Scheduled job runs by job and outcome (ok, failed, skipped, stopped)."}, []string{"job", "outcome"})
	m.jobDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "terbuka_job_duration_seconds",
		Help: "Duration of job runs, by job.", Buckets: []float64{.01, .05, .1, .5, 1, 5, 15, 60, 300, 1800}}, []string{"job"})
	m.reg.MustRegister(m.requests, m.latency, m.jobRuns, m.jobDuration,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		collectors.NewDBStatsCollector(st.DB().DB, "terbuka"),
		&dbCollector{st: st, dates: dates})
	return m
}

// Handler serves the registry in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
}

// Registry is for tests that gather directly.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Gin counts each request under its route template (c.FullPath), never the raw URL: paths carry
// registration numbers and ids, which would make one series per case. Unknown routes count as "unmatched".
func (m *Metrics) Gin() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}
		method := c.Request.Method
		if !knownMethod(method) {
			method = "other" // a client must not invent label values
		}
		m.requests.WithLabelValues(method, route, strconv.Itoa(c.Writer.Status())).Inc()
		m.latency.WithLabelValues(method, route).Observe(time.Since(start).Seconds())
	}
}

func knownMethod(m string) bool {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

// ObserveJob records one job run; the jobs runner calls it when a run ends.
func (m *Metrics) ObserveJob(job, outcome string, d time.Duration) {
	m.jobRuns.WithLabelValues(job, outcome).Inc()
	m.jobDuration.WithLabelValues(job).Observe(d.Seconds())
}

// RequireToken lets through only requests with "Authorization: Bearer <token>"; the figures show
// the office's case volumes and activity, which are for its operators, not the public.
func RequireToken(token string, next http.Handler) http.Handler {
	want := []byte("Bearer " + token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := []byte(strings.TrimSpace(r.Header.Get("Authorization")))
		// Constant-time, so the token cannot be found a byte at a time from response times.
		if token == "" || subtle.ConstantTimeCompare(got, want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// dbCollector counts the outbox and the open queue at scrape time.
type dbCollector struct {
	st    *store.Store
	dates Dates
}

var (
	outboxDesc = prometheus.NewDesc("terbuka_outbox_messages", "Mails in the outbox by status: pending is the depth, failed the parked failures.",
		[]string{"status"}, nil)
	queueDesc = prometheus.NewDesc("terbuka_open_requests", "Open requests by the state of their statutory clock: running, due_soon, overdue, stopped.",
		[]string{"clock"}, nil)
	scrapeErrDesc = prometheus.NewDesc("terbuka_metrics_query_errors", "Database figures that could not be read in this scrape, by query.",
		[]string{"query"}, nil)
)

func (d *dbCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- outboxDesc
	ch <- queueDesc
	ch <- scrapeErrDesc
}

func (d *dbCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	failed := map[string]float64{"outbox": 0, "queue": 0}
	// Every status and clock is reported, zero included, so an alert on "failed > 0" has a series.
	outbox := map[string]int64{"pending": 0, "sent": 0, "failed": 0}
	if rows, err := d.st.OutboxByStatus(ctx); err != nil {
		failed["outbox"] = 1
	} else {
		for _, r := range rows {
			outbox[r.State] = r.Count
		}
		for state, n := range outbox {
			ch <- prometheus.MustNewConstMetric(outboxDesc, prometheus.GaugeValue, float64(n), state)
		}
	}
	clocks := map[string]int64{"running": 0, "due_soon": 0, "overdue": 0, "stopped": 0}
	today, soon := d.dates()
	if rows, err := d.st.OpenByClockState(ctx, today, soon); err != nil {
		failed["queue"] = 1
	} else {
		for _, r := range rows {
			clocks[r.State] = r.Count
		}
		for state, n := range clocks {
			ch <- prometheus.MustNewConstMetric(queueDesc, prometheus.GaugeValue, float64(n), state)
		}
	}
	for q, v := range failed {
		ch <- prometheus.MustNewConstMetric(scrapeErrDesc, prometheus.GaugeValue, v, q)
	}
}
