// Command withpg runs a command beside a throwaway PostgreSQL cluster, with
// TERBUKA_TEST_DATABASE_URL pointing at it, then stops and deletes the cluster. `make test`
// uses it so the whole `go test ./...` run shares one cluster.
//
//	go run ./cmd/withpg -- go test ./...
//	go run ./cmd/withpg -durable -- go run ./cmd/loadgen
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"

	"github.com/terbuka-id/terbuka/internal/pgcluster"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

func main() {
	durable := flag.Bool("durable", false, "keep fsync and synchronous commit on, as in production (benchmarks)")
	flag.Usage = func() { fmt.Fprintln(os.Stderr, "usage: withpg [-durable] -- COMMAND [ARGS...]") }
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	os.Exit(run(flag.Args(), *durable))
}

func run(args []string, durable bool) int {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "terbuka-pg-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "withpg:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	// The server may run as the postgres OS user, who must be able to enter the folder.
	os.Chmod(dir, 0o755)
	c, stop, err := pgcluster.Ensure(ctx, dir+"/data", "postgres", pgcluster.Options{Ephemeral: !durable})
	if err != nil {
		fmt.Fprintln(os.Stderr, "withpg:", err)
		return 1
	}
	if stop != nil {
		defer stop(ctx)
	}

	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), testdb.EnvURL+"="+c.URL("postgres"))
	// The child gets Ctrl-C from the terminal itself; we only wait, then clean up.
	signal.Ignore(os.Interrupt, syscall.SIGTERM)
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		fmt.Fprintln(os.Stderr, "withpg:", err)
		return 1
	}
	return 0
}
