package web

import (
	"bytes"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// caseNote writes an officer's internal note; a missing note re-renders its form.
func (s *Server) caseNote(c *gin.Context) {
	if id, ok := s.caseID(c); ok {
		fieldErrs, err := s.casework.AddNote(c.Request.Context(), currentAccount(c), id, c.PostForm("note"))
		s.caseDone(c, id, err, "Catatan internal tersimpan.", "note", fieldErrs)
	}
}

// caseClarify asks the requester a question; without an e-mail address the officer is told to
// reach them another way (the question still shows on the tracking page).
func (s *Server) caseClarify(c *gin.Context) {
	if id, ok := s.caseID(c); ok {
		mailed, fieldErrs, err := s.casework.AskClarification(c.Request.Context(), currentAccount(c), id, c.PostForm("question"))
		msg := "Permintaan klarifikasi terkirim ke e-mail pemohon dan tampil di halaman lacak."
		if !mailed {
			msg = "Permintaan klarifikasi tercatat dan tampil di halaman lacak. Pemohon tidak mencantumkan e-mail: hubungi pemohon melalui telepon atau surat."
		}
		s.caseDone(c, id, err, msg, "clarify", fieldErrs)
	}
}

// trackClarificationAnswer takes the requester's answer from the status page of the tracked case:
// the text, then an optional file streamed into the blob store with the checks of every upload.
func (s *Server) trackClarificationAnswer(c *gin.Context) {
	ctx := c.Request.Context()
	id := s.sessions.GetInt64(ctx, trackedKey)
	if id == 0 {
		c.Redirect(http.StatusSeeOther, "/lacak")
		return
	}
	answer := casework.ClarificationAnswer{}
	var fieldErrs request.FieldErrors
	var err error
	if mr, merr := multipartReader(c); merr != nil {
		answer.Text = c.PostForm("answer") // a form without a file
		fieldErrs, err = s.casework.AnswerClarification(ctx, id, answer)
	} else {
		fieldErrs, err = s.answerFromParts(c, id, mr, &answer)
	}
	var refusal *workflow.Refusal
	switch {
	case err == nil:
		s.sessions.Put(ctx, "flash", "Jawaban klarifikasi Anda terkirim. Petugas akan melanjutkan permohonan Anda.")
		c.Redirect(http.StatusSeeOther, "/lacak/status")
	case errors.As(err, &refusal):
		view, verr := s.trackView(c, id)
		if verr != nil {
			s.serverError(c, verr)
			return
		}
		status := http.StatusConflict
		if len(fieldErrs) > 0 {
			status = http.StatusUnprocessableEntity
		}
		view.ClarificationForm = &formView{Values: map[string][]string{"answer": {answer.Text}}, Errors: fieldErrs}
		s.render(c, status, "track", pageData{Title: "Status permohonan " + view.Number, Data: view, Flash: refusal.Message, FlashError: true})
	default:
		s.serverError(c, err)
	}
}

// answerFromParts reads the multipart answer part by part: the text first, then the file, which
// streams straight into the service, so no more than the upload limit is ever read.
func (s *Server) answerFromParts(c *gin.Context, id int64, mr *multipart.Reader, answer *casework.ClarificationAnswer) (request.FieldErrors, error) {
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			msg := files.UserMessage(files.ErrTooLarge, s.casework.MaxUpload)
			return request.FieldErrors{"file": msg}, &workflow.Refusal{Message: msg, Field: "file"}
		}
		if err != nil {
			return nil, &workflow.Refusal{Message: "Kiriman terputus sebelum selesai. Silakan coba lagi."}
		}
		switch part.FormName() {
		case "answer":
			text, _ := io.ReadAll(io.LimitReader(part, 64<<10))
			answer.Text = string(text)
			if !utf8.Valid(text) || bytes.IndexByte(text, 0) >= 0 {
				return request.FieldErrors{"answer": "Jawaban berisi karakter yang tidak valid."},
					&workflow.Refusal{Message: "Jawaban berisi karakter yang tidak valid.", Field: "answer"}
			}
		case "file":
			if part.FileName() == "" {
				continue // no file chosen: the browser sends an empty part
			}
			answer.Filename, answer.Body = part.FileName(), part
			return s.casework.AnswerClarification(c.Request.Context(), id, *answer)
		}
	}
	return s.casework.AnswerClarification(c.Request.Context(), id, *answer)
}
