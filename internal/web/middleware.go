package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
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
		level := slog.LevelInfo
		if status >= 500 {
			level = slog.LevelError
		}
		// With the request's context, so the line carries its request_id.
		s.log.Log(c.Request.Context(), level, "http", "method", c.Request.Method, "path", c.Request.URL.Path, "status", status,
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
				s.log.ErrorContext(c.Request.Context(), "panic", "value", fmt.Sprint(v), "stack", string(debug.Stack()))
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
		// The session's statement also reads the account its row names, for loadUser.
		ctx := context.WithValue(c.Request.Context(), sessionAccountKey{}, &sessionAccount{})
		ctx, err := s.sessions.Load(ctx, token)
		if err != nil {
			s.serverError(c, err)
			return
		}
		s.keepAlive(ctx, time.Now())
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

// A session ends after sessionIdle without a request (ASVS 3.3.2: 2 h idle, 12 h absolute).
// scs's own IdleTimeout rewrites the session row on every request — a durable write per page
// view; the last request's time is kept in the session instead and refreshed at most every
// sessionTouch, so reading a page writes nothing. Real time, as scs's absolute lifetime.
const (
	sessionIdle  = 2 * time.Hour
	sessionTouch = 5 * time.Minute
	seenKey      = "seen"
)

// keepAlive ends an idle session, and notes the time of a request on one that holds data; a
// visitor without session data gets no server state.
func (s *Server) keepAlive(ctx context.Context, now time.Time) {
	if len(s.sessions.Keys(ctx)) == 0 {
		return
	}
	seen := time.Unix(s.sessions.GetInt64(ctx, seenKey), 0)
	switch {
	case s.sessions.Exists(ctx, seenKey) && now.Sub(seen) > sessionIdle:
		if err := s.sessions.Destroy(ctx); err != nil {
			s.log.ErrorContext(ctx, "idle session not destroyed", "error", err)
		}
	case now.Sub(seen) > sessionTouch:
		s.sessions.Put(ctx, seenKey, now.Unix())
	}
}

func (s *Server) hasSession(c *gin.Context) bool { return c.GetBool(sessionLoadedKey) }

func (s *Server) commitSession(c *gin.Context) {
	ctx := c.Request.Context()
	switch s.sessions.Status(ctx) {
	case scs.Modified:
		// The account beside the sealed data, for the next request's one read (sessionStore).
		ctx = context.WithValue(ctx, sessionUserIDKey{}, s.sessions.GetInt64(ctx, "user_id"))
		token, expiry, err := s.sessions.Commit(ctx)
		if err != nil {
			s.log.ErrorContext(ctx, "session commit failed", "error", err)
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

const (
	csrfKey = "terbuka.csrf"
	// loginCSRFCookie carries the token of a visitor who is not signed in (the login form).
	loginCSRFCookie = "terbuka_login_csrf"
	multipartKey    = "terbuka.multipart"
)

// csrfToken gives every office form a token that its POST must echo in csrf_token. A signed-in
// session keeps it in the session; a visitor who is not signed in gets it in a cookie to send
// back (double submit), so showing the login form stores nothing on the server (ASVS 3.5.1, 4.2.2).
// Cross-site posts are refused before this by crossOrigin.
func (s *Server) csrfToken() gin.HandlerFunc {
	return func(c *gin.Context) {
		ctx := c.Request.Context()
		anonymous := s.sessions.GetInt64(ctx, "user_id") == 0
		var token string
		if !anonymous {
			token = s.sessions.GetString(ctx, "csrf")
		} else if ck, err := c.Request.Cookie(loginCSRFCookie); err == nil && wellFormedToken(ck.Value) {
			token = ck.Value
		}
		if c.Request.Method == http.MethodPost {
			var sent string
			if isMultipart(c.Request) {
				sent = s.uploadToken(c)
			} else {
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
			if anonymous {
				http.SetCookie(c.Writer, &http.Cookie{Name: loginCSRFCookie, Value: token, Path: "/kantor",
					HttpOnly: true, Secure: s.cfg.Server.SecureCookies, SameSite: http.SameSiteLaxMode})
			} else {
				s.sessions.Put(ctx, "csrf", token)
			}
		}
		c.Set(csrfKey, token)
		c.Next()
	}
}

// clearLoginCSRF drops the anonymous token once the visitor has signed in.
func clearLoginCSRF(c *gin.Context, secure bool) {
	http.SetCookie(c.Writer, &http.Cookie{Name: loginCSRFCookie, Path: "/kantor", MaxAge: -1,
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode})
}

// wellFormedToken accepts only what secret.Token makes, so a planted cookie cannot carry junk.
func wellFormedToken(v string) bool {
	if len(v) < 32 || len(v) > 128 {
		return false
	}
	for _, r := range v {
		if !('0' <= r && r <= '9' || 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z') {
			return false
		}
	}
	return true
}

// uploadToken reads the CSRF token from the first part of a multipart body, where upload forms
// put it, so the token is checked before any of the file is read and never travels in the URL
// (ASVS 3.1.1); the reader is kept for the handler (multipartReader).
func (s *Server) uploadToken(c *gin.Context) string {
	mr, err := c.Request.MultipartReader()
	if err != nil {
		return ""
	}
	c.Set(multipartKey, mr)
	part, err := mr.NextPart()
	if err != nil || part.FormName() != "csrf_token" {
		return ""
	}
	v, _ := io.ReadAll(io.LimitReader(part, 128))
	return string(v)
}

// multipartReader is the upload's body, past the CSRF token part that csrfToken has read.
func multipartReader(c *gin.Context) (*multipart.Reader, error) {
	if mr, ok := c.Get(multipartKey); ok {
		return mr.(*multipart.Reader), nil
	}
	return c.Request.MultipartReader()
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
