package jobs_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/jobs"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func TestRunOnceRecordsTheRun(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	r := jobs.NewRunner(s, "uji-1", func() time.Time { return now }, quiet)
	r.Register("hitung", jobs.Func(func(context.Context, time.Time) (jobs.Result, error) {
		return jobs.Result{Handled: 3, Reminders: 2}, nil
	}))
	r.Register("gagal", jobs.Func(func(context.Context, time.Time) (jobs.Result, error) {
		return jobs.Result{}, errors.New("boom")
	}))
	rep, err := r.RunOnce(ctx, "hitung")
	if err != nil || rep.Handled != 3 || rep.Reminders != 2 || rep.Skipped != "" || !rep.StartedAt.Equal(now) {
		t.Fatalf("report %+v %v", rep, err)
	}
	if _, err := r.RunOnce(ctx, "gagal"); err == nil {
		t.Error("a failing job reported no error")
	}
	if _, err := r.RunOnce(ctx, "tidak-ada"); !errors.Is(err, jobs.ErrUnknownJob) {
		t.Errorf("unknown job: %v", err)
	}
	runs, err := s.JobRuns(ctx, "", 10)
	if err != nil || len(runs) != 2 {
		t.Fatalf("runs %+v %v", runs, err)
	}
	byJob := map[string]store.JobRun{}
	for _, run := range runs {
		byJob[run.Job] = run
	}
	if byJob["hitung"].Handled != 3 || byJob["hitung"].Instance != "uji-1" || !byJob["hitung"].FinishedAt.Valid {
		t.Errorf("recorded run %+v", byJob["hitung"])
	}
	if byJob["gagal"].Error != "boom" {
		t.Errorf("failed run %+v", byJob["gagal"])
	}
	if at, ok, _ := s.LastCompletedRun(ctx, "gagal"); ok {
		t.Errorf("a failed run counts as completed (%v)", at)
	}
}

// Two instances running the same job at once: one works, the other records that it skipped.
func TestOnlyOneInstanceRunsAJobAtATime(t *testing.T) {
	url := testdb.URL(t)
	ctx := context.Background()
	open := func() *store.Store {
		s, err := store.Open(ctx, url, 4)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	var working atomic.Int32
	release := make(chan struct{})
	slow := jobs.Func(func(context.Context, time.Time) (jobs.Result, error) {
		working.Add(1)
		<-release
		return jobs.Result{Handled: 1}, nil
	})
	a := jobs.NewRunner(open(), "a", time.Now, quiet)
	b := jobs.NewRunner(open(), "b", time.Now, quiet)
	a.Register("lambat", slow)
	b.Register("lambat", slow)

	var wg sync.WaitGroup
	var first jobs.Report
	wg.Go(func() { first, _ = a.RunOnce(ctx, "lambat") })
	for working.Load() == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	second, err := b.RunOnce(ctx, "lambat")
	close(release)
	wg.Wait()
	if err != nil || second.Skipped == "" || second.Handled != 0 {
		t.Errorf("second instance: %+v %v", second, err)
	}
	if first.Handled != 1 || working.Load() != 1 {
		t.Errorf("first instance: %+v, job entered %d times", first, working.Load())
	}
	// The lock is released with the run: the next run works again.
	if rep, _ := b.RunOnce(ctx, "lambat"); rep.Skipped != "" {
		t.Error("lock still held after the run")
	}
}

func TestSchedulerCatchesUpMissedRuns(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	jakarta, _ := time.LoadLocation("Asia/Jakarta")
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta)
	var ran atomic.Int32
	r := jobs.NewRunner(s, "uji", func() time.Time { return now }, quiet)
	r.Register("harian", jobs.Func(func(context.Context, time.Time) (jobs.Result, error) {
		ran.Add(1)
		return jobs.Result{}, nil
	}))
	sched, err := jobs.NewScheduler(r, jakarta, map[string]string{"harian": "0 7 * * *"}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	sched.Start(ctx) // never ran before: catches up now
	sched.Stop(ctx)
	if ran.Load() != 1 {
		t.Fatalf("first start ran the job %d times", ran.Load())
	}
	sched2, _ := jobs.NewScheduler(r, jakarta, map[string]string{"harian": "0 7 * * *"}, quiet)
	sched2.Start(ctx) // ran at 10:00 today; next run is tomorrow 07:00: nothing to catch up
	sched2.Stop(ctx)
	if ran.Load() != 1 {
		t.Errorf("a run that was not missed was caught up (%d runs)", ran.Load())
	}
	now = now.Add(24 * time.Hour) // the next day past 07:00, with no run in between
	sched3, _ := jobs.NewScheduler(r, jakarta, map[string]string{"harian": "0 7 * * *"}, quiet)
	sched3.Start(ctx)
	sched3.Stop(ctx)
	if ran.Load() != 2 {
		t.Errorf("missed run not caught up (%d runs)", ran.Load())
	}
}
