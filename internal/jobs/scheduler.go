package jobs

import (
	"context"
	"log/slog"
	"time"

	"github.com/robfig/cron/v3"
)

// Scheduler runs the registered jobs on their cron schedules, in the office time zone.
type Scheduler struct {
	runner *Runner
	cron   *cron.Cron
	specs  map[string]cron.Schedule
	log    *slog.Logger
	// base is the context of scheduled runs; Stop cancels it when running jobs outlast its deadline.
	base   context.Context
	cancel context.CancelFunc
}

// NewScheduler prepares the schedules (name → cron expression) of jobs the runner knows.
func NewScheduler(r *Runner, loc *time.Location, specs map[string]string, log *slog.Logger) (*Scheduler, error) {
	logger := cronLogger{log}
	c := cron.New(cron.WithLocation(loc), cron.WithLogger(logger),
		cron.WithChain(cron.Recover(logger), cron.SkipIfStillRunning(logger)))
	s := &Scheduler{runner: r, cron: c, specs: map[string]cron.Schedule{}, log: log}
	s.base, s.cancel = context.WithCancel(context.Background())
	for _, name := range r.Names() {
		spec, ok := specs[name]
		if !ok {
			continue
		}
		sched, err := cron.ParseStandard(spec)
		if err != nil {
			return nil, err
		}
		s.specs[name] = sched
		c.Schedule(sched, cron.FuncJob(func() { s.run(s.base, name) }))
	}
	return s, nil
}

func (s *Scheduler) run(ctx context.Context, name string) {
	rep, err := s.runner.RunOnce(ctx, name)
	if err != nil {
		return // logged by the runner
	}
	if rep.Skipped == "" {
		s.log.Info("job ran", "job", name, "handled", rep.Handled, "reminders", rep.Reminders,
			"escalations", rep.Escalations, "notices", rep.Notices, "mails_queued", rep.MailsQueued,
			"mails_sent", rep.MailsSent, "mails_failed", rep.MailsFailed, "outcome", rep.Outcome)
	}
}

// Start catches up runs missed while no instance was up, then starts the schedules.
func (s *Scheduler) Start(ctx context.Context) {
	for _, name := range s.runner.Names() {
		sched, ok := s.specs[name]
		if !ok {
			continue
		}
		last, ran, err := s.runner.store.LastCompletedRun(ctx, name)
		if err != nil {
			s.log.Warn("catch-up check failed", "job", name, "error", err)
			continue
		}
		// A job that never ran, or whose next run after the last one is already past, runs now.
		if !ran || !sched.Next(last).After(s.runner.now()) {
			s.log.Info("catching up a missed job run", "job", name)
			s.run(ctx, name)
		}
	}
	s.cron.Start()
}

// stopGrace is how long cancelled runs get to record that they stopped.
const stopGrace = 5 * time.Second

// Stop stops the schedules and waits for running jobs to finish; when ctx ends first it cancels
// them, and they record themselves as stopped rather than stay open until their lease runs out.
func (s *Scheduler) Stop(ctx context.Context) {
	done := s.cron.Stop().Done()
	select {
	case <-done:
	case <-ctx.Done():
		s.cancel()
		select {
		case <-done:
		case <-time.After(stopGrace):
		}
	}
	s.cancel()
}

// cronLogger sends robfig/cron's messages to slog.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }

func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "error", err)...)
}
