package jobs_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/numbering"
	"github.com/terbuka-id/terbuka/internal/officecalendar"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

// retentionFixture is a fresh database with the intake service and a blob store on disk.
type retentionFixture struct {
	t      *testing.T
	ctx    context.Context
	store  *store.Store
	blobs  *files.Disk
	intake *intake.Service
	clock  time.Time // what intake takes as now
}

func newRetentionFixture(t *testing.T) *retentionFixture {
	t.Helper()
	f := &retentionFixture{t: t, ctx: context.Background(), store: testdb.Store(t)}
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		t.Fatal(err)
	}
	cal, err := officecalendar.Load(f.ctx, f.store, calendar.Options{Location: loc, CutiBersamaIsHoliday: true})
	if err != nil {
		t.Fatal(err)
	}
	box, _ := secret.NewBox(bytes.Repeat([]byte{7}, 32))
	format, _ := numbering.Parse(numbering.DefaultPattern)
	f.intake = &intake.Service{Store: f.store, Calendar: cal.Current, Box: box, Format: format,
		Now: func() time.Time { return f.clock }, OfficeName: "PPID Uji", BaseURL: "http://uji.test"}
	if f.blobs, err = files.NewDisk(t.TempDir()); err != nil {
		t.Fatal(err)
	}
	return f
}

// submit registers a request received at the given time, as an individual or a legal entity.
func (f *retentionFixture) submit(received time.Time, kind string) int64 {
	f.t.Helper()
	sub := request.Submission{RequesterKind: kind, Name: "Siti Aminah", Address: "Jl. Cihampelas 12",
		Phone: "0812 2233 4455", Email: "siti@contoh.id", Occupation: "Guru", Information: "Salinan RKA Dinas Pendidikan",
		Purpose: "Riset", ObtainMethod: "softcopy", DeliveryMethod: "email"}
	if kind == "badan_hukum" {
		sub.Name, sub.EntitySKNumber = "Yayasan Contoh", "AHU-0012345.AH.01.04 Tahun 2020"
	} else {
		sub.NIK = "3273 0145 0790 0003"
	}
	f.clock = received
	receipt, errs, err := f.intake.Submit(f.ctx, sub, intake.Origin{Channel: "web"})
	if err != nil {
		f.t.Fatal(err, errs)
	}
	return receipt.RequestID
}

// close ends a request at closedAt, as the officers' "selesai" step leaves it.
func (f *retentionFixture) close(id int64, closedAt time.Time) {
	f.t.Helper()
	f.exec(`UPDATE requests SET status = 'selesai', closed_at = $2 WHERE id = $1`, id, closedAt)
}

// attach stores content in the blob store and records it on the request as a document of kind.
func (f *retentionFixture) attach(id int64, kind, content string) string {
	f.t.Helper()
	stored, err := f.blobs.Put(f.ctx, strings.NewReader(content), 1<<20)
	if err != nil {
		f.t.Fatal(err)
	}
	err = f.store.WithCase(f.ctx, access.Everything, id, func(tx *store.CaseTx, _ *store.Request) error {
		_, err := tx.AddDocument(f.ctx, store.Document{RequestID: id, SHA256: stored.SHA256, Size: stored.Size,
			ContentType: "text/plain", Filename: kind + ".txt", Kind: kind, Visibility: "internal"})
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return stored.SHA256
}

// blobExists reports whether the blob store still has sha.
func (f *retentionFixture) blobExists(sha string) bool {
	f.t.Helper()
	b, err := f.blobs.Open(f.ctx, sha)
	if errors.Is(err, files.ErrNotFound) {
		return false
	}
	if err != nil {
		f.t.Fatal(err)
	}
	b.Close()
	return true
}

func (f *retentionFixture) exec(query string, args ...any) {
	f.t.Helper()
	if _, err := f.store.DB().ExecContext(f.ctx, query, args...); err != nil {
		f.t.Fatal(err)
	}
}

func (f *retentionFixture) count(query string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.store.DB().GetContext(f.ctx, &n, query, args...); err != nil {
		f.t.Fatal(err)
	}
	return n
}

// retentionRow is the personal data of a request as stored.
type retentionRow struct {
	Name         string         `db:"requester_name"`
	NIKSealed    []byte         `db:"nik_sealed"`
	NIKLookup    []byte         `db:"nik_lookup"`
	EntitySK     sql.NullString `db:"entity_sk_number"`
	Address      string         `db:"address"`
	Phone        string         `db:"phone"`
	Email        string         `db:"email"`
	Occupation   string         `db:"occupation"`
	Information  string         `db:"information"`
	Status       string         `db:"status"`
	ReceivedAt   time.Time      `db:"received_at"`
	ResponseDue  calendar.Date  `db:"response_due"`
	ClosedAt     sql.NullTime   `db:"closed_at"`
	AnonymisedAt sql.NullTime   `db:"anonymised_at"`
}

func (f *retentionFixture) row(id int64) retentionRow {
	f.t.Helper()
	var r retentionRow
	err := f.store.DB().GetContext(f.ctx, &r, `SELECT requester_name, nik_sealed, nik_lookup, entity_sk_number, address,
		phone, email, occupation, information, status, received_at, response_due, closed_at, anonymised_at
		FROM requests WHERE id = $1`, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return r
}

// untouched reports whether the request still holds all its personal data.
func (r retentionRow) untouched() bool {
	return !r.AnonymisedAt.Valid && r.Name != "Pemohon (dianonimkan)" && r.Address != "" && r.Phone != "" &&
		r.Email != "" && r.Occupation != "" && (len(r.NIKSealed) > 0 && len(r.NIKLookup) > 0 || r.EntitySK.Valid)
}
