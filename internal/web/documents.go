package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// caseUpload attaches a file to a case. The multipart body is read part by part, so the file
// streams into the blob store with its size limit enforced as it arrives; the form puts the
// small fields (csrf_token, kind, visibility) before the file.
func (s *Server) caseUpload(c *gin.Context) {
	id, ok := s.caseID(c)
	if !ok {
		return
	}
	mr, err := multipartReader(c)
	if err != nil {
		s.caseDone(c, id, badUpload("Formulir unggah tidak dapat dibaca."), "", "", nil)
		return
	}
	up := casework.Upload{}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			s.uploadFailed(c, id, err)
			return
		}
		switch part.FormName() {
		case "kind", "visibility":
			v, _ := io.ReadAll(io.LimitReader(part, 64))
			if part.FormName() == "kind" {
				up.Kind = string(v)
			} else {
				up.Visibility = string(v)
			}
		case "file":
			up.Filename, up.Body = part.FileName(), part
			_, fieldErrs, err := s.casework.AddDocument(c.Request.Context(), currentAccount(c), id, up)
			if err != nil && up.Filename == "" && len(fieldErrs) > 0 {
				fieldErrs["file"] = "Pilih berkas yang akan diunggah."
			}
			if err == nil || len(fieldErrs) == 0 {
				s.caseDone(c, id, err, "Dokumen diunggah.", "upload", nil)
				return
			}
			s.caseDone(c, id, err, "", "upload", fieldErrs)
			return
		}
	}
	s.caseDone(c, id, badUpload("Pilih berkas yang akan diunggah."), "", "upload", request.FieldErrors{"file": "Pilih berkas yang akan diunggah."})
}

// uploadFailed explains a body that broke off or grew past the route's limit.
func (s *Server) uploadFailed(c *gin.Context, id int64, err error) {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		msg := files.UserMessage(files.ErrTooLarge, s.casework.MaxUpload)
		s.caseDone(c, id, badUpload(msg), "", "upload", request.FieldErrors{"file": msg})
		return
	}
	s.caseDone(c, id, badUpload("Unggahan terputus sebelum selesai. Silakan coba lagi."), "", "", nil)
}

// badUpload is an upload the form could not deliver, refused like any other step.
func badUpload(msg string) error { return &workflow.Refusal{Message: msg} }

// officeDocument downloads a case document for an officer of the case's unit.
func (s *Server) officeDocument(c *gin.Context) {
	id, ok := s.caseID(c)
	if !ok {
		return
	}
	s.serveDocument(c, currentAccount(c), id)
}

// trackedDocument downloads a document marked for the requester of the tracked case.
func (s *Server) trackedDocument(c *gin.Context) {
	id := s.sessions.GetInt64(c.Request.Context(), trackedKey)
	if id == 0 {
		s.notFound(c)
		return
	}
	s.serveDocument(c, nil, id)
}

func (s *Server) serveDocument(c *gin.Context, actor *store.User, requestID int64) {
	did, err := strconv.ParseInt(c.Param("did"), 10, 64)
	if err != nil {
		s.notFound(c)
		return
	}
	doc, blob, err := s.casework.Document(c.Request.Context(), actor, requestID, did)
	if errors.Is(err, store.ErrNotFound) || errors.Is(err, files.ErrNotFound) {
		s.notFound(c)
		return
	}
	if err != nil {
		s.serverError(c, err)
		return
	}
	defer blob.Close()
	files.ServeBlob(c.Writer, c.Request, blob, doc.Filename, doc.ContentType)
}

// uploadLimit sizes the body limit of the upload route: the file plus room for the form.
func uploadLimit(maxUpload int64) int64 { return maxUpload + 1<<20 }

// isMultipart reports a multipart/form-data body, whose CSRF token is its first part.
func isMultipart(r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && strings.EqualFold(mt, "multipart/form-data")
}
