package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/jobs"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

// jobRunRecord reads one job_runs row as the admin page sees it.
func jobRunRecord(t *testing.T, s *store.Store, id int64) store.JobRun {
	t.Helper()
	var r store.JobRun
	if err := s.DB().Get(&r, `SELECT id, job, instance, started_at, finished_at, handled, reminders, escalations, notices,
		mails_sent, mails_queued, mails_failed, skipped, error, outcome, heartbeat_at FROM job_runs WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	return r
}

// A run keeps its heartbeat and counts up to date while it works, so a killed one is found and
// closed as interrupted with what it did, not left "running" with zero counts forever.
func TestKilledRunIsClosedAsInterruptedWithWhatItDid(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	clock := now
	r := jobs.NewRunner(s, "uji-1", func() time.Time { return clock }, quiet)
	r.HeartbeatEvery = 10 * time.Millisecond
	working, release := make(chan struct{}), make(chan struct{})
	r.Register("kirim", jobs.Func(func(ctx context.Context, _ time.Time) (jobs.Result, error) {
		jobs.Progress(ctx, jobs.Result{Handled: 160, MailsSent: 160})
		close(working)
		<-release
		return jobs.Result{Handled: 160, MailsSent: 160}, nil
	}))
	r.Register("lain", jobs.Func(func(context.Context, time.Time) (jobs.Result, error) { return jobs.Result{}, nil }))
	done := make(chan struct{})
	go func() { defer close(done); r.RunOnce(ctx, "kirim") }()
	<-working
	// While it runs, the heartbeat writes its counts.
	var live store.JobRun
	for deadline := time.Now().Add(5 * time.Second); ; {
		runs, err := s.JobRuns(ctx, "kirim", 1)
		if err != nil || len(runs) != 1 {
			t.Fatal(runs, err)
		}
		if live = runs[0]; live.MailsSent == 160 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the heartbeat never recorded the counts: %+v", live)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if live.FinishedAt.Valid || !live.HeartbeatAt.Valid {
		t.Fatalf("a running run: %+v", live)
	}
	close(release)
	<-done

	// What a SIGKILL leaves: a run that started, beat once with its counts, and never finished.
	killed, err := s.StartJobRun(ctx, "kirim", "uji-2", now)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.HeartbeatJobRun(ctx, store.JobRun{ID: killed, Handled: 160, MailsSent: 160}, now.Add(30*time.Second)); err != nil {
		t.Fatal(err)
	}
	// Within the lease it is still taken for alive.
	clock = now.Add(30*time.Second + jobs.RunLease - time.Second)
	if _, err := r.RunOnce(ctx, "lain"); err != nil {
		t.Fatal(err)
	}
	if got := jobRunRecord(t, s, killed); got.FinishedAt.Valid || got.Outcome != "" {
		t.Fatalf("a run within its lease was closed: %+v", got)
	}
	// Past the lease, the next runner that looks closes it.
	clock = now.Add(30*time.Second + jobs.RunLease + time.Second)
	if _, err := r.RunOnce(ctx, "lain"); err != nil {
		t.Fatal(err)
	}
	got := jobRunRecord(t, s, killed)
	if !got.FinishedAt.Valid || got.Outcome != store.RunInterrupted || got.MailsSent != 160 || got.Handled != 160 || got.Error != "" {
		t.Errorf("the killed run after the lease: %+v, want interrupted with 160 mails sent", got)
	}
	if !got.FinishedAt.Time.Equal(now.Add(30 * time.Second)) {
		t.Errorf("closed at %s, want its last heartbeat", got.FinishedAt.Time)
	}
	if _, ok, _ := s.LastCompletedRun(ctx, "kirim"); !ok {
		t.Error("the finished run was lost")
	}
}

// A run cancelled because the process is stopping is recorded as stopped, not as an error.
func TestGracefulStopIsRecordedAsStopped(t *testing.T) {
	s := testdb.Store(t)
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	r := jobs.NewRunner(s, "uji-1", func() time.Time { return now }, quiet)
	started := make(chan struct{})
	r.Register("lama", jobs.Func(func(ctx context.Context, _ time.Time) (jobs.Result, error) {
		close(started)
		<-ctx.Done()
		return jobs.Result{Handled: 7, MailsSent: 7}, fmt.Errorf("jobs: outbox: %w", ctx.Err())
	}))
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-started; cancel() }()
	rep, err := r.RunOnce(ctx, "lama")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v", err)
	}
	if rep.Outcome != store.RunStopped || rep.Error != "" || rep.MailsSent != 7 {
		t.Errorf("report %+v, want stopped with its counts and no error", rep)
	}
	runs, _ := s.JobRuns(context.Background(), "lama", 1)
	if len(runs) != 1 || runs[0].Outcome != store.RunStopped || runs[0].Error != "" || !runs[0].FinishedAt.Valid || runs[0].MailsSent != 7 {
		t.Errorf("recorded %+v", runs)
	}
}

// The demo's replay is open to operators, for past moments only.
func TestRunAtRefusesTheFuture(t *testing.T) {
	s := testdb.Store(t)
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	r := jobs.NewRunner(s, "uji-1", func() time.Time { return now }, quiet)
	var ranAt time.Time
	r.Register("lalu", jobs.Func(func(_ context.Context, at time.Time) (jobs.Result, error) { ranAt = at; return jobs.Result{}, nil }))
	if _, err := r.RunAt(context.Background(), "lalu", now.Add(time.Hour)); !errors.Is(err, jobs.ErrFutureRun) {
		t.Errorf("a future run: %v, want ErrFutureRun", err)
	}
	if runs, _ := s.JobRuns(context.Background(), "", 10); len(runs) != 0 || !ranAt.IsZero() {
		t.Errorf("a refused run left %d records", len(runs))
	}
	past := now.Add(-48 * time.Hour)
	rep, err := r.RunAt(context.Background(), "lalu", past)
	if err != nil || !ranAt.Equal(past) || !rep.StartedAt.Equal(past) {
		t.Errorf("a past run: %+v %v (ran at %s)", rep, err, ranAt)
	}
}

// The digest counts the officers it handled and the mail it queued.
func TestDigestCountsWhatItQueued(t *testing.T) {
	f := newDigestFixture(t)
	unit, err := f.store.CreateUnit(f.ctx, "Dinas Pendidikan")
	f.must(err)
	chief := f.user("ppid.utama@uji.test", "ppid", 1)
	a := f.user("a@uji.test", "petugas", unit)
	overdue, _ := f.submit(f.at(11, 2, 9))
	f.clock = f.at(11, 24, 11)
	f.must(f.casework.Forward(f.ctx, chief, overdue, unit))
	f.must(f.casework.Assign(f.ctx, chief, overdue, a.ID))
	job := jobs.Digest{Store: f.store, Calendar: f.calendar.Current, SoonDays: 3, BaseURL: "http://uji.test", OfficeName: "PPID Uji"}
	res, err := job.Run(f.ctx, f.at(11, 25, 7))
	var queued int
	f.must(f.store.DB().Get(&queued, `SELECT count(*) FROM outbox WHERE template = 'officer_digest'`))
	if err != nil || queued == 0 || res != (jobs.Result{Handled: queued, Notices: queued, MailsQueued: queued}) {
		t.Errorf("digest run: %+v %v, want %d officers handled, digests and mails queued", res, err, queued)
	}
}

// Blobs no row points at — an upload whose transaction never committed — go after a day; the
// referenced and the fresh stay.
func TestBlobSweepRemovesOldUnreferencedBlobs(t *testing.T) {
	f := newRetentionFixture(t)
	dir := t.TempDir()
	disk, err := files.NewDisk(dir)
	if err != nil {
		t.Fatal(err)
	}
	f.blobs = disk
	path := func(sha string) string { return filepath.Join(dir, sha[0:2], sha[2:4], sha) }
	f.clock = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	id := f.submit(f.clock, "perorangan")
	kept := f.attach(id, "response", "surat jawaban")
	put := func(content string, age time.Duration) string {
		st, err := f.blobs.Put(f.ctx, strings.NewReader(content), 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		if age > 0 {
			old := time.Now().Add(-age)
			if err := os.Chtimes(path(st.SHA256), old, old); err != nil {
				t.Fatal(err)
			}
		}
		return st.SHA256
	}
	orphan := put("pindaian KTP yang transaksinya gagal", 3*24*time.Hour)
	fresh := put("unggahan yang barisnya belum tersimpan", time.Hour)
	published := put("dokumen publik", 3*24*time.Hour)
	f.exec(`INSERT INTO publications (public_id, title, category, unit_id, year, summary, sha256, size, content_type, filename, doc_type)
		VALUES ('abcdefghij', 'Rekap', 'berkala', 1, 2026, 'Ringkasan', $1, 14, 'text/plain', 'rekap.txt', 'lainnya')`, published)
	// The referenced document is old too: age alone never deletes.
	os.Chtimes(path(kept), time.Now().Add(-72*time.Hour), time.Now().Add(-72*time.Hour))

	res, err := jobs.BlobSweep{Store: f.store, Blobs: f.blobs}.Run(f.ctx, time.Now())
	if err != nil || res.Handled != 1 {
		t.Fatalf("sweep: %+v %v, want one blob removed", res, err)
	}
	for sha, want := range map[string]bool{kept: true, orphan: false, fresh: true, published: true} {
		if got := f.blobExists(sha); got != want {
			t.Errorf("blob %.12s exists %v, want %v", sha, got, want)
		}
	}
}
