package textextract

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Limits for ZIP-based formats (DOCX, XLSX, PPTX, OpenDocument). A real office document
// has a few dozen entries and inflates to tens of megabytes; a zip bomb inflates to
// gigabytes from a few kilobytes, so reading stops at these budgets.
const (
	maxEntries    = 10_000
	maxEntryBytes = 64 << 20  // one XML part
	maxTotalBytes = 256 << 20 // all parts read from one file
)

// archive is an office document's ZIP container with a shared decompression budget.
type archive struct {
	ctx    context.Context
	files  map[string]*zip.File
	budget int64
}

func openArchive(ctx context.Context, data []byte) (*archive, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	if len(zr.File) > maxEntries {
		return nil, fmt.Errorf("%w: %d zip entries", ErrTooLarge, len(zr.File))
	}
	a := &archive{ctx: ctx, files: make(map[string]*zip.File, len(zr.File)), budget: maxTotalBytes}
	for _, f := range zr.File {
		if _, dup := a.files[f.Name]; !dup {
			a.files[f.Name] = f
		}
	}
	return a, nil
}

// has reports whether the archive holds an entry called name.
func (a *archive) has(name string) bool {
	_, ok := a.files[name]
	return ok
}

// numbered returns the entries named prefix + N + suffix in numeric order
// (slide2 before slide10), the order in which their authors made them.
func (a *archive) numbered(prefix, suffix string) []string {
	type part struct {
		name string
		n    int
	}
	var parts []part
	for name := range a.files {
		digits, ok := strings.CutPrefix(name, prefix)
		if digits, ok = strings.CutSuffix(digits, suffix); !ok {
			continue
		}
		if n, err := strconv.Atoi(digits); err == nil {
			parts = append(parts, part{name, n})
		}
	}
	slices.SortFunc(parts, func(x, y part) int { return x.n - y.n })
	names := make([]string, len(parts))
	for i, p := range parts {
		names[i] = p.name
	}
	return names
}

// read opens entry name and passes its content to fn. An entry declaring more than
// maxEntryBytes, or more than is left of the file's budget, fails with ErrTooLarge before
// anything is inflated; archive/zip itself stops an entry that inflates past its declared
// size (zip.ErrFormat), so a header that lies is caught too.
func (a *archive) read(name string, fn func(io.Reader) error) error {
	if err := a.ctx.Err(); err != nil {
		return err
	}
	f, ok := a.files[name]
	if !ok {
		return fmt.Errorf("%w: missing %s", ErrUnreadable, name)
	}
	if f.UncompressedSize64 > uint64(min(maxEntryBytes, a.budget)) {
		return fmt.Errorf("%w: %s inflates to %d bytes", ErrTooLarge, name, f.UncompressedSize64)
	}
	a.budget -= int64(f.UncompressedSize64)
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrUnreadable, name, err)
	}
	defer rc.Close()
	err = fn(ctxReader{a.ctx, rc})
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrTooLarge), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	default:
		return fmt.Errorf("%w: %s: %v", ErrUnreadable, name, err)
	}
}

// ctxReader stops reading once ctx is done, so a long parse ends with the caller's deadline.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
