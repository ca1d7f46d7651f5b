package files

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
)

// Allowed is the allow-list of document types a PPID office exchanges, by sniffed MIME type.
// A JAR, APK or EPUB is a ZIP too, but mimetype names it by its own type, so it is refused.
var Allowed = map[string]string{
	"application/pdf": ".pdf",
	"image/png":       ".png",
	"image/jpeg":      ".jpg",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":       ".xlsx",
	"application/vnd.oasis.opendocument.text":                                 ".odt",
	"application/vnd.oasis.opendocument.spreadsheet":                          ".ods",
	"text/plain":      ".txt",
	"text/csv":        ".csv",
	"application/zip": ".zip",
}

// PutChecked sniffs the type from the content's first bytes and stores it through b only
// when that type is in allowed, so a refused upload never reaches the store at all.
// The file name and the client's Content-Type play no part. A refused upload returns
// ErrTypeNotAllowed and leaves an identical blob stored earlier untouched.
func PutChecked(ctx context.Context, b Blobs, r io.Reader, maxBytes int64, allowed map[string]string) (Stored, error) {
	if err := ctx.Err(); err != nil {
		return Stored{}, err
	}
	head := make([]byte, sniffLen)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return Stored{}, fmt.Errorf("files: unable to read upload: %w", err)
	}
	head = head[:n]
	ct := sniff(head)
	if _, ok := allowed[ct]; !ok {
		return Stored{}, fmt.Errorf("files: sniffed %s: %w", ct, ErrTypeNotAllowed)
	}
	st, err := b.Put(ctx, io.MultiReader(bytes.NewReader(head), r), maxBytes)
	if err != nil {
		return Stored{}, err
	}
	// The type that was checked is the one the caller records, whatever another store sniffs.
	st.ContentType = ct
	return st, nil
}
