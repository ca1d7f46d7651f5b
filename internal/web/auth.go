package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

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
		u, err := s.store.UserByID(c.Request.Context(), id)
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

// login checks the password, throttling repeated failures per e-mail and per client address,
// and answers every failure with the same message.
func (s *Server) login(c *gin.Context) {
	ctx := c.Request.Context()
	email := cleanText(strings.ToLower(strings.TrimSpace(c.PostForm("email"))), 254)
	pass := c.PostForm("password")
	view := loginView{Email: email, Next: safeNext(c.PostForm("lanjut"))}
	subjects := []string{"email:" + email, "ip:" + c.ClientIP()}
	window := time.Duration(s.cfg.Security.LoginWindowMinutes) * time.Minute
	now := s.now()

	failures, err := s.store.LoginFailures(ctx, now.Add(-window), subjects...)
	if err != nil {
		s.serverError(c, err)
		return
	}
	if failures >= s.cfg.Security.LoginMaxFailures {
		view.Error = "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam " + strconv.Itoa(s.cfg.Security.LoginWindowMinutes) + " menit."
		s.render(c, http.StatusTooManyRequests, "office_login", pageData{Title: "Masuk", Data: view})
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
	} else {
		password.Burn(pass)
	}
	if !ok {
		if err := s.store.RecordLoginFailure(ctx, subjects...); err != nil {
			s.serverError(c, err)
			return
		}
		view.Error = "E-mail atau kata sandi salah."
		s.render(c, http.StatusUnauthorized, "office_login", pageData{Title: "Masuk", Data: view})
		return
	}
	if err := s.store.ClearLoginFailures(ctx, subjects[0], now.Add(-window)); err != nil {
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
