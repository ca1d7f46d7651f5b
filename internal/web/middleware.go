package web

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/alexedwards/scs/v2"
	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/secret"
)

// logRequests logs one line per request through slog. The query string is left out: tracking
// codes travel there and must not reach the logs.
func (s *Server) logRequests() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		status := c.Writer.Status()
		level := s.log.Info
		if status >= 500 {
			level = s.log.Error
		}
		level("http", "method", c.Request.Method, "path", c.Request.URL.Path, "status", status,
			"duration_ms", float64(time.Since(start).Microseconds())/1000, "remote", c.ClientIP())
	}
}

// recoverPanics turns a panic into a logged 500 instead of a dropped connection.
func (s *Server) recoverPanics() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "value", fmt.Sprint(v), "stack", string(debug.Stack()))
				if !c.Writer.Written() {
					s.serverError(c, errors.New("panic"))
				}
				c.Abort()
			}
		}()
		c.Next()
	}
}

// securityHeaders: no framing, no sniffing, no third-party resources.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	c.Next()
}

// limitBody caps what a handler will read; forms and API bodies are small.
func limitBody(n int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, n)
		c.Next()
	}
}

// crossOrigin refuses state-changing browser requests from other sites (Sec-Fetch-Site / Origin).
func crossOrigin() gin.HandlerFunc {
	cop := http.NewCrossOriginProtection()
	return func(c *gin.Context) {
		if err := cop.Check(c.Request); err != nil {
			c.AbortWithStatus(http.StatusForbidden)
			return
		}
		c.Next()
	}
}

// sessions loads the session for the request and commits it before the first byte is
// written, like scs.LoadAndSave but on Gin's writer.
func (s *Server) sessionsMiddleware() gin.HandlerFunc {
	return func(c *gin.Context) {
		var token string
		if cookie, err := c.Request.Cookie(s.sessions.Cookie.Name); err == nil {
			token = cookie.Value
		}
		ctx, err := s.sessions.Load(c.Request.Context(), token)
		if err != nil {
			s.serverError(c, err)
			return
		}
		c.Request = c.Request.WithContext(ctx)
		c.Set(sessionLoadedKey, true)
		c.Header("Vary", "Cookie")
		w := &sessionWriter{ResponseWriter: c.Writer, commit: func() { s.commitSession(c) }}
		c.Writer = w
		c.Next()
		w.commitOnce()
	}
}

const sessionLoadedKey = "terbuka.session"

func (s *Server) hasSession(c *gin.Context) bool { return c.GetBool(sessionLoadedKey) }

func (s *Server) commitSession(c *gin.Context) {
	ctx := c.Request.Context()
	switch s.sessions.Status(ctx) {
	case scs.Modified:
		token, expiry, err := s.sessions.Commit(ctx)
		if err != nil {
			s.log.Error("session commit failed", "error", err)
			return
		}
		s.sessions.WriteSessionCookie(ctx, c.Writer, token, expiry)
	case scs.Destroyed:
		s.sessions.WriteSessionCookie(ctx, c.Writer, "", time.Time{})
	}
}

type sessionWriter struct {
	gin.ResponseWriter
	commit    func()
	committed bool
}

func (w *sessionWriter) commitOnce() {
	if !w.committed {
		w.committed = true
		w.commit()
	}
}

func (w *sessionWriter) WriteHeader(code int) { w.commitOnce(); w.ResponseWriter.WriteHeader(code) }
func (w *sessionWriter) WriteHeaderNow()      { w.commitOnce(); w.ResponseWriter.WriteHeaderNow() }
func (w *sessionWriter) Write(b []byte) (int, error) {
	w.commitOnce()
	return w.ResponseWriter.Write(b)
}
func (w *sessionWriter) WriteString(s string) (int, error) {
	w.commitOnce()
	return w.ResponseWriter.WriteString(s)
}

const csrfKey = "terbuka.csrf"

// csrfToken gives each office session a token that every POST must echo in csrf_token.
func (s *Server) csrfToken() gin.HandlerFunc {
	return func(c *gin.Context) {
		ctx := c.Request.Context()
		token := s.sessions.GetString(ctx, "csrf")
		if c.Request.Method == http.MethodPost {
			sent := c.Query("csrf_token")
			if !isMultipart(c.Request) {
				sent = c.PostForm("csrf_token")
			}
			if token == "" || subtle.ConstantTimeCompare([]byte(sent), []byte(token)) != 1 {
				c.Data(http.StatusForbidden, "text/html; charset=utf-8", []byte(csrfErrorPage))
				c.Abort()
				return
			}
		}
		if token == "" {
			token = secret.Token(32)
			s.sessions.Put(ctx, "csrf", token)
		}
		c.Set(csrfKey, token)
		c.Next()
	}
}

const csrfErrorPage = `<!doctype html><html lang="id"><meta charset="utf-8"><title>Formulir kedaluwarsa</title>
<p>Formulir sudah kedaluwarsa atau tidak sah. Kembali, muat ulang halaman, lalu kirim lagi.</p>`

// rejectBadText refuses a form or query carrying bytes no text column accepts (NUL, broken
// UTF-8), so no handler passes them on to PostgreSQL and fails with a 500.
func (s *Server) rejectBadText(c *gin.Context) {
	if isMultipart(c.Request) {
		c.Next() // uploads carry files; their few text fields are checked by the handler
		return
	}
	if err := c.Request.ParseForm(); err != nil {
		c.Next() // the handler answers an unreadable body itself
		return
	}
	for key, values := range c.Request.Form {
		for _, v := range values {
			if !utf8.ValidString(v) || strings.ContainsRune(v, 0) {
				if isAPI(c) {
					c.AbortWithStatusJSON(http.StatusBadRequest, gin.H{"error": "Parameter berisi karakter yang tidak valid.",
						"fields": gin.H{key: "Berisi karakter yang tidak valid (NUL atau bukan UTF-8)."}})
					return
				}
				s.render(c, http.StatusBadRequest, "error", pageData{Title: "Permintaan tidak valid",
					Data: errorView{Heading: "Permintaan tidak valid", Message: "Isian berisi karakter yang tidak valid. Periksa kembali lalu kirim ulang."}})
				c.Abort()
				return
			}
		}
	}
	c.Next()
}

// noStore keeps answers with personal data or secrets out of every cache, the browser's
// back-forward and disk caches included (ASVS 8.2.1).
func noStore(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	c.Next()
}
