package app

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/terbuka-id/terbuka/internal/config"
	"github.com/terbuka-id/terbuka/internal/files"
)

// OpenBlobs builds the blob store files.backend names.
func OpenBlobs(ctx context.Context, cfg *config.Config) (files.Blobs, error) {
	if cfg.Files.Backend == "s3" {
		return OpenS3(ctx, cfg)
	}
	return files.NewDisk(cfg.Files.Dir)
}

// OpenS3 connects to the bucket of files.s3, reading the credentials from their files when set.
func OpenS3(ctx context.Context, cfg *config.Config) (*files.S3, error) {
	c := cfg.Files.S3
	access, err := secretSetting("files.s3.access_key_file", c.AccessKey, c.AccessKeyFile)
	if err != nil {
		return nil, err
	}
	secretKey, err := secretSetting("files.s3.secret_key_file", c.SecretKey, c.SecretKeyFile)
	if err != nil {
		return nil, err
	}
	return files.NewS3(ctx, files.S3Options{Endpoint: c.Endpoint, Bucket: c.Bucket, Region: c.Region, Prefix: c.Prefix,
		AccessKey: access, SecretKey: secretKey, PathStyle: c.PathStyle, TLS: c.TLS, PartSize: int64(c.PartSizeMB) << 20})
}

// secretSetting is value, or the first line of file when file is set.
func secretSetting(name, value, file string) (string, error) {
	if file == "" {
		return value, nil
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	return strings.TrimSpace(string(raw)), nil // without the trailing newline editors add
}
