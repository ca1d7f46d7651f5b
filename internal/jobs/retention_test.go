package jobs_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/jobs"
)

var _ jobs.Job = jobs.Retention{}

const retentionPeriod = 730 * 24 * time.Hour

func TestRetentionAnonymisesOnlyCasesPastTheirPeriod(t *testing.T) {
	f := newRetentionFixture(t)
	wib := time.FixedZone("WIB", 7*3600)
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, wib)
	longAgo := time.Date(2024, 8, 5, 10, 0, 0, 0, wib)
	closedLongAgo := now.AddDate(0, 0, -800)

	old := f.submit(longAgo, "perorangan")
	oldScan := f.attach(old, "identity", "KTP Siti Aminah")
	oldResponse := f.attach(old, "response", "Rekap anggaran 2024")
	f.close(old, closedLongAgo)

	// A legal entity's scan whose bytes another case's document also holds.
	entity := f.submit(longAgo, "badan_hukum")
	shared := f.attach(entity, "identity", "Akta pendirian Yayasan Contoh")
	f.close(entity, closedLongAgo)

	recent := f.submit(time.Date(2026, 10, 1, 10, 0, 0, 0, wib), "perorangan")
	recentScan := f.attach(recent, "identity", "KTP pemohon baru")
	f.close(recent, now.AddDate(0, 0, -10))

	open := f.submit(time.Date(2026, 11, 20, 10, 0, 0, 0, wib), "perorangan")
	openScan := f.attach(open, "identity", "KTP pemohon terbuka")
	if f.attach(open, "other", "Akta pendirian Yayasan Contoh") != shared {
		t.Fatal("same content, different blob")
	}

	// Closed long ago but still contested: an objection awaiting the atasan's answer, and a
	// dispute at the Komisi Informasi without a ruling.
	objected := f.submit(longAgo, "perorangan")
	f.attach(objected, "identity", "KTP pemohon keberatan")
	f.close(objected, closedLongAgo)
	f.exec(`INSERT INTO objections (request_id, number, grounds, reasons, channel, received_at, counting_from, response_due)
		VALUES ($1, 'KEB/0001/IX/2024', '{a}', 'Ditolak tanpa uji konsekuensi.', 'web', $2, '2024-09-19', '2024-10-31')`, objected, closedLongAgo)
	disputed := f.submit(longAgo, "perorangan")
	f.close(disputed, closedLongAgo)
	f.exec(`INSERT INTO disputes (request_id, ki_number, ki_received, ki_start_due, ki_finish_due)
		VALUES ($1, '001/IX/KI-Jabar-PS/2024', '2024-09-20', '2024-10-10', '2025-02-14')`, disputed)

	// Contested once, settled long ago: the objection was answered and the KI ruled.
	ruled := f.submit(longAgo, "perorangan")
	f.close(ruled, closedLongAgo)
	f.exec(`INSERT INTO objections (request_id, number, grounds, reasons, channel, received_at, counting_from, response_due,
			status, answer, answered_at)
		VALUES ($1, 'KEB/0002/IX/2024', '{a}', 'Keberatan.', 'web', $2, '2024-09-19', '2024-10-31', 'dikuatkan', 'Dikuatkan.', $2)`,
		ruled, closedLongAgo)
	f.exec(`INSERT INTO disputes (request_id, ki_number, ki_received, ki_start_due, ki_finish_due, ruling_date, ruling)
		VALUES ($1, '002/IX/KI-Jabar-PS/2024', '2024-09-20', '2024-10-10', '2025-02-14', '2024-12-02', 'Ditolak.')`, ruled)

	before := map[int64]retentionRow{}
	for _, id := range []int64{old, entity, ruled} {
		before[id] = f.row(id)
	}

	job := jobs.Retention{Store: f.store, Blobs: f.blobs, After: retentionPeriod}
	res, err := job.Run(f.ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	if res.Handled != 3 {
		t.Errorf("handled %d, want 3 (old, entity, ruled)", res.Handled)
	}

	for _, id := range []int64{old, entity, ruled} {
		r, was := f.row(id), before[id]
		if r.Name != "Pemohon (dianonimkan)" || r.NIKSealed != nil || r.NIKLookup != nil || r.EntitySK.Valid ||
			r.Address != "" || r.Phone != "" || r.Email != "" || r.Occupation != "" || !r.AnonymisedAt.Valid || !r.AnonymisedAt.Time.Equal(now) {
			t.Errorf("request %d not anonymised: %+v", id, r)
		}
		// The register keeps the request itself: what was asked, when, and how it ended.
		if r.Information != was.Information || r.Status != "selesai" || !r.ReceivedAt.Equal(was.ReceivedAt) ||
			r.ResponseDue != was.ResponseDue || !r.ClosedAt.Time.Equal(was.ClosedAt.Time) {
			t.Errorf("request %d lost register data: %+v, was %+v", id, r, was)
		}
	}
	if n := f.count(`SELECT count(*) FROM documents WHERE request_id = ANY($1) AND kind = 'identity'`, pq.Int64Array{old, entity}); n != 0 {
		t.Errorf("%d identity documents left on anonymised requests", n)
	}
	if n := f.count(`SELECT count(*) FROM documents WHERE request_id = $1 AND kind = 'response'`, old); n != 1 {
		t.Errorf("the released response was deleted (%d left)", n)
	}
	if f.blobExists(oldScan) {
		t.Error("identity scan still in the file store")
	}
	if !f.blobExists(shared) {
		t.Error("a blob another document still references was deleted")
	}
	if !f.blobExists(oldResponse) || !f.blobExists(recentScan) || !f.blobExists(openScan) {
		t.Error("a blob that was not due was deleted")
	}

	notes := map[int64]string{
		old:    "Data pribadi pemohon dianonimkan (nama, NIK, alamat, telepon, e-mail, pekerjaan); 1 pindaian identitas dihapus (masa retensi 730 hari).",
		entity: "Data pribadi pemohon dianonimkan (nama, nomor SK badan hukum, alamat, telepon, e-mail, pekerjaan); 1 pindaian identitas dihapus (masa retensi 730 hari).",
		ruled:  "Data pribadi pemohon dianonimkan (nama, NIK, alamat, telepon, e-mail, pekerjaan); tidak ada pindaian identitas (masa retensi 730 hari).",
	}
	for id, want := range notes {
		events, err := f.store.Events(f.ctx, id, false)
		if err != nil {
			t.Fatal(err)
		}
		last := events[len(events)-1]
		if len(events) < 2 || events[0].Kind != "received" || last.Kind != "anonymised" || last.Note != want || last.Public || !last.At.Equal(now) {
			t.Errorf("request %d history: %+v", id, events)
		}
	}

	for name, id := range map[string]int64{"closed 10 days ago": recent, "open": open, "under objection": objected, "under dispute": disputed} {
		if r := f.row(id); !r.untouched() {
			t.Errorf("%s case anonymised: %+v", name, r)
		}
		if n := f.count(`SELECT count(*) FROM request_events WHERE request_id = $1 AND kind = 'anonymised'`, id); n != 0 {
			t.Errorf("%s case has an anonymised event", name)
		}
	}
	if n := f.count(`SELECT count(*) FROM documents WHERE request_id = ANY($1) AND kind = 'identity'`, pq.Int64Array{recent, open, objected}); n != 3 {
		t.Errorf("%d identity documents left on cases not due, want 3", n)
	}

	// The identity CHECK accepts the anonymised row (re-validated on any update) and still
	// refuses a missing NIK on a request that was not anonymised.
	f.exec(`UPDATE requests SET version = version + 1 WHERE id = ANY($1)`, pq.Int64Array{old, entity})
	if _, err := f.store.DB().ExecContext(f.ctx, `UPDATE requests SET nik_sealed = NULL WHERE id = $1`, recent); !isCheckViolation(err) {
		t.Errorf("NULL NIK on a live request: %v, want a check violation", err)
	}

	// A second run, even later, finds nothing: no new events, no new timestamps.
	res, err = job.Run(f.ctx, now.Add(time.Hour))
	if err != nil || res.Handled != 0 {
		t.Errorf("second run: %+v %v", res, err)
	}
	if n := f.count(`SELECT count(*) FROM request_events WHERE kind = 'anonymised'`); n != 3 {
		t.Errorf("%d anonymised events after the second run, want 3", n)
	}
	if r := f.row(old); !r.AnonymisedAt.Time.Equal(now) {
		t.Errorf("anonymised_at moved to %v", r.AnonymisedAt.Time)
	}

	// Once the objection is answered, the case's time has come.
	f.exec(`UPDATE objections SET status = 'dikuatkan', answer = 'Dikuatkan.', answered_at = $2 WHERE request_id = $1`, objected, closedLongAgo)
	if res, err := job.Run(f.ctx, now.Add(2*time.Hour)); err != nil || res.Handled != 1 || f.row(objected).untouched() {
		t.Errorf("after the objection was answered: %+v %v", res, err)
	}
}

func isCheckViolation(err error) bool {
	var pqErr *pq.Error
	return errors.As(err, &pqErr) && pqErr.Code == "23514"
}

// More requests than one batch holds are all anonymised in one run, each batch its own
// transaction; a request an officer holds locked is left for the next run.
func TestRetentionWorksThroughBatches(t *testing.T) {
	f := newRetentionFixture(t)
	wib := time.FixedZone("WIB", 7*3600)
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, wib)
	first := f.submit(time.Date(2024, 8, 5, 10, 0, 0, 0, wib), "perorangan")
	f.exec(`
		INSERT INTO requests (reg_year, reg_seq, registration_number, tracking_code_hash, channel, requester_kind,
			requester_name, nik_sealed, nik_lookup, address, phone, email, occupation, information, purpose,
			obtain_method, delivery_method, publish_consent, received_at, counting_from, response_due, due_date)
		SELECT reg_year, reg_seq + g, registration_number || '-' || g, tracking_code_hash, channel, requester_kind,
			requester_name, nik_sealed, nik_lookup, address, phone, email, occupation, information, purpose,
			obtain_method, delivery_method, publish_consent, received_at, counting_from, response_due, due_date
		FROM requests, generate_series(1, 449) AS g WHERE id = $1`, first)
	f.exec(`UPDATE requests SET status = 'selesai', closed_at = $1`, now.AddDate(-2, -1, 0))

	// An officer's transaction holds one case.
	tx, err := f.store.DB().BeginTxx(f.ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(f.ctx, `SELECT 1 FROM requests WHERE id = $1 FOR UPDATE`, first); err != nil {
		t.Fatal(err)
	}

	job := jobs.Retention{Store: f.store, Blobs: f.blobs, After: retentionPeriod}
	res, err := job.Run(f.ctx, now)
	if err != nil || res.Handled != 449 {
		t.Fatalf("first run: %+v %v, want 449", res, err)
	}
	if n := f.count(`SELECT count(*) FROM request_events WHERE kind = 'anonymised'`); n != 449 {
		t.Errorf("%d events, want 449", n)
	}
	if !f.row(first).untouched() {
		t.Error("the locked request was anonymised")
	}
	tx.Rollback()
	if res, err := job.Run(f.ctx, now); err != nil || res.Handled != 1 {
		t.Errorf("after the lock: %+v %v, want 1", res, err)
	}
	if n := f.count(`SELECT count(*) FROM requests WHERE anonymised_at IS NULL`); n != 0 {
		t.Errorf("%d requests left", n)
	}
}

// failingDelete is a file store whose Delete refuses.
type failingDelete struct{ *files.Disk }

func (failingDelete) Delete(context.Context, string) error { return errors.New("disk read-only") }

// When the file store refuses, the run fails and names the scans now left without a row, so an
// operator can remove them; the database side stays done.
func TestRetentionNamesScansItCouldNotDelete(t *testing.T) {
	f := newRetentionFixture(t)
	wib := time.FixedZone("WIB", 7*3600)
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, wib)
	id := f.submit(time.Date(2024, 8, 5, 10, 0, 0, 0, wib), "perorangan")
	scan := f.attach(id, "identity", "KTP")
	f.close(id, now.AddDate(0, 0, -800))

	res, err := jobs.Retention{Store: f.store, Blobs: failingDelete{f.blobs}, After: retentionPeriod}.Run(f.ctx, now)
	if err == nil || !strings.Contains(err.Error(), scan) || res.Handled != 1 {
		t.Fatalf("run: %+v %v", res, err)
	}
	if !f.row(id).AnonymisedAt.Valid {
		t.Error("request not anonymised")
	}
	for _, bad := range []jobs.Retention{{Store: f.store, Blobs: f.blobs}, {Store: f.store, After: retentionPeriod}} {
		if _, err := bad.Run(f.ctx, now); err == nil {
			t.Errorf("%+v ran", bad)
		}
	}
}

var _ files.Blobs = failingDelete{}
