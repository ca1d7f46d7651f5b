package jobs

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/store"
)

// BlobSweep removes stored files that no row references: an upload whose transaction never
// committed (a crash, a rejected form after the file was stored) leaves its blob behind, and an
// identity scan there is personal data nobody can find to delete (UU 27/2022 Pasal 16(2)).
type BlobSweep struct {
	Store *store.Store
	Blobs files.Blobs
	// MinAge spares blobs younger than this, whose row may still be about to commit; 0 means DefaultBlobSweepAge.
	MinAge time.Duration
}

// DefaultBlobSweepAge is a day: no upload's transaction stays open that long.
const DefaultBlobSweepAge = 24 * time.Hour

// blobSweepBatch is how many candidates one reference check takes.
const blobSweepBatch = 500

// Run lists the file store and deletes every blob older than MinAge that no row references;
// Handled counts the blobs deleted.
func (b BlobSweep) Run(ctx context.Context, now time.Time) (Result, error) {
	if b.Blobs == nil {
		return Result{}, errors.New("jobs: blob sweep needs the file store")
	}
	minAge := b.MinAge
	if minAge <= 0 {
		minAge = DefaultBlobSweepAge
	}
	// Measured against the file store's clock (modification times are real time), not the run's moment.
	cutoff := time.Now().Add(-minAge)
	if now.Before(time.Now()) {
		cutoff = now.Add(-minAge)
	}
	var res Result
	var old []string
	var left []string
	var errs []error
	sweep := func() error {
		free, err := b.Store.UnreferencedBlobs(ctx, old)
		old = old[:0]
		if err != nil {
			return err
		}
		for _, sha := range free {
			if err := b.Blobs.Delete(ctx, sha); err != nil {
				left, errs = append(left, sha), append(errs, err)
				continue
			}
			res.Handled++
		}
		Progress(ctx, res)
		return nil
	}
	err := b.Blobs.List(ctx, func(bi files.BlobInfo) error {
		if !bi.ModTime.Before(cutoff) {
			return nil
		}
		old = append(old, bi.SHA256)
		if len(old) < blobSweepBatch {
			return nil
		}
		return sweep()
	})
	if err == nil && len(old) > 0 {
		err = sweep()
	}
	if err != nil {
		return res, err
	}
	if len(left) > 0 {
		return res, fmt.Errorf("jobs: blob sweep could not delete %d file(s): %s: %w", len(left), strings.Join(left, ", "), errors.Join(errs...))
	}
	return res, nil
}
