package config

import (
	"strings"
	"testing"
)

func TestFilesS3FromEnvironment(t *testing.T) {
	cfg, err := Load(write(t, "files:\n  backend: s3\n  s3:\n    endpoint: \"s3.local:9000\"\n"), []string{
		"TERBUKA_FILES_S3_BUCKET=dokumen",
		"TERBUKA_FILES_S3_ACCESS_KEY=ak",
		"TERBUKA_FILES_S3_SECRET_KEY_FILE=/run/secrets/s3",
		"TERBUKA_FILES_S3_PATH_STYLE=true",
		"TERBUKA_FILES_S3_TLS=false",
		"TERBUKA_FILES_S3_PART_SIZE_MB=16",
		"TERBUKA_METRICS_TOKEN=0123456789abcdef0123",
	})
	if err != nil {
		t.Fatal(err)
	}
	s3 := cfg.Files.S3
	if cfg.Files.Backend != "s3" || s3.Endpoint != "s3.local:9000" || s3.Bucket != "dokumen" || s3.AccessKey != "ak" ||
		s3.SecretKeyFile != "/run/secrets/s3" || !s3.PathStyle || s3.TLS || s3.PartSizeMB != 16 || s3.Prefix != "blobs/" {
		t.Errorf("files = %+v", cfg.Files)
	}
	if cfg.Metrics.Token != "0123456789abcdef0123" {
		t.Errorf("metrics = %+v", cfg.Metrics)
	}
	if _, err := Load(write(t, "log:\n  level: info\n"), []string{"TERBUKA_FILES_S3_TLS=maybe"}); err == nil || !strings.Contains(err.Error(), "TERBUKA_FILES_S3_TLS") {
		t.Errorf("bad nested variable: %v", err)
	}
}

func TestFilesBackendAndMetricsValidated(t *testing.T) {
	for _, tc := range []struct {
		yaml, want string
	}{
		{"files:\n  backend: nfs\n", "files.backend"},
		{"files:\n  backend: s3\n", "files.s3.endpoint"},
		{"files:\n  backend: s3\n  s3:\n    endpoint: \"https://s3.local\"\n", "without a scheme"},
		{"files:\n  backend: s3\n", "files.s3.bucket"},
		{"files:\n  backend: s3\n", "access_key (or access_key_file)"},
		{"files:\n  backend: s3\n  s3:\n    access_key: a\n    access_key_file: f\n", "not both"},
		{"files:\n  backend: s3\n  s3:\n    part_size_mb: 1\n", "part_size_mb"},
		{"metrics:\n  token: short\n", "metrics.token"},
		{"metrics:\n  addr: \"localhost:8080\"\n", "metrics.addr"},
	} {
		_, err := Load(write(t, tc.yaml), nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want it to mention %q", tc.yaml, err, tc.want)
		}
	}
	if _, err := Load(write(t, "files:\n  backend: s3\n  s3:\n    endpoint: \"127.0.0.1:9000\"\n    bucket: b\n    access_key_file: /a\n    secret_key: s\n"), nil); err != nil {
		t.Errorf("valid s3 settings refused: %v", err)
	}
}
