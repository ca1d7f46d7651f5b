package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/deadline"
	"github.com/terbuka-id/terbuka/internal/letters"
	"github.com/terbuka-id/terbuka/internal/portal"
	"github.com/terbuka-id/terbuka/internal/publishing"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// renderer holds one template set per page: the layout, every partial and that page, so pages
// may reuse block names. Sets are parsed at start-up; a broken template stops the server.
type renderer struct {
	pages  map[string]*template.Template
	loc    *time.Location
	assets *assets
}

func newRenderer(fsys fs.FS, loc *time.Location) (*renderer, error) {
	r := &renderer{pages: map[string]*template.Template{}, loc: loc}
	var err error
	if r.assets, err = staticAssets(); err != nil {
		return nil, err
	}
	partials, err := fs.Glob(fsys, "partials/*.html")
	if err != nil {
		return nil, err
	}
	pages, err := fs.Glob(fsys, "pages/*.html")
	if err != nil {
		return nil, err
	}
	for _, p := range pages {
		files := append([]string{"layout.html"}, partials...)
		files = append(files, p)
		t, err := template.New("layout.html").Funcs(r.funcs()).ParseFS(fsys, files...)
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", p, err)
		}
		r.pages[strings.TrimSuffix(path.Base(p), ".html")] = t
	}
	return r, nil
}

func (r *renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"can":            templateCan,
		"asset":          func(name string) (string, error) { return r.assets.url(name) },
		"breakable":      breakable,
		"date":           func(d calendar.Date) string { return calendar.FormatID(d) },
		"longdate":       func(d calendar.Date) string { return calendar.FormatIDLong(d) },
		"rupiah":         workflow.FormatRupiah,
		"datetime":       func(t time.Time) string { return calendar.FormatTimeID(t.In(r.loc)) },
		"status":         func(code string) string { return request.Label(request.Statuses, code) },
		"kindLabel":      func(code string) string { return request.Label(request.RequesterKinds, code) },
		"obtainLabel":    func(code string) string { return request.Label(request.ObtainMethods, code) },
		"deliveryLabel":  func(code string) string { return request.Label(request.DeliveryMethods, code) },
		"channelLabel":   func(code string) string { return request.Label(request.Channels, code) },
		"eventLabel":     eventLabel,
		"requesterKinds": func() []request.Option { return request.RequesterKinds },
		"obtainMethods":  func() []request.Option { return request.ObtainMethods },
		"deliveryMethods": func() []request.Option {
			return request.DeliveryMethods
		},
		"officerChannels":   func() []request.Option { return request.OfficerChannels },
		"channels":          func() []request.Option { return request.Channels },
		"statuses":          func() []request.Option { return request.Statuses },
		"field":             newFieldView,
		"decisions":         func() []request.Option { return request.Decisions },
		"decisionLabel":     func(code string) string { return request.Label(request.Decisions, code) },
		"exemptionLetters":  func() []request.Option { return workflow.ExemptionLetters },
		"objectionGrounds":  func() []request.Option { return workflow.ObjectionGrounds },
		"objectionOutcomes": func() []request.Option { return workflow.ObjectionOutcomes },
		"objectionStatus":   objectionStatus,
		"disputeForm":       disputeForm,
		"rulingCodes":       func() []request.Option { return casework.RulingCodes },
		"letterTitle":       func(kind string) string { return letters.Kind(kind).Title() },
		"letterSendMethods": func() []request.Option { return casework.LetterSendMethods },
		"sendLabel":         func(code string) string { return request.Label(casework.LetterSendMethods, code) },
		"letterForm":        letterForm,
		"documentKinds":     func() []request.Option { return casework.DocumentKinds },
		"visibilities":      func() []request.Option { return casework.Visibilities },
		"documentKindLabel": func(code string) string {
			if code == "letter" {
				return "Surat"
			}
			if code == "clarification" {
				return "Lampiran jawaban klarifikasi"
			}
			return request.Label(casework.DocumentKinds, code)
		},
		"visibilityLabel": func(code string) string { return request.Label(casework.Visibilities, code) },
		"filesize":        formatSize,
		"hasLetter": func(ls []letterRow, kind string) bool {
			return slices.ContainsFunc(ls, func(l letterRow) bool { return l.Kind == kind })
		},
		"rowsSlot": func() template.HTML { return rowsSlot },
		"add":      func(a, b int) int { return a + b },
		"capped": func(n int) string {
			if n >= store.CountCap {
				return strconv.Itoa(store.CountCap) + "+"
			}
			return strconv.Itoa(n)
		},
		"sub": func(a, b int) int { return a - b },
		"mul": func(a, b int) int { return a * b },

		// Perki 1/2021 Pasal 24: accessible forms of information.
		"accessibilityNeeds": func() []request.Option { return request.AccessibilityNeeds },
		"accessibilityText":  request.AccessibilityText,
		"identityKinds":      func() []request.Option { return request.IdentityKinds },
		"identityKindLabel":  func(code string) string { return request.Label(request.IdentityKinds, code) },

		// Portal.
		"snippet":        snippetHTML,
		"documentURL":    documentURL,
		"requestPage":    portal.RequestPagePath,
		"slug":           portal.Slug,
		"categories":     func() []request.Option { return portal.Categories },
		"categoryLabel":  func(code string) string { return request.Label(portal.Categories, code) },
		"docTypes":       func() []request.Option { return portal.DocTypes },
		"docTypeLabel":   func(code string) string { return request.Label(portal.DocTypes, code) },
		"forms":          func() []request.Option { return portal.Forms },
		"formLabel":      func(code string) string { return request.Label(portal.Forms, code) },
		"keywordList":    keywordList,
		"findings":       publishing.Findings,
		"pubEventLabel":  publicationEventLabel,
		"pubStatusLabel": publicationStatusLabel,

		// Dispute outcomes and the clocks of workflow.Clocks.
		"disputeOutcomeKinds": func() []request.Option { return workflow.DisputeOutcomeKinds },
		"clockLabel":          func(kind string) string { return request.Label(clockLabels, kind) },
		"clockEvent":          func(event string) string { return request.Label(clockEvents, event) },
	}
}

// fieldView is one form field for the "input", "textarea" and "radios" partials.
type fieldView struct {
	Form         *formView
	Key, ID      string
	Label, Type  string
	Hint         string
	Autocomplete string
	InputMode    string
	Required     bool
	Options      []request.Option
}

func newFieldView(form *formView, key, label, typ, hint, autocomplete string, required bool, options []request.Option) fieldView {
	f := fieldView{Form: form, Key: key, ID: "f-" + form.Prefix + strings.ReplaceAll(key, ".", "-"), Label: label, Type: typ,
		Hint: hint, Autocomplete: autocomplete, Required: required, Options: options}
	if key == "requester.nik" {
		f.InputMode = "numeric"
	}
	return f
}

var eventLabels = map[string]string{
	"received":           "Permohonan diterima",
	"assigned":           "Ditugaskan",
	"forwarded":          "Diteruskan",
	"extended":           "Diperpanjang",
	"decided":            "Pemberitahuan tertulis",
	"delivered":          "Informasi diserahkan",
	"closed":             "Selesai",
	"withdrawn":          "Ditarik",
	"reopened":           "Diproses kembali",
	"objection_filed":    "Keberatan diterima",
	"objection_answered": "Keberatan ditanggapi",
	"letter_sent":        "Surat dikirim",
	"dispute_recorded":   "Sengketa dicatat",
	"dispute_updated":    "Sengketa diperbarui",
	"document_added":     "Dokumen ditambahkan",
	"letter_issued":      "Surat diterbitkan",
	"calendar_changed":   "Tenggat diundur (perubahan kalender)",
	"backlog_notice":     "Pemohon diberi tahu (impor)",
	"identity_verified":  "Identitas pemohon diverifikasi",
	// Internal notes are officers' only; the label says so wherever the history shows one.
	"note":                    "Catatan internal — tidak terlihat oleh pemohon",
	"clarification_requested": "Permintaan klarifikasi",
	"clarification_answered":  "Jawaban klarifikasi dari pemohon",
}

func eventLabel(kind string) string {
	if l, ok := eventLabels[kind]; ok {
		return l
	}
	return kind
}

func objectionStatus(code string) string {
	switch code {
	case workflow.ObjectionOpen:
		return "Menunggu tanggapan"
	case workflow.ObjectionUpheld:
		return "Putusan PPID dikuatkan"
	case workflow.ObjectionOverturned:
		return "Putusan PPID dibatalkan"
	}
	return code
}

// letterForm pre-fills a letter's sending form with what is stored, unless that form failed.
func letterForm(v caseView, l store.LetterRecord) *formView {
	name := "letter-" + strconv.FormatInt(l.ID, 10)
	if v.FailedForm == name && v.Form != nil {
		v.Form.Prefix = name + "-"
		return v.Form
	}
	vals := url.Values{}
	if l.SentVia.Valid {
		at := l.SentAt.Time.In(v.Zone)
		vals.Set("sent_via", l.SentVia.String)
		vals.Set("sent_date", at.Format("2006-01-02"))
		vals.Set("sent_time", at.Format("15:04"))
	}
	if !l.ReceivedOn.IsZero() {
		vals.Set("received_on", l.ReceivedOn.String())
	}
	return &formView{Values: vals, Prefix: name + "-"}
}

// disputeForm pre-fills a dispute's edit form with what is stored, unless that form failed.
func disputeForm(v caseView, d store.Dispute) *formView {
	name := "dispute-" + strconv.FormatInt(d.ID, 10)
	if v.FailedForm == name && v.Form != nil {
		v.Form.Prefix = name + "-"
		return v.Form
	}
	date := func(x calendar.Date) string {
		if x.IsZero() {
			return ""
		}
		return x.String()
	}
	return &formView{Prefix: name + "-", Values: url.Values{
		"ki_number": {d.KINumber}, "ki_received": {date(d.KIReceived)}, "mediation_date": {date(d.MediationDate)},
		"adjudication_date": {date(d.AdjudicationDate)}, "outcome": {d.Outcome}, "ruling_date": {date(d.RulingDate)},
		"ruling_received": {date(d.RulingReceived)}, "ruling": {d.Ruling}, "court_case": {d.CourtCase},
		"court_outcome": {d.CourtOutcome}, "outcome_kind": {d.OutcomeKind}, "ruling_code": {d.RulingCode},
	}}
}

// templateCan is the templates' question "may this user do p" ({{if can .User "publish"}}); a
// permission the table does not know is a template error, not a silently hidden link.
func templateCan(u *sessionUser, p string) (bool, error) {
	if !access.Known(access.Permission(p)) {
		return false, fmt.Errorf("web: template asks unknown permission %q", p)
	}
	return u != nil && access.Can(u.Role, access.Permission(p)), nil
}

// render executes into a buffer first, so a template error becomes a clean 500, not half a page.
func (s *Server) render(c *gin.Context, status int, page string, data pageData) {
	s.renderWithRows(c, status, page, data, nil)
}

// rowsSlot is what the template function rowsSlot leaves where a page's rows go: html/template
// drops comments from template text and escapes every value, so nothing else can write it.
const rowsSlot = "<!--terbuka:rows-->"

// renderWithRows renders page with rows, when set, writing a long list straight into the pooled
// page buffer at the page's {{rowsSlot}}: printed as a template value, 70 kB of a queue's rows were
// first built as a string, then copied through fmt's buffer (BenchmarkQueuePage).
func (s *Server) renderWithRows(c *gin.Context, status int, page string, data pageData, rows func(*bytes.Buffer)) {
	t, ok := s.renderer.pages[page]
	if !ok {
		s.serverError(c, fmt.Errorf("web: no page %q", page))
		return
	}
	data.Office = s.officeName()
	if data.Description == "" {
		data.Description = pageDescription(page, data.Title, data.Office)
	}
	data.User = currentUser(c)
	data.CSRFToken = c.GetString(csrfKey)
	data.Path = c.Request.URL.Path
	if data.Flash == "" && s.hasSession(c) {
		data.Flash = s.sessions.PopString(c.Request.Context(), "flash")
		data.FlashError = s.sessions.PopString(c.Request.Context(), "flash_kind") == "error"
	}
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer putRenderBuffer(buf)
	if err := t.Execute(buf, data); err != nil {
		s.serverError(c, fmt.Errorf("web: render %s: %w", page, err))
		return
	}
	if rows != nil {
		head, tail, ok := bytes.Cut(buf.Bytes(), []byte(rowsSlot))
		if !ok {
			s.serverError(c, fmt.Errorf("web: page %s has no rows slot", page))
			return
		}
		out := renderBuffers.Get().(*bytes.Buffer)
		defer putRenderBuffer(out)
		out.Write(head)
		rows(out)
		out.Write(tail)
		buf = out
	}
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

// renderBuffers are reused between pages: growing a fresh buffer to a 60 kB queue page was a
// sixth of the page's allocations, and so of its garbage collection (BenchmarkQueuePage).
var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putRenderBuffer returns buf for reuse once written out, unless a rare huge page grew it.
func putRenderBuffer(buf *bytes.Buffer) {
	if buf.Cap() <= 1<<20 {
		buf.Reset()
		renderBuffers.Put(buf)
	}
}

// pageData is what every page gets; Data carries the page's own content.
type pageData struct {
	Title     string
	Office    string
	User      *sessionUser
	CSRFToken string
	Flash     string
	// FlashError marks the flash as a refusal rather than a confirmation.
	FlashError bool
	Path       string
	Form       *formView
	Data       any
	// Canonical is the page's absolute canonical URL, when it has one.
	Canonical string
	// Description is the page's <meta name="description">; empty takes pageDescription's.
	Description string
}

// publicDescriptions say in a sentence what each public page offers, for search engines' result
// lines; pages not listed (office pages, errors) get a sentence built from their title.
var publicDescriptions = map[string]string{
	"home":                "Layanan informasi publik %s: ajukan permohonan informasi, lacak permohonan, dan telusuri dokumen publik sesuai UU 14/2008.",
	"portal_documents":    "Telusuri dan unduh dokumen publik yang diterbitkan %s.",
	"public_dip":          "Daftar Informasi Publik (DIP) %s: informasi yang tersedia setiap saat, berkala, dan serta-merta.",
	"public_dik":          "Daftar Informasi yang Dikecualikan (DIK) %s beserta dasar hukum dan uji konsekuensinya.",
	"public_register":     "Register permohonan informasi publik %s: nomor, tanggal, dan status setiap permohonan, tanpa data pribadi.",
	"public_statistics":   "Statistik layanan informasi publik %s: jumlah permohonan, keputusan, dan ketepatan waktu.",
	"request_new":         "Ajukan permohonan informasi publik kepada %s secara daring dan dapatkan nomor pendaftaran serta kode lacak.",
	"track":               "Lacak status permohonan informasi publik Anda di %s dengan nomor pendaftaran dan kode lacak.",
	"deadline_calculator": "Hitung tenggat permohonan informasi publik dalam hari kerja menurut UU 14/2008 dan kalender libur resmi (%s).",
}

func pageDescription(page, title, office string) string {
	if f, ok := publicDescriptions[page]; ok {
		return fmt.Sprintf(f, office)
	}
	return title + " — " + office + "."
}

// serverError logs the cause and shows only the status text.
func (s *Server) serverError(c *gin.Context, err error) {
	s.log.ErrorContext(c.Request.Context(), "request failed", "method", c.Request.Method, "path", c.Request.URL.Path, "error", err)
	if isAPI(c) {
		c.AbortWithStatusJSON(http.StatusInternalServerError, gin.H{"error": "Terjadi kesalahan pada server. Silakan coba lagi."})
		return
	}
	c.Data(http.StatusInternalServerError, "text/html; charset=utf-8", []byte(internalErrorPage))
	c.Abort()
}

const internalErrorPage = `<!doctype html><html lang="id"><meta charset="utf-8"><title>Kesalahan server</title>
<p>Maaf, terjadi kesalahan pada server. Silakan coba lagi beberapa saat lagi.</p>`

func isAPI(c *gin.Context) bool { return strings.HasPrefix(c.Request.URL.Path, "/api/") }

// shownDate is a date a page shows, counted from From (the local date of the event that started
// its clock): it is provisional when a year from From through Date has no SKB loaded.
type shownDate struct {
	Label      string
	From, Date calendar.Date
}

// shownDeadline is a computed deadline as a page shows it, counted from its event (or its D0).
func shownDeadline(label string, d deadline.Deadline, cal *calendar.Calendar) shownDate {
	from := d.CountingFrom
	if !d.EventAt.IsZero() {
		from = calendar.DateOf(d.EventAt.In(cal.Location()))
	}
	return shownDate{Label: label, From: from, Date: d.Due}
}

// calendarWarnings says which of the shown dates are provisional — they depend on a year whose
// SKB is not loaded (DESIGN §2) — one sentence per set of such years; nil when none is.
func calendarWarnings(cal *calendar.Calendar, dates ...shownDate) []string {
	var order []string
	byYears := map[string][]string{}
	for _, d := range dates {
		years := cal.ProvisionalYears(d.From, d.Date)
		if d.From.IsZero() || d.Date.IsZero() || len(years) == 0 {
			continue
		}
		key := calendar.JoinYears(years)
		item := d.Label + " (" + calendar.FormatIDLong(d.Date) + ")"
		if _, ok := byYears[key]; !ok {
			order = append(order, key)
		}
		if !slices.Contains(byYears[key], item) {
			byYears[key] = append(byYears[key], item)
		}
	}
	var out []string
	for _, key := range order {
		out = append(out, "Tanggal sementara: "+strings.Join(byYears[key], ", ")+
			" dihitung dengan hari libur yang sudah pasti saja; tanggal ini dapat bergeser setelah SKB hari libur tahun "+
			key+" ditetapkan.")
	}
	return out
}

// formatSize prints a byte count the Indonesian way: "1,5 MB", "300 KB".
func formatSize(n int64) string {
	switch {
	case n >= 1<<20:
		return strings.Replace(strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64), ".", ",", 1) + " MB"
	case n >= 1<<10:
		return strconv.FormatInt(n>>10, 10) + " KB"
	}
	return strconv.FormatInt(n, 10) + " bita"
}

// clockLabels name the clocks of workflow.Clocks for people.
var clockLabels = []request.Option{
	{Code: "response", Label: "Pemberitahuan tertulis (10 hari kerja)"},
	{Code: "extension", Label: "Perpanjangan (7 hari kerja)"},
	{Code: "delivery", Label: "Penyerahan informasi yang dijanjikan"},
	{Code: "objection_window", Label: "Batas pengajuan keberatan (30 hari kerja)"},
	{Code: "objection_response", Label: "Tanggapan atasan PPID (30 hari kerja)"},
	{Code: "dispute_filing", Label: "Batas pengajuan sengketa ke Komisi Informasi (14 hari kerja)"},
	{Code: "ki_start", Label: "Komisi Informasi mulai menyelesaikan sengketa (14 hari kerja)"},
	{Code: "ki_finish", Label: "Komisi Informasi menyelesaikan sengketa (100 hari kerja)"},
	{Code: "court_suit", Label: "Batas gugatan ke pengadilan (14 hari kerja)"},
}

// clockEvents say what started each clock.
var clockEvents = []request.Option{
	{Code: "request_received", Label: "permohonan diterima"},
	{Code: "response_due", Label: "akhir 10 hari kerja"},
	{Code: "notice", Label: "tanggal pemberitahuan tertulis"},
	{Code: "notice_received", Label: "pemberitahuan tertulis diterima pemohon"},
	{Code: "response_due_lapsed", Label: "batas pemberitahuan lewat tanpa tanggapan"},
	{Code: "delivery_due_lapsed", Label: "tanggal penyerahan lewat tanpa penyerahan (Pasal 35(1) huruf g)"},
	{Code: "objection_received", Label: "keberatan diterima"},
	{Code: "objection_answered", Label: "tanggapan atasan PPID"},
	{Code: "answer_received", Label: "tanggapan atasan PPID diterima pemohon"},
	{Code: "objection_response_lapsed", Label: "batas tanggapan atasan PPID lewat"},
	{Code: "dispute_received", Label: "sengketa diterima Komisi Informasi"},
	{Code: "adjudication_ruling_received", Label: "putusan ajudikasi diterima"},
}

// breakable lets a browser wrap text after its slashes ("Melihat/membaca/mendengarkan/mencatat"
// is one word to a line breaker, and on a phone it would stick out of its column).
func breakable(text string) template.HTML {
	return template.HTML(strings.ReplaceAll(template.HTMLEscapeString(text), "/", "/<wbr>"))
}
