package files

import (
	"mime"
	"net/http"
	"strings"
)

// ServeBlob writes the blob as a download through http.ServeContent (Range, If-Modified-Since,
// HEAD) with the stored sniffed contentType and headers that stop any browser from rendering
// it in the application's origin. filename is sanitized again here. The caller closes blob.
func ServeBlob(w http.ResponseWriter, r *http.Request, blob Blob, filename, contentType string) {
	name := SanitizeFilename(filename, contentType)
	h := w.Header()
	h.Set("Content-Type", safeContentType(contentType))
	h.Set("Content-Disposition", contentDisposition(name))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	http.ServeContent(w, r, name, blob.ModTime(), blob)
}

// ServePublic writes a published document: cacheable, as an attachment, or inline for the
// browser's own viewer (PDF, image, plain text) inside the document page's frame only. PDFs are
// not sandboxed, because browsers refuse to show a sandboxed PDF; everything else is.
func ServePublic(w http.ResponseWriter, r *http.Request, blob Blob, filename, contentType string, inline bool) {
	name := SanitizeFilename(filename, contentType)
	h := w.Header()
	h.Set("Content-Type", safeContentType(contentType))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "public, max-age=300")
	disposition, csp := contentDisposition(name), "sandbox; default-src 'none'"
	if inline {
		disposition = "inline" + strings.TrimPrefix(disposition, "attachment")
		csp = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"
		if contentType != "application/pdf" {
			csp = "sandbox; " + csp
		}
		h.Set("X-Frame-Options", "SAMEORIGIN")
	}
	h.Set("Content-Disposition", disposition)
	h.Set("Content-Security-Policy", csp)
	http.ServeContent(w, r, name, blob.ModTime(), blob)
}

// safeContentType re-serializes the stored type so nothing but a valid media type reaches the header.
func safeContentType(contentType string) string {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return "application/octet-stream"
	}
	if s := mime.FormatMediaType(mt, params); s != "" {
		return s
	}
	return "application/octet-stream"
}

// contentDisposition builds an RFC 6266 attachment header: an ASCII filename for old
// clients and filename* (RFC 5987, UTF-8) that current browsers prefer.
func contentDisposition(name string) string {
	return `attachment; filename="` + asciiFallback(name) + `"; filename*=UTF-8''` + encodeRFC5987(name)
}

// asciiFallback keeps printable ASCII and turns everything that could end the quoted
// string, inject a header or be percent-decoded by a browser into "_".
func asciiFallback(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r < 0x20 || r >= 0x7f:
			b.WriteByte('_')
		case r == '"' || r == '\\' || r == '%':
			b.WriteByte('_')
		default:
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return defaultStem
	}
	return b.String()
}

// encodeRFC5987 percent-encodes every UTF-8 byte outside RFC 5987's attr-char set.
func encodeRFC5987(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isAttrChar(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&0x0f])
	}
	return b.String()
}

func isAttrChar(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("!#$&+-.^_`|~", c) >= 0
}
