package app_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/app"
	"github.com/terbuka-id/terbuka/internal/config"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/files/s3test"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

// files.backend: s3 wires every service to the bucket, with the secret key read from its file.
func TestNewWiresS3FromConfig(t *testing.T) {
	ctx := context.Background()
	srv := s3test.Start(t)
	secretFile := filepath.Join(t.TempDir(), "s3-secret")
	if err := os.WriteFile(secretFile, []byte(srv.Options.SecretKey+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.Files.Dir = t.TempDir()
	cfg.Files.Backend = "s3"
	cfg.Files.S3 = config.S3{Endpoint: srv.Options.Endpoint, Bucket: srv.Options.Bucket, Region: srv.Options.Region,
		Prefix: "blobs/", AccessKey: srv.Options.AccessKey, SecretKeyFile: secretFile, PathStyle: true, TLS: false, PartSizeMB: 5}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	a, err := app.New(ctx, &cfg, testdb.Store(t), app.Options{Box: testBox(t), Now: time.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)
	if _, ok := a.Casework.Blobs.(*files.S3); !ok {
		t.Fatalf("casework blobs = %T, want *files.S3", a.Casework.Blobs)
	}
	if _, ok := a.Publishing.Blobs.(*files.S3); !ok {
		t.Fatalf("publishing blobs = %T, want *files.S3", a.Publishing.Blobs)
	}
	st, err := a.Casework.Blobs.Put(ctx, strings.NewReader("surat"), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if keys := srv.Keys(t); len(keys) != 1 || keys[0] != "blobs/"+st.SHA256 {
		t.Errorf("bucket = %v, want the one blob", keys)
	}

	cfg.Files.S3.Bucket = "tidak-ada"
	if _, err := app.New(ctx, &cfg, testdb.Store(t), app.Options{Box: testBox(t)}); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("missing bucket: %v", err)
	}
}
