package casework_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// queueState is the officers' queue as the store lists it: ids in order and each row's clock.
func (o *office) queueState() ([]int64, map[int64]store.QueueItem) {
	o.t.Helper()
	items, err := o.s.Queue(o.ctx, access.Everything, store.QueueFilter{Limit: 20})
	o.must(err)
	ids, rows := []int64{}, map[int64]store.QueueItem{}
	for _, it := range items {
		ids = append(ids, it.ID)
		rows[it.ID] = it
	}
	return ids, rows
}

// expectClock checks the stored clock of case id and that the queue is in clock order.
func (o *office) expectClock(step string, id int64, kind string, due calendar.Date) []int64 {
	o.t.Helper()
	ids, rows := o.queueState()
	if got := rows[id]; got.ClockKind != kind || got.ClockDue != due {
		o.t.Errorf("%s: case clock %s %v, want %s %v", step, got.ClockKind, got.ClockDue, kind, due)
	}
	for i := 1; i < len(ids); i++ {
		if rows[ids[i]].ClockDue.Before(rows[ids[i-1]].ClockDue) {
			o.t.Errorf("%s: queue not in clock order: %v", step, ids)
		}
	}
	return ids
}

func before(ids []int64, a, b int64) bool {
	for _, id := range ids {
		switch id {
		case a:
			return true
		case b:
			return false
		}
	}
	return false
}

// TestQueueFollowsTheClockThatRunsNow walks one case through refusal → objection → the atasan's
// answer and another through a grant with a promised delivery day, checking the queue's clock and
// order after each step. The old queue sorted by the response deadline alone, so a refused case
// with a pending objection stayed listed first by its long-past 15 October, ahead of a case whose
// notice is still due (the "16 Desember 2026" of issue 12).
func TestQueueFollowsTheClockThatRunsNow(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	o.set(at(1, 9)) // Thursday 1 October: the notice is due Thursday 15 October
	refusedCase := o.submit()
	o.set(at(2, 9)) // due Friday 16 October
	waiting := o.submit()
	o.set(at(5, 9)) // due Monday 19 October
	grantedCase := o.submit()

	ids := o.expectClock("received", refusedCase, workflow.ClockResponse, calendar.NewDate(2026, 10, 15))
	if !before(ids, refusedCase, waiting) || !before(ids, waiting, grantedCase) {
		t.Errorf("received: order %v", ids)
	}

	// Refused: nothing binds the office; the requester's objection window is what runs.
	o.set(at(6, 10))
	if errs, err := o.cw.Decide(o.ctx, o.user("ppid-utama"), refusedCase, refusal(o.clock.Now())); err != nil {
		t.Fatal(err, errs)
	}
	window := clockOf(o, refusedCase, "objection_window")
	ids = o.expectClock("refused", refusedCase, "objection_window", window)
	if !before(ids, waiting, refusedCase) {
		t.Errorf("refused: the refused case is still listed by its old deadline: %v", ids)
	}

	// An objection: the atasan's 30 working days (UU 14/2008 Pasal 36(2)), not the old 15 October.
	o.set(at(7, 10))
	filed, errs, err := o.cw.FileObjection(o.ctx, nil, refusedCase, workflow.ObjectionFiling{Grounds: []string{"a"}, Reasons: "Penolakan tidak berdasar."}, "web")
	if err != nil {
		t.Fatal(err, errs)
	}
	ids = o.expectClock("objection filed", refusedCase, workflow.ClockObjectionResponse, filed.ResponseDue)
	if !before(ids, waiting, refusedCase) || !before(ids, grantedCase, refusedCase) {
		t.Errorf("objection filed: a refused case with a pending objection is listed by its old deadline: %v", ids)
	}
	if _, rows := o.queueState(); rows[refusedCase].ClockDue == calendar.NewDate(2026, 10, 15) {
		t.Errorf("objection filed: still ordered by the response deadline")
	}

	// The atasan upholds the refusal: the requester's 14 working days to the KI run (Pasal 37(2)).
	o.set(at(8, 10))
	if errs, err := o.cw.AnswerObjection(o.ctx, o.user("atasan"), refusedCase, filed.ID, workflow.ObjectionUpheld,
		"Penolakan sudah sesuai Pasal 17 huruf h dan i; uji konsekuensi telah dilakukan."); err != nil {
		t.Fatal(err, errs)
	}
	o.expectClock("objection answered", refusedCase, "dispute_filing", clockOf(o, refusedCase, "dispute_filing"))

	// Granted with a promised delivery day: that day orders the case now.
	o.set(at(9, 10))
	d := granted(o.clock.Now())
	d.DeliveryDue = calendar.NewDate(2026, 10, 30)
	if errs, err := o.cw.Decide(o.ctx, o.user("ppid-utama"), grantedCase, d); err != nil {
		t.Fatal(err, errs)
	}
	ids = o.expectClock("granted", grantedCase, workflow.ClockDelivery, d.DeliveryDue)
	if !before(ids, waiting, grantedCase) {
		t.Errorf("granted: order %v", ids)
	}
	// Delivered: the office owes nothing more; the requester's objection window runs.
	o.must(o.cw.Deliver(o.ctx, o.user("ppid-utama"), grantedCase, "email"))
	if _, rows := o.queueState(); rows[grantedCase].ClockKind == workflow.ClockDelivery {
		t.Errorf("delivered: still listed by the delivery day")
	}
}

// clockOf is the case's clock of kind as the case page lists it (workflow.Clocks), the last one.
func clockOf(o *office, id int64, kind string) calendar.Date {
	o.t.Helper()
	r := o.request(id)
	objs, err := o.s.Objections(o.ctx, id)
	o.must(err)
	ds, err := o.s.Disputes(o.ctx, id)
	o.must(err)
	var due calendar.Date
	for _, k := range casework.Clocks(r, objs, ds, o.clock.Now(), o.cal.Current()) {
		if k.Kind == kind {
			due = k.Due
		}
	}
	if due.IsZero() {
		o.t.Fatalf("case %d has no %s clock", id, kind)
	}
	return due
}

// TestEveryCaseStepRecomputesTheQueueClock: casework opens a case only through withCase, which
// recomputes the stored clock, so a new step cannot forget it.
func TestEveryCaseStepRecomputesTheQueueClock(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(b), "Store.WithCase("); n > 0 && f != "queue_clock.go" {
			t.Errorf("%s opens a case with Store.WithCase directly (%d times): use s.withCase, which keeps the queue's clock", f, n)
		}
		calls += strings.Count(string(b), "Store.WithCase(")
	}
	if calls != 1 {
		t.Errorf("Store.WithCase called %d times in casework, want once (in withCase)", calls)
	}
}
