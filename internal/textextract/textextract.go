// Package textextract turns a stored document into plain text, so the public portal can
// index it for PostgreSQL full-text search and scan it for personal data before publishing.
//
// Uploaded files come from anyone, so every reader here is bounded: decompressed bytes,
// archive entries, pages and returned text are capped, and a broken or hostile file yields
// an error value, never a panic or an unbounded allocation.
package textextract

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"strings"
)

// MaxText caps the returned text in bytes of UTF-8; a longer document is cut at a rune
// boundary, which keeps one tsvector well under PostgreSQL's 1 MB limit per lexeme set.
const MaxText = 1 << 20

var (
	// ErrUnreadable means the file is damaged, encrypted or not what its type says.
	ErrUnreadable = errors.New("textextract: unreadable document")
	// ErrTooLarge means the file expands past the decompression limits (e.g. a zip bomb).
	ErrTooLarge = errors.New("textextract: document expands beyond limits")
	// ErrUnsupported means there is no extractor for the content type.
	ErrUnsupported = errors.New("textextract: unsupported content type")
)

// Content types as sniffed by internal/files (github.com/gabriel-vasile/mimetype).
const (
	typePDF  = "application/pdf"
	typeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	typeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	typePPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
	typeODT  = "application/vnd.oasis.opendocument.text"
	typeODS  = "application/vnd.oasis.opendocument.spreadsheet"
	typeODP  = "application/vnd.oasis.opendocument.presentation"
	typeText = "text/plain"
	typeCSV  = "text/csv"
	typeHTML = "text/html"
	typeZIP  = "application/zip"
)

// Extract returns the plain text of data, a file of the given (sniffed) content type.
// The text is valid UTF-8 without NUL bytes, whitespace runs are collapsed to one space or
// newline, and it is at most MaxText bytes long. Images and ZIP archives have no text of
// their own and return "" with a nil error.
func Extract(ctx context.Context, contentType string, data []byte) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	ct := mediaType(contentType)
	var (
		text string
		err  error
	)
	switch {
	case ct == typePDF:
		text, err = extractPDF(ctx, data)
	case ct == typeDOCX:
		text, err = extractOOXML(ctx, data, wordParts, wordXML)
	case ct == typePPTX:
		text, err = extractOOXML(ctx, data, slideParts, drawingXML)
	case ct == typeXLSX:
		text, err = extractXLSX(ctx, data)
	case ct == typeODT, ct == typeODS, ct == typeODP:
		text, err = extractODF(ctx, data)
	case ct == typeText, ct == typeCSV:
		text = extractPlain(data)
	case ct == typeHTML:
		text, err = extractHTML(ctx, data)
	case ct == typeZIP, strings.HasPrefix(ct, "image/"):
		return "", nil
	default:
		return "", fmt.Errorf("%w: %q", ErrUnsupported, ct)
	}
	if err != nil {
		return "", err
	}
	return text, nil
}

// mediaType strips parameters such as "; charset=utf-8" and lowercases the type.
func mediaType(contentType string) string {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil {
		return mt
	}
	mt, _, _ := strings.Cut(contentType, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}
