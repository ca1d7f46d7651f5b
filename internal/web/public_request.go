package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/intake"
)

func (s *Server) requestForm(c *gin.Context) {
	if text := strings.TrimSpace(c.Query("periksa")); text != "" {
		s.requestFormCheck(c, text)
		return
	}
	s.render(c, http.StatusOK, "request_new", pageData{Title: "Ajukan permohonan informasi",
		Form: s.requestFormView(url.Values{"requester.kind": {"perorangan"}}, nil), Data: requestFormData{}})
}

// requestSubmit registers the request, or re-renders the form with the user's input and a
// message per field. Success redirects, so a reload cannot submit twice.
func (s *Server) requestSubmit(c *gin.Context) {
	sub, ok := s.readRequestForm(c)
	if !ok {
		return
	}
	form := c.Request.PostForm
	if form.Get("aksi") == "periksa" {
		s.requestSubmitCheck(c, form)
		return
	}
	receipt, fieldErrs, err := s.intake.Submit(c.Request.Context(), sub,
		intake.Origin{Channel: "web", Client: c.ClientIP()})
	if errors.Is(err, intake.ErrInvalid) {
		s.render(c, http.StatusUnprocessableEntity, "request_new", pageData{Title: "Ajukan permohonan informasi",
			Form: s.requestFormView(form, fieldErrs), Data: requestFormData{}})
		return
	}
	if f := classify(err, nil); f.Status == http.StatusTooManyRequests {
		// The form comes back as typed, so nothing is lost while the client waits.
		s.render(c, f.Status, "request_new", pageData{Title: "Ajukan permohonan informasi",
			Form: s.requestFormView(form, nil), Data: requestFormData{Refusal: tooManyRequests(c, f)}})
		return
	}
	if err != nil {
		s.serverError(c, err)
		return
	}
	s.sessions.Put(c.Request.Context(), "receipt", newReceiptSession(receipt, s.calendar.Current()))
	c.Redirect(http.StatusSeeOther, "/permohonan/tanda-bukti")
}

// receiptSession is kept in the citizen's session so the receipt page survives a reload and
// can be printed. It holds the tracking code, which is shown only here and in the e-mail.
type receiptSession struct {
	RegistrationNumber string
	TrackingCode       string
	ReceivedAt         time.Time
	CountingFrom       calendar.Date
	ResponseDue        calendar.Date
	Explanation        string
	Warnings           []string
	EmailWithheld      bool // an address was given but had its day's share of receipt e-mails
	NoEmail            bool // no address was given: the code cannot be recovered by e-mail
}

func newReceiptSession(r intake.Receipt, cal *calendar.Calendar) receiptSession {
	return receiptSession{
		RegistrationNumber: r.RegistrationNumber, TrackingCode: r.TrackingCode, ReceivedAt: r.ReceivedAt,
		CountingFrom: r.Response.CountingFrom, ResponseDue: r.Response.Due,
		Explanation: r.Response.Explain(), EmailWithheld: r.EmailWithheld, NoEmail: !r.EmailSent && !r.EmailWithheld,
		// The receipt shows only the response clock, so only it may warn (DESIGN §2).
		Warnings: calendarWarnings(cal, shownDeadline("Batas pemberitahuan tertulis", r.Response, cal)),
	}
}

func (s *Server) requestReceipt(c *gin.Context) {
	receipt, ok := s.sessions.Get(c.Request.Context(), "receipt").(receiptSession)
	if !ok {
		c.Redirect(http.StatusSeeOther, "/lacak")
		return
	}
	c.Header("Cache-Control", "no-store")
	s.render(c, http.StatusOK, "request_receipt", pageData{Title: "Tanda bukti permohonan", Data: receipt})
}
