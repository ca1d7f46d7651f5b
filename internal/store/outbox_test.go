package store_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

var outboxNow = time.Date(2026, 11, 27, 9, 0, 0, 0, wib)

func queueOutboxMail(t *testing.T, s *store.Store, to, status string, due time.Time) int64 {
	t.Helper()
	var id int64
	if err := s.DB().Get(&id, `INSERT INTO outbox (template, recipient, data, status, next_attempt_at)
		VALUES ('request_received', $1, '{"name": "Siti"}', $2, $3) RETURNING id`, to, status, due); err != nil {
		t.Fatal(err)
	}
	return id
}

type outboxRowState struct {
	Status        string    `db:"status"`
	Attempts      int       `db:"attempts"`
	NextAttemptAt time.Time `db:"next_attempt_at"`
	LastError     *string   `db:"last_error"`
}

func outboxState(t *testing.T, s *store.Store, id int64) outboxRowState {
	t.Helper()
	var r outboxRowState
	if err := s.DB().Get(&r, `SELECT status, attempts, next_attempt_at, last_error FROM outbox WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	return r
}

func claimedIDs(ms []store.OutboxMail) []int64 {
	ids := make([]int64, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	return ids
}

func TestClaimOutboxLeasesDueMail(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	second := queueOutboxMail(t, s, "b@uji.test", "pending", outboxNow.Add(-time.Minute))
	first := queueOutboxMail(t, s, "a@uji.test", "pending", outboxNow.Add(-time.Hour))
	third := queueOutboxMail(t, s, "c@uji.test", "pending", outboxNow)
	queueOutboxMail(t, s, "later@uji.test", "pending", outboxNow.Add(time.Second))
	queueOutboxMail(t, s, "failed@uji.test", "failed", outboxNow.Add(-time.Hour))
	queueOutboxMail(t, s, "sent@uji.test", "sent", outboxNow.Add(-time.Hour))

	got, err := s.ClaimOutbox(ctx, outboxNow, 2)
	if err != nil {
		t.Fatal(err)
	}
	// The two longest due, in queue order.
	if ids := claimedIDs(got); len(ids) != 2 || ids[0] != second || ids[1] != first {
		t.Fatalf("claimed %v, want [%d %d]", ids, second, first)
	}
	if m := got[1]; m.Recipient != "a@uji.test" || m.Template != "request_received" || string(m.Data) != `{"name": "Siti"}` || m.Attempts != 0 {
		t.Errorf("claimed mail %+v", m)
	}
	if r := outboxState(t, s, first); r.Status != "pending" || r.Attempts != 0 || !r.NextAttemptAt.Equal(outboxNow.Add(store.OutboxLease)) {
		t.Errorf("leased mail %+v", r)
	}
	got, err = s.ClaimOutbox(ctx, outboxNow, 10)
	if ids := claimedIDs(got); err != nil || len(ids) != 1 || ids[0] != third {
		t.Fatalf("second claim %v, %v; want [%d]", ids, err, third)
	}
	if got, err := s.ClaimOutbox(ctx, outboxNow, 10); err != nil || len(got) != 0 {
		t.Fatalf("third claim %v, %v; want none", claimedIDs(got), err)
	}
	// A claimant that never reports back: its mails are due again when the lease ends.
	got, err = s.ClaimOutbox(ctx, outboxNow.Add(store.OutboxLease), 10)
	if err != nil || len(got) != 4 {
		t.Fatalf("after the lease %v, %v; want the 3 leased and the later one", claimedIDs(got), err)
	}
}

func TestConcurrentClaimsNeverShareAMail(t *testing.T) {
	s := testdb.Store(t)
	const n = 200
	for range n {
		queueOutboxMail(t, s, "w@uji.test", "pending", outboxNow.Add(-time.Minute))
	}
	var mu sync.Mutex
	seen := map[int64]int{}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for {
				got, err := s.ClaimOutbox(context.Background(), outboxNow, 3)
				if err != nil {
					t.Error(err)
					return
				}
				if len(got) == 0 {
					return
				}
				mu.Lock()
				for _, m := range got {
					seen[m.ID]++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(seen) != n {
		t.Errorf("%d mails claimed, want %d", len(seen), n)
	}
	for id, c := range seen {
		if c != 1 {
			t.Errorf("mail %d claimed %d times", id, c)
		}
	}
}

func TestMarkFailedBacksOffThenParks(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	id := queueOutboxMail(t, s, "a@uji.test", "pending", outboxNow)
	const maxAttempts = 12
	at := outboxNow
	for attempt := 1; attempt < maxAttempts; attempt++ {
		if err := s.MarkFailed(ctx, id, at, "451 coba lagi", false, maxAttempts); err != nil {
			t.Fatal(err)
		}
		r := outboxState(t, s, id)
		want := min(time.Minute<<(attempt-1), 30*time.Minute)
		wait := r.NextAttemptAt.Sub(at)
		if r.Status != "pending" || r.Attempts != attempt || wait < want || wait > min(want+want/10+time.Second, 30*time.Minute) {
			t.Fatalf("attempt %d: %+v, waits %s; want pending, %s (+10%%, at most 30 min)", attempt, r, wait, want)
		}
		at = r.NextAttemptAt
	}
	if err := s.MarkFailed(ctx, id, at, "451 masih penuh", false, maxAttempts); err != nil {
		t.Fatal(err)
	}
	if r := outboxState(t, s, id); r.Status != "failed" || r.Attempts != maxAttempts || r.LastError == nil || *r.LastError != "451 masih penuh" {
		t.Errorf("after the last attempt: %+v", r)
	}
	// Parked: nothing claims it, and a late report from a sender changes nothing.
	if got, _ := s.ClaimOutbox(ctx, at.Add(24*time.Hour), 10); len(got) != 0 {
		t.Errorf("a parked mail was claimed")
	}
	if err := s.MarkSent(ctx, id, at); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("marking a parked mail sent: %v, want ErrNotFound", err)
	}
	// The admin's retry puts it back in the queue with its history.
	if err := s.RetryOutbox(ctx, id, at); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.ClaimOutbox(ctx, at, 10); len(got) != 1 || got[0].Attempts != maxAttempts {
		t.Errorf("retried mail not claimed: %+v", got)
	}
}

func TestMarkFailedPermanentParksAtOnce(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	id := queueOutboxMail(t, s, "a@uji.test", "pending", outboxNow)
	// A server's reply can be long and is not always UTF-8; last_error takes a valid start of it.
	long := "550 tidak ada \xff" + strings.Repeat("é", 3000)
	if err := s.MarkFailed(ctx, id, outboxNow, long, true, 8); err != nil {
		t.Fatal(err)
	}
	r := outboxState(t, s, id)
	if r.Status != "failed" || r.Attempts != 1 || r.LastError == nil || !strings.HasPrefix(*r.LastError, "550 tidak ada ?é") ||
		len(*r.LastError) > 2100 || !utf8.ValidString(*r.LastError) {
		t.Errorf("after a permanent refusal: %+v", r)
	}
	if err := s.MarkFailed(ctx, id, outboxNow, "lagi", false, 8); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("marking a parked mail failed again: %v, want ErrNotFound", err)
	}
}

func TestMarkSent(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	id := queueOutboxMail(t, s, "a@uji.test", "pending", outboxNow)
	if err := s.MarkFailed(ctx, id, outboxNow, "451 coba lagi", false, 8); err != nil {
		t.Fatal(err)
	}
	at := outboxNow.Add(2 * time.Minute)
	if err := s.MarkSent(ctx, id, at); err != nil {
		t.Fatal(err)
	}
	var row struct {
		Status   string    `db:"status"`
		Attempts int       `db:"attempts"`
		SentAt   time.Time `db:"sent_at"`
	}
	if err := s.DB().Get(&row, `SELECT status, attempts, sent_at FROM outbox WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	if row.Status != "sent" || row.Attempts != 2 || !row.SentAt.Equal(at) {
		t.Errorf("sent mail %+v", row)
	}
	if err := s.MarkSent(ctx, id, at); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("marking a sent mail again: %v, want ErrNotFound", err)
	}
	if err := s.MarkSent(ctx, 999999, at); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("marking a missing mail: %v, want ErrNotFound", err)
	}
}

func TestRetryOutbox(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	if err := s.RetryOutbox(ctx, 999999, time.Now()); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("retry of no mail: %v", err)
	}
	var id int64
	s.DB().Get(&id, `INSERT INTO outbox (template, recipient, data) VALUES ('user_invited', 'a@uji.test', '{}') RETURNING id`)
	if err := s.RetryOutbox(ctx, id, time.Now()); !errors.Is(err, store.ErrConflict) {
		t.Errorf("retry of a pending mail: %v", err)
	}
	s.DB().MustExec(`UPDATE outbox SET status = 'failed' WHERE id = $1`, id)
	at := time.Date(2026, 11, 2, 10, 0, 0, 0, wib)
	if err := s.RetryOutbox(ctx, id, at); err != nil {
		t.Fatal(err)
	}
	it, err := s.OutboxItem(ctx, id)
	if err != nil || it.Status != "pending" || !it.NextAttemptAt.Equal(at) || string(it.Data) != "{}" {
		t.Errorf("after retry: %+v %v", it, err)
	}
	items, err := s.Outbox(ctx, "failed", 100)
	if err != nil || len(items) != 0 {
		t.Errorf("failed mails after retry: %d %v", len(items), err)
	}
}
