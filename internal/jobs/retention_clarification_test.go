package jobs_test

import (
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/jobs"
)

// A file the requester sent with a clarification answer is personal data like an identity scan:
// retention deletes it (row and blob) with the rest, keeps the answer's text, and says so in the
// history (UU 27/2022 Pasal 16(2) huruf e: kept only while its purpose lasts).
func TestRetentionDeletesClarificationAnswerFiles(t *testing.T) {
	f := newRetentionFixture(t)
	wib := time.FixedZone("WIB", 7*3600)
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, wib)
	asked := time.Date(2024, 8, 6, 10, 0, 0, 0, wib)
	id := f.submit(time.Date(2024, 8, 5, 10, 0, 0, 0, wib), "perorangan")
	file := f.attach(id, "clarification", "Surat keterangan domisili Siti Aminah")
	f.exec(`INSERT INTO clarifications (request_id, question, asked_at, asked_by_label, answer, answered_at, answer_document_id)
		VALUES ($1, 'Dokumen tahun berapa?', $2, 'Petugas', 'Tahun 2023, terlampir.', $2,
			(SELECT id FROM documents WHERE request_id = $1 AND kind = 'clarification'))`, id, asked)
	f.close(id, now.AddDate(0, 0, -800))

	res, err := jobs.Retention{Store: f.store, Blobs: f.blobs, After: retentionPeriod}.Run(f.ctx, now)
	if err != nil || res.Handled != 1 {
		t.Fatalf("run: %+v %v", res, err)
	}
	if n := f.count(`SELECT count(*) FROM documents WHERE request_id = $1 AND kind = 'clarification'`, id); n != 0 {
		t.Errorf("%d clarification files left on the anonymised request", n)
	}
	if f.blobExists(file) {
		t.Error("the answer's file is still in the file store")
	}
	if n := f.count(`SELECT count(*) FROM clarifications WHERE request_id = $1 AND answer = 'Tahun 2023, terlampir.' AND answer_document_id IS NULL`, id); n != 1 {
		t.Error("the clarification's answer text was not kept without its file")
	}
	events, err := f.store.Events(f.ctx, id, false)
	if err != nil {
		t.Fatal(err)
	}
	if note := events[len(events)-1].Note; !strings.Contains(note, "1 berkas jawaban klarifikasi dihapus") {
		t.Errorf("history note %q does not name the deleted answer file", note)
	}
}
