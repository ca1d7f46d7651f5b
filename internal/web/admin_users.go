package web

import (
	"errors"
	"net/http"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/password"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/store"
)

// roleOptions are the roles an administrator may give, in the order the form offers them.
var roleOptions = func() []request.Option {
	opts := make([]request.Option, len(access.Roles))
	for i, r := range access.Roles {
		opts[i] = request.Option{Code: string(r), Label: r.Label()}
	}
	return opts
}()

// Session keys of the temporary password, popped by the next page so it is shown once.
const (
	tempPasswordKey    = "admin_temp_password"
	tempPasswordForKey = "admin_temp_password_for"
)

type adminUsersView struct {
	Users []store.UserListItem
	Self  int64
	// TempPassword is shown once, right after an account is created or its password reset.
	TempPassword    string
	TempPasswordFor string
}

type adminInviteView struct {
	Roles []request.Option
	Units []store.Unit
}

// tempPassword is 72 random bits as 15 Crockford base32 characters: easy to read out, hard to guess.
func tempPassword() string { return secret.Token(9) }

func (s *Server) adminUsers(c *gin.Context) {
	ctx := c.Request.Context()
	users, err := s.store.Users(ctx)
	if err != nil {
		s.serverError(c, err)
		return
	}
	v := adminUsersView{Users: users, Self: currentUser(c).ID,
		TempPassword: s.sessions.PopString(ctx, tempPasswordKey), TempPasswordFor: s.sessions.PopString(ctx, tempPasswordForKey)}
	// The password must not stay in a cache once shown.
	c.Header("Cache-Control", "no-store")
	s.render(c, http.StatusOK, "admin_users", pageData{Title: "Pengguna", Data: v})
}

func (s *Server) adminUserForm(c *gin.Context) {
	s.renderInvite(c, http.StatusOK, &formView{Values: url.Values{"role": {"petugas"}}})
}

func (s *Server) renderInvite(c *gin.Context, status int, form *formView) {
	units, err := s.store.Units(c.Request.Context())
	if err != nil {
		s.serverError(c, err)
		return
	}
	v := adminInviteView{Roles: roleOptions}
	for _, u := range units {
		if u.Active {
			v.Units = append(v.Units, u)
		}
	}
	s.render(c, status, "admin_user_new", pageData{Title: "Undang pengguna", Form: form, Data: v})
}

// validateInvite reads the invitation form; the e-mail is kept in lower case like logins.
func validateInvite(f url.Values, units []store.Unit) (store.NewUser, request.FieldErrors) {
	u := store.NewUser{Name: strings.TrimSpace(f.Get("name")), Email: strings.ToLower(strings.TrimSpace(f.Get("email"))), Role: access.Role(f.Get("role"))}
	errs := request.FieldErrors{}
	switch {
	case u.Name == "":
		errs["name"] = "Nama wajib diisi."
	case utf8.RuneCountInString(u.Name) > 200:
		errs["name"] = "Nama terlalu panjang (paling banyak 200 karakter)."
	}
	if u.Email == "" {
		errs["email"] = "E-mail wajib diisi."
	} else if a, err := mail.ParseAddress(u.Email); err != nil || a.Address != u.Email || len(u.Email) > 254 {
		errs["email"] = "Alamat e-mail tidak valid, contoh: nama@contoh.id."
	}
	if !u.Role.Valid() {
		errs["role"] = "Pilih peran."
	}
	u.UnitID, _ = strconv.ParseInt(f.Get("unit_id"), 10, 64)
	found := false
	for _, x := range units {
		found = found || x.ID == u.UnitID && x.Active
	}
	if !found {
		errs["unit_id"] = "Pilih unit yang aktif."
	}
	return u, errs
}

// adminUserInvite creates the account with a temporary password, shown once to the administrator,
// and queues an invitation that never carries the password.
func (s *Server) adminUserInvite(c *gin.Context) {
	if !s.adminForm(c) {
		return
	}
	ctx := c.Request.Context()
	form := c.Request.PostForm
	units, err := s.store.Units(ctx)
	if err != nil {
		s.serverError(c, err)
		return
	}
	u, errs := validateInvite(form, units)
	if len(errs) > 0 {
		s.renderInvite(c, http.StatusUnprocessableEntity, &formView{Values: form, Errors: errs})
		return
	}
	pass := tempPassword()
	if u.PasswordHash, err = password.Hash(pass); err != nil {
		s.serverError(c, err)
		return
	}
	invitation := &store.Mail{Template: "user_invited", Recipient: u.Email, Data: map[string]any{
		"name": u.Name, "email": u.Email, "role": u.Role.Label(), "office_name": s.officeName()}}
	_, err = s.store.CreateUser(ctx, u, invitation)
	if errors.Is(err, store.ErrConflict) {
		s.renderInvite(c, http.StatusUnprocessableEntity, &formView{Values: form,
			Errors: request.FieldErrors{"email": "E-mail ini sudah dipakai akun lain."}})
		return
	}
	if err != nil {
		s.serverError(c, err)
		return
	}
	s.sessions.Put(ctx, tempPasswordKey, pass)
	s.sessions.Put(ctx, tempPasswordForKey, u.Name+" <"+u.Email+">")
	s.adminDone(c, "/kantor/admin/pengguna", "Akun "+u.Name+" dibuat; undangan masuk antrean surel.", false)
}

func (s *Server) adminUserDeactivate(c *gin.Context) { s.adminUserSetActive(c, false) }

func (s *Server) adminUserActivate(c *gin.Context) { s.adminUserSetActive(c, true) }

// adminUserSetActive switches an account on or off; loadUser signs a deactivated one out on its next request.
func (s *Server) adminUserSetActive(c *gin.Context, active bool) {
	id, ok := s.adminID(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	if !active && id == currentUser(c).ID {
		s.adminDone(c, "/kantor/admin/pengguna", "Anda tidak dapat menonaktifkan akun Anda sendiri.", true)
		return
	}
	u, err := s.store.UserByID(ctx, id)
	if err == nil {
		err = s.store.SetUserActive(ctx, id, active)
	}
	if s.pageFailed(c, err) {
		return
	}
	msg := "Akun " + u.Name + " dinonaktifkan; sesi yang masih terbuka berakhir pada permintaan berikutnya."
	if active {
		msg = "Akun " + u.Name + " diaktifkan kembali."
	}
	s.adminDone(c, "/kantor/admin/pengguna", msg, false)
}

// adminUserResetPassword gives the account a new temporary password, shown once, and lifts
// any login throttle so it can be used at once.
func (s *Server) adminUserResetPassword(c *gin.Context) {
	id, ok := s.adminID(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	u, err := s.store.UserByID(ctx, id)
	if s.pageFailed(c, err) {
		return
	}
	pass := tempPassword()
	hash, err := password.Hash(pass)
	if err == nil {
		err = s.store.SetUserPassword(ctx, id, hash)
	}
	if err == nil {
		err = s.throttle.AccountReset(ctx, strings.ToLower(u.Email))
	}
	if err != nil {
		s.serverError(c, err)
		return
	}
	s.sessions.Put(ctx, tempPasswordKey, pass)
	s.sessions.Put(ctx, tempPasswordForKey, u.Name+" <"+u.Email+">")
	s.adminDone(c, "/kantor/admin/pengguna", "Kata sandi "+u.Name+" diganti dengan kata sandi sementara.", false)
}
