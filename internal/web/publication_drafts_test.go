package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"
)

// replaceFile posts a new file for draft id as the draft page's form does (CSRF token first).
func (p *publisher) replaceFile(id, filename string, content []byte) (int, string) {
	p.t.Helper()
	token := csrfFrom(p.t, p.c, p.app.URL+"/kantor/publikasi")
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("csrf_token", token)
	fw, _ := w.CreateFormFile("file", filename)
	fw.Write(content)
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, p.app.URL+"/kantor/publikasi/"+id+"/berkas", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	resp, err := p.c.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	page := readBody(p.t, resp)
	if resp.StatusCode == http.StatusSeeOther {
		page = p.page(resp.Header.Get("Location"))
	}
	return resp.StatusCode, page
}

// A draft the personal-data check blocked is fixed by replacing its file with the blacked-out copy:
// the check runs again, a confirmation given for the old file lapses, and only a clean or
// confirmed draft is offered "Terbitkan".
func TestBlockedDraftFixedByReplacingItsFile(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta))
	ppid := newPublisher(t, app, "ppid@uji.test", "ppid")
	petugas := newPublisher(t, app, "petugas@uji.test", "petugas")
	fields := ppid.cleanFields()
	fields["title"] = "Daftar penerima beasiswa 2026"
	_, loc, _ := ppid.draft(fields, "penerima.txt", []byte("Penerima: Budi, NIK 3273014507900003, 0812 3456 7890.\n"))
	id := publicationID(t, loc)
	base := "/kantor/publikasi/" + id

	page := ppid.page(loc)
	if strings.Contains(page, `action="`+base+`/terbitkan"`) {
		t.Error("\"Terbitkan\" offered on a blocked draft")
	}
	if !strings.Contains(page, `action="`+base+`/berkas"`) || !strings.Contains(page, `action="`+base+`/hapus"`) ||
		!strings.Contains(page, "Ganti berkas") || !strings.Contains(page, "Hapus draf") || strings.Contains(page, "tarik draf ini") {
		t.Error("the blocked draft's page does not point at the replace and delete buttons")
	}
	// The drafter, not only the PPID, can fix the file.
	if !strings.Contains(petugas.page(loc), `action="`+base+`/berkas"`) {
		t.Error("the petugas who drafts cannot replace the file")
	}

	if st, page := ppid.replaceFile(id, "program.exe", []byte("MZ\x90\x00 not a document")); st != http.StatusUnprocessableEntity || !hasFieldError(page, "file") {
		t.Errorf("a refused replacement: %d %v", st, fieldErrors(page))
	}
	st, page := petugas.replaceFile(id, "penerima dihitamkan.txt", []byte("Penerima: Budi, NIK [dihitamkan], telepon [dihitamkan].\n"))
	if st != http.StatusSeeOther || !strings.Contains(page, "tidak ada temuan") || !strings.Contains(page, "Berkas diganti dan diperiksa ulang") {
		t.Fatalf("replaced with the blacked-out copy: %d", st)
	}
	if !strings.Contains(ppid.page(loc), `action="`+base+`/terbitkan"`) {
		t.Error("\"Terbitkan\" not offered to the PPID once the draft is clean")
	}
	if n := count(t, app, `SELECT count(*) FROM publications WHERE id = $1 AND filename = 'penerima dihitamkan.txt'
		AND pii_findings = '[]' AND body_text NOT LIKE '%3273014507900003%'`, id); n != 1 {
		t.Error("the draft does not carry the new file, its text and its clean check")
	}

	// A confirmation given for one file lapses when another with findings replaces it.
	ppid.replaceFile(id, "lagi.txt", []byte("Kontak: siti@contoh.id\n"))
	if st, _ := ppid.post(base+"/konfirmasi", "note", "Alamat e-mail kantor."); st != http.StatusSeeOther {
		t.Fatalf("confirm: %d", st)
	}
	_, page = ppid.replaceFile(id, "lagi2.txt", []byte("Kontak: budi@contoh.id\n"))
	if !strings.Contains(page, "tidak dapat terbit") || strings.Contains(page, `action="`+base+`/terbitkan"`) {
		t.Error("a confirmation for the old file still lets the new one go out")
	}
	if st, _ := ppid.post(base + "/terbitkan"); st != http.StatusSeeOther || count(t, app, `SELECT count(*) FROM publications WHERE id = $1 AND status = 'draft'`, id) != 1 {
		t.Error("the blocked draft was published")
	}
}

// A draft is deleted only with the confirmation ticked, and only while it never went out.
func TestDraftDeletedWithConfirmation(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta))
	ppid := newPublisher(t, app, "ppid@uji.test", "ppid")
	_, loc, _ := ppid.draft(ppid.cleanFields(), "nik.txt", []byte("NIK 3273014507900003\n"))
	id := publicationID(t, loc)
	base := "/kantor/publikasi/" + id

	if st, page := ppid.post(base + "/hapus"); st != http.StatusUnprocessableEntity || !hasFieldError(page, "confirm_delete") {
		t.Errorf("delete without the confirmation: %d", st)
	}
	if n := count(t, app, `SELECT count(*) FROM publications WHERE id = $1`, id); n != 1 {
		t.Fatal("deleted without the confirmation")
	}
	resp, err := ppid.c.PostForm(app.URL+base+"/hapus", formBody("csrf_token", csrfFrom(t, ppid.c, app.URL+"/kantor/publikasi"), "confirm_delete", "ya"))
	if err != nil {
		t.Fatal(err)
	}
	if readBody(t, resp); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/kantor/publikasi" {
		t.Fatalf("delete: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if n := count(t, app, `SELECT count(*) FROM publications WHERE id = $1`, id) + count(t, app, `SELECT count(*) FROM publication_events WHERE publication_id = $1`, id); n != 0 {
		t.Error("the draft or its history is still there")
	}

	// What was published once is withdrawn, never deleted.
	_, loc, _ = ppid.draft(ppid.cleanFields(), "dpa.txt", []byte("Rincian penganggaran sekolah.\n"))
	pub := publicationID(t, loc)
	ppid.post("/kantor/publikasi/" + pub + "/terbitkan")
	ppid.post("/kantor/publikasi/"+pub+"/hapus", "confirm_delete", "ya")
	if n := count(t, app, `SELECT count(*) FROM publications WHERE id = $1 AND status = 'published'`, pub); n != 1 {
		t.Error("a published document was deleted")
	}
	if strings.Contains(ppid.page("/kantor/publikasi/"+pub), "Hapus draf") {
		t.Error("\"Hapus draf\" offered on a published document")
	}
}
