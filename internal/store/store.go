// Package store is Terbuka's only door to PostgreSQL: one Store over sqlx, one file per
// table group, SQL beside the method that runs it, placeholders only.
package store

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq" // PostgreSQL driver
)

// ErrNotFound is returned when a row asked for does not exist (or is not the caller's to see).
var ErrNotFound = errors.New("store: not found")

// Store wraps the connection pool.
type Store struct {
	db     *sqlx.DB
	intake intakeBatcher // group commit of concurrent submissions

	prepMu   sync.Mutex
	prepared map[string]*sqlx.Stmt // hot statements, each parsed and planned once per connection
}

// Open connects, sizes the pool and checks the server answers.
func Open(ctx context.Context, databaseURL string, maxConns int) (*Store, error) {
	db, err := sqlx.Open("postgres", withBinaryParameters(databaseURL))
	if err != nil {
		return nil, fmt.Errorf("store: unable to open database: %w", err)
	}
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: unable to reach database: %w", err)
	}
	return &Store{db: db}, nil
}

// withBinaryParameters makes lib/pq send each statement in one round trip instead of two.
func withBinaryParameters(dsn string) string {
	if strings.Contains(dsn, "binary_parameters") {
		return dsn
	}
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		q := u.Query()
		q.Set("binary_parameters", "yes")
		u.RawQuery = q.Encode()
		return u.String()
	}
	return dsn + " binary_parameters=yes"
}

// preparedStmt returns query prepared on the pool (database/sql prepares it again on each
// connection it runs on, once). Prepared lazily: the tables exist only after Migrate.
func (s *Store) preparedStmt(ctx context.Context, query string) (*sqlx.Stmt, error) {
	s.prepMu.Lock()
	defer s.prepMu.Unlock()
	if st, ok := s.prepared[query]; ok {
		return st, nil
	}
	st, err := s.db.PreparexContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("store: unable to prepare statement: %w", err)
	}
	if s.prepared == nil {
		s.prepared = map[string]*sqlx.Stmt{}
	}
	s.prepared[query] = st
	return st, nil
}

// DB exposes the pool to the session store and the migrator.
func (s *Store) DB() *sqlx.DB { return s.db }

func (s *Store) Close() error {
	s.prepMu.Lock()
	for _, st := range s.prepared {
		st.Close()
	}
	s.prepared = nil
	s.prepMu.Unlock()
	return s.db.Close()
}

// Ping checks the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// withTx runs fn in a transaction: commit when fn returns nil, roll back otherwise.
func (s *Store) withTx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: unable to begin transaction: %w", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: unable to commit: %w", err)
	}
	return nil
}
