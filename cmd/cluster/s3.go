package main

import (
	"net"
	"net/http"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// s3Server is the cluster's object storage: gofakes3, in memory, on the loopback — an
// S3-compatible service every instance and worker reaches over HTTP, as they would MinIO or AWS.
type s3Server struct {
	endpoint string // host:port
	srv      *http.Server
}

const s3Bucket = "terbuka"

func startS3() (*s3Server, error) {
	backend := s3mem.New()
	if err := backend.CreateBucket(s3Bucket); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &s3Server{endpoint: ln.Addr().String(),
		srv: &http.Server{Handler: gofakes3.New(backend).Server(), ReadHeaderTimeout: 10 * time.Second}}
	go s.srv.Serve(ln)
	return s, nil
}

func (s *s3Server) Close() { s.srv.Close() }

// env points a terbuka process at the bucket.
func (s *s3Server) env() []string {
	return []string{"TERBUKA_FILES_BACKEND=s3", "TERBUKA_FILES_S3_ENDPOINT=" + s.endpoint,
		"TERBUKA_FILES_S3_BUCKET=" + s3Bucket, "TERBUKA_FILES_S3_ACCESS_KEY=cluster", "TERBUKA_FILES_S3_SECRET_KEY=cluster-secret",
		"TERBUKA_FILES_S3_PATH_STYLE=true", "TERBUKA_FILES_S3_TLS=false"}
}
