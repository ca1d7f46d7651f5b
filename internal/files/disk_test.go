package files

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestNewDiskCreatesDirectories(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "blobs")
	if _, err := NewDisk(dir); err != nil {
		t.Fatalf("NewDisk: %v", err)
	}
	info, err := os.Stat(filepath.Join(dir, "tmp"))
	if err != nil || !info.IsDir() {
		t.Fatalf("tmp dir not created: %v", err)
	}
	if _, err := NewDisk(""); err == nil {
		t.Fatal("NewDisk(\"\") succeeded")
	}
}

func TestNewDiskRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	if _, err := NewDisk(dir); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, "tmp", "put-stale")
	fresh := filepath.Join(dir, "tmp", "put-fresh")
	for _, p := range []string{stale, fresh} {
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-48 * time.Hour)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	if _, err := NewDisk(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale temp file kept: %v", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("fresh temp file removed (an upload may be writing it): %v", err)
	}
}

func TestPutOpenRoundTrip(t *testing.T) {
	d, dir := newTestDisk(t)
	ctx := context.Background()
	content := bytes.Repeat([]byte("Jawaban PPID atas permohonan informasi.\n"), 5000)
	want := sha256.Sum256(content)

	st, err := d.Put(ctx, bytes.NewReader(content), int64(len(content)))
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	if st.SHA256 != hex.EncodeToString(want[:]) {
		t.Errorf("SHA256 = %s, want %x", st.SHA256, want)
	}
	if st.Size != int64(len(content)) {
		t.Errorf("Size = %d, want %d", st.Size, len(content))
	}
	if st.ContentType != "text/plain" {
		t.Errorf("ContentType = %q, want text/plain", st.ContentType)
	}
	if got := filesUnder(t, dir); len(got) != 1 || got[0] != blobPath(st.SHA256) {
		t.Errorf("files on disk = %v, want [%s]", got, blobPath(st.SHA256))
	}

	b, err := d.Open(ctx, st.SHA256)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer b.Close()
	if b.Size() != st.Size {
		t.Errorf("Blob.Size = %d, want %d", b.Size(), st.Size)
	}
	if time.Since(b.ModTime()) > time.Minute {
		t.Errorf("Blob.ModTime = %v, not recent", b.ModTime())
	}
	got, err := io.ReadAll(b)
	if err != nil || !bytes.Equal(got, content) {
		t.Fatalf("read back %d bytes (err %v), want the %d bytes put", len(got), err, len(content))
	}
	if _, err := b.Seek(8, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	part := make([]byte, 4)
	if _, err := io.ReadFull(b, part); err != nil || string(part) != "PPID" {
		t.Errorf("after Seek(8) read %q (err %v), want PPID", part, err)
	}
}

func TestPutSameContentTwiceKeepsOneFile(t *testing.T) {
	d, dir := newTestDisk(t)
	ctx := context.Background()
	content := []byte("%PDF-1.4\nsurat balasan\n%%EOF\n")
	first, err := d.Put(ctx, bytes.NewReader(content), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	info1, err := os.Stat(filepath.Join(dir, blobPath(first.SHA256)))
	if err != nil {
		t.Fatal(err)
	}
	second, err := d.Put(ctx, bytes.NewReader(content), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if first != second {
		t.Errorf("second Put = %+v, want %+v", second, first)
	}
	if got := filesUnder(t, dir); len(got) != 1 {
		t.Errorf("files on disk = %v, want exactly one blob", got)
	}
	info2, err := os.Stat(filepath.Join(dir, blobPath(first.SHA256)))
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(info1, info2) {
		t.Error("existing blob was replaced, want it kept")
	}
}

func TestPutReplacesDamagedBlob(t *testing.T) {
	d, dir := newTestDisk(t)
	ctx := context.Background()
	content := []byte("isi lengkap dokumen")
	st, err := d.Put(ctx, bytes.NewReader(content), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, blobPath(st.SHA256))
	if err := os.WriteFile(p, content[:5], 0o640); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Put(ctx, bytes.NewReader(content), 1<<20); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(p)
	if err != nil || !bytes.Equal(got, content) {
		t.Errorf("blob after re-upload = %q (err %v), want %q", got, err, content)
	}
}

func TestPutSizeLimit(t *testing.T) {
	const limit = 100_000
	tests := []struct {
		name    string
		size    int
		wantErr error
	}{
		{"empty", 0, nil},
		{"exactly the limit", limit, nil},
		{"one byte over", limit + 1, ErrTooLarge},
		{"far over", 10 * limit, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, dir := newTestDisk(t)
			content := bytes.Repeat([]byte{'a'}, tt.size)
			st, err := d.Put(context.Background(), bytes.NewReader(content), limit)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Put(%d bytes) error = %v, want %v", tt.size, err, tt.wantErr)
			}
			got := filesUnder(t, dir)
			if tt.wantErr != nil {
				if len(got) != 0 {
					t.Errorf("files left after %v: %v", err, got)
				}
				return
			}
			if st.Size != int64(tt.size) || len(got) != 1 {
				t.Errorf("Size = %d, files = %v; want %d and one blob", st.Size, got, tt.size)
			}
		})
	}
}

// countingReader records how much of an oversized upload was read.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func TestPutStopsReadingPastLimit(t *testing.T) {
	d, _ := newTestDisk(t)
	const limit = 1000
	src := &countingReader{r: bytes.NewReader(make([]byte, 10<<20))}
	if _, err := d.Put(context.Background(), src, limit); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("error = %v, want ErrTooLarge", err)
	}
	if src.n > limit+1 {
		t.Errorf("read %d bytes of an upload limited to %d", src.n, limit)
	}
}

// failingReader yields some content and then a network error.
type failingReader struct {
	left int
	err  error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if f.left == 0 {
		return 0, f.err
	}
	n := min(len(p), f.left, 1000)
	for i := range n {
		p[i] = 'x'
	}
	f.left -= n
	return n, nil
}

func TestPutReaderErrorLeavesNothing(t *testing.T) {
	d, dir := newTestDisk(t)
	boom := errors.New("connection reset")
	_, err := d.Put(context.Background(), &failingReader{left: 50_000, err: boom}, 1<<20)
	if !errors.Is(err, boom) {
		t.Fatalf("error = %v, want the reader's error", err)
	}
	if got := filesUnder(t, dir); len(got) != 0 {
		t.Errorf("files left after a failed read: %v", got)
	}
}

// cancellingReader cancels the upload's context after its first chunk.
type cancellingReader struct {
	cancel context.CancelFunc
	reads  int
}

func (c *cancellingReader) Read(p []byte) (int, error) {
	c.reads++
	if c.reads == 2 {
		c.cancel()
	}
	if c.reads > 1000 {
		return 0, io.EOF
	}
	n := min(len(p), 512)
	for i := range n {
		p[i] = 'y'
	}
	return n, nil
}

// cancelAtEOF cancels the upload as its content ends, like a client that hangs up at the last byte.
type cancelAtEOF struct {
	r      io.Reader
	cancel context.CancelFunc
}

func (c *cancelAtEOF) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if err == io.EOF {
		c.cancel()
	}
	return n, err
}

func TestPutCancelledContextLeavesNothing(t *testing.T) {
	t.Run("cancelled midway", func(t *testing.T) {
		d, dir := newTestDisk(t)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		r := &cancellingReader{cancel: cancel}
		_, err := d.Put(ctx, r, 1<<20)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("error = %v, want context.Canceled", err)
		}
		if r.reads > 2 {
			t.Errorf("kept reading %d chunks after cancellation", r.reads-2)
		}
		if got := filesUnder(t, dir); len(got) != 0 {
			t.Errorf("files left after cancellation: %v", got)
		}
	})
	t.Run("cancelled with the last chunk", func(t *testing.T) {
		d, dir := newTestDisk(t)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		_, err := d.Put(ctx, &cancelAtEOF{r: strings.NewReader("isi lengkap"), cancel: cancel}, 1<<20)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("error = %v, want context.Canceled", err)
		}
		if got := filesUnder(t, dir); len(got) != 0 {
			t.Errorf("files left after cancellation: %v", got)
		}
	})
	t.Run("cancelled before", func(t *testing.T) {
		d, dir := newTestDisk(t)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := d.Put(ctx, strings.NewReader("isi"), 1<<20)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("error = %v, want context.Canceled", err)
		}
		if got := filesUnder(t, dir); len(got) != 0 {
			t.Errorf("files left after cancellation: %v", got)
		}
	})
}

func TestOpenAndDeleteMissingOrMalformed(t *testing.T) {
	d, dir := newTestDisk(t)
	ctx := context.Background()
	missing := strings.Repeat("ab", 32)
	for _, sum := range []string{missing, "../../etc/passwd", "", strings.Repeat("g", 64), "tmp"} {
		if _, err := d.Open(ctx, sum); !errors.Is(err, ErrNotFound) {
			t.Errorf("Open(%q) error = %v, want ErrNotFound", sum, err)
		}
	}
	if err := d.Delete(ctx, missing); err != nil {
		t.Errorf("Delete of a missing blob = %v, want nil", err)
	}
	if err := d.Delete(ctx, "../../etc/passwd"); err == nil {
		t.Error("Delete of a malformed hash succeeded")
	}

	st, err := d.Put(ctx, strings.NewReader("akan dihapus"), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	upper, err := d.Open(ctx, strings.ToUpper(st.SHA256))
	if err != nil {
		t.Fatalf("Open with uppercase hex: %v", err)
	}
	upper.Close()
	if err := d.Delete(ctx, st.SHA256); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := d.Open(ctx, st.SHA256); !errors.Is(err, ErrNotFound) {
		t.Errorf("Open after Delete error = %v, want ErrNotFound", err)
	}
	if got := filesUnder(t, dir); len(got) != 0 {
		t.Errorf("files left after Delete: %v", got)
	}
}

func TestPutConcurrentSameContent(t *testing.T) {
	d, dir := newTestDisk(t)
	content := bytes.Repeat([]byte("lembar uji konsekuensi\n"), 20_000)
	const workers = 8
	var (
		wg    sync.WaitGroup
		start = make(chan struct{})
		res   [workers]Stored
		errs  [workers]error
	)
	for i := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			res[i], errs[i] = d.Put(context.Background(), bytes.NewReader(content), int64(len(content)))
		}()
	}
	close(start)
	wg.Wait()
	for i := range workers {
		if errs[i] != nil {
			t.Errorf("Put #%d: %v", i, errs[i])
		}
		if res[i] != res[0] {
			t.Errorf("Put #%d = %+v, want %+v", i, res[i], res[0])
		}
	}
	if got := filesUnder(t, dir); len(got) != 1 || got[0] != blobPath(res[0].SHA256) {
		t.Errorf("files on disk = %v, want one blob", got)
	}
	b, err := d.Open(context.Background(), res[0].SHA256)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	got, _ := io.ReadAll(b)
	if !bytes.Equal(got, content) {
		t.Error("blob content differs after concurrent Puts")
	}
}
