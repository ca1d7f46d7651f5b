package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/terbuka-id/terbuka/internal/demo"
	"github.com/terbuka-id/terbuka/internal/web"
)

// serve runs the web server until SIGINT/SIGTERM, then drains requests, closes the database and
// stops the private cluster if it started one.
func (e *env) serve(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	withDemo := fs.Bool("demo", false, "load demo accounts and requests (never in production)")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	a, err := e.open(ctx, openOptions{migrate: true})
	if err != nil {
		return err
	}
	defer a.close(context.Background())

	// The runner also serves the admin page when this instance does not run the scheduler.
	runner, err := a.newRunner()
	if err != nil {
		return err
	}
	if *withDemo {
		accounts, err := demo.Seed(ctx, a.store, a.intake, a.casework, replayWatches(runner))
		if err != nil {
			return err
		}
		if err := demo.SeedPortal(ctx, a.store, a.publishing()); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, "Demo accounts (demo data only — never use these in production):")
		for _, acc := range accounts {
			fmt.Fprintf(e.stdout, "  %-24s %-14s %s\n", acc.Email, acc.Password, acc.Role)
		}
	}
	if a.cfg.Jobs.Enabled {
		stopJobs, err := a.startScheduler(ctx, runner)
		if err != nil {
			return err
		}
		defer stopJobs()
	}

	srv, err := web.New(web.Deps{Config: a.cfg, Store: a.store, Intake: a.intake, Casework: a.casework, Jobs: runner, Calendar: a.calendar,
		Log: a.log, Now: time.Now, SessionCleanup: 5 * time.Minute, Publishing: a.publishing()})
	if err != nil {
		return err
	}
	defer srv.Close()

	refreshCtx, stopRefresh := context.WithCancel(ctx)
	defer stopRefresh()
	go a.calendar.Refresh(refreshCtx, time.Minute, a.log)

	ln, err := net.Listen("tcp", a.cfg.Server.Addr)
	if err != nil {
		return err
	}
	httpServer := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	errc := make(chan error, 1)
	go func() { errc <- httpServer.Serve(ln) }()
	a.log.Info("serving", "url", "http://"+ln.Addr().String(), "office", a.cfg.Office.Name)
	fmt.Fprintf(e.stdout, "Terbuka is running at %s — press Ctrl-C to stop.\n", a.cfg.Server.BaseURL)

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	a.log.Info("shutting down: finishing in-flight requests")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), time.Duration(a.cfg.Server.ShutdownTimeout)*time.Second)
	defer cancel()
	if err := httpServer.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
