package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/internal/app"
	"github.com/terbuka-id/terbuka/internal/jobs"
)

// jobsCommand: `terbuka jobs run NAME [--at TIME]` runs one job now, or as of a past moment, and
// prints what it did as JSON.
func (e *env) jobsCommand(ctx context.Context, args []string) error {
	usage := "usage: terbuka jobs run NAME [--at TIME] (" + strings.Join(app.JobNames(), ", ") + "; TIME in RFC 3339, not in the future)"
	if len(args) < 2 || args[0] != "run" {
		return usageError{usage}
	}
	fs := flag.NewFlagSet("jobs run", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	atText := fs.String("at", "", "run as of this past moment (RFC 3339, e.g. 2026-11-27T07:00:00+07:00)")
	if err := fs.Parse(args[2:]); err != nil || fs.NArg() != 0 {
		return usageError{usage}
	}
	var at time.Time
	if *atText != "" {
		var err error
		if at, err = time.Parse(time.RFC3339, *atText); err != nil {
			return usageError{fmt.Sprintf("--at %q is not an RFC 3339 time (e.g. 2026-11-27T07:00:00+07:00)", *atText)}
		}
		// Checked before anything opens: a future run would send reminders and escalations early.
		if at.After(time.Now()) {
			return usageError{fmt.Sprintf("--at %s is in the future; a job can only be run as of now or a past moment", *atText)}
		}
	}
	a, err := e.open(ctx, openOptions{migrate: true})
	if err != nil {
		return err
	}
	defer a.close(context.Background())
	var rep jobs.Report
	var runErr error
	if at.IsZero() {
		rep, runErr = a.Jobs.RunOnce(ctx, args[1])
	} else {
		rep, runErr = a.Jobs.RunAt(ctx, args[1], at)
	}
	if errors.Is(runErr, jobs.ErrUnknownJob) || errors.Is(runErr, jobs.ErrFutureRun) {
		return usageError{runErr.Error()}
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return err
	}
	return runErr
}

// worker runs only the scheduler, for instances that should not serve HTTP.
func (e *env) worker(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	a, err := e.open(ctx, openOptions{migrate: true})
	if err != nil {
		return err
	}
	defer a.close(context.Background())
	stop, err := a.startScheduler(ctx)
	if err != nil {
		return err
	}
	errc := make(chan error, 1)
	_, stopMetrics, err := a.startMetrics(errc) // the job figures of this worker
	if err != nil {
		stop()
		return err
	}
	defer stopMetrics(context.Background())
	fmt.Fprintln(e.stdout, "Terbuka worker is running the scheduled jobs — press Ctrl-C to stop.")
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	stop()
	return err
}

// startScheduler catches up missed runs and starts the schedules in the background; stop waits
// for running jobs to finish.
func (a *instance) startScheduler(ctx context.Context) (func(), error) {
	s, err := jobs.NewScheduler(a.Jobs, a.Config.Location(), a.Schedules(), a.log)
	if err != nil {
		return nil, err
	}
	started := make(chan struct{})
	go func() {
		defer close(started)
		s.Start(ctx)
	}()
	return func() {
		<-started
		stopCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		s.Stop(stopCtx)
	}, nil
}
