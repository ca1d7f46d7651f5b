package web

import (
	"errors"
	"html/template"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/letters"
	"github.com/terbuka-id/terbuka/internal/store"
)

type letterView struct {
	Letter   letters.Letter
	HTML     template.HTML
	PDFURL   string
	BackURL  string
	BackText string
}

// officeLetter shows an issued letter as HTML; /pdf downloads it.
func (s *Server) officeLetter(c *gin.Context) {
	id, ok := s.caseID(c)
	if !ok {
		return
	}
	lid, err := strconv.ParseInt(c.Param("lid"), 10, 64)
	if err != nil {
		s.notFound(c)
		return
	}
	base := "/kantor/permohonan/" + strconv.FormatInt(id, 10)
	s.serveLetter(c, currentAccount(c), id, lid, base+"/surat/"+c.Param("lid"), base, "« Kembali ke permohonan")
}

// serveLetter renders a letter for actor (nil: the requester, already authorised by the caller).
func (s *Server) serveLetter(c *gin.Context, actor *store.User, requestID, letterID int64, selfURL, backURL, backText string) {
	l, err := s.casework.LetterFor(c.Request.Context(), actor, requestID, letterID)
	if s.pageFailed(c, err) {
		return
	}
	if c.Param("format") == "pdf" {
		// The PDF stored when the letter was issued is the letter of record; serve it as kept.
		if rec, err := s.store.Letter(c.Request.Context(), casework.ScopeOf(actor), requestID, letterID); err == nil && rec.DocumentID.Valid {
			c.Params = append(c.Params, gin.Param{Key: "did", Value: strconv.FormatInt(rec.DocumentID.Int64, 10)})
			s.serveDocument(c, actor, requestID)
			return
		}
		pdf, err := letters.RenderPDF(l)
		if err != nil {
			s.serverError(c, err)
			return
		}
		c.Header("Content-Disposition", `attachment; filename="`+letters.FileName(l.Kind, l.Number)+`"`)
		c.Header("Cache-Control", "private, no-store")
		c.Data(http.StatusOK, "application/pdf", pdf)
		return
	}
	html, err := letters.RenderHTML(l)
	if err != nil {
		s.serverError(c, err)
		return
	}
	c.Header("Cache-Control", "private, no-store")
	s.render(c, http.StatusOK, "letter", pageData{Title: l.Kind.Title() + " " + l.Number,
		Data: letterView{Letter: l, HTML: html, PDFURL: selfURL + "/pdf", BackURL: backURL, BackText: backText}})
}

// officeIssueReceipt issues the request's receipt letter (once) and opens it.
func (s *Server) officeIssueReceipt(c *gin.Context) {
	id, ok := s.caseID(c)
	if !ok {
		return
	}
	err := s.casework.IssueReceipt(c.Request.Context(), currentAccount(c), id)
	s.caseDone(c, id, err, "Tanda bukti penerimaan diterbitkan.", "", nil)
}

// trackedLetter serves a letter of the case this browser proved it may see (by tracking it
// with its number and code in this session).
func (s *Server) trackedLetter(c *gin.Context) {
	requestID := s.sessions.GetInt64(c.Request.Context(), trackedKey)
	lid, err := strconv.ParseInt(c.Param("lid"), 10, 64)
	if requestID == 0 || err != nil {
		s.render(c, http.StatusNotFound, "error", pageData{Title: "Tidak ditemukan",
			Data: errorView{Heading: "Surat tidak ditemukan", Message: "Lacak permohonan Anda dahulu dengan nomor registrasi dan kode pelacakan."}})
		return
	}
	s.serveLetter(c, nil, requestID, lid, "/lacak/surat/"+c.Param("lid"), "/lacak/status", "« Kembali ke status permohonan")
}

// trackedReceipt issues the receipt letter for the tracked case.
func (s *Server) trackedReceipt(c *gin.Context) {
	requestID := s.sessions.GetInt64(c.Request.Context(), trackedKey)
	if requestID == 0 {
		c.Redirect(http.StatusSeeOther, "/lacak")
		return
	}
	if err := s.casework.IssueReceipt(c.Request.Context(), nil, requestID); err != nil {
		s.serverError(c, err)
		return
	}
	ls, err := s.store.Letters(c.Request.Context(), requestID)
	if err != nil || len(ls) == 0 {
		s.serverError(c, errors.Join(err, errors.New("web: receipt letter missing after issue")))
		return
	}
	for _, l := range ls {
		if l.Kind == string(letters.Receipt) {
			c.Redirect(http.StatusSeeOther, "/lacak/surat/"+strconv.FormatInt(l.ID, 10))
			return
		}
	}
}
