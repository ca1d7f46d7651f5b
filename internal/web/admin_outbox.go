package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/mailtext"
	"github.com/terbuka-id/terbuka/internal/notify"
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
	"request_received":               "Tanda terima permohonan",
	"request_extended":               "Perpanjangan jangka waktu",
	"request_decided":                "Pemberitahuan tertulis",
	"request_delivered":              "Penyerahan informasi",
	"objection_received":             "Tanda terima keberatan",
	"objection_answered":             "Tanggapan keberatan",
	"user_invited":                   "Undangan akun",
	"documents_ready":                "Dokumen siap",
	"reminder_officer":               "Pengingat batas waktu",
	"overdue_escalation":             "Eskalasi lewat waktu",
	"overdue_requester":              "Pemberitahuan lewat waktu",
	"imported_overdue_requester":     "Pemberitahuan lewat waktu (impor)",
	"objection_reminder":             "Pengingat keberatan",
	"objection_escalation":           "Eskalasi keberatan",
	"objection_lapsed_requester":     "Keberatan tidak ditanggapi",
	"officer_digest":                 "Ringkasan harian petugas",
	"documentation_reminder":         "Pengingat tenggat dokumentasi",
	"documentation_escalation":       "Eskalasi tenggat dokumentasi",
	"documentation_lapsed_requester": "Tenggat dokumentasi terlewati",
	"exemption_ending":               "Masa pengecualian segera berakhir",
	"officer_new_request":            "Permohonan baru (untuk petugas)",
	"officer_new_objection":          "Keberatan baru (untuk atasan PPID)",
	"officer_clarification_answer":   "Jawaban klarifikasi (untuk petugas)",
	"clarification_requested":        "Permintaan klarifikasi",
	"requester_signin":               "Tautan masuk pemohon",
	"tracking_codes_renewed":         "Kode pelacakan baru",
	"survey_invitation":              "Undangan survei kepuasan",
	"annual_report_reminder":         "Pengingat laporan tahunan",
	"annual_report_escalation":       "Eskalasi laporan tahunan",
	// Webhook deliveries are named by their event (notify.Kind).
	"new_request":          "Webhook: permohonan baru",
	"new_objection":        "Webhook: keberatan baru",
	"clarification_answer": "Webhook: jawaban klarifikasi",
}

// OutboxKindLabel is the Indonesian name of an outbox row's kind (mail template or webhook event); ok is false for an unknown one.
func OutboxKindLabel(name string) (label string, ok bool) {
	label, ok = mailTemplateLabels[name]
	return label, ok
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
	Items     []outboxRow
	Status    string
	Statuses  []request.Option
	Template  string
	Templates []request.Option
	From, To  string // the period as typed, YYYY-MM-DD
	Errors    map[string]string
	Page      int
	More      bool
}

func (adminOutboxView) StatusLabel(code string) string { return request.Label(outboxStatuses, code) }

func (adminOutboxView) TemplateLabel(name string) string { return mailTemplateLabel(name) }

// RecipientLabel names where a row goes: the address, or the office's webhook gateway.
func (adminOutboxView) RecipientLabel(r outboxRow) string { return outboxRecipient(r.OutboxItem) }

func outboxRecipient(it store.OutboxItem) string {
	if it.Channel == notify.ChannelWebhook {
		return "Webhook kantor"
	}
	return it.Recipient
}

// PageURL is this list with its filters at page p.
func (v adminOutboxView) PageURL(p int) string {
	q := url.Values{"status": {v.Status}, "jenis": {v.Template}, "dari": {v.From}, "sampai": {v.To}, "halaman": {strconv.Itoa(p)}}
	return "/kantor/admin/surel?" + q.Encode()
}

func mailTemplateLabel(name string) string {
	if l, ok := mailTemplateLabels[name]; ok {
		return l
	}
	return name
}

// mailTemplateOptions is the allow-list of the kind filter, in label order.
func mailTemplateOptions() []request.Option {
	opts := make([]request.Option, 0, len(mailTemplateLabels))
	for code, label := range mailTemplateLabels {
		opts = append(opts, request.Option{Code: code, Label: label})
	}
	slices.SortFunc(opts, func(a, b request.Option) int { return strings.Compare(a.Label, b.Label) })
	return opts
}

// outboxPageSize rows a page, at most outboxMaxPage pages.
const outboxMaxPage = 10000

// readOutboxFilter reads the kind and period of the list or the bulk retry; errs has a message per bad field.
func (s *Server) readOutboxFilter(get func(string) string) (store.OutboxFilter, adminOutboxView, map[string]string) {
	v := adminOutboxView{Statuses: outboxStatuses, Templates: mailTemplateOptions(),
		Template: strings.TrimSpace(get("jenis")), From: strings.TrimSpace(get("dari")), To: strings.TrimSpace(get("sampai"))}
	errs := map[string]string{}
	var f store.OutboxFilter
	if v.Template != "" {
		if _, ok := mailTemplateLabels[v.Template]; !ok {
			errs["jenis"] = "Jenis surel tidak dikenal."
		}
		f.Template = v.Template
	}
	loc := s.cfg.Location()
	if v.From != "" {
		d, err := time.ParseInLocation(time.DateOnly, v.From, loc)
		if err != nil {
			errs["dari"] = "Tanggal awal harus berbentuk TTTT-BB-HH."
		}
		f.From = d
	}
	if v.To != "" {
		d, err := time.ParseInLocation(time.DateOnly, v.To, loc)
		if err != nil {
			errs["sampai"] = "Tanggal akhir harus berbentuk TTTT-BB-HH."
		}
		f.To = d.AddDate(0, 0, 1) // the whole last day
	}
	if len(errs) == 0 && !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		errs["sampai"] = "Tanggal akhir tidak boleh sebelum tanggal awal."
	}
	return f, v, errs
}

// adminOutbox lists the e-mails, newest first, filtered by status, kind and period, page by page.
func (s *Server) adminOutbox(c *gin.Context) {
	page, ok := s.officePage(c, outboxMaxPage)
	if !ok {
		return
	}
	f, v, errs := s.readOutboxFilter(c.Query)
	v.Page = page
	status := c.Query("status")
	if !slices.ContainsFunc(outboxStatuses, func(o request.Option) bool { return o.Code == status }) {
		status = "" // unknown filter: show everything rather than an empty page
	}
	v.Status, f.Status = status, status
	if len(errs) > 0 {
		v.Errors = errs
		s.render(c, http.StatusBadRequest, "admin_outbox", pageData{Title: "Antrean surel", Data: v})
		return
	}
	items, err := s.store.OutboxPage(c.Request.Context(), f, outboxPageSize+1, offset(page, outboxPageSize))
	if err != nil {
		s.serverError(c, err)
		return
	}
	items, v.More = cutPage(items, outboxPageSize)
	for i := range items {
		v.Items = append(v.Items, outboxRow{OutboxItem: items[i], Facts: newOutboxFacts(&items[i])})
	}
	s.render(c, http.StatusOK, "admin_outbox", pageData{Title: "Antrean surel", Data: v})
}

// adminOutboxRetryAll puts every failed e-mail of a kind and period back in the queue at once:
// after an outage the administrator should not have to press a button per mail.
func (s *Server) adminOutboxRetryAll(c *gin.Context) {
	f, v, errs := s.readOutboxFilter(c.PostForm)
	v.Status = "failed"
	back := v.PageURL(1)
	if len(errs) > 0 {
		for _, k := range []string{"jenis", "dari", "sampai"} {
			if msg, ok := errs[k]; ok {
				s.adminDone(c, back, msg, true)
				return
			}
		}
	}
	n, err := s.store.RetryFailedOutbox(c.Request.Context(), f, s.now())
	switch {
	case err != nil:
		s.serverError(c, err)
	case n == 0:
		s.adminDone(c, back, "Tidak ada surel gagal yang cocok dengan saringan.", true)
	default:
		s.adminDone(c, back, strconv.Itoa(n)+" surel gagal dimasukkan kembali ke antrean dan akan dicoba segera.", false)
	}
}

type adminOutboxItemView struct {
	Item          *store.OutboxItem
	Facts         outboxFacts
	StatusLabel   string
	TemplateLabel string
	// JSON is the mail's data, indented for reading.
	JSON string
	// Message is the e-mail as the recipient will read it, secrets masked.
	Message     mailtext.Message
	RenderError string
	// Hidden says the preview masks a secret only the recipient reads.
	Hidden bool
	// Recipient names the address or the webhook; Webhook marks a webhook delivery, whose body is its data.
	Recipient string
	Webhook   bool
}

// adminOutboxItem shows one e-mail with its data, which is what a sender would put in the message.
func (s *Server) adminOutboxItem(c *gin.Context) {
	id, ok := s.adminID(c)
	if !ok {
		return
	}
	it, err := s.store.OutboxItem(c.Request.Context(), id)
	if s.pageFailed(c, err) {
		return
	}
	view := adminOutboxItemView{Item: it, Facts: newOutboxFacts(it), StatusLabel: request.Label(outboxStatuses, it.Status),
		TemplateLabel: mailTemplateLabel(it.Template)}
	view.Recipient = outboxRecipient(*it)
	var data map[string]any
	if err := json.Unmarshal(it.Data, &data); err != nil {
		view.RenderError = "Data surel tidak dapat dibaca."
		view.JSON = "{}"
	} else if it.Channel == notify.ChannelWebhook {
		// A webhook's body is its data, signed as it stands: there is no e-mail to preview.
		view.JSON, view.Webhook = indentedJSON(data), true
	} else {
		// Secrets are masked in the data too: mail queued before they were sealed may hold them in clear.
		view.JSON = indentedJSON(maskPresent(data))
		view.Message, err = s.mail.Render(it.Template, mailtext.Masked(data))
		if err != nil {
			view.RenderError = "Templat surel tidak dikenal: " + it.Template
		}
		view.Hidden = strings.Contains(view.Message.Body+view.Message.Subject, mailtext.Mask)
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

// maskPresent masks the secret fields data holds, leaving the rest for the administrator to read.
func maskPresent(data map[string]any) map[string]any {
	for k := range mailtext.ClearSecrets(data) {
		data[k] = mailtext.Mask
	}
	return data
}

// indentedJSON is v for reading, with <, > and & as they are (the template escapes them).
func indentedJSON(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return "{}"
	}
	return strings.TrimSuffix(buf.String(), "\n")
}
