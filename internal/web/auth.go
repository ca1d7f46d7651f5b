package web

import (
	"database/sql"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/password"
	"github.com/terbuka-id/terbuka/internal/store"
)

// sessionUser is the signed-in officer as pages see them.
type sessionUser struct {
	ID    int64
	Name  string
	Email string
	Role  access.Role
}

// RoleLabel is the Indonesian name of the role.
func (u *sessionUser) RoleLabel() string { return u.Role.Label() }

const (
	userKey    = "terbuka.user"
	accountKey = "terbuka.account"
	// sessionGenKey is the session key holding the account's session generation at sign-in.
	sessionGenKey = "user_gen"
)

// currentAccount is the signed-in officer's full account row, for permission and unit checks.
func currentAccount(c *gin.Context) *store.User {
	if u, ok := c.Get(accountKey); ok {
		return u.(*store.User)
	}
	return nil
}

func currentUser(c *gin.Context) *sessionUser {
	if u, ok := c.Get(userKey); ok {
		return u.(*sessionUser)
	}
	return nil
}

// loadUser reads the signed-in account on every request, so a deactivated officer is out at once.
func (s *Server) loadUser() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := s.sessions.GetInt64(c.Request.Context(), "user_id")
		if id == 0 {
			c.Next()
			return
		}
		// The account read with the session (sessionStore) when its row names this one; otherwise
		// read apart. Either way it is read on this request, so the checks below see it as it is now.
		var u *store.User
		var err error
		if a, ok := c.Request.Context().Value(sessionAccountKey{}).(*sessionAccount); ok && a.user != nil && a.user.ID == id {
			u = a.user
		} else {
			u, err = s.store.UserByID(c.Request.Context(), id)
		}
		switch {
		// A session from before the last password change or reset is over (ASVS 3.3.2).
		case errors.Is(err, store.ErrNotFound) || err == nil && (!u.Active || u.SessionGeneration != s.sessions.GetInt64(c.Request.Context(), sessionGenKey)):
			s.sessions.Remove(c.Request.Context(), "user_id")
			s.sessions.Remove(c.Request.Context(), sessionGenKey)
		case err != nil:
			s.serverError(c, err)
			return
		default:
			c.Set(userKey, &sessionUser{ID: u.ID, Name: u.Name, Email: u.Email, Role: u.Role})
			c.Set(accountKey, u)
		}
		c.Next()
	}
}

// requirePermission lets through signed-in officers whose role holds p; others go to the
// login page (an API answers 401) or are refused (403).
func (s *Server) requirePermission(p access.Permission) gin.HandlerFunc {
	if !access.Known(p) {
		panic("web: route guarded by unknown permission " + string(p)) // a typo in routes.go
	}
	return func(c *gin.Context) {
		u := currentUser(c)
		switch {
		case u == nil && isAPI(c):
			c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"error": "Masuk sebagai petugas terlebih dahulu."})
		case u == nil:
			c.Redirect(http.StatusSeeOther, "/kantor/masuk?lanjut="+url.QueryEscape(c.Request.URL.RequestURI()))
			c.Abort()
		case !access.Can(u.Role, p) && isAPI(c):
			c.AbortWithStatusJSON(http.StatusForbidden, gin.H{"error": msgForbidden})
		case !access.Can(u.Role, p):
			s.forbidden(c)
			c.Abort()
		default:
			c.Next()
		}
	}
}

type loginView struct {
	Email string
	Next  string
	Error string
}

func (s *Server) loginForm(c *gin.Context) {
	if currentUser(c) != nil {
		c.Redirect(http.StatusSeeOther, "/kantor")
		return
	}
	s.render(c, http.StatusOK, "office_login", pageData{Title: "Masuk", Data: loginView{Next: safeNext(c.Query("lanjut"))}})
}

// login checks the password and answers every bad pair with the same message (ASVS 2.2.1).
// Failures are throttled per account and client and per client, never per account alone, so
// nobody can lock the real officer out; every attempt goes into the login audit (ASVS 7.1.3).
func (s *Server) login(c *gin.Context) {
	ctx := c.Request.Context()
	email := cleanText(strings.ToLower(strings.TrimSpace(c.PostForm("email"))), 254)
	pass := c.PostForm("password")
	view := loginView{Email: email, Next: safeNext(c.PostForm("lanjut"))}
	client := c.ClientIP()
	attempt := store.LoginAttempt{At: s.now(), Email: email, Client: client, UserAgent: cleanText(c.Request.UserAgent(), loginAgentMax)}

	if err := s.throttle.AllowLogin(ctx, email, client); err != nil {
		f := classify(err, nil)
		if f.Status != http.StatusTooManyRequests {
			s.serverError(c, err)
			return
		}
		attempt.Reason = "throttled"
		if err := s.store.RecordLoginAttempt(ctx, attempt); err != nil {
			s.serverError(c, err)
			return
		}
		view.Error = tooManyRequests(c, f)
		s.render(c, f.Status, "office_login", pageData{Title: "Masuk", Data: view})
		return
	}

	u, err := s.store.UserByEmail(ctx, email)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		s.serverError(c, err)
		return
	}
	ok := false
	if u != nil {
		ok = password.Verify(u.PasswordHash, pass) && u.Active
		attempt.UserID = sql.NullInt64{Int64: u.ID, Valid: true}
	} else {
		password.Burn(pass)
	}
	if !ok {
		attempt.Reason = "bad_credentials"
		err := s.throttle.LoginFailed(ctx, email, client)
		if err == nil {
			err = s.store.RecordLoginAttempt(ctx, attempt)
		}
		if err != nil {
			s.serverError(c, err)
			return
		}
		view.Error = "E-mail atau kata sandi salah."
		s.render(c, http.StatusUnauthorized, "office_login", pageData{Title: "Masuk", Data: view})
		return
	}
	// A success wipes no count: failures age out of the window like any other.
	attempt.Success, attempt.Reason = true, "ok"
	if err := s.store.RecordLoginAttempt(ctx, attempt); err != nil {
		s.serverError(c, err)
		return
	}
	// A new token at login defeats session fixation.
	if err := s.sessions.RenewToken(ctx); err != nil {
		s.serverError(c, err)
		return
	}
	s.sessions.Put(ctx, "user_id", u.ID)
	s.sessions.Put(ctx, sessionGenKey, u.SessionGeneration)
	s.sessions.Remove(ctx, "csrf")
	clearLoginCSRF(c, s.cfg.Server.SecureCookies)
	c.Redirect(http.StatusSeeOther, view.Next)
}

// loginAgentMax is how much of a User-Agent the audit keeps: enough to tell browsers apart.
const loginAgentMax = 200

func (s *Server) logout(c *gin.Context) {
	if err := s.sessions.Destroy(c.Request.Context()); err != nil {
		s.serverError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/kantor/masuk")
}

// safeNext keeps post-login redirects inside the office.
func safeNext(next string) string {
	if strings.HasPrefix(next, "/kantor") && !strings.HasPrefix(next, "//") && !strings.Contains(next, "\\") {
		return next
	}
	return "/kantor"
}
