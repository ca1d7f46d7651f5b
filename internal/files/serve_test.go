package files

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// serveStored puts content in a fresh Disk and serves it like a download handler would.
func serveStored(t *testing.T, content, filename string) *httptest.Server {
	t.Helper()
	d, _ := newTestDisk(t)
	st, err := PutChecked(context.Background(), d, strings.NewReader(content), 1<<20, Allowed)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := d.Open(r.Context(), st.SHA256)
		if err != nil {
			http.Error(w, UserMessage(err, 0), http.StatusNotFound)
			return
		}
		defer b.Close()
		ServeBlob(w, r, b, filename, st.ContentType)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func do(t *testing.T, method, target string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, target, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

func checkDownloadHeaders(t *testing.T, resp *http.Response) {
	t.Helper()
	want := map[string]string{
		"Content-Type":            "application/pdf",
		"Content-Disposition":     `attachment; filename="laporan.pdf"; filename*=UTF-8''laporan.pdf`,
		"X-Content-Type-Options":  "nosniff",
		"Cache-Control":           "private, no-store",
		"Content-Security-Policy": "sandbox; default-src 'none'",
	}
	for k, v := range want {
		if got := resp.Header.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
}

func TestServeBlobFullGet(t *testing.T) {
	srv := serveStored(t, minimalPDF, "laporan.pdf")
	resp, body := do(t, http.MethodGet, srv.URL, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status = %d, want 200", resp.StatusCode)
	}
	if body != minimalPDF {
		t.Errorf("body = %q, want the stored PDF", body)
	}
	checkDownloadHeaders(t, resp)
	if got := resp.Header.Get("Content-Length"); got != strconv.Itoa(len(minimalPDF)) {
		t.Errorf("Content-Length = %q, want %d", got, len(minimalPDF))
	}
	if resp.Header.Get("Last-Modified") == "" || resp.Header.Get("Accept-Ranges") != "bytes" {
		t.Errorf("Last-Modified %q, Accept-Ranges %q: want both set",
			resp.Header.Get("Last-Modified"), resp.Header.Get("Accept-Ranges"))
	}
}

func TestServeBlobRange(t *testing.T) {
	srv := serveStored(t, minimalPDF, "laporan.pdf")
	resp, body := do(t, http.MethodGet, srv.URL, map[string]string{"Range": "bytes=0-9"})
	if resp.StatusCode != http.StatusPartialContent {
		t.Fatalf("status = %d, want 206", resp.StatusCode)
	}
	if body != minimalPDF[:10] {
		t.Errorf("body = %q, want %q", body, minimalPDF[:10])
	}
	wantRange := "bytes 0-9/" + strconv.Itoa(len(minimalPDF))
	if got := resp.Header.Get("Content-Range"); got != wantRange {
		t.Errorf("Content-Range = %q, want %q", got, wantRange)
	}
	checkDownloadHeaders(t, resp)

	resp, _ = do(t, http.MethodGet, srv.URL, map[string]string{"Range": "bytes=99999-"})
	if resp.StatusCode != http.StatusRequestedRangeNotSatisfiable {
		t.Errorf("range past the end: status = %d, want 416", resp.StatusCode)
	}
}

func TestServeBlobHead(t *testing.T) {
	srv := serveStored(t, minimalPDF, "laporan.pdf")
	resp, body := do(t, http.MethodHead, srv.URL, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status = %d, want 200", resp.StatusCode)
	}
	if body != "" {
		t.Errorf("HEAD returned a body of %d bytes", len(body))
	}
	if got := resp.Header.Get("Content-Length"); got != strconv.Itoa(len(minimalPDF)) {
		t.Errorf("Content-Length = %q, want %d", got, len(minimalPDF))
	}
	checkDownloadHeaders(t, resp)
}

func TestServeBlobIfModifiedSince(t *testing.T) {
	srv := serveStored(t, minimalPDF, "laporan.pdf")
	later := time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)
	resp, body := do(t, http.MethodGet, srv.URL, map[string]string{"If-Modified-Since": later})
	if resp.StatusCode != http.StatusNotModified || body != "" {
		t.Errorf("status = %d with %d bytes, want 304 and no body", resp.StatusCode, len(body))
	}
}

func TestServeBlobNonASCIIFilename(t *testing.T) {
	name := "Surat Balasan – PPID \"Dinas\"\r\nSet-Cookie: sesi=curian; Jakarta.pdf"
	srv := serveStored(t, minimalPDF, name)
	resp, _ := do(t, http.MethodGet, srv.URL, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status = %d, want 200", resp.StatusCode)
	}
	if resp.Header.Get("Set-Cookie") != "" {
		t.Fatalf("header injected: Set-Cookie = %q", resp.Header.Get("Set-Cookie"))
	}
	cd := resp.Header.Get("Content-Disposition")
	if strings.ContainsAny(cd, "\r\n") {
		t.Fatalf("Content-Disposition contains CR/LF: %q", cd)
	}
	fallback, star, ok := strings.Cut(strings.TrimPrefix(cd, `attachment; filename="`), `"; filename*=UTF-8''`)
	if !ok || !strings.HasPrefix(cd, `attachment; filename="`) {
		t.Fatalf("Content-Disposition = %q, want attachment with filename and filename*", cd)
	}
	if want := "Surat Balasan _ PPID Dinas Set-Cookie sesi=curian; Jakarta.pdf"; fallback != want {
		t.Errorf("ASCII fallback = %q, want %q", fallback, want)
	}
	for _, r := range fallback {
		if r > 0x7e || r < 0x20 || r == '"' || r == '\\' {
			t.Errorf("ASCII fallback %q contains %q", fallback, r)
		}
	}
	decoded, err := url.PathUnescape(star)
	if err != nil {
		t.Fatalf("filename* %q does not decode: %v", star, err)
	}
	if want := "Surat Balasan – PPID Dinas Set-Cookie sesi=curian; Jakarta.pdf"; decoded != want {
		t.Errorf("filename* decodes to %q, want %q", decoded, want)
	}
	if strings.ContainsAny(star, " ;\"'") {
		t.Errorf("filename* %q has characters RFC 5987 requires encoded", star)
	}
}

func TestServeBlobContentTypeFallback(t *testing.T) {
	tests := []struct{ in, want string }{
		{"application/pdf", "application/pdf"},
		{"text/plain; charset=utf-8", "text/plain; charset=utf-8"},
		{"", "application/octet-stream"},
		{"text/html\r\nX-Evil: 1", "application/octet-stream"},
	}
	for _, tt := range tests {
		if got := safeContentType(tt.in); got != tt.want {
			t.Errorf("safeContentType(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
