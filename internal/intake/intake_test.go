package intake_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/numbering"
	"github.com/terbuka-id/terbuka/internal/officecalendar"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

var jakarta, _ = time.LoadLocation("Asia/Jakarta")

func newService(t *testing.T, pattern string, now time.Time) *intake.Service {
	t.Helper()
	s := testdb.Store(t)
	cal, err := officecalendar.Load(context.Background(), s, calendar.Options{Location: jakarta, CutiBersamaIsHoliday: true})
	if err != nil {
		t.Fatal(err)
	}
	box, _ := secret.NewBox(bytes.Repeat([]byte{9}, 32))
	format, err := numbering.Parse(pattern)
	if err != nil {
		t.Fatal(err)
	}
	return &intake.Service{Store: s, Calendar: cal.Current, Box: box, Format: format,
		Now: func() time.Time { return now }, OfficeName: "PPID Uji", BaseURL: "http://uji.test"}
}

func submission() request.Submission {
	return request.Submission{RequesterKind: "perorangan", Name: "Siti Aminah", NIK: "3273 0145 0790 0003",
		Address: "Jl. Cihampelas 12", Phone: "0812 2233 4455", Email: "Siti@Contoh.id", Occupation: "Guru",
		Information: "Salinan RKA Dinas Pendidikan 2026", Purpose: "Riset", ObtainMethod: "softcopy", DeliveryMethod: "email"}
}

func TestSubmitStoresNIKOnlySealed(t *testing.T) {
	// Tuesday 29 December 2026, 10:00 WIB, in the last days of the year.
	svc := newService(t, "{year}/PPID-UJI/{month}/{seq:03d}", time.Date(2026, 12, 29, 10, 0, 0, 0, jakarta))
	ctx := context.Background()
	receipt, fieldErrs, err := svc.Submit(ctx, submission(), intake.Origin{Channel: "web"})
	if err != nil {
		t.Fatal(err, fieldErrs)
	}
	if receipt.RegistrationNumber != "2026/PPID-UJI/12/001" {
		t.Errorf("number %q", receipt.RegistrationNumber)
	}
	// 10 working days from 29 Dec 2026 run into 2027, which has no SKB loaded: 30, 31, (1 Jan provisional
	// holiday), 4–8, 11, 12, Wed 13 Jan 2027, with a warning.
	if receipt.Response.Due.String() != "2027-01-13" || len(receipt.Response.Warnings) == 0 || !receipt.Response.Provisional() {
		t.Errorf("due %s warnings %v", receipt.Response.Due, receipt.Response.Warnings)
	}

	var row struct {
		NIKSealed []byte `db:"nik_sealed"`
		NIKLookup []byte `db:"nik_lookup"`
		Email     string `db:"email"`
		Dump      string `db:"dump"`
	}
	err = svc.Store.DB().GetContext(ctx, &row, `SELECT nik_sealed, nik_lookup, email, r::text AS dump FROM requests r WHERE id = $1`, receipt.RequestID)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains([]byte(row.Dump), []byte("3273014507900003")) || bytes.Contains(row.NIKSealed, []byte("3273014507900003")) {
		t.Fatal("the NIK is stored in plain text")
	}
	if !bytes.Equal(row.NIKLookup, svc.Box.Lookup([]byte("3273014507900003"))) {
		t.Error("look-up hash is not the keyed hash of the normalized NIK")
	}
	if got := svc.MaskedNIK(row.NIKSealed); got != "32**********0003" {
		t.Errorf("masked %q", got)
	}
	if row.Email != "siti@contoh.id" {
		t.Errorf("e-mail stored as %q", row.Email)
	}

	tracked, err := svc.Track(ctx, receipt.RegistrationNumber, receipt.TrackingCode)
	if err != nil || tracked.Request.ID != receipt.RequestID || len(tracked.Events) != 1 {
		t.Fatalf("track: %v %v", tracked, err)
	}
	if _, err := svc.Track(ctx, receipt.RegistrationNumber, ""); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("empty code: %v", err)
	}
	mails, _ := svc.Store.OutboxFor(ctx, receipt.RequestID)
	// The code the mail carries is sealed apart from its data (mail_secrets_test.go).
	if len(mails) != 1 || mails[0].Data["tracking_code"] != nil || mails[0].Data["response_due"] != "2027-01-13" {
		t.Errorf("receipt mail %+v", mails)
	}
}

func TestSubmitRefusesInvalidAndStoresNothing(t *testing.T) {
	svc := newService(t, numbering.DefaultPattern, time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta))
	ctx := context.Background()
	sub := submission()
	sub.NIK = "1234567890123456"
	_, fieldErrs, err := svc.Submit(ctx, sub, intake.Origin{Channel: "web"})
	if !errors.Is(err, intake.ErrInvalid) || fieldErrs["requester.nik"] == "" {
		t.Fatalf("invalid NIK: %v %v", err, fieldErrs)
	}
	officer := &store.User{ID: 1, Name: "Petugas"}
	_, fieldErrs, err = svc.Submit(ctx, submission(), intake.Origin{Channel: "web", Officer: officer})
	if !errors.Is(err, intake.ErrInvalid) || fieldErrs["channel"] == "" {
		t.Errorf("officer with the citizens' channel: %v %v", err, fieldErrs)
	}
	_, fieldErrs, err = svc.Submit(ctx, submission(), intake.Origin{Channel: "letter", Officer: officer,
		ReceivedAt: time.Date(2026, 11, 28, 10, 0, 0, 0, jakarta)})
	if !errors.Is(err, intake.ErrInvalid) || fieldErrs["received_at"] == "" {
		t.Errorf("receipt in the future: %v %v", err, fieldErrs)
	}
	if n, _ := svc.Store.CountRequests(ctx); n != 0 {
		t.Errorf("%d requests stored", n)
	}
}
