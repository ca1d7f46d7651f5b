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
	a, err := e.open(ctx, openOptions{migrate: true, sessionCleanup: 5 * time.Minute})
	if err != nil {
		return err
	}
	defer a.close(context.Background())

	if *withDemo {
		accounts, err := demo.Seed(ctx, a.Store, a.Intake, a.Casework, a.ReplayWatches)
		if err != nil {
			return err
		}
		if err := demo.SeedPortal(ctx, a.Store, a.Publishing); err != nil {
			return err
		}
		if err := demo.SeedService(ctx, demo.Services{Store: a.Store, Intake: a.Intake, Casework: a.Casework,
			SKM: a.SKM, Performance: a.Performance}); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, "Demo accounts (demo data only — never use these in production):")
		for _, acc := range accounts {
			fmt.Fprintf(e.stdout, "  %-24s %-14s %s\n", acc.Email, acc.Password, acc.Role)
		}
	}
	// Without the scheduler here the runner still serves the admin page (another instance runs the jobs).
	if a.Config.Jobs.Enabled {
		stopJobs, err := a.startScheduler(ctx)
		if err != nil {
			return err
		}
		defer stopJobs()
	}

	refreshCtx, stopRefresh := context.WithCancel(ctx)
	defer stopRefresh()
	go a.Calendar.Refresh(refreshCtx, time.Minute, a.log)
	go func() { // search roots of rows from before migration 00027; serving does not wait for it
		if err := a.Store.BackfillRoots(refreshCtx); err != nil && refreshCtx.Err() == nil {
			a.log.Error("search roots backfill stopped", "error", err)
		}
	}()

	ln, err := net.Listen("tcp", a.Config.Server.Addr)
	if err != nil {
		return err
	}
	httpServer := &http.Server{
		Handler:           a.Web.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	errc := make(chan error, 2)
	go func() { errc <- httpServer.Serve(ln) }()
	_, stopMetrics, err := a.startMetrics(errc)
	if err != nil {
		return err
	}
	a.log.Info("serving", "url", "http://"+ln.Addr().String(), "office", a.Config.Office.Name)
	fmt.Fprintf(e.stdout, "Terbuka is running at %s — press Ctrl-C to stop.\n", a.Config.Server.BaseURL)

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	a.log.Info("shutting down: finishing in-flight requests")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), time.Duration(a.Config.Server.ShutdownTimeout)*time.Second)
	defer cancel()
	stopMetrics(shutdownCtx)
	if err := httpServer.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
