package casework_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/config"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/letters"
	"github.com/terbuka-id/terbuka/internal/numbering"
	"github.com/terbuka-id/terbuka/internal/officecalendar"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
	"github.com/terbuka-id/terbuka/internal/testsupport"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

func TestMain(m *testing.M) { testdb.Main(m) }

var jakarta, _ = time.LoadLocation("Asia/Jakarta")

// at is a moment in October 2026 in Jakarta; the month has no holiday, so working days are
// Monday to Friday and the expected dates below are counted by hand.
func at(day, hour int) time.Time { return time.Date(2026, time.October, day, hour, 0, 0, 0, jakarta) }

// requesterEmail receives the requester's mails.
const requesterEmail = "siti@contoh.id"

// office is a migrated database with the PPID Utama, two PPID Pelaksana, their accounts, the
// 2025–2026 holidays of the migrations, and the casework service on a clock the test moves.
type office struct {
	t     *testing.T
	ctx   context.Context
	s     *store.Store
	cal   *officecalendar.Source
	clock *testsupport.Clock
	in    *intake.Service
	cw    *casework.Service
	blobs *recordingBlobs
	// Units: the PPID Utama, Dinas Pendidikan and Dinas Kesehatan (both pelaksana).
	mainUnit, dinas, other int64
	users                  map[string]*store.User
}

// accounts of the office by short name: role and unit ("utama", "dinas", "other").
var accounts = []struct {
	name   string
	role   access.Role
	unit   string
	active bool
}{
	{"ppid-utama", access.PPID, "utama", true},
	{"petugas-utama", access.Petugas, "utama", true},
	{"atasan", access.Atasan, "utama", true},
	{"admin", access.Admin, "utama", true},
	{"petugas-off", access.Petugas, "utama", false},
	{"ppid-dinas", access.PPID, "dinas", true},
	{"petugas-dinas", access.Petugas, "dinas", true},
	{"ppid-lain", access.PPID, "other", true},
	{"petugas-lain", access.Petugas, "other", true},
	{"atasan-lain", access.Atasan, "other", true},
}

func newOffice(t *testing.T) *office {
	t.Helper()
	ctx := context.Background()
	o := &office{t: t, ctx: ctx, s: testdb.Store(t), clock: testsupport.NewClock(at(5, 10)), users: map[string]*store.User{}}
	var err error
	if o.cal, err = officecalendar.Load(ctx, o.s, calendar.Options{Location: jakarta, ClosesAt: 16 * time.Hour, CutiBersamaIsHoliday: true}); err != nil {
		t.Fatal(err)
	}
	box, err := secret.NewBox(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	format, err := numbering.Parse(config.Default().Requests.RegistrationFormat)
	if err != nil {
		t.Fatal(err)
	}
	o.in = &intake.Service{Store: o.s, Calendar: o.cal.Current, Box: box, Format: format, Now: o.clock.Now,
		OfficeName: "PPID Uji", BaseURL: "http://uji.test"}
	disk, err := files.NewDisk(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	o.blobs = &recordingBlobs{Blobs: disk}
	letterhead := letters.Office{Name: "PPID Uji", Address: "Jl. Uji 1", City: "Bandung"}
	o.cw = &casework.Service{Store: o.s, Calendar: o.cal.Current, Now: o.clock.Now,
		Office: func() letters.Office { return letterhead }, OfficeName: "PPID Uji", BaseURL: "http://uji.test",
		Blobs: o.blobs, MaxUpload: 64 << 10}

	o.must(o.s.DB().GetContext(ctx, &o.mainUnit, `SELECT id FROM units WHERE kind = 'utama'`))
	if o.dinas, err = o.s.CreateUnit(ctx, "Dinas Pendidikan"); err != nil {
		t.Fatal(err)
	}
	if o.other, err = o.s.CreateUnit(ctx, "Dinas Kesehatan"); err != nil {
		t.Fatal(err)
	}
	units := map[string]int64{"utama": o.mainUnit, "dinas": o.dinas, "other": o.other}
	for _, a := range accounts {
		id, err := o.s.CreateUser(ctx, store.NewUser{Email: a.name + "@uji.test", Name: "Nama " + a.name, Role: a.role,
			UnitID: units[a.unit], PasswordHash: "x"}, nil)
		if err != nil {
			t.Fatal(a.name, err)
		}
		if !a.active {
			o.must(o.s.SetUserActive(ctx, id, false))
		}
		if o.users[a.name], err = o.s.UserByID(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	return o
}

func (o *office) must(err error) {
	o.t.Helper()
	if err != nil {
		o.t.Fatal(err)
	}
}

func (o *office) user(name string) *store.User {
	o.t.Helper()
	u, ok := o.users[name]
	if !ok {
		o.t.Fatalf("no account %q", name)
	}
	return u
}

// set moves the application clock.
func (o *office) set(t time.Time) { o.clock.Set(t) }

// submit registers a citizen's web request at the clock's time, in the PPID Utama.
func (o *office) submit() int64 {
	o.t.Helper()
	receipt, errs, err := o.in.Submit(o.ctx, request.Submission{RequesterKind: "perorangan", Name: "Siti Aminah",
		NIK: "3273014507900003", Address: "Jl. Cihampelas 12, Bandung", Phone: "0812 2233 4455", Email: requesterEmail,
		Occupation: "Guru", Information: "Salinan RKA Dinas Pendidikan tahun 2026", Purpose: "Diskusi komite sekolah",
		ObtainMethod: "softcopy", DeliveryMethod: "email", PublishConsent: true}, intake.Origin{Channel: "web"})
	if err != nil {
		o.t.Fatal(err, errs)
	}
	return receipt.RequestID
}

func (o *office) request(id int64) *store.Request {
	o.t.Helper()
	r, err := o.s.RequestByID(o.ctx, access.Everything, id)
	o.must(err)
	return r
}

func (o *office) events(id int64) []store.Event {
	o.t.Helper()
	evs, err := o.s.Events(o.ctx, id, false)
	o.must(err)
	return evs
}

// lastEvent is the newest history row of a case.
func (o *office) lastEvent(id int64) store.Event {
	o.t.Helper()
	evs := o.events(id)
	if len(evs) == 0 {
		o.t.Fatal("no events")
	}
	return evs[len(evs)-1]
}

func (o *office) letters(id int64) []store.LetterRecord {
	o.t.Helper()
	ls, err := o.s.Letters(o.ctx, id)
	o.must(err)
	return ls
}

func (o *office) documents(id int64) []store.Document {
	o.t.Helper()
	ds, err := o.s.Documents(o.ctx, id)
	o.must(err)
	return ds
}

func (o *office) mails(id int64) []store.Mail {
	o.t.Helper()
	ms, err := o.s.OutboxFor(o.ctx, id)
	o.must(err)
	// Notices to officers of new work are counted in officer_notices_test.go; these tests follow the requester's mail.
	return slices.DeleteFunc(ms, func(m store.Mail) bool { return strings.HasPrefix(m.Template, "officer_new_") })
}

// lastMail is the newest mail queued for a case.
func (o *office) lastMail(id int64) store.Mail {
	o.t.Helper()
	ms := o.mails(id)
	if len(ms) == 0 {
		o.t.Fatal("no mails")
	}
	return ms[len(ms)-1]
}

// counter is the last number taken in a series this year; 0 when none was.
func (o *office) counter(series string) int {
	o.t.Helper()
	var n int
	err := o.s.DB().GetContext(o.ctx, &n, `SELECT coalesce((SELECT last_seq FROM counters WHERE series = $1 AND year = 2026), 0)`, series)
	o.must(err)
	return n
}

func (o *office) count(query string, args ...any) int {
	o.t.Helper()
	var n int
	o.must(o.s.DB().GetContext(o.ctx, &n, query, args...))
	return n
}

// letterNumber is the n-th letter number of October 2026.
func letterNumber(n int) string { return fmt.Sprintf("%04d/SRT-PPID/X/2026", n) }

// snapshotTables are every table a case step writes to.
var snapshotTables = []string{"requests", "request_events", "letters", "documents", "outbox", "counters",
	"decisions", "objections", "disputes"}

// snapshot is the full content of every table a step writes to, row by row, as PostgreSQL
// prints a row: two equal snapshots mean nothing was written, updated or deleted.
type snapshot map[string]string

func (o *office) snapshot() snapshot {
	o.t.Helper()
	snap := snapshot{}
	for _, table := range snapshotTables {
		var rows string
		err := o.s.DB().GetContext(o.ctx, &rows,
			`SELECT coalesce(string_agg(x::text, E'\n' ORDER BY x::text), '') FROM `+table+` x`)
		o.must(err)
		var n int
		o.must(o.s.DB().GetContext(o.ctx, &n, `SELECT count(*) FROM `+table))
		snap[table] = fmt.Sprintf("%d rows\n%s", n, rows)
	}
	return snap
}

// unchanged fails the test, naming each table that differs from before.
func (o *office) unchanged(before snapshot, what string) {
	o.t.Helper()
	after := o.snapshot()
	for _, table := range snapshotTables {
		if before[table] != after[table] {
			o.t.Errorf("%s changed table %s:\nbefore: %s\nafter:  %s", what, table, before[table], after[table])
		}
	}
}

// refused checks err is a workflow refusal (a move the rules do not allow).
func refused(t *testing.T, err error, what string) *workflow.Refusal {
	t.Helper()
	var r *workflow.Refusal
	if !errors.As(err, &r) {
		t.Fatalf("%s: want a workflow refusal, got %v", what, err)
	}
	return r
}

// decision builders: what an officer writes on the notice form.
func granted(noticeAt time.Time) workflow.Decision {
	return workflow.Decision{Kind: request.StatusGranted, NoticeAt: noticeAt, InformationGiven: "Salinan RKA 2026",
		Form: "Salinan elektronik (PDF)", Cost: "Tanpa biaya", DeliveryTime: "Hari ini melalui e-mail"}
}

func refusal(noticeAt time.Time) workflow.Decision {
	return workflow.Decision{Kind: request.StatusRefused, NoticeAt: noticeAt, ExemptionLetters: []string{"h", "i"},
		LegalBasis: "UU 14/2008 Pasal 17 huruf h dan i", Harm: "Mengungkap data pribadi siswa dan catatan rapat internal",
		PublicInterest: "Kepentingan publik tidak lebih besar daripada perlindungan data pribadi anak",
		DIKSubject:     "Data pribadi siswa dan notulen rapat internal"} // PP 61/2010: the kind of information, for the DIK
}

// recordingBlobs keeps blobs on disk and remembers each blob it stored; failPut, when set,
// makes the n-th Put (counted from 1 since the last reset) fail as a full disk would.
type recordingBlobs struct {
	files.Blobs
	mu      sync.Mutex
	puts    []string
	failPut int
}

var errDiskFull = errors.New("blob store: injected failure: no space left on device")

func (b *recordingBlobs) Put(ctx context.Context, r io.Reader, maxBytes int64) (files.Stored, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.failPut > 0 && len(b.puts)+1 == b.failPut {
		b.puts = append(b.puts, "(failed)")
		return files.Stored{}, errDiskFull
	}
	st, err := b.Blobs.Put(ctx, r, maxBytes)
	if err == nil {
		b.puts = append(b.puts, st.SHA256)
	}
	return st, err
}

// reset forgets the recorded blobs and sets the Put to fail (0: none).
func (b *recordingBlobs) reset(failPut int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.puts, b.failPut = nil, failPut
}

// stored lists the blobs stored since the last reset.
func (b *recordingBlobs) stored() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, s := range b.puts {
		if s != "(failed)" {
			out = append(out, s)
		}
	}
	return out
}

// readDocument opens a case document as an officer and returns its bytes.
func (o *office) readDocument(actor *store.User, requestID, documentID int64) []byte {
	o.t.Helper()
	_, blob, err := o.cw.Document(o.ctx, actor, requestID, documentID)
	o.must(err)
	defer blob.Close()
	b, err := io.ReadAll(blob)
	o.must(err)
	return b
}

// isPDF reports whether b starts like a PDF file.
func isPDF(b []byte) bool { return strings.HasPrefix(string(b), "%PDF-") }

func nullTime(t time.Time) sql.NullTime { return sql.NullTime{Time: t, Valid: true} }
