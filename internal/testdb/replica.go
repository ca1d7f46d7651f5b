package testdb

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/pgcluster"
	"github.com/terbuka-id/terbuka/internal/store"
)

// Replicated starts, for one test, a primary cluster of its own with a migrated database and a
// streaming replica of it (pg_basebackup), both on Unix sockets in a temporary folder, and
// stops them when the test ends. It returns the two databases' URLs and the replica, which the
// test may stop to see the portal fall back to the primary. A few seconds: initdb, a base backup.
func Replicated(t testing.TB) (primaryURL, replicaURL string, replica *pgcluster.Cluster) {
	t.Helper()
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "terbuka-replica-")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755) // the servers may run as the postgres OS user
	t.Cleanup(func() { os.RemoveAll(dir) })
	primary, stop, err := pgcluster.Ensure(ctx, filepath.Join(dir, "primary"), "terbuka", pgcluster.Options{Ephemeral: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stop(context.Background()) })
	primaryURL = primary.URL("terbuka")
	st, err := store.Open(ctx, primaryURL, 2)
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.Migrate(ctx)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	replica, err = primary.StartReplica(ctx, filepath.Join(dir, "replica"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if replica.Running(context.Background()) {
			replica.Stop(context.Background())
		}
	})
	replicaURL = replica.URL("terbuka")
	WaitForReplay(t, primaryURL, replicaURL)
	return primaryURL, replicaURL, replica
}

// WaitForReplay waits until the replica has replayed everything the primary has written so far.
func WaitForReplay(t testing.TB, primaryURL, replicaURL string) {
	t.Helper()
	p, err := sql.Open("postgres", primaryURL)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	r, err := sql.Open("postgres", replicaURL)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var target string
	if err := p.QueryRow(`SELECT pg_current_wal_lsn()::text`).Scan(&target); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		var caughtUp bool
		err := r.QueryRow(`SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn`, target).Scan(&caughtUp)
		if err == nil && caughtUp {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("replica has not replayed up to %s in 30 s (last error: %v)", target, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
