package web_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// publisher is a logged-in officer who publishes through the office pages.
type publisher struct {
	t   *testing.T
	app *testApp
	c   *http.Client
}

func newPublisher(t *testing.T, app *testApp, email, role string) *publisher {
	t.Helper()
	addUser(t, app.Store, email, role, "rahasia-benar")
	c, _ := login(t, app, email, "rahasia-benar")
	return &publisher{t: t, app: app, c: c}
}

func (p *publisher) mainUnit() string {
	var id int64
	if err := p.app.Store.DB().Get(&id, `SELECT id FROM units WHERE kind = 'utama'`); err != nil {
		p.t.Fatal(err)
	}
	return strconv.FormatInt(id, 10)
}

// draft posts the publishing form (the CSRF token and fields first, the file last, as the browser sends it).
func (p *publisher) draft(fields map[string]string, filename string, content []byte) (int, string, string) {
	p.t.Helper()
	token := csrfFrom(p.t, p.c, p.app.URL+"/kantor/publikasi/baru")
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("csrf_token", token)
	for _, k := range []string{"title", "category", "unit_id", "year", "summary", "keywords", "form", "responsible", "made_place", "made_time", "retention"} {
		if v, ok := fields[k]; ok {
			w.WriteField(k, v)
		}
	}
	if filename != "" {
		fw, _ := w.CreateFormFile("file", filename)
		fw.Write(content)
	}
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, p.app.URL+"/kantor/publikasi/baru", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	resp, err := p.c.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Location"), readBody(p.t, resp)
}

func (p *publisher) post(path string, kv ...string) (int, string) {
	p.t.Helper()
	token := csrfFrom(p.t, p.c, p.app.URL+"/kantor/publikasi")
	resp, err := p.c.PostForm(p.app.URL+path, formBody(append([]string{"csrf_token", token}, kv...)...))
	if err != nil {
		p.t.Fatal(err)
	}
	return resp.StatusCode, readBody(p.t, resp)
}

func (p *publisher) page(path string) string {
	p.t.Helper()
	resp, err := p.c.Get(p.app.URL + path)
	if err != nil {
		p.t.Fatal(err)
	}
	return readBody(p.t, resp)
}

func (p *publisher) cleanFields() map[string]string {
	return map[string]string{"title": "Penganggaran Dinas Pendidikan Tahun 2026", "category": "berkala", "unit_id": p.mainUnit(),
		"year": "2026", "summary": "Dokumen pelaksanaan anggaran untuk sekolah dasar dan menengah.", "keywords": "anggaran, pendidikan, DPA",
		"form": "softcopy", "responsible": "Kepala Dinas Pendidikan", "made_place": "Bandung", "made_time": "Januari 2026",
		"retention": "5 tahun"}
}

func get(t *testing.T, u string) (*http.Response, string) {
	t.Helper()
	resp, err := newClient(t).Get(u)
	if err != nil {
		t.Fatal(err)
	}
	return resp, readBody(t, resp)
}

var publicationPath = regexp.MustCompile(`^/kantor/publikasi/(\d+)$`)

func publicationID(t *testing.T, location string) string {
	t.Helper()
	m := publicationPath.FindStringSubmatch(location)
	if m == nil {
		t.Fatalf("not redirected to a publication: %q", location)
	}
	return m[1]
}

func publicURL(t *testing.T, app *testApp, id string) string {
	t.Helper()
	var pid string
	if err := app.Store.DB().Get(&pid, `SELECT public_id FROM publications WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	return "/dokumen/" + pid
}

// A PPID publishes a document; a visitor finds it by searching an Indonesian root word, reads its
// page at its canonical URL, previews and downloads it, and finds it in the API, the feed and the sitemap.
func TestPortalPublishSearchAndDownload(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta))
	ppid := newPublisher(t, app, "ppid@uji.test", "ppid")
	content := []byte("Rincian penganggaran sekolah: belanja pegawai, belanja barang dan jasa, belanja modal.\n")
	status, loc, body := ppid.draft(ppid.cleanFields(), "dpa 2026.txt", content)
	if status != http.StatusSeeOther {
		t.Fatalf("draft: %d %s", status, body)
	}
	id := publicationID(t, loc)
	if page := ppid.page(loc); strings.Contains(page, `aria-labelledby="temuan"`) || !strings.Contains(page, `action="/kantor/publikasi/`+id+`/terbitkan"`) {
		t.Errorf("office page of a clean draft shows findings or no publish button: %s", page)
	}
	if n := count(t, app, `SELECT count(*) FROM publications WHERE id = $1 AND status = 'draft' AND pii_findings = '[]'`, id); n != 1 {
		t.Error("a clean draft is not stored as a draft without findings")
	}
	base := publicURL(t, app, id)
	if resp, _ := get(t, app.URL+base); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a draft is public: %d", resp.StatusCode)
	}
	if status, _ := ppid.post("/kantor/publikasi/" + id + "/terbitkan"); status != http.StatusSeeOther {
		t.Fatalf("publish: %d", status)
	}

	// "anggaran" finds "Penganggaran" through the Indonesian stemmer, with the match marked.
	resp, page := get(t, app.URL+"/dokumen?q=anggaran")
	if resp.StatusCode != 200 || !strings.Contains(page, "Penganggaran Dinas Pendidikan Tahun 2026") || !strings.Contains(page, "<mark>") {
		t.Fatalf("search: %d %s", resp.StatusCode, page)
	}
	canonical := base + "/penganggaran-dinas-pendidikan-tahun-2026"
	if !strings.Contains(page, `href="`+canonical+`"`) {
		t.Errorf("result does not link the canonical URL %s", canonical)
	}
	// Any other slug, or none, redirects to the canonical URL.
	for _, path := range []string{base, base + "/judul-lama"} {
		resp, _ := get(t, app.URL+path)
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != canonical {
			t.Errorf("%s: %d → %q", path, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	resp, page = get(t, app.URL+canonical)
	if resp.StatusCode != 200 || !strings.Contains(page, `<link rel="canonical" href="http://localhost:8080`+canonical+`">`) ||
		!strings.Contains(page, `src="`+canonical+`/pratinjau"`) || !strings.Contains(page, `href="`+canonical+`/unduh"`) {
		t.Errorf("document page: %d %s", resp.StatusCode, page)
	}
	resp, file := get(t, app.URL+canonical+"/unduh")
	if resp.StatusCode != 200 || file != string(content) || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment;") ||
		!strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Errorf("download: %d %q %v", resp.StatusCode, file, resp.Header)
	}
	resp, _ = get(t, app.URL+canonical+"/pratinjau")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "inline;") ||
		!strings.Contains(resp.Header.Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("preview of a text file: %d %v", resp.StatusCode, resp.Header)
	}

	// The open-data API.
	resp, raw := get(t, app.URL+"/api/v1/documents?q=anggaran")
	var list struct {
		Items []struct {
			ID          string `json:"id"`
			Title       string `json:"title"`
			SnippetHTML string `json:"snippet_html"`
		} `json:"items"`
		Total int `json:"total"`
	}
	if err := json.Unmarshal([]byte(raw), &list); err != nil || resp.StatusCode != 200 || list.Total != 1 ||
		list.Items[0].Title != "Penganggaran Dinas Pendidikan Tahun 2026" || !strings.Contains(list.Items[0].SnippetHTML, "<mark>") {
		t.Fatalf("API search: %d %s %v", resp.StatusCode, raw, err)
	}
	pid := strings.TrimPrefix(base, "/dokumen/")
	resp, raw = get(t, app.URL+"/api/v1/documents/"+pid)
	var doc map[string]any
	if err := json.Unmarshal([]byte(raw), &doc); err != nil || resp.StatusCode != 200 || doc["id"] != pid ||
		doc["download_url"] != "http://localhost:8080"+canonical+"/unduh" || doc["category"] != "berkala" {
		t.Errorf("API document: %d %s", resp.StatusCode, raw)
	}
	if strings.Contains(raw, `"id":`+id+`,`) {
		t.Errorf("internal id in the API: %s", raw)
	}

	// Feed and sitemap are well-formed XML naming the document.
	resp, feed := get(t, app.URL+"/dokumen.atom")
	var atom struct {
		Entries []struct {
			Title string `xml:"title"`
			ID    string `xml:"id"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(feed), &atom); err != nil || len(atom.Entries) != 1 || atom.Entries[0].ID != "http://localhost:8080"+canonical ||
		resp.Header.Get("Content-Type") != "application/atom+xml; charset=utf-8" {
		t.Errorf("feed: %v %s", err, feed)
	}
	_, sitemap := get(t, app.URL+"/sitemap.xml")
	var set struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(sitemap), &set); err != nil || !strings.Contains(sitemap, "<loc>http://localhost:8080"+canonical+"</loc>") {
		t.Errorf("sitemap: %v %s", err, sitemap)
	}

	// The home page lists it and counts it.
	if _, home := get(t, app.URL+"/"); !strings.Contains(home, "Penganggaran Dinas Pendidikan Tahun 2026") {
		t.Errorf("home page does not list the new document")
	}
}

// Personal data in a document blocks publication until the PPID fixes or confirms it, and the
// confirmation is recorded with its reason.
func TestPortalPersonalDataBlocksPublication(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta))
	ppid := newPublisher(t, app, "ppid@uji.test", "ppid")
	content := []byte("Daftar penerima bantuan: Budi, NIK 3273014507900003, surel budi@contoh.id, telepon 0812-3456-7890.\n")
	fields := ppid.cleanFields()
	fields["title"] = "Daftar penerima bantuan sosial"
	status, loc, _ := ppid.draft(fields, "penerima.txt", content)
	if status != http.StatusSeeOther {
		t.Fatalf("draft: %d", status)
	}
	id := publicationID(t, loc)
	page := ppid.page(loc)
	if !strings.Contains(page, `<p class="alert" role="alert">`) || !strings.Contains(page, `action="/kantor/publikasi/`+id+`/konfirmasi"`) ||
		!strings.Contains(page, "<code>") || strings.Contains(page, "3273014507900003") {
		t.Errorf("office page shows no masked findings and confirmation, or the full NIK: %s", page)
	}
	if n := count(t, app, `SELECT count(*) FROM publications WHERE id = $1 AND pii_findings @> '[{"kind":"nik"}]'`, id); n != 1 {
		t.Error("the NIK is not stored as a finding")
	}
	ppid.post("/kantor/publikasi/" + id + "/terbitkan")
	if page := ppid.page(loc); flashKind(page) != flashRefused || count(t, app, `SELECT count(*) FROM publications WHERE id = $1 AND status = 'draft'`, id) != 1 {
		t.Errorf("publishing with unconfirmed findings was not refused: %s", page)
	}
	base := publicURL(t, app, id)
	if resp, _ := get(t, app.URL+base); resp.StatusCode != http.StatusNotFound {
		t.Errorf("blocked document is public: %d", resp.StatusCode)
	}
	// A petugas may not confirm; the PPID must give a reason.
	petugas := newPublisher(t, app, "petugas@uji.test", "petugas")
	if status, _ := petugas.post("/kantor/publikasi/"+id+"/konfirmasi", "note", "boleh"); status != http.StatusForbidden {
		t.Errorf("petugas confirmed: %d", status)
	}
	if status, body := ppid.post("/kantor/publikasi/"+id+"/konfirmasi", "note", " "); status != http.StatusUnprocessableEntity || !hasFieldError(body, "note") {
		t.Errorf("confirmation without a reason: %d, marked %v", status, fieldErrors(body))
	}
	if status, _ := ppid.post("/kantor/publikasi/"+id+"/konfirmasi", "note", "Data telah dipublikasikan pemiliknya sendiri."); status != http.StatusSeeOther {
		t.Fatalf("confirm: %d", status)
	}
	if status, _ := ppid.post("/kantor/publikasi/" + id + "/terbitkan"); status != http.StatusSeeOther {
		t.Fatal("publish after confirmation")
	}
	if resp, _ := get(t, app.URL+base); resp.StatusCode != http.StatusMovedPermanently {
		t.Errorf("confirmed document not public: %d", resp.StatusCode)
	}
	var events []string
	if err := app.Store.DB().Select(&events, `SELECT kind || ':' || note FROM publication_events WHERE publication_id = $1 ORDER BY id`, id); err != nil {
		t.Fatal(err)
	}
	want := []string{"created:", "pii_confirmed:Data telah dipublikasikan pemiliknya sendiri.", "published:"}
	if fmt.Sprint(events) != fmt.Sprint(want) {
		t.Errorf("history %q, want %q", events, want)
	}
	// Nothing of the finding in the logs but the masked form.
	if strings.Contains(app.Logs.String(), "3273014507900003") {
		t.Error("the NIK reached the logs")
	}
}

// Unpublishing keeps the record; the public URL, the download and the API answer 410 Gone.
func TestPortalUnpublishedAnswersGone(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta))
	ppid := newPublisher(t, app, "ppid@uji.test", "ppid")
	_, loc, _ := ppid.draft(ppid.cleanFields(), "dpa.txt", []byte("Rencana anggaran.\n"))
	id := publicationID(t, loc)
	ppid.post("/kantor/publikasi/" + id + "/terbitkan")
	if status, body := ppid.post("/kantor/publikasi/"+id+"/tarik", "reason", ""); status != http.StatusUnprocessableEntity || !hasFieldError(body, "reason") {
		t.Errorf("unpublish without reason: %d, marked %v", status, fieldErrors(body))
	}
	if n := count(t, app, `SELECT count(*) FROM publications WHERE id = $1 AND status = 'published'`, id); n != 1 {
		t.Error("unpublishing without a reason took the document down")
	}
	if status, _ := ppid.post("/kantor/publikasi/"+id+"/tarik", "reason", "Diganti versi perubahan."); status != http.StatusSeeOther {
		t.Fatalf("unpublish: %d", status)
	}
	base := publicURL(t, app, id)
	canonical := base + "/penganggaran-dinas-pendidikan-tahun-2026"
	for _, u := range []string{canonical, canonical + "/unduh", "/api/v1/documents/" + strings.TrimPrefix(base, "/dokumen/")} {
		resp, body := get(t, app.URL+u)
		if resp.StatusCode != http.StatusGone || !strings.Contains(body, "Diganti versi perubahan.") {
			t.Errorf("%s: %d %s", u, resp.StatusCode, body)
		}
	}
	if _, page := get(t, app.URL+"/dokumen?q=anggaran"); strings.Contains(page, "Penganggaran Dinas") {
		t.Error("an unpublished document is still found")
	}
	var n int
	app.Store.DB().Get(&n, `SELECT count(*) FROM publications WHERE id = $1 AND status = 'unpublished'`, id)
	if n != 1 {
		t.Error("the record was not kept")
	}
}

// Text from a document can never become markup on the results page or the document page.
func TestPortalEscapesDocumentText(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta))
	ppid := newPublisher(t, app, "ppid@uji.test", "ppid")
	fields := ppid.cleanFields()
	fields["title"] = `Anggaran <script>alert(1)</script>`
	fields["summary"] = `Ringkasan anggaran <img src=x onerror=alert(2)>`
	_, loc, _ := ppid.draft(fields, "x.txt", []byte("anggaran <b onmouseover=alert(3)>tebal</b>\n"))
	ppid.post("/kantor/publikasi/" + publicationID(t, loc) + "/terbitkan")
	for _, u := range []string{"/dokumen?q=anggaran", "/dokumen", "/"} {
		_, page := get(t, app.URL+u)
		for _, bad := range []string{"<script>alert", "<img src=x", "<b onmouseover"} {
			if strings.Contains(page, bad) {
				t.Errorf("%s contains %q unescaped", u, bad)
			}
		}
	}
}

// A form with mistakes comes back with its fields marked and what the officer typed (the
// Indonesian messages: rendering_test.go).
func TestPortalFormKeepsInput(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta))
	ppid := newPublisher(t, app, "ppid@uji.test", "ppid")
	fields := ppid.cleanFields()
	fields["title"] = ""
	fields["year"] = "2099"
	status, _, body := ppid.draft(fields, "a.txt", []byte("isi\n"))
	if status != http.StatusUnprocessableEntity || !hasFieldError(body, "title") || !hasFieldError(body, "year") || !strings.Contains(body, `value="2099"`) ||
		!strings.Contains(body, "Dokumen pelaksanaan anggaran untuk sekolah dasar dan menengah.") {
		t.Errorf("form errors: %d %s", status, body)
	}
	fields = ppid.cleanFields()
	fields["unit_id"] = "999999"
	if status, _, body := ppid.draft(fields, "a.txt", []byte("isi\n")); status != http.StatusUnprocessableEntity || !hasFieldError(body, "unit_id") {
		t.Errorf("unknown unit: %d, marked %v", status, fieldErrors(body))
	}
	fields = ppid.cleanFields()
	fields["title"] = "Judul\x00dengan NUL"
	if status, _, body := ppid.draft(fields, "a.txt", []byte("isi\n")); status != http.StatusUnprocessableEntity || !hasFieldError(body, "title") {
		t.Errorf("NUL in the title: %d, marked %v", status, fieldErrors(body))
	}
	status, _, body = ppid.draft(ppid.cleanFields(), "", nil)
	if status != http.StatusUnprocessableEntity || !hasFieldError(body, "file") {
		t.Errorf("no file: %d, marked %v", status, fieldErrors(body))
	}
	status, _, body = ppid.draft(ppid.cleanFields(), "program.exe", []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"))
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `class="error"`) {
		t.Errorf("executable accepted: %d", status)
	}
	var n int
	app.Store.DB().Get(&n, `SELECT count(*) FROM publications`)
	if n != 0 {
		t.Errorf("%d publications stored from refused forms", n)
	}
}

// Only officers reach the publishing pages; only the PPID publishes.
func TestPortalPublishingPermissions(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta))
	if resp, _ := get(t, app.URL+"/kantor/publikasi"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a visitor reached the publishing pages: %d", resp.StatusCode)
	}
	petugas := newPublisher(t, app, "petugas@uji.test", "petugas")
	status, loc, _ := petugas.draft(petugas.cleanFields(), "a.txt", []byte("anggaran\n"))
	if status != http.StatusSeeOther {
		t.Fatalf("petugas could not draft: %d", status)
	}
	if status, _ := petugas.post("/kantor/publikasi/" + publicationID(t, loc) + "/terbitkan"); status != http.StatusForbidden {
		t.Errorf("petugas published: %d", status)
	}
	atasan := newPublisher(t, app, "atasan@uji.test", "atasan")
	if resp, err := atasan.c.Get(app.URL + "/kantor/publikasi"); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("atasan on the publishing pages: %v %v", resp.StatusCode, err)
	}
}

// Bad filters answer 400 with a message naming the parameter, on the page and in the API.
func TestPortalRejectsBadQueries(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta))
	for _, q := range []string{"tahun=abc", "kategori=rahasia", "jenis=exe", "halaman=0", "halaman=x", "unit=tidak-ada", "q=" + strings.Repeat("a", 201)} {
		resp, body := get(t, app.URL+"/dokumen?"+q)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `class="error"`) && !strings.Contains(body, `class="alert"`) {
			t.Errorf("/dokumen?%s: %d", q, resp.StatusCode)
		}
	}
	resp, body := get(t, app.URL+"/api/v1/documents?year=abc&category=x")
	var out struct {
		Fields map[string]string `json:"fields"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil || resp.StatusCode != 400 || out.Fields["year"] == "" || out.Fields["category"] == "" {
		t.Errorf("API: %d %s", resp.StatusCode, body)
	}
	// Bytes PostgreSQL cannot take are refused at the edge, never a 500.
	for _, u := range []string{"/dokumen?q=%00", "/dokumen?q=%ff%fe", "/api/v1/documents?q=a%00b"} {
		if resp, _ := get(t, app.URL+u); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d", u, resp.StatusCode)
		}
	}
	for _, u := range []string{"/api/v1/documents/abc%00defgh", "/dokumen/ABCDEFGHIJ", "/api/v1/documents/" + strings.Repeat("a", 11)} {
		if resp, _ := get(t, app.URL+u); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d", u, resp.StatusCode)
		}
	}
	// Search syntax and odd input never fail.
	for _, q := range []string{`"anggaran pendidikan"`, "anggaran -kesehatan", "dan", "!!!", "or", `'`, "a:b & c | !d"} {
		if resp, _ := get(t, app.URL+"/dokumen?q="+url.QueryEscape(q)); resp.StatusCode != 200 {
			t.Errorf("q=%q: %d", q, resp.StatusCode)
		}
	}
}

// The PPID publishes a granted case's documents marked for publication in one action from the
// case page; the document page names the request it was released on, and a document carrying
// the requester's name is held back as a draft.
func TestPortalPublishFromCase(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	path, number, _ := submitViaAPI(t, app)
	publishForm := url.Values{"title": {"Rencana Kerja dan Anggaran Dinas Pendidikan 2026"}, "category": {"setiap_saat"},
		"summary": {"RKA yang diberikan atas permohonan informasi."}, "keywords": {"RKA, anggaran"}, "responsible": {"Kepala Dinas"}, "made_place": {"Bandung"}, "made_time": {"Maret 2026"}, "retention": {"5 tahun"}}

	// Nothing to publish before the case is decided.
	if _, kind, _ := ppid.postStep(path+"/publikasikan", publishForm); kind != flashRefused {
		t.Errorf("publishing an undecided case: %q", kind)
	}
	if st, _ := ppid.upload(path, "response", "public", "rka-2026.txt", []byte("Rencana kerja dan anggaran: belanja sekolah Rp 2.000.000.000.\n")); st != http.StatusSeeOther {
		t.Fatal("upload")
	}
	if st, _ := ppid.upload(path, "response", "public", "surat-pengantar.txt", []byte("Kepada Siti Aminah di Bandung.\n")); st != http.StatusSeeOther {
		t.Fatal("upload")
	}
	if st, _ := ppid.upload(path, "other", "requester", "untuk-pemohon.txt", []byte("Hanya untuk pemohon.\n")); st != http.StatusSeeOther {
		t.Fatal("upload")
	}
	grant := url.Values{"kind": {"dikabulkan"}, "notice_date": {"2026-11-02"}, "notice_time": {"09:00"}, "information_given": {"RKA 2026"},
		"form": {"softcopy"}, "cost": {"Tanpa biaya"}, "delivery_time": {"Hari ini"}}
	if st, _, _ := ppid.post(path+"/putuskan", grant); st != http.StatusSeeOther {
		t.Fatalf("grant: %d", st)
	}
	// A missing title comes back on the case page with the form's input kept.
	bad := url.Values{"category": {"setiap_saat"}, "summary": {"Ringkasan yang diketik."}}
	if st, _, page := ppid.post(path+"/publikasikan", bad); st != http.StatusUnprocessableEntity ||
		!hasFieldError(page, "title") || !strings.Contains(page, "Ringkasan yang diketik.") {
		t.Errorf("publish without a title: %d, marked %v", st, fieldErrors(page))
	}
	if n := count(t, app, `SELECT count(*) FROM publications`); n != 0 {
		t.Fatalf("refused publishing stored %d publications", n)
	}
	st, kind, page := ppid.postStep(path+"/publikasikan", publishForm)
	if st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("publish from case: %d %q", st, kind)
	}
	if published, held := count(t, app, `SELECT count(*) FROM publications WHERE status = 'published'`),
		count(t, app, `SELECT count(*) FROM publications WHERE status = 'draft'`); published != 1 || held != 1 {
		t.Fatalf("publish from case: %d published, %d held as drafts; want 1 and 1", published, held)
	}
	if !strings.Contains(page, "Rencana Kerja dan Anggaran Dinas Pendidikan 2026 (1/2)") {
		t.Errorf("case page does not list its publications")
	}
	var pid string
	if err := app.Store.DB().Get(&pid, `SELECT public_id FROM publications WHERE status = 'published'`); err != nil {
		t.Fatal(err)
	}
	resp, doc := get(t, app.URL+"/api/v1/documents/"+pid)
	if resp.StatusCode != 200 || !strings.Contains(doc, `"registration_number":"`+number+`"`) {
		t.Errorf("published document does not name its request: %s", doc)
	}
	var drafts, untouched int
	app.Store.DB().Get(&drafts, `SELECT count(*) FROM publications WHERE status = 'draft' AND pii_findings @> '[{"kind":"name"}]'`)
	app.Store.DB().Get(&untouched, `SELECT count(*) FROM publications WHERE filename = 'untuk-pemohon.txt'`)
	if drafts != 1 || untouched != 0 {
		t.Errorf("%d drafts held for the requester's name (want 1), %d requester-only documents published (want 0)", drafts, untouched)
	}
	// Publishing again adds nothing.
	if st, _, _ := ppid.post(path+"/publikasikan", publishForm); st != http.StatusSeeOther || count(t, app, `SELECT count(*) FROM publications`) != 2 {
		t.Errorf("second publish: %d, %d publications (want the same 2)", st, count(t, app, `SELECT count(*) FROM publications`))
	}
}
