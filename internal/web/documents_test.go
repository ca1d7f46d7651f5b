package web_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// upload posts a file to the case the way the case page's form does: the CSRF token, then the
// small fields, then the file.
func (o *officer) upload(path, kind, visibility, filename string, content []byte) (int, string) {
	o.t.Helper()
	token := csrfFrom(o.t, o.c, o.app.URL+"/kantor")
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("csrf_token", token)
	w.WriteField("kind", kind)
	w.WriteField("visibility", visibility)
	fw, _ := w.CreateFormFile("file", filename)
	fw.Write(content)
	w.Close()
	req, _ := http.NewRequest("POST", o.app.URL+path+"/dokumen", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	resp, err := o.c.Do(req)
	if err != nil {
		o.t.Fatal(err)
	}
	page := readBody(o.t, resp)
	if resp.StatusCode == http.StatusSeeOther {
		page = o.get(resp.Header.Get("Location"))
	}
	return resp.StatusCode, page
}

var minimalPDF = []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")

func TestDocumentsUploadCheckAndDownload(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	petugas := signIn(t, app, "petugas@uji.test", "petugas", "rahasia-petugas")
	path, number, code := submitViaAPI(t, app)

	st, page := petugas.upload(path, "response", "requester", "../../Rekap Anggaran 2026.pdf", minimalPDF)
	if st != http.StatusSeeOther || flashKind(page) != flashDone || !strings.Contains(page, ">Rekap Anggaran 2026.pdf</a>") {
		t.Fatalf("upload: %d, flash %q", st, flashKind(page))
	}
	if n := count(t, app, `SELECT count(*) FROM documents WHERE filename = 'Rekap Anggaran 2026.pdf' AND kind = 'response' AND visibility = 'requester'`); n != 1 {
		t.Fatalf("uploaded document stored %d times under its base name", n)
	}
	if st, _ := petugas.upload(path, "other", "internal", "catatan.txt", []byte("Catatan internal petugas.")); st != http.StatusSeeOther {
		t.Fatalf("internal upload: %d", st)
	}

	// Disallowed by content, whatever the name says; too large. Nothing is kept, and the form
	// comes back open with its file input marked (the messages: rendering_test.go).
	for name, tc := range map[string]struct {
		filename string
		content  []byte
	}{
		"html named pdf": {"laporan.pdf", []byte("<!doctype html><script>alert(1)</script>")},
		"executable":     {"setup.pdf", append([]byte("MZ\x90\x00\x03"), make([]byte, 512)...)},
		"too large":      {"besar.pdf", append(append([]byte{}, minimalPDF...), make([]byte, 70<<10)...)},
	} {
		st, page := petugas.upload(path, "response", "requester", tc.filename, tc.content)
		if st != http.StatusUnprocessableEntity || !strings.Contains(page, `name="file" type="file" aria-describedby="f-upload-file-hint" aria-invalid="true"`) {
			t.Errorf("%s: %d, want 422 with the file input marked invalid", name, st)
		}
	}
	var rows int
	app.Store.DB().Get(&rows, `SELECT count(*) FROM documents WHERE kind <> 'letter'`)
	if rows != 2 {
		t.Errorf("%d document rows, want 2", rows)
	}

	// Officers download with Range support and safe headers.
	links := regexp.MustCompile(`href="(`+regexp.QuoteMeta(path)+`/dokumen/\d+)"`).FindAllStringSubmatch(petugas.get(path), -1)
	if len(links) != 2 {
		pg := petugas.get(path)
		i := strings.Index(pg, "id=\"dokumen\"")
		t.Fatalf("document links: %v\n%s", links, pg[i:min(len(pg), i+1500)])
	}
	req, _ := http.NewRequest("GET", app.URL+links[0][1], nil)
	req.Header.Set("Range", "bytes=0-7")
	resp, err := petugas.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusPartialContent || string(body) != "%PDF-1.4" ||
		!strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("range download: %d %q %v", resp.StatusCode, body, resp.Header)
	}

	// The requester sees the document marked for them, never the internal one.
	citizen := newClient(t)
	page = trackAs(t, app, citizen, number, code)
	docLinks := regexp.MustCompile(`href="/lacak/dokumen/(\d+)"`).FindAllStringSubmatch(page, -1)
	if len(docLinks) != 1 || strings.Contains(page, "catatan.txt") {
		t.Fatalf("tracking page documents: %v", docLinks)
	}
	resp, _ = citizen.Get(app.URL + "/lacak/dokumen/" + docLinks[0][1])
	if body := readBody(t, resp); resp.StatusCode != 200 || !strings.HasPrefix(body, "%PDF") {
		t.Errorf("requester download: %d", resp.StatusCode)
	}
	internalID := links[1][1][strings.LastIndex(links[1][1], "/")+1:]
	resp, _ = citizen.Get(app.URL + "/lacak/dokumen/" + internalID)
	if readBody(t, resp); resp.StatusCode != http.StatusNotFound {
		t.Errorf("requester downloading an internal document: %d", resp.StatusCode)
	}
	var mails int
	app.Store.DB().Get(&mails, `SELECT count(*) FROM outbox WHERE template = 'documents_ready'`)
	if mails != 1 {
		t.Errorf("%d 'documents ready' mails, want 1 (internal files tell nobody)", mails)
	}
}
