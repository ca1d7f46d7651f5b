package publishing_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/letters"
	"github.com/terbuka-id/terbuka/internal/officecalendar"
	"github.com/terbuka-id/terbuka/internal/portal"
	"github.com/terbuka-id/terbuka/internal/publishing"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

func TestMain(m *testing.M) { testdb.Main(m) }

var wib, _ = time.LoadLocation("Asia/Jakarta")

// testNow is a Tuesday, 10:00 WIB; "this year" for the metadata is 2026.
var testNow = time.Date(2026, 3, 10, 10, 0, 0, 0, wib)

// Messages the tests expect, as the officer reads them.
const (
	msgOwnUnit      = "Anda hanya dapat menerbitkan informasi unit Anda sendiri."
	msgConfirmNote  = "Tuliskan alasan data ini boleh dipublikasikan (misalnya: nama pejabat dalam jabatannya)."
	msgConfirmAdded = "Perubahan ini memuat data pribadi. Perbaiki, atau centang konfirmasi bila memang boleh dipublikasikan."
	msgOnlyPPID     = "Hanya PPID yang dapat mengonfirmasi data pribadi."
	msgReason       = "Tuliskan alasan penarikan; alasan ini tampil di halaman publik."
	msgTypeRefused  = "Jenis berkas tidak diizinkan. Unggah PDF, gambar (PNG/JPEG), dokumen Word/OpenDocument, spreadsheet, teks atau ZIP."
)

// office is a migrated database with the PPID Utama, two PPID Pelaksana units, their officers,
// the blob store and both services, at testNow.
type office struct {
	t       *testing.T
	s       *store.Store
	blobDir string
	blobs   *files.Disk
	svc     *publishing.Service
	cw      *casework.Service
	log     *bytes.Buffer
	utama   int64 // PPID Utama
	unit    int64 // Dinas Pendidikan
	other   int64 // Dinas Kesehatan
	users   map[string]*store.User
}

var accounts = []struct{ key, name, role, unit string }{
	{"utama", "Rina PPID Utama", "ppid", "utama"},
	{"ppid", "Budi PPID Pendidikan", "ppid", "unit"},
	{"petugas", "Dewi Petugas Pendidikan", "petugas", "unit"},
	{"atasan", "Hadi Atasan", "atasan", "utama"},
	{"ppid-lain", "Eko PPID Kesehatan", "ppid", "other"},
	{"petugas-lain", "Sari Petugas Kesehatan", "petugas", "other"},
}

func newOffice(t *testing.T) *office {
	t.Helper()
	ctx := context.Background()
	o := &office{t: t, s: testdb.Store(t), blobDir: t.TempDir(), log: &bytes.Buffer{}, users: map[string]*store.User{}}
	if err := o.s.DB().GetContext(ctx, &o.utama, `SELECT id FROM units WHERE kind = 'utama'`); err != nil {
		t.Fatal(err)
	}
	var err error
	if o.unit, err = o.s.CreateUnit(ctx, "Dinas Pendidikan"); err != nil {
		t.Fatal(err)
	}
	if o.other, err = o.s.CreateUnit(ctx, "Dinas Kesehatan"); err != nil {
		t.Fatal(err)
	}
	units := map[string]int64{"utama": o.utama, "unit": o.unit, "other": o.other}
	for _, a := range accounts {
		id, err := o.s.CreateUser(ctx, store.NewUser{Email: a.key + "@uji.test", Name: a.name, Role: access.Role(a.role),
			UnitID: units[a.unit], PasswordHash: "x"}, nil)
		if err != nil {
			t.Fatal(a.key, err)
		}
		if o.users[a.key], err = o.s.UserByID(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if o.blobs, err = files.NewDisk(o.blobDir); err != nil {
		t.Fatal(err)
	}
	clock := func() time.Time { return testNow }
	o.svc = &publishing.Service{Store: o.s, Blobs: o.blobs, MaxUpload: 1 << 20, Now: clock, Location: wib,
		Log: slog.New(slog.NewTextHandler(o.log, nil))}
	cal, err := officecalendar.Load(ctx, o.s, calendar.Options{Location: wib, CutiBersamaIsHoliday: true})
	if err != nil {
		t.Fatal(err)
	}
	o.cw = &casework.Service{Store: o.s, Calendar: cal.Current, Now: clock,
		Office:     func() letters.Office { return letters.Office{Name: "PPID Uji", City: "Bandung"} },
		OfficeName: "PPID Uji", BaseURL: "http://uji.test", Blobs: o.blobs, MaxUpload: 1 << 20}
	return o
}

// meta is complete metadata of the Dinas Pendidikan.
func (o *office) meta(title string) portal.Meta {
	return portal.Meta{Title: title, Category: "berkala", UnitID: o.unit, Year: 2025,
		Summary: "Ringkasan informasi untuk daftar informasi publik.", Keywords: "anggaran",
		Responsible: "Kepala Dinas", MadePlace: "Bandung", MadeTime: "Maret 2026", Retention: "5 tahun"}
}

// draft stores a draft and fails the test on any error.
func (o *office) draft(actor string, meta portal.Meta, filename string, data []byte) int64 {
	o.t.Helper()
	id, errs, err := o.svc.Draft(context.Background(), o.users[actor], meta, publishing.Upload{Filename: filename, Body: bytes.NewReader(data)})
	if err != nil || len(errs) > 0 {
		o.t.Fatalf("Draft %s: %v %v", filename, errs, err)
	}
	return id
}

func (o *office) pub(id int64) *store.Publication {
	o.t.Helper()
	p, err := o.s.Publication(context.Background(), access.Everything, id)
	if err != nil {
		o.t.Fatal(err)
	}
	return p
}

// events is a publication's history as "kind|actor|note" lines.
func (o *office) events(id int64) []string {
	o.t.Helper()
	es, err := o.s.PublicationEvents(context.Background(), id)
	if err != nil {
		o.t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if !e.At.Equal(testNow) {
			o.t.Errorf("event %s at %v, want %v", e.Kind, e.At, testNow)
		}
		out = append(out, e.Kind+"|"+e.ActorLabel+"|"+e.Note)
	}
	return out
}

func (o *office) count(query string, args ...any) int {
	o.t.Helper()
	var n int
	if err := o.s.DB().Get(&n, query, args...); err != nil {
		o.t.Fatal(err)
	}
	return n
}

// blobFiles lists the stored blobs (temp files excluded), relative to the store's folder.
func (o *office) blobFiles() []string {
	o.t.Helper()
	var out []string
	err := filepath.WalkDir(o.blobDir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() && e.Name() == "tmp" {
			return filepath.SkipDir
		}
		if e.Type().IsRegular() {
			rel, _ := filepath.Rel(o.blobDir, p)
			out = append(out, rel)
		}
		return nil
	})
	if err != nil {
		o.t.Fatal(err)
	}
	return out
}

func (o *office) name(key string) string { return o.users[key].Name }

func sha(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// pdfDoc renders a one-page PDF with a heading and a paragraph, as office software would.
func pdfDoc(t *testing.T, heading, body string) []byte {
	t.Helper()
	doc := fpdf.New("P", "mm", "A4", "")
	doc.AddPage()
	doc.SetFont("Helvetica", "B", 14)
	doc.Cell(0, 10, heading)
	doc.Ln(12)
	doc.SetFont("Helvetica", "", 11)
	doc.MultiCell(0, 6, body, "", "L", false)
	var buf bytes.Buffer
	if err := doc.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const cleanBody = "Dinas Pendidikan menyusun laporan realisasi anggaran semester kedua sebagai informasi yang wajib diumumkan secara berkala."

// personalText holds a NIK-like number, an e-mail address and a mobile number.
const personalText = "Notulen rapat koordinasi pelayanan informasi.\n" +
	"Pelapor dengan NIK 3273014505900003 meminta salinan notulen.\n" +
	"Hubungi surel budi.santoso@contoh.id atau telepon 081234567890 untuk klarifikasi.\n"

var rawPersonal = []string{"3273014505900003", "budi.santoso@contoh.id", "081234567890"}

func TestDraftPDFExtractsTextAndPublishes(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	data := pdfDoc(t, "Laporan Realisasi Anggaran", cleanBody)
	meta := o.meta("  Laporan   Realisasi Anggaran 2025 ")
	meta.Keywords = "anggaran; realisasi, Anggaran"
	id := o.draft("petugas", meta, "Laporan Realisasi.pdf", data)

	p := o.pub(id)
	if p.Status != "draft" || p.Title != "Laporan Realisasi Anggaran 2025" || p.Keywords != "anggaran, realisasi" ||
		p.Category != "berkala" || p.UnitID != o.unit || p.UnitName != "Dinas Pendidikan" || p.Year != 2025 || p.Form != "softcopy" {
		t.Errorf("metadata %+v", p)
	}
	if p.ContentType != "application/pdf" || p.DocType != "pdf" || p.Filename != "Laporan Realisasi.pdf" ||
		p.Size != int64(len(data)) || p.SHA256 != sha(data) {
		t.Errorf("file columns: %s %s %s %d %s", p.ContentType, p.DocType, p.Filename, p.Size, p.SHA256)
	}
	if !regexp.MustCompile(`^[a-z0-9]{10}$`).MatchString(p.PublicID) {
		t.Errorf("public id %q", p.PublicID)
	}
	if string(p.PIIFindings) != "[]" || len(publishing.Findings(p)) != 0 || p.PIIConfirmedAt.Valid || !p.TextChecked {
		t.Errorf("findings %s confirmed %v, want none", p.PIIFindings, p.PIIConfirmedAt)
	}
	if p.PublishedAt.Valid || p.RequestID.Valid || p.SourceDocumentID.Valid || p.RegistrationNo.Valid || !p.CreatedAt.Equal(testNow) {
		t.Errorf("draft %+v", p)
	}
	text, err := o.s.PublicationText(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	// The heading and the paragraph's two wrapped lines, as the page shows them.
	if want := "Laporan Realisasi Anggaran\n" + strings.Replace(cleanBody, "wajib ", "wajib\n", 1); text != want {
		t.Errorf("body text %q, want %q", text, want)
	}
	// The file itself is in the blob store under its hash.
	blob, err := o.blobs.Open(ctx, p.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	stored, _ := io.ReadAll(blob)
	blob.Close()
	if !bytes.Equal(stored, data) {
		t.Error("stored blob differs from the upload")
	}

	if err := o.svc.Publish(ctx, o.users["ppid"], id); err != nil {
		t.Fatal(err)
	}
	p = o.pub(id)
	if p.Status != "published" || !p.PublishedAt.Valid || !p.PublishedAt.Time.Equal(testNow) || p.UnpublishedAt.Valid {
		t.Errorf("after Publish: status %s published_at %v", p.Status, p.PublishedAt)
	}
	want := []string{"created|" + o.name("petugas") + "|", "published|" + o.name("ppid") + "|"}
	if got := o.events(id); !slices.Equal(got, want) {
		t.Errorf("events %q, want %q", got, want)
	}
	// Publishing what is already public is a conflict, and records nothing.
	if err := o.svc.Publish(ctx, o.users["ppid"], id); !errors.Is(err, store.ErrConflict) {
		t.Errorf("second Publish: %v, want ErrConflict", err)
	}
	if got := o.events(id); len(got) != 2 {
		t.Errorf("events after the second Publish: %q", got)
	}
	if o.log.Len() != 0 {
		t.Errorf("log: %s", o.log)
	}
}

// A PDF whose text cannot be read is still drafted, searchable by its metadata; the log names the
// file and its type, never its content.
func TestDraftUnreadablePDFKeepsMetadataAndLogs(t *testing.T) {
	o := newOffice(t)
	data := []byte("%PDF-1.7\n1 0 obj << /Rahasia (isi dokumen rusak) >> endobj\n%%EOF\n")
	id := o.draft("ppid", o.meta("Dokumen rusak"), "rusak.pdf", data)
	p := o.pub(id)
	if p.ContentType != "application/pdf" || p.DocType != "pdf" {
		t.Errorf("type %s %s", p.ContentType, p.DocType)
	}
	if text, _ := o.s.PublicationText(context.Background(), id); text != "" {
		t.Errorf("body text %q, want empty", text)
	}
	// What the check could not read waits for a person: it is a finding of its own.
	fs := publishing.Findings(p)
	if p.TextChecked || len(fs) != 1 || fs[0].Kind != publishing.KindUnchecked || fs[0].Label != "Isi berkas tidak dapat diperiksa otomatis" ||
		fs[0].Masked != "—" {
		t.Errorf("text checked %v, findings %+v", p.TextChecked, fs)
	}
	if err := o.svc.Publish(context.Background(), o.users["ppid"], id); !errors.Is(err, publishing.ErrPIIUnconfirmed) {
		t.Errorf("Publish of an unread file: %v, want ErrPIIUnconfirmed", err)
	}
	log := o.log.String()
	if !strings.Contains(log, "file=rusak.pdf") || !strings.Contains(log, "content_type=application/pdf") ||
		!strings.Contains(log, "level=WARN") || strings.Contains(log, "Rahasia") || strings.Contains(log, "isi dokumen") {
		t.Errorf("log %q", log)
	}
	// Scans are often named after their owner: a NIK in the file name is masked in the log, and
	// is itself a finding (the name is shown on the document page).
	named := o.pub(o.draft("ppid", o.meta("Pindaian rusak"), "KTP_3273014507900003.pdf", data))
	if log := o.log.String(); strings.Contains(log, "3273014507900003") || !strings.Contains(log, "file=KTP_***.pdf") {
		t.Errorf("log %q", log)
	}
	if fs := publishing.Findings(named); len(fs) != 2 || fs[1].Kind != "nik" || fs[1].Masked != "3273********0003" {
		t.Errorf("findings for a NIK in the file name: %+v", fs)
	}
}

func TestDraftWithPersonalDataIsHeldUntilConfirmed(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	id := o.draft("petugas", o.meta("Notulen rapat koordinasi"), "notulen.txt", []byte(personalText))
	p := o.pub(id)
	if p.ContentType != "text/plain" || p.DocType != "teks" || p.Status != "draft" {
		t.Fatalf("draft %s %s %s", p.ContentType, p.DocType, p.Status)
	}
	fs := publishing.Findings(p)
	type kl struct{ Kind, Label, Masked string }
	var got []kl
	for _, f := range fs {
		got = append(got, kl{f.Kind, f.Label, f.Masked})
		if !strings.Contains(f.Context, f.Masked) {
			t.Errorf("context %q does not show the masked %q", f.Context, f.Masked)
		}
	}
	want := []kl{{"nik", "NIK", "3273********0003"}, {"email", "alamat surel", "b***@contoh.id"}, {"phone", "nomor telepon", "0812****7890"}}
	if !slices.Equal(got, want) {
		t.Errorf("findings %+v, want %+v", got, want)
	}
	// The stored findings never hold the data itself, neither in the masked value nor in the context.
	var raw string
	if err := o.s.DB().Get(&raw, `SELECT pii_findings::text FROM publications WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	for _, secret := range append(rawPersonal, "32730145", "budi.santoso") {
		if strings.Contains(raw, secret) || strings.Contains(string(p.PIIFindings), secret) {
			t.Errorf("findings JSON holds %q: %s", secret, raw)
		}
	}
	// The extracted text is kept whole: it is what the portal indexes.
	if text, _ := o.s.PublicationText(ctx, id); !strings.Contains(text, "3273014505900003") {
		t.Errorf("body text %q", text)
	}

	if err := o.svc.Publish(ctx, o.users["ppid"], id); !errors.Is(err, publishing.ErrPIIUnconfirmed) {
		t.Fatalf("Publish with findings: %v, want ErrPIIUnconfirmed", err)
	}
	if p := o.pub(id); p.Status != "draft" || p.PublishedAt.Valid {
		t.Errorf("after the refused Publish: %s %v", p.Status, p.PublishedAt)
	}

	// The database holds the block too: a direct UPDATE breaks the CHECK on the findings.
	_, err := o.s.DB().ExecContext(ctx, `UPDATE publications SET status = 'published', published_at = $2 WHERE id = $1`, id, testNow)
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) || pqErr.Code != "23514" {
		t.Fatalf("direct UPDATE to published: %v, want a check violation", err)
	}
	var def string
	if err := o.s.DB().Get(&def, `SELECT pg_get_constraintdef(oid) FROM pg_constraint
		WHERE conrelid = 'publications'::regclass AND conname = $1`, pqErr.Constraint); err != nil {
		t.Fatal(err)
	}
	if want := "CHECK (((status = 'draft'::text) OR (jsonb_array_length(pii_findings) = 0) OR (pii_confirmed_at IS NOT NULL)))"; def != want {
		t.Errorf("violated %s: %s, want %s", pqErr.Constraint, def, want)
	}

	// Only the PPID confirms, and only with a reason.
	if _, err := o.svc.ConfirmPII(ctx, o.users["petugas"], id, "boleh"); !errors.Is(err, publishing.ErrForbidden) {
		t.Errorf("ConfirmPII by petugas: %v, want ErrForbidden", err)
	}
	if _, err := o.svc.ConfirmPII(ctx, o.users["ppid-lain"], id, "boleh"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ConfirmPII by another unit's PPID: %v, want ErrNotFound", err)
	}
	errs, err := o.svc.ConfirmPII(ctx, o.users["ppid"], id, "  \n ")
	if err != nil || !maps.Equal(map[string]string(errs), map[string]string{"note": msgConfirmNote}) {
		t.Errorf("ConfirmPII without a note: %v %v", errs, err)
	}
	if p := o.pub(id); p.PIIConfirmedAt.Valid {
		t.Error("confirmed without a note")
	}
	note := "Kontak resmi petugas layanan, disetujui untuk dipublikasikan"
	if errs, err := o.svc.ConfirmPII(ctx, o.users["ppid"], id, "  "+note+" "); err != nil || len(errs) > 0 {
		t.Fatalf("ConfirmPII: %v %v", errs, err)
	}
	p = o.pub(id)
	if !p.PIIConfirmedAt.Valid || !p.PIIConfirmedAt.Time.Equal(testNow) || len(publishing.Findings(p)) != 3 {
		t.Errorf("after ConfirmPII: %v %s", p.PIIConfirmedAt, p.PIIFindings)
	}
	var by int64
	if err := o.s.DB().Get(&by, `SELECT pii_confirmed_by FROM publications WHERE id = $1`, id); err != nil || by != o.users["ppid"].ID {
		t.Errorf("confirmed by %d (%v), want %d", by, err, o.users["ppid"].ID)
	}
	if err := o.svc.Publish(ctx, o.users["ppid"], id); err != nil {
		t.Fatal(err)
	}
	if p := o.pub(id); p.Status != "published" {
		t.Errorf("status %s", p.Status)
	}
	want2 := []string{"created|" + o.name("petugas") + "|", "pii_confirmed|" + o.name("ppid") + "|" + note, "published|" + o.name("ppid") + "|"}
	if got := o.events(id); !slices.Equal(got, want2) {
		t.Errorf("events %q, want %q", got, want2)
	}
}

// Confirming an item without findings has nothing to confirm.
func TestConfirmPIIWithoutFindings(t *testing.T) {
	o := newOffice(t)
	id := o.draft("ppid", o.meta("Jadwal pelayanan"), "jadwal.txt", []byte("Jadwal pelayanan informasi hari kerja."))
	if _, err := o.svc.ConfirmPII(context.Background(), o.users["ppid"], id, "tidak perlu"); !errors.Is(err, publishing.ErrNothingToConfirm) {
		t.Errorf("ConfirmPII: %v, want ErrNothingToConfirm", err)
	}
	if got := o.events(id); len(got) != 1 {
		t.Errorf("events %q", got)
	}
}

func TestUpdatePublishedItemRechecksPersonalData(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	id := o.draft("ppid", o.meta("Profil dinas"), "profil.txt", []byte("Profil singkat Dinas Pendidikan dan tugas pokoknya."))
	if err := o.svc.Publish(ctx, o.users["ppid"], id); err != nil {
		t.Fatal(err)
	}
	before := o.pub(id)

	edited := o.meta("Profil dinas")
	edited.Summary = "Pertanyaan dapat dikirim ke humas.pendidikan@contoh.id setiap hari kerja."

	// Without confirmation nothing changes, and the item stays published.
	errs, err := o.svc.Update(ctx, o.users["ppid"], id, edited, false, "")
	if err != nil || !maps.Equal(map[string]string(errs), map[string]string{"confirm": msgConfirmAdded}) {
		t.Fatalf("Update without confirm: %v %v", errs, err)
	}
	if p := o.pub(id); p.Summary != before.Summary || p.Status != "published" || string(p.PIIFindings) != "[]" || !p.UpdatedAt.Equal(before.UpdatedAt) {
		t.Errorf("changed without confirmation: %+v", p)
	}
	// A petugas cannot confirm.
	errs, err = o.svc.Update(ctx, o.users["petugas"], id, edited, true, "alamat resmi")
	if err != nil || !maps.Equal(map[string]string(errs), map[string]string{"confirm": msgOnlyPPID}) {
		t.Errorf("Update confirmed by petugas: %v %v", errs, err)
	}
	// Confirming needs the reason, as ConfirmPII does.
	errs, err = o.svc.Update(ctx, o.users["ppid"], id, edited, true, " ")
	if err != nil || !maps.Equal(map[string]string(errs), map[string]string{"confirm": "Konfirmasi data pribadi memerlukan alasan.", "note": msgConfirmNote}) {
		t.Errorf("Update confirmed without a note: %v %v", errs, err)
	}
	if got := o.events(id); len(got) != 2 {
		t.Fatalf("events after refused edits: %q", got)
	}

	errs, err = o.svc.Update(ctx, o.users["ppid"], id, edited, true, "Alamat surel resmi kantor")
	if err != nil || len(errs) > 0 {
		t.Fatalf("Update with confirm: %v %v", errs, err)
	}
	p := o.pub(id)
	fs := publishing.Findings(p)
	if p.Summary != edited.Summary || p.Status != "published" || len(fs) != 1 || fs[0].Kind != "email" ||
		fs[0].Masked != "h***@contoh.id" || !p.PIIConfirmedAt.Valid {
		t.Errorf("after confirmed edit: %s %s %s %v", p.Summary, p.Status, p.PIIFindings, p.PIIConfirmedAt)
	}
	want := []string{"created|" + o.name("ppid") + "|", "published|" + o.name("ppid") + "|",
		"edited|" + o.name("ppid") + "|", "pii_confirmed|" + o.name("ppid") + "|Alamat surel resmi kantor"}
	if got := o.events(id); !slices.Equal(got, want) {
		t.Errorf("events %q, want %q", got, want)
	}

	// Clean text clears the findings and the old confirmation; a petugas may make that edit.
	clean := o.meta("Profil Dinas Pendidikan")
	clean.Summary = "Pertanyaan dapat diajukan melalui formulir permohonan informasi."
	if errs, err := o.svc.Update(ctx, o.users["petugas"], id, clean, false, ""); err != nil || len(errs) > 0 {
		t.Fatalf("clean Update: %v %v", errs, err)
	}
	p = o.pub(id)
	if p.Title != "Profil Dinas Pendidikan" || p.Summary != clean.Summary || string(p.PIIFindings) != "[]" || p.PIIConfirmedAt.Valid || p.Status != "published" {
		t.Errorf("after clean edit: %s %s %s %v %s", p.Title, p.Summary, p.PIIFindings, p.PIIConfirmedAt, p.Status)
	}
	if got := o.events(id); len(got) != 5 || got[4] != "edited|"+o.name("petugas")+"|" {
		t.Errorf("events %q", got)
	}

	// Bad metadata comes back as field errors; moving the item to another unit is not the unit's to do.
	bad := clean
	bad.Title, bad.UnitID = "", o.other
	errs, err = o.svc.Update(ctx, o.users["ppid"], id, bad, false, "")
	if err != nil || !maps.Equal(map[string]string(errs), map[string]string{"title": "Judul wajib diisi.", "unit_id": msgOwnUnit}) {
		t.Errorf("bad Update: %v %v", errs, err)
	}
	if _, err := o.svc.Update(ctx, o.users["ppid-lain"], id, clean, false, ""); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Update by another unit: %v", err)
	}
	if _, err := o.svc.Update(ctx, o.users["atasan"], id, clean, false, ""); !errors.Is(err, publishing.ErrForbidden) {
		t.Errorf("Update by atasan: %v", err)
	}
}

// A draft may hold findings while it is worked on; the check only blocks publishing it.
func TestUpdateDraftKeepsFindingsWithoutConfirm(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	id := o.draft("petugas", o.meta("Daftar kontak"), "kontak.txt", []byte("Daftar kontak layanan informasi."))
	edited := o.meta("Daftar kontak")
	edited.Summary = "Telepon layanan 081234567890."
	if errs, err := o.svc.Update(ctx, o.users["petugas"], id, edited, false, ""); err != nil || len(errs) > 0 {
		t.Fatalf("Update: %v %v", errs, err)
	}
	p := o.pub(id)
	if fs := publishing.Findings(p); p.Status != "draft" || len(fs) != 1 || fs[0].Masked != "0812****7890" {
		t.Errorf("draft %s %s", p.Status, p.PIIFindings)
	}
	if err := o.svc.Publish(ctx, o.users["ppid"], id); !errors.Is(err, publishing.ErrPIIUnconfirmed) {
		t.Errorf("Publish: %v", err)
	}
}

// An unpublished item still shows its title on its 410 page: adding personal data to it needs the
// same confirmation as on a published one, and the database CHECK is never reached.
func TestUpdateUnpublishedItemNeedsConfirmation(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	id := o.draft("ppid", o.meta("Rencana kerja"), "rencana.txt", []byte("Rencana kerja tahunan dinas."))
	if err := o.svc.Publish(ctx, o.users["ppid"], id); err != nil {
		t.Fatal(err)
	}
	if errs, err := o.svc.Unpublish(ctx, o.users["ppid"], id, "Diganti versi baru"); err != nil || len(errs) > 0 {
		t.Fatal(errs, err)
	}
	edited := o.meta("Rencana kerja Ibu Siti (siti@contoh.id)")
	errs, err := o.svc.Update(ctx, o.users["ppid"], id, edited, false, "")
	if err != nil || !maps.Equal(map[string]string(errs), map[string]string{"confirm": msgConfirmAdded}) {
		t.Fatalf("Update of an unpublished item: %v %v", errs, err)
	}
	if p := o.pub(id); p.Title != "Rencana kerja" || p.Status != "unpublished" {
		t.Errorf("changed: %s %s", p.Title, p.Status)
	}
	if errs, err := o.svc.Update(ctx, o.users["ppid"], id, edited, true, "Surel dinas"); err != nil || len(errs) > 0 {
		t.Fatalf("confirmed Update: %v %v", errs, err)
	}
	if p := o.pub(id); p.Title != edited.Title || p.Status != "unpublished" || !p.PIIConfirmedAt.Valid {
		t.Errorf("after confirmed edit: %s %s %v", p.Title, p.Status, p.PIIConfirmedAt)
	}
}

func TestUnpublishKeepsRecordAndRepublish(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	id := o.draft("ppid", o.meta("Laporan tahunan"), "laporan.txt", []byte("Laporan tahunan pelayanan informasi publik."))
	// Only what is published can be taken off.
	if _, err := o.svc.Unpublish(ctx, o.users["ppid"], id, "belum terbit"); !errors.Is(err, publishing.ErrNotPublished) {
		t.Errorf("Unpublish of a draft: %v, want ErrNotPublished", err)
	}
	if err := o.svc.Publish(ctx, o.users["ppid"], id); err != nil {
		t.Fatal(err)
	}
	errs, err := o.svc.Unpublish(ctx, o.users["ppid"], id, " \t ")
	if err != nil || !maps.Equal(map[string]string(errs), map[string]string{"reason": msgReason}) {
		t.Fatalf("Unpublish without a reason: %v %v", errs, err)
	}
	if p := o.pub(id); p.Status != "published" {
		t.Fatalf("status %s after a refused Unpublish", p.Status)
	}
	if _, err := o.svc.Unpublish(ctx, o.users["petugas"], id, "salah unggah"); !errors.Is(err, publishing.ErrForbidden) {
		t.Errorf("Unpublish by petugas: %v", err)
	}
	if _, err := o.svc.Unpublish(ctx, o.users["ppid-lain"], id, "salah unggah"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Unpublish by another unit: %v", err)
	}
	reason := "Diganti dengan versi revisi"
	if errs, err := o.svc.Unpublish(ctx, o.users["ppid"], id, " "+reason+" "); err != nil || len(errs) > 0 {
		t.Fatalf("Unpublish: %v %v", errs, err)
	}
	p := o.pub(id)
	if p.Status != "unpublished" || p.UnpublishReason != reason || !p.UnpublishedAt.Valid || !p.UnpublishedAt.Time.Equal(testNow) ||
		!p.PublishedAt.Valid || p.Title != "Laporan tahunan" {
		t.Errorf("after Unpublish: %+v", p)
	}
	// The record and its file stay; the public URL keeps its key.
	byKey, err := o.s.PublicationByPublicID(ctx, p.PublicID)
	if err != nil || byKey.ID != id || byKey.Status != "unpublished" {
		t.Errorf("by public id: %+v %v", byKey, err)
	}
	if o.count(`SELECT count(*) FROM publications`) != 1 {
		t.Error("record removed")
	}
	if _, err := o.svc.Unpublish(ctx, o.users["ppid"], id, "lagi"); !errors.Is(err, publishing.ErrNotPublished) {
		t.Errorf("second Unpublish: %v, want ErrNotPublished", err)
	}

	// Republished, it is public again; the first publication date stays.
	if err := o.svc.Publish(ctx, o.users["utama"], id); err != nil {
		t.Fatal(err)
	}
	p = o.pub(id)
	if p.Status != "published" || p.UnpublishReason != "" || p.UnpublishedAt.Valid || !p.PublishedAt.Time.Equal(testNow) {
		t.Errorf("after republish: %+v", p)
	}
	want := []string{"created|" + o.name("ppid") + "|", "published|" + o.name("ppid") + "|",
		"unpublished|" + o.name("ppid") + "|" + reason, "published|" + o.name("utama") + "|"}
	if got := o.events(id); !slices.Equal(got, want) {
		t.Errorf("events %q, want %q", got, want)
	}
}

func TestDraftRolesAndUnits(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	data := []byte("Standar pelayanan informasi publik Dinas Pendidikan.")
	up := func() publishing.Upload {
		return publishing.Upload{Filename: "standar.txt", Body: bytes.NewReader(data)}
	}

	// Only officers who handle cases draft.
	if _, _, err := o.svc.Draft(ctx, o.users["atasan"], o.meta("Standar layanan"), up()); !errors.Is(err, publishing.ErrForbidden) {
		t.Errorf("Draft by the atasan: %v, want ErrForbidden", err)
	}
	if _, _, err := o.svc.Draft(ctx, nil, o.meta("Standar layanan"), up()); !errors.Is(err, publishing.ErrForbidden) {
		t.Errorf("Draft without an account: %v", err)
	}
	// A PPID Pelaksana officer drafts only for their own unit.
	for _, key := range []string{"ppid-lain", "petugas-lain"} {
		id, errs, err := o.svc.Draft(ctx, o.users[key], o.meta("Standar layanan"), up())
		if err != nil || id != 0 || !maps.Equal(map[string]string(errs), map[string]string{"unit_id": msgOwnUnit}) {
			t.Errorf("Draft by %s for another unit: %d %v %v", key, id, errs, err)
		}
	}
	if n := o.count(`SELECT count(*) FROM publications`); n != 0 || len(o.blobFiles()) != 0 {
		t.Fatalf("%d rows, blobs %v after refused drafts", n, o.blobFiles())
	}

	// The petugas drafts but does not publish.
	id := o.draft("petugas", o.meta("Standar layanan"), "standar.txt", data)
	if err := o.svc.Publish(ctx, o.users["petugas"], id); !errors.Is(err, publishing.ErrForbidden) {
		t.Errorf("Publish by petugas: %v, want ErrForbidden", err)
	}
	// Another unit's PPID does not even see it.
	if err := o.svc.Publish(ctx, o.users["ppid-lain"], id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Publish by another unit's PPID: %v, want ErrNotFound", err)
	}
	if p := o.pub(id); p.Status != "draft" {
		t.Fatalf("status %s", p.Status)
	}
	// The PPID Utama drafts for any unit and acts on any unit's items.
	utamaID := o.draft("utama", o.meta("Standar biaya"), "biaya.txt", []byte("Standar biaya salinan informasi."))
	if p := o.pub(utamaID); p.UnitID != o.unit {
		t.Errorf("unit %d", p.UnitID)
	}
	for _, pid := range []int64{id, utamaID} {
		if err := o.svc.Publish(ctx, o.users["utama"], pid); err != nil {
			t.Errorf("Publish by the PPID Utama: %v", err)
		}
	}
	// A publication that does not exist.
	if err := o.svc.Publish(ctx, o.users["utama"], id+1000); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Publish of a missing id: %v", err)
	}
}

func TestDraftFieldErrors(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	draft := func(meta portal.Meta, data []byte) (int64, map[string]string) {
		t.Helper()
		id, errs, err := o.svc.Draft(ctx, o.users["ppid"], meta, publishing.Upload{Filename: "berkas.bin", Body: bytes.NewReader(data)})
		if err != nil {
			t.Fatal(err)
		}
		return id, errs
	}
	good := []byte("Isi dokumen yang baik.")

	bad := o.meta("")
	bad.Category, bad.Year, bad.Summary = "rahasia", 2027, " "
	id, errs := draft(bad, good)
	want := map[string]string{"title": "Judul wajib diisi.",
		"category": "Pilih kategori informasi: berkala, serta merta, atau setiap saat.",
		"year":     "Tahun harus antara 1945 dan 2026.",
		"summary":  "Ringkasan isi informasi wajib diisi (kolom DIP)."}
	if id != 0 || !maps.Equal(errs, want) {
		t.Errorf("bad metadata: %d %v", id, errs)
	}

	elf := append([]byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00"), make([]byte, 64)...)
	exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), make([]byte, 64)...)
	gif := []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
	for name, data := range map[string][]byte{"elf": elf, "exe": exe, "gif": gif} {
		id, errs := draft(o.meta("Berkas "+name), data)
		if id != 0 || !maps.Equal(errs, map[string]string{"file": msgTypeRefused}) {
			t.Errorf("%s: %d %v", name, id, errs)
		}
	}
	id, errs = draft(o.meta("Berkas kosong"), nil)
	if id != 0 || !maps.Equal(errs, map[string]string{"file": "Berkas kosong."}) {
		t.Errorf("empty file: %d %v", id, errs)
	}
	// Too large for the limit.
	small := *o.svc
	small.MaxUpload = 10
	id, errs, err := small.Draft(ctx, o.users["ppid"], o.meta("Terlalu besar"), publishing.Upload{Filename: "besar.txt", Body: bytes.NewReader(good)})
	if err != nil || id != 0 || !maps.Equal(map[string]string(errs), map[string]string{"file": "Berkas terlalu besar: paling besar 10 bita."}) {
		t.Errorf("too large: %d %v %v", id, errs, err)
	}

	// None of these left a row, an event or a blob behind.
	if n := o.count(`SELECT count(*) FROM publications`) + o.count(`SELECT count(*) FROM publication_events`); n != 0 {
		t.Errorf("%d rows after refused drafts", n)
	}
	if b := o.blobFiles(); len(b) != 0 {
		t.Errorf("blobs stored by refused drafts: %v", b)
	}
}

// caseWith registers a request in the Dinas Pendidikan from Siti Aminah, received on 2 March 2026.
func (o *office) caseWith() int64 {
	o.t.Helper()
	ctx := context.Background()
	received := time.Date(2026, 3, 2, 9, 0, 0, 0, wib)
	reg, err := o.s.InsertRequest(ctx, store.NewRequest{
		Year: 2026, NumberPrefix: "", NumberWidth: 4, NumberSuffix: "/PPID/2026",
		TrackingCodeHash: randomBytes(32), Channel: "web", RequesterKind: "perorangan", RequesterName: "Siti Aminah",
		NIKSealed: randomBytes(45), NIKLookup: randomBytes(32), Address: "Jl. Merdeka 1", Phone: "0812345678",
		Occupation: "Guru", Information: "Rincian anggaran pendidikan 2026", Purpose: "Riset",
		ObtainMethod: "softcopy", DeliveryMethod: "email", ReceivedAt: received,
		CountingFrom: calendar.DateOf(received), ResponseDue: calendar.NewDate(2026, 3, 16), ActorLabel: "Pemohon"})
	if err != nil {
		o.t.Fatal(err)
	}
	if err := o.cw.Forward(ctx, o.users["utama"], reg.ID, o.unit); err != nil {
		o.t.Fatal(err)
	}
	return reg.ID
}

func (o *office) decide(id int64, kind string) {
	o.t.Helper()
	d := workflow.Decision{Kind: kind, NoticeAt: testNow}
	switch kind {
	case request.StatusGranted:
		d.InformationGiven, d.Form, d.Cost, d.DeliveryTime = "Rincian anggaran pendidikan 2026", "softcopy (PDF)", "tanpa biaya", "hari ini"
	case request.StatusRefused:
		d.ExemptionLetters = []string{"a"}
		d.LegalBasis, d.Harm, d.PublicInterest = "UU 14/2008 Pasal 17 huruf a", "Menghambat penyidikan", "Penyidikan belum selesai"
		d.DIKSubject, d.ExemptUntil = "Berkas penyidikan", calendar.DateOf(testNow).AddDays(365) // PP 61/2010; Pasal 20
	}
	if errs, err := o.cw.Decide(context.Background(), o.users["ppid"], id, d); err != nil {
		o.t.Fatal(errs, err)
	}
}

func (o *office) addDocument(id int64, visibility, filename, text string) *store.Document {
	o.t.Helper()
	d, errs, err := o.cw.AddDocument(context.Background(), o.users["petugas"], id,
		casework.Upload{Kind: "response", Visibility: visibility, Filename: filename, Body: strings.NewReader(text)})
	if err != nil {
		o.t.Fatal(errs, err)
	}
	return d
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

var caseMeta = publishing.CaseMeta{Title: "Rincian anggaran pendidikan", Category: "setiap_saat",
	Summary: "Informasi yang diberikan atas permohonan.", Keywords: "anggaran; pendidikan",
	Responsible: "Kepala Dinas Pendidikan", MadePlace: "Bandung", MadeTime: "November 2026", Retention: "5 tahun"}

func TestPublishCase(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	id := o.caseWith()
	o.decide(id, request.StatusGranted)
	clean := o.addDocument(id, "public", "rincian-anggaran.txt", "Rincian anggaran pendidikan 2026 untuk pembangunan ruang kelas.")
	named := o.addDocument(id, "public", "surat-balasan.txt", "Jawaban untuk Ibu Siti Aminah atas permohonan informasi anggaran.")
	private := o.addDocument(id, "requester", "salinan-pemohon.txt", "Salinan khusus untuk pemohon.")
	r, err := o.s.RequestByID(ctx, access.Everything, id)
	if err != nil {
		t.Fatal(err)
	}

	// Only the PPID of the case's unit (or the PPID Utama) publishes a case.
	if _, _, err := o.svc.PublishCase(ctx, o.users["petugas"], id, caseMeta); !errors.Is(err, publishing.ErrForbidden) {
		t.Errorf("PublishCase by petugas: %v", err)
	}
	if _, _, err := o.svc.PublishCase(ctx, o.users["ppid-lain"], id, caseMeta); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("PublishCase by another unit: %v", err)
	}
	// The metadata is checked before anything is stored.
	noTitle := caseMeta
	noTitle.Title = " "
	outs, errs, err := o.svc.PublishCase(ctx, o.users["ppid"], id, noTitle)
	if err != nil || len(outs) != 0 || !maps.Equal(map[string]string(errs), map[string]string{"title": "Judul wajib diisi."}) {
		t.Errorf("PublishCase without a title: %v %v %v", outs, errs, err)
	}
	if n := o.count(`SELECT count(*) FROM publications`); n != 0 {
		t.Fatalf("%d publications after a refused PublishCase", n)
	}

	outs, errs, err = o.svc.PublishCase(ctx, o.users["ppid"], id, caseMeta)
	if err != nil || len(errs) > 0 {
		t.Fatalf("PublishCase: %v %v", errs, err)
	}
	if len(outs) != 2 {
		t.Fatalf("outcomes %+v, want 2", outs)
	}
	if o0 := outs[0]; o0.Filename != "rincian-anggaran.txt" || !o0.Published || o0.PublicationID == 0 || o0.Skipped != "" || len(o0.Findings) != 0 {
		t.Errorf("clean document: %+v", o0)
	}
	o1 := outs[1]
	if o1.Filename != "surat-balasan.txt" || o1.Published || o1.PublicationID == 0 || o1.Skipped != "" || len(o1.Findings) != 1 {
		t.Fatalf("document naming the requester: %+v", o1)
	}
	if f := o1.Findings[0]; f.Kind != "name" || f.Label != "nama pemohon" || f.Masked != "S. A." || strings.Contains(f.Context, "Siti") {
		t.Errorf("finding %+v", f)
	}

	pubs, err := o.s.CasePublications(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(pubs) != 2 {
		t.Fatalf("case publications %d, want 2", len(pubs))
	}
	for i, tc := range []struct {
		doc    *store.Document
		title  string
		status string
	}{{clean, "Rincian anggaran pendidikan (1/2)", "published"}, {named, "Rincian anggaran pendidikan (2/2)", "draft"}} {
		p := pubs[i]
		if p.ID != outs[i].PublicationID || p.Title != tc.title || p.Status != tc.status || p.Category != "setiap_saat" ||
			p.UnitID != o.unit || p.Year != 2026 || p.Summary != caseMeta.Summary || p.Keywords != "anggaran, pendidikan" ||
			p.RequestID.Int64 != id || !p.RegistrationNo.Valid || p.RegistrationNo.String != r.RegistrationNumber ||
			p.SourceDocumentID.Int64 != tc.doc.ID || p.SHA256 != tc.doc.SHA256 || p.Filename != tc.doc.Filename || p.DocType != "teks" {
			t.Errorf("publication %d: %+v", i, p)
		}
	}
	if got, want := o.events(pubs[0].ID), []string{"created|" + o.name("ppid") + "|", "published|" + o.name("ppid") + "|"}; !slices.Equal(got, want) {
		t.Errorf("events %q, want %q", got, want)
	}
	if got := o.events(pubs[1].ID); !slices.Equal(got, []string{"created|" + o.name("ppid") + "|"}) {
		t.Errorf("events of the held draft %q", got)
	}
	// Neither the requester-only document nor the decision letter is published.
	if n := o.count(`SELECT count(*) FROM publications WHERE source_document_id = $1`, private.ID); n != 0 {
		t.Errorf("requester-only document published %d times", n)
	}
	if n := o.count(`SELECT count(*) FROM publications WHERE source_document_id IN
		(SELECT id FROM documents WHERE request_id = $1 AND visibility <> 'public')`, id); n != 0 {
		t.Errorf("%d non-public documents published", n)
	}

	// Again: both are skipped, nothing new is stored.
	events := o.count(`SELECT count(*) FROM publication_events`)
	outs, errs, err = o.svc.PublishCase(ctx, o.users["utama"], id, caseMeta)
	if err != nil || len(errs) > 0 {
		t.Fatalf("second PublishCase: %v %v", errs, err)
	}
	want := []publishing.CaseOutcome{{Filename: "rincian-anggaran.txt", Skipped: "sudah pernah dipublikasikan"},
		{Filename: "surat-balasan.txt", Skipped: "sudah pernah dipublikasikan"}}
	if !slices.EqualFunc(outs, want, func(a, b publishing.CaseOutcome) bool {
		return a.Filename == b.Filename && a.Skipped == b.Skipped && a.PublicationID == 0 && !a.Published && a.Findings == nil
	}) {
		t.Errorf("second run %+v, want %+v", outs, want)
	}
	if n := o.count(`SELECT count(*) FROM publications`); n != 2 {
		t.Errorf("%d publications after the second run", n)
	}
	if n := o.count(`SELECT count(*) FROM publication_events`); n != events {
		t.Errorf("events %d → %d on the second run", events, n)
	}
}

func TestPublishCaseNotReleased(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()

	undecided := o.caseWith()
	o.addDocument(undecided, "public", "draf.txt", "Dokumen belum diputus.")
	if _, _, err := o.svc.PublishCase(ctx, o.users["ppid"], undecided, caseMeta); !errors.Is(err, publishing.ErrNotReleased) {
		t.Errorf("undecided case: %v, want ErrNotReleased", err)
	}

	refused := o.caseWith()
	o.decide(refused, request.StatusRefused)
	o.addDocument(refused, "public", "ditolak.txt", "Dokumen perkara yang ditolak.")
	if _, _, err := o.svc.PublishCase(ctx, o.users["ppid"], refused, caseMeta); !errors.Is(err, publishing.ErrNotReleased) {
		t.Errorf("refused case: %v, want ErrNotReleased", err)
	}

	// Granted, but nothing marked for publication.
	granted := o.caseWith()
	o.decide(granted, request.StatusGranted)
	o.addDocument(granted, "requester", "pemohon.txt", "Hanya untuk pemohon.")
	outs, errs, err := o.svc.PublishCase(ctx, o.users["ppid"], granted, caseMeta)
	wantErrs := map[string]string{"documents": "Belum ada dokumen yang ditandai \u201cuntuk publikasi\u201d pada perkara ini."}
	if err != nil || len(outs) != 0 || !maps.Equal(map[string]string(errs), wantErrs) {
		t.Errorf("granted without public documents: %v %v %v", outs, errs, err)
	}
	if _, _, err := o.svc.PublishCase(ctx, o.users["ppid"], granted+1000, caseMeta); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing case: %v", err)
	}
	if n := o.count(`SELECT count(*) FROM publications`); n != 0 {
		t.Errorf("%d publications", n)
	}
}

// importCSV is the metadata of the import folder, saved as Excel does: BOM, semicolons, CRLF.
const importCSV = "\ufeffTitle;Category;Unit;Year;Summary;Keywords;File;Form;Responsible;Made_place;Made_time;Retention\r\n" +
	"Laporan Keuangan 2025;Berkala;dinas pendidikan;2025;\"Ringkasan laporan keuangan; semester kedua\";keuangan, laporan;laporan-keuangan.txt;softcopy;Kepala Dinas;Bandung;Maret 2026;5 tahun\r\n" +
	"Data Sekolah;Setiap saat;Dinas Pendidikan;2024;Operator sekolah NIK 3273014505900003;sekolah;data-sekolah.txt;;Kepala Dinas;Bandung;Maret 2026;5 tahun\r\n" +
	"Dokumen Hilang;berkala;Dinas Pendidikan;2025;Ringkasan;;tidak-ada.pdf;;Kepala Dinas;Bandung;Maret 2026;5 tahun\r\n" +
	";;;;;;;;;;;\r\n" +
	"Di Luar Folder;berkala;Dinas Pendidikan;2025;Ringkasan;;../outside.txt;;Kepala Dinas;Bandung;Maret 2026;5 tahun\r\n" +
	"Unit Tak Dikenal;berkala;Dinas Antah Berantah;2025;Ringkasan;;unit-lain.txt;;Kepala Dinas;Bandung;Maret 2026;5 tahun\r\n" +
	"Rencana Kerja;Serta merta;Dinas Pendidikan;2026;Ringkasan rencana kerja;rencana;rencana.pdf;hardcopy;Kepala Dinas;Bandung;Maret 2026;5 tahun\r\n" +
	"Tahun Salah;berkala;Dinas Pendidikan;1900;Ringkasan;;laporan-lama.txt;;Kepala Dinas;Bandung;Maret 2026;5 tahun\r\n" +
	"Tautan Keluar;berkala;Dinas Pendidikan;2025;Ringkasan;;tautan.txt;;Kepala Dinas;Bandung;Maret 2026;5 tahun\r\n"

func importFolder(t *testing.T) string {
	t.Helper()
	base := t.TempDir()
	dir := filepath.Join(base, "arsip")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(path string, data []byte) {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The file outside exists: only the folder boundary keeps it out.
	write(filepath.Join(base, "outside.txt"), []byte("Berkas di luar folder impor."))
	write(filepath.Join(dir, "laporan-keuangan.txt"), []byte("Laporan keuangan Dinas Pendidikan semester kedua."))
	write(filepath.Join(dir, "data-sekolah.txt"), []byte("Data sekolah dasar negeri di kabupaten."))
	write(filepath.Join(dir, "unit-lain.txt"), []byte("Berkas unit yang belum terdaftar."))
	write(filepath.Join(dir, "rencana.pdf"), pdfDoc(t, "Rencana Kerja 2026", "Rencana kerja Dinas Pendidikan untuk tahun anggaran berikutnya."))
	write(filepath.Join(dir, "laporan-lama.txt"), []byte("Laporan lama."))
	// A symbolic link inside the folder that points out of it is refused as well.
	if err := os.Symlink(filepath.Join(base, "outside.txt"), filepath.Join(dir, "tautan.txt")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestImportFolder(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	dir := importFolder(t)

	outs, err := o.svc.ImportFolder(ctx, dir, strings.NewReader(importCSV))
	if err != nil {
		t.Fatal(err)
	}
	var draftID int64
	if err := o.s.DB().Get(&draftID, `SELECT id FROM publications WHERE filename = 'data-sekolah.txt'`); err != nil {
		t.Fatal(err)
	}
	want := []publishing.ImportOutcome{
		{Line: 2, File: "laporan-keuangan.txt", Published: true},
		{Line: 3, File: "data-sekolah.txt", Refused: fmt.Sprintf("data pribadi ditemukan (1); disimpan sebagai draf untuk diperiksa PPID di /kantor/publikasi/%d", draftID)},
		{Line: 4, File: "tidak-ada.pdf", Refused: `berkas "tidak-ada.pdf" tidak dapat dibaca dari folder: no such file or directory`},
		{Line: 6, File: "../outside.txt", Refused: `berkas "../outside.txt" tidak dapat dibaca dari folder: path escapes from parent`},
		{Line: 7, File: "unit-lain.txt", Refused: `unit "Dinas Antah Berantah" tidak dikenal (daftarkan dulu di /kantor/admin/unit)`},
		{Line: 8, File: "rencana.pdf", Published: true},
		{Line: 9, File: "laporan-lama.txt", Refused: "year: Tahun harus antara 1945 dan 2026."},
		{Line: 10, File: "tautan.txt", Refused: `berkas "tautan.txt" tidak dapat dibaca dari folder: path escapes from parent`},
	}
	checkOutcomes(t, outs, want)
	if fs := outs[1].Findings; len(fs) != 1 || fs[0].Kind != "nik" || fs[0].Masked != "3273********0003" {
		t.Errorf("findings of line 3: %+v", fs)
	}

	var pubs []struct {
		Title, Category, Summary, Keywords, Form, Status, Filename string
		Year                                                       int
		UnitID                                                     int64         `db:"unit_id"`
		CreatedBy                                                  sql.NullInt64 `db:"created_by"`
	}
	if err := o.s.DB().Select(&pubs, `SELECT title, category, summary, keywords, form, status, filename, year, unit_id, created_by
		FROM publications ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	type row struct{ title, category, summary, keywords, form, status, filename string }
	var got []row
	for _, p := range pubs {
		got = append(got, row{p.Title, p.Category, p.Summary, p.Keywords, p.Form, p.Status, p.Filename})
		if p.UnitID != o.unit || p.CreatedBy.Valid {
			t.Errorf("%s: unit %d created by %v", p.Title, p.UnitID, p.CreatedBy)
		}
	}
	wantRows := []row{
		{"Laporan Keuangan 2025", "berkala", "Ringkasan laporan keuangan; semester kedua", "keuangan, laporan", "softcopy", "published", "laporan-keuangan.txt"},
		{"Data Sekolah", "setiap_saat", "Operator sekolah NIK 3273014505900003", "sekolah", "softcopy", "draft", "data-sekolah.txt"},
		{"Rencana Kerja", "serta_merta", "Ringkasan rencana kerja", "rencana", "hardcopy", "published", "rencana.pdf"},
	}
	if !slices.Equal(got, wantRows) {
		t.Errorf("publications:\n got %+v\nwant %+v", got, wantRows)
	}
	if got := o.events(draftID); !slices.Equal(got, []string{"created|" + publishing.ImportActor.Label + "|"}) {
		t.Errorf("events of the draft %q", got)
	}
	var pdfText string
	if err := o.s.DB().Get(&pdfText, `SELECT body_text FROM publications WHERE filename = 'rencana.pdf'`); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(pdfText, "Rencana kerja Dinas Pendidikan untuk tahun anggaran berikutnya.") {
		t.Errorf("PDF text %q", pdfText)
	}

	// A rerun adds nothing: files already imported (published or held) are recognised by content.
	events := o.count(`SELECT count(*) FROM publication_events`)
	outs, err = o.svc.ImportFolder(ctx, dir, strings.NewReader(importCSV))
	if err != nil {
		t.Fatal(err)
	}
	want[0] = publishing.ImportOutcome{Line: 2, File: "laporan-keuangan.txt", Refused: "sudah pernah diimpor (isi berkas sama)"}
	want[1] = publishing.ImportOutcome{Line: 3, File: "data-sekolah.txt", Refused: "sudah pernah diimpor (isi berkas sama)"}
	want[5] = publishing.ImportOutcome{Line: 8, File: "rencana.pdf", Refused: "sudah pernah diimpor (isi berkas sama)"}
	checkOutcomes(t, outs, want)
	if n := o.count(`SELECT count(*) FROM publications`); n != 3 {
		t.Errorf("%d publications after the rerun, want 3", n)
	}
	if n := o.count(`SELECT count(*) FROM publication_events`); n != events {
		t.Errorf("events %d → %d on the rerun", events, n)
	}
}

func checkOutcomes(t *testing.T, got, want []publishing.ImportOutcome) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d outcomes %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		g := got[i]
		if g.Line != want[i].Line || g.File != want[i].File || g.Published != want[i].Published || g.Refused != want[i].Refused {
			t.Errorf("outcome %d:\n got {%d %q %v %q}\nwant {%d %q %v %q}", i, g.Line, g.File, g.Published, g.Refused,
				want[i].Line, want[i].File, want[i].Published, want[i].Refused)
		}
		if want[i].Refused == "" || strings.HasPrefix(want[i].Refused, "data pribadi") {
			continue
		}
		if len(g.Findings) != 0 {
			t.Errorf("outcome %d findings %+v", i, g.Findings)
		}
	}
}

// LibreOffice can quote every cell, the header included; after a BOM that must still read.
func TestImportFolderQuotedHeaderAfterBOM(t *testing.T) {
	o := newOffice(t)
	dir := importFolder(t)
	csv := "\ufeff\"title\",\"category\",\"unit\",\"year\",\"summary\",\"keywords\",\"file\",\"responsible\",\"made_place\",\"made_time\",\"retention\"\n" +
		"\"Laporan Keuangan 2025\",\"berkala\",\"Dinas Pendidikan\",\"2025\",\"Ringkasan, singkat\",\"keuangan\",\"laporan-keuangan.txt\",\"Kepala Dinas\",\"Bandung\",\"Maret 2026\",\"5 tahun\"\n"
	outs, err := o.svc.ImportFolder(context.Background(), dir, strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	checkOutcomes(t, outs, []publishing.ImportOutcome{{Line: 2, File: "laporan-keuangan.txt", Published: true}})
	var summary string
	if err := o.s.DB().Get(&summary, `SELECT summary FROM publications`); err != nil || summary != "Ringkasan, singkat" {
		t.Errorf("summary %q %v", summary, err)
	}
}

func TestImportFolderBadMetadataFile(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	dir := importFolder(t)
	tests := []struct{ name, csv, want string }{
		{"empty", "", "berkas metadata kosong"},
		{"missing columns", "title;category;year;summary;keywords\nA;berkala;2025;B;C\n",
			"berkas metadata tanpa kolom unit, file (kolom wajib: title, category, unit, year, summary, keywords, file)"},
		{"broken quotes", "title,category,unit,year,summary,keywords,file\n\"A,berkala\n", "berkas metadata tidak dapat dibaca: "},
	}
	for _, tt := range tests {
		outs, err := o.svc.ImportFolder(ctx, dir, strings.NewReader(tt.csv))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) || len(outs) != 0 {
			t.Errorf("%s: %v %v, want %q", tt.name, outs, err, tt.want)
		}
	}
	if _, err := o.svc.ImportFolder(ctx, filepath.Join(dir, "tidak-ada"), strings.NewReader(importCSV)); err == nil ||
		!strings.HasPrefix(err.Error(), "folder "+filepath.Join(dir, "tidak-ada")+": ") {
		t.Errorf("missing folder: %v", err)
	}
	if n := o.count(`SELECT count(*) FROM publications`); n != 0 {
		t.Errorf("%d publications", n)
	}
}

// Findings decodes what the service stored; drafting and publishing follow the permission table.
func TestPublishingFindingsAndRoles(t *testing.T) {
	stored := []publishing.Finding{{Kind: "email", Label: "alamat surel", Masked: "a***@b.id", Context: "x a***@b.id y"}}
	raw, _ := json.Marshal(stored)
	if got := publishing.Findings(&store.Publication{PIIFindings: raw}); !slices.Equal(got, stored) {
		t.Errorf("Findings = %+v", got)
	}
	if got := publishing.Findings(&store.Publication{PIIFindings: json.RawMessage("[]")}); len(got) != 0 {
		t.Errorf("Findings of [] = %+v", got)
	}
	var nobody *store.User
	if (&store.User{Role: "petugas"}).Can(access.PublishDocument) || !(&store.User{Role: "ppid"}).Can(access.PublishDocument) ||
		!(&store.User{Role: "petugas"}).Can(access.DraftPublication) || (&store.User{Role: "atasan"}).Can(access.DraftPublication) ||
		(&store.User{Role: "admin"}).Can(access.DraftPublication) || nobody.Can(access.DraftPublication) || nobody.Can(access.PublishDocument) {
		t.Error("role checks")
	}
}
