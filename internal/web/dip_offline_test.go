package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"
)

// draftOffline posts the publishing form for information held on paper or in another system:
// no file, but where and in what form it is available (Perki 1/2021: the DIP lists it too).
func (p *publisher) draftOffline(fields map[string]string, where string) (int, string, string) {
	p.t.Helper()
	token := csrfFrom(p.t, p.c, p.app.URL+"/kantor/publikasi/baru")
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("csrf_token", token)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	w.WriteField("offline", "ya")
	w.WriteField("available_at", where)
	fw, _ := w.CreateFormFile("file", "") // the browser sends the empty file input
	fw.Write(nil)
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, p.app.URL+"/kantor/publikasi/baru", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	resp, err := p.c.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Location"), readBody(p.t, resp)
}

// An offline DIP entry: published without a file, listed in the DIP, its public page says where to
// get the information and offers no download.
func TestDIPEntryForInformationWithoutAFile(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta))
	ppid := newPublisher(t, app, "ppid@uji.test", "ppid")
	fields := ppid.cleanFields()
	fields["title"] = "Peta Tata Ruang Kecamatan 1998"
	fields["form"] = "hardcopy"

	if st, _, page := ppid.draftOffline(fields, "arsip"); st != http.StatusUnprocessableEntity || !strings.Contains(page, "di mana dan dalam bentuk apa") {
		t.Fatalf("offline entry without a place: %d", st)
	}
	where := "Arsip cetak di ruang PPID lantai 2, dapat dilihat pada jam layanan."
	st, loc, body := ppid.draftOffline(fields, where)
	if st != http.StatusSeeOther {
		t.Fatalf("offline draft: %d %s", st, body)
	}
	id := publicationID(t, loc)
	if n := count(t, app, `SELECT count(*) FROM publications WHERE id = $1 AND doc_type = 'offline' AND available_at = $2 AND sha256 = ''`, id, where); n != 1 {
		t.Fatalf("offline entry not stored as such")
	}
	if status, _ := ppid.post("/kantor/publikasi/" + id + "/terbitkan"); status != http.StatusSeeOther {
		t.Fatalf("publish: %d", status)
	}
	base := publicURL(t, app, id)
	resp, page := get(t, app.URL+base+"/peta-tata-ruang-kecamatan-1998")
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, "Arsip cetak di ruang PPID lantai 2") || strings.Contains(page, "/unduh") {
		t.Fatalf("public page: %d, where shown %v, download link %v", resp.StatusCode,
			strings.Contains(page, "Arsip cetak"), strings.Contains(page, "/unduh"))
	}
	if resp, _ := get(t, app.URL+base+"/peta-tata-ruang-kecamatan-1998/unduh"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("download of an offline entry: %d", resp.StatusCode)
	}
	if _, dip := get(t, app.URL+"/dip"); !strings.Contains(dip, "Peta Tata Ruang Kecamatan 1998") {
		t.Errorf("the DIP does not list the offline entry")
	}
}
