package jobs_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/notify"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

// hookReceiver is a real HTTP server that checks each delivery's signature and answers with
// the next of its scripted status codes (then 200).
type hookReceiver struct {
	mu       sync.Mutex
	secret   []byte
	answers  []int
	accepted []hookDelivery // deliveries answered 2xx
	tries    int
	badSig   int
}

type hookDelivery struct {
	event, timestamp, id string
	body                 []byte
}

func (h *hookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.tries++
	if !notify.Verify(h.secret, body, r.Header.Get(notify.HeaderSignature)) {
		h.badSig++
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	code := http.StatusOK
	if len(h.answers) > 0 {
		code, h.answers = h.answers[0], h.answers[1:]
	}
	if code < 300 {
		h.accepted = append(h.accepted, hookDelivery{event: r.Header.Get(notify.HeaderEvent),
			timestamp: r.Header.Get(notify.HeaderTimestamp), id: r.Header.Get(notify.HeaderDelivery), body: body})
	}
	w.WriteHeader(code)
}

func queueHook(t *testing.T, s *store.Store, event, body string, due time.Time) int64 {
	t.Helper()
	var id int64
	if err := s.DB().Get(&id, `INSERT INTO outbox (channel, template, recipient, data, next_attempt_at)
		VALUES ('webhook', $1, 'webhook', $2::jsonb, $3) RETURNING id`, event, body, due); err != nil {
		t.Fatal(err)
	}
	return id
}

// A delivery the receiver refuses with 500 waits with the outbox's backoff and goes on the next
// run; once accepted it is marked sent and never posted again. Every post carries a valid
// HMAC-SHA256 signature of the raw body, the event and a timestamp; no SMTP server is needed.
func TestWebhookSignedRetriedAndDeliveredOnce(t *testing.T) {
	s := testdb.Store(t)
	recv := &hookReceiver{secret: []byte("rahasia-webhook-uji-123"), answers: []int{http.StatusInternalServerError}}
	srv := httptest.NewServer(recv)
	t.Cleanup(srv.Close)
	d := newOutboxDelivery(t, s, nil) // no SMTP: webhooks go all the same
	d.Channels = map[string]notify.Channel{notify.ChannelWebhook: &notify.Webhook{URL: srv.URL, Secret: recv.secret,
		Now: func() time.Time { return outboxNow }}}
	body := `{"event": "new_request", "case_id": 7, "registration_number": "0007/PPID/XI/2026", "unit": "PPID Utama", "time": "2026-11-27T09:00:00+07:00"}`
	id := queueHook(t, s, "new_request", body, outboxNow)
	mail := queueOutbox(t, s, "request_received", "siti@contoh.id", receivedData("Siti", "0007/PPID/XI/2026"), outboxNow)

	runOutbox(t, d, outboxNow, false)
	r := outboxRow(t, s, id)
	if r.Status != "pending" || r.Attempts != 1 || !r.LastError.Valid {
		t.Fatalf("after a 500: %+v", r)
	}
	backoffBetween(t, r, outboxNow, time.Minute)
	if m := outboxRow(t, s, mail); m.Status != "pending" || m.Attempts != 0 {
		t.Errorf("the webhook sender touched an e-mail: %+v", m)
	}

	runOutbox(t, d, outboxNow.Add(30*time.Second), false) // before the backoff ends: not tried
	if recv.tries != 1 {
		t.Errorf("%d tries before the backoff ended, want 1", recv.tries)
	}
	later := outboxNow.Add(2 * time.Minute)
	runOutbox(t, d, later, false)
	if r := outboxRow(t, s, id); r.Status != "sent" || r.Attempts != 2 {
		t.Fatalf("after the retry: %+v", r)
	}
	runOutbox(t, d, later.Add(time.Hour), false)
	if recv.badSig != 0 || recv.tries != 2 || len(recv.accepted) != 1 {
		t.Fatalf("tries %d, bad signatures %d, accepted %d: want 2 tries and one delivery", recv.tries, recv.badSig, len(recv.accepted))
	}
	got := recv.accepted[0]
	if got.event != "new_request" || got.timestamp != strconv.FormatInt(outboxNow.Unix(), 10) || got.id != strconv.FormatInt(id, 10) {
		t.Errorf("headers: event %q, timestamp %q, delivery %q", got.event, got.timestamp, got.id)
	}
	if notify.Verify([]byte("another secret"), got.body, notify.Sign(recv.secret, got.body)) {
		t.Error("a signature verified under another secret")
	}
}

// A receiver that refuses for good (4xx) parks the delivery for the administrator at once.
func TestWebhookPermanentRefusalParks(t *testing.T) {
	s := testdb.Store(t)
	recv := &hookReceiver{secret: []byte("rahasia-webhook-uji-123"), answers: []int{http.StatusGone}}
	srv := httptest.NewServer(recv)
	t.Cleanup(srv.Close)
	d := newOutboxDelivery(t, s, nil)
	d.Channels = map[string]notify.Channel{notify.ChannelWebhook: &notify.Webhook{URL: srv.URL, Secret: recv.secret}}
	id := queueHook(t, s, "new_objection", `{"event": "new_objection"}`, outboxNow)
	res := runOutbox(t, d, outboxNow, false)
	if r := outboxRow(t, s, id); r.Status != "failed" || r.Attempts != 1 || res.MailsFailed != 1 {
		t.Errorf("after a 410: %+v (result %+v)", r, res)
	}
}

// A webhook gateway that is down does not hold up e-mail: the mail goes, every delivery of the
// batch is rescheduled with backoff after one failed connection, and the run reports the outage.
func TestWebhookDownDoesNotHoldUpMail(t *testing.T) {
	s := testdb.Store(t)
	mailSrv := startSMTP(t, 0)
	d := newOutboxDelivery(t, s, newTestSender(t, mailSrv.port))
	d.Channels = map[string]notify.Channel{notify.ChannelWebhook: &notify.Webhook{
		URL: "http://127.0.0.1:" + strconv.Itoa(freePort(t)) + "/hook", Secret: []byte("rahasia-webhook-uji-123")}}
	hooks := []int64{queueHook(t, s, "new_request", `{"event": "new_request"}`, outboxNow),
		queueHook(t, s, "new_objection", `{"event": "new_objection"}`, outboxNow)}
	queueOutbox(t, s, "request_received", "siti@contoh.id", receivedData("Siti", "0007/PPID/XI/2026"), outboxNow)
	runOutbox(t, d, outboxNow, true)
	if n := mailSrv.count("siti@contoh.id"); n != 1 {
		t.Errorf("%d mails sent while the webhook gateway was down, want 1", n)
	}
	for _, id := range hooks {
		if r := outboxRow(t, s, id); r.Status != "pending" || r.Attempts != 1 || !strings.Contains(r.LastError.String, "tidak dapat dihubungi") {
			t.Errorf("delivery %d: %+v", id, r)
		}
	}
}
