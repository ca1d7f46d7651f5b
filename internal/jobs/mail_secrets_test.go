package jobs_test

import (
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
)

// mailSecretsRow is what the outbox keeps of a mail that could carry a secret.
type mailSecretsRow struct {
	Status string `db:"status"`
	Data   string `db:"data"`
	Sealed bool   `db:"sealed"`
	Clear  bool   `db:"clear"`
	Row    string `db:"row"` // every column, bytea as hex
}

// holds says whether the row keeps code in clear, in any column, as text or bytes.
func (r mailSecretsRow) holds(code string) bool {
	return strings.Contains(r.Row, code) || strings.Contains(r.Row, hex.EncodeToString([]byte(code)))
}

func mailSecrets(t *testing.T, s *store.Store, id int64) mailSecretsRow {
	t.Helper()
	var r mailSecretsRow
	// Through to_jsonb, so the query reads a database without the secrets column too.
	if err := s.DB().Get(&r, `SELECT status, data::text AS data, coalesce(to_jsonb(o) -> 'secrets' <> 'null', false) AS sealed,
		data ? 'tracking_code' AS clear, to_jsonb(o)::text AS row FROM outbox o WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	return r
}

// due is a moment when a mail intake queued (due at the database's now()) can be sent.
func due() time.Time { return time.Now().Add(time.Minute) }

// submitWithMail registers Siti's request at outboxNow through intake and returns the receipt mail's id and the code.
func submitWithMail(t *testing.T, f *digestFixture) (int64, string) {
	t.Helper()
	f.clock = outboxNow
	receipt, errs, err := f.intake.Submit(f.ctx, request.Submission{RequesterKind: "perorangan", Name: "Siti Aminah",
		NIK: "3273 0145 0790 0003", Address: "Jl. Cihampelas 12", Phone: "0812 2233 4455", Email: "siti@contoh.id", Occupation: "Guru",
		Information: "Salinan RKA Dinas Pendidikan", Purpose: "Riset", ObtainMethod: "softcopy", DeliveryMethod: "email"},
		intake.Origin{Channel: "web"})
	if err != nil {
		t.Fatal(err, errs)
	}
	var id int64
	if err := f.store.DB().Get(&id, `SELECT id FROM outbox WHERE request_id = $1 AND template = 'request_received'`, receipt.RequestID); err != nil {
		t.Fatal(err)
	}
	return id, receipt.TrackingCode
}

// The receipt's tracking code is sealed while queued, reaches the requester's mailbox, and is
// gone from the outbox once the server took the mail.
func TestReceiptCodeIsSealedDeliveredThenWiped(t *testing.T) {
	f := newDigestFixture(t)
	srv := startSMTP(t, 0)
	d := newOutboxDelivery(t, f.store, newTestSender(t, srv.port))
	id, code := submitWithMail(t, f)

	queued := mailSecrets(t, f.store, id)
	if queued.Clear || queued.holds(code) || !queued.Sealed {
		t.Fatalf("queued receipt keeps the code in clear: %+v", queued)
	}
	runOutbox(t, d, due(), false)
	got := srv.mails("siti@contoh.id")
	if len(got) != 1 || !strings.Contains(got[0].Body, "Kode pelacakan: "+code) {
		t.Fatalf("the requester's mail lacks the code: %+v", got)
	}
	if sent := mailSecrets(t, f.store, id); sent.Status != "sent" || sent.Sealed || sent.Clear || sent.holds(code) {
		t.Errorf("a sent receipt keeps its secret: %+v", sent)
	}
}

// A mail parked after a permanent refusal loses its secret with the status change; the
// administrator's retry then sends it without the code, saying where the code is.
func TestParkedMailLosesItsSecret(t *testing.T) {
	f := newDigestFixture(t)
	srv := startSMTP(t, 0)
	d := newOutboxDelivery(t, f.store, newTestSender(t, srv.port))
	id, code := submitWithMail(t, f)
	srv.setRefuse(func(string, int) error { return smtpRefusal(550, "mailbox unavailable") })

	runOutbox(t, d, due(), false)
	parked := mailSecrets(t, f.store, id)
	if parked.Status != "failed" || parked.Sealed || parked.Clear || parked.holds(code) {
		t.Fatalf("a parked receipt keeps its secret: %+v", parked)
	}

	srv.setRefuse(nil)
	if err := f.store.RetryOutbox(f.ctx, id, due()); err != nil {
		t.Fatal(err)
	}
	runOutbox(t, d, due(), false)
	got := srv.mails("siti@contoh.id")
	if len(got) != 1 || strings.Contains(got[0].Body, code) || !strings.Contains(got[0].Body, "tertera pada tanda bukti") {
		t.Fatalf("retried receipt: %+v", got)
	}
}

// Mail queued before secrets were sealed holds its code in clear: the job seals it on its next
// run, even with no SMTP server configured, and still sends it with the code.
func TestClearCodeOfOldQueuedMailIsSealed(t *testing.T) {
	f := newDigestFixture(t)
	srv := startSMTP(t, 0)
	id := queueOutbox(t, f.store, "request_received", "siti@contoh.id", receivedData("Siti Aminah", "0001/PPID/XI/2026"), outboxNow)

	runOutbox(t, newOutboxDelivery(t, f.store, nil), outboxNow, false)
	moved := mailSecrets(t, f.store, id)
	if moved.Status != "pending" || moved.Clear || moved.holds("KODE-UJI-123") || !moved.Sealed {
		t.Fatalf("old queued mail after a run without SMTP: %+v", moved)
	}
	runOutbox(t, newOutboxDelivery(t, f.store, newTestSender(t, srv.port)), outboxNow, false)
	if got := srv.mails("siti@contoh.id"); len(got) != 1 || !strings.Contains(got[0].Body, "Kode pelacakan: KODE-UJI-123") {
		t.Fatalf("old mail sent without its code: %+v", got)
	}
	if sent := mailSecrets(t, f.store, id); sent.Sealed || sent.Clear || sent.holds("KODE-UJI-123") {
		t.Errorf("sent: %+v", sent)
	}
}

// Whatever writes a mail out of the queue, by the job or by hand, the row keeps no secret: the
// rule migration 00013 applied to the mail that had already left.
func TestMailOutOfTheQueueKeepsNoSecret(t *testing.T) {
	f := newDigestFixture(t)
	id, code := submitWithMail(t, f)
	f.store.DB().MustExec(`UPDATE outbox SET status = 'sent', sent_at = now() WHERE id = $1`, id)
	if r := mailSecrets(t, f.store, id); r.Sealed || r.Clear || r.holds(code) {
		t.Errorf("marked sent by hand: %+v", r)
	}
	var old int64
	if err := f.store.DB().Get(&old, `INSERT INTO outbox (template, recipient, data, status)
		VALUES ('request_received', 'a@contoh.id', '{"name": "A", "tracking_code": "KODE-LAMA-1"}', 'failed') RETURNING id`); err != nil {
		t.Fatal(err)
	}
	if r := mailSecrets(t, f.store, old); r.Clear || r.holds("KODE-LAMA-1") || !strings.Contains(r.Data, `"name"`) {
		t.Errorf("written parked with a clear code: %+v", r)
	}
}
