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
	"sync"
	"time"

	"github.com/terbuka-id/terbuka/internal/store"
)

// Result counts what a run did; the README's section on scheduled jobs says, job by job, what
// each count is.
type Result struct {
	Handled     int // the things the job worked through: cases, mails, requests or officers
	Reminders   int // reminder records (case_notices) inserted
	Escalations int // escalation records inserted (overdue, repeated escalation, lapsed objection)
	Notices     int // notice records addressed to a person: the requester's notices, the officers' digests
	MailsQueued int // outbox rows queued by the run
	MailsSent   int // mails the SMTP server accepted
	MailsFailed int // mails parked as failed for the administrator
}

func (r Result) add(o Result) Result {
	return Result{Handled: r.Handled + o.Handled, Reminders: r.Reminders + o.Reminders, Escalations: r.Escalations + o.Escalations,
		Notices: r.Notices + o.Notices, MailsQueued: r.MailsQueued + o.MailsQueued, MailsSent: r.MailsSent + o.MailsSent,
		MailsFailed: r.MailsFailed + o.MailsFailed}
}

// RunLease is how long a run may go without a heartbeat before another runner takes its owner
// for gone and closes it as interrupted; the heartbeat beats four times per lease.
const RunLease = 2 * time.Minute

type progressKey struct{}

type progress struct {
	mu  sync.Mutex
	res Result
}

// Progress tells the runner what the run has done so far, so a heartbeat records it and a run
// that is killed keeps its counts. Jobs call it as they go; outside a runner it does nothing.
func Progress(ctx context.Context, r Result) {
	if p, ok := ctx.Value(progressKey{}).(*progress); ok {
		p.mu.Lock()
		p.res = r
		p.mu.Unlock()
	}
}

func (p *progress) get() Result {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.res
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
	MailsQueued int       `json:"mails_queued"`
	MailsSent   int       `json:"mails_sent"`
	MailsFailed int       `json:"mails_failed"`
	Skipped     string    `json:"skipped,omitempty"`
	// Outcome is "stopped" when the process was asked to stop mid-run (the counts are what it did).
	Outcome string `json:"outcome,omitempty"`
	Error   string `json:"error,omitempty"`
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
	// HeartbeatEvery is how often a run records that it is alive; 0 means RunLease/4.
	HeartbeatEvery time.Duration
	// Observe, when set, is told of every run as it ends: its outcome (ok, failed, skipped,
	// stopped) and how long it took; /metrics counts them.
	Observe func(job, outcome string, took time.Duration)
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

// ErrFutureRun: RunAt was asked for a moment that has not come yet.
var ErrFutureRun = errors.New("jobs: a run cannot be dated in the future")

// RunAt runs job name as it would have run at a past moment, and records the run then: the demo
// gives its cases the history the scheduler would have written, and an operator replays a missed
// day (`terbuka jobs run NAME --at TIME`). A future moment is refused: it would send notices early.
func (r *Runner) RunAt(ctx context.Context, name string, at time.Time) (Report, error) {
	if at.After(r.now()) {
		return Report{}, fmt.Errorf("%w: %s", ErrFutureRun, at.Format(time.RFC3339))
	}
	began := time.Now()
	return r.run(ctx, name, at, func() time.Time { return at.Add(time.Since(began)) })
}

func (r *Runner) run(ctx context.Context, name string, startedAt time.Time, now func() time.Time) (Report, error) {
	job, ok := r.jobs[name]
	if !ok {
		return Report{}, fmt.Errorf("%w: %s", ErrUnknownJob, name)
	}
	// Whoever runs next closes what a killed runner left open, so no run stays "running" forever.
	if n, err := r.store.CloseOrphanedRuns(ctx, r.now().Add(-RunLease)); err != nil {
		r.log.Warn("closing orphaned job runs failed", "error", err)
	} else if n > 0 {
		r.log.Warn("closed job runs whose instance stopped answering", "runs", n)
	}
	rep := Report{Job: name, StartedAt: startedAt}
	id, err := r.store.StartJobRun(ctx, name, r.instance, rep.StartedAt)
	if err != nil {
		return rep, err
	}
	unlock, held, err := r.store.TryJobLock(ctx, name)
	var runErr error
	var res Result
	switch {
	case err != nil:
		runErr = err
	case !held:
		rep.Skipped = "job sedang dijalankan oleh instans lain"
	default:
		p := &progress{}
		runCtx := context.WithValue(ctx, progressKey{}, p)
		stopBeat := r.heartbeat(runCtx, id, p, now)
		res, runErr = job.Run(runCtx, rep.StartedAt)
		stopBeat()
		unlock()
	}
	rep.Handled, rep.Reminders, rep.Escalations, rep.Notices = res.Handled, res.Reminders, res.Escalations, res.Notices
	rep.MailsQueued, rep.MailsSent, rep.MailsFailed = res.MailsQueued, res.MailsSent, res.MailsFailed
	switch {
	case runErr != nil && ctx.Err() != nil && errors.Is(runErr, ctx.Err()):
		// Asked to stop (SIGTERM, Ctrl-C): no fault of the job, and what it did is kept.
		rep.Outcome = store.RunStopped
		r.log.Info("job stopped", "job", name)
	case runErr != nil:
		rep.Error = runErr.Error()
		r.log.Error("job failed", "job", name, "error", runErr)
	}
	rep.FinishedAt = now()
	if r.Observe != nil {
		outcome := "ok"
		switch {
		case rep.Skipped != "":
			outcome = "skipped"
		case rep.Outcome == store.RunStopped:
			outcome = "stopped"
		case rep.Error != "":
			outcome = "failed"
		}
		r.Observe(name, outcome, rep.FinishedAt.Sub(rep.StartedAt))
	}
	// The record is written even when the run's own context was cancelled mid-way.
	finishCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := r.store.FinishJobRun(finishCtx, store.JobRun{ID: id, FinishedAt: nullTime(rep.FinishedAt), Handled: rep.Handled,
		Reminders: rep.Reminders, Escalations: rep.Escalations, Notices: rep.Notices, MailsSent: rep.MailsSent,
		MailsQueued: rep.MailsQueued, MailsFailed: rep.MailsFailed,
		Skipped: rep.Skipped, Error: rep.Error, Outcome: rep.Outcome}); err != nil {
		return rep, err
	}
	return rep, runErr
}

// heartbeat records, every HeartbeatEvery until stopped, that run id is alive and what it has done.
func (r *Runner) heartbeat(ctx context.Context, id int64, p *progress, now func() time.Time) (stop func()) {
	every := r.HeartbeatEvery
	if every <= 0 {
		every = RunLease / 4
	}
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			res := p.get()
			beatCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			err := r.store.HeartbeatJobRun(beatCtx, store.JobRun{ID: id, Handled: res.Handled, Reminders: res.Reminders,
				Escalations: res.Escalations, Notices: res.Notices, MailsQueued: res.MailsQueued, MailsSent: res.MailsSent,
				MailsFailed: res.MailsFailed}, now())
			cancel()
			if err != nil {
				r.log.Warn("job heartbeat failed", "error", err)
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

func nullTime(t time.Time) sql.NullTime { return sql.NullTime{Time: t, Valid: !t.IsZero()} }
