package jobs_test

import (
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/jobs"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
)

// Retention clears the requester's data from the mail about the case, keeping what the outbox
// needs to show (kind, dates, status); the letters stay in the archive, out of the requester's reach.
func TestRetentionPurgesMailAndClosesTheRequesterPath(t *testing.T) {
	f := newRetentionFixture(t)
	wib := time.FixedZone("WIB", 7*3600)
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, wib)
	f.clock = time.Date(2024, 8, 5, 10, 0, 0, 0, wib)
	receipt, errs, err := f.intake.Submit(f.ctx, request.Submission{RequesterKind: "perorangan", Name: "Siti Aminah",
		Address: "Jl. Cihampelas 12", Phone: "0812 2233 4455", Email: "siti@contoh.id", Occupation: "Guru", NIK: "3273 0145 0790 0003",
		Information: "Salinan RKA Dinas Pendidikan", Purpose: "Riset", ObtainMethod: "softcopy", DeliveryMethod: "email"},
		intake.Origin{Channel: "web"})
	if err != nil {
		t.Fatal(err, errs)
	}
	id := receipt.RequestID
	letter := f.attach(id, "letter", "Surat pemberitahuan tertulis kepada Siti Aminah, Jl. Cihampelas 12")
	f.close(id, now.AddDate(0, 0, -800))
	// The receipt was sent; a later notice was parked; one more is still queued.
	f.exec(`UPDATE outbox SET status = 'sent', sent_at = created_at WHERE request_id = $1`, id)
	f.exec(`INSERT INTO outbox (template, recipient, data, request_id, status, last_error)
		VALUES ('request_decided', 'siti@contoh.id', '{"name": "Siti Aminah"}', $1, 'failed', '550 siti@contoh.id tidak ada')`, id)
	f.exec(`INSERT INTO outbox (template, recipient, data, request_id) VALUES ('request_delivered', 'siti@contoh.id', '{"name": "Siti Aminah"}', $1)`, id)
	if _, err := f.intake.Track(f.ctx, receipt.RegistrationNumber, receipt.TrackingCode); err != nil {
		t.Fatalf("tracking before retention: %v", err)
	}

	if _, err := (jobs.Retention{Store: f.store, Blobs: f.blobs, After: retentionPeriod}).Run(f.ctx, now); err != nil {
		t.Fatal(err)
	}
	type mailRow struct {
		Template  string         `db:"template"`
		Recipient string         `db:"recipient"`
		Data      string         `db:"data"`
		Status    string         `db:"status"`
		Created   time.Time      `db:"created_at"`
		SentAt    sql.NullTime   `db:"sent_at"`
		LastError sql.NullString `db:"last_error"`
		Purged    sql.NullTime   `db:"purged_at"`
	}
	var rows []mailRow
	if err := f.store.DB().Select(&rows, `SELECT template, recipient, data::text, status, created_at, sent_at, last_error, purged_at
		FROM outbox WHERE request_id = $1 ORDER BY id`, id); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d mails", len(rows))
	}
	for _, r := range rows[:2] {
		if r.Recipient != "" || r.Data != "{}" || r.LastError.Valid || !r.Purged.Valid || r.Template == "" || r.Created.IsZero() {
			t.Errorf("a mail that left the queue keeps personal data: %+v", r)
		}
	}
	if rows[0].Status != "sent" || !rows[0].SentAt.Valid || rows[1].Status != "failed" {
		t.Errorf("status or dates lost: %+v", rows[:2])
	}
	if r := rows[2]; r.Purged.Valid || r.Recipient != "siti@contoh.id" {
		t.Errorf("a queued mail was purged before it could go: %+v", r)
	}
	// The letter stays in the archive, for officers.
	if !f.blobExists(letter) {
		t.Error("the letter's file was deleted")
	}
	if n := f.count(`SELECT count(*) FROM documents WHERE request_id = $1 AND kind = 'letter'`, id); n != 1 {
		t.Errorf("%d letters left, want 1", n)
	}
	// The requester's way in (number + tracking code) is closed.
	if _, err := f.intake.Track(f.ctx, receipt.RegistrationNumber, receipt.TrackingCode); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("tracking an anonymised request: %v, want not found", err)
	}
	// A second run purges what has left the queue since.
	f.exec(`UPDATE outbox SET status = 'sent', sent_at = now() WHERE request_id = $1 AND purged_at IS NULL`, id)
	if _, err := (jobs.Retention{Store: f.store, Blobs: f.blobs, After: retentionPeriod}).Run(f.ctx, now.Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if n := f.count(`SELECT count(*) FROM outbox WHERE request_id = $1 AND purged_at IS NULL`, id); n != 0 {
		t.Errorf("%d mails not purged after they were sent", n)
	}
}
