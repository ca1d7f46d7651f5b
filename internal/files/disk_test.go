package files

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
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
