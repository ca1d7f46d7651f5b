package pgcluster

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// StartReplica makes a streaming replica of the running cluster c in dir (pg_basebackup -R:
// the standby settings are written for it) and starts it on a socket in dir. The primary's
// initdb settings already allow it: wal_level replica, WAL senders, and trust for replication
// connections on the private socket.
func (c *Cluster) StartReplica(ctx context.Context, dir string) (*Cluster, error) {
	r, err := New(dir, c.opts)
	if err != nil {
		return nil, err
	}
	if r.Initialized() {
		return nil, fmt.Errorf("pgcluster: %s already holds a cluster", r.Dir)
	}
	// The parent must let the postgres OS user create the data directory.
	if err := os.MkdirAll(filepath.Dir(r.Dir), 0o755); err != nil {
		return nil, fmt.Errorf("pgcluster: %w", err)
	}
	if r.asUser != nil {
		if err := os.Chown(filepath.Dir(r.Dir), int(r.asUser.Uid), int(r.asUser.Gid)); err != nil {
			return nil, fmt.Errorf("pgcluster: %w", err)
		}
		if err := checkReachable(r.Dir); err != nil {
			return nil, err
		}
	}
	conninfo := "host=" + c.Dir + " port=" + strconv.Itoa(port) + " user=" + Superuser + " application_name=terbuka-replica"
	if _, err := r.run(ctx, "pg_basebackup", "-D", r.Dir, "-R", "-X", "stream", "-c", "fast", "-d", conninfo); err != nil {
		os.RemoveAll(r.Dir)
		return nil, err
	}
	// The primary's socket lives in its data directory, so the copy carries the socket's lock
	// file (and the primary's log): neither belongs to the replica.
	stale, _ := filepath.Glob(filepath.Join(r.Dir, ".s.PGSQL.*"))
	for _, f := range append(stale, filepath.Join(r.Dir, "server.log")) {
		os.Remove(f)
	}
	if err := r.Start(ctx); err != nil {
		log, _ := os.ReadFile(filepath.Join(r.Dir, "server.log"))
		return nil, fmt.Errorf("%w\nreplica's server.log:\n%s", err, log)
	}
	return r, nil
}
