package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// startMetrics serves /metrics on metrics.addr, a listener of its own kept off the public one;
// with no address it does nothing. stop closes it; a failure while serving goes to errc.
func (a *instance) startMetrics(errc chan<- error) (addr string, stop func(context.Context), err error) {
	if a.Config.Metrics.Addr == "" {
		return "", func(context.Context) {}, nil
	}
	ln, err := net.Listen("tcp", a.Config.Metrics.Addr)
	if err != nil {
		return "", nil, fmt.Errorf("metrics.addr: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", a.Metrics.Handler())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errc <- err
		}
	}()
	addr = ln.Addr().String()
	a.log.Info("serving metrics", "url", "http://"+addr+"/metrics")
	return addr, func(ctx context.Context) { _ = srv.Shutdown(ctx) }, nil
}
