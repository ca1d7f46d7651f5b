package web_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/config"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

func getWith(t *testing.T, url string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := newClient(t).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp, readBody(t, resp)
}

// Every request gets an id, answered in X-Request-ID and carried by its log lines; a proxy's id is
// kept when it is a sane token and replaced otherwise.
func TestRequestIDInHeaderAndLogs(t *testing.T) {
	app := newApp(t, time.Date(2026, 3, 13, 10, 0, 0, 0, jakarta))
	resp, _ := getWith(t, app.URL+"/dokumen", map[string]string{"X-Request-ID": "proxy-1234.abcd_EF"})
	if got := resp.Header.Get("X-Request-ID"); got != "proxy-1234.abcd_EF" {
		t.Errorf("X-Request-ID = %q, want the proxy's id kept", got)
	}
	if !regexp.MustCompile(`msg=http .*path=/dokumen .*request_id=proxy-1234.abcd_EF`).MatchString(app.Logs.String()) {
		t.Errorf("the request's log line lacks its request_id:\n%s", app.Logs.String())
	}

	seen := map[string]bool{}
	for _, bad := range []string{"", "pendek", strings.Repeat("a", 65), "id dengan spasi", `id"quote=x`} {
		resp, _ := getWith(t, app.URL+"/kalkulator-tenggat", map[string]string{"X-Request-ID": bad})
		got := resp.Header.Get("X-Request-ID")
		if got == bad || !regexp.MustCompile(`^[A-Za-z0-9]{16,64}$`).MatchString(got) || seen[got] {
			t.Errorf("incoming %q: X-Request-ID = %q, want a fresh generated id", bad, got)
		}
		seen[got] = true
		if !strings.Contains(app.Logs.String(), "request_id="+got) {
			t.Errorf("no log line carries the generated id %s", got)
		}
	}
	// An unknown page and a server-side error page carry it too.
	resp, _ = getWith(t, app.URL+"/tidak-ada", nil)
	if resp.Header.Get("X-Request-ID") == "" {
		t.Error("404 answered without X-Request-ID")
	}
}

const metricsToken = "uji-token-metrik-0123456789"

// /metrics serves the Prometheus figures to the configured Bearer token only, counting requests
// by route template (never the raw path), job runs, the outbox and the open queue by clock.
func TestMetricsBehindToken(t *testing.T) {
	ctx := context.Background()
	app, a := startApp(t, testdb.Store(t), time.Date(2026, 3, 13, 10, 0, 0, 0, jakarta), func(c *config.Config) {
		c.Metrics.Token = metricsToken
	})
	submitViaAPI(t, app) // an open request (clock running) and a receipt mail in the outbox
	getWith(t, app.URL+"/dokumen/zzzzzzzzzz/judul-rahasia", nil)
	if _, err := a.Jobs.RunOnce(ctx, "hitung"); err != nil {
		t.Fatal(err)
	}

	for name, header := range map[string]map[string]string{
		"no token":    nil,
		"wrong token": {"Authorization": "Bearer " + metricsToken + "x"},
		"not bearer":  {"Authorization": metricsToken},
	} {
		resp, body := getWith(t, app.URL+"/metrics", header)
		if resp.StatusCode != http.StatusUnauthorized || strings.Contains(body, "terbuka_") {
			t.Errorf("%s: %d, want 401 and no figures", name, resp.StatusCode)
		}
	}
	resp, body := getWith(t, app.URL+"/metrics", map[string]string{"Authorization": "Bearer " + metricsToken})
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("with the token: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, want := range []string{
		`terbuka_http_requests_total{method="POST",route="/api/v1/requests",status="201"} 1`,
		`terbuka_http_requests_total{method="GET",route="/dokumen/:pid/:slug",status="404"} 1`,
		`terbuka_http_request_duration_seconds_bucket{method="POST",route="/api/v1/requests",le="+Inf"} 1`,
		`terbuka_job_runs_total{job="hitung",outcome="ok"} 1`,
		`terbuka_job_duration_seconds_count{job="hitung"} 1`,
		`terbuka_outbox_messages{status="pending"} 1`,
		`terbuka_outbox_messages{status="failed"} 0`,
		`terbuka_open_requests{clock="running"} 1`,
		`terbuka_open_requests{clock="overdue"} 0`,
		`go_sql_max_open_connections{db_name="terbuka"} 8`,
		`terbuka_metrics_query_errors{query="queue"} 0`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(body, "zzzzzzzzzz") || strings.Contains(body, "judul-rahasia") {
		t.Error("a raw URL reached a metric label")
	}
}

// Without metrics.token the main listener has no /metrics (metrics.addr serves it apart).
func TestMetricsOffWithoutToken(t *testing.T) {
	app := newApp(t, time.Date(2026, 3, 13, 10, 0, 0, 0, jakarta))
	resp, body := getWith(t, app.URL+"/metrics", map[string]string{"Authorization": "Bearer " + metricsToken})
	if resp.StatusCode != http.StatusNotFound || strings.Contains(body, "terbuka_http") {
		t.Errorf("/metrics without a configured token: %d", resp.StatusCode)
	}
}
