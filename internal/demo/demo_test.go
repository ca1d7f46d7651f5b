package demo_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/app"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/config"
	"github.com/terbuka-id/terbuka/internal/demo"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/jobs"
	"github.com/terbuka-id/terbuka/internal/officecalendar"
	"github.com/terbuka-id/terbuka/internal/password"
	"github.com/terbuka-id/terbuka/internal/publishing"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

var jakarta, _ = time.LoadLocation("Asia/Jakarta")

type demoOffice struct {
	s      *store.Store
	cal    *officecalendar.Source
	in     *intake.Service
	cw     *casework.Service
	pub    *publishing.Service
	runner *jobs.Runner
	// watches replays both watches through the runner, as `terbuka serve --demo` does.
	watches func(ctx context.Context, at time.Time) error
}

// newDemoOffice is an empty migrated database with the services `terbuka serve` wires (app.New), at now.
func newDemoOffice(t *testing.T, now time.Time) *demoOffice {
	t.Helper()
	s := testdb.Store(t)
	cfg := config.Default()
	cfg.Office.Name, cfg.Office.City = "PPID Demo", "Contoh"
	cfg.Files.MaxUploadMB = 1
	cfg.Jobs.Instance = "demo"
	box, _ := secret.NewBox(bytes.Repeat([]byte{3}, 32))
	blobs, err := files.NewDisk(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(context.Background(), &cfg, s, app.Options{Box: box, Blobs: blobs, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)
	return &demoOffice{s: s, cal: a.Calendar, in: a.Intake, cw: a.Casework, pub: a.Publishing, runner: a.Jobs, watches: a.ReplayWatches}
}

func (o *demoOffice) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := o.s.DB().Get(&n, query, args...); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSeedIsIdempotentAndCoversEveryQueueFlag(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta)
	o := newDemoOffice(t, now)
	s, cal := o.s, o.cal
	for range 2 {
		if _, err := demo.Seed(ctx, s, o.in, o.cw, o.watches); err != nil {
			t.Fatal(err)
		}
	}
	n, _ := s.CountRequests(ctx)
	if n != 5 {
		t.Fatalf("%d demo requests after two seeds, want 5", n)
	}
	for _, a := range demo.Accounts {
		u, err := s.UserByEmail(ctx, a.Email)
		if err != nil || string(u.Role) != a.Role || !password.Verify(u.PasswordHash, a.Password) {
			t.Errorf("account %s: %+v %v", a.Email, u, err)
		}
	}
	today := calendar.DateOf(now)
	counts, err := s.CountQueue(ctx, access.Everything, store.QueueFilter{}, today, cal.Current().AddWorkingDays(today, 3).Due)
	if err != nil {
		t.Fatal(err)
	}
	// One overdue; one due within 3 working days (the other was extended); the refused case's clock stopped.
	if counts != (store.QueueCounts{Open: 5, Overdue: 1, DueSoon: 1}) {
		t.Errorf("queue %+v, want one overdue and one due soon", counts)
	}
	objections, err := s.OpenObjections(ctx, access.Everything, 10)
	if err != nil || len(objections) != 1 {
		t.Errorf("open objections for the atasan: %v %v", objections, err)
	}
}

// Started on a Saturday, when the scheduler does nothing, the demo still shows what the watches
// did on the past working days: reminders, the overdue mark, escalations and the requester's
// notice, each once, with the runs on the job runs page at the times they would have happened.
func TestSeedOnASaturdayReplaysTheSchedulersPast(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 28, 10, 0, 0, 0, jakarta)
	o := newDemoOffice(t, now)
	if _, err := demo.Seed(ctx, o.s, o.in, o.cw, o.watches); err != nil {
		t.Fatal(err)
	}
	if n := o.count(t, `SELECT count(*) FROM outbox WHERE template = 'overdue_requester' AND recipient = 'siti.aminah@contoh.id'`); n != 1 {
		t.Errorf("%d overdue notices to the requester, want 1", n)
	}
	for _, template := range []string{"reminder_officer", "overdue_escalation"} {
		if n := o.count(t, `SELECT count(*) FROM outbox WHERE template = $1`, template); n == 0 {
			t.Errorf("no %s mail", template)
		}
	}
	if n := o.count(t, `SELECT count(*) FROM requests WHERE overdue_since IS NOT NULL`); n != 1 {
		t.Errorf("%d cases marked overdue, want 1", n)
	}
	if n := o.count(t, `SELECT count(*) FROM job_runs WHERE started_at >= $1`, time.Date(2026, 11, 27, 9, 0, 0, 0, jakarta)); n != 0 {
		t.Errorf("%d runs recorded after Friday morning: the replay ran on a day it should not have", n)
	}
	if n := o.count(t, `SELECT count(*) FROM job_runs WHERE job = 'deadline-watch' AND started_at = $1`, time.Date(2026, 11, 27, 8, 0, 0, 0, jakarta)); n != 1 {
		t.Errorf("%d deadline-watch runs on Friday 08:00, want 1", n)
	}
	// The scheduler's catch-up on Saturday then adds nothing.
	before := o.count(t, `SELECT count(*) FROM outbox`)
	if _, err := o.runner.RunOnce(ctx, "deadline-watch"); err != nil {
		t.Fatal(err)
	}
	if after := o.count(t, `SELECT count(*) FROM outbox`); after != before {
		t.Errorf("a Saturday run queued %d mails", after-before)
	}
}

// The demo portal: five documents public and searchable, the one with personal data held back.
func TestSeedPortalPublishesAndHoldsBackPersonalData(t *testing.T) {
	ctx := context.Background()
	o := newDemoOffice(t, time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta))
	if _, err := demo.Seed(ctx, o.s, o.in, o.cw, nil); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := demo.SeedPortal(ctx, o.s, o.pub); err != nil {
			t.Fatal(err)
		}
	}
	if n := o.count(t, `SELECT count(*) FROM publications WHERE status = 'published'`); n != 5 {
		t.Errorf("%d published, want 5", n)
	}
	if n := o.count(t, `SELECT count(*) FROM publications WHERE status = 'draft' AND jsonb_array_length(pii_findings) > 0`); n != 1 {
		t.Errorf("%d drafts held back for personal data, want 1", n)
	}
	page, err := o.s.PortalSearch(ctx, store.PortalFilter{Query: "anggaran", Limit: 10})
	if err != nil || page.Total == 0 || page.Hits[0].Title != "Laporan Realisasi Anggaran Dinas Pendidikan Semester I 2026" {
		t.Errorf("search for anggaran: %+v %v", page, err)
	}
	// The PDF's text was extracted: a word only in its body is found.
	if page, err := o.s.PortalSearch(ctx, store.PortalFilter{Query: "puskesmas", Limit: 10}); err != nil || page.Total != 1 {
		t.Errorf("search in PDF text: %+v %v", page, err)
	}
}
