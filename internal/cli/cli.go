// Package cli parses terbuka's subcommands and wires their dependencies; nothing else in the
// program reads flags, the environment or the config file.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

const usage = `terbuka — case tracking for public information requests (UU 14/2008)

Usage: terbuka [-config FILE] COMMAND [options]

Commands:
  serve       run the web server (migrates first; --demo loads demo data)
  migrate     apply pending database migrations
  deadlines   print the statutory deadlines of a request: deadlines --received 2026-03-13T10:00:00+07:00
  worker      run only the scheduled jobs (no web server)
  jobs run N [--at TIME]
              run one job now (or as of a past moment, RFC 3339) and print what it did as JSON:
              deadline-watch, objection-watch, outbox, retention, digest, blob-sweep
  import      import an existing register, CSV or XLSX, all or nothing: import FILE (see docs/contoh-register.csv)
  documents import DIR --metadata FILE.csv
              publish a folder of existing documents (see docs/contoh-metadata.csv); files with
              personal data stay drafts for the PPID to review
  files migrate --to s3
              copy every stored document and letter from files.dir to the bucket of files.s3,
              verifying each digest; rerun to resume (what is there is skipped)
  version     print the version

Without database.url (or TERBUKA_DATABASE_URL) every command uses the private PostgreSQL
cluster under database.local_dir, starting it when it is not running.
`

// Version is set at build time with -ldflags "-X github.com/terbuka-id/terbuka/internal/cli.Version=…".
var Version = "dev"

// Run executes one command and returns the process exit code.
func Run(args []string, stdout, stderr io.Writer) int {
	global := flag.NewFlagSet("terbuka", flag.ContinueOnError)
	global.SetOutput(stderr)
	configPath := global.String("config", "config.yaml", "configuration file")
	global.Usage = func() { fmt.Fprint(stderr, usage) }
	if err := global.Parse(args); err != nil {
		return 2
	}
	if global.NArg() == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	cmd, rest := global.Arg(0), global.Args()[1:]
	env := &env{configPath: *configPath, stdout: stdout, stderr: stderr}
	var err error
	switch cmd {
	case "serve":
		err = env.serve(ctx, rest)
	case "migrate":
		err = env.migrate(ctx, rest)
	case "deadlines":
		err = env.deadlines(ctx, rest)
	case "import":
		err = env.importRegister(ctx, rest)
	case "documents":
		err = env.documentsCommand(ctx, rest)
	case "jobs":
		err = env.jobsCommand(ctx, rest)
	case "worker":
		err = env.worker(ctx, rest)
	case "files":
		err = env.filesCommand(ctx, rest)
	case "version":
		fmt.Fprintln(stdout, Version)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "terbuka: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	var usageErr usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &usageErr):
		fmt.Fprintln(stderr, "terbuka:", err)
		return 2
	default:
		fmt.Fprintln(stderr, "terbuka:", err)
		return 1
	}
}

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// env carries what every command needs before it opens anything.
type env struct {
	configPath string
	stdout     io.Writer
	stderr     io.Writer
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}
