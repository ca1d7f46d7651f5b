package jobs_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"mime"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/terbuka-id/terbuka/internal/jobs"
	"github.com/terbuka-id/terbuka/internal/mailsend"
	"github.com/terbuka-id/terbuka/internal/mailtext"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/store"
)

// smtpServer is a real SMTP server on 127.0.0.1 that keeps what it receives, by recipient.
type smtpServer struct {
	port int
	srv  *smtp.Server

	mu     sync.Mutex
	got    map[string][]receivedMail
	rcpts  int                          // RCPT commands seen
	refuse func(to string, n int) error // answers the n-th RCPT; nil accepts
}

type receivedMail struct {
	From, Subject, Body, ContentType, MessageID, Date string
}

// startSMTP listens on port (0: any free port) until the test ends.
func startSMTP(t *testing.T, port int) *smtpServer {
	t.Helper()
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{port: ln.Addr().(*net.TCPAddr).Port, got: map[string][]receivedMail{}}
	s.srv = smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &smtpSession{srv: s}, nil }))
	s.srv.Domain = "localhost"
	s.srv.ReadTimeout, s.srv.WriteTimeout = 10*time.Second, 10*time.Second
	s.srv.ErrorLog = log.New(io.Discard, "", 0)
	go s.srv.Serve(ln)
	t.Cleanup(func() { s.srv.Close() })
	return s
}

// freePort is a port nothing listens on: an SMTP server that is down.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func (s *smtpServer) setRefuse(f func(to string, n int) error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refuse = f
}

func (s *smtpServer) count(to string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.got[to])
}

func (s *smtpServer) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, ms := range s.got {
		n += len(ms)
	}
	return n
}

func (s *smtpServer) mails(to string) []receivedMail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]receivedMail(nil), s.got[to]...)
}

type smtpSession struct {
	srv  *smtpServer
	from string
	to   []string
}

func (c *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	c.from = from
	return nil
}

func (c *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	c.srv.mu.Lock()
	c.srv.rcpts++
	n, refuse := c.srv.rcpts, c.srv.refuse
	c.srv.mu.Unlock()
	if refuse != nil {
		if err := refuse(to, n); err != nil {
			return err
		}
	}
	c.to = append(c.to, to)
	return nil
}

func (c *smtpSession) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		return err
	}
	var body io.Reader = m.Body
	if strings.EqualFold(m.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
		body = quotedprintable.NewReader(m.Body)
	}
	text, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	got := receivedMail{From: m.Header.Get("From"), Subject: subject, Body: strings.ReplaceAll(string(text), "\r\n", "\n"),
		ContentType: m.Header.Get("Content-Type"), MessageID: m.Header.Get("Message-Id"), Date: m.Header.Get("Date")}
	c.srv.mu.Lock()
	defer c.srv.mu.Unlock()
	for _, to := range c.to {
		c.srv.got[to] = append(c.srv.got[to], got)
	}
	return nil
}

func (c *smtpSession) Reset() { c.from, c.to = "", nil }

func (c *smtpSession) Logout() error { return nil }

// smtpRefusal is a reply the test server gives instead of accepting a recipient.
func smtpRefusal(code int, text string) error {
	return &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCode{code / 100, 0, 0}, Message: text}
}

// newTestSender is the real SMTP client, pointed at 127.0.0.1:port without TLS.
func newTestSender(t *testing.T, port int) *mailsend.SMTP {
	t.Helper()
	s, err := mailsend.New(mailsend.Config{Host: "127.0.0.1", Port: port, From: "PPID Uji <ppid@uji.test>", TLS: "none"})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// sendOnly hides the batch support, so the job takes its one-connection-per-mail path.
type sendOnly struct{ s mailsend.Sender }

func (o sendOnly) Send(ctx context.Context, to string, m mailtext.Message) error {
	return o.s.Send(ctx, to, m)
}

var outboxZone = time.FixedZone("WIB", 7*3600)

// outboxNow is Friday 27 November 2026, 09:00 WIB.
var outboxNow = time.Date(2026, 11, 27, 9, 0, 0, 0, outboxZone)

func newOutboxDelivery(t *testing.T, s *store.Store, sender mailsend.Sender) jobs.OutboxDelivery {
	t.Helper()
	r, err := mailtext.New()
	if err != nil {
		t.Fatal(err)
	}
	box, err := secret.NewBox(bytes.Repeat([]byte{5}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return jobs.OutboxDelivery{Store: s, Sender: sender, Mail: r, Box: box, MaxAttempts: 8}
}

// receivedData is a request_received mail's data, as intake queues it.
func receivedData(name, number string) map[string]any {
	return map[string]any{"name": name, "registration_number": number, "tracking_code": "KODE-UJI-123",
		"tracking_url": "https://ppid.uji.test/lacak", "response_due": "2026-12-11", "office_name": "PPID Kota Uji"}
}

// queueOutbox queues a mail due at due; data is marshalled unless it is already JSON text.
func queueOutbox(t *testing.T, s *store.Store, template, to string, data any, due time.Time) int64 {
	t.Helper()
	js, ok := data.(string)
	if !ok {
		b, err := json.Marshal(data)
		if err != nil {
			t.Fatal(err)
		}
		js = string(b)
	}
	var id int64
	if err := s.DB().Get(&id, `INSERT INTO outbox (template, recipient, data, next_attempt_at) VALUES ($1, $2, $3::jsonb, $4) RETURNING id`,
		template, to, js, due); err != nil {
		t.Fatal(err)
	}
	return id
}

type outboxState struct {
	Status        string         `db:"status"`
	Attempts      int            `db:"attempts"`
	NextAttemptAt time.Time      `db:"next_attempt_at"`
	SentAt        sql.NullTime   `db:"sent_at"`
	LastError     sql.NullString `db:"last_error"`
}

func outboxRow(t *testing.T, s *store.Store, id int64) outboxState {
	t.Helper()
	var r outboxState
	if err := s.DB().Get(&r, `SELECT status, attempts, next_attempt_at, sent_at, last_error FROM outbox WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	return r
}

func outboxCountStatus(t *testing.T, s *store.Store, status string) int {
	t.Helper()
	var n int
	if err := s.DB().Get(&n, `SELECT count(*) FROM outbox WHERE status = $1`, status); err != nil {
		t.Fatal(err)
	}
	return n
}

// runOutbox runs d at now and fails the test on an error unless wantErr.
func runOutbox(t *testing.T, d jobs.OutboxDelivery, now time.Time, wantErr bool) jobs.Result {
	t.Helper()
	res, err := d.Run(context.Background(), now)
	if (err != nil) != wantErr {
		t.Fatalf("run at %s: error %v, want error: %v", now.Format(time.TimeOnly), err, wantErr)
	}
	return res
}

// backoffBetween checks the row waits at least d after at, and at most 10% longer.
func backoffBetween(t *testing.T, r outboxState, at time.Time, d time.Duration) {
	t.Helper()
	wait := r.NextAttemptAt.Sub(at)
	if wait < d || wait > d+d/10+time.Second {
		t.Errorf("next attempt after %s, want %s (+10%%)", wait, d)
	}
}
