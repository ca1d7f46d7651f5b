package cli

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/files/s3test"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

// `terbuka files migrate --to s3` copies the blobs of case documents, letters and publications to
// the bucket, and a second run copies nothing.
func TestFilesMigrateToS3(t *testing.T) {
	ctx := context.Background()
	url := testdb.URL(t)
	srv := s3test.Start(t)
	dir := t.TempDir()
	disk, err := files.NewDisk(dir)
	if err != nil {
		t.Fatal(err)
	}
	put := func(s string) files.Stored {
		st, err := disk.Put(ctx, strings.NewReader(s), 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	doc, letter, pub := put("jawaban PPID"), put("surat pemberitahuan tertulis"), put("laporan tahunan")
	orphan := put("tidak dirujuk siapa pun")
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, st := range []struct {
		s    files.Stored
		kind string
	}{{doc, "response"}, {letter, "letter"}, {doc, "redacted"}} {
		if _, err := db.Exec(`INSERT INTO documents (sha256, size, content_type, filename, kind, visibility)
			VALUES ($1, $2, 'text/plain', 'a.txt', $3, 'internal')`, st.s.SHA256, st.s.Size, st.kind); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec(`INSERT INTO publications (public_id, title, category, unit_id, year, sha256, size, content_type, filename, doc_type)
		VALUES ('abcdefghij', 'Laporan', 'berkala', (SELECT min(id) FROM units), 2026, $1, $2, 'text/plain', 'l.txt', 'txt')`,
		pub.SHA256, pub.Size); err != nil {
		t.Fatal(err)
	}

	t.Setenv("TERBUKA_DATABASE_URL", url)
	t.Setenv("TERBUKA_SECURITY_DATA_KEY", base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{5}, 32)))
	t.Setenv("TERBUKA_FILES_DIR", dir)
	t.Setenv("TERBUKA_FILES_S3_ENDPOINT", srv.Options.Endpoint)
	t.Setenv("TERBUKA_FILES_S3_BUCKET", srv.Options.Bucket)
	t.Setenv("TERBUKA_FILES_S3_ACCESS_KEY", srv.Options.AccessKey)
	t.Setenv("TERBUKA_FILES_S3_SECRET_KEY", srv.Options.SecretKey)
	t.Setenv("TERBUKA_FILES_S3_PATH_STYLE", "true")
	t.Setenv("TERBUKA_FILES_S3_TLS", "false")
	config := filepath.Join(t.TempDir(), "tidak-ada.yaml")

	var out, errs bytes.Buffer
	if code := Run([]string{"--config", config, "files", "migrate", "--to", "s3"}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	if !strings.Contains(out.String(), "3 berkas disalin") || !strings.Contains(out.String(), "files.backend: s3") {
		t.Errorf("first run output:\n%s", out.String())
	}
	if !strings.Contains(errs.String(), "3/3 berkas: disalin 3") {
		t.Errorf("progress lines:\n%s", errs.String())
	}
	want := []string{"blobs/" + doc.SHA256, "blobs/" + letter.SHA256, "blobs/" + pub.SHA256}
	sort.Strings(want)
	got := srv.Keys(t)
	sort.Strings(got)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("bucket = %v, want %v (never the unreferenced %s)", got, want, orphan.SHA256)
	}

	out.Reset()
	errs.Reset()
	if code := Run([]string{"--config", config, "files", "migrate", "--to", "s3"}, &out, &errs); code != 0 {
		t.Fatalf("second run exit %d: %s", code, errs.String())
	}
	if !strings.Contains(out.String(), "0 berkas disalin (0.0 MB), 3 sudah ada, 0 gagal") {
		t.Errorf("second run output:\n%s", out.String())
	}
	if code := Run([]string{"--config", config, "files", "migrate"}, &out, &errs); code != 2 {
		t.Errorf("without --to: exit %d, want 2", code)
	}
}
