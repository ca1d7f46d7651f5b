// Package files stores the documents attached to a case, addressed by the SHA-256 of
// their content, behind a small interface so another store can replace the disk later.
package files

import (
	"context"
	"errors"
	"io"
	"time"
)

// Sentinel errors; callers test them with errors.Is and show UserMessage, never err.Error().
var (
	ErrTooLarge       = errors.New("files: content exceeds the size limit")
	ErrTypeNotAllowed = errors.New("files: content type not allowed")
	ErrNotFound       = errors.New("files: blob not found")
)

// Blobs is the storage interface, so an S3-compatible store can replace the disk later.
type Blobs interface {
	// Put streams r into the store, enforcing maxBytes while reading (not after), and returns
	// the content's SHA-256 (hex) and size. Nothing partial is left behind on any error.
	Put(ctx context.Context, r io.Reader, maxBytes int64) (Stored, error)
	// Open returns the content for reading with seeking (for Range requests) and its size/modtime.
	// The caller closes the Blob.
	Open(ctx context.Context, sha256Hex string) (Blob, error)
	// Delete removes a blob; a missing blob is not an error (retention may run twice).
	Delete(ctx context.Context, sha256Hex string) error
	// List calls fn for every stored blob with when it was stored (for S3: LastModified), in no
	// particular order, stopping at fn's first error; the blob sweeper uses it to find orphans.
	List(ctx context.Context, fn func(BlobInfo) error) error
}

// BlobInfo is one stored blob as List reports it.
type BlobInfo struct {
	SHA256  string
	Size    int64
	ModTime time.Time
}

// Stored describes content that Put has committed to the store.
type Stored struct {
	SHA256      string // lowercase hex, 64 characters
	Size        int64
	ContentType string // sniffed from the content, media type without parameters
}

// Blob is stored content opened for reading.
type Blob interface {
	io.ReadSeekCloser
	Size() int64
	ModTime() time.Time
}
