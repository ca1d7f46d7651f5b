package cli

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka/internal/testdb"
)

// metrics.addr serves /metrics on a listener of its own, with no token, and nothing else there.
func TestMetricsListener(t *testing.T) {
	ctx := context.Background()
	t.Setenv("TERBUKA_DATABASE_URL", testdb.URL(t))
	t.Setenv("TERBUKA_SECURITY_DATA_KEY", base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{5}, 32)))
	t.Setenv("TERBUKA_FILES_DIR", t.TempDir())
	t.Setenv("TERBUKA_METRICS_ADDR", "127.0.0.1:0")
	var out bytes.Buffer
	e := &env{configPath: filepath.Join(t.TempDir(), "tidak-ada.yaml"), stdout: &out, stderr: &out}
	a, err := e.open(ctx, openOptions{migrate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.close(ctx)
	if _, err := a.Jobs.RunOnce(ctx, "outbox"); err != nil {
		t.Fatal(err)
	}
	addr, stop, err := a.startMetrics(make(chan error, 1))
	if err != nil {
		t.Fatal(err)
	}
	defer stop(ctx)
	get := func(path string) (int, string) {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, body := get("/metrics")
	if code != http.StatusOK {
		t.Fatalf("/metrics: %d", code)
	}
	for _, want := range []string{`terbuka_job_runs_total{job="outbox",outcome="ok"} 1`, `terbuka_outbox_messages{status="pending"} 0`,
		`terbuka_open_requests{clock="running"} 0`, "go_sql_open_connections"} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if code, _ := get("/"); code != http.StatusNotFound {
		t.Errorf("the metrics listener answers / with %d, want 404", code)
	}
}
