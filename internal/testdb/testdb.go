// Package testdb gives every test its own freshly migrated PostgreSQL database: a clone of a
// template database migrated once per server, on the cluster named by
// TERBUKA_TEST_DATABASE_URL or, without it, on a throwaway cluster this process starts.
package testdb

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/db"
	"github.com/terbuka-id/terbuka/internal/pgcluster"
	"github.com/terbuka-id/terbuka/internal/store"
)

// EnvURL names a server to use instead of starting one; `make test` sets it to one cluster for the whole run.
const EnvURL = "TERBUKA_TEST_DATABASE_URL"

var (
	serverURL string // any database on the server; used for admin statements
	once      sync.Once
	template  string
	setupErr  error
)

// Main runs a package's tests with a server ready and stops a cluster it started.
func Main(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	serverURL = os.Getenv(EnvURL)
	if serverURL == "" {
		dir, err := os.MkdirTemp("", "terbuka-test-pg-")
		if err != nil {
			fmt.Fprintln(os.Stderr, "testdb:", err)
			return 1
		}
		defer os.RemoveAll(dir)
		// The server may run as the postgres OS user, who must be able to enter the folder.
		os.Chmod(dir, 0o755)
		ctx := context.Background()
		c, stop, err := pgcluster.Ensure(ctx, dir+"/data", "postgres", pgcluster.Options{Ephemeral: true})
		if err != nil {
			fmt.Fprintln(os.Stderr, "testdb:", err)
			return 1
		}
		if stop != nil {
			defer stop(ctx)
		}
		serverURL = c.URL("postgres")
	}
	return m.Run()
}

// URL returns the URL of a new migrated database that is dropped when the test ends.
func URL(t testing.TB) string {
	t.Helper()
	if serverURL == "" {
		t.Fatal("testdb: call testdb.Main(m) from TestMain")
	}
	once.Do(func() { template, setupErr = prepareTemplate(context.Background()) })
	if setupErr != nil {
		t.Fatalf("testdb: %v", setupErr)
	}
	name := "t_" + randomHex(8)
	admin, err := sql.Open("postgres", serverURL)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE DATABASE " + pq.QuoteIdentifier(name) + " TEMPLATE " + pq.QuoteIdentifier(template)); err != nil {
		t.Fatalf("testdb: create database: %v", err)
	}
	t.Cleanup(func() {
		admin, err := sql.Open("postgres", serverURL)
		if err != nil {
			return
		}
		defer admin.Close()
		admin.Exec("DROP DATABASE IF EXISTS " + pq.QuoteIdentifier(name) + " WITH (FORCE)")
	})
	return withDatabase(serverURL, name)
}

// Store opens a Store on a new migrated database, closed when the test ends.
func Store(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), URL(t), 8)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// prepareTemplate migrates a template database named after the migrations' content, once per
// server: parallel test processes serialise on an advisory lock and reuse it.
func prepareTemplate(ctx context.Context) (string, error) {
	name, err := templateName()
	if err != nil {
		return "", err
	}
	admin, err := sql.Open("postgres", serverURL)
	if err != nil {
		return "", err
	}
	defer admin.Close()
	conn, err := admin.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(hashtext('terbuka-testdb-template'))`); err != nil {
		return "", err
	}
	defer conn.ExecContext(ctx, `SELECT pg_advisory_unlock(hashtext('terbuka-testdb-template'))`)
	var ready bool
	if err := conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1 AND datistemplate)`, name).Scan(&ready); err != nil {
		return "", err
	}
	if ready {
		return name, nil
	}
	if _, err := conn.ExecContext(ctx, "DROP DATABASE IF EXISTS "+pq.QuoteIdentifier(name)); err != nil {
		return "", err
	}
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(name)); err != nil {
		return "", err
	}
	s, err := store.Open(ctx, withDatabase(serverURL, name), 1)
	if err != nil {
		return "", err
	}
	_, err = s.Migrate(ctx)
	s.Close()
	if err != nil {
		return "", err
	}
	// Marked only once complete, so a crashed half-migrated template is rebuilt, not cloned.
	if _, err := conn.ExecContext(ctx, "ALTER DATABASE "+pq.QuoteIdentifier(name)+" IS_TEMPLATE true"); err != nil {
		return "", err
	}
	return name, nil
}

func templateName() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(db.Migrations, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := db.Migrations.ReadFile(path)
		h.Write([]byte(path))
		h.Write(data)
		return err
	})
	if err != nil {
		return "", err
	}
	return "terbuka_tmpl_" + hex.EncodeToString(h.Sum(nil))[:12], nil
}

// withDatabase swaps the database name in a URL or key=value connection string.
func withDatabase(dsn, name string) string {
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		u.Path = "/" + name
		return u.String()
	}
	var kept []string
	for _, kv := range strings.Fields(dsn) {
		if !strings.HasPrefix(kv, "dbname=") {
			kept = append(kept, kv)
		}
	}
	return strings.Join(append(kept, "dbname="+name), " ")
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
