package cli

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/calsource"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/config"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/letters"
	"github.com/terbuka-id/terbuka/internal/pgcluster"
	"github.com/terbuka-id/terbuka/internal/publishing"
	"github.com/terbuka-id/terbuka/internal/regnum"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/store"
)

// app is the wired application; close releases it in reverse order.
type app struct {
	cfg      *config.Config
	log      *slog.Logger
	store    *store.Store
	calendar *calsource.Source
	intake   *intake.Service
	casework *casework.Service
	blobs    *files.Disk
	closers  []func(context.Context) error
}

func (a *app) close(ctx context.Context) {
	for i := len(a.closers) - 1; i >= 0; i-- {
		if err := a.closers[i](ctx); err != nil {
			a.log.Warn("shutdown step failed", "error", err)
		}
	}
}

// openOptions say how much of the application a command needs.
type openOptions struct {
	migrate bool // apply pending migrations instead of refusing to run on an old schema
}

// open loads the configuration and connects to the database, starting the private cluster
// when no URL is configured.
func (e *env) open(ctx context.Context, opts openOptions) (*app, error) {
	cfg, err := config.Load(e.configPath, os.Environ())
	if err != nil {
		return nil, err
	}
	a := &app{cfg: cfg, log: newLogger(e.stderr, cfg.Log.Level)}
	ok := false
	defer func() {
		if !ok {
			a.close(context.Background())
		}
	}()

	databaseURL := cfg.Database.URL
	if cfg.UsesPrivateCluster() {
		cluster, stop, err := pgcluster.Ensure(ctx, cfg.Database.LocalDir, "terbuka", pgcluster.Options{})
		if err != nil {
			return nil, err
		}
		if stop != nil {
			a.log.Info("started private PostgreSQL cluster", "dir", cfg.Database.LocalDir)
			a.closers = append(a.closers, func(ctx context.Context) error {
				a.log.Info("stopping private PostgreSQL cluster")
				return stop(ctx)
			})
		}
		databaseURL = cluster.URL("terbuka")
	}

	key, err := dataKey(cfg)
	if err != nil {
		return nil, err
	}
	box, err := secret.NewBox(key)
	if err != nil {
		return nil, err
	}

	a.store, err = store.Open(ctx, databaseURL, cfg.Database.MaxOpenConns)
	if err != nil {
		return nil, err
	}
	a.closers = append(a.closers, func(context.Context) error { return a.store.Close() })

	if opts.migrate {
		n, err := a.store.Migrate(ctx)
		if err != nil {
			return nil, err
		}
		if n > 0 {
			a.log.Info("database migrated", "applied", n)
		}
	} else {
		current, target, err := a.store.SchemaVersion(ctx)
		if err != nil {
			return nil, err
		}
		if current != target {
			return nil, fmt.Errorf("database schema is at version %d, this program needs %d: run `terbuka migrate`", current, target)
		}
	}

	closes, _ := cfg.ClosingTime()
	a.calendar, err = calsource.Load(ctx, a.store, calendar.Options{
		Location: cfg.Location(), ClosesAt: closes, CutiBersamaIsHoliday: cfg.Calendar.CutiBersamaIsHoliday,
	})
	if err != nil {
		return nil, err
	}
	format, _ := regnum.Parse(cfg.Requests.RegistrationFormat)
	a.intake = &intake.Service{
		Store: a.store, Calendar: a.calendar.Current, Box: box, Format: format, Now: time.Now,
		OfficeName: cfg.Office.Name, BaseURL: strings.TrimRight(cfg.Server.BaseURL, "/"),
	}
	fallback := letters.Office{Name: cfg.Office.Name, Address: cfg.Office.Address, City: cfg.Office.City, Letterhead: cfg.Office.Letterhead}
	// The letterhead an administrator saved wins over config.yaml; letters are rare, so it is read each time.
	office := func() letters.Office {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		o, err := a.store.OfficeSettings(ctx)
		if err != nil {
			if !errors.Is(err, store.ErrNotFound) {
				a.log.Warn("office settings unreadable; using config.yaml", "error", err)
			}
			return fallback
		}
		return letters.Office{Name: o.Name, Address: o.Address, City: o.City, Letterhead: o.Letterhead}
	}
	if a.blobs, err = files.NewDisk(cfg.Files.Dir); err != nil {
		return nil, err
	}
	a.casework = &casework.Service{Store: a.store, Calendar: a.calendar.Current, Now: time.Now,
		Office:     office,
		OfficeName: cfg.Office.Name, BaseURL: a.intake.BaseURL, Blobs: a.blobs, MaxUpload: cfg.Files.MaxUploadBytes()}
	ok = true
	return a, nil
}

// publishing is the service that puts documents on the public portal.
func (a *app) publishing() *publishing.Service {
	return &publishing.Service{Store: a.store, Blobs: a.blobs, MaxUpload: a.cfg.Files.MaxUploadBytes(), Now: time.Now,
		Location: a.cfg.Location(), Log: a.log}
}

// dataKey returns the personal-data key from config or file. With the private cluster and no
// key configured, a key is generated once beside the cluster, so the demo needs no set-up.
func dataKey(cfg *config.Config) ([]byte, error) {
	switch {
	case cfg.Security.DataKey != "":
		return secret.ParseKey(cfg.Security.DataKey)
	case cfg.Security.DataKeyFile != "":
		raw, err := os.ReadFile(cfg.Security.DataKeyFile)
		if err != nil {
			return nil, fmt.Errorf("security.data_key_file: %w", err)
		}
		return secret.ParseKey(strings.TrimSpace(string(raw)))
	case !cfg.UsesPrivateCluster():
		return nil, errors.New("security.data_key is required with an external database")
	}
	path := filepath.Join(filepath.Dir(filepath.Clean(cfg.Database.LocalDir)), "data.key")
	raw, err := os.ReadFile(path)
	if err == nil {
		return secret.ParseKey(strings.TrimSpace(string(raw)))
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(path, []byte(base64.StdEncoding.EncodeToString(key)+"\n"), 0o600); err != nil {
		return nil, err
	}
	return key, nil
}
