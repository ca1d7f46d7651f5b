package files_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/files/s3test"
)

// diskWithBlobs stores contents on a fresh disk store and returns it, its directory and the refs.
func diskWithBlobs(t *testing.T, contents ...[]byte) (*files.Disk, string, []files.MigrateRef) {
	t.Helper()
	dir := t.TempDir()
	d, err := files.NewDisk(dir)
	if err != nil {
		t.Fatal(err)
	}
	var refs []files.MigrateRef
	for _, c := range contents {
		st, err := d.Put(context.Background(), bytes.NewReader(c), 64<<20)
		if err != nil {
			t.Fatal(err)
		}
		refs = append(refs, files.MigrateRef{SHA256: st.SHA256, Size: st.Size})
	}
	return d, dir, refs
}

func blobKeys(refs []files.MigrateRef) []string {
	var keys []string
	for _, r := range refs {
		keys = append(keys, "blobs/"+r.SHA256)
	}
	sort.Strings(keys)
	return keys
}

// An interrupted migration resumes where it stopped; a finished one copies nothing more.
func TestMigrateResumesAndIsIdempotent(t *testing.T) {
	ctx := context.Background()
	srv := s3test.Start(t)
	bucket := srv.Store(t)
	disk, _, refs := diskWithBlobs(t, []byte("surat pemberitahuan"), bytes.Repeat([]byte("dokumen besar\n"), 600_000),
		[]byte("%PDF-1.4\nlampiran\n%%EOF\n"))

	stopCtx, stop := context.WithCancel(ctx)
	rep, err := files.Migrate(stopCtx, disk, bucket, refs, func(done int, _ files.MigrateReport) {
		if done == 1 {
			stop() // as Ctrl-C after the first file
		}
	})
	if !errors.Is(err, context.Canceled) || rep.Copied != 1 {
		t.Fatalf("interrupted run = %+v, %v; want 1 copied and context.Canceled", rep, err)
	}
	if got := srv.Keys(t); len(got) != 1 {
		t.Fatalf("bucket after the interruption = %v, want the one finished blob", got)
	}

	rep, err = files.Migrate(ctx, disk, bucket, refs, nil)
	if err != nil || rep.Copied != 2 || rep.Skipped != 1 {
		t.Fatalf("resumed run = %+v, %v; want 2 copied, 1 skipped", rep, err)
	}
	rep, err = files.Migrate(ctx, disk, bucket, refs, nil)
	if err != nil || rep.Copied != 0 || rep.Skipped != 3 {
		t.Fatalf("third run = %+v, %v; want everything skipped", rep, err)
	}
	got := srv.Keys(t)
	sort.Strings(got)
	if strings.Join(got, " ") != strings.Join(blobKeys(refs), " ") {
		t.Errorf("bucket = %v, want exactly %v", got, blobKeys(refs))
	}
	for _, r := range refs {
		want, _ := disk.Open(ctx, r.SHA256)
		have, err := bucket.Open(ctx, r.SHA256)
		if err != nil {
			t.Fatal(err)
		}
		var a, b bytes.Buffer
		a.ReadFrom(want)
		b.ReadFrom(have)
		want.Close()
		have.Close()
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("blob %s differs in the bucket", r.SHA256)
		}
	}
}

// A file on disk whose content no longer matches its address is reported and not copied.
func TestMigrateVerifiesEachDigest(t *testing.T) {
	ctx := context.Background()
	srv := s3test.Start(t)
	bucket := srv.Store(t)
	disk, dir, refs := diskWithBlobs(t, []byte("isi asli yang benar"), []byte("berkas kedua"))
	damaged := refs[0].SHA256
	p := filepath.Join(dir, damaged[0:2], damaged[2:4], damaged)
	if err := os.WriteFile(p, []byte("isi rusak yang salah"[:len("isi asli yang benar")]), 0o640); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	rep, err := files.Migrate(ctx, disk, bucket, refs, files.ProgressPrinter(&out, len(refs)))
	if err == nil || rep.Copied != 1 || len(rep.Failed) != 1 || !strings.Contains(rep.Failed[0], "digest") {
		t.Fatalf("run = %+v, %v; want the damaged blob failed on its digest, the other copied", rep, err)
	}
	if got := srv.Keys(t); len(got) != 1 || got[0] != "blobs/"+refs[1].SHA256 {
		t.Errorf("bucket = %v, want only the intact blob", got)
	}
	// Not a terminal: plain lines, no carriage returns.
	if s := out.String(); !strings.Contains(s, "2/2 berkas: disalin 1, dilewati 0, gagal 1") || strings.Contains(s, "\r") {
		t.Errorf("progress output %q", s)
	}
}
