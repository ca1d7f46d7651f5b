package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/config"
	"github.com/terbuka-id/terbuka/internal/files/s3test"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

// With files.backend: s3 a published document is stored in the bucket and downloaded from it,
// Range requests included.
func TestPortalDocumentOnS3(t *testing.T) {
	srv := s3test.Start(t)
	app, _ := startApp(t, testdb.Store(t), time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta), func(c *config.Config) {
		c.Files.Backend = "s3"
		c.Files.S3 = config.S3{Endpoint: srv.Options.Endpoint, Bucket: srv.Options.Bucket, Region: srv.Options.Region,
			Prefix: "blobs/", AccessKey: srv.Options.AccessKey, SecretKey: srv.Options.SecretKey, PathStyle: true, PartSizeMB: 5}
	})
	ppid := newPublisher(t, app, "ppid@uji.test", "ppid")
	content := []byte("Rincian penganggaran sekolah: belanja pegawai, belanja barang dan jasa, belanja modal.\n")
	status, loc, body := ppid.draft(ppid.cleanFields(), "dpa 2026.txt", content)
	if status != http.StatusSeeOther {
		t.Fatalf("draft: %d %s", status, body)
	}
	id := publicationID(t, loc)
	if status, _ := ppid.post("/kantor/publikasi/" + id + "/terbitkan"); status != http.StatusSeeOther {
		t.Fatalf("publish: %d", status)
	}
	if keys := srv.Keys(t); len(keys) != 1 || !strings.HasPrefix(keys[0], "blobs/") {
		t.Fatalf("bucket = %v, want the one document", keys)
	}
	canonical := publicURL(t, app, id) + "/penganggaran-dinas-pendidikan-tahun-2026"
	resp, file := get(t, app.URL+canonical+"/unduh")
	if resp.StatusCode != http.StatusOK || file != string(content) {
		t.Fatalf("download: %d %q", resp.StatusCode, file)
	}
	req, _ := http.NewRequest(http.MethodGet, app.URL+canonical+"/unduh", nil)
	req.Header.Set("Range", "bytes=8-20")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	part := readBody(t, resp)
	if resp.StatusCode != http.StatusPartialContent || part != string(content[8:21]) {
		t.Errorf("range: %d %q, want 206 %q", resp.StatusCode, part, content[8:21])
	}
}
