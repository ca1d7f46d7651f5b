package web_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Answers with personal data or secrets are kept out of every cache (ASVS 8.2.1); the public
// portal keeps its caching.
func TestPersonalAnswersAreNotCached(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	anonymous := newClient(t)

	// The receipt of an API submission carries the tracking code.
	b, _ := json.Marshal(validJSON())
	resp, err := http.Post(app.URL+"/api/v1/requests", "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var receipt map[string]any
	json.Unmarshal([]byte(readBody(t, resp)), &receipt)
	if resp.StatusCode != http.StatusCreated || resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("POST /api/v1/requests: %d, Cache-Control %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
	number, code := receipt["registration_number"].(string), receipt["tracking_code"].(string)
	var id string
	app.Store.DB().Get(&id, `SELECT id::text FROM requests WHERE registration_number = $1`, number)

	// A requester tracking the case in the browser.
	tracker := newClient(t)
	if resp, err := tracker.PostForm(app.URL+"/lacak", url.Values{"nomor": {number}, "kode": {code}}); err != nil {
		t.Fatal(err)
	} else if readBody(t, resp); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("track: %d", resp.StatusCode)
	}

	for _, tc := range []struct {
		c    *http.Client
		path string
	}{
		{anonymous, "/kantor/masuk"},
		{ppid.c, "/kantor"},
		{ppid.c, "/kantor/permohonan/" + id},
		{ppid.c, "/kantor/keberatan"},
		{ppid.c, "/kantor/akun/sandi"},
		{anonymous, "/api/v1/requests/" + number + "?code=" + code},
		{anonymous, "/api/v1/requests/" + number + "?code=AAAAA-AAAAA"},
		{anonymous, "/lacak"},
		{tracker, "/lacak/status"},
		{anonymous, "/lacak/status"},
		{anonymous, "/permohonan/tanda-bukti"},
	} {
		resp, err := tc.c.Get(app.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		readBody(t, resp)
		if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
			t.Errorf("%s: %d, Cache-Control %q, want no-store", tc.path, resp.StatusCode, cc)
		}
	}

	for _, path := range []string{"/dokumen", "/register", "/statistik", "/api/v1/documents", "/api/v1/deadlines?received_at=2026-03-13T10:00:00%2B07:00"} {
		resp, err := anonymous.Get(app.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		readBody(t, resp)
		if cc := resp.Header.Get("Cache-Control"); resp.StatusCode != http.StatusOK || strings.Contains(cc, "no-store") {
			t.Errorf("public %s: %d, Cache-Control %q", path, resp.StatusCode, cc)
		}
	}
}

// GET /api/v1/deadlines refuses the receipt dates the calculator page refuses.
func TestDeadlinesAPIRefusesWhatTheCalculatorRefuses(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	for _, tc := range []struct {
		day  string
		want int // the API's status; the calculator answers 422 where this is 400
	}{
		{"0001-01-01", http.StatusBadRequest},
		{"1989-12-31", http.StatusBadRequest},
		{"1990-01-02", http.StatusOK},
		{"2026-03-13", http.StatusOK},
		{"2200-12-31", http.StatusOK},
		{"2201-01-01", http.StatusBadRequest},
		{"9999-12-31", http.StatusBadRequest},
	} {
		resp, err := http.Get(app.URL + "/api/v1/deadlines?received_at=" + tc.day + "T10:00:00%2B07:00")
		if err != nil {
			t.Fatal(err)
		}
		var out map[string]any
		json.Unmarshal([]byte(readBody(t, resp)), &out)
		if resp.StatusCode != tc.want {
			t.Errorf("API %s: %d, want %d (%v)", tc.day, resp.StatusCode, tc.want, out)
		}
		if fields, _ := out["fields"].(map[string]any); tc.want == http.StatusBadRequest && fields["received_at"] == nil {
			t.Errorf("API %s: no fields.received_at in %v", tc.day, out)
		}

		page, err := http.Get(app.URL + "/kalkulator-tenggat?tanggal=" + tc.day + "&jam=10:00")
		if err != nil {
			t.Fatal(err)
		}
		readBody(t, page)
		if refused := page.StatusCode == http.StatusUnprocessableEntity; refused != (tc.want == http.StatusBadRequest) {
			t.Errorf("calculator %s: %d, API %d", tc.day, page.StatusCode, resp.StatusCode)
		}
	}
}
