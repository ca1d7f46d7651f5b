// Command cluster starts, on one machine, the shape of a real deployment and loads it through
// its front door: a PostgreSQL primary and a streaming replica, an S3 server holding the
// documents, three `terbuka serve` instances
// with the scheduler off (the portal reading from the replica), two `terbuka worker`s sending
// the mail, an SMTP server that counts what it receives, and a round-robin reverse proxy. It
// then measures intake and portal search through the proxy with 1 and with 3 instances behind
// it, PostgreSQL's own limit for a two-INSERT transaction (pgbench) in the same run, and kills
// one instance and one worker with SIGKILL during an intake load: no acknowledged submission may
// be lost, no e-mail may arrive twice.
//
//	make cluster
//	go run ./cmd/cluster -duration 20s -clients 16 -hold   # keep it up afterwards, to browse
package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	_ "github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/benchkit"
	"github.com/terbuka-id/terbuka/internal/pgcluster"
	"github.com/terbuka-id/terbuka/internal/store"
)

type options struct {
	duration time.Duration
	clients  int
	hold     bool
	keep     bool
}

func main() {
	var o options
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "length of each measured phase")
	flag.IntVar(&o.clients, "clients", 16, "concurrent clients of each phase")
	flag.BoolVar(&o.hold, "hold", false, "after the measurements, keep the cluster running until Ctrl-C")
	flag.BoolVar(&o.keep, "keep", false, "keep the cluster's folder afterwards")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	c := &cluster{opts: o}
	err := c.run(ctx)
	c.shutdown()
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(os.Stderr, "\ncluster: interrupted; everything was stopped")
		os.Exit(130)
	case err != nil:
		fmt.Fprintln(os.Stderr, "\ncluster: FAIL:", err)
		os.Exit(1)
	case len(c.failures) > 0:
		fmt.Printf("\nFAIL (%d):\n  - %s\n", len(c.failures), strings.Join(c.failures, "\n  - "))
		os.Exit(1)
	}
	fmt.Println("\nPASS: no acknowledged submission lost, no e-mail received twice, numbers gapless")
}

// cluster is one run: what it started, in the order it must stop.
type cluster struct {
	opts       options
	dir        string
	primary    *pgcluster.Cluster
	replica    *pgcluster.Cluster
	stopPG     func(context.Context) error
	primaryURL string
	replicaURL string
	smtp       *smtpSink
	s3         *s3Server
	instances  []*benchkit.App
	workers    []*benchkit.App
	proxy      *proxy
	failures   []string
}

func (c *cluster) fail(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	c.failures = append(c.failures, msg)
	fmt.Println("FAIL:", msg)
}

func (c *cluster) run(ctx context.Context) error {
	var err error
	if c.dir, err = os.MkdirTemp("", "terbuka-cluster-"); err != nil {
		return err
	}
	os.Chmod(c.dir, 0o755) // the PostgreSQL servers may run as the postgres OS user
	fmt.Printf("# Terbuka cluster on one machine\nfolder: %s\nmachine: %d CPUs, %s/%s, %s\n",
		c.dir, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())

	if err := c.startDatabase(ctx); err != nil {
		return err
	}
	if c.smtp, err = startSMTPSink(); err != nil {
		return err
	}
	if c.s3, err = startS3(); err != nil {
		return err
	}
	fmt.Printf("storage:  S3 (gofakes3, in memory) at %s, bucket %s\n", c.s3.endpoint, s3Bucket)
	fmt.Println("building ./cmd/terbuka …")
	bin, err := benchkit.BuildApp(ctx, c.dir)
	if err != nil {
		return err
	}
	if err := c.startApps(ctx, bin); err != nil {
		return err
	}
	if c.proxy, err = startProxy(c.instances); err != nil {
		return err
	}
	fmt.Printf("proxy:    %s → %d instances (round robin)\n", c.proxy.URL, len(c.instances))

	m := &measurements{}
	if err := c.measure(ctx, m); err != nil {
		return err
	}
	if err := c.killTest(ctx, m); err != nil {
		return err
	}
	m.print(c.opts)
	if c.opts.hold {
		fmt.Printf("\nThe cluster stays up: %s (demo accounts as in the README). Ctrl-C stops it.\n", c.proxy.URL)
		<-ctx.Done()
	}
	return nil
}

// startDatabase starts a durable primary with the migrated database and a streaming replica.
func (c *cluster) startDatabase(ctx context.Context) error {
	var err error
	c.primary, c.stopPG, err = pgcluster.Ensure(ctx, filepath.Join(c.dir, "primary"), "terbuka", pgcluster.Options{})
	if err != nil {
		return err
	}
	c.primaryURL = c.primary.URL("terbuka")
	st, err := store.Open(ctx, c.primaryURL, 2)
	if err != nil {
		return err
	}
	_, err = st.Migrate(ctx)
	st.Close()
	if err != nil {
		return err
	}
	if c.replica, err = c.primary.StartReplica(ctx, filepath.Join(c.dir, "replica")); err != nil {
		return err
	}
	c.replicaURL = c.replica.URL("terbuka")
	fmt.Printf("database: primary %s\n          replica %s (streaming, hot standby)\n", c.primary.Dir, c.replica.Dir)
	return nil
}

// startApps starts the instances one after another (the first loads the demo data) and then
// the workers. All share the data key, the files folder and the SMTP server.
func (c *cluster) startApps(ctx context.Context, bin string) error {
	key := make([]byte, 32)
	rand.Read(key)
	common := append(slices.Concat(benchkit.QuietEnv(), c.s3.env()),
		"TERBUKA_DATABASE_URL="+c.primaryURL,
		"TERBUKA_DATABASE_READ_URL="+c.replicaURL,
		"TERBUKA_SECURITY_DATA_KEY="+base64.StdEncoding.EncodeToString(key),
		"TERBUKA_SMTP_HOST=127.0.0.1", "TERBUKA_SMTP_PORT="+strconv.Itoa(c.smtp.port), "TERBUKA_SMTP_TLS=none",
		"TERBUKA_SMTP_FROM=ppid@cluster.test",
		"TERBUKA_JOBS_OUTBOX=@every 1s",
	)
	for i := range 3 {
		addr, err := benchkit.FreeAddr()
		if err != nil {
			return err
		}
		args := []string{"serve"}
		if i == 0 {
			args = append(args, "--demo")
		}
		app, err := benchkit.StartProcess(ctx, bin, benchkit.ProcessOptions{Args: args, Addr: addr,
			Env: slices.Concat(common, []string{"TERBUKA_JOBS_ENABLED=false", "TERBUKA_JOBS_INSTANCE=serve-" + strconv.Itoa(i+1)})})
		if err != nil {
			return fmt.Errorf("instance %d: %w", i+1, err)
		}
		c.instances = append(c.instances, app)
		fmt.Printf("instance: serve-%d %s (scheduler off)\n", i+1, app.BaseURL)
	}
	for i := range 2 {
		app, err := benchkit.StartProcess(ctx, bin, benchkit.ProcessOptions{Args: []string{"worker"},
			Env: slices.Concat(common, []string{"TERBUKA_JOBS_INSTANCE=worker-" + strconv.Itoa(i+1)})})
		if err != nil {
			return fmt.Errorf("worker %d: %w", i+1, err)
		}
		c.workers = append(c.workers, app)
		fmt.Printf("worker:   worker-%d (scheduled jobs, outbox every second)\n", i+1)
	}
	return nil
}

// shutdown stops everything started, the proxy first and the database last.
func (c *cluster) shutdown() {
	if c.proxy != nil {
		c.proxy.Close()
	}
	for _, a := range append(c.instances, c.workers...) {
		if err := a.Stop(); err != nil && !a.Exited() {
			fmt.Println("stop:", err)
		}
	}
	if c.smtp != nil {
		c.smtp.Close()
	}
	if c.s3 != nil {
		c.s3.Close()
	}
	ctx := context.Background()
	if c.replica != nil {
		c.replica.Stop(ctx)
	}
	if c.stopPG != nil {
		c.stopPG(ctx)
	}
	if c.dir != "" && !c.opts.keep {
		os.RemoveAll(c.dir)
	}
}

// db opens the primary for the checks.
func (c *cluster) db() (*sql.DB, error) { return sql.Open("postgres", c.primaryURL) }
