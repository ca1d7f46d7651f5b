package web

import (
	"errors"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/publishing"
	"github.com/terbuka-id/terbuka/internal/request"
)

// publicationReplaceFile streams a new file into a draft (the blacked-out copy of a blocked one);
// the personal-data check runs again and the page shows what it found.
func (s *Server) publicationReplaceFile(c *gin.Context) {
	id, ok := s.publicationID(c)
	if !ok {
		return
	}
	fieldErrs := request.FieldErrors{"file": "Pilih berkas pengganti."}
	var err error
	if mr, merr := multipartReader(c); merr == nil {
		for {
			part, perr := mr.NextPart()
			if errors.Is(perr, io.EOF) {
				break
			}
			var tooBig *http.MaxBytesError
			if errors.As(perr, &tooBig) {
				fieldErrs = request.FieldErrors{"file": files.UserMessage(files.ErrTooLarge, s.publishing.MaxUpload)}
				break
			}
			if perr != nil {
				fieldErrs = request.FieldErrors{"file": "Unggahan terputus sebelum selesai. Silakan coba lagi."}
				break
			}
			if part.FormName() == "file" && part.FileName() != "" {
				fieldErrs, err = s.publishing.ReplaceFile(c.Request.Context(), currentAccount(c), id,
					publishing.Upload{Filename: part.FileName(), Body: part})
				break
			}
		}
	}
	switch {
	case errors.Is(err, publishing.ErrNotDraft):
		s.publicationRefused(c, id, "Hanya berkas draf yang dapat diganti.")
	case s.pageFailed(c, err):
	case len(fieldErrs) > 0:
		s.renderPublication(c, id, http.StatusUnprocessableEntity, &formView{Errors: fieldErrs})
	default:
		s.publicationDone(c, id, "Berkas diganti dan diperiksa ulang untuk data pribadi.")
	}
}

// publicationDelete deletes a draft that was never published, after the officer ticked the confirmation.
func (s *Server) publicationDelete(c *gin.Context) {
	id, ok := s.publicationID(c)
	if !ok {
		return
	}
	fieldErrs, err := s.publishing.DeleteDraft(c.Request.Context(), currentAccount(c), id, c.PostForm("confirm_delete") == "ya")
	switch {
	case errors.Is(err, publishing.ErrNotDraft):
		s.publicationRefused(c, id, "Hanya draf yang belum pernah terbit yang dapat dihapus; dokumen yang pernah terbit ditarik dari portal.")
	case s.pageFailed(c, err):
	case len(fieldErrs) > 0:
		s.renderPublication(c, id, http.StatusUnprocessableEntity, &formView{Values: c.Request.PostForm, Errors: fieldErrs})
	default:
		s.portalCache.reset()
		s.sessions.Put(c.Request.Context(), "flash", "Draf dihapus.")
		c.Redirect(http.StatusSeeOther, "/kantor/publikasi")
	}
}
