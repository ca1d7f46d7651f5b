package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/throttle"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// failure is what a service's error means for the answer, decided here for every handler:
// not found → 404, a role that may not → 403, a value at fault → 422 naming the fields, a move
// the law or the case's state refuses → 409 (a flash on pages), a client over a limit → 429
// with Retry-After, anything else → 500.
type failure struct {
	Status     int
	Message    string              // for the person; empty for a 500
	Fields     request.FieldErrors // for 422
	RetryAfter int                 // seconds, for 429
}

const (
	msgForbidden = "Peran Anda tidak berwenang melakukan langkah ini."
	msgNotFound  = "Tidak ditemukan."
	// msgRequestNotFound answers a wrong number/code pair and an unknown number alike.
	msgRequestNotFound = "Permohonan tidak ditemukan. Periksa nomor registrasi dan kode pelacakan."
)

// classify maps err (nil gives Status 0) and the field errors that came with it.
func classify(err error, fieldErrs request.FieldErrors) failure {
	var refusal *workflow.Refusal
	var limited *throttle.Limited
	switch {
	case err == nil:
		return failure{}
	case errors.As(err, &limited):
		return failure{Status: http.StatusTooManyRequests, Message: limitedMessage(limited), RetryAfter: limited.Seconds()}
	case errors.Is(err, store.ErrNotFound):
		return failure{Status: http.StatusNotFound, Message: msgNotFound}
	case errors.Is(err, access.ErrForbidden):
		return failure{Status: http.StatusForbidden, Message: msgForbidden}
	case errors.As(err, &refusal) && len(fieldErrs) > 0:
		return failure{Status: http.StatusUnprocessableEntity, Message: refusal.Message, Fields: fieldErrs}
	case errors.As(err, &refusal) && refusal.Field != "":
		return failure{Status: http.StatusUnprocessableEntity, Message: refusal.Message,
			Fields: request.FieldErrors{refusal.Field: refusal.Message}}
	case errors.As(err, &refusal):
		return failure{Status: http.StatusConflict, Message: refusal.Message}
	}
	return failure{Status: http.StatusInternalServerError}
}

// apiFailed answers an API call whose service call failed; it reports whether it did.
// notFound names what was not found ("Permohonan tidak ditemukan.").
func (s *Server) apiFailed(c *gin.Context, err error, fieldErrs request.FieldErrors, notFound string) bool {
	f := classify(err, fieldErrs)
	switch f.Status {
	case 0:
		return false
	case http.StatusInternalServerError:
		s.serverError(c, err)
	case http.StatusNotFound:
		c.JSON(f.Status, gin.H{"error": notFound})
	case http.StatusUnprocessableEntity:
		c.JSON(f.Status, gin.H{"error": f.Message, "fields": f.Fields})
	case http.StatusTooManyRequests:
		c.Header("Retry-After", strconv.Itoa(f.RetryAfter))
		c.JSON(f.Status, gin.H{"error": f.Message})
	default:
		c.JSON(f.Status, gin.H{"error": f.Message})
	}
	return true
}

// limitedMessage tells a person what they did too often and how long to wait.
func limitedMessage(l *throttle.Limited) string {
	wait := "Coba lagi dalam " + strconv.Itoa(l.Minutes()) + " menit."
	if l.RetryAfter < time.Minute {
		wait = "Coba lagi dalam " + strconv.Itoa(l.Seconds()) + " detik."
	}
	switch l.Kind {
	case throttle.Submission:
		return "Terlalu banyak permohonan dari alamat jaringan Anda dalam satu jam terakhir. " + wait
	case throttle.Tracking:
		return "Terlalu banyak percobaan nomor registrasi atau kode pelacakan yang salah. " + wait
	case throttle.AccountMailClient:
		return "Terlalu banyak permintaan tautan masuk atau kode pelacakan dari alamat jaringan Anda. " + wait
	default:
		return "Terlalu banyak percobaan masuk yang gagal. " + wait
	}
}

// tooManyRequests sets the Retry-After header of a 429 and returns its message.
func tooManyRequests(c *gin.Context, f failure) string {
	c.Header("Retry-After", strconv.Itoa(f.RetryAfter))
	return f.Message
}

// forbidden is the page for a role that may not take a step.
func (s *Server) forbidden(c *gin.Context) {
	s.render(c, http.StatusForbidden, "error", pageData{Title: "Akses ditolak",
		Data: errorView{Heading: "Akses ditolak", Message: msgForbidden}})
}

// pageFailed answers a page whose service call failed: 404 for a row that is not there (or not
// the reader's), 403 for a role that may not, 500 otherwise; it reports whether it answered.
func (s *Server) pageFailed(c *gin.Context, err error) bool {
	switch {
	case err == nil:
		return false
	case errors.Is(err, access.ErrForbidden):
		s.forbidden(c)
	case errors.Is(err, store.ErrNotFound):
		s.notFound(c)
	default:
		s.serverError(c, err)
	}
	return true
}
