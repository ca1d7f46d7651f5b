package web

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/store"
)

// recoverAnswer is the API's one answer to a recovery ask, for every address alike.
const recoverAnswer = "Jika alamat ini pernah dipakai untuk mengajukan permohonan, kode pelacakan baru dikirim ke alamat itu."

func (s *Server) recoverForm(c *gin.Context) {
	s.render(c, http.StatusOK, "track_recover", pageData{Title: "Kode pelacakan hilang", Form: &formView{}, Data: askView{}})
}

// recoverAsk queues fresh tracking codes for the address; known and unknown addresses get the same page.
func (s *Server) recoverAsk(c *gin.Context) {
	s.askRequesterMail(c, store.AskRecover, "track_recover", "Kode pelacakan hilang")
}

// apiRecover is POST /api/v1/requests/recover {"email"}: 202 with the same body for every
// well-formed address; the outbox job decides whether any mail goes out.
func (s *Server) apiRecover(c *gin.Context) {
	var body struct {
		Email string `json:"email"`
	}
	if !readJSON(c, &body) {
		return
	}
	fieldErrs, err := s.intake.AskRequesterMail(c.Request.Context(), store.AskRecover, c.ClientIP(), body.Email)
	if errors.Is(err, intake.ErrInvalid) {
		c.JSON(http.StatusUnprocessableEntity, gin.H{"error": "Alamat e-mail tidak valid.", "fields": fieldErrs})
		return
	}
	if s.apiFailed(c, err, nil, msgNotFound) {
		return
	}
	c.JSON(http.StatusAccepted, gin.H{"status": "accepted", "message": recoverAnswer})
}
