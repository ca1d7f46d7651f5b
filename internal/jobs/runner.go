// Package jobs runs Terbuka's scheduled work — deadline reminders and escalations, e-mail
// delivery, retention, digests — exactly once however many instances run: each run holds a
// PostgreSQL advisory lock, and everything a job produces is keyed so a repeat inserts nothing.
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"time"

	"github.com/terbuka-id/terbuka/internal/store"
)

// Result counts what a run did.
type Result struct {
	Handled     int
	Reminders   int
	Escalations int
	Notices     int
	MailsSent   int
}

// Job is one kind of scheduled work. Run must be safe to repeat: what it produces is keyed.
type Job interface {
	Run(ctx context.Context, now time.Time) (Result, error)
}

// Func adapts a function to Job.
type Func func(ctx context.Context, now time.Time) (Result, error)

func (f Func) Run(ctx context.Context, now time.Time) (Result, error) { return f(ctx, now) }

// Report is a run as `terbuka jobs run NAME` prints it and job_runs keeps it.
type Report struct {
	Job         string    `json:"job"`
	StartedAt   time.Time `json:"started_at"`
	FinishedAt  time.Time `json:"finished_at"`
	Handled     int       `json:"handled"`
	Reminders   int       `json:"reminders"`
	Escalations int       `json:"escalations"`
	Notices     int       `json:"notices"`
	MailsSent   int       `json:"mails_sent"`
	Skipped     string    `json:"skipped,omitempty"`
	Error       string    `json:"error,omitempty"`
}

// ErrUnknownJob: no job has that name.
var ErrUnknownJob = errors.New("jobs: unknown job")

// Runner runs registered jobs one run at a time per job across all instances.
type Runner struct {
	store    *store.Store
	instance string
	now      func() time.Time
	log      *slog.Logger
	jobs     map[string]Job
	order    []string
}

// NewRunner makes a runner; instance names this process in job_runs ("" = hostname-pid).
func NewRunner(s *store.Store, instance string, now func() time.Time, log *slog.Logger) *Runner {
	if instance == "" {
		host, _ := os.Hostname()
		instance = fmt.Sprintf("%s-%d", host, os.Getpid())
	}
	return &Runner{store: s, instance: instance, now: now, log: log, jobs: map[string]Job{}}
}

// Register adds a job under name.
func (r *Runner) Register(name string, j Job) {
	if _, dup := r.jobs[name]; !dup {
		r.order = append(r.order, name)
	}
	r.jobs[name] = j
}

// Names lists the registered jobs in registration order.
func (r *Runner) Names() []string { return slices.Clone(r.order) }

// RunOnce runs job name now. When another instance holds the job's lock the run is recorded as
// skipped and nothing is done. The report is returned even when the job failed.
func (r *Runner) RunOnce(ctx context.Context, name string) (Report, error) {
	return r.run(ctx, name, r.now(), r.now)
}

// RunAt runs job name as it would have run at a past moment, and records the run then. Only the
// demo uses it, to give its cases the history the scheduler would have written.
func (r *Runner) RunAt(ctx context.Context, name string, at time.Time) (Report, error) {
	began := time.Now()
	return r.run(ctx, name, at, func() time.Time { return at.Add(time.Since(began)) })
}

func (r *Runner) run(ctx context.Context, name string, startedAt time.Time, now func() time.Time) (Report, error) {
	job, ok := r.jobs[name]
	if !ok {
		return Report{}, fmt.Errorf("%w: %s", ErrUnknownJob, name)
	}
	rep := Report{Job: name, StartedAt: startedAt}
	id, err := r.store.StartJobRun(ctx, name, r.instance, rep.StartedAt)
	if err != nil {
		return rep, err
	}
	unlock, held, err := r.store.TryJobLock(ctx, name)
	var runErr error
	switch {
	case err != nil:
		runErr = err
	case !held:
		rep.Skipped = "job sedang dijalankan oleh instans lain"
	default:
		var res Result
		res, runErr = job.Run(ctx, rep.StartedAt)
		unlock()
		rep.Handled, rep.Reminders, rep.Escalations, rep.Notices, rep.MailsSent =
			res.Handled, res.Reminders, res.Escalations, res.Notices, res.MailsSent
	}
	if runErr != nil {
		rep.Error = runErr.Error()
		r.log.Error("job failed", "job", name, "error", runErr)
	}
	rep.FinishedAt = now()
	// The record is written even when the run's own context was cancelled mid-way.
	finishCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := r.store.FinishJobRun(finishCtx, store.JobRun{ID: id, FinishedAt: nullTime(rep.FinishedAt), Handled: rep.Handled,
		Reminders: rep.Reminders, Escalations: rep.Escalations, Notices: rep.Notices, MailsSent: rep.MailsSent,
		Skipped: rep.Skipped, Error: rep.Error}); err != nil {
		return rep, err
	}
	return rep, runErr
}

func nullTime(t time.Time) sql.NullTime { return sql.NullTime{Time: t, Valid: !t.IsZero()} }
