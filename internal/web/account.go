package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/password"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/throttle"
)

// newPasswordMinLength: ASVS 2.1.1 asks for at least 12 characters.
const newPasswordMinLength = 12

// newPasswordMaxBytes is what bcrypt reads; anything longer would be cut off silently.
const newPasswordMaxBytes = 72

func (s *Server) accountPasswordForm(c *gin.Context) {
	s.render(c, http.StatusOK, "account_password", pageData{Title: "Ganti kata sandi", Form: &formView{Values: url.Values{}}})
}

// validateNewPassword applies the password rules of ASVS 2.1 to a password the officer chose.
func validateNewPassword(current, next, again, email string) request.FieldErrors {
	errs := request.FieldErrors{}
	lower := strings.ToLower(next)
	local, _, _ := strings.Cut(strings.ToLower(email), "@")
	switch {
	case next == "":
		errs["new_password"] = "Kata sandi baru wajib diisi."
	case utf8.RuneCountInString(next) < newPasswordMinLength:
		errs["new_password"] = "Kata sandi baru paling sedikit " + strconv.Itoa(newPasswordMinLength) + " karakter."
	case len(next) > newPasswordMaxBytes:
		errs["new_password"] = "Kata sandi baru terlalu panjang (paling banyak 72 byte)."
	case lower == strings.ToLower(email) || lower == local:
		errs["new_password"] = "Kata sandi baru tidak boleh sama dengan alamat e-mail Anda."
	case password.Common(next): // ASVS 2.1.7
		errs["new_password"] = "Kata sandi ini terlalu umum dan mudah ditebak; pilih yang lain."
	case next == current:
		errs["new_password"] = "Kata sandi baru harus berbeda dari kata sandi saat ini."
	}
	if again != next && errs["new_password"] == "" {
		errs["new_password2"] = "Ulangan kata sandi baru tidak sama."
	}
	return errs
}

// accountPasswordChange lets an officer replace their own password. It asks for the current one
// (ASVS 2.1.5), counts wrong ones like failed logins, ends every other session of the account
// and gives this one a new token (ASVS 3.3.3).
func (s *Server) accountPasswordChange(c *gin.Context) {
	ctx := c.Request.Context()
	u := currentAccount(c)
	current, next, again := c.PostForm("current_password"), c.PostForm("new_password"), c.PostForm("new_password2")
	// Passwords are never written back into the form.
	rerender := func(status int, errs request.FieldErrors) {
		s.render(c, status, "account_password", pageData{Title: "Ganti kata sandi", Form: &formView{Values: url.Values{}, Errors: errs}})
	}
	// A wrong current password counts as a failed login of this account from this client.
	email, client := strings.ToLower(u.Email), c.ClientIP()
	var limited *throttle.Limited
	if err := s.throttle.AllowLogin(ctx, email, client); errors.As(err, &limited) {
		c.Header("Retry-After", strconv.Itoa(limited.Seconds()))
		rerender(http.StatusTooManyRequests, request.FieldErrors{"current_password": "Terlalu banyak percobaan yang gagal. Coba lagi dalam " +
			strconv.Itoa(limited.Minutes()) + " menit."})
		return
	} else if err != nil {
		s.serverError(c, err)
		return
	}
	errs := validateNewPassword(current, next, again, u.Email)
	if !password.Verify(u.PasswordHash, current) {
		if err := s.throttle.LoginFailed(ctx, email, client); err != nil {
			s.serverError(c, err)
			return
		}
		errs["current_password"] = "Kata sandi saat ini salah."
	}
	if len(errs) > 0 {
		rerender(http.StatusUnprocessableEntity, errs)
		return
	}
	hash, err := password.Hash(next)
	if err == nil {
		err = s.store.SetUserPassword(ctx, u.ID, hash)
	}
	if err != nil {
		s.serverError(c, err)
		return
	}
	// The other sessions are now of an older generation; this one moves on with a new token.
	fresh, err := s.store.UserByID(ctx, u.ID)
	if err == nil {
		err = s.sessions.RenewToken(ctx)
	}
	if err != nil {
		s.serverError(c, err)
		return
	}
	s.sessions.Put(ctx, sessionGenKey, fresh.SessionGeneration)
	s.sessions.Put(ctx, "flash", "Kata sandi diganti. Sesi akun ini di perangkat lain telah berakhir.")
	c.Redirect(http.StatusSeeOther, "/kantor")
}
