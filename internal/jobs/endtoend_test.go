package jobs_test

import (
	"context"
	"sync"
	"testing"

	"github.com/terbuka-id/terbuka/internal/jobs"
)

// Two complete schedulers (each with its own runner, connection pool and SMTP client, as two app
// instances would have) start at the same moment on one database: each catches up every job, then
// both run every job again twice, concurrently. Counted at the SMTP server, every queued mail —
// reminders, escalations, requester notices — arrived exactly once, and nothing is left behind.
func TestTwoSchedulersDeliverEveryEscalationOnceAtTheSMTPServer(t *testing.T) {
	o := newWatchOffice(t, watchAt(2026, 12, 1))
	want, notices, mails := watchBusyDay(o)
	o.set(watchAt(2026, 12, 22))
	srv := startSMTP(t, 0)
	specs := map[string]string{"deadline-watch": "5 7 * * 1-5", "objection-watch": "10 7 * * 1-5", "outbox": "*/5 * * * *"}

	var runners []*jobs.Runner
	var schedulers []*jobs.Scheduler
	for _, name := range []string{"satu", "dua"} {
		s := o.open()
		r := jobs.NewRunner(s, name, o.clock, quiet)
		r.Register("deadline-watch", o.deadlineWatch(s))
		r.Register("objection-watch", o.objectionWatch(s))
		d := newOutboxDelivery(t, s, newTestSender(t, srv.port))
		d.Batch = 9 // small claims, so the two instances interleave
		r.Register("outbox", d)
		sched, err := jobs.NewScheduler(r, watchZone, specs, quiet)
		if err != nil {
			t.Fatal(err)
		}
		runners, schedulers = append(runners, r), append(schedulers, sched)
	}

	ctx := context.Background()
	var wg sync.WaitGroup
	for _, sched := range schedulers {
		wg.Go(func() { sched.Start(ctx) })
	}
	wg.Wait()
	for _, sched := range schedulers {
		sched.Stop(ctx)
	}
	var mu sync.Mutex
	var total jobs.Result
	for range 2 {
		for _, job := range []string{"deadline-watch", "objection-watch", "outbox"} {
			for _, r := range runners {
				wg.Go(func() {
					rep, err := r.RunOnce(ctx, job)
					if err != nil {
						t.Error(job, err)
					}
					mu.Lock()
					defer mu.Unlock()
					total.Reminders += rep.Reminders
					total.Escalations += rep.Escalations
					total.Notices += rep.Notices
				})
			}
			wg.Wait()
		}
	}
	// Runs made during catch-up are counted from job_runs; the later ones were added above.
	var caught struct{ Reminders, Escalations, Notices int }
	if err := o.s.DB().Get(&caught, `SELECT COALESCE(sum(reminders), 0) AS reminders, COALESCE(sum(escalations), 0) AS escalations,
		COALESCE(sum(notices), 0) AS notices FROM job_runs WHERE job = 'deadline-watch'`); err != nil {
		t.Fatal(err)
	}
	if got := (jobs.Result{Reminders: caught.Reminders, Escalations: caught.Escalations, Notices: caught.Notices}); got != want {
		t.Errorf("all deadline-watch runs together recorded %+v, want %+v (later runs alone: %+v)", got, want, total)
	}
	if n := o.count(`SELECT count(*) FROM case_notices`); n != notices {
		t.Errorf("%d notices, want %d", n, notices)
	}
	if n := o.outboxCount(); n != mails {
		t.Errorf("%d job mails queued, want %d", n, mails)
	}
	if n := o.count(`SELECT count(*) FROM outbox WHERE status <> 'sent'`); n != 0 {
		t.Errorf("%d mails not sent", n)
	}

	// Every recipient got exactly as many mails as were queued for them, and no more.
	var queued []struct {
		Recipient string `db:"recipient"`
		N         int    `db:"n"`
	}
	if err := o.s.DB().Select(&queued, `SELECT recipient, count(*) AS n FROM outbox GROUP BY recipient`); err != nil {
		t.Fatal(err)
	}
	sum := 0
	for _, q := range queued {
		sum += q.N
		if got := srv.count(q.Recipient); got != q.N {
			t.Errorf("%s received %d mails, %d were queued", q.Recipient, got, q.N)
		}
	}
	if got := srv.total(); got != sum {
		t.Errorf("the SMTP server received %d mails, %d were queued", got, sum)
	}
}
