package jobs_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/jobs"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

var _ jobs.Job = jobs.OutboxDelivery{}

func TestOutboxSendsInIndonesianOnce(t *testing.T) {
	s := testdb.Store(t)
	srv := startSMTP(t, 0)
	d := newOutboxDelivery(t, s, newTestSender(t, srv.port))
	siti := queueOutbox(t, s, "request_received", "siti@contoh.id", receivedData("Siti Aminah", "0001/PPID/XI/2026"), outboxNow)
	budi := queueOutbox(t, s, "request_received", "budi@contoh.id", receivedData("Budi Santoso", "0002/PPID/XI/2026"), outboxNow.Add(-time.Hour))
	later := queueOutbox(t, s, "request_received", "nanti@contoh.id", receivedData("Nanti", "0003/PPID/XI/2026"), outboxNow.Add(time.Minute))

	res := runOutbox(t, d, outboxNow, false)
	if res.Handled != 2 || res.MailsSent != 2 {
		t.Fatalf("handled %d, sent %d; want 2 and 2", res.Handled, res.MailsSent)
	}
	got := srv.mails("siti@contoh.id")
	if len(got) != 1 {
		t.Fatalf("%d mails to siti, want 1", len(got))
	}
	m := got[0]
	if m.Subject != "Permohonan informasi 0001/PPID/XI/2026 telah diterima" {
		t.Errorf("subject %q", m.Subject)
	}
	for _, want := range []string{"Yth. Siti Aminah,", "nomor registrasi\n0001/PPID/XI/2026", "Kode pelacakan: KODE-UJI-123",
		"paling lambat Jumat, 11 Desember 2026.", "PPID Kota Uji"} {
		if !strings.Contains(m.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, m.Body)
		}
	}
	if !strings.HasPrefix(m.ContentType, "text/plain") || !strings.Contains(strings.ToLower(m.ContentType), "charset=utf-8") {
		t.Errorf("content type %q", m.ContentType)
	}
	if !strings.HasSuffix(m.MessageID, "@uji.test>") || m.Date == "" || !strings.Contains(m.From, "ppid@uji.test") {
		t.Errorf("headers: from %q, message-id %q, date %q", m.From, m.MessageID, m.Date)
	}
	for _, id := range []int64{siti, budi} {
		r := outboxRow(t, s, id)
		if r.Status != "sent" || r.Attempts != 1 || !r.SentAt.Valid || !r.SentAt.Time.Equal(outboxNow) || r.LastError.Valid {
			t.Errorf("mail %d after sending: %+v", id, r)
		}
	}
	if r := outboxRow(t, s, later); r.Status != "pending" || r.Attempts != 0 {
		t.Errorf("a mail not yet due was touched: %+v", r)
	}

	// Again at once and an hour later: the sent mails stay sent, only the one now due goes out.
	if res := runOutbox(t, d, outboxNow, false); res.Handled != 0 {
		t.Errorf("second run handled %d", res.Handled)
	}
	if res := runOutbox(t, d, outboxNow.Add(time.Hour), false); res.Handled != 1 || res.MailsSent != 1 {
		t.Errorf("an hour later: handled %d, sent %d; want 1 and 1", res.Handled, res.MailsSent)
	}
	for _, to := range []string{"siti@contoh.id", "budi@contoh.id", "nanti@contoh.id"} {
		if n := srv.count(to); n != 1 {
			t.Errorf("%d mails to %s, want 1", n, to)
		}
	}
}

func TestOutboxKeepsMailWhileSMTPIsDownAndSendsItOnceAfter(t *testing.T) {
	s := testdb.Store(t)
	port := freePort(t) // nothing listens there yet
	d := newOutboxDelivery(t, s, newTestSender(t, port))
	recipients := []string{"a@contoh.id", "b@contoh.id", "c@contoh.id"}
	var ids []int64
	for i, to := range recipients {
		ids = append(ids, queueOutbox(t, s, "request_received", to, receivedData("Warga", fmt.Sprintf("%04d/PPID/XI/2026", i+1)), outboxNow))
	}

	// The server is down: the run fails loudly, and every mail stays queued with its attempt counted.
	res := runOutbox(t, d, outboxNow, true)
	if res.Handled != 3 || res.MailsSent != 0 {
		t.Fatalf("handled %d, sent %d; want 3 and 0", res.Handled, res.MailsSent)
	}
	for _, id := range ids {
		r := outboxRow(t, s, id)
		if r.Status != "pending" || r.Attempts != 1 || !strings.Contains(r.LastError.String, "tidak dapat dihubungi") {
			t.Errorf("mail %d: %+v", id, r)
		}
		backoffBetween(t, r, outboxNow, time.Minute)
	}
	// Within the backoff nothing is tried; after it, the second attempt fails and waits twice as long.
	if res := runOutbox(t, d, outboxNow.Add(30*time.Second), false); res.Handled != 0 {
		t.Errorf("tried %d mails within the backoff", res.Handled)
	}
	second := outboxNow.Add(2 * time.Minute)
	runOutbox(t, d, second, true)
	for _, id := range ids {
		r := outboxRow(t, s, id)
		if r.Status != "pending" || r.Attempts != 2 {
			t.Errorf("mail %d: %+v", id, r)
		}
		backoffBetween(t, r, second, 2*time.Minute)
	}

	// The server comes back on the same port: everything goes out, exactly once.
	srv := startSMTP(t, port)
	res = runOutbox(t, d, outboxNow.Add(10*time.Minute), false)
	if res.Handled != 3 || res.MailsSent != 3 {
		t.Fatalf("after recovery: handled %d, sent %d; want 3 and 3", res.Handled, res.MailsSent)
	}
	runOutbox(t, d, outboxNow.Add(24*time.Hour), false)
	for _, to := range recipients {
		if n := srv.count(to); n != 1 {
			t.Errorf("%d mails to %s, want 1", n, to)
		}
	}
	for _, id := range ids {
		if r := outboxRow(t, s, id); r.Status != "sent" || r.Attempts != 3 {
			t.Errorf("mail %d: %+v", id, r)
		}
	}
}

func TestOutboxRetriesTemporaryRefusals(t *testing.T) {
	s := testdb.Store(t)
	srv := startSMTP(t, 0)
	// The first two recipients are refused for now (451), as a greylisting or overloaded server does.
	srv.setRefuse(func(to string, n int) error {
		if n <= 2 {
			return smtpRefusal(451, "coba lagi nanti")
		}
		return nil
	})
	d := newOutboxDelivery(t, s, newTestSender(t, srv.port))
	var ids []int64
	for i := range 4 {
		ids = append(ids, queueOutbox(t, s, "request_received", fmt.Sprintf("w%d@contoh.id", i), receivedData("Warga", "0001/PPID/XI/2026"), outboxNow))
	}
	res := runOutbox(t, d, outboxNow, false)
	if res.Handled != 4 || res.MailsSent != 2 {
		t.Fatalf("handled %d, sent %d; want 4 and 2", res.Handled, res.MailsSent)
	}
	pending := 0
	for _, id := range ids {
		r := outboxRow(t, s, id)
		if r.Status == "pending" {
			pending++
			if r.Attempts != 1 || !strings.Contains(r.LastError.String, "451") {
				t.Errorf("refused mail %d: %+v", id, r)
			}
			backoffBetween(t, r, outboxNow, time.Minute)
		}
	}
	if pending != 2 {
		t.Errorf("%d mails pending, want 2", pending)
	}
	res = runOutbox(t, d, outboxNow.Add(2*time.Minute), false)
	if res.Handled != 2 || res.MailsSent != 2 {
		t.Errorf("retry: handled %d, sent %d; want 2 and 2", res.Handled, res.MailsSent)
	}
	runOutbox(t, d, outboxNow.Add(time.Hour), false)
	for i := range 4 {
		if n := srv.count(fmt.Sprintf("w%d@contoh.id", i)); n != 1 {
			t.Errorf("%d mails to w%d, want 1", n, i)
		}
	}
	if n := outboxCountStatus(t, s, "sent"); n != 4 {
		t.Errorf("%d mails sent, want 4", n)
	}
}

func TestOutboxParksWhatCannotBeSent(t *testing.T) {
	s := testdb.Store(t)
	srv := startSMTP(t, 0)
	srv.setRefuse(func(to string, n int) error {
		if to == "tidak.ada@contoh.id" {
			return smtpRefusal(550, "mailbox tidak ada")
		}
		return nil
	})
	d := newOutboxDelivery(t, s, newTestSender(t, srv.port))
	data := receivedData("Warga", "0001/PPID/XI/2026")
	ok1 := queueOutbox(t, s, "request_received", "ada@contoh.id", data, outboxNow)
	refused := queueOutbox(t, s, "request_received", "tidak.ada@contoh.id", data, outboxNow)
	unknown := queueOutbox(t, s, "surat_yang_hilang", "x@contoh.id", data, outboxNow)
	badData := queueOutbox(t, s, "request_received", "y@contoh.id", `[1, 2, 3]`, outboxNow)
	badAddress := queueOutbox(t, s, "request_received", "bukan alamat", data, outboxNow)
	ok2 := queueOutbox(t, s, "request_received", "juga.ada@contoh.id", data, outboxNow)

	res := runOutbox(t, d, outboxNow, false)
	if res.Handled != 6 || res.MailsSent != 2 {
		t.Fatalf("handled %d, sent %d; want 6 and 2", res.Handled, res.MailsSent)
	}
	for id, want := range map[int64]string{refused: "550", unknown: `templat e-mail "surat_yang_hilang" tidak dikenal`,
		badData: "data e-mail tidak terbaca", badAddress: "bukan alamat"} {
		r := outboxRow(t, s, id)
		if r.Status != "failed" || r.Attempts != 1 || !strings.Contains(r.LastError.String, want) {
			t.Errorf("mail %d: %+v, want failed after one attempt with %q", id, r, want)
		}
	}
	for _, id := range []int64{ok1, ok2} {
		if r := outboxRow(t, s, id); r.Status != "sent" {
			t.Errorf("mail %d: %+v", id, r)
		}
	}
	// Parked mail waits for the admin: later runs leave it alone.
	if res := runOutbox(t, d, outboxNow.Add(7*time.Hour), false); res.Handled != 0 {
		t.Errorf("a later run handled %d", res.Handled)
	}
	if srv.total() != 2 || srv.count("tidak.ada@contoh.id") != 0 {
		t.Errorf("server received %d mails", srv.total())
	}
}

func TestOutboxParksAfterMaxAttempts(t *testing.T) {
	s := testdb.Store(t)
	srv := startSMTP(t, 0)
	srv.setRefuse(func(to string, n int) error { return smtpRefusal(452, "kotak surat penuh") })
	d := newOutboxDelivery(t, s, newTestSender(t, srv.port))
	d.MaxAttempts = 3
	id := queueOutbox(t, s, "request_received", "penuh@contoh.id", receivedData("Warga", "0001/PPID/XI/2026"), outboxNow)

	for i, at := range []time.Time{outboxNow, outboxNow.Add(time.Hour)} {
		runOutbox(t, d, at, false)
		r := outboxRow(t, s, id)
		if r.Status != "pending" || r.Attempts != i+1 {
			t.Fatalf("after attempt %d: %+v", i+1, r)
		}
		backoffBetween(t, r, at, time.Minute<<i)
	}
	runOutbox(t, d, outboxNow.Add(2*time.Hour), false)
	r := outboxRow(t, s, id)
	if r.Status != "failed" || r.Attempts != 3 || !strings.Contains(r.LastError.String, "452") {
		t.Errorf("after the last attempt: %+v", r)
	}
	if res := runOutbox(t, d, outboxNow.Add(24*time.Hour), false); res.Handled != 0 {
		t.Errorf("a parked mail was tried again")
	}
}

func TestOutboxTwoInstancesSendEachMailOnce(t *testing.T) {
	url := testdb.URL(t)
	ctx := context.Background()
	var stores [2]*store.Store
	for i := range stores {
		s, err := store.Open(ctx, url, 4)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		stores[i] = s
	}
	srv := startSMTP(t, 0)
	const n = 120
	for i := range n {
		queueOutbox(t, stores[0], "request_received", fmt.Sprintf("warga%03d@contoh.id", i), receivedData("Warga", "0001/PPID/XI/2026"), outboxNow)
	}
	// One instance keeps a connection per batch, the other opens one per mail; small batches interleave their claims.
	sender := newTestSender(t, srv.port)
	a := newOutboxDelivery(t, stores[0], sender)
	a.Batch = 7
	b := newOutboxDelivery(t, stores[1], sendOnly{sender})
	b.Batch = 5

	var wg sync.WaitGroup
	var results [2]jobs.Result
	var errs [2]error
	for i, d := range []jobs.OutboxDelivery{a, b} {
		wg.Go(func() { results[i], errs[i] = d.Run(ctx, outboxNow) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if sent := results[0].MailsSent + results[1].MailsSent; sent != n {
		t.Errorf("the instances sent %d+%d mails, want %d", results[0].MailsSent, results[1].MailsSent, n)
	}
	if handled := results[0].Handled + results[1].Handled; handled != n {
		t.Errorf("the instances handled %d mails, want %d", handled, n)
	}
	for i := range n {
		if c := srv.count(fmt.Sprintf("warga%03d@contoh.id", i)); c != 1 {
			t.Errorf("%d mails to warga%03d, want 1", c, i)
		}
	}
	if got := outboxCountStatus(t, stores[0], "sent"); got != n {
		t.Errorf("%d mails marked sent, want %d", got, n)
	}
}

func TestOutboxCrashBetweenClaimAndSendLosesNothing(t *testing.T) {
	s := testdb.Store(t)
	srv := startSMTP(t, 0)
	d := newOutboxDelivery(t, s, newTestSender(t, srv.port))
	for i := range 3 {
		queueOutbox(t, s, "request_received", fmt.Sprintf("w%d@contoh.id", i), receivedData("Warga", "0001/PPID/XI/2026"), outboxNow)
	}
	// An instance claims the mails and dies before sending any.
	claimed, err := s.ClaimOutbox(context.Background(), outboxNow, 10)
	if err != nil || len(claimed) != 3 {
		t.Fatalf("claimed %d: %v", len(claimed), err)
	}
	// While the lease runs, no other run takes them; once it ends, the next run sends them.
	if res := runOutbox(t, d, outboxNow.Add(store.OutboxLease-time.Second), false); res.Handled != 0 {
		t.Errorf("handled %d mails still leased", res.Handled)
	}
	res := runOutbox(t, d, outboxNow.Add(store.OutboxLease), false)
	if res.Handled != 3 || res.MailsSent != 3 {
		t.Errorf("after the lease: handled %d, sent %d; want 3 and 3", res.Handled, res.MailsSent)
	}
	runOutbox(t, d, outboxNow.Add(time.Hour), false)
	for _, m := range claimed {
		if c := srv.count(m.Recipient); c != 1 {
			t.Errorf("%d mails to %s, want 1", c, m.Recipient)
		}
		if r := outboxRow(t, s, m.ID); r.Status != "sent" || r.Attempts != 1 {
			t.Errorf("mail %d: %+v", m.ID, r)
		}
	}
}

func TestOutboxWithoutSMTPKeepsMailQueued(t *testing.T) {
	s := testdb.Store(t)
	d := newOutboxDelivery(t, s, nil)
	id := queueOutbox(t, s, "request_received", "siti@contoh.id", receivedData("Siti", "0001/PPID/XI/2026"), outboxNow)
	res := runOutbox(t, d, outboxNow.Add(time.Hour), false)
	if res != (jobs.Result{}) {
		t.Errorf("result %+v, want nothing done", res)
	}
	r := outboxRow(t, s, id)
	if r.Status != "pending" || r.Attempts != 0 || !r.NextAttemptAt.Equal(outboxNow) || r.LastError.Valid || r.SentAt.Valid {
		t.Errorf("the queued mail was touched: %+v", r)
	}
}
