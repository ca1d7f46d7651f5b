package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/store"
)

// identityBodyLimit is the body limit of a request that may carry an identity document of up to
// maxBytes: as base64 in JSON (4/3 of it) or as a multipart part, plus the request's text.
func identityBodyLimit(maxBytes int64, base64 bool) int64 {
	if base64 {
		maxBytes = (maxBytes + 2) / 3 * 4
	}
	return maxBytes + 64<<10
}

// officeIdentityDocument downloads a requester's identity document for an officer of the case's
// scope, opened from its sealed copy; never cached, always an attachment (UU 27/2022 Pasal 35).
func (s *Server) officeIdentityDocument(c *gin.Context) {
	id, ok := s.caseID(c)
	if !ok {
		return
	}
	iid, err := strconv.ParseInt(c.Param("iid"), 10, 64)
	if err != nil {
		s.notFound(c)
		return
	}
	d, content, err := s.intake.IdentityDocument(c.Request.Context(), currentAccount(c).Scope(), id, iid)
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(c)
		return
	}
	if err != nil {
		s.serverError(c, err)
		return
	}
	name := "identitas-" + strconv.FormatInt(id, 10) + "-" + d.Kind + files.IdentityTypes[d.ContentType]
	c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
	c.Header("X-Content-Type-Options", "nosniff")
	c.Data(http.StatusOK, d.ContentType, content)
}

// caseVerifyIdentity records that the officer verified the requester's identity.
func (s *Server) caseVerifyIdentity(c *gin.Context) {
	if id, ok := s.caseID(c); ok {
		err := s.casework.VerifyIdentity(c.Request.Context(), currentAccount(c), id)
		s.caseDone(c, id, err, "Identitas pemohon tercatat sudah diverifikasi.", "", nil)
	}
}
