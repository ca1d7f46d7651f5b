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

// jobsCommand: `terbuka jobs run NAME` runs one job now and prints what it did as JSON.
func (e *env) jobsCommand(ctx context.Context, args []string) error {
	if len(args) != 2 || args[0] != "run" {
		return usageError{"usage: terbuka jobs run NAME (" + strings.Join(app.JobNames(), ", ") + ")"}
	}
	a, err := e.open(ctx, openOptions{migrate: true})
	if err != nil {
		return err
	}
	defer a.close(context.Background())
	rep, runErr := a.Jobs.RunOnce(ctx, args[1])
	if errors.Is(runErr, jobs.ErrUnknownJob) {
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
	fmt.Fprintln(e.stdout, "Terbuka worker is running the scheduled jobs — press Ctrl-C to stop.")
	<-ctx.Done()
	stop()
	return nil
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
