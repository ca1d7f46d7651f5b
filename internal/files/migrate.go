package files

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// MigrateRef is one blob to copy: its address and the size its row records.
type MigrateRef struct {
	SHA256 string
	Size   int64
}

// MigrateReport counts what Migrate did.
type MigrateReport struct {
	Copied, Skipped int
	Bytes           int64
	// Failed lists the blobs that could not be copied, each with why; the others were still copied.
	Failed []string
}

// Migrate copies refs from src to dst. A blob already in dst with the recorded size is skipped,
// so an interrupted run is resumed by running it again and a finished one changes nothing; every
// copy is verified against its address while it streams (PutVerified) before it gets that name.
// progress, when not nil, is called after each blob.
func Migrate(ctx context.Context, src Blobs, dst *S3, refs []MigrateRef, progress func(done int, r MigrateReport)) (MigrateReport, error) {
	var rep MigrateReport
	for i, ref := range refs {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		copied, n, err := migrateOne(ctx, src, dst, ref)
		switch {
		case err != nil && ctx.Err() != nil:
			return rep, ctx.Err()
		case err != nil:
			rep.Failed = append(rep.Failed, fmt.Sprintf("%s: %v", ref.SHA256, err))
		case copied:
			rep.Copied++
			rep.Bytes += n
		default:
			rep.Skipped++
		}
		if progress != nil {
			progress(i+1, rep)
		}
	}
	if len(rep.Failed) > 0 {
		return rep, fmt.Errorf("files: %d of %d blobs not copied", len(rep.Failed), len(refs))
	}
	return rep, nil
}

func migrateOne(ctx context.Context, src Blobs, dst *S3, ref MigrateRef) (bool, int64, error) {
	if have, err := dst.Stat(ctx, ref.SHA256); err == nil && have.Size == ref.Size {
		return false, 0, nil // the address is the digest, and a stored blob was verified on its way in
	} else if err != nil && !errors.Is(err, ErrNotFound) {
		return false, 0, err
	}
	b, err := src.Open(ctx, ref.SHA256)
	if err != nil {
		return false, 0, err
	}
	defer b.Close()
	if b.Size() != ref.Size {
		return false, 0, fmt.Errorf("source has %d bytes, the database records %d", b.Size(), ref.Size)
	}
	st, err := dst.PutVerified(ctx, b, b.Size(), ref.SHA256)
	if err != nil {
		return false, 0, err
	}
	return true, st.Size, nil
}

// ProgressPrinter reports Migrate's progress on w: a bar redrawn in place on a terminal, a plain
// line every few seconds (and at the end) otherwise, so logs stay readable.
func ProgressPrinter(w io.Writer, total int) func(done int, r MigrateReport) {
	tty := isTerminal(w)
	var last time.Time
	return func(done int, r MigrateReport) {
		if tty {
			const width = 30
			filled := width
			if total > 0 {
				filled = done * width / total
			}
			fmt.Fprintf(w, "\r[%s%s] %d/%d  disalin %d, dilewati %d, gagal %d, %.1f MB",
				strings.Repeat("#", filled), strings.Repeat(".", width-filled), done, total,
				r.Copied, r.Skipped, len(r.Failed), float64(r.Bytes)/1e6)
			if done == total {
				fmt.Fprintln(w)
			}
			return
		}
		if done == total || time.Since(last) >= 2*time.Second {
			last = time.Now()
			fmt.Fprintf(w, "%d/%d berkas: disalin %d, dilewati %d, gagal %d, %.1f MB\n",
				done, total, r.Copied, r.Skipped, len(r.Failed), float64(r.Bytes)/1e6)
		}
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
