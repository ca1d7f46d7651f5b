package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/internal/jobs"
	"github.com/terbuka-id/terbuka/internal/mail"
	"github.com/terbuka-id/terbuka/internal/mailer"
)

// Job names, as `terbuka jobs run NAME` and job_runs know them.
const (
	jobDeadlineWatch  = "deadline-watch"
	jobObjectionWatch = "objection-watch"
	jobOutbox         = "outbox"
	jobRetention      = "retention"
	jobDigest         = "digest"
)

// newRunner registers every scheduled job of the application.
func (a *app) newRunner() (*jobs.Runner, error) {
	cfg := a.cfg
	reminders, _ := cfg.Jobs.Reminders()
	mails, err := mail.New()
	if err != nil {
		return nil, err
	}
	var sender mailer.Sender // stays a nil interface without SMTP: mail then waits in the outbox
	if cfg.SMTP.Host != "" {
		password := cfg.SMTP.Password
		if cfg.SMTP.PasswordFile != "" {
			raw, err := readSecret(cfg.SMTP.PasswordFile)
			if err != nil {
				return nil, fmt.Errorf("smtp.password_file: %w", err)
			}
			password = raw
		}
		smtp, err := mailer.New(mailer.Config{Host: cfg.SMTP.Host, Port: cfg.SMTP.Port, Username: cfg.SMTP.Username,
			Password: password, From: cfg.SMTP.From, TLS: cfg.SMTP.TLS})
		if err != nil {
			return nil, err
		}
		sender = smtp
	}
	r := jobs.NewRunner(a.store, cfg.Jobs.Instance, time.Now, a.log)
	r.Register(jobDeadlineWatch, jobs.DeadlineWatch{Store: a.store, Calendar: a.calendar.Current, Reminders: reminders,
		EscalateEvery: cfg.Jobs.EscalateEveryDays, BaseURL: a.intake.BaseURL, OfficeName: cfg.Office.Name})
	r.Register(jobObjectionWatch, jobs.ObjectionWatch{Store: a.store, Calendar: a.calendar.Current, Reminders: reminders,
		BaseURL: a.intake.BaseURL, OfficeName: cfg.Office.Name})
	r.Register(jobOutbox, jobs.OutboxDelivery{Store: a.store, Sender: sender, Mail: mails, MaxAttempts: cfg.Jobs.OutboxMaxAttempts})
	r.Register(jobRetention, jobs.Retention{Store: a.store, Blobs: a.blobs, After: time.Duration(cfg.Jobs.RetentionDays) * 24 * time.Hour})
	r.Register(jobDigest, jobs.Digest{Store: a.store, Calendar: a.calendar.Current, SoonDays: 3,
		BaseURL: a.intake.BaseURL, OfficeName: cfg.Office.Name})
	return r, nil
}

func (a *app) schedules() map[string]string {
	j := a.cfg.Jobs
	return map[string]string{jobDeadlineWatch: j.DeadlineWatch, jobObjectionWatch: j.ObjectionWatch, jobOutbox: j.Outbox,
		jobRetention: j.Retention, jobDigest: j.Digest}
}

// jobsCommand: `terbuka jobs run NAME` runs one job now and prints what it did as JSON.
func (e *env) jobsCommand(ctx context.Context, args []string) error {
	if len(args) != 2 || args[0] != "run" {
		return usageError{"usage: terbuka jobs run NAME (" + strings.Join([]string{jobDeadlineWatch, jobObjectionWatch, jobOutbox, jobRetention, jobDigest}, ", ") + ")"}
	}
	a, err := e.open(ctx, openOptions{migrate: true})
	if err != nil {
		return err
	}
	defer a.close(context.Background())
	r, err := a.newRunner()
	if err != nil {
		return err
	}
	rep, runErr := r.RunOnce(ctx, args[1])
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
	r, err := a.newRunner()
	if err != nil {
		return err
	}
	stop, err := a.startScheduler(ctx, r)
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
func (a *app) startScheduler(ctx context.Context, r *jobs.Runner) (func(), error) {
	s, err := jobs.NewScheduler(r, a.cfg.Location(), a.schedules(), a.log)
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

// replayWatches runs the deadline and objection watches as the scheduler would have at a past moment.
func replayWatches(r *jobs.Runner) func(ctx context.Context, at time.Time) error {
	return func(ctx context.Context, at time.Time) error {
		for _, name := range []string{jobDeadlineWatch, jobObjectionWatch} {
			if _, err := r.RunAt(ctx, name, at); err != nil {
				return err
			}
		}
		return nil
	}
}

// readSecret reads a secret from a file, without the trailing newline editors add.
func readSecret(path string) (string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(raw)), nil
}
