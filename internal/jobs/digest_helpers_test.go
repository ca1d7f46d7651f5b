package jobs_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/letters"
	"github.com/terbuka-id/terbuka/internal/numbering"
	"github.com/terbuka-id/terbuka/internal/officecalendar"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

// digestFixture is a fresh database with intake and casework on one adjustable clock.
type digestFixture struct {
	t        *testing.T
	ctx      context.Context
	store    *store.Store
	calendar *officecalendar.Source
	intake   *intake.Service
	casework *casework.Service
	loc      *time.Location
	clock    time.Time
}

func newDigestFixture(t *testing.T) *digestFixture {
	t.Helper()
	f := &digestFixture{t: t, ctx: context.Background(), store: testdb.Store(t)}
	var err error
	if f.loc, err = time.LoadLocation("Asia/Jakarta"); err != nil {
		t.Fatal(err)
	}
	if f.calendar, err = officecalendar.Load(f.ctx, f.store, calendar.Options{Location: f.loc, CutiBersamaIsHoliday: true}); err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return f.clock }
	box, _ := secret.NewBox(bytes.Repeat([]byte{5}, 32))
	format, _ := numbering.Parse(numbering.DefaultPattern)
	f.intake = &intake.Service{Store: f.store, Calendar: f.calendar.Current, Box: box, Format: format, Now: now,
		OfficeName: "PPID Uji", BaseURL: "http://uji.test"}
	blobs, err := files.NewDisk(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f.casework = &casework.Service{Store: f.store, Calendar: f.calendar.Current, Now: now, Office: func() letters.Office { return letters.Office{Name: "PPID Uji", City: "Bandung"} },
		OfficeName: "PPID Uji", BaseURL: "http://uji.test", Blobs: blobs, MaxUpload: 1 << 20}
	return f
}

// at is a local time in the office's zone.
func (f *digestFixture) at(month time.Month, day, hour int) time.Time {
	return time.Date(2026, month, day, hour, 0, 0, 0, f.loc)
}

// user creates an account and returns it as the store reads it.
func (f *digestFixture) user(email, role string, unitID int64) *store.User {
	f.t.Helper()
	id, err := f.store.CreateUser(f.ctx, store.NewUser{Email: email, Name: email, Role: access.Role(role), UnitID: unitID, PasswordHash: "x"}, nil)
	if err != nil {
		f.t.Fatal(err)
	}
	u, err := f.store.UserByID(f.ctx, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return u
}

// submit registers a citizen's request received at the given time.
func (f *digestFixture) submit(received time.Time) (int64, string) {
	f.t.Helper()
	f.clock = received
	receipt, errs, err := f.intake.Submit(f.ctx, request.Submission{RequesterKind: "perorangan", Name: "Siti Aminah",
		NIK: "3273 0145 0790 0003", Address: "Jl. Cihampelas 12", Phone: "0812 2233 4455", Email: "siti@contoh.id",
		Occupation: "Guru", Information: "Salinan RKA Dinas Pendidikan", Purpose: "Riset", ObtainMethod: "softcopy",
		DeliveryMethod: "email"}, intake.Origin{Channel: "web"})
	if err != nil {
		f.t.Fatal(err, errs)
	}
	return receipt.RequestID, receipt.RegistrationNumber
}

func (f *digestFixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

// digests returns the queued digest mails per recipient, oldest first.
func (f *digestFixture) digests() map[string][]store.Mail {
	f.t.Helper()
	var rows []struct {
		Recipient string `db:"recipient"`
		Data      []byte `db:"data"`
	}
	f.must(f.store.DB().SelectContext(f.ctx, &rows, `SELECT recipient, data FROM outbox WHERE template = 'officer_digest' ORDER BY id`))
	out := map[string][]store.Mail{}
	for _, r := range rows {
		m := store.Mail{Template: "officer_digest", Recipient: r.Recipient}
		f.must(json.Unmarshal(r.Data, &m.Data))
		out[r.Recipient] = append(out[r.Recipient], m)
	}
	return out
}
