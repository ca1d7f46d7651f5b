package web_test

import (
	"context"
	"encoding/hex"
	"io"
	"log"
	"mime/quotedprintable"
	"net"
	"net/http"
	netmail "net/mail"
	"net/url"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/terbuka-id/terbuka/internal/app"
	"github.com/terbuka-id/terbuka/internal/config"
	"github.com/terbuka-id/terbuka/internal/pgcluster"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

// mailbox is a real SMTP server on 127.0.0.1 that keeps each message's decoded body by
// recipient, and refuses the recipients in refuse with a permanent 550.
type mailbox struct {
	port   int
	mu     sync.Mutex
	bodies map[string][]string
	refuse map[string]bool
}

func startMailbox(t *testing.T, refuse ...string) *mailbox {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	mb := &mailbox{port: ln.Addr().(*net.TCPAddr).Port, bodies: map[string][]string{}, refuse: map[string]bool{}}
	for _, r := range refuse {
		mb.refuse[r] = true
	}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &mailboxSession{mb: mb}, nil }))
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.ErrorLog = log.New(io.Discard, "", 0)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return mb
}

func (mb *mailbox) received(to string) []string {
	mb.mu.Lock()
	defer mb.mu.Unlock()
	return append([]string(nil), mb.bodies[to]...)
}

type mailboxSession struct {
	mb *mailbox
	to []string
}

func (s *mailboxSession) Mail(string, *smtp.MailOptions) error { return nil }

func (s *mailboxSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	if s.mb.refuse[to] {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox"}
	}
	s.to = append(s.to, to)
	return nil
}

func (s *mailboxSession) Data(r io.Reader) error {
	m, err := netmail.ReadMessage(r)
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
	s.mb.mu.Lock()
	defer s.mb.mu.Unlock()
	for _, to := range s.to {
		s.mb.bodies[to] = append(s.mb.bodies[to], string(text))
	}
	return nil
}

func (s *mailboxSession) Reset()        { s.to = nil }
func (s *mailboxSession) Logout() error { return nil }

// mailApp is newApp with SMTP pointed at mb, the outbox job at hand and the database's URL for pg_dump.
type mailApp struct {
	*testApp
	run   func(t *testing.T)
	dbURL string
}

func newMailApp(t *testing.T, now time.Time, mb *mailbox) *mailApp {
	t.Helper()
	dbURL := testdb.URL(t)
	s, err := store.Open(context.Background(), dbURL, 8)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ta, a := startApp(t, s, now, func(cfg *config.Config) {
		cfg.SMTP.Host, cfg.SMTP.Port, cfg.SMTP.TLS, cfg.SMTP.From = "127.0.0.1", mb.port, "none", "PPID Uji <ppid@uji.test>"
	})
	tc := ta.Clock
	ma := &mailApp{testApp: ta, dbURL: dbURL}
	ma.run = func(t *testing.T) {
		t.Helper()
		// Mail is due from the database's now(), which the test clock may be behind.
		if real := time.Now().Add(time.Minute); tc.Now().Before(real) {
			tc.Set(real)
		}
		if _, err := a.Jobs.RunAt(context.Background(), app.JobOutbox, tc.Now()); err != nil {
			t.Fatalf("outbox job: %v", err)
		}
	}
	return ma
}

// dump is the whole database as pg_dump writes it, the form every backup takes.
func (ma *mailApp) dump(t *testing.T) string {
	t.Helper()
	bin, err := pgcluster.Tool("pg_dump")
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "--no-owner", "-d", ma.dbURL).Output()
	if err != nil {
		t.Fatalf("pg_dump: %v", err)
	}
	return string(out)
}

// leaks names where secret appears in text: as typed, without its dash, in lower case, or as the
// hex pg_dump writes a bytea in (gob-encoded session data, say).
func leaks(text, secret string) []string {
	var found []string
	bare := strings.ReplaceAll(secret, "-", "")
	for _, form := range []string{secret, bare, strings.ToLower(bare)} {
		if strings.Contains(text, form) {
			found = append(found, "clear "+form)
		}
		if strings.Contains(text, hex.EncodeToString([]byte(form))) {
			found = append(found, "hex of "+form)
		}
	}
	return found
}

func noLeak(t *testing.T, where, text string, secrets map[string]string) {
	t.Helper()
	for what, s := range secrets {
		if found := leaks(text, s); len(found) > 0 {
			t.Errorf("%s holds the %s %q: %v", where, what, s, found)
		}
	}
}

// postNoFollow posts an administrator's form and does not follow the redirect, so what the next
// page shows once is still waiting in the session.
func postNoFollow(t *testing.T, o *officer, path string, form url.Values) {
	t.Helper()
	form.Set("csrf_token", csrfFrom(t, o.c, o.app.URL+"/kantor"))
	resp, err := o.c.PostForm(o.app.URL+path, form)
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST %s: %d", path, resp.StatusCode)
	}
}

var receiptCodePattern = regexp.MustCompile(`<dd class="big code">([^<]+)</dd>`)

// Tracking codes and temporary passwords act as the requester and the account: no backup and no
// administrator's screen holds them, before or after the mail goes, sent or parked; the
// requester's own mailbox does get the code.
func TestSecretsNeverInDumpOrOutbox(t *testing.T) {
	t.Parallel()
	mb := startMailbox(t, "ditolak@contoh.id")
	ma := newMailApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta), mb)
	secrets := map[string]string{}

	// Through the API, to an address that takes mail.
	_, number, code := submitViaAPI(t, ma.testApp)
	secrets["API tracking code"] = code
	// Through the web form, to an address that refuses it: the receipt page keeps the code in the session.
	citizen := newClient(t)
	form := validForm()
	form.Set("requester.email", "ditolak@contoh.id")
	resp, err := citizen.PostForm(ma.URL+"/permohonan/baru", form)
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("web submission: %d", resp.StatusCode)
	}
	resp, err = citizen.Get(ma.URL + "/permohonan/tanda-bukti")
	if err != nil {
		t.Fatal(err)
	}
	m := receiptCodePattern.FindStringSubmatch(readBody(t, resp))
	if m == nil {
		t.Fatal("the receipt page shows no tracking code")
	}
	secrets["web tracking code"] = strings.TrimSpace(m[1])

	// An invitation and a reset, each leaving its temporary password in the administrator's session.
	admin := signInAdmin(t, ma.testApp)
	utama := idOf(t, ma.testApp, `SELECT id::text FROM units WHERE kind = 'utama'`)
	postNoFollow(t, admin, "/kantor/admin/pengguna/baru", url.Values{"name": {"Rina"}, "email": {"rina@uji.test"}, "role": {"petugas"}, "unit_id": {utama}})
	before := ma.dump(t)
	if m := secretPattern.FindStringSubmatch(admin.get("/kantor/admin/pengguna")); m == nil {
		t.Fatal("no temporary password after the invitation")
	} else {
		secrets["invitation's temporary password"] = m[1]
	}
	rina := idOf(t, ma.testApp, `SELECT id::text FROM users WHERE email = 'rina@uji.test'`)
	postNoFollow(t, admin, "/kantor/admin/pengguna/"+rina+"/reset-sandi", url.Values{})
	afterReset := ma.dump(t)
	if m := secretPattern.FindStringSubmatch(admin.get("/kantor/admin/pengguna")); m == nil {
		t.Fatal("no temporary password after the reset")
	} else {
		secrets["reset's temporary password"] = m[1]
	}
	if !strings.Contains(before, number) {
		t.Fatalf("the dump lacks the registration number %s: not a dump of this database", number)
	}
	noLeak(t, "pg_dump before delivery", before+afterReset, secrets)

	mails := map[string]string{}
	for _, to := range []string{"siti@contoh.id", "ditolak@contoh.id"} {
		mails[to] = idOf(t, ma.testApp, `SELECT id::text FROM outbox WHERE recipient = $1 AND template = 'request_received'`, to)
	}
	outboxPages := func(when string) {
		t.Helper()
		noLeak(t, "outbox list "+when, admin.get("/kantor/admin/surel"), secrets)
		for to, id := range mails {
			page := admin.get("/kantor/admin/surel/" + id)
			noLeak(t, "outbox mail to "+to+" "+when, page, secrets)
			if !strings.Contains(page, "Kode pelacakan: ••••••") || !strings.Contains(page, "disembunyikan") {
				t.Errorf("outbox mail to %s %s does not show the code masked", to, when)
			}
		}
	}
	outboxPages("while queued")

	ma.run(t)
	got := mb.received("siti@contoh.id")
	if len(got) != 1 || !strings.Contains(got[0], "Kode pelacakan: "+code) {
		t.Fatalf("the requester's receipt lacks the code: %q", got)
	}
	var rows []struct {
		Recipient string `db:"recipient"`
		Status    string `db:"status"`
		Sealed    bool   `db:"sealed"`
	}
	if err := ma.Store.DB().Select(&rows, `SELECT recipient, status, secrets IS NOT NULL AS sealed FROM outbox WHERE template = 'request_received' ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"siti@contoh.id": "sent", "ditolak@contoh.id": "failed"}
	for _, r := range rows {
		if r.Status != want[r.Recipient] || r.Sealed {
			t.Errorf("mail to %s after the run: status %s, secrets kept %v", r.Recipient, r.Status, r.Sealed)
		}
	}
	noLeak(t, "pg_dump after delivery", ma.dump(t), secrets)
	outboxPages("after delivery")
	noLeak(t, "the log", ma.Logs.String(), secrets)
}
