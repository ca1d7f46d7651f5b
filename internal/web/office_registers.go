package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/dipdik"
)

// officeRegisterFile serves the request ("permohonan") or objection ("keberatan") register of
// the year ?tahun= (default: this year) as PDF or XLSX, within the officer's scope. The
// registers carry personal data: never cached (UU 27/2022 Pasal 16(2)); NIK masked.
func (s *Server) officeRegisterFile(kind, format string) gin.HandlerFunc {
	return func(c *gin.Context) {
		loc := s.cfg.Location()
		now := s.now().In(loc)
		year := now.Year()
		if q := c.Query("tahun"); q != "" {
			y, err := strconv.Atoi(q)
			if err != nil || y < 2000 || y > now.Year()+1 {
				s.render(c, http.StatusBadRequest, "error", pageData{Title: "Tahun tidak valid",
					Data: errorView{Heading: "Tahun tidak valid", Message: "Tuliskan tahun dengan empat angka, misalnya " + strconv.Itoa(now.Year()) + "."}})
				return
			}
			year = y
		}
		ctx := c.Request.Context()
		scope := currentAccount(c).Scope() // a PPID Pelaksana gets its own unit's rows only
		office := s.listOffice(ctx)
		var t dipdik.Table
		switch kind {
		case "keberatan":
			rows, err := s.store.OfficeObjectionRegister(ctx, scope, year, loc)
			if err != nil {
				s.serverError(c, err)
				return
			}
			t = dipdik.ObjectionRegisterTable(rows, year, office, now, loc)
		default:
			rows, err := s.store.OfficeRequestRegister(ctx, scope, year)
			if err != nil {
				s.serverError(c, err)
				return
			}
			t = dipdik.RequestRegisterTable(rows, year, office, now, loc, s.intake.MaskedNIK)
		}
		var (
			b     []byte
			err   error
			ctype string
		)
		if format == "pdf" {
			ctype = "application/pdf"
			b, err = dipdik.PDF(t)
		} else {
			ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
			b, err = dipdik.XLSX(t)
		}
		if err != nil {
			s.serverError(c, err)
			return
		}
		c.Header("Content-Disposition", `attachment; filename="`+dipdik.Filename(t.Name, strconv.Itoa(year), now, format)+`"`)
		c.Data(http.StatusOK, ctype, b)
	}
}
