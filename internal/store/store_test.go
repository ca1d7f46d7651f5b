package store_test

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

var wib = time.FixedZone("WIB", 7*3600)

func newRequest(year int, received time.Time, due calendar.Date) store.NewRequest {
	return store.NewRequest{
		Year: year, NumberPrefix: "", NumberWidth: 4, NumberSuffix: fmt.Sprintf("/PPID/XI/%d", year),
		TrackingCodeHash: randomBytes(32), Channel: "web", RequesterKind: "perorangan", RequesterName: "Siti",
		NIKSealed: randomBytes(45), NIKLookup: randomBytes(32), Address: "Jl. Merdeka 1", Phone: "0812345678",
		Occupation: "Guru", Information: "Anggaran dinas pendidikan 2026", Purpose: "Riset",
		ObtainMethod: "softcopy", DeliveryMethod: "email", ReceivedAt: received,
		CountingFrom: calendar.DateOf(received), ResponseDue: due, ActorLabel: "Pemohon",
	}
}

func TestInsertRequestNumbersAreGaplessUnderConcurrency(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	received := time.Date(2026, 11, 2, 10, 0, 0, 0, wib)
	const workers, each = 8, 15
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for range workers {
		wg.Go(func() {
			for range each {
				if _, err := s.InsertRequest(ctx, newRequest(2026, received, calendar.NewDate(2026, 11, 16))); err != nil {
					errs <- err
				}
			}
		})
	}
	// A statement that fails (an individual without NIK breaks a CHECK) must not use up a number.
	bad := newRequest(2026, received, calendar.NewDate(2026, 11, 16))
	bad.NIKSealed, bad.NIKLookup = nil, nil
	if _, err := s.InsertRequest(ctx, bad); err == nil {
		t.Error("request of an individual without NIK was accepted")
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}

	var got struct {
		N, Distinct, Min, Max int
	}
	err := s.DB().QueryRowContext(ctx, `SELECT count(*), count(DISTINCT reg_seq), min(reg_seq), max(reg_seq)
		FROM requests WHERE reg_year = 2026`).Scan(&got.N, &got.Distinct, &got.Min, &got.Max)
	if err != nil {
		t.Fatal(err)
	}
	want := workers * each
	if got.N != want || got.Distinct != want || got.Min != 1 || got.Max != want {
		t.Fatalf("numbers: %+v, want %d gapless from 1", got, want)
	}
}

func TestRegistrationNumberFormatAndYearRestart(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	for i, tc := range []struct {
		year int
		want string
	}{
		{2026, "0001/PPID/XI/2026"},
		{2026, "0002/PPID/XI/2026"},
		{2027, "0001/PPID/XI/2027"}, // gapless per year: a new year starts again at 1
	} {
		r := newRequest(tc.year, time.Date(tc.year, 11, 2, 10, 0, 0, 0, wib), calendar.NewDate(tc.year, 11, 16))
		reg, err := s.InsertRequest(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		if reg.RegistrationNumber != tc.want {
			t.Errorf("%d: number %q, want %q", i, reg.RegistrationNumber, tc.want)
		}
	}
}

func TestNumberWiderThanPaddingIsNotTruncated(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	if _, err := s.DB().ExecContext(ctx, `INSERT INTO registration_counters (year, last_seq) VALUES (2026, 9999)`); err != nil {
		t.Fatal(err)
	}
	reg, err := s.InsertRequest(ctx, newRequest(2026, time.Date(2026, 11, 2, 10, 0, 0, 0, wib), calendar.NewDate(2026, 11, 16)))
	if err != nil {
		t.Fatal(err)
	}
	if reg.RegistrationNumber != "10000/PPID/XI/2026" {
		t.Fatalf("got %q", reg.RegistrationNumber)
	}
}

func TestIntakeWritesEventAndMailInTheSameStatement(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	r := newRequest(2026, time.Date(2026, 11, 2, 10, 0, 0, 0, wib), calendar.NewDate(2026, 11, 16))
	r.Email = "siti@contoh.id"
	r.Mail = &store.Mail{Template: "request_received", Recipient: r.Email, Data: map[string]any{"tracking_code": "ABCDE-12345"}}
	reg, err := s.InsertRequest(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	events, err := s.Events(ctx, reg.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 || events[0].Kind != "received" || !events[0].ToStatus.Valid || events[0].ToStatus.String != "diterima" {
		t.Fatalf("events: %+v", events)
	}
	mails, err := s.OutboxFor(ctx, reg.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(mails) != 1 || mails[0].Recipient != "siti@contoh.id" || mails[0].Data["registration_number"] != reg.RegistrationNumber ||
		mails[0].Data["tracking_code"] != "ABCDE-12345" {
		t.Fatalf("outbox: %+v", mails)
	}

	// No e-mail address, no mail.
	reg2, err := s.InsertRequest(ctx, newRequest(2026, time.Date(2026, 11, 2, 10, 0, 0, 0, wib), calendar.NewDate(2026, 11, 16)))
	if err != nil {
		t.Fatal(err)
	}
	if mails, _ := s.OutboxFor(ctx, reg2.ID); len(mails) != 0 {
		t.Fatalf("mail queued without recipient: %+v", mails)
	}
}

func TestEventsAreAppendOnly(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	reg, err := s.InsertRequest(ctx, newRequest(2026, time.Date(2026, 11, 2, 10, 0, 0, 0, wib), calendar.NewDate(2026, 11, 16)))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE request_events SET note = 'rewritten' WHERE request_id = $1`,
		`DELETE FROM request_events WHERE request_id = $1`,
	} {
		if _, err := s.DB().ExecContext(ctx, q, reg.ID); err == nil {
			t.Errorf("%s: succeeded on the audit log", q)
		}
	}
}

func TestTrackRequestNeedsNumberAndCode(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	r := newRequest(2026, time.Date(2026, 11, 2, 10, 0, 0, 0, wib), calendar.NewDate(2026, 11, 16))
	reg, err := s.InsertRequest(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.TrackRequest(ctx, reg.RegistrationNumber, r.TrackingCodeHash)
	if err != nil || got.ID != reg.ID {
		t.Fatalf("right pair: %v %v", got, err)
	}
	if _, err := s.TrackRequest(ctx, reg.RegistrationNumber, randomBytes(32)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("wrong code: %v, want ErrNotFound", err)
	}
	if _, err := s.TrackRequest(ctx, "9999/PPID/XI/2026", r.TrackingCodeHash); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown number: %v, want ErrNotFound", err)
	}
}

func TestQueueOrdersByDueDateAndCounts(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	received := time.Date(2026, 11, 2, 10, 0, 0, 0, wib)
	dues := []calendar.Date{
		calendar.NewDate(2026, 11, 20), calendar.NewDate(2026, 11, 10), calendar.NewDate(2026, 11, 30),
		calendar.NewDate(2026, 11, 25), calendar.NewDate(2026, 12, 15),
	}
	for _, d := range dues {
		if _, err := s.InsertRequest(ctx, newRequest(2026, received, d)); err != nil {
			t.Fatal(err)
		}
	}
	// A closed case leaves the queue.
	if _, err := s.DB().ExecContext(ctx, `UPDATE requests SET closed_at = now() WHERE due_date = '2026-12-15'`); err != nil {
		t.Fatal(err)
	}
	items, err := s.Queue(ctx, access.Everything, store.QueueFilter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range items {
		got = append(got, it.DueDate.String())
	}
	want := []string{"2026-11-10", "2026-11-20", "2026-11-25", "2026-11-30"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("queue order %v, want %v", got, want)
	}
	page2, err := s.Queue(ctx, access.Everything, store.QueueFilter{Limit: 2, Offset: 2})
	if err != nil || len(page2) != 2 || page2[0].DueDate.String() != "2026-11-25" {
		t.Fatalf("page 2: %v %v", page2, err)
	}
	counts, err := s.CountQueue(ctx, access.Everything, store.QueueFilter{}, calendar.NewDate(2026, 11, 20), calendar.NewDate(2026, 11, 25))
	if err != nil {
		t.Fatal(err)
	}
	if counts != (store.QueueCounts{Open: 4, Overdue: 1, DueSoon: 2}) {
		t.Fatalf("counts %+v", counts)
	}
}

func TestEnsureUserNeverOverwrites(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	created, err := s.EnsureUser(ctx, "PPID@terbuka.test", "Rina", "ppid", "hash1")
	if err != nil || !created {
		t.Fatalf("first: %v %v", created, err)
	}
	created, err = s.EnsureUser(ctx, "ppid@terbuka.test", "Other", "admin", "hash2")
	if err != nil || created {
		t.Fatalf("second: %v %v", created, err)
	}
	u, err := s.UserByEmail(ctx, "Ppid@Terbuka.Test")
	if err != nil || u.Name != "Rina" || u.Role != "ppid" || u.PasswordHash != "hash1" {
		t.Fatalf("user %+v %v", u, err)
	}
	if _, err := s.UserByEmail(ctx, "nobody@terbuka.test"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown user: %v", err)
	}
}

func TestMigrationsRollBackAndReapply(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	if err := s.MigrateDownTo(ctx, 0); err != nil {
		t.Fatalf("down: %v", err)
	}
	if current, _, _ := s.SchemaVersion(ctx); current != 0 {
		t.Fatalf("after down: version %d", current)
	}
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatalf("up again: %v", err)
	}
	if current, target, _ := s.SchemaVersion(ctx); current != target {
		t.Fatalf("after up: %d of %d", current, target)
	}
}
