package web_test

import (
	"bytes"
	"encoding/base64"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The requester's identity document: attached on the API (base64) or the web form (multipart),
// type sniffed, stored sealed, downloadable only by officers of the case's scope, never on a
// requester's or public page; the officer marks the identity verified, once, as an event.
func TestIdentityDocumentSealedOfficersOnlyAndVerified(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 4, 9, 0, 0, 0, jakarta))
	marker := "KTP-SITI-AMINAH-RAHASIA"
	scan := append([]byte("\x89PNG\r\n\x1a\n"), []byte(marker+" "+validNIK)...)

	// Refused: not base64, not an allowed type, an unknown kind; nothing registered.
	for _, tc := range []struct {
		doc   map[string]any
		field string
	}{
		{map[string]any{"kind": "ktp", "content_base64": "%%%"}, "identity_document.content_base64"},
		{map[string]any{"kind": "ktp", "content_base64": base64.StdEncoding.EncodeToString([]byte("#!/bin/sh\necho hai\n"))}, "identity_document.content_base64"},
		{map[string]any{"kind": "sim", "content_base64": base64.StdEncoding.EncodeToString(scan)}, "identity_document.kind"},
	} {
		body := validJSON()
		body["identity_document"] = tc.doc
		resp, out := postJSON(t, app.URL+"/api/v1/requests", body)
		fields, _ := out["fields"].(map[string]any)
		if resp.StatusCode != http.StatusUnprocessableEntity || fields[tc.field] == nil {
			t.Errorf("%v: %d %v", tc.doc, resp.StatusCode, out)
		}
	}
	if n := count(t, app, `SELECT count(*) FROM requests`); n != 0 {
		t.Fatalf("refused submissions registered %d requests", n)
	}

	body := validJSON()
	body["identity_document"] = map[string]any{"kind": "ktp", "content_base64": base64.StdEncoding.EncodeToString(scan)}
	resp, out := postJSON(t, app.URL+"/api/v1/requests", body)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("submit with a KTP scan: %d %v", resp.StatusCode, out)
	}
	number, code := out["registration_number"].(string), out["tracking_code"].(string)
	var id int64
	app.Store.DB().Get(&id, `SELECT id FROM requests WHERE registration_number = $1`, number)
	path := "/kantor/permohonan/" + strconv.FormatInt(id, 10)

	// The database holds ciphertext only: the bytea is not the scan and nothing stores the marker.
	var sealed []byte
	if err := app.Store.DB().Get(&sealed, `SELECT sealed FROM identity_documents WHERE request_id = $1`, id); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(sealed, scan) || bytes.Contains(sealed, []byte(marker)) {
		t.Fatal("the identity scan is stored in clear")
	}
	if n := count(t, app, `SELECT (SELECT count(*) FROM requests r WHERE r::text LIKE '%'||$1||'%') +
		(SELECT count(*) FROM request_events e WHERE e::text LIKE '%'||$1||'%') +
		(SELECT count(*) FROM outbox o WHERE o::text LIKE '%'||$1||'%') +
		(SELECT count(*) FROM identity_documents i WHERE position(convert_to($1, 'UTF8') in i.sealed) > 0)`, marker); n != 0 {
		t.Errorf("the scan's text is in %d rows", n)
	}

	// Officers of the scope download it; another unit's officer does not even see it exists.
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	page := ppid.get(path)
	if !strings.Contains(page, "Pindaian KTP") || !strings.Contains(page, "Belum diverifikasi") {
		t.Fatalf("the case page does not list the identity document")
	}
	var docID string
	app.Store.DB().Get(&docID, `SELECT id::text FROM identity_documents WHERE request_id = $1`, id)
	st, h, got := ppid.fetchFile(path + "/identitas/" + docID)
	if st != http.StatusOK || !bytes.Equal(got, scan) || h.Get("Content-Type") != "image/png" || h.Get("Cache-Control") != "no-store" ||
		!strings.HasPrefix(h.Get("Content-Disposition"), "attachment") {
		t.Fatalf("download: %d %v", st, h)
	}
	unitB := addUnit(t, app, "PPID Pelaksana Lain")
	other := signInUnit(t, app, "lain@uji.test", "ppid", unitB)
	if st, _, _ := other.fetchFile(path + "/identitas/" + docID); st != http.StatusNotFound {
		t.Errorf("another unit's officer downloads the scan: %d", st)
	}

	// Never on the requester's or a public page.
	citizen := newClient(t)
	pages := []string{trackAs(t, app, citizen, number, code)}
	for _, p := range []string{"/register", "/statistik", "/api/v1/requests/" + number + "?code=" + code} {
		_, b := trGet(t, app.URL+p)
		pages = append(pages, b)
	}
	for i, p := range pages {
		if strings.Contains(p, marker) || strings.Contains(p, "/identitas/") || strings.Contains(p, "Pindaian KTP") {
			t.Errorf("page %d shows the identity document", i)
		}
	}
	if resp, err := citizen.Get(app.URL + path + "/identitas/" + docID); err != nil || resp.StatusCode == http.StatusOK {
		t.Errorf("a citizen downloads the scan")
	}

	// Verified once, by an officer who registers requests; an event says who.
	atasan := signIn(t, app, "atasan@uji.test", "atasan", "rahasia-atasan")
	if st, _, _ := atasan.post(path+"/verifikasi-identitas", url.Values{}); st != http.StatusForbidden {
		t.Errorf("atasan verifies: %d", st)
	}
	if st, kind, _ := ppid.postStep(path+"/verifikasi-identitas", url.Values{}); st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("verify: %d %q", st, kind)
	}
	if _, kind, _ := ppid.postStep(path+"/verifikasi-identitas", url.Values{}); kind != flashRefused {
		t.Errorf("second verification: %q", kind)
	}
	if n := count(t, app, `SELECT count(*) FROM request_events WHERE request_id = $1 AND kind = 'identity_verified' AND actor_id IS NOT NULL AND NOT public`, id); n != 1 {
		t.Errorf("%d identity_verified events", n)
	}
	if page := ppid.get(path); !strings.Contains(page, "Sudah diverifikasi") || strings.Contains(page, "/verifikasi-identitas") {
		t.Errorf("the case page does not show the verification")
	}

	// The web form takes the scan as multipart, without JavaScript.
	if form := readBody(t, mustGet(t, app.URL+"/permohonan/baru")); !strings.Contains(form, `enctype="multipart/form-data"`) ||
		!strings.Contains(form, `type="file"`) || !strings.Contains(form, "5120 KB") {
		t.Errorf("the request form has no identity upload")
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range validForm() {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	mw.WriteField("identity.kind", "surat_kuasa")
	fw, _ := mw.CreateFormFile("identity.file", "kuasa.png")
	fw.Write(scan)
	mw.Close()
	resp, err := newClient(t).Post(app.URL+"/permohonan/baru", mw.FormDataContentType(), &buf)
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("web form with a scan: %d", resp.StatusCode)
	}
	if n := count(t, app, `SELECT count(*) FROM identity_documents WHERE kind = 'surat_kuasa' AND content_type = 'image/png' AND sealed <> $1`, scan); n != 1 {
		t.Errorf("web form stored %d sealed powers of attorney", n)
	}
}

func mustGet(t *testing.T, u string) *http.Response {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}
