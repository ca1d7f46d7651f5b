package main

import (
	"bufio"
	"io"
	"net"
	"net/textproto"
	"sync"
	"time"

	"github.com/emersion/go-smtp"
)

// smtpSink is an SMTP server that accepts every message and counts them by Message-ID, so a
// mail sent twice (a worker killed between the server's acceptance and its record) shows.
type smtpSink struct {
	port int
	srv  *smtp.Server

	mu   sync.Mutex
	byID map[string]int
	all  int
}

func startSMTPSink() (*smtpSink, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &smtpSink{port: ln.Addr().(*net.TCPAddr).Port, byID: map[string]int{}}
	s.srv = smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &sinkSession{sink: s}, nil }))
	s.srv.Domain = "localhost"
	s.srv.ReadTimeout, s.srv.WriteTimeout = 30*time.Second, 30*time.Second
	s.srv.AllowInsecureAuth = true
	go s.srv.Serve(ln)
	return s, nil
}

func (s *smtpSink) Close() { s.srv.Close() }

// counts returns the messages received and those whose Message-ID came more than once.
func (s *smtpSink) counts() (received, duplicated int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, n := range s.byID {
		if n > 1 {
			duplicated += n - 1
		}
	}
	return s.all, duplicated
}

type sinkSession struct{ sink *smtpSink }

func (*sinkSession) Mail(string, *smtp.MailOptions) error { return nil }
func (*sinkSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (*sinkSession) Reset()                               {}
func (*sinkSession) Logout() error                        { return nil }

func (s *sinkSession) Data(r io.Reader) error {
	header, err := textproto.NewReader(bufio.NewReader(r)).ReadMIMEHeader()
	if err != nil {
		return err
	}
	io.Copy(io.Discard, r)
	s.sink.mu.Lock()
	s.sink.all++
	s.sink.byID[header.Get("Message-Id")]++
	s.sink.mu.Unlock()
	return nil
}
