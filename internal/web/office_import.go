package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/intake"
)

// importBacklogShown bounds the table of untold cases; the counts above it are always complete.
const importBacklogShown = 500

type importBacklogView struct {
	intake.Backlog
	Shown []intake.BacklogCase
}

// officeImportBacklog shows the PPID the imported cases that were already overdue without a written
// notice and whose requesters were never told they may object (UU 14/2008 Pasal 35(1) huruf c,
// Pasal 36(1)), within the PPID's scope.
func (s *Server) officeImportBacklog(c *gin.Context) {
	b, err := s.intake.ImportBacklog(c.Request.Context(), currentAccount(c).Scope())
	if err != nil {
		s.serverError(c, err)
		return
	}
	v := importBacklogView{Backlog: b, Shown: b.Cases}
	if len(v.Shown) > importBacklogShown {
		v.Shown = v.Shown[:importBacklogShown]
	}
	s.render(c, http.StatusOK, "office_import", pageData{Title: "Permohonan impor lewat waktu", Data: v})
}

// officeImportBacklogNotify queues one mail per untold case of the PPID's scope that has an e-mail
// address; a second press, or another PPID's at the same moment, queues nothing again.
func (s *Server) officeImportBacklogNotify(c *gin.Context) {
	res, err := s.intake.NotifyImportBacklog(c.Request.Context(), currentAccount(c))
	if f := classify(err, nil); f.Status == http.StatusInternalServerError {
		s.serverError(c, err)
		return
	} else if f.Status != 0 {
		s.adminDone(c, "/kantor/impor", f.Message, true)
		return
	}
	msg := strconv.Itoa(res.Mails) + " e-mail pemberitahuan dimasukkan ke antrean."
	if res.Mails == 0 {
		msg = "Tidak ada e-mail baru: setiap pemohon yang beralamat e-mail sudah diberi tahu."
	}
	if res.WithoutEmail > 0 {
		msg += " " + strconv.Itoa(res.WithoutEmail) + " pemohon tanpa alamat e-mail perlu dihubungi lewat surat atau telepon."
	}
	s.adminDone(c, "/kantor/impor", msg, false)
}
