package web_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

var hashedStylesheet = regexp.MustCompile(`<link rel="stylesheet" href="(/static/style\.[0-9a-f]{10}\.css)">`)

func fetch(t *testing.T, url string, header map[string]string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	// A transport of its own: the default one asks for gzip itself and hides the encoding.
	resp, err := (&http.Client{Transport: &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// Pages link the style sheet and icon under content-hashed names cached for a year; the plain
// names still answer, with an ETag and a short cache, and a repeated request gets a 304.
func TestStaticFilesAreHashedAndCached(t *testing.T) {
	app := newApp(t, time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC))
	page := readBody(t, fetch(t, app.URL+"/", nil))
	m := hashedStylesheet.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("home page links no hashed style sheet:\n%s", page[:min(len(page), 600)])
	}
	if !regexp.MustCompile(`<link rel="icon" href="/static/favicon\.[0-9a-f]{10}\.svg"`).MatchString(page) {
		t.Error("home page links no hashed favicon")
	}

	resp := fetch(t, app.URL+m[1], nil)
	css := readBody(t, resp)
	if resp.StatusCode != 200 || !strings.Contains(css, "{") {
		t.Fatalf("GET %s: %d", m[1], resp.StatusCode)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
		t.Errorf("hashed style sheet Cache-Control %q", cc)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
		t.Errorf("hashed style sheet Content-Type %q", ct)
	}
	etag := resp.Header.Get("ETag")
	if etag == "" || resp.Header.Get("Last-Modified") == "" {
		t.Errorf("hashed style sheet: ETag %q, Last-Modified %q", etag, resp.Header.Get("Last-Modified"))
	}

	plain := fetch(t, app.URL+"/static/style.css", nil)
	if body := readBody(t, plain); plain.StatusCode != 200 || body != css {
		t.Errorf("plain style.css: %d, same content %v", plain.StatusCode, body == css)
	}
	if cc := plain.Header.Get("Cache-Control"); cc != "public, max-age=3600" || plain.Header.Get("ETag") != etag {
		t.Errorf("plain style.css: Cache-Control %q, ETag %q (want %q)", cc, plain.Header.Get("ETag"), etag)
	}
	again := fetch(t, app.URL+"/static/style.css", map[string]string{"If-None-Match": etag})
	readBody(t, again)
	if again.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: %d, want 304", again.StatusCode)
	}
	for _, u := range []string{"/static/style.0000000000.css", "/static/../layout.html", "/static/nothing.css"} {
		r := fetch(t, app.URL+u, nil)
		readBody(t, r)
		if r.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", u, r.StatusCode)
		}
	}
	fav := fetch(t, app.URL+"/favicon.ico", nil)
	readBody(t, fav)
	if loc := fav.Header.Get("Location"); fav.StatusCode != http.StatusMovedPermanently || !strings.HasPrefix(loc, "/static/favicon.") || loc == "/static/favicon.svg" {
		t.Errorf("/favicon.ico: %d → %q", fav.StatusCode, loc)
	}
}

// Public text responses are gzip-compressed for clients that accept it; pages carrying a CSRF
// token or a tracking code are not (BREACH), and documents are served as they are.
func TestPublicResponsesAreCompressed(t *testing.T) {
	app := newApp(t, time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC))
	gz := map[string]string{"Accept-Encoding": "gzip, br"}
	for _, path := range []string{"/", "/permohonan/baru", "/api/openapi.json", "/dip", "/register"} {
		identity := fetch(t, app.URL+path, nil)
		want := readBody(t, identity)
		if identity.Header.Get("Content-Encoding") != "" {
			t.Errorf("%s: compressed without Accept-Encoding", path)
		}
		resp := fetch(t, app.URL+path, gz)
		if resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(strings.Join(resp.Header.Values("Vary"), ","), "Accept-Encoding") {
			t.Errorf("%s: Content-Encoding %q, Vary %q", path, resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary"))
			readBody(t, resp)
			continue
		}
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(zr)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		// The request form carries a fresh CSRF-free page, but dates and tokens may differ: compare sizes loosely.
		if path == "/api/openapi.json" && string(got) != want {
			t.Errorf("%s: decompressed body differs from the plain one", path)
		}
		if len(got) < len(want)/2 {
			t.Errorf("%s: decompressed %d bytes, plain %d", path, len(got), len(want))
		}
		t.Logf("%s: %d bytes plain", path, len(want))
	}
	for _, path := range []string{"/kantor/masuk", "/lacak"} {
		resp := fetch(t, app.URL+path, gz)
		readBody(t, resp)
		if enc := resp.Header.Get("Content-Encoding"); enc != "" {
			t.Errorf("%s: private page compressed (%q)", path, enc)
		}
	}
}

// Every public page says what it offers in a meta description (search result lines).
func TestPagesHaveMetaDescriptions(t *testing.T) {
	app := newApp(t, time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC))
	desc := regexp.MustCompile(`<meta name="description" content="([^"]{30,})">`)
	seen := map[string]string{}
	for _, path := range []string{"/", "/dokumen", "/dip", "/dik", "/register", "/statistik", "/permohonan/baru", "/lacak", "/kalkulator-tenggat"} {
		m := desc.FindStringSubmatch(readBody(t, fetch(t, app.URL+path, nil)))
		if m == nil {
			t.Errorf("%s: no meta description", path)
			continue
		}
		if other, dup := seen[m[1]]; dup {
			t.Errorf("%s and %s share the description %q", path, other, m[1])
		}
		seen[m[1]] = path
		if !strings.Contains(m[1], "PPID Uji") {
			t.Errorf("%s: description does not name the office: %q", path, m[1])
		}
	}
}
