package app_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/app"
	"github.com/terbuka-id/terbuka/internal/config"
	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/testdb"
	"github.com/terbuka-id/terbuka/internal/web"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func testBox(t *testing.T) *secret.Box {
	t.Helper()
	box, err := secret.NewBox(bytes.Repeat([]byte{5}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return box
}

// The defaults alone build an application that takes a request and keeps it.
func TestNewFromDefaults(t *testing.T) {
	ctx := context.Background()
	cfg := config.Default()
	cfg.Files.Dir = t.TempDir()
	st := testdb.Store(t)
	jakarta, _ := time.LoadLocation("Asia/Jakarta")
	now := time.Date(2026, 3, 13, 10, 0, 0, 0, jakarta)
	a, err := app.New(ctx, &cfg, st, app.Options{Box: testBox(t), Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)

	receipt, errs, err := a.Intake.Submit(ctx, request.Submission{RequesterKind: "perorangan", Name: "Siti Aminah",
		NIK: "3273014507900003", Address: "Jl. Cihampelas No. 12, Bandung", Phone: "0812 2233 4455", Email: "siti@contoh.id",
		Occupation: "Guru", Information: "Salinan RKA Dinas Pendidikan tahun 2026", Purpose: "Diskusi komite sekolah",
		ObtainMethod: "softcopy", DeliveryMethod: "email", PublishConsent: true}, intake.Origin{Channel: "web"})
	if err != nil {
		t.Fatalf("submit: %v %v", err, errs)
	}
	if receipt.RegistrationNumber != "0001/PPID/III/2026" {
		t.Errorf("registration number %q", receipt.RegistrationNumber)
	}
	got, err := a.Store.RequestByID(ctx, access.Everything, receipt.RequestID)
	if err != nil {
		t.Fatal(err)
	}
	if got.RegistrationNumber != receipt.RegistrationNumber {
		t.Errorf("stored %q, receipt %q", got.RegistrationNumber, receipt.RegistrationNumber)
	}
	if names := a.Jobs.Names(); strings.Join(names, ",") != strings.Join(app.JobNames(), ",") {
		t.Errorf("jobs %v, want %v", names, app.JobNames())
	}
	if a.Web == nil || a.Publishing == nil || a.Casework.Office().Name != cfg.Office.Name {
		t.Errorf("not fully wired: %+v", a)
	}
}

// Without a store, a configuration or a key box New says which is missing instead of panicking later.
func TestNewNamesWhatIsMissing(t *testing.T) {
	cfg := config.Default()
	cfg.Files.Dir = t.TempDir()
	for _, tc := range []struct {
		name string
		cfg  *config.Config
		box  *secret.Box
		want string
	}{
		{"store", &cfg, testBox(t), "no store"},
		{"config", nil, testBox(t), "no configuration"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := app.New(context.Background(), tc.cfg, nil, app.Options{Box: tc.box})
			if err == nil || !strings.Contains(err.Error(), tc.want) || a != nil {
				t.Errorf("New = %v, %v; want an error saying %q", a, err, tc.want)
			}
		})
	}
	st := testdb.Store(t)
	if _, err := app.New(context.Background(), &cfg, st, app.Options{}); err == nil || !strings.Contains(err.Error(), "Options.Box") {
		t.Errorf("without a key box: %v", err)
	}
}

// web.New builds nothing behind the caller's back: a server without its services is an error
// that names them, not a fallback.
func TestWebNeedsItsServicesFromNew(t *testing.T) {
	_, err := web.New(web.Deps{Config: &config.Config{}})
	if err == nil || !strings.Contains(err.Error(), "Publishing") || !strings.Contains(err.Error(), "Store") {
		t.Errorf("web.New without services: %v", err)
	}
}
