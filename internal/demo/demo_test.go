package demo_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/calsource"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/demo"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/letters"
	"github.com/terbuka-id/terbuka/internal/password"
	"github.com/terbuka-id/terbuka/internal/regnum"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func TestSeedIsIdempotentAndCoversEveryQueueFlag(t *testing.T) {
	ctx := context.Background()
	s := testdb.Store(t)
	jakarta, _ := time.LoadLocation("Asia/Jakarta")
	cal, err := calsource.Load(ctx, s, calendar.Options{Location: jakarta, CutiBersamaIsHoliday: true})
	if err != nil {
		t.Fatal(err)
	}
	box, _ := secret.NewBox(bytes.Repeat([]byte{3}, 32))
	format, _ := regnum.Parse(regnum.DefaultPattern)
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta)
	clock := func() time.Time { return now }
	in := &intake.Service{Store: s, Calendar: cal.Current, Box: box, Format: format, Now: clock}
	blobs, err := files.NewDisk(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cw := &casework.Service{Store: s, Calendar: cal.Current, Now: clock, Office: func() letters.Office { return letters.Office{Name: "PPID Demo", City: "Contoh"} }, Blobs: blobs, MaxUpload: 1 << 20}

	for range 2 {
		if _, err := demo.Seed(ctx, s, in, cw); err != nil {
			t.Fatal(err)
		}
	}
	n, _ := s.CountRequests(ctx)
	if n != 5 {
		t.Fatalf("%d demo requests after two seeds, want 5", n)
	}
	for _, a := range demo.Accounts {
		u, err := s.UserByEmail(ctx, a.Email)
		if err != nil || u.Role != a.Role || !password.Verify(u.PasswordHash, a.Password) {
			t.Errorf("account %s: %+v %v", a.Email, u, err)
		}
	}
	today := calendar.DateOf(now)
	counts, err := s.CountQueue(ctx, store.QueueFilter{}, today, cal.Current().AddWorkingDays(today, 3).Due)
	if err != nil {
		t.Fatal(err)
	}
	// One overdue; one due within 3 working days (the other was extended); the refused case's clock stopped.
	if counts != (store.QueueCounts{Open: 5, Overdue: 1, DueSoon: 1}) {
		t.Errorf("queue %+v, want one overdue and one due soon", counts)
	}
	objections, err := s.OpenObjections(ctx, 10)
	if err != nil || len(objections) != 1 {
		t.Errorf("open objections for the atasan: %v %v", objections, err)
	}
}
