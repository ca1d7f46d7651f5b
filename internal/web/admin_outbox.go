package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/mailtext"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
)

const outboxPageSize = 100

// outboxStatuses is the allow-list of the status filter.
var outboxStatuses = []request.Option{
	{Code: "pending", Label: "Menunggu"},
	{Code: "sent", Label: "Terkirim"},
	{Code: "failed", Label: "Gagal"},
}

var mailTemplateLabels = map[string]string{
	"request_received":   "Tanda terima permohonan",
	"request_extended":   "Perpanjangan jangka waktu",
	"request_decided":    "Pemberitahuan tertulis",
	"request_delivered":  "Penyerahan informasi",
	"objection_received": "Tanda terima keberatan",
	"objection_answered": "Tanggapan keberatan",
	"user_invited":       "Undangan akun",
}

// outboxFacts are an e-mail's nullable columns as the pages show them: "", 0 or nil for none.
type outboxFacts struct {
	SentAt             *time.Time
	LastError          string
	RequestID          int64  // 0 when the mail is about no request
	RegistrationNumber string // that request's registration number
}

func newOutboxFacts(it *store.OutboxItem) outboxFacts {
	return outboxFacts{
		SentAt:             optTime(it.SentAt),
		LastError:          optString(it.LastError),
		RequestID:          optInt64(it.RequestID),
		RegistrationNumber: optString(it.RegistrationNumber),
	}
}

// outboxRow is one line of the queue.
type outboxRow struct {
	store.OutboxItem
	Facts outboxFacts
}

type adminOutboxView struct {
	Items    []outboxRow
	Status   string
	Statuses []request.Option
}

func (adminOutboxView) StatusLabel(code string) string { return request.Label(outboxStatuses, code) }

func (adminOutboxView) TemplateLabel(name string) string { return mailTemplateLabel(name) }

func mailTemplateLabel(name string) string {
	if l, ok := mailTemplateLabels[name]; ok {
		return l
	}
	return name
}

// adminOutbox lists the latest e-mails, newest first, optionally of one status.
func (s *Server) adminOutbox(c *gin.Context) {
	status := c.Query("status")
	if !slices.ContainsFunc(outboxStatuses, func(o request.Option) bool { return o.Code == status }) {
		status = "" // unknown filter: show everything rather than an empty page
	}
	items, err := s.store.Outbox(c.Request.Context(), status, outboxPageSize)
	if err != nil {
		s.serverError(c, err)
		return
	}
	v := adminOutboxView{Status: status, Statuses: outboxStatuses}
	for i := range items {
		v.Items = append(v.Items, outboxRow{OutboxItem: items[i], Facts: newOutboxFacts(&items[i])})
	}
	s.render(c, http.StatusOK, "admin_outbox", pageData{Title: "Antrean surel", Data: v})
}

type adminOutboxItemView struct {
	Item          *store.OutboxItem
	Facts         outboxFacts
	StatusLabel   string
	TemplateLabel string
	// JSON is the mail's data, indented for reading.
	JSON string
	// Message is the e-mail as the recipient will read it.
	Message     mailtext.Message
	RenderError string
}

// adminOutboxItem shows one e-mail with its data, which is what a sender would put in the message.
func (s *Server) adminOutboxItem(c *gin.Context) {
	id, ok := s.adminID(c)
	if !ok {
		return
	}
	it, err := s.store.OutboxItem(c.Request.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(c)
		return
	}
	if err != nil {
		s.serverError(c, err)
		return
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, it.Data, "", "  "); err != nil {
		buf.Reset()
		buf.Write(it.Data)
	}
	view := adminOutboxItemView{Item: it, Facts: newOutboxFacts(it), StatusLabel: request.Label(outboxStatuses, it.Status),
		TemplateLabel: mailTemplateLabel(it.Template), JSON: buf.String()}
	var data map[string]any
	if err := json.Unmarshal(it.Data, &data); err != nil {
		view.RenderError = "Data surel tidak dapat dibaca."
	} else if view.Message, err = s.mail.Render(it.Template, data); err != nil {
		view.RenderError = "Templat surel tidak dikenal: " + it.Template
	}
	s.render(c, http.StatusOK, "admin_outbox_item", pageData{Title: "Surel #" + strconv.FormatInt(it.ID, 10), Data: view})
}

// adminOutboxRetry puts a failed e-mail back in the queue for the sender's next run.
func (s *Server) adminOutboxRetry(c *gin.Context) {
	id, ok := s.adminID(c)
	if !ok {
		return
	}
	back := "/kantor/admin/surel/" + strconv.FormatInt(id, 10)
	err := s.store.RetryOutbox(c.Request.Context(), id, s.now())
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.notFound(c)
	case errors.Is(err, store.ErrConflict):
		s.adminDone(c, back, "Hanya surel yang gagal yang dapat dikirim ulang.", true)
	case err != nil:
		s.serverError(c, err)
	default:
		s.adminDone(c, back, "Surel dimasukkan kembali ke antrean dan akan dicoba segera.", false)
	}
}
