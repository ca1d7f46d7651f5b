package main

import (
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/terbuka-id/terbuka/internal/benchkit"
)

// proxy is a small round-robin reverse proxy, as an operator's load balancer would be: it skips
// a backend that refuses connections (for a few seconds), and retries a request on the next
// backend only when the refused one never received it.
type proxy struct {
	URL      string
	backends []string
	active   atomic.Int32 // how many backends, from the first, take requests
	next     atomic.Uint64
	client   *http.Client
	srv      *http.Server

	mu        sync.Mutex
	downUntil map[string]time.Time
}

func startProxy(apps []*benchkit.App) (*proxy, error) {
	addr, err := benchkit.FreeAddr()
	if err != nil {
		return nil, err
	}
	p := &proxy{URL: "http://" + addr, downUntil: map[string]time.Time{},
		client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256, MaxConnsPerHost: 256},
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	for _, a := range apps {
		p.backends = append(p.backends, a.BaseURL)
	}
	p.active.Store(int32(len(apps)))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	p.srv = &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second}
	go p.srv.Serve(ln)
	return p, nil
}

func (p *proxy) Close() { p.srv.Close() }

// use puts the first n backends in rotation.
func (p *proxy) use(n int) { p.active.Store(int32(n)) }

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	if err != nil {
		http.Error(w, "bad request body", http.StatusBadRequest)
		return
	}
	n := int(p.active.Load())
	for range n {
		backend := p.pick(n)
		req, _ := http.NewRequestWithContext(r.Context(), r.Method, backend+r.URL.RequestURI(), bytes.NewReader(body))
		req.Header = r.Header.Clone()
		req.Header.Set("X-Forwarded-For", clientIP(r))
		resp, err := p.client.Do(req)
		if err != nil {
			if errors.Is(err, syscall.ECONNREFUSED) {
				p.markDown(backend) // never reached it: safe to send elsewhere
				continue
			}
			http.Error(w, "backend failed: "+err.Error(), http.StatusBadGateway)
			return
		}
		for k, vs := range resp.Header {
			w.Header()[k] = vs
		}
		w.WriteHeader(resp.StatusCode)
		io.Copy(w, resp.Body)
		resp.Body.Close()
		return
	}
	http.Error(w, "no backend available", http.StatusBadGateway)
}

// pick returns the next backend in rotation that is not marked down (or any, if all are).
func (p *proxy) pick(n int) string {
	now := time.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	for range n {
		b := p.backends[int(p.next.Add(1)%uint64(n))]
		if now.After(p.downUntil[b]) {
			return b
		}
	}
	return p.backends[int(p.next.Add(1)%uint64(n))]
}

func (p *proxy) markDown(b string) {
	p.mu.Lock()
	p.downUntil[b] = time.Now().Add(5 * time.Second)
	p.mu.Unlock()
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
