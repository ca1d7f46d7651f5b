package web

import (
	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/metrics"
	"github.com/terbuka-id/terbuka/internal/reqlog"
	"github.com/terbuka-id/terbuka/internal/secret"
)

// requestIDHeader names the request id in both directions.
const requestIDHeader = "X-Request-ID"

// requestID gives every request an id: the one a proxy sent when it is a sane token, else a new
// one. It is answered in X-Request-ID and put in the context, so every log line of the request
// carries it (reqlog). A client's id is never trusted further: it only labels log lines.
func (s *Server) requestID() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader(requestIDHeader)
		if !saneRequestID(id) {
			id = secret.Token(16)
		}
		c.Header(requestIDHeader, id)
		c.Request = c.Request.WithContext(reqlog.WithRequestID(c.Request.Context(), id))
		c.Next()
	}
}

// saneRequestID accepts 8–64 characters of letters, digits, '-', '_' and '.': what proxies and
// tracers send, and nothing that could forge a log line or a header (ASVS 7.3.1 log injection).
func saneRequestID(id string) bool {
	if len(id) < 8 || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// observe counts requests for /metrics when metrics are wired; it sits outside recoverPanics so a
// panic is counted as the 500 it becomes.
func (s *Server) observe() gin.HandlerFunc {
	if s.metrics == nil {
		return func(c *gin.Context) { c.Next() }
	}
	return s.metrics.Gin()
}

// metricsEndpoint serves /metrics on the main listener only with metrics.token set, and then only
// to "Authorization: Bearer <token>"; without a token it is not there (metrics.addr serves it apart).
func (s *Server) metricsEndpoint(c *gin.Context) {
	if s.metrics == nil || s.cfg.Metrics.Token == "" {
		s.notFound(c)
		return
	}
	c.Header("Cache-Control", "no-store")
	metrics.RequireToken(s.cfg.Metrics.Token, s.metrics.Handler()).ServeHTTP(c.Writer, c.Request)
}
