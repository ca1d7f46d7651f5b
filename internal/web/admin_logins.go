package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/store"
)

// loginAuditPageSize rows a page, at most loginAuditMaxPage pages.
const loginAuditPageSize, loginAuditMaxPage = 50, 1000

// loginAuditReasons are the audit's reasons as the page names them.
var loginAuditReasons = map[string]string{
	"ok":              "Berhasil",
	"bad_credentials": "E-mail atau kata sandi salah",
	"throttled":       "Ditolak: terlalu banyak percobaan",
}

type adminLoginsView struct {
	Items   []store.LoginAttempt
	Page    int
	HasNext bool
}

func (adminLoginsView) ReasonLabel(code string) string {
	if l, ok := loginAuditReasons[code]; ok {
		return l
	}
	return code
}

func (adminLoginsView) PageURL(page int) string {
	if page <= 1 {
		return "/kantor/admin/masuk"
	}
	return "/kantor/admin/masuk?halaman=" + strconv.Itoa(page)
}

// adminLogins lists every login attempt, newest first, with where it came from (ASVS 7.2.1).
func (s *Server) adminLogins(c *gin.Context) {
	page, ok := s.officePage(c, loginAuditMaxPage)
	if !ok {
		return
	}
	items, err := s.store.LoginAttempts(c.Request.Context(), loginAuditPageSize+1, offset(page, loginAuditPageSize))
	if err != nil {
		s.serverError(c, err)
		return
	}
	v := adminLoginsView{Page: page}
	v.Items, v.HasNext = cutPage(items, loginAuditPageSize)
	s.render(c, http.StatusOK, "admin_logins", pageData{Title: "Riwayat masuk", Data: v})
}
