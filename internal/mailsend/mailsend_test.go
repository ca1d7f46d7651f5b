package mailsend

import (
	"context"
	netmail "net/mail"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/mailtext"
)

var ctx = context.Background()

func TestSendPlainTextUTF8(t *testing.T) {
	srv := startServer(t, serverOptions{})
	s := newTestSMTP(t, srv.port, "none", nil, "", "")
	m := mailtext.Message{Subject: "Pemberitahuan — keberatan Anda diterima ✓",
		Body: "Yth. Siti Aminah,\n\nKeberatan Anda telah kami terima pada Jumat, 27 November 2026.\nCafé, naïve: é à ü.\n"}
	if err := s.Send(ctx, "siti@contoh.id", m); err != nil {
		t.Fatal(err)
	}
	got := srv.received()
	if len(got) != 1 {
		t.Fatalf("%d messages, want 1", len(got))
	}
	r := got[0]
	if r.To != "siti@contoh.id" || r.Subject != m.Subject || r.Body != m.Body {
		t.Errorf("received to %q subject %q body %q", r.To, r.Subject, r.Body)
	}
	if raw := r.Header.Get("Subject"); !strings.HasPrefix(raw, "=?UTF-8?") {
		t.Errorf("subject not encoded: %q", raw)
	}
	if ct := strings.ToLower(r.Header.Get("Content-Type")); !strings.HasPrefix(ct, "text/plain") || !strings.Contains(ct, "charset=utf-8") {
		t.Errorf("content type %q", ct)
	}
	if id := r.Header.Get("Message-Id"); !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@uji.test>") {
		t.Errorf("message id %q", id)
	}
	if d, err := r.Header.Date(); err != nil || time.Since(d) > time.Minute {
		t.Errorf("date %v, %v", d, err)
	}
	if from, err := netmail.ParseAddress(r.Header.Get("From")); err != nil || from.Address != "ppid@uji.test" || from.Name != "PPID Uji" {
		t.Errorf("from %v, %v", from, err)
	}
	if ua := r.Header.Get("User-Agent") + r.Header.Get("X-Mailer"); ua != "" {
		t.Errorf("advertises its software: %q", ua)
	}
}

func TestSubjectCannotAddHeaders(t *testing.T) {
	srv := startServer(t, serverOptions{})
	s := newTestSMTP(t, srv.port, "none", nil, "", "")
	if err := s.Send(ctx, "siti@contoh.id", mailtext.Message{Subject: "Halo\r\nBcc: penyusup@contoh.id", Body: "isi\n"}); err != nil {
		t.Fatal(err)
	}
	got := srv.received()
	if len(got) != 1 || got[0].Subject != "Halo Bcc: penyusup@contoh.id" || got[0].Header.Get("Bcc") != "" {
		t.Errorf("received %+v", got)
	}
}

func TestBatchKeepsOneConnection(t *testing.T) {
	srv := startServer(t, serverOptions{})
	s := newTestSMTP(t, srv.port, "none", nil, "", "")
	b := s.Batch()
	for i := range 3 {
		if err := b.Send(ctx, addr(i), mailtext.Message{Subject: "Uji", Body: "isi\n"}); err != nil {
			t.Fatal(err)
		}
	}
	// A refused recipient leaves the session usable for the next message.
	if err := b.Send(ctx, "tidak.ada@contoh.id", mailtext.Message{Subject: "Uji", Body: "isi\n"}); !Permanent(err) {
		t.Errorf("refused recipient: %v", err)
	}
	if err := b.Send(ctx, addr(3), mailtext.Message{Subject: "Uji", Body: "isi\n"}); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
	if n := len(srv.received()); n != 4 {
		t.Errorf("%d messages, want 4", n)
	}
	if n := srv.connections(); n != 1 {
		t.Errorf("%d connections for one batch, want 1", n)
	}
}

func TestBatchDialsAgainWhenTheServerDroppedTheConnection(t *testing.T) {
	srv := startServer(t, serverOptions{readTimeout: 200 * time.Millisecond})
	s := newTestSMTP(t, srv.port, "none", nil, "", "")
	b := s.Batch()
	defer b.Close()
	if err := b.Send(ctx, addr(1), mailtext.Message{Subject: "Uji", Body: "isi\n"}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond) // the server hangs up on the idle connection
	if err := b.Send(ctx, addr(2), mailtext.Message{Subject: "Uji", Body: "isi\n"}); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.received()); n != 2 {
		t.Errorf("%d messages, want 2", n)
	}
	if n := srv.connections(); n != 2 {
		t.Errorf("%d connections, want 2", n)
	}
}

func TestFailuresAreClassified(t *testing.T) {
	srv := startServer(t, serverOptions{})
	s := newTestSMTP(t, srv.port, "none", nil, "", "")
	down := newTestSMTP(t, freePort(t), "none", nil, "", "")
	msg := mailtext.Message{Subject: "Uji", Body: "isi\n"}
	for _, c := range []struct {
		name                   string
		sender                 *SMTP
		to                     string
		permanent, unreachable bool
		code                   int
	}{
		{"recipient refused", s, "tidak.ada@contoh.id", true, false, 550},
		{"recipient refused for now", s, "nanti@contoh.id", false, false, 451},
		{"content refused", s, "isi.ditolak@contoh.id", true, false, 554},
		{"not an address", s, "bukan alamat", true, false, 0},
		{"server down", down, "siti@contoh.id", false, true, 0},
	} {
		err := c.sender.Send(ctx, c.to, msg)
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if Permanent(err) != c.permanent || Unreachable(err) != c.unreachable {
			t.Errorf("%s: %v: permanent %v, unreachable %v", c.name, err, Permanent(err), Unreachable(err))
		}
		if e, ok := err.(*Error); !ok || e.Code() != c.code {
			t.Errorf("%s: %v: code, want %d", c.name, err, c.code)
		}
	}
	if n := len(srv.received()); n != 0 {
		t.Errorf("%d messages delivered, want none", n)
	}
}

func TestStartTLSIsMandatory(t *testing.T) {
	serverTLS, clientTLS := selfSigned(t)
	plain := startServer(t, serverOptions{})
	err := newTestSMTP(t, plain.port, "starttls", clientTLS, "", "").Send(ctx, "siti@contoh.id", mailtext.Message{Subject: "Uji", Body: "isi\n"})
	if err == nil || !Unreachable(err) || Permanent(err) {
		t.Errorf("server without STARTTLS: %v", err)
	}
	if n := len(plain.received()); n != 0 {
		t.Errorf("sent in clear")
	}

	secure := startServer(t, serverOptions{tls: serverTLS})
	if err := newTestSMTP(t, secure.port, "starttls", clientTLS, "", "").Send(ctx, "siti@contoh.id", mailtext.Message{Subject: "Uji", Body: "isi\n"}); err != nil {
		t.Fatal(err)
	}
	// A certificate the client does not trust stops it.
	_, otherTLS := selfSigned(t)
	if err := newTestSMTP(t, secure.port, "starttls", otherTLS, "", "").Send(ctx, "budi@contoh.id", mailtext.Message{Subject: "Uji", Body: "isi\n"}); !Unreachable(err) {
		t.Errorf("untrusted certificate: %v", err)
	}
	if enc := secure.encrypted(); len(secure.received()) != 1 || len(enc) != 1 || !enc[0] {
		t.Errorf("received %d, encrypted %v", len(secure.received()), enc)
	}
}

func TestImplicitTLS(t *testing.T) {
	serverTLS, clientTLS := selfSigned(t)
	srv := startServer(t, serverOptions{tls: serverTLS, implicit: true})
	if err := newTestSMTP(t, srv.port, "tls", clientTLS, "", "").Send(ctx, "siti@contoh.id", mailtext.Message{Subject: "Uji", Body: "isi\n"}); err != nil {
		t.Fatal(err)
	}
	if enc := srv.encrypted(); len(srv.received()) != 1 || len(enc) != 1 || !enc[0] {
		t.Errorf("received %d, encrypted %v", len(srv.received()), enc)
	}
}

func TestAuthOnlyWithAUsername(t *testing.T) {
	serverTLS, clientTLS := selfSigned(t)
	srv := startServer(t, serverOptions{tls: serverTLS, auth: true})
	msg := mailtext.Message{Subject: "Uji", Body: "isi\n"}
	if err := newTestSMTP(t, srv.port, "starttls", clientTLS, "", "").Send(ctx, addr(1), msg); err != nil {
		t.Fatal(err)
	}
	if err := newTestSMTP(t, srv.port, "starttls", clientTLS, "ppid", "rahasia").Send(ctx, addr(2), msg); err != nil {
		t.Fatal(err)
	}
	// Wrong credentials are the configuration's fault, not the mail's: retry later, never park.
	err := newTestSMTP(t, srv.port, "starttls", clientTLS, "ppid", "salah").Send(ctx, addr(3), msg)
	if err == nil || Permanent(err) || !Unreachable(err) {
		t.Errorf("wrong password: %v", err)
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if len(srv.authUser) != 1 || srv.authUser[0] != "ppid" || len(srv.msgs) != 2 {
		t.Errorf("authenticated %v, received %d", srv.authUser, len(srv.msgs))
	}
}

func TestNewChecksTheConfig(t *testing.T) {
	for _, c := range []Config{
		{Host: "", From: "ppid@uji.test", TLS: "none"},
		{Host: "smtp.uji.test", From: "bukan alamat", TLS: "none"},
		{Host: "smtp.uji.test", From: "ppid@uji.test", TLS: "ssl"},
		{Host: "smtp.uji.test", Port: 70000, From: "ppid@uji.test", TLS: "starttls"},
	} {
		if _, err := New(c); err == nil {
			t.Errorf("%+v accepted", c)
		}
	}
	s, err := New(Config{Host: "smtp.uji.test", From: "ppid@uji.test", TLS: "tls"})
	if err != nil || s.client.ServerAddr() != "smtp.uji.test:465" {
		t.Errorf("default port for implicit TLS: %v, %v", s, err)
	}
}
