package jobs_test

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/testdb"
)

// A temporary outage (4xx to every recipient) of two and a half hours parks nothing: every mail
// is retried at most 30 minutes apart and goes out once when the server recovers; a recipient
// the server refuses for good (5xx) is parked at once.
func TestOutboxRidesOutATemporaryOutage(t *testing.T) {
	s := testdb.Store(t)
	srv := startSMTP(t, 0)
	var down atomic.Bool
	down.Store(true)
	srv.setRefuse(func(to string, _ int) error {
		if strings.HasPrefix(to, "tidak.ada") {
			return smtpRefusal(550, "mailbox tidak ada")
		}
		if down.Load() {
			return smtpRefusal(451, "coba lagi nanti")
		}
		return nil
	})
	d := newOutboxDelivery(t, s, newTestSender(t, srv.port))
	d.MaxAttempts = 0 // the config default: the queue lifetime decides
	d.RetryFor = 72 * time.Hour
	var ids []int64
	for i := range 5 {
		ids = append(ids, queueOutbox(t, s, "request_received", fmt.Sprintf("warga%d@contoh.id", i),
			receivedData("Warga", "0001/PPID/XI/2026"), outboxNow))
	}
	gone := queueOutbox(t, s, "request_received", "tidak.ada@contoh.id", receivedData("Warga", "0002/PPID/XI/2026"), outboxNow)

	res := runOutbox(t, d, outboxNow, false)
	if res.MailsFailed != 1 || res.MailsSent != 0 || res.Handled != 6 {
		t.Errorf("first run: %+v, want 6 handled, the 5xx parked", res)
	}
	if r := outboxRow(t, s, gone); r.Status != "failed" || r.Attempts != 1 || !strings.Contains(r.LastError.String, "550") {
		t.Errorf("a 5xx recipient: %+v, want parked after one attempt", r)
	}
	// The scheduler runs the outbox every minute for the two and a half hours the server answers 451.
	lastTry := map[int64]time.Time{}
	for at := outboxNow.Add(time.Minute); at.Before(outboxNow.Add(150 * time.Minute)); at = at.Add(time.Minute) {
		runOutbox(t, d, at, false)
		for _, id := range ids {
			r := outboxRow(t, s, id)
			if r.Status != "pending" {
				t.Fatalf("at +%s mail %d is %s (%s) during a temporary outage", at.Sub(outboxNow), id, r.Status, r.LastError.String)
			}
			if wait := r.NextAttemptAt.Sub(at); wait > 33*time.Minute {
				t.Fatalf("mail %d waits %s, want at most 30 minutes (+10%%)", id, wait)
			}
			lastTry[id] = at
		}
	}
	if srv.total() != 0 {
		t.Fatalf("%d mails received during the outage", srv.total())
	}
	down.Store(false)
	sent := 0
	for at := outboxNow.Add(150 * time.Minute); at.Before(outboxNow.Add(190 * time.Minute)); at = at.Add(time.Minute) {
		sent += runOutbox(t, d, at, false).MailsSent
	}
	if sent != 5 {
		t.Errorf("%d mails sent after the server came back, want 5", sent)
	}
	for i, id := range ids {
		if r := outboxRow(t, s, id); r.Status != "sent" {
			t.Errorf("mail %d: %+v", id, r)
		}
		if n := srv.count(fmt.Sprintf("warga%d@contoh.id", i)); n != 1 {
			t.Errorf("warga%d received %d mails, want 1", i, n)
		}
	}
	if srv.count("tidak.ada@contoh.id") != 0 {
		t.Error("a parked mail was sent")
	}
}

// A temporary failure that outlasts the queue lifetime is parked, counted in the run.
func TestOutboxParksWhenTheQueueLifetimeEnds(t *testing.T) {
	s := testdb.Store(t)
	srv := startSMTP(t, 0)
	srv.setRefuse(func(string, int) error { return smtpRefusal(452, "kotak surat penuh") })
	d := newOutboxDelivery(t, s, newTestSender(t, srv.port))
	d.MaxAttempts, d.RetryFor = 0, 3*time.Hour
	id := queueOutbox(t, s, "request_received", "penuh@contoh.id", receivedData("Warga", "0001/PPID/XI/2026"), time.Now().Add(-time.Minute))
	// The mail was queued at the database's now; the lifetime counts from then.
	var created time.Time
	if err := s.DB().Get(&created, `SELECT created_at FROM outbox WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	if res := runOutbox(t, d, created.Add(2*time.Hour), false); res.MailsFailed != 0 || outboxRow(t, s, id).Status != "pending" {
		t.Fatalf("parked within its lifetime: %+v %+v", res, outboxRow(t, s, id))
	}
	if res := runOutbox(t, d, created.Add(3*time.Hour+time.Minute), false); res.MailsFailed != 1 {
		t.Errorf("run past the lifetime: %+v, want the mail parked", res)
	}
	if r := outboxRow(t, s, id); r.Status != "failed" || r.Attempts != 2 || !strings.Contains(r.LastError.String, "452") {
		t.Errorf("after the lifetime: %+v", r)
	}
}

// Every delivery of one outbox row carries the same Message-ID, so the duplicate a crash between
// the server's 250 and MarkSent causes is one message in the recipient's client.
func TestOutboxMessageIDIsStablePerRow(t *testing.T) {
	s := testdb.Store(t)
	srv := startSMTP(t, 0)
	d := newOutboxDelivery(t, s, newTestSender(t, srv.port))
	d.MessageHost = "ppid.uji.test"
	id := queueOutbox(t, s, "request_received", "siti@contoh.id", receivedData("Siti", "0001/PPID/XI/2026"), outboxNow)
	other := queueOutbox(t, s, "request_received", "budi@contoh.id", receivedData("Budi", "0002/PPID/XI/2026"), outboxNow)
	runOutbox(t, d, outboxNow, false)
	// What a SIGKILL after the server's 250 leaves: the row still pending, to be sent again.
	s.DB().MustExec(`UPDATE outbox SET status = 'pending', sent_at = NULL, next_attempt_at = $2 WHERE id = $1`, id, outboxNow)
	runOutbox(t, d, outboxNow.Add(time.Minute), false)
	got := srv.mails("siti@contoh.id")
	if len(got) != 2 {
		t.Fatalf("%d deliveries, want 2", len(got))
	}
	var created time.Time
	if err := s.DB().Get(&created, `SELECT created_at FROM outbox WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("<outbox-%d.%d@ppid.uji.test>", id, created.Unix())
	if got[0].MessageID != want || got[1].MessageID != want {
		t.Errorf("Message-IDs %q and %q, want both %q", got[0].MessageID, got[1].MessageID, want)
	}
	if b := srv.mails("budi@contoh.id"); len(b) != 1 || b[0].MessageID == want || !strings.HasPrefix(b[0].MessageID, fmt.Sprintf("<outbox-%d.", other)) {
		t.Errorf("another row's Message-ID: %+v", b)
	}
}
