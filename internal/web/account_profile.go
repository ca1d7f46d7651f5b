package web

import (
	"net/http"
	"net/url"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/notify"
	"github.com/terbuka-id/terbuka/internal/request"
)

// noticeKindPermission offers each notice only to the roles it can reach: a petugas never gets an
// objection notice, so a switch for it would promise something that does not happen.
var noticeKindPermission = map[notify.Kind]access.Permission{
	notify.NewRequest:          access.ViewCases,
	notify.NewObjection:        access.AnswerObjection,
	notify.ClarificationAnswer: access.TakeCase,
	notify.Digest:              access.TakeCase,
	notify.Reminder:            access.ViewCases,
}

// noticeChoice is one switch of the profile page.
type noticeChoice struct {
	Code  string
	Label string
	On    bool
}

type accountView struct {
	Name, Email, Role, Unit string
	Notices                 []noticeChoice
}

// noticeKindsFor lists the kinds a role can receive, in the page's order.
func noticeKindsFor(r access.Role) []notify.Kind {
	var ks []notify.Kind
	for _, k := range notify.Kinds {
		if access.Can(r, noticeKindPermission[k]) {
			ks = append(ks, k)
		}
	}
	return ks
}

// accountPage shows the officer's own account and the notices they receive.
func (s *Server) accountPage(c *gin.Context) {
	s.renderAccount(c, http.StatusOK, nil, nil)
}

// renderAccount shows the page; chosen, when set, keeps what the officer ticked on a refused save.
func (s *Server) renderAccount(c *gin.Context, status int, chosen []string, errs request.FieldErrors) {
	ctx := c.Request.Context()
	u := currentAccount(c)
	unit, err := s.store.UnitByID(ctx, u.UnitID)
	if err != nil {
		s.serverError(c, err)
		return
	}
	off, err := s.store.NoticeOptOuts(ctx, u.ID)
	if err != nil {
		s.serverError(c, err)
		return
	}
	v := accountView{Name: u.Name, Email: u.Email, Role: u.Role.Label(), Unit: unit.Name}
	for _, k := range noticeKindsFor(u.Role) {
		on := !slices.Contains(off, k)
		if chosen != nil {
			on = slices.Contains(chosen, string(k))
		}
		v.Notices = append(v.Notices, noticeChoice{Code: string(k), Label: k.Label(), On: on})
	}
	s.render(c, status, "account", pageData{Title: "Akun saya", Form: &formView{Values: url.Values{}, Errors: errs}, Data: v})
}

// accountNoticesSave stores which notices the officer receives: a kind offered and not ticked is off.
func (s *Server) accountNoticesSave(c *gin.Context) {
	u := currentAccount(c)
	chosen := c.PostFormArray("notices")
	offered := noticeKindsFor(u.Role)
	for _, code := range chosen {
		if !slices.Contains(offered, notify.Kind(code)) {
			s.renderAccount(c, http.StatusUnprocessableEntity, chosen, request.FieldErrors{"notices": "Jenis pemberitahuan tidak dikenal."})
			return
		}
	}
	ctx := c.Request.Context()
	off, err := s.store.NoticeOptOuts(ctx, u.ID)
	if err != nil {
		s.serverError(c, err)
		return
	}
	// Kinds this role is not offered keep their state, so a later role change finds the old choice.
	off = slices.DeleteFunc(off, func(k notify.Kind) bool { return slices.Contains(offered, k) })
	for _, k := range offered {
		if !slices.Contains(chosen, string(k)) {
			off = append(off, k)
		}
	}
	if err := s.store.SetNoticeOptOuts(ctx, u.ID, off); err != nil {
		s.serverError(c, err)
		return
	}
	s.sessions.Put(ctx, "flash", "Pilihan pemberitahuan disimpan.")
	c.Redirect(http.StatusSeeOther, "/kantor/akun")
}
