package benchkit

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"time"

	"github.com/terbuka-id/terbuka/internal/pgcluster"
)

// twoInsertScript is the smallest transaction an intake could be: two INSERTs and a commit.
const twoInsertScript = `BEGIN;
INSERT INTO pgbench_two_a (v) VALUES (:client_id);
INSERT INTO pgbench_two_b (v) VALUES (:client_id);
END;
`

var tpsLine = regexp.MustCompile(`(?m)^tps = ([0-9.]+) \(without initial connection time\)`)

// PgbenchTwoInserts runs the two-INSERT transaction with pgbench (shipped with PostgreSQL) at c
// clients for d on the database at dbURL and returns its transactions per second: PostgreSQL's
// own ceiling for an intake on this machine, measured in the same run as the app. It returns once
// pgbench's backends have ended.
func PgbenchTwoInserts(ctx context.Context, dbURL string, c int, d time.Duration) (float64, error) {
	bin, err := pgcluster.Tool("pgbench")
	if err != nil {
		return 0, fmt.Errorf("pgbench: %w", err)
	}
	db, err := sql.Open("postgres", dbURL)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS pgbench_two_a (id bigserial PRIMARY KEY, v int NOT NULL);
		CREATE TABLE IF NOT EXISTS pgbench_two_b (id bigserial PRIMARY KEY, v int NOT NULL)`); err != nil {
		return 0, fmt.Errorf("pgbench tables: %w", err)
	}
	dir, err := os.MkdirTemp("", "terbuka-pgbench-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	script := filepath.Join(dir, "two-inserts.sql")
	if err := os.WriteFile(script, []byte(twoInsertScript), 0o644); err != nil {
		return 0, err
	}
	secs := max(1, int(d.Round(time.Second)/time.Second))
	out, err := exec.CommandContext(ctx, bin, "-n", "-M", "prepared", "-c", strconv.Itoa(c), "-j", strconv.Itoa(min(c, 4)),
		"-T", strconv.Itoa(secs), "-f", script, dbURL).CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("pgbench: %w\n%s", err, out)
	}
	// Its backends end just after it does: wait for them, so a CPU reading taken next has them all.
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		var n int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgbench'`).Scan(&n); err != nil || n == 0 {
			break
		}
	}
	m := tpsLine.FindSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("pgbench: no tps line in:\n%s", out)
	}
	return strconv.ParseFloat(string(m[1]), 64)
}
