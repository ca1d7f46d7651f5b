package jobs_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/jobs"
	"github.com/terbuka-id/terbuka/internal/letters"
	"github.com/terbuka-id/terbuka/internal/mailtext"
	"github.com/terbuka-id/terbuka/internal/officecalendar"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

var watchZone, _ = time.LoadLocation("Asia/Jakarta")

// watchAt is 10:00 WIB on the given day, inside office hours.
func watchAt(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 10, 0, 0, 0, watchZone) }

func watchDay(y int, m time.Month, d int) calendar.Date { return calendar.NewDate(y, m, d) }

// watchOffice is a migrated database with a PPID Utama, one PPID Pelaksana ("Dinas Pendidikan") and
// another unit, their watchAccounts, the real calendar of 2025–2026 and the casework service, with a
// clock the test moves.
type watchOffice struct {
	t     *testing.T
	url   string
	s     *store.Store
	cal   *officecalendar.Source
	cw    *casework.Service
	unit  int64 // Dinas Pendidikan
	other int64 // Dinas Kesehatan
	users map[string]*store.User
	mu    sync.Mutex
	now   time.Time
}

// Accounts of the office, by short name: role, unit ("utama", "unit", "other"), active, e-mail.
var watchAccounts = []struct {
	name, role, unit string
	active           bool
	email            string
}{
	{"utama", "ppid", "utama", true, "utama@uji.test"},
	{"petugas-utama", "petugas", "utama", true, "petugas.utama@uji.test"},
	{"atasan", "atasan", "utama", true, "atasan@uji.test"},
	{"atasan-unit", "atasan", "unit", true, "atasan.unit@uji.test"},
	{"atasan-off", "atasan", "utama", false, "atasan.off@uji.test"},
	{"ppid", "ppid", "unit", true, "ppid@uji.test"},
	{"ppid2", "ppid", "unit", true, "ppid2@uji.test"},
	{"ppid-off", "ppid", "unit", false, "ppid.off@uji.test"},
	{"ppid-tanpa-surel", "ppid", "unit", true, ""},
	{"petugas", "petugas", "unit", true, "petugas@uji.test"},
	{"petugas2", "petugas", "unit", true, "petugas2@uji.test"},
	{"ppid-lain", "ppid", "other", true, "ppid.lain@uji.test"},
}

func newWatchOffice(t *testing.T, now time.Time) *watchOffice {
	t.Helper()
	ctx := context.Background()
	o := &watchOffice{t: t, url: testdb.URL(t), users: map[string]*store.User{}, now: now}
	o.s = o.open()
	var err error
	if o.cal, err = officecalendar.Load(ctx, o.s, calendar.Options{Location: watchZone, CutiBersamaIsHoliday: true}); err != nil {
		t.Fatal(err)
	}
	var mainUnit int64
	if err := o.s.DB().GetContext(ctx, &mainUnit, `SELECT id FROM units WHERE kind = 'utama'`); err != nil {
		t.Fatal(err)
	}
	if o.unit, err = o.s.CreateUnit(ctx, "Dinas Pendidikan"); err != nil {
		t.Fatal(err)
	}
	if o.other, err = o.s.CreateUnit(ctx, "Dinas Kesehatan"); err != nil {
		t.Fatal(err)
	}
	units := map[string]int64{"utama": mainUnit, "unit": o.unit, "other": o.other}
	for _, a := range watchAccounts {
		id, err := o.s.CreateUser(ctx, store.NewUser{Email: a.email, Name: a.name, Role: access.Role(a.role), UnitID: units[a.unit], PasswordHash: "x"}, nil)
		if err != nil {
			t.Fatal(a.name, err)
		}
		if !a.active {
			if err := o.s.SetUserActive(ctx, id, false); err != nil {
				t.Fatal(err)
			}
		}
		if o.users[a.name], err = o.s.UserByID(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	blobs, err := files.NewDisk(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	o.cw = &casework.Service{Store: o.s, Calendar: o.cal.Current, Now: o.clock, Office: func() letters.Office { return letters.Office{Name: "PPID Uji", City: "Bandung"} },
		OfficeName: "PPID Uji", BaseURL: "http://uji.test", Blobs: blobs, MaxUpload: 1 << 20}
	return o
}

// open connects another pool to the same database, as a second app instance would.
func (o *watchOffice) open() *store.Store {
	s, err := store.Open(context.Background(), o.url, 4)
	if err != nil {
		o.t.Fatal(err)
	}
	o.t.Cleanup(func() { s.Close() })
	return s
}

func (o *watchOffice) clock() time.Time { o.mu.Lock(); defer o.mu.Unlock(); return o.now }

func (o *watchOffice) set(t time.Time) { o.mu.Lock(); defer o.mu.Unlock(); o.now = t }

func (o *watchOffice) deadlineWatch(s *store.Store) jobs.DeadlineWatch {
	return jobs.DeadlineWatch{Store: s, Calendar: o.cal.Current, Reminders: []int{3, 1}, EscalateEvery: 5,
		BaseURL: "http://uji.test", OfficeName: "PPID Uji"}
}

func (o *watchOffice) objectionWatch(s *store.Store) jobs.ObjectionWatch {
	return jobs.ObjectionWatch{Store: s, Calendar: o.cal.Current, Reminders: []int{3, 1},
		BaseURL: "http://uji.test", OfficeName: "PPID Uji"}
}

// runDeadlines runs the deadline watch at t (and moves the clock there).
func (o *watchOffice) runDeadlines(t time.Time) jobs.Result {
	o.t.Helper()
	o.set(t)
	res, err := o.deadlineWatch(o.s).Run(context.Background(), t)
	if err != nil {
		o.t.Fatalf("deadline watch at %v: %v", t, err)
	}
	return res
}

func (o *watchOffice) runObjections(t time.Time) jobs.Result {
	o.t.Helper()
	o.set(t)
	res, err := o.objectionWatch(o.s).Run(context.Background(), t)
	if err != nil {
		o.t.Fatalf("objection watch at %v: %v", t, err)
	}
	return res
}

func watchRandomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

// request registers a request due on due, received two weeks before, in the PPID Utama.
func (o *watchOffice) request(due calendar.Date, email string) int64 {
	o.t.Helper()
	received := due.AddDays(-14).In(watchZone).Add(10 * time.Hour)
	reg, err := o.s.InsertRequest(context.Background(), store.NewRequest{
		Year: 2026, NumberPrefix: "", NumberWidth: 4, NumberSuffix: "/PPID/2026",
		TrackingCodeHash: watchRandomBytes(32), Channel: "web", RequesterKind: "perorangan", RequesterName: "Siti Aminah",
		NIKSealed: watchRandomBytes(45), NIKLookup: watchRandomBytes(32), Address: "Jl. Merdeka 1", Phone: "0812345678",
		Email: email, Occupation: "Guru", Information: "Anggaran dinas pendidikan 2026", Purpose: "Riset",
		ObtainMethod: "softcopy", DeliveryMethod: "email", ReceivedAt: received,
		CountingFrom: calendar.DateOf(received), ResponseDue: due, ActorLabel: "Pemohon"})
	if err != nil {
		o.t.Fatal(err)
	}
	return reg.ID
}

// forward and assign go through casework, as an officer of the PPID Utama would do them.
func (o *watchOffice) forward(id, unit int64) {
	o.t.Helper()
	if err := o.cw.Forward(context.Background(), o.users["utama"], id, unit); err != nil {
		o.t.Fatal(err)
	}
}

func (o *watchOffice) assign(id int64, officer string) {
	o.t.Helper()
	if err := o.cw.Assign(context.Background(), o.users["utama"], id, o.users[officer].ID); err != nil {
		o.t.Fatal(err)
	}
}

func (o *watchOffice) decide(id int64) {
	o.t.Helper()
	d := workflow.Decision{Kind: request.StatusNotHeld, NoticeAt: o.clock(), HoldingBody: "Dinas Kesehatan"}
	if errs, err := o.cw.Decide(context.Background(), o.users["utama"], id, d); err != nil {
		o.t.Fatal(err, errs)
	}
}

// noticeKeys lists the keys of a request's notices, in insertion order.
func (o *watchOffice) noticeKeys(id int64) []string {
	o.t.Helper()
	var keys []string
	if err := o.s.DB().Select(&keys, `SELECT key FROM case_notices WHERE request_id = $1 ORDER BY id`, id); err != nil {
		o.t.Fatal(err)
	}
	return keys
}

// recipients lists who a request's mails of template went to, sorted, with repeats.
func (o *watchOffice) recipients(id int64, template string) []string {
	o.t.Helper()
	var rs []string
	if err := o.s.DB().Select(&rs, `SELECT recipient FROM outbox WHERE request_id = $1 AND template = $2 ORDER BY recipient COLLATE "C"`, id, template); err != nil {
		o.t.Fatal(err)
	}
	return rs
}

// mailsTo returns a request's mails of template, in the order queued.
func (o *watchOffice) mailsTo(id int64, template string) []store.Mail {
	o.t.Helper()
	all, err := o.s.OutboxFor(context.Background(), id)
	if err != nil {
		o.t.Fatal(err)
	}
	return slices.DeleteFunc(all, func(m store.Mail) bool { return m.Template != template })
}

// count runs a count(*) query.
func (o *watchOffice) count(query string, args ...any) int {
	o.t.Helper()
	var n int
	if err := o.s.DB().Get(&n, query, args...); err != nil {
		o.t.Fatal(err)
	}
	return n
}

// snapshot is every notice and every mail in the database, to compare runs.
func (o *watchOffice) snapshot() string {
	o.t.Helper()
	var rows []string
	err := o.s.DB().Select(&rows, `
		SELECT line FROM (
			SELECT 'notice ' || key || ' ' || kind || ' ' || level AS line FROM case_notices
			UNION ALL SELECT 'mail ' || template || ' ' || recipient || ' ' || coalesce(request_id::text, '') || ' ' ||
				coalesce(data->>'level', '') FROM outbox WHERE template <> 'user_invited'
			UNION ALL SELECT 'event ' || request_id || ' ' || kind FROM request_events WHERE kind IN ('overdue', 'objection_lapsed')
		) x ORDER BY line COLLATE "C"`)
	if err != nil {
		o.t.Fatal(err)
	}
	var b bytes.Buffer
	for _, r := range rows {
		fmt.Fprintln(&b, r)
	}
	return b.String()
}

// render renders a queued mail as its reader will see it.
func watchRender(t *testing.T, m store.Mail) mailtext.Message {
	t.Helper()
	r, err := mailtext.New()
	if err != nil {
		t.Fatal(err)
	}
	msg, err := r.Render(m.Template, m.Data)
	if err != nil {
		t.Fatal(err)
	}
	return msg
}

func watchSorted(s ...string) []string { return slices.Sorted(slices.Values(s)) }
