// Package s3test starts a real S3 server for tests: gofakes3 (in memory) behind an HTTP server on
// the loopback, spoken to over HTTP by the same minio-go client production uses — no mock client.
package s3test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/terbuka-id/terbuka/internal/files"
)

// Server is a running S3 server with one bucket.
type Server struct {
	Options files.S3Options
	Client  *minio.Client
	URL     string
}

// Start serves a fresh in-memory S3 with bucket "terbuka" on 127.0.0.1 until the test ends.
func Start(t testing.TB) *Server { return StartWith(t, nil) }

// StartWith is Start with the server's handler wrapped by wrap (a test's fault on the wire).
func StartWith(t testing.TB, wrap func(http.Handler) http.Handler) *Server {
	t.Helper()
	faker := gofakes3.New(s3mem.New(), gofakes3.WithAutoBucket(false))
	var handler http.Handler = faker.Server()
	if wrap != nil {
		handler = wrap(handler)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("s3test: listen: %v", err)
	}
	ts := httptest.NewUnstartedServer(handler)
	ts.Listener.Close()
	ts.Listener = ln
	ts.Start()
	t.Cleanup(ts.Close)
	opts := files.S3Options{Endpoint: strings.TrimPrefix(ts.URL, "http://"), Bucket: "terbuka", Region: "us-east-1",
		Prefix: "blobs/", AccessKey: "test-access", SecretKey: "test-secret", PathStyle: true, PartSize: files.MinPartSize}
	c, err := minio.New(opts.Endpoint, &minio.Options{Creds: credentials.NewStaticV4(opts.AccessKey, opts.SecretKey, ""),
		Region: opts.Region, BucketLookup: minio.BucketLookupPath})
	if err != nil {
		t.Fatalf("s3test: client: %v", err)
	}
	if err := c.MakeBucket(context.Background(), opts.Bucket, minio.MakeBucketOptions{Region: opts.Region}); err != nil {
		t.Fatalf("s3test: make bucket: %v", err)
	}
	return &Server{Options: opts, Client: c, URL: ts.URL}
}

// Store opens a files.S3 on the server.
func (s *Server) Store(t testing.TB) *files.S3 {
	t.Helper()
	st, err := files.NewS3(context.Background(), s.Options)
	if err != nil {
		t.Fatalf("s3test: NewS3: %v", err)
	}
	return st
}

// Keys lists every object in the bucket and every unfinished multipart upload ("upload:" + key).
func (s *Server) Keys(t testing.TB) []string {
	t.Helper()
	ctx := context.Background()
	var keys []string
	for obj := range s.Client.ListObjects(ctx, s.Options.Bucket, minio.ListObjectsOptions{Recursive: true}) {
		if obj.Err != nil {
			t.Fatalf("s3test: list: %v", obj.Err)
		}
		keys = append(keys, obj.Key)
	}
	core := minio.Core{Client: s.Client}
	res, err := core.ListMultipartUploads(ctx, s.Options.Bucket, "", "", "", "", 1000)
	// gofakes3 answers NoSuchUpload for a bucket that never had an upload: none unfinished.
	if err != nil && minio.ToErrorResponse(err).Code != "NoSuchUpload" {
		t.Fatalf("s3test: list uploads: %v", err)
	}
	for _, u := range res.Uploads {
		keys = append(keys, "upload:"+u.Key)
	}
	return keys
}
