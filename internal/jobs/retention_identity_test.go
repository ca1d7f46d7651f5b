package jobs_test

import (
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/jobs"
	"github.com/terbuka-id/terbuka/internal/request"
)

// The requester's own identity upload (sealed in identity_documents) goes with the rest of the
// personal data once the retention period has passed (UU 27/2022), and is counted in the note.
func TestRetentionDeletesSealedIdentityDocuments(t *testing.T) {
	f := newRetentionFixture(t)
	wib := time.FixedZone("WIB", 7*3600)
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, wib)
	longAgo := time.Date(2024, 8, 5, 10, 0, 0, 0, wib)
	scan := append([]byte("\x89PNG\r\n\x1a\n"), []byte("KTP Siti Aminah 3273014507900003")...)

	submit := func(received time.Time) int64 {
		t.Helper()
		sub := request.Submission{RequesterKind: "perorangan", Name: "Siti Aminah", NIK: "3273 0145 0790 0003",
			Address: "Jl. Cihampelas 12", Phone: "0812 2233 4455", Occupation: "Guru", Information: "Salinan RKA Dinas Pendidikan",
			Purpose: "Riset", ObtainMethod: "softcopy", DeliveryMethod: "ambil_langsung",
			Identity: &request.IdentityFile{Kind: "ktp", Content: scan}}
		f.clock = received
		receipt, errs, err := f.intake.Submit(f.ctx, sub, intake.Origin{Channel: "web"})
		if err != nil {
			t.Fatal(err, errs)
		}
		return receipt.RequestID
	}
	old := submit(longAgo)
	f.close(old, now.AddDate(0, 0, -800))
	recent := submit(time.Date(2026, 11, 20, 10, 0, 0, 0, wib))
	if n := f.count(`SELECT count(*) FROM identity_documents`); n != 2 {
		t.Fatalf("%d identity documents stored, want 2", n)
	}

	job := jobs.Retention{Store: f.store, Blobs: f.blobs, After: retentionPeriod}
	if _, err := job.Run(f.ctx, now); err != nil {
		t.Fatal(err)
	}
	if n := f.count(`SELECT count(*) FROM identity_documents WHERE request_id = $1`, old); n != 0 {
		t.Errorf("the expired case keeps %d identity documents", n)
	}
	if n := f.count(`SELECT count(*) FROM identity_documents WHERE request_id = $1`, recent); n != 1 {
		t.Errorf("the open case lost its identity document")
	}
	var note string
	if err := f.store.DB().Get(&note, `SELECT note FROM request_events WHERE request_id = $1 AND kind = 'anonymised'`, old); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(note, "1 pindaian identitas dihapus") {
		t.Errorf("retention note %q does not count the sealed scan", note)
	}
}
