package files

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// staleTemp is the age after which a temp file can only be left over from a crash.
const staleTemp = 24 * time.Hour

// Disk stores blobs as files under a directory: dir/ab/cd/abcd… by SHA-256.
type Disk struct {
	dir string
	tmp string
}

var _ Blobs = (*Disk)(nil)

// NewDisk creates dir (0o750) and its tmp subdirectory and removes temp files left by a crash.
func NewDisk(dir string) (*Disk, error) {
	if dir == "" {
		return nil, errors.New("files: data directory is empty")
	}
	d := &Disk{dir: dir, tmp: filepath.Join(dir, "tmp")}
	if err := os.MkdirAll(d.tmp, 0o750); err != nil {
		return nil, fmt.Errorf("files: unable to create %s: %w", d.tmp, err)
	}
	if err := d.removeStaleTemps(time.Now().Add(-staleTemp)); err != nil {
		return nil, err
	}
	return d, nil
}

func (d *Disk) removeStaleTemps(before time.Time) error {
	entries, err := os.ReadDir(d.tmp)
	if err != nil {
		return fmt.Errorf("files: unable to list %s: %w", d.tmp, err)
	}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() || info.ModTime().After(before) {
			continue
		}
		// Best effort: a temp file that cannot be removed now will be tried at the next start.
		_ = os.Remove(filepath.Join(d.tmp, e.Name()))
	}
	return nil
}

// Put streams r into a temp file while hashing and sniffing it, then renames it into place.
func (d *Disk) Put(ctx context.Context, r io.Reader, maxBytes int64) (Stored, error) {
	if maxBytes < 0 {
		return Stored{}, errors.New("files: maxBytes is negative")
	}
	if err := ctx.Err(); err != nil {
		return Stored{}, err
	}
	f, err := os.CreateTemp(d.tmp, "put-*")
	if err != nil {
		return Stored{}, fmt.Errorf("files: unable to create temp file: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			f.Close()
			os.Remove(f.Name())
		}
	}()

	h := sha256.New()
	var head prefixWriter
	n, err := copyLimited(ctx, io.MultiWriter(f, h, &head), r, maxBytes)
	if err != nil {
		return Stored{}, err
	}
	// A request cancelled after its last chunk must not leave a blob nobody will reference.
	if err := ctx.Err(); err != nil {
		return Stored{}, err
	}
	if err := f.Chmod(0o640); err != nil {
		return Stored{}, fmt.Errorf("files: unable to set mode of temp file: %w", err)
	}
	if err := f.Sync(); err != nil {
		return Stored{}, fmt.Errorf("files: unable to sync temp file: %w", err)
	}
	if err := f.Close(); err != nil {
		return Stored{}, fmt.Errorf("files: unable to close temp file: %w", err)
	}

	st := Stored{SHA256: hex.EncodeToString(h.Sum(nil)), Size: n, ContentType: sniff(head.buf)}
	if err := d.commit(f.Name(), st); err != nil {
		return Stored{}, err
	}
	committed = true
	return st, nil
}

// copyLimited copies src to dst chunk by chunk, checking ctx between chunks and
// failing with ErrTooLarge as soon as more than maxBytes have been read.
func copyLimited(ctx context.Context, dst io.Writer, src io.Reader, maxBytes int64) (int64, error) {
	buf := make([]byte, 32<<10)
	var n int64
	for {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		// Never ask for more than one byte past the limit, so an oversized upload is not read on.
		want := int64(len(buf))
		if left := maxBytes - n; left < math.MaxInt64 && left+1 < want {
			want = left + 1
		}
		k, rerr := src.Read(buf[:want])
		if k > 0 {
			n += int64(k)
			if n > maxBytes {
				return n, fmt.Errorf("files: upload larger than %d bytes: %w", maxBytes, ErrTooLarge)
			}
			if _, err := dst.Write(buf[:k]); err != nil {
				return n, fmt.Errorf("files: unable to store upload: %w", err)
			}
		}
		if rerr == io.EOF {
			return n, nil
		}
		if rerr != nil {
			return n, fmt.Errorf("files: unable to read upload: %w", rerr)
		}
	}
}

// commit moves the temp file to its content address, keeping an identical blob already there.
func (d *Disk) commit(tmpName string, st Stored) error {
	leaf, err := d.ensureFanout(st.SHA256)
	if err != nil {
		return err
	}
	dst := filepath.Join(leaf, st.SHA256)
	// Same hash and same size is the same content; a different size means a damaged blob to replace.
	if info, err := os.Stat(dst); err == nil && info.Mode().IsRegular() && info.Size() == st.Size {
		if err := os.Remove(tmpName); err != nil {
			return fmt.Errorf("files: unable to remove temp file: %w", err)
		}
		// A fresh modification time keeps the blob sweeper off content re-uploaded before its row commits.
		now := time.Now()
		if err := os.Chtimes(dst, now, now); err != nil {
			return fmt.Errorf("files: unable to touch blob: %w", err)
		}
		return nil
	}
	// A concurrent Put of the same content may rename first; replacing identical bytes is harmless.
	if err := os.Rename(tmpName, dst); err != nil {
		return fmt.Errorf("files: unable to move blob into place: %w", err)
	}
	if err := syncDir(leaf); err != nil {
		return err
	}
	return nil
}

// ensureFanout creates dir/ab/cd for a hash, syncing each parent whose entries changed.
func (d *Disk) ensureFanout(sum string) (string, error) {
	parent := d.dir
	for _, part := range []string{sum[0:2], sum[2:4]} {
		p := filepath.Join(parent, part)
		err := os.Mkdir(p, 0o750)
		switch {
		case err == nil:
			if err := syncDir(parent); err != nil {
				return "", err
			}
		case errors.Is(err, fs.ErrExist):
		default:
			return "", fmt.Errorf("files: unable to create %s: %w", p, err)
		}
		parent = p
	}
	return parent, nil
}

// syncDir makes a rename or mkdir in dir survive a power loss.
func syncDir(dir string) error {
	// Windows cannot open a directory for fsync and persists renames without it.
	if runtime.GOOS == "windows" {
		return nil
	}
	f, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("files: unable to open %s: %w", dir, err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("files: unable to sync %s: %w", dir, err)
	}
	return nil
}

// path returns where a blob lives, or ErrNotFound for anything that is not a SHA-256 in hex.
func (d *Disk) path(sha256Hex string) (string, error) {
	sum, ok := normalizeHash(sha256Hex)
	if !ok {
		return "", fmt.Errorf("files: malformed sha256: %w", ErrNotFound)
	}
	return filepath.Join(d.dir, sum[0:2], sum[2:4], sum), nil
}

// normalizeHash lowercases a 64-digit hex string; anything else could escape the directory.
func normalizeHash(s string) (string, bool) {
	if len(s) != sha256.Size*2 {
		return "", false
	}
	b := []byte(s)
	for i, c := range b {
		switch {
		case c >= '0' && c <= '9', c >= 'a' && c <= 'f':
		case c >= 'A' && c <= 'F':
			b[i] = c + ('a' - 'A')
		default:
			return "", false
		}
	}
	return string(b), true
}

// Open returns the blob for reading; ErrNotFound when it is not stored.
func (d *Disk) Open(ctx context.Context, sha256Hex string) (Blob, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p, err := d.path(sha256Hex)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("files: blob %s: %w", sha256Hex, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("files: unable to open blob %s: %w", sha256Hex, err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("files: unable to stat blob %s: %w", sha256Hex, err)
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("files: blob %s: %w", sha256Hex, ErrNotFound)
	}
	return &diskBlob{File: f, size: info.Size(), modTime: info.ModTime()}, nil
}

// Delete removes the blob; a blob that is already gone is not an error.
func (d *Disk) Delete(ctx context.Context, sha256Hex string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	sum, ok := normalizeHash(sha256Hex)
	if !ok {
		// Not ErrNotFound: a malformed hash is a caller bug, not a blob retention already removed.
		return fmt.Errorf("files: malformed sha256 %.80q", sha256Hex)
	}
	leaf := filepath.Join(d.dir, sum[0:2], sum[2:4])
	err := os.Remove(filepath.Join(leaf, sum))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("files: unable to delete blob %s: %w", sum, err)
	}
	return syncDir(leaf)
}

type diskBlob struct {
	*os.File
	size    int64
	modTime time.Time
}

func (b *diskBlob) Size() int64        { return b.size }
func (b *diskBlob) ModTime() time.Time { return b.modTime }

// List walks dir/ab/cd/ for blobs, skipping tmp and anything that is not named by a SHA-256.
func (d *Disk) List(ctx context.Context, fn func(BlobInfo) error) error {
	return filepath.WalkDir(d.dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("files: unable to list blobs: %w", err)
		}
		if e.IsDir() {
			if p == d.tmp {
				return filepath.SkipDir
			}
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		sum, ok := normalizeHash(e.Name())
		if !ok || !e.Type().IsRegular() || filepath.Join(d.dir, sum[0:2], sum[2:4], e.Name()) != p {
			return nil
		}
		info, err := e.Info()
		if errors.Is(err, fs.ErrNotExist) {
			return nil // deleted while we walked
		}
		if err != nil {
			return fmt.Errorf("files: unable to stat blob %s: %w", sum, err)
		}
		return fn(BlobInfo{SHA256: sum, Size: info.Size(), ModTime: info.ModTime()})
	})
}
