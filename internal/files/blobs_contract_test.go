package files_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/files/s3test"
)

// backend is one blob store under test plus a view of everything it has written, temporaries
// and unfinished uploads included, so "nothing partial left behind" can be checked.
type backend struct {
	blobs  files.Blobs
	stored func(t *testing.T) []string
	// partSize is the store's upload part size; 0 when it has none (disk).
	partSize int
}

// backends are the factories the contract runs against: the disk store and S3 (gofakes3 on the loopback).
var backends = map[string]func(t *testing.T) backend{
	"disk": func(t *testing.T) backend {
		dir := t.TempDir()
		d, err := files.NewDisk(dir)
		if err != nil {
			t.Fatal(err)
		}
		return backend{blobs: d, stored: func(t *testing.T) []string { return files.FilesUnder(t, dir) }}
	},
	"s3": func(t *testing.T) backend {
		srv := s3test.Start(t)
		return backend{blobs: srv.Store(t), stored: func(t *testing.T) []string { return srv.Keys(t) }, partSize: files.MinPartSize}
	},
}

// runContract runs fn once per backend.
func runContract(t *testing.T, fn func(t *testing.T, b backend)) {
	for name, factory := range backends {
		t.Run(name, func(t *testing.T) { fn(t, factory(t)) })
	}
}

func TestBlobsPutOpenRangeDelete(t *testing.T) {
	runContract(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		// Larger than two S3 parts, so the multipart path with its last short part is covered.
		content := bytes.Repeat([]byte("Jawaban PPID atas permohonan informasi.\n"), 300_000)
		want := sha256.Sum256(content)
		st, err := b.blobs.Put(ctx, bytes.NewReader(content), int64(len(content)))
		if err != nil {
			t.Fatalf("Put: %v", err)
		}
		if st.SHA256 != hex.EncodeToString(want[:]) || st.Size != int64(len(content)) || st.ContentType != "text/plain" {
			t.Errorf("Put = %+v, want sha %x, size %d, text/plain", st, want, len(content))
		}
		if got := b.stored(t); len(got) != 1 || !strings.HasSuffix(got[0], st.SHA256) {
			t.Errorf("stored = %v, want exactly the blob", got)
		}
		blob, err := b.blobs.Open(ctx, st.SHA256)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		defer blob.Close()
		if blob.Size() != st.Size || time.Since(blob.ModTime()) > time.Minute {
			t.Errorf("Size %d ModTime %v, want %d and recent", blob.Size(), blob.ModTime(), st.Size)
		}
		got, err := io.ReadAll(blob)
		if err != nil || !bytes.Equal(got, content) {
			t.Fatalf("read back %d bytes (err %v), want the %d put", len(got), err, len(content))
		}
		if _, err := blob.Seek(8, io.SeekStart); err != nil {
			t.Fatal(err)
		}
		part := make([]byte, 4)
		if _, err := io.ReadFull(blob, part); err != nil || string(part) != "PPID" {
			t.Errorf("after Seek(8) read %q (err %v), want PPID", part, err)
		}
		if end, err := blob.Seek(-3, io.SeekEnd); err != nil || end != st.Size-3 {
			t.Errorf("Seek(-3, end) = %d, %v", end, err)
		}
		if tail, err := io.ReadAll(blob); err != nil || string(tail) != "i.\n" {
			t.Errorf("tail = %q, %v", tail, err)
		}

		// http.ServeContent answers a Range request from the blob.
		if _, err := blob.Seek(0, io.SeekStart); err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest(http.MethodGet, "/unduh", nil)
		req.Header.Set("Range", "bytes=40-47")
		rec := httptest.NewRecorder()
		files.ServeBlob(rec, req, blob, "jawaban.txt", "text/plain")
		if rec.Code != http.StatusPartialContent || rec.Body.String() != "Jawaban " {
			t.Errorf("Range answer %d %q, want 206 %q", rec.Code, rec.Body.String(), "Jawaban ")
		}

		var listed []files.BlobInfo
		if err := b.blobs.List(ctx, func(i files.BlobInfo) error { listed = append(listed, i); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(listed) != 1 || listed[0].SHA256 != st.SHA256 || listed[0].Size != st.Size {
			t.Errorf("List = %+v, want the one blob", listed)
		}
		if err := b.blobs.Delete(ctx, st.SHA256); err != nil {
			t.Fatalf("Delete: %v", err)
		}
		if _, err := b.blobs.Open(ctx, st.SHA256); !errors.Is(err, files.ErrNotFound) {
			t.Errorf("Open after Delete = %v, want ErrNotFound", err)
		}
		if got := b.stored(t); len(got) != 0 {
			t.Errorf("stored after Delete = %v", got)
		}
	})
}

func TestBlobsSizeLimitLeavesNothing(t *testing.T) {
	const limit = 6 << 20 // past one S3 part: the limit is hit after a part was sent
	cases := []struct {
		name    string
		size    int
		wantErr error
	}{
		{"empty", 0, nil},
		{"exactly the limit", limit, nil},
		{"one byte over", limit + 1, files.ErrTooLarge},
		{"far over", 3 * limit, files.ErrTooLarge},
	}
	runContract(t, func(t *testing.T, b backend) {
		for _, tt := range cases {
			t.Run(tt.name, func(t *testing.T) {
				ctx := context.Background()
				before := len(b.stored(t))
				src := &countingReader{r: bytes.NewReader(bytes.Repeat([]byte{'a'}, tt.size))}
				st, err := b.blobs.Put(ctx, src, limit)
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Put(%d bytes) = %v, want %v", tt.size, err, tt.wantErr)
				}
				if src.n > limit+1 {
					t.Errorf("read %d bytes of an upload limited to %d", src.n, limit)
				}
				got := b.stored(t)
				if tt.wantErr != nil {
					if len(got) != before {
						t.Errorf("stored after %v = %v, want nothing new", err, got)
					}
					return
				}
				if st.Size != int64(tt.size) || len(got) != before+1 {
					t.Errorf("Size %d, stored %v; want %d and one blob more", st.Size, got, tt.size)
				}
			})
		}
	})
}

func TestBlobsReaderErrorAndCancelLeaveNothing(t *testing.T) {
	runContract(t, func(t *testing.T, b backend) {
		boom := errors.New("connection reset")
		// Past one S3 part: a multipart upload has begun when the reader fails.
		if _, err := b.blobs.Put(context.Background(), &failingReader{left: 7 << 20, err: boom}, 64<<20); !errors.Is(err, boom) {
			t.Fatalf("Put = %v, want the reader's error", err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		_, err := b.blobs.Put(ctx, &cancelAtEOF{r: strings.NewReader("isi lengkap"), cancel: cancel}, 1<<20)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Put cancelled at EOF = %v, want context.Canceled", err)
		}
		if got := b.stored(t); len(got) != 0 {
			t.Errorf("stored after failed uploads = %v", got)
		}
	})
}

func TestBlobsDigestVerified(t *testing.T) {
	runContract(t, func(t *testing.T, b backend) {
		content := []byte("%PDF-1.4\nsurat balasan\n%%EOF\n")
		st, err := b.blobs.Put(context.Background(), bytes.NewReader(content), 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		want := sha256.Sum256(content)
		if st.SHA256 != hex.EncodeToString(want[:]) {
			t.Errorf("SHA256 = %s, want %x", st.SHA256, want)
		}
		s3, ok := b.blobs.(*files.S3)
		if !ok {
			return
		}
		// A copy whose expected digest differs from the content is refused and leaves nothing new.
		_, err = s3.PutVerified(context.Background(), strings.NewReader("lain"), 1<<20, st.SHA256)
		if err == nil || !strings.Contains(err.Error(), "digest") {
			t.Errorf("PutVerified with a wrong digest = %v, want a digest error", err)
		}
		if got := b.stored(t); len(got) != 1 {
			t.Errorf("stored = %v, want only the first blob", got)
		}
	})
}

func TestBlobsConcurrentSameContent(t *testing.T) {
	runContract(t, func(t *testing.T, b backend) {
		content := bytes.Repeat([]byte("lembar uji konsekuensi\n"), 300_000)
		const workers = 4
		var (
			wg    sync.WaitGroup
			start = make(chan struct{})
			res   [workers]files.Stored
			errs  [workers]error
		)
		for i := range workers {
			wg.Go(func() {
				<-start
				res[i], errs[i] = b.blobs.Put(context.Background(), bytes.NewReader(content), int64(len(content)))
			})
		}
		close(start)
		wg.Wait()
		for i := range workers {
			if errs[i] != nil || res[i] != res[0] {
				t.Errorf("Put #%d = %+v, %v; want %+v", i, res[i], errs[i], res[0])
			}
		}
		if got := b.stored(t); len(got) != 1 {
			t.Errorf("stored = %v, want one blob", got)
		}
		blob, err := b.blobs.Open(context.Background(), res[0].SHA256)
		if err != nil {
			t.Fatal(err)
		}
		defer blob.Close()
		if got, _ := io.ReadAll(blob); !bytes.Equal(got, content) {
			t.Error("content differs after concurrent Puts")
		}
	})
}

func TestBlobsMissingOrMalformed(t *testing.T) {
	runContract(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		missing := strings.Repeat("ab", 32)
		for _, sum := range []string{missing, "../../etc/passwd", "", strings.Repeat("g", 64), "tmp"} {
			if _, err := b.blobs.Open(ctx, sum); !errors.Is(err, files.ErrNotFound) {
				t.Errorf("Open(%q) = %v, want ErrNotFound", sum, err)
			}
		}
		if err := b.blobs.Delete(ctx, missing); err != nil {
			t.Errorf("Delete of a missing blob = %v, want nil", err)
		}
		if err := b.blobs.Delete(ctx, "../../etc/passwd"); err == nil {
			t.Error("Delete of a malformed hash succeeded")
		}
		st, err := b.blobs.Put(ctx, strings.NewReader("akan dihapus"), 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		upper, err := b.blobs.Open(ctx, strings.ToUpper(st.SHA256))
		if err != nil {
			t.Fatalf("Open with uppercase hex: %v", err)
		}
		upper.Close()
	})
}
