package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

// Concurrent submissions share commits (rows written by one transaction share its xmin), and
// their numbers stay gapless; a bad submission inside a crowd fails alone without a gap.
func TestConcurrentIntakesShareCommitsWithoutGaps(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	received := time.Date(2026, 11, 2, 10, 0, 0, 0, wib)
	due := calendar.NewDate(2026, 11, 16)
	const clients, each = 32, 8
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []error
	numbers := map[string]bool{}
	start := make(chan struct{})
	for c := range clients {
		wg.Go(func() {
			<-start
			for i := range each {
				r := newRequest(2026, received, due)
				if c == 5 && i == 3 {
					r.NIKSealed, r.NIKLookup = nil, nil // breaks a CHECK: an individual needs a NIK
				}
				reg, err := s.InsertRequest(ctx, r)
				mu.Lock()
				if c == 5 && i == 3 {
					if err == nil {
						failures = append(failures, errors.New("an individual without NIK was accepted"))
					}
				} else if err != nil {
					failures = append(failures, err)
				} else if numbers[reg.RegistrationNumber] {
					failures = append(failures, errors.New("number given twice: "+reg.RegistrationNumber))
				} else {
					numbers[reg.RegistrationNumber] = true
				}
				mu.Unlock()
			}
		})
	}
	close(start)
	wg.Wait()
	for _, err := range failures {
		t.Error(err)
	}
	want := clients*each - 1
	var got struct{ N, Distinct, Min, Max, Transactions int }
	err := s.DB().QueryRowContext(ctx, `SELECT count(*), count(DISTINCT reg_seq), min(reg_seq), max(reg_seq),
		count(DISTINCT xmin::text) FROM requests WHERE reg_year = 2026`).
		Scan(&got.N, &got.Distinct, &got.Min, &got.Max, &got.Transactions)
	if err != nil {
		t.Fatal(err)
	}
	if got.N != want || got.Distinct != want || got.Min != 1 || got.Max != want || len(numbers) != want {
		t.Fatalf("numbers: %+v (acknowledged %d), want %d gapless from 1", got, len(numbers), want)
	}
	if got.Transactions >= want {
		t.Errorf("%d requests took %d transactions: no submissions shared a commit", want, got.Transactions)
	}
	t.Logf("%d requests in %d transactions", want, got.Transactions)

	// Every request has its first event and its row in the same transaction as its number.
	var orphans int
	if err := s.DB().GetContext(ctx, &orphans, `SELECT count(*) FROM requests r
		WHERE NOT EXISTS (SELECT 1 FROM request_events e WHERE e.request_id = r.id AND e.kind = 'received')`); err != nil {
		t.Fatal(err)
	}
	if orphans != 0 {
		t.Errorf("%d requests without their received event", orphans)
	}
}

// A caller that has left before its submission was written gets its context's error, and its
// submission takes no number.
func TestIntakeOfACallerThatLeftTakesNoNumber(t *testing.T) {
	s := testdb.Store(t)
	received := time.Date(2026, 11, 2, 10, 0, 0, 0, wib)
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.InsertRequest(gone, newRequest(2026, received, calendar.NewDate(2026, 11, 16))); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled intake: %v", err)
	}
	reg, err := s.InsertRequest(context.Background(), newRequest(2026, received, calendar.NewDate(2026, 11, 16)))
	if err != nil {
		t.Fatal(err)
	}
	if reg.RegistrationNumber != "0001/PPID/XI/2026" {
		t.Errorf("next number %s, want 0001/PPID/XI/2026", reg.RegistrationNumber)
	}
}
