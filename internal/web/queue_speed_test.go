package web_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"syscall"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/app"
	"github.com/terbuka-id/terbuka/internal/benchkit"
	"github.com/terbuka-id/terbuka/internal/config"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/password"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

// queueSeedSQL writes $1 open requests over the units, a third assigned to the PPID, clocks over ±60
// days: enough rows for full pages, so a profile shows the Go side of the queue (cmd/queuebench
// measures the SQL at a million).
const queueSeedSQL = `
INSERT INTO requests (reg_year, reg_seq, registration_number, tracking_code_hash, channel, status,
	requester_kind, requester_name, nik_sealed, nik_lookup, address, phone, email, occupation,
	information, purpose, obtain_method, delivery_method, publish_consent, information_roots,
	received_at, counting_from, response_due, due_date, unit_id, assigned_to, clock_kind, clock_due)
SELECT 2100, i, lpad(i::text, 7, '0') || '/PPID/XII/2100', sha256(i::text::bytea), 'web',
	(ARRAY['diterima','diproses','diperpanjang','dikabulkan','ditolak'])[1 + i % 5],
	'perorangan', 'Pemohon Ke ' || i, sha256(('nik' || i)::bytea), sha256(('lookup' || i)::bytea),
	'Jl. Contoh No. ' || i, '0812 0000 0000', 'pemohon' || i || '@contoh.id', 'Wiraswasta',
	'Salinan anggaran puskesmas tahun ' || (2015 + i % 10) || ' beserta lampiran & rinciannya <untuk> pengawasan.',
	'Pengawasan.', 'softcopy', 'email', true, '', now() - (i % 40) * interval '1 day', current_date - (i % 40), d, d,
	(SELECT min(id) FROM units), CASE WHEN i % 3 = 0 THEN (SELECT id FROM users WHERE email = 'ppid@uji.id') END,
	CASE WHEN i % 5 IN (3, 4) THEN 'objection_window' ELSE 'response' END, d
FROM generate_series(1, $1::int) AS i, LATERAL (SELECT current_date + ((i::bigint * 7919) % 121 - 60)::int AS d) AS g`

// BenchmarkQueuePage serves the signed-in queue page over real HTTP, for a CPU profile of what
// the page costs beyond its statements:
//
//	go run ./cmd/withpg -- go test -run '^$' -bench QueuePage -benchtime 2000x -cpuprofile /tmp/q.prof ./internal/web/
func BenchmarkQueuePage(b *testing.B) {
	ctx := context.Background()
	s := testdb.Store(b)
	cfg := config.Default()
	cfg.Office.Name, cfg.Office.Address, cfg.Office.City = "PPID Uji", "Jl. Uji 1", "Bandung"
	box, err := secret.NewBox(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		b.Fatal(err)
	}
	blobs, err := files.NewDisk(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	a, err := app.New(ctx, &cfg, s, app.Options{Box: box, Blobs: blobs, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(a.Web.Handler())
	b.Cleanup(func() { ts.Close(); a.Close() })
	hash, err := password.Hash("sandi-uji-panjang-1")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.EnsureUser(ctx, "ppid@uji.id", "PPID Uji", "ppid", hash); err != nil {
		b.Fatal(err)
	}
	if _, err := s.DB().ExecContext(ctx, queueSeedSQL, 3000); err != nil {
		b.Fatal(err)
	}
	if _, err := s.DB().ExecContext(ctx, `ANALYZE requests`); err != nil {
		b.Fatal(err)
	}
	client, err := benchkit.SignIn(ctx, ts.URL, "ppid@uji.id", "sandi-uji-panjang-1", 1)
	if err != nil {
		b.Fatal(err)
	}
	// One body buffer for every page, so the figures per page are the app's, not the client's reads.
	var body bytes.Buffer
	get := func() {
		resp, err := client.Get(ts.URL + "/kantor")
		if err != nil {
			b.Fatal(err)
		}
		body.Reset()
		_, _ = body.ReadFrom(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || bytes.Count(body.Bytes(), []byte(`href="/kantor/permohonan/`)) < 50 {
			b.Fatalf("GET /kantor: %d\n%s", resp.StatusCode, body.String())
		}
	}
	get()
	b.ResetTimer()
	t0, cpu0 := time.Now(), processCPU()
	for i := 0; i < b.N; i++ {
		get()
	}
	b.ReportMetric(float64(time.Since(t0).Microseconds())/float64(b.N), "µs/page")
	// This process's CPU (app and client; PostgreSQL runs apart): what the page costs in Go.
	b.ReportMetric(float64((processCPU()-cpu0).Microseconds())/float64(b.N), "cpu-µs/page")
}

// processCPU is the user and system time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
