// Package mailsend sends rendered e-mails over SMTP; the outbox job decides what to send and, through Permanent and Unreachable, what a failure means.
package mailsend

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	netmail "net/mail"
	"net/textproto"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"

	"github.com/terbuka-id/terbuka/internal/mailtext"
)

// Timeout bounds the connection and every exchange with the server.
const Timeout = 10 * time.Second

// Config is the mail server (config.yaml smtp).
type Config struct {
	Host     string
	Port     int // 0: 587 for starttls, 465 for tls, 25 for none
	Username string
	Password string
	From     string
	TLS      string // "starttls" (mandatory), "tls" (implicit) or "none" (a local relay)
}

// Sender sends one message to one recipient.
type Sender interface {
	Send(ctx context.Context, to string, m mailtext.Message) error
}

// Batcher is a Sender that can carry several messages over one connection.
type Batcher interface {
	Sender
	Batch() Batch
}

// Batch sends messages over one connection, dialled on first use; not safe for concurrent use.
type Batch interface {
	Sender
	Close() error
}

// SMTP sends through one SMTP server; safe for concurrent use, each Send or Batch has its own connection.
type SMTP struct {
	client *gomail.Client
	from   string
	domain string // of the From address, for Message-IDs
}

var _ Batcher = (*SMTP)(nil)

// New checks cfg and prepares the client; nothing is dialled until the first message.
func New(cfg Config) (*SMTP, error) {
	if cfg.Host == "" {
		return nil, errors.New("mailsend: no SMTP host")
	}
	from, err := netmail.ParseAddress(cfg.From)
	if err != nil {
		return nil, fmt.Errorf("mailsend: sender address %q: %w", cfg.From, err)
	}
	_, domain, _ := strings.Cut(from.Address, "@")
	opts := []gomail.Option{gomail.WithTimeout(Timeout)}
	port := cfg.Port
	switch cfg.TLS {
	case "starttls":
		// Mandatory: a server (or a man in the middle) that drops STARTTLS must not get the password or the mail in clear.
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
		if port == 0 {
			port = 587
		}
	case "tls":
		opts = append(opts, gomail.WithSSL())
		if port == 0 {
			port = 465
		}
	case "none":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
		if port == 0 {
			port = 25
		}
	default:
		return nil, fmt.Errorf("mailsend: TLS mode %q: want starttls, tls or none", cfg.TLS)
	}
	opts = append(opts, gomail.WithPort(port))
	if cfg.Username != "" {
		// Auto-discovery offers PLAIN and LOGIN only over an encrypted connection.
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(cfg.Username), gomail.WithPassword(cfg.Password))
	}
	c, err := gomail.NewClient(cfg.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("mailsend: %w", err)
	}
	return &SMTP{client: c, from: from.String(), domain: domain}, nil
}

// Send sends m to to over a connection of its own.
func (s *SMTP) Send(ctx context.Context, to string, m mailtext.Message) error {
	b := s.Batch()
	defer b.Close()
	return b.Send(ctx, to, m)
}

// Batch starts a batch; Close it when done.
func (s *SMTP) Batch() Batch { return &batch{s: s} }

type batch struct {
	s    *SMTP
	conn *smtp.Client // nil before the first message and after a broken connection
}

func (b *batch) Send(ctx context.Context, to string, m mailtext.Message) error {
	msg, err := b.s.message(to, m)
	if err != nil {
		return err
	}
	for try := 0; ; try++ {
		if err := ctx.Err(); err != nil {
			return &Error{stage: stageConnect, err: err}
		}
		reused := b.conn != nil
		if !reused {
			conn, err := b.s.client.DialToSMTPClientWithContext(ctx)
			if err != nil {
				return &Error{stage: stageConnect, code: replyCode(err), err: err}
			}
			b.conn = conn
		}
		err := b.s.client.SendWithSMTPClient(b.conn, msg)
		if err == nil {
			return nil
		}
		if msg.IsDelivered() {
			// The server took the message; only the RSET after it failed, so the connection is suspect.
			b.drop()
			return nil
		}
		var se *gomail.SendError
		isSendErr := errors.As(err, &se)
		if isSendErr && se.Reason == gomail.ErrConnCheck && reused && try == 0 {
			// A kept connection died while idle and nothing of this message went out: dial again once.
			b.drop()
			continue
		}
		e := &Error{stage: stageMessage, err: err}
		if isSendErr {
			e.reason, e.code = se.Reason, se.ErrorCode()
		}
		// Only a refused recipient leaves the session in a known state; anything else starts afresh.
		if !isSendErr || se.Reason != gomail.ErrSMTPRcptTo || e.code == 421 || e.code == 0 {
			b.drop()
		}
		return e
	}
}

// Close ends the connection politely (QUIT), if there is one.
func (b *batch) Close() error {
	if b.conn == nil {
		return nil
	}
	err := b.s.client.CloseWithSMTPClient(b.conn)
	b.conn.Close()
	b.conn = nil
	return err
}

// drop abandons the connection without a QUIT, which a broken connection would not answer.
func (b *batch) drop() {
	if b.conn != nil {
		b.conn.Close()
		b.conn = nil
	}
}

// message builds a text/plain UTF-8 message (quoted-printable, encoded Subject) with its Message-ID (m's, or a random one) and Date.
func (s *SMTP) message(to string, m mailtext.Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := msg.From(s.from); err != nil {
		return nil, fmt.Errorf("mailsend: sender address: %w", err)
	}
	if err := msg.To(to); err != nil {
		return nil, &Error{stage: stageAddress, err: fmt.Errorf("recipient %q: %w", to, err)}
	}
	// A line break in the subject would start a header of its own.
	msg.Subject(strings.Join(strings.Fields(m.Subject), " "))
	id := m.MessageID
	if id == "" {
		id = randomHex(16)
	}
	if !strings.Contains(id, "@") {
		id += "@" + s.domain
	}
	// A line break would start a header of its own; angle brackets are added by go-mail.
	msg.SetMessageIDWithValue(strings.Trim(strings.Join(strings.Fields(id), ""), "<>"))
	msg.SetDate()
	msg.SetBodyString(gomail.TypeTextPlain, m.Body)
	return msg, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

type stage int

const (
	stageAddress stage = iota + 1 // the recipient address is not an address
	stageConnect                  // dial, greeting, TLS or AUTH: nothing of any message was sent
	stageMessage                  // MAIL, RCPT or DATA of this message
)

// Error is a failed send; Permanent and Unreachable classify it.
type Error struct {
	stage  stage
	reason gomail.SendErrReason
	code   int // SMTP reply code, 0 when the server gave none (network, TLS)
	err    error
}

func (e *Error) Error() string {
	switch e.stage {
	case stageAddress:
		return "mailsend: invalid address: " + e.err.Error()
	case stageConnect:
		return "mailsend: unable to reach the SMTP server: " + e.err.Error()
	}
	return "mailsend: unable to send: " + e.err.Error()
}

func (e *Error) Unwrap() error { return e.err }

// Code is the SMTP reply code of the failure, 0 when the server gave none.
func (e *Error) Code() int { return e.code }

// Permanent: retrying cannot help this message (a bad address, a 5xx to its RCPT or DATA); a 5xx to greeting, AUTH or MAIL FROM is the configuration's fault, not the message's.
func Permanent(err error) bool {
	var e *Error
	if !errors.As(err, &e) {
		return false
	}
	switch e.stage {
	case stageAddress:
		return true
	case stageMessage:
		switch e.reason {
		case gomail.ErrSMTPRcptTo, gomail.ErrSMTPData, gomail.ErrSMTPDataClose:
			return e.code >= 500 && e.code < 600
		}
	}
	return false
}

// Unreachable: the failure came before any message (dial, greeting, TLS, AUTH), so every other message would fail alike now.
func Unreachable(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.stage == stageConnect
}

// replyCode is the SMTP reply code inside a dial error (greeting, STARTTLS, AUTH), 0 when there is none.
func replyCode(err error) int {
	var tp *textproto.Error
	if errors.As(err, &tp) {
		return tp.Code
	}
	return 0
}
