package web

import (
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/request"
)

// readRequestForm reads the citizens' request form: urlencoded, or multipart when it carries an
// identity document ("identity.file" with its kind "identity.kind"). The document is read into
// memory only: it must never reach a temporary file in clear (UU 27/2022 Pasal 35).
func (s *Server) readRequestForm(c *gin.Context) (request.Submission, bool) {
	var err error
	if isMultipart(c.Request) {
		err = c.Request.ParseMultipartForm(identityBodyLimit(s.cfg.Files.IdentityMaxBytes(), false))
	} else {
		err = c.Request.ParseForm()
	}
	if err != nil {
		var tooBig *http.MaxBytesError
		msg := "Formulir tidak dapat dibaca. Silakan coba lagi."
		if errors.As(err, &tooBig) {
			msg = "Berkas yang dilampirkan terlalu besar."
		}
		s.render(c, http.StatusBadRequest, "error", pageData{Title: "Permintaan tidak valid",
			Data: errorView{Heading: "Permintaan tidak valid", Message: msg}})
		return request.Submission{}, false
	}
	sub := submissionFromForm(c.Request.PostForm)
	if c.Request.MultipartForm != nil {
		defer c.Request.MultipartForm.RemoveAll()
		if fhs := c.Request.MultipartForm.File["identity.file"]; len(fhs) > 0 && fhs[0].Size > 0 {
			f, err := fhs[0].Open()
			if err != nil {
				s.serverError(c, err)
				return request.Submission{}, false
			}
			defer f.Close()
			// One byte over the limit is enough for intake to refuse it as too large.
			content, err := io.ReadAll(io.LimitReader(f, s.cfg.Files.IdentityMaxBytes()+1))
			if err != nil {
				s.serverError(c, err)
				return request.Submission{}, false
			}
			sub.Identity = &request.IdentityFile{Kind: c.Request.PostForm.Get("identity.kind"), Content: content}
		}
	}
	return sub, true
}

// identityJSON is an identity document in the API: its kind and content, base64 (RFC 4648, std).
type identityJSON struct {
	Kind          string `json:"kind"`
	ContentBase64 string `json:"content_base64"`
}

// file decodes the document; a body that is not base64 is a field error.
func (j *identityJSON) file() (*request.IdentityFile, string) {
	if j == nil {
		return nil, ""
	}
	b, err := base64.StdEncoding.DecodeString(j.ContentBase64)
	if err != nil {
		return nil, "Isi berkas harus base64 (RFC 4648)."
	}
	return &request.IdentityFile{Kind: j.Kind, Content: b}, ""
}

// renameIdentityFields names the identity document's errors as the API's fields are named.
func renameIdentityFields(errs request.FieldErrors) {
	for form, api := range map[string]string{"identity.file": "identity_document.content_base64", "identity.kind": "identity_document.kind"} {
		if msg, ok := errs[form]; ok {
			delete(errs, form)
			errs[api] = msg
		}
	}
}

// requestFormView is the citizens' request form with what was typed and the errors.
func (s *Server) requestFormView(values url.Values, errs request.FieldErrors) *formView {
	return &formView{Values: values, Errors: errs, IdentityMaxKB: s.cfg.Files.IdentityMaxBytes() >> 10}
}
