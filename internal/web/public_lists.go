package web

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/dipdik"
	"github.com/terbuka-id/terbuka/internal/portal"
	"github.com/terbuka-id/terbuka/internal/request"
)

type listDIPView struct {
	Office        string
	Generated     time.Time
	Entries       []dipdik.DIPEntry
	Category      string // the filter; "" lists every category
	CategoryLabel string
	Categories    []request.Option
	Basis         string
	PDFURL        string
	XLSXURL       string
}

type listDIKView struct {
	Office    string
	Generated time.Time
	Entries   []dipdik.DIKEntry
	Basis     string
	PDFURL    string
	XLSXURL   string
}

// listCategory is the ?kategori= filter, from the allow-list only; anything else lists all.
func listCategory(c *gin.Context) string {
	if k := c.Query("kategori"); portal.IsCategory(k) {
		return k
	}
	return ""
}

// listOffice names the public body as its letters do.
func (s *Server) listOffice(context.Context) string { return s.officeName() }

func (s *Server) listDIP(c *gin.Context) {
	category := listCategory(c)
	rows, err := s.portal.DIPRows(c.Request.Context(), category)
	if err != nil {
		s.serverError(c, err)
		return
	}
	q := ""
	if category != "" {
		q = "?kategori=" + category
	}
	v := listDIPView{
		Office: s.listOffice(c.Request.Context()), Generated: s.now().In(s.cfg.Location()), Entries: dipdik.DIPEntries(rows),
		Category: category, Categories: portal.Categories, Basis: dipdik.DIPBasis, PDFURL: "/dip.pdf" + q, XLSXURL: "/dip.xlsx" + q,
	}
	if category != "" {
		v.CategoryLabel = request.Label(portal.Categories, category)
	}
	s.render(c, http.StatusOK, "public_dip", pageData{Title: "Daftar Informasi Publik (DIP)", Data: v})
}

func (s *Server) listDIPFile(format string) gin.HandlerFunc {
	return func(c *gin.Context) {
		category := listCategory(c)
		rows, err := s.portal.DIPRows(c.Request.Context(), category)
		if err != nil {
			s.serverError(c, err)
			return
		}
		now := s.now().In(s.cfg.Location())
		t := dipdik.DIPTable(dipdik.DIPEntries(rows), s.listOffice(c.Request.Context()), now, s.cfg.Server.BaseURL)
		if category != "" {
			t.Title += " – " + request.Label(portal.Categories, category)
		}
		s.serveList(c, t, category, format)
	}
}

func (s *Server) listDIK(c *gin.Context) {
	rows, err := s.portal.DIKRows(c.Request.Context())
	if err != nil {
		s.serverError(c, err)
		return
	}
	loc := s.cfg.Location()
	v := listDIKView{
		Office: s.listOffice(c.Request.Context()), Generated: s.now().In(loc), Entries: dipdik.DIKEntries(rows, loc),
		Basis: dipdik.DIKBasis, PDFURL: "/dik.pdf", XLSXURL: "/dik.xlsx",
	}
	s.render(c, http.StatusOK, "public_dik", pageData{Title: "Daftar Informasi yang Dikecualikan (DIK)", Data: v})
}

func (s *Server) listDIKFile(format string) gin.HandlerFunc {
	return func(c *gin.Context) {
		rows, err := s.portal.DIKRows(c.Request.Context())
		if err != nil {
			s.serverError(c, err)
			return
		}
		loc := s.cfg.Location()
		t := dipdik.DIKTable(dipdik.DIKEntries(rows, loc), s.listOffice(c.Request.Context()), s.now().In(loc))
		s.serveList(c, t, "", format)
	}
}

// serveList sends the table as a dated attachment. Lists change only when something is published
// or refused, so a few minutes of caching is harmless and spares the database.
func (s *Server) serveList(c *gin.Context, t dipdik.Table, qualifier, format string) {
	var (
		b     []byte
		err   error
		ctype string
	)
	switch format {
	case "pdf":
		ctype = "application/pdf"
		b, err = dipdik.PDF(t)
	default:
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		b, err = dipdik.XLSX(t)
	}
	if err != nil {
		s.serverError(c, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="`+dipdik.Filename(t.Name, qualifier, t.Generated, format)+`"`)
	c.Header("Cache-Control", "public, max-age=300")
	c.Data(http.StatusOK, ctype, b)
}
