package web_test

import (
	"context"
	"encoding/json"
	"errors"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/store"
)

func signInAdmin(t *testing.T, app *testApp) *officer {
	t.Helper()
	return signIn(t, app, "admin@uji.test", "admin", "rahasia-admin")
}

func idOf(t *testing.T, app *testApp, query string, args ...any) string {
	t.Helper()
	var id string
	if err := app.Store.DB().Get(&id, query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return id
}

var secretPattern = regexp.MustCompile(`<code class="admin-secret">([^<]+)</code>`)

func TestAdminPagesAreForAdministratorsOnly(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	admin := signInAdmin(t, app)
	submitViaAPI(t, app) // gives the outbox a row to open
	mailID := idOf(t, app, `SELECT id::text FROM outbox`)
	adminID := idOf(t, app, `SELECT id::text FROM users WHERE email = 'admin@uji.test'`)
	pages := []string{"/kantor/admin", "/kantor/admin/pengguna", "/kantor/admin/pengguna/baru", "/kantor/admin/unit",
		"/kantor/admin/hari-libur", "/kantor/admin/hari-libur?tahun=2025", "/kantor/admin/hari-libur/tahun-baru",
		"/kantor/admin/kantor", "/kantor/admin/surel", "/kantor/admin/surel?status=failed", "/kantor/admin/surel/" + mailID}
	posts := []string{"/kantor/admin/pengguna/baru", "/kantor/admin/pengguna/" + adminID + "/nonaktifkan",
		"/kantor/admin/pengguna/" + adminID + "/aktifkan", "/kantor/admin/pengguna/" + adminID + "/reset-sandi",
		"/kantor/admin/unit", "/kantor/admin/unit/1/ubah-nama", "/kantor/admin/unit/1/nonaktifkan", "/kantor/admin/unit/1/aktifkan",
		"/kantor/admin/hari-libur", "/kantor/admin/hari-libur/1/hapus", "/kantor/admin/hari-libur/tahun-baru",
		"/kantor/admin/kantor", "/kantor/admin/surel/" + mailID + "/kirim-ulang"}

	for _, p := range pages {
		if st := admin.status(p); st != http.StatusOK {
			t.Errorf("admin GET %s: %d", p, st)
		}
	}
	if !strings.Contains(admin.get("/kantor"), `href="/kantor/admin"`) {
		t.Error("the administrator's menu lacks the Admin link")
	}

	for _, role := range []string{"ppid", "petugas", "atasan"} {
		o := signIn(t, app, role+"@uji.test", role, "rahasia-"+role)
		if strings.Contains(o.get("/kantor"), `href="/kantor/admin"`) {
			t.Errorf("%s sees the Admin link", role)
		}
		for _, p := range pages {
			if st := o.status(p); st != http.StatusForbidden {
				t.Errorf("%s GET %s: %d, want 403", role, p, st)
			}
		}
		for _, p := range posts {
			form := url.Values{"name": {"Unit Liar"}, "email": {"liar@uji.test"}, "role": {"admin"}, "unit_id": {"1"},
				"date": {"2026-11-10"}, "kind": {"libur"}, "timezone": {"UTC"}, "closes_at": {"10:00"}}
			if st, _, _ := o.post(p, form); st != http.StatusForbidden {
				t.Errorf("%s POST %s: %d, want 403", role, p, st)
			}
		}
	}
	var n int
	app.Store.DB().Get(&n, `SELECT count(*) FROM users WHERE email = 'liar@uji.test' OR NOT active`)
	if n != 0 {
		t.Error("a refused POST changed accounts")
	}

	anon := newClient(t)
	for _, p := range pages {
		resp, err := anon.Get(app.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		readBody(t, resp)
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/kantor/masuk") {
			t.Errorf("signed out GET %s: %d %s", p, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
}

func TestAdminInvitesUserWithTemporaryPassword(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	admin := signInAdmin(t, app)
	utama := idOf(t, app, `SELECT id::text FROM units WHERE kind = 'utama'`)

	// Field errors keep what was typed.
	st, _, page := admin.post("/kantor/admin/pengguna/baru", url.Values{"name": {""}, "email": {"bukan-email"}, "role": {"raja"}, "unit_id": {"999"}})
	if st != http.StatusUnprocessableEntity {
		t.Fatalf("invalid invite: %d", st)
	}
	for _, want := range []string{"Nama wajib diisi.", "Alamat e-mail tidak valid", "Pilih peran.", "Pilih unit yang aktif.", `value="bukan-email"`} {
		if !strings.Contains(page, want) {
			t.Errorf("invalid invite page lacks %q", want)
		}
	}

	invite := url.Values{"name": {"Rina Wulandari"}, "email": {"Rina@Uji.test"}, "role": {"petugas"}, "unit_id": {utama}}
	st, flash, page := admin.post("/kantor/admin/pengguna/baru", invite)
	if st != http.StatusSeeOther || !strings.Contains(flash, "Rina Wulandari") {
		t.Fatalf("invite: %d %q", st, flash)
	}
	m := secretPattern.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the temporary password is not shown after the invitation")
	}
	temp := m[1]
	if len(temp) < 12 {
		t.Errorf("temporary password %q is shorter than 12 characters", temp)
	}
	if !strings.Contains(page, "rina@uji.test") || !strings.Contains(page, "Petugas layanan informasi") || !strings.Contains(page, "PPID Utama") {
		t.Error("user list lacks the new account's e-mail, role label or unit")
	}
	if strings.Contains(admin.get("/kantor/admin/pengguna"), temp) {
		t.Error("the temporary password is shown a second time")
	}

	// The new officer signs in with it, whatever the case of the e-mail.
	if _, resp := login(t, app, "RINA@uji.test", temp); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/kantor" {
		t.Fatalf("login with the temporary password: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}

	// The invitation is queued, and carries no password.
	var mails []struct {
		Recipient string `db:"recipient"`
		Data      string `db:"data"`
	}
	if err := app.Store.DB().Select(&mails, `SELECT recipient, data::text AS data FROM outbox WHERE template = 'user_invited'`); err != nil {
		t.Fatal(err)
	}
	if len(mails) != 1 || mails[0].Recipient != "rina@uji.test" || !strings.Contains(mails[0].Data, "Rina Wulandari") {
		t.Fatalf("invitation mails: %+v", mails)
	}
	if strings.Contains(mails[0].Data, temp) || strings.Contains(strings.ToLower(mails[0].Data), "password") {
		t.Errorf("invitation carries the password: %s", mails[0].Data)
	}

	// The same e-mail in another case is a field error, not a second account or a 500.
	dup := url.Values{"name": {"Rina Lain"}, "email": {"RINA@UJI.TEST"}, "role": {"ppid"}, "unit_id": {utama}}
	st, _, page = admin.post("/kantor/admin/pengguna/baru", dup)
	if st != http.StatusUnprocessableEntity || !strings.Contains(page, "sudah dipakai") || !strings.Contains(page, `value="Rina Lain"`) {
		t.Errorf("duplicate e-mail: %d", st)
	}
	var n int
	app.Store.DB().Get(&n, `SELECT count(*) FROM users WHERE lower(email) = 'rina@uji.test'`)
	if n != 1 {
		t.Errorf("%d accounts with the e-mail", n)
	}

	// A reset replaces the password with a new one, shown once; the old one stops working.
	rina := idOf(t, app, `SELECT id::text FROM users WHERE email = 'rina@uji.test'`)
	st, _, page = admin.post("/kantor/admin/pengguna/"+rina+"/reset-sandi", url.Values{})
	m = secretPattern.FindStringSubmatch(page)
	if st != http.StatusSeeOther || m == nil || m[1] == temp {
		t.Fatalf("reset: %d %v", st, m)
	}
	if _, resp := login(t, app, "rina@uji.test", temp); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("old password after reset: %d", resp.StatusCode)
	}
	if _, resp := login(t, app, "rina@uji.test", m[1]); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("new password after reset: %d", resp.StatusCode)
	}
	if strings.Contains(app.Logs.String(), temp) || strings.Contains(app.Logs.String(), m[1]) {
		t.Error("logs carry a temporary password")
	}
}

func TestAdminDeactivatesUser(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	admin := signInAdmin(t, app)
	petugas := signIn(t, app, "petugas@uji.test", "petugas", "rahasia-petugas")
	if st := petugas.status("/kantor"); st != http.StatusOK {
		t.Fatalf("petugas before: %d", st)
	}
	pid := idOf(t, app, `SELECT id::text FROM users WHERE email = 'petugas@uji.test'`)
	if st, flash, _ := admin.post("/kantor/admin/pengguna/"+pid+"/nonaktifkan", url.Values{}); st != http.StatusSeeOther || !strings.Contains(flash, "dinonaktifkan") {
		t.Fatalf("deactivate: %d %q", st, flash)
	}
	// The open session ends at its next request.
	resp, err := petugas.c.Get(app.URL + "/kantor")
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/kantor/masuk") {
		t.Errorf("deactivated officer's next request: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, resp := login(t, app, "petugas@uji.test", "rahasia-petugas"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("deactivated officer logs in: %d", resp.StatusCode)
	}

	// No administrator can lock themselves out.
	self := idOf(t, app, `SELECT id::text FROM users WHERE email = 'admin@uji.test'`)
	if _, flash, _ := admin.post("/kantor/admin/pengguna/"+self+"/nonaktifkan", url.Values{}); !strings.Contains(html.UnescapeString(flash), "akun Anda sendiri") {
		t.Errorf("self-deactivation: flash %q", flash)
	}
	if st := admin.status("/kantor/admin"); st != http.StatusOK {
		t.Errorf("admin after self-deactivation attempt: %d", st)
	}

	if st, _, _ := admin.post("/kantor/admin/pengguna/"+pid+"/aktifkan", url.Values{}); st != http.StatusSeeOther {
		t.Fatalf("reactivate: %d", st)
	}
	if _, resp := login(t, app, "petugas@uji.test", "rahasia-petugas"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("reactivated officer logs in: %d", resp.StatusCode)
	}
	if st, _, _ := admin.post("/kantor/admin/pengguna/999999/nonaktifkan", url.Values{}); st != http.StatusNotFound {
		t.Errorf("unknown account: %d", st)
	}
}

func TestAdminUnits(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	admin := signInAdmin(t, app)
	st, flash, page := admin.post("/kantor/admin/unit", url.Values{"name": {"PPID Pelaksana Dinas Kesehatan"}})
	if st != http.StatusSeeOther || !strings.Contains(flash, "ditambahkan") || !strings.Contains(page, "PPID Pelaksana Dinas Kesehatan") {
		t.Fatalf("add unit: %d %q", st, flash)
	}
	st, _, page = admin.post("/kantor/admin/unit", url.Values{"name": {"ppid pelaksana  DINAS kesehatan"}})
	if st != http.StatusUnprocessableEntity || !strings.Contains(page, "sudah dipakai") {
		t.Errorf("duplicate unit name: %d", st)
	}
	if st, _, page := admin.post("/kantor/admin/unit", url.Values{"name": {"  "}}); st != http.StatusUnprocessableEntity || !strings.Contains(page, "wajib diisi") {
		t.Errorf("empty unit name: %d", st)
	}
	var units int
	app.Store.DB().Get(&units, `SELECT count(*) FROM units`)
	if units != 2 {
		t.Errorf("%d units, want 2", units)
	}

	utama := idOf(t, app, `SELECT id::text FROM units WHERE kind = 'utama'`)
	dinkes := idOf(t, app, `SELECT id::text FROM units WHERE kind = 'pelaksana'`)
	if _, flash, _ := admin.post("/kantor/admin/unit/"+utama+"/nonaktifkan", url.Values{}); !strings.Contains(flash, "PPID Utama tidak dapat dinonaktifkan") {
		t.Errorf("deactivate PPID Utama: flash %q", flash)
	}
	var active bool
	app.Store.DB().Get(&active, `SELECT active FROM units WHERE kind = 'utama'`)
	if !active {
		t.Fatal("PPID Utama was deactivated")
	}

	// A unit holding open requests stays in service, and the refusal says how many.
	submitViaAPI(t, app)
	app.Store.DB().MustExec(`UPDATE requests SET unit_id = $1`, dinkes)
	if _, flash, _ := admin.post("/kantor/admin/unit/"+dinkes+"/nonaktifkan", url.Values{}); !strings.Contains(flash, "1 permohonan terbuka") {
		t.Errorf("deactivate a busy unit: flash %q", flash)
	}
	app.Store.DB().MustExec(`UPDATE requests SET unit_id = $1`, utama)
	if _, flash, _ := admin.post("/kantor/admin/unit/"+dinkes+"/nonaktifkan", url.Values{}); !strings.Contains(flash, "dinonaktifkan") {
		t.Errorf("deactivate an idle unit: flash %q", flash)
	}

	if st, _, page := admin.post("/kantor/admin/unit/"+dinkes+"/ubah-nama", url.Values{"name": {"ppid utama"}}); st != http.StatusUnprocessableEntity ||
		!strings.Contains(page, "sudah dipakai") || !strings.Contains(page, `value="ppid utama"`) {
		t.Errorf("rename to a taken name: %d", st)
	}
	if st, flash, _ := admin.post("/kantor/admin/unit/"+dinkes+"/ubah-nama", url.Values{"name": {"PPID Pelaksana Dinas Kesehatan dan KB"}}); st != http.StatusSeeOther || !strings.Contains(flash, "dan KB") {
		t.Errorf("rename: %d %q", st, flash)
	}
}

// requestDates reads a request's stored clock.
func requestDates(t *testing.T, app *testApp, path string) (response, extended, due string) {
	t.Helper()
	id := strings.TrimPrefix(path, "/kantor/permohonan/")
	row := app.Store.DB().QueryRow(`SELECT response_due::text, coalesce(extended_due::text, ''), due_date::text FROM requests WHERE id = $1`, id)
	if err := row.Scan(&response, &extended, &due); err != nil {
		t.Fatal(err)
	}
	return
}

func calendarEvents(t *testing.T, app *testApp, path string) []string {
	t.Helper()
	var notes []string
	err := app.Store.DB().Select(&notes, `SELECT note FROM request_events WHERE request_id = $1 AND kind = 'calendar_changed' AND public ORDER BY id`,
		strings.TrimPrefix(path, "/kantor/permohonan/"))
	if err != nil {
		t.Fatal(err)
	}
	return notes
}

func TestAdminHolidayChangesMoveOpenDeadlinesOnlyLater(t *testing.T) {
	t.Parallel()
	// Monday 2 November 2026, 09:00 WIB: each request is due Monday 16 November (10 WD).
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	admin := signInAdmin(t, app)
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	plain, number, code := submitViaAPI(t, app)
	extended, _, _ := submitViaAPI(t, app)
	decided, _, _ := submitViaAPI(t, app)
	if st, _, _ := ppid.post(extended+"/perpanjang", url.Values{"reason": {"Dokumen tersebar di tiga bidang."}}); st != http.StatusSeeOther {
		t.Fatalf("extend: %d", st)
	}
	api := strings.Replace(decided, "/kantor/", "/api/v1/kantor/", 1)
	if st, out := ppid.postJSON(api+"/decide", map[string]any{"kind": "dikabulkan", "notice_at": "2026-11-02T09:00:00+07:00",
		"information_given": "Rekap", "form": "softcopy", "cost": "Tanpa biaya", "delivery_time": "Hari ini"}); st != 200 {
		t.Fatalf("decide: %d %v", st, out)
	}
	if r, e, d := requestDates(t, app, extended); r != "2026-11-16" || e != "2026-11-25" || d != "2026-11-25" {
		t.Fatalf("extended request before: %s %s %s", r, e, d)
	}

	// A national holiday inside the 10 working days: one working day later, with a public event.
	holiday := url.Values{"date": {"2026-11-10"}, "name": {"Hari Libur Uji"}, "kind": {"libur"}}
	st, flash, page := admin.post("/kantor/admin/hari-libur", holiday)
	if st != http.StatusSeeOther || !strings.Contains(flash, "2 perkara") || !strings.Contains(page, "Hari Libur Uji") {
		t.Fatalf("add holiday: %d %q", st, flash)
	}
	if _, _, d := requestDates(t, app, plain); d != "2026-11-17" {
		t.Errorf("due after the holiday: %s, want 2026-11-17", d)
	}
	if r, e, d := requestDates(t, app, extended); r != "2026-11-17" || e != "2026-11-26" || d != "2026-11-26" {
		t.Errorf("extended request after the holiday: %s %s %s, want 17, 26, 26 November", r, e, d)
	}
	if _, _, d := requestDates(t, app, decided); d != "2026-11-16" {
		t.Errorf("a decided request's stopped clock moved to %s", d)
	}
	notes := calendarEvents(t, app, plain)
	if len(notes) != 1 || !strings.Contains(notes[0], "Senin, 16 November 2026") || !strings.Contains(notes[0], "Selasa, 17 November 2026") ||
		!strings.Contains(notes[0], "perubahan kalender hari libur") {
		t.Fatalf("calendar events: %q", notes)
	}
	if len(calendarEvents(t, app, decided)) != 0 {
		t.Error("a decided request got a calendar event")
	}

	// The same day again is a field error and moves nothing.
	if st, _, page := admin.post("/kantor/admin/hari-libur", holiday); st != http.StatusUnprocessableEntity || !strings.Contains(page, "sudah ada") {
		t.Errorf("duplicate holiday: %d", st)
	}
	if _, _, d := requestDates(t, app, plain); d != "2026-11-17" {
		t.Errorf("due after the duplicate: %s", d)
	}

	// A regional day moves it once more; deleting that day does not move it back.
	if st, _, _ := admin.post("/kantor/admin/hari-libur", url.Values{"date": {"2026-11-12"}, "name": {"Hari Jadi Kota Uji"}, "kind": {"regional"}}); st != http.StatusSeeOther {
		t.Fatalf("add regional day: %d", st)
	}
	if _, _, d := requestDates(t, app, plain); d != "2026-11-18" {
		t.Errorf("due after the regional day: %s, want 2026-11-18", d)
	}
	regional := idOf(t, app, `SELECT id::text FROM holidays WHERE kind = 'regional'`)
	st, flash, _ = admin.post("/kantor/admin/hari-libur/"+regional+"/hapus", url.Values{})
	if st != http.StatusSeeOther || !strings.Contains(flash, "dihapus") {
		t.Fatalf("delete regional day: %d %q", st, flash)
	}
	if _, _, d := requestDates(t, app, plain); d != "2026-11-18" {
		t.Errorf("due after deleting the regional day: %s, want 2026-11-18 (never earlier)", d)
	}
	if r, e, d := requestDates(t, app, extended); e != "2026-11-27" || d != "2026-11-27" {
		t.Errorf("extended request after deleting: %s %s %s, want 27 November", r, e, d)
	}
	if n := len(calendarEvents(t, app, plain)); n != 2 {
		t.Errorf("%d calendar events, want 2", n)
	}

	// National days follow the SKB and cannot be deleted here.
	national := idOf(t, app, `SELECT id::text FROM holidays WHERE name = 'Hari Libur Uji'`)
	if _, flash, _ := admin.post("/kantor/admin/hari-libur/"+national+"/hapus", url.Values{}); !strings.Contains(flash, "Hanya libur daerah") {
		t.Errorf("delete a national day: flash %q", flash)
	}

	// This instance computes with the new calendar at once, and the requester sees the move.
	resp, err := http.Get(app.URL + "/api/v1/deadlines?received_at=2026-11-02T09:00:00%2B07:00")
	if err != nil {
		t.Fatal(err)
	}
	var calc map[string]any
	json.Unmarshal([]byte(readBody(t, resp)), &calc)
	if calc["response_due"] != "2026-11-17" {
		t.Errorf("calculator after the changes: %v", calc["response_due"])
	}
	resp, err = http.Get(app.URL + "/api/v1/requests/" + number + "?code=" + code)
	if err != nil {
		t.Fatal(err)
	}
	if body := readBody(t, resp); !strings.Contains(body, `"due_date":"2026-11-18"`) || !strings.Contains(body, "perubahan kalender hari libur") {
		t.Errorf("tracking view: %s", body)
	}
}

func TestAdminImportsNewYearCalendarAllOrNothing(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 12, 28, 10, 0, 0, 0, jakarta))
	admin := signInAdmin(t, app)
	path, _, _ := submitViaAPI(t, app)
	warnings := func() []any {
		t.Helper()
		resp, err := http.Get(app.URL + "/api/v1/deadlines?received_at=2026-12-28T10:00:00%2B07:00")
		if err != nil {
			t.Fatal(err)
		}
		var out map[string]any
		if err := json.Unmarshal([]byte(readBody(t, resp)), &out); err != nil {
			t.Fatal(err)
		}
		w, _ := out["warnings"].([]any)
		return w
	}
	if len(warnings()) == 0 {
		t.Fatal("no 2027 warning before the import")
	}
	// Without a 2027 SKB, 1 January is a provisional holiday: due Tuesday 12 January 2027.
	if _, _, d := requestDates(t, app, path); d != "2027-01-12" {
		t.Fatalf("due before the import: %s", d)
	}

	bad := url.Values{"year": {"2027"}, "decree": {"SKB Uji 2027"}, "lines": {"2027-01-01;Tahun Baru 2027 Masehi;libur\n" +
		"2027-13-01;Bulan ketiga belas;libur\n\n# komentar\n2026-12-31;Tahun yang salah;libur\n2027-02-06;Imlek;cuti\n2027-01-01;Tahun Baru 2027 Masehi;libur"}}
	st, _, page := admin.post("/kantor/admin/hari-libur/tahun-baru", bad)
	if st != http.StatusUnprocessableEntity {
		t.Fatalf("bad import: %d", st)
	}
	for _, want := range []string{"Baris 2:", "Baris 5:", "Baris 6:", "Baris 7: sama dengan baris 1", "SKB Uji 2027"} {
		if !strings.Contains(html.UnescapeString(page), want) {
			t.Errorf("bad import page lacks %q", want)
		}
	}
	var years, days int
	app.Store.DB().Get(&years, `SELECT count(*) FROM calendar_years WHERE year = 2027`)
	app.Store.DB().Get(&days, `SELECT count(*) FROM holidays WHERE date >= '2027-01-01'`)
	if years != 0 || days != 0 {
		t.Fatalf("a bad import stored %d years and %d days", years, days)
	}
	if len(warnings()) == 0 {
		t.Error("the warning went away after a failed import")
	}

	// The SKB adds a day the provisional calendar could not know (Tue 5 Jan), moving the case one day later.
	good := url.Values{"year": {"2027"}, "decree": {"SKB Uji 2027"}, "lines": {"2027-01-01;Tahun Baru 2027 Masehi;libur\r\n" +
		"2027-01-05;Isra Mikraj Nabi Muhammad SAW;libur\r\n2027-02-06;Tahun Baru Imlek 2578 Kongzili;libur\r\n"}}
	st, flash, _ := admin.post("/kantor/admin/hari-libur/tahun-baru", good)
	if st != http.StatusSeeOther || !strings.Contains(flash, "3 hari libur") || !strings.Contains(flash, "1 perkara") {
		t.Fatalf("import: %d %q", st, flash)
	}
	if w := warnings(); len(w) != 0 {
		t.Errorf("warnings after importing 2027: %v", w)
	}
	if _, _, d := requestDates(t, app, path); d != "2027-01-13" {
		t.Errorf("due after the import: %s, want 2027-01-13", d)
	}
	if notes := calendarEvents(t, app, path); len(notes) != 1 || !strings.Contains(notes[0], "Rabu, 13 Januari 2027") {
		t.Errorf("calendar events: %q", notes)
	}
	if page := admin.get("/kantor/admin/hari-libur?tahun=2027"); !strings.Contains(page, "Tahun Baru Imlek 2578 Kongzili") || !strings.Contains(page, "SKB Uji 2027") {
		t.Error("the 2027 page lacks the imported days")
	}
	if st, _, page := admin.post("/kantor/admin/hari-libur/tahun-baru", good); st != http.StatusUnprocessableEntity || !strings.Contains(page, "sudah dimuat") {
		t.Errorf("second import of 2027: %d", st)
	}
}

func TestAdminOfficeSettings(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	admin := signInAdmin(t, app)
	ctx := context.Background()
	if _, err := app.Store.OfficeSettings(ctx); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("settings before the first save: %v", err)
	}
	if page := admin.get("/kantor/admin/kantor"); !strings.Contains(page, "belum pernah disimpan") || !strings.Contains(page, `value="PPID Uji"`) {
		t.Error("unsaved settings page does not show the configured values")
	}

	bad := url.Values{"name": {"PPID Kota Uji"}, "timezone": {"Asia/Bandung"}, "closes_at": {"25:00"}}
	st, _, page := admin.post("/kantor/admin/kantor", bad)
	if st != http.StatusUnprocessableEntity {
		t.Fatalf("invalid settings: %d", st)
	}
	for _, want := range []string{"Zona waktu tidak dikenal", "Jam tutup tidak valid", `value="PPID Kota Uji"`, `value="Asia/Bandung"`} {
		if !strings.Contains(page, want) {
			t.Errorf("invalid settings page lacks %q", want)
		}
	}
	if _, err := app.Store.OfficeSettings(ctx); !errors.Is(err, store.ErrNotFound) {
		t.Error("invalid settings were saved")
	}
	if st, _, page := admin.post("/kantor/admin/kantor", url.Values{"name": {""}, "timezone": {"Local"}, "closes_at": {"4pm"}}); st != http.StatusUnprocessableEntity ||
		!strings.Contains(page, "Nama kantor wajib diisi.") || !strings.Contains(page, "Zona waktu tidak dikenal") {
		t.Errorf("empty name and server-local zone: %d", st)
	}

	good := url.Values{"name": {"PPID Kota Uji"}, "address": {"Jl. Merdeka 1"}, "city": {"Makassar"},
		"letterhead": {"PEMERINTAH KOTA UJI\r\nDINAS KOMUNIKASI DAN INFORMATIKA"}, "timezone": {"Asia/Makassar"}, "closes_at": {"15:30"}}
	st, flash, page := admin.post("/kantor/admin/kantor", good)
	if st != http.StatusSeeOther || !strings.Contains(flash, "tersimpan") {
		t.Fatalf("save: %d %q", st, flash)
	}
	for _, want := range []string{`value="Asia/Makassar"`, `value="15:30"`, "PEMERINTAH KOTA UJI\nDINAS KOMUNIKASI DAN INFORMATIKA", "Terakhir disimpan"} {
		if !strings.Contains(page, want) {
			t.Errorf("saved settings page lacks %q", want)
		}
	}
	o, err := app.Store.OfficeSettings(ctx)
	if err != nil || o.Name != "PPID Kota Uji" || o.Timezone != "Asia/Makassar" || o.ClosesAt != "15:30" || o.City != "Makassar" ||
		o.Letterhead != "PEMERINTAH KOTA UJI\nDINAS KOMUNIKASI DAN INFORMATIKA" {
		t.Fatalf("stored settings: %+v %v", o, err)
	}
	good.Set("closes_at", "16:00")
	if st, _, _ := admin.post("/kantor/admin/kantor", good); st != http.StatusSeeOther {
		t.Fatalf("second save: %d", st)
	}
	if o, _ := app.Store.OfficeSettings(ctx); o.ClosesAt != "16:00" {
		t.Errorf("second save kept %q", o.ClosesAt)
	}
}

func TestAdminOutbox(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta)
	app := newApp(t, now)
	admin := signInAdmin(t, app)
	_, number, _ := submitViaAPI(t, app)
	page := admin.get("/kantor/admin/surel")
	for _, want := range []string{"siti@contoh.id", number, "Tanda terima permohonan", "Menunggu"} {
		if !strings.Contains(page, want) {
			t.Errorf("outbox page lacks %q", want)
		}
	}
	id := idOf(t, app, `SELECT id::text FROM outbox WHERE template = 'request_received'`)
	detail := html.UnescapeString(admin.get("/kantor/admin/surel/" + id))
	if !strings.Contains(detail, "\"registration_number\": \""+number+"\"") || !strings.Contains(detail, "request_received") {
		t.Error("detail page lacks the pretty-printed data")
	}
	if !strings.Contains(detail, "Permohonan informasi "+number+" telah diterima") || !strings.Contains(detail, "Kode pelacakan:") {
		t.Error("detail page lacks the rendered e-mail")
	}
	if strings.Contains(detail, "Kirim ulang</button>") {
		t.Error("a pending mail offers a retry")
	}

	if _, flash, _ := admin.post("/kantor/admin/surel/"+id+"/kirim-ulang", url.Values{}); !strings.Contains(flash, "Hanya surel yang gagal") {
		t.Errorf("retry of a pending mail: flash %q", flash)
	}
	app.Store.DB().MustExec(`UPDATE outbox SET status = 'failed', attempts = 5, last_error = 'smtp: koneksi ditolak', next_attempt_at = now() + interval '1 day' WHERE id = $1`, id)
	if page := admin.get("/kantor/admin/surel?status=failed"); !strings.Contains(page, "smtp: koneksi ditolak") || !strings.Contains(page, "/kantor/admin/surel/"+id+"/kirim-ulang") {
		t.Error("failed filter does not list the failed mail with a retry button")
	}
	if page := admin.get("/kantor/admin/surel?status=sent"); strings.Contains(page, "siti@contoh.id") {
		t.Error("sent filter lists a failed mail")
	}
	st, flash, _ := admin.post("/kantor/admin/surel/"+id+"/kirim-ulang", url.Values{})
	if st != http.StatusSeeOther || !strings.Contains(flash, "dicoba segera") {
		t.Fatalf("retry: %d %q", st, flash)
	}
	var row struct {
		Status string    `db:"status"`
		Next   time.Time `db:"next_attempt_at"`
	}
	if err := app.Store.DB().Get(&row, `SELECT status, next_attempt_at FROM outbox WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	if row.Status != "pending" || !row.Next.Equal(now) {
		t.Errorf("after retry: %+v, want pending at %v", row, now)
	}
	if st := admin.status("/kantor/admin/surel/" + strconv.Itoa(999999)); st != http.StatusNotFound {
		t.Errorf("unknown mail: %d", st)
	}
}

// An unanswered objection's 30 working days are an open deadline too (DESIGN §2).
func TestAdminHolidayMovesUnansweredObjection(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	admin := signInAdmin(t, app)
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	path, number, code := submitViaAPI(t, app)
	api := strings.Replace(path, "/kantor/", "/api/v1/kantor/", 1)
	if st, out := ppid.postJSON(api+"/decide", map[string]any{"kind": "dikabulkan", "notice_at": "2026-11-02T09:00:00+07:00",
		"information_given": "Rekap", "form": "softcopy", "cost": "Tanpa biaya", "delivery_time": "Hari ini"}); st != 200 {
		t.Fatalf("decide: %d %v", st, out)
	}
	app.Clock.Set(time.Date(2026, 11, 3, 10, 0, 0, 0, jakarta))
	resp, out := postJSON(t, app.URL+"/api/v1/objections", map[string]any{"registration_number": number, "tracking_code": code,
		"grounds": []string{"d"}, "reasons": "Informasi yang diberikan bukan yang saya minta."})
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("objection: %d %v", resp.StatusCode, out)
	}
	// 30 WD from Tuesday 3 November 2026 (Pasal 36(2)): Tuesday 15 December.
	if out["response_due"] != "2026-12-15" {
		t.Fatalf("objection due %v", out["response_due"])
	}
	if st, flash, _ := admin.post("/kantor/admin/hari-libur", url.Values{"date": {"2026-11-10"}, "name": {"Hari Libur Uji"}, "kind": {"libur"}}); st != http.StatusSeeOther || !strings.Contains(flash, "1 perkara") {
		t.Fatalf("add holiday: %d %q", st, flash)
	}
	var due string
	app.Store.DB().Get(&due, `SELECT response_due::text FROM objections`)
	if due != "2026-12-16" {
		t.Errorf("objection due after the holiday: %s, want 2026-12-16", due)
	}
	if notes := calendarEvents(t, app, path); len(notes) != 1 || !strings.Contains(notes[0], "keberatan "+out["objection_number"].(string)) {
		t.Errorf("calendar events: %q", notes)
	}
}

// After an overturned objection the running clock is the fulfilment period, restarted at the answer.
func TestAdminHolidayMovesReopenedCase(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	admin := signInAdmin(t, app)
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	atasan := signIn(t, app, "atasan@uji.test", "atasan", "rahasia-atasan")
	path, number, code := submitViaAPI(t, app)
	api := strings.Replace(path, "/kantor/", "/api/v1/kantor/", 1)
	if st, out := ppid.postJSON(api+"/decide", map[string]any{"kind": "dikabulkan", "notice_at": "2026-11-02T09:00:00+07:00",
		"information_given": "Rekap", "form": "softcopy", "cost": "Tanpa biaya", "delivery_time": "Hari ini"}); st != 200 {
		t.Fatalf("decide: %d %v", st, out)
	}
	app.Clock.Set(time.Date(2026, 11, 3, 10, 0, 0, 0, jakarta))
	if resp, out := postJSON(t, app.URL+"/api/v1/objections", map[string]any{"registration_number": number, "tracking_code": code,
		"grounds": []string{"d"}, "reasons": "Informasi yang diberikan bukan yang saya minta."}); resp.StatusCode != http.StatusCreated {
		t.Fatalf("objection: %d %v", resp.StatusCode, out)
	}
	app.Clock.Set(time.Date(2026, 11, 4, 10, 0, 0, 0, jakarta))
	oid := idOf(t, app, `SELECT id::text FROM objections`)
	if st, _, _ := atasan.post(path+"/keberatan/"+oid+"/tanggapan", url.Values{"outcome": {"dibatalkan"},
		"answer": {"Informasi yang diminta wajib diberikan sesuai permohonan."}}); st != http.StatusSeeOther {
		t.Fatalf("overturn: %d", st)
	}
	// 10 WD from Wednesday 4 November: Wednesday 18 November.
	if r, _, d := requestDates(t, app, path); r != "2026-11-16" || d != "2026-11-18" {
		t.Fatalf("reopened clock: response %s, due %s", r, d)
	}
	if st, flash, _ := admin.post("/kantor/admin/hari-libur", url.Values{"date": {"2026-11-10"}, "name": {"Hari Libur Uji"}, "kind": {"libur"}}); st != http.StatusSeeOther || !strings.Contains(flash, "1 perkara") {
		t.Fatalf("add holiday: %d %q", st, flash)
	}
	if r, _, d := requestDates(t, app, path); r != "2026-11-16" || d != "2026-11-19" {
		t.Errorf("after the holiday: response %s, due %s; want the lapsed 16 November kept and due 19 November", r, d)
	}
	if notes := calendarEvents(t, app, path); len(notes) != 1 || !strings.Contains(notes[0], "pemenuhan") {
		t.Errorf("calendar events: %q", notes)
	}
}

func TestAdminSeesAndStartsJobs(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	admin := signIn(t, app, "admin@uji.test", "admin", "rahasia-admin")
	if st := admin.status("/kantor/admin/tugas"); st != http.StatusOK {
		t.Fatalf("jobs page: %d", st)
	}
	if st, flash, page := admin.post("/kantor/admin/tugas/hitung/jalankan", url.Values{}); st != http.StatusSeeOther ||
		!strings.Contains(flash, "selesai") || !strings.Contains(page, "uji-web") {
		t.Fatalf("run now: %d %q", st, flash)
	}
	if st, _, _ := admin.post("/kantor/admin/tugas/tidak-ada/jalankan", url.Values{}); st != http.StatusNotFound {
		t.Errorf("unknown job: %d", st)
	}
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	if st := ppid.status("/kantor/admin/tugas"); st != http.StatusForbidden {
		t.Errorf("ppid on the jobs page: %d", st)
	}
}
