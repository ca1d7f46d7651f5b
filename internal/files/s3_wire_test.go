package files_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/files/s3test"
)

// A byte flipped on its way to the server is caught by the per-part checksum, and the upload
// leaves nothing behind: the digest is verified on write, not only computed.
func TestS3RefusesContentDamagedInTransit(t *testing.T) {
	var damaged atomic.Int32
	srv := s3test.StartWith(t, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			// Damage the second part of an upload under tmp/, once.
			if r.Method == http.MethodPut && strings.Contains(r.URL.Path, "/tmp/") && r.URL.Query().Get("partNumber") == "2" &&
				damaged.CompareAndSwap(0, 1) {
				body, _ := io.ReadAll(r.Body)
				body[len(body)/2] ^= 0xff
				r.Body = io.NopCloser(bytes.NewReader(body))
			}
			next.ServeHTTP(w, r)
		})
	})
	store := srv.Store(t)
	content := bytes.Repeat([]byte("lampiran keputusan PPID\n"), 500_000) // 12 MB: three parts
	_, err := store.Put(context.Background(), bytes.NewReader(content), 64<<20)
	if err == nil || damaged.Load() != 1 {
		t.Fatalf("Put over a damaging wire = %v (damaged %d), want an error", err, damaged.Load())
	}
	if got := srv.Keys(t); len(got) != 0 {
		t.Errorf("left behind: %v", got)
	}
	// The same content over an honest wire is stored under its digest.
	st, err := store.Put(context.Background(), bytes.NewReader(content), 64<<20)
	if err != nil {
		t.Fatal(err)
	}
	if got := srv.Keys(t); len(got) != 1 || got[0] != "blobs/"+st.SHA256 {
		t.Errorf("bucket = %v", got)
	}
	var _ files.Blobs = store
}
