package e2e

import (
	"bytes"
	"context"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/app"
	"github.com/terbuka-id/terbuka/internal/config"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/officecalendar"
	"github.com/terbuka-id/terbuka/internal/password"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
	"github.com/terbuka-id/terbuka/internal/testsupport"
)

var jakarta = mustLoadLocation("Asia/Jakarta")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

type testApp struct {
	URL      string
	Store    *store.Store
	Calendar *officecalendar.Source
	Logs     *testsupport.LogBuffer
	Clock    *testsupport.Clock
	// services are the ones the server runs, for tests that prepare data through them.
	services *app.App
}

// newApp serves the real handler over real HTTP on a fresh database, wired by app.New as
// `terbuka serve` and internal/web's tests wire it; the clock stands at now.
func newApp(t *testing.T, now time.Time) *testApp {
	t.Helper()
	s := testdb.Store(t)
	cfg := config.Default()
	cfg.Office.Name, cfg.Office.Address, cfg.Office.City = "PPID Uji", "Jl. Uji 1", "Bandung"
	cfg.Files.MaxUploadMB = 1
	box, err := secret.NewBox(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	blobs, err := files.NewDisk(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	clock := testsupport.NewClock(now)
	logs := &testsupport.LogBuffer{}
	a, err := app.New(context.Background(), &cfg, s, app.Options{Box: box, Now: clock.Now, Blobs: blobs,
		Log: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(a.Web.Handler())
	t.Cleanup(func() { ts.Close(); a.Close() })
	return &testApp{URL: ts.URL, Store: s, Calendar: a.Calendar, Logs: logs, Clock: clock, services: a}
}

// addOfficer creates an officer's account directly; signing in is then done through the page.
func addOfficer(t *testing.T, s *store.Store, email, name, role, pass string) {
	t.Helper()
	hash, err := password.Hash(pass)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.EnsureUser(context.Background(), email, name, role, hash); err != nil {
		t.Fatal(err)
	}
}
