package pgcluster

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/lib/pq"
)

// Ensure makes the cluster in dir ready to serve database dbname: initdb when new, start when
// not running, create the database when missing. stop is nil when the server was already
// running, so a command run beside `make run` leaves that server alone.
func Ensure(ctx context.Context, dir, dbname string, opts Options) (c *Cluster, stop func(context.Context) error, err error) {
	c, err = New(dir, opts)
	if err != nil {
		return nil, nil, err
	}
	if !c.Running(ctx) {
		if err := c.Init(ctx); err != nil {
			return nil, nil, err
		}
		if err := c.Start(ctx); err != nil {
			return nil, nil, err
		}
		stop = c.Stop
	}
	if err := c.CreateDatabase(ctx, dbname); err != nil {
		if stop != nil {
			stop(ctx)
		}
		return nil, nil, err
	}
	return c, stop, nil
}

// CreateDatabase creates dbname unless it exists.
func (c *Cluster) CreateDatabase(ctx context.Context, dbname string) error {
	db, err := sql.Open("postgres", c.URL("postgres"))
	if err != nil {
		return fmt.Errorf("pgcluster: %w", err)
	}
	defer db.Close()
	var exists bool
	if err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, dbname).Scan(&exists); err != nil {
		return fmt.Errorf("pgcluster: unable to list databases: %w", err)
	}
	if exists {
		return nil
	}
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(dbname)); err != nil {
		return fmt.Errorf("pgcluster: unable to create database %s: %w", dbname, err)
	}
	return nil
}
