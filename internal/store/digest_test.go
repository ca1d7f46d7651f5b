package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

// Two instances queueing the same officer's digest of the same day, at once and again later,
// queue one mail: the notice key and its outbox row are one statement.
func TestQueueDigestsOncePerOfficerAndDay(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	officer, err := s.CreateUser(ctx, store.NewUser{Email: "a@uji.test", Name: "A", Role: "petugas", UnitID: 1, PasswordHash: "x"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	day := calendar.NewDate(2026, 11, 25)
	mails := []store.DigestMail{{UserID: officer, Mail: store.Mail{Template: "officer_digest", Recipient: "a@uji.test",
		Data: map[string]any{"name": "A"}}}}
	var wg sync.WaitGroup
	queued := make([]int, 4)
	errs := make([]error, 4)
	for i := range queued {
		wg.Go(func() { queued[i], errs[i] = s.QueueDigests(ctx, day, append(mails, mails...)) })
	}
	wg.Wait()
	total := 0
	for i := range queued {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		total += queued[i]
	}
	if total != 1 {
		t.Errorf("%d digests queued by four concurrent calls, want 1", total)
	}
	if n, err := s.QueueDigests(ctx, day.AddDays(1), mails); err != nil || n != 1 {
		t.Errorf("next day: %d %v", n, err)
	}
	var outbox int
	s.DB().Get(&outbox, `SELECT count(*) FROM outbox WHERE template = 'officer_digest' AND recipient = 'a@uji.test'`)
	if outbox != 2 {
		t.Errorf("%d mails in the outbox, want 2", outbox)
	}
}

func TestOfficerDigestsLeavesOutWhoHadTodays(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	officer, err := s.CreateUser(ctx, store.NewUser{Email: "a@uji.test", Name: "A", Role: "petugas", UnitID: 1, PasswordHash: "x"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	received := time.Date(2026, 11, 2, 10, 0, 0, 0, wib)
	reg, err := s.InsertRequest(ctx, newRequest(2026, received, calendar.NewDate(2026, 11, 16)))
	if err != nil {
		t.Fatal(err)
	}
	s.DB().MustExec(`UPDATE requests SET assigned_to = $1 WHERE id = $2`, officer, reg.ID)
	day, dueBy := calendar.NewDate(2026, 11, 25), calendar.NewDate(2026, 11, 30)
	ds, err := s.OfficerDigests(ctx, day, dueBy)
	if err != nil || len(ds) != 1 || ds[0].UserID != officer || len(ds[0].Cases) != 1 {
		t.Fatalf("digests %+v %v", ds, err)
	}
	if c := ds[0].Cases[0]; c.ID != reg.ID || c.RegistrationNumber != reg.RegistrationNumber || c.DueDate != calendar.NewDate(2026, 11, 16) || c.Status != "diterima" {
		t.Errorf("case %+v", c)
	}
	if _, err := s.QueueDigests(ctx, day, []store.DigestMail{{UserID: officer, Mail: store.Mail{Template: "officer_digest", Recipient: "a@uji.test"}}}); err != nil {
		t.Fatal(err)
	}
	if ds, err := s.OfficerDigests(ctx, day, dueBy); err != nil || len(ds) != 0 {
		t.Errorf("after today's digest: %+v %v", ds, err)
	}
	if ds, err := s.OfficerDigests(ctx, day.AddDays(1), dueBy); err != nil || len(ds) != 1 {
		t.Errorf("the next day: %+v %v", ds, err)
	}
}
