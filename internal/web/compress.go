package web

import (
	"net/http"
	"strings"

	"github.com/klauspost/compress/gzhttp"
)

// compressedTypes are the text responses worth compressing; documents (PDF, images, office
// files) are already compressed or served with Range, and stay as they are.
var compressedTypes = []string{
	"text/html", "text/css", "text/csv", "text/plain", "text/xml", "image/svg+xml",
	"application/json", "application/problem+json", "application/atom+xml", "application/xml",
}

// privatePrefixes carry secrets in the page (CSRF tokens, tracking codes) next to text a visitor
// chooses; they are not compressed, so a BREACH-style length oracle has nothing to measure.
var privatePrefixes = []string{"/kantor", "/lacak", "/akun", "/survei", "/api/v1/kantor", "/api/v1/requests"}

// withCompression gzips public text responses the client accepts compressed (Vary:
// Accept-Encoding is set); the public pages are 3–5× smaller on a phone's connection.
func withCompression(h http.Handler) (http.Handler, error) {
	wrap, err := gzhttp.NewWrapper(gzhttp.ContentTypes(compressedTypes), gzhttp.MinSize(1024))
	if err != nil {
		return nil, err
	}
	compressed := wrap(h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, p := range privatePrefixes {
			if r.URL.Path == p || strings.HasPrefix(r.URL.Path, p+"/") {
				h.ServeHTTP(w, r)
				return
			}
		}
		compressed.ServeHTTP(w, r)
	}), nil
}
