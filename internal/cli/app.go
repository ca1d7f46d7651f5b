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

	"github.com/terbuka-id/terbuka/internal/app"
	"github.com/terbuka-id/terbuka/internal/config"
	"github.com/terbuka-id/terbuka/internal/pgcluster"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/store"
)

// instance is the wired application plus what the CLI started for it; close releases it in
// reverse order.
type instance struct {
	*app.App
	log     *slog.Logger
	closers []func(context.Context) error
}

func (a *instance) close(ctx context.Context) {
	for i := len(a.closers) - 1; i >= 0; i-- {
		if err := a.closers[i](ctx); err != nil {
			a.log.Warn("shutdown step failed", "error", err)
		}
	}
}

// openOptions say how much of the application a command needs.
type openOptions struct {
	migrate bool // apply pending migrations instead of refusing to run on an old schema
	// sessionCleanup is how often the web server sweeps expired sessions; 0 for commands that serve nothing.
	sessionCleanup time.Duration
}

// open loads the configuration and connects to the database, starting the private cluster
// when no URL is configured, then wires the application with app.New.
func (e *env) open(ctx context.Context, opts openOptions) (*instance, error) {
	cfg, err := config.Load(e.configPath, os.Environ())
	if err != nil {
		return nil, err
	}
	a := &instance{log: newLogger(e.stderr, cfg.Log.Level)}
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

	st, err := store.Open(ctx, databaseURL, cfg.Database.MaxOpenConns)
	if err != nil {
		return nil, err
	}
	a.closers = append(a.closers, func(context.Context) error { return st.Close() })

	if opts.migrate {
		n, err := st.Migrate(ctx)
		if err != nil {
			return nil, err
		}
		if n > 0 {
			a.log.Info("database migrated", "applied", n)
		}
	} else {
		current, target, err := st.SchemaVersion(ctx)
		if err != nil {
			return nil, err
		}
		if current != target {
			return nil, fmt.Errorf("database schema is at version %d, this program needs %d: run `terbuka migrate`", current, target)
		}
	}

	var portal *store.Store
	if cfg.Database.ReadURL != "" {
		if portal, err = store.OpenReader(ctx, cfg.Database.ReadURL, databaseURL, cfg.Database.MaxOpenConns, a.log); err != nil {
			return nil, err
		}
		a.closers = append(a.closers, func(context.Context) error { return portal.Close() })
	}

	a.App, err = app.New(ctx, cfg, st, app.Options{Box: box, Log: a.log, SessionCleanup: opts.sessionCleanup, Portal: portal})
	if err != nil {
		return nil, err
	}
	a.closers = append(a.closers, func(context.Context) error { a.App.Close(); return nil })
	ok = true
	return a, nil
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
