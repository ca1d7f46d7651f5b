package mailsend

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"io"
	"log"
	"math/big"
	"mime"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// testServer is a real SMTP server on 127.0.0.1 that keeps what it receives.
type testServer struct {
	port int
	srv  *smtp.Server

	mu       sync.Mutex
	conns    int
	msgs     []received
	authUser []string // who authenticated, one entry per AUTH
	tlsRcpt  []bool   // per recipient: was the session encrypted
}

type received struct {
	To      string
	Header  netmail.Header
	Subject string
	Body    string
}

type serverOptions struct {
	tls         *tls.Config // offered through STARTTLS, or for the whole connection with implicit
	implicit    bool
	auth        bool // offer AUTH PLAIN, user "ppid" password "rahasia"
	readTimeout time.Duration
}

func startServer(t *testing.T, o serverOptions) *testServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &testServer{port: ln.Addr().(*net.TCPAddr).Port}
	s.srv = smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		s.mu.Lock()
		s.conns++
		s.mu.Unlock()
		base := &session{srv: s, conn: c}
		if o.auth {
			return &authSession{base}, nil
		}
		return base, nil
	}))
	s.srv.Domain = "localhost"
	s.srv.ReadTimeout, s.srv.WriteTimeout = 10*time.Second, 10*time.Second
	if o.readTimeout > 0 {
		s.srv.ReadTimeout = o.readTimeout
	}
	s.srv.ErrorLog = log.New(io.Discard, "", 0)
	if o.implicit {
		ln = tls.NewListener(ln, o.tls)
	} else {
		s.srv.TLSConfig = o.tls
	}
	go s.srv.Serve(ln)
	t.Cleanup(func() { s.srv.Close() })
	return s
}

func (s *testServer) received() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.msgs...)
}

// encrypted tells, per accepted recipient, whether the session was encrypted.
func (s *testServer) encrypted() []bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]bool(nil), s.tlsRcpt...)
}

func (s *testServer) connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conns
}

type session struct {
	srv  *testServer
	conn *smtp.Conn
	to   []string
}

func (c *session) Mail(string, *smtp.MailOptions) error { return nil }

func (c *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	switch {
	case strings.HasPrefix(to, "tidak.ada@"):
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "mailbox tidak ada"}
	case strings.HasPrefix(to, "nanti@"):
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "coba lagi nanti"}
	}
	c.to = append(c.to, to)
	_, encrypted := c.conn.TLSConnectionState()
	c.srv.mu.Lock()
	c.srv.tlsRcpt = append(c.srv.tlsRcpt, encrypted)
	c.srv.mu.Unlock()
	return nil
}

func (c *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	for _, to := range c.to {
		if strings.HasPrefix(to, "isi.ditolak@") {
			return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "isi ditolak"}
		}
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
	c.srv.mu.Lock()
	defer c.srv.mu.Unlock()
	for _, to := range c.to {
		c.srv.msgs = append(c.srv.msgs, received{To: to, Header: m.Header, Subject: subject,
			Body: strings.ReplaceAll(string(text), "\r\n", "\n")})
	}
	return nil
}

func (c *session) Reset()        { c.to = nil }
func (c *session) Logout() error { return nil }

type authSession struct{ *session }

func (c *authSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (c *authSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != "ppid" || pass != "rahasia" {
			return errors.New("kata sandi salah")
		}
		c.srv.mu.Lock()
		c.srv.authUser = append(c.srv.authUser, user)
		c.srv.mu.Unlock()
		return nil
	}), nil
}

// selfSigned is a certificate for 127.0.0.1 and a client configuration that trusts only it.
func selfSigned(t *testing.T) (server, client *tls.Config) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}},
		&tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
}

// newTestSMTP is New for a test server, trusting clientTLS when given.
func newTestSMTP(t *testing.T, port int, mode string, clientTLS *tls.Config, user, pass string) *SMTP {
	t.Helper()
	s, err := New(Config{Host: "127.0.0.1", Port: port, Username: user, Password: pass, From: "PPID Uji <ppid@uji.test>", TLS: mode})
	if err != nil {
		t.Fatal(err)
	}
	if clientTLS != nil {
		if err := s.client.SetTLSConfig(clientTLS); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func addr(n int) string { return fmt.Sprintf("warga%d@contoh.id", n) }
