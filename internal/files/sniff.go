package files

import (
	"mime"
	"strings"

	"github.com/gabriel-vasile/mimetype"
)

// sniffLen is how much of the content decides its type; it matches mimetype's default limit.
const sniffLen = 3072

// sniff returns the media type of content from its first bytes, without parameters.
func sniff(prefix []byte) string {
	return mediaType(mimetype.Detect(prefix).String())
}

// mediaType strips parameters such as "; charset=utf-8" and lowercases the type.
func mediaType(contentType string) string {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil {
		return mt
	}
	mt, _, _ := strings.Cut(contentType, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}

// prefixWriter keeps the first sniffLen bytes written to it.
type prefixWriter struct {
	buf []byte
}

func (p *prefixWriter) Write(b []byte) (int, error) {
	if room := sniffLen - len(p.buf); room > 0 {
		p.buf = append(p.buf, b[:min(room, len(b))]...)
	}
	return len(b), nil
}
