package jobs

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/store"
)

// Retention ends the personal data of closed requests once the retention period has passed
// (UU 27/2022): identity scans are deleted and the requester's identity and contact details
// cleared. The request text, dates, decisions and history stay, because UU 14/2008 requires the
// register and its statistics to stay whole.
type Retention struct {
	Store *store.Store
	Blobs files.Blobs
	After time.Duration // config jobs.retention_days
	// ThrottleWindow is the longest throttle window: older throttle events are deleted each run.
	ThrottleWindow time.Duration
}

// retentionBatch is how many requests one transaction anonymises.
const retentionBatch = 200

// AnonymisedName replaces the requester's name on an anonymised request.
const AnonymisedName = "Pemohon (dianonimkan)"

// retentionActor is the name the history row gives the job.
const retentionActor = "Sistem (retensi data)"

// Run anonymises, batch by batch, every request closed more than After before now and not yet
// anonymised, except those under an open objection or dispute, then clears the content of the
// mail about anonymised requests that has left the queue. Handled counts the requests. Letters
// stay: they are the office's archive, and only officers reach them once the requester's
// tracking is closed.
func (r Retention) Run(ctx context.Context, now time.Time) (Result, error) {
	// A zero period would wipe cases the day they close, before any objection could be filed.
	if r.After <= 0 {
		return Result{}, errors.New("jobs: retention period must be positive")
	}
	if r.Blobs == nil {
		return Result{}, errors.New("jobs: retention needs the file store")
	}
	// The throttle's and the login audit's old rows go here, not on every write, so a busy
	// intake pays nothing for them; once a day keeps the tables at about a window's worth.
	if r.ThrottleWindow > 0 {
		if _, err := r.Store.Throttle().Purge(ctx, now.Add(-r.ThrottleWindow)); err != nil {
			return Result{}, err
		}
	}
	if _, err := r.Store.PurgeLoginAttempts(ctx, now.Add(-r.After)); err != nil {
		return Result{}, err
	}
	days := int(math.Round(r.After.Hours() / 24))
	a := store.Anonymisation{ClosedBefore: now.Add(-r.After), At: now, Limit: retentionBatch,
		Name: AnonymisedName, ActorLabel: retentionActor,
		Note: func(c store.RetentionCandidate) string { return retentionNote(c, days) }}
	var res Result
	for {
		b, err := r.Store.AnonymiseBatch(ctx, a)
		if err != nil {
			return res, err
		}
		res.Handled += len(b.Requests)
		Progress(ctx, res)
		// A blob store that refuses would leave scans behind with nothing pointing at them any
		// more: stop rather than orphan more of them.
		if err := r.deleteBlobs(ctx, b.Blobs); err != nil {
			return res, err
		}
		if b.Selected < retentionBatch || len(b.Requests) == 0 {
			break
		}
	}
	// The outbox kept the requester's name, address and e-mail in every mail about the case.
	if _, err := r.Store.PurgeAnonymisedMail(ctx, now); err != nil {
		return res, err
	}
	return res, nil
}

// deleteBlobs removes the scans' files that no document row references any more. It runs
// after the batch committed: a failed commit must not lose a file a row still points at.
func (r Retention) deleteBlobs(ctx context.Context, shas []string) error {
	free, err := r.Store.UnreferencedBlobs(ctx, shas)
	if err != nil {
		return err
	}
	var left []string
	var errs []error
	for _, sha := range free {
		if err := r.Blobs.Delete(ctx, sha); err != nil {
			left, errs = append(left, sha), append(errs, err)
		}
	}
	if len(left) > 0 {
		// The rows are gone, so nothing would find these files again: name them in the run record.
		return fmt.Errorf("jobs: retention left %d personal file(s) (identity scans, clarification answers) in the file store, delete them by hand: %s: %w",
			len(left), strings.Join(left, ", "), errors.Join(errs...))
	}
	return nil
}

// retentionNote says, on the case's internal history, what was removed and why.
func retentionNote(c store.RetentionCandidate, days int) string {
	id := "NIK"
	if c.RequesterKind == "badan_hukum" {
		id = "nomor SK badan hukum"
	}
	scans := "tidak ada pindaian identitas"
	if c.IdentityScans > 0 {
		scans = fmt.Sprintf("%d pindaian identitas dihapus", c.IdentityScans)
	}
	if c.AnswerFiles > 0 {
		scans += fmt.Sprintf(", %d berkas jawaban klarifikasi dihapus", c.AnswerFiles)
	}
	return fmt.Sprintf("Data pribadi pemohon dianonimkan (nama, %s, alamat, telepon, e-mail, pekerjaan); %s (masa retensi %d hari).",
		id, scans, days)
}
