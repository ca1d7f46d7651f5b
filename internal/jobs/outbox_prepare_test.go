package jobs_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/testdb"
)

// Requester mail asked for since the last run is queued before sending starts, so it leaves in
// the same run; when preparing fails, mail already queued still goes and the run reports the failure.
func TestOutboxPreparesRequesterMailFirst(t *testing.T) {
	s := testdb.Store(t)
	srv := startSMTP(t, 0)
	d := newOutboxDelivery(t, s, newTestSender(t, srv.port))
	d.Prepare = func(ctx context.Context, now time.Time) (int, error) {
		queueOutbox(t, s, "request_received", "siti@contoh.id", receivedData("Siti Aminah", "0001/PPID/XI/2026"), now)
		return 1, nil
	}
	if res := runOutbox(t, d, outboxNow, false); res.MailsSent != 1 || srv.count("siti@contoh.id") != 1 {
		t.Fatalf("mail prepared in the run: sent %d, received %d", res.MailsSent, srv.count("siti@contoh.id"))
	}

	queueOutbox(t, s, "request_received", "budi@contoh.id", receivedData("Budi Santoso", "0002/PPID/XI/2026"), outboxNow)
	d.Prepare = func(context.Context, time.Time) (int, error) { return 0, errors.New("database gone") }
	res, err := d.Run(context.Background(), outboxNow)
	if err == nil || !strings.Contains(err.Error(), "preparing requester mail") {
		t.Errorf("a failed preparation is not reported: %v", err)
	}
	if res.MailsSent != 1 || srv.count("budi@contoh.id") != 1 {
		t.Errorf("queued mail held back by a failed preparation: sent %d", res.MailsSent)
	}
}
