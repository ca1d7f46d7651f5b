package e2e

import (
	"bytes"
	"context"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/calsource"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/config"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/letters"
	"github.com/terbuka-id/terbuka/internal/password"
	"github.com/terbuka-id/terbuka/internal/regnum"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
	"github.com/terbuka-id/terbuka/internal/testsupport"
	"github.com/terbuka-id/terbuka/internal/web"
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
	Calendar *calsource.Source
	Logs     *testsupport.LogBuffer
	Clock    *testsupport.Clock
}

// newApp serves the real handler over real HTTP on a fresh database, wired as internal/web's
// tests wire it; the clock stands at now.
func newApp(t *testing.T, now time.Time) *testApp {
	t.Helper()
	ctx := context.Background()
	s := testdb.Store(t)
	cfg := config.Default()
	cfg.Office.Name = "PPID Uji"
	cal, err := calsource.Load(ctx, s, calendar.Options{Location: jakarta, ClosesAt: 16 * time.Hour, CutiBersamaIsHoliday: true})
	if err != nil {
		t.Fatal(err)
	}
	box, err := secret.NewBox(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	format, err := regnum.Parse(cfg.Requests.RegistrationFormat)
	if err != nil {
		t.Fatal(err)
	}
	clock := testsupport.NewClock(now)
	in := &intake.Service{Store: s, Calendar: cal.Current, Box: box, Format: format, Now: clock.Now,
		OfficeName: cfg.Office.Name, BaseURL: "http://example.test"}
	office := letters.Office{Name: cfg.Office.Name, Address: "Jl. Uji 1", City: "Bandung"}
	blobs, err := files.NewDisk(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cw := &casework.Service{Store: s, Calendar: cal.Current, Now: clock.Now, Office: func() letters.Office { return office }, OfficeName: cfg.Office.Name, Blobs: blobs, MaxUpload: 1 << 20}
	logs := &testsupport.LogBuffer{}
	srv, err := web.New(web.Deps{Config: &cfg, Store: s, Intake: in, Casework: cw, Calendar: cal,
		Log: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})), Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { ts.Close(); srv.Close() })
	return &testApp{URL: ts.URL, Store: s, Calendar: cal, Logs: logs, Clock: clock}
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
