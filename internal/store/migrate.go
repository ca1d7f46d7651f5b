package store

import (
	"context"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/terbuka-id/terbuka/db"
)

func (s *Store) migrator() (*goose.Provider, error) {
	migrations, err := fs.Sub(db.Migrations, "migrations")
	if err != nil {
		return nil, err
	}
	// An advisory lock lets several instances start at once without racing on the schema.
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return nil, err
	}
	p, err := goose.NewProvider(goose.DialectPostgres, s.db.DB, migrations, goose.WithSessionLocker(locker))
	if err != nil {
		return nil, fmt.Errorf("store: unable to load migrations: %w", err)
	}
	return p, nil
}

// Migrate applies every pending migration, each in its own transaction, and returns how many ran.
func (s *Store) Migrate(ctx context.Context) (int, error) {
	p, err := s.migrator()
	if err != nil {
		return 0, err
	}
	results, err := p.Up(ctx)
	if err != nil {
		return len(results), fmt.Errorf("store: migration failed: %w", err)
	}
	return len(results), nil
}

// SchemaVersion reports the applied and the newest known migration version.
func (s *Store) SchemaVersion(ctx context.Context) (current, target int64, err error) {
	p, err := s.migrator()
	if err != nil {
		return 0, 0, err
	}
	current, target, err = p.GetVersions(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("store: unable to read schema version: %w", err)
	}
	return current, target, nil
}
