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
	for _, field := range []string{"name", "email", "role", "unit_id"} {
		if !hasFieldError(page, field) {
			t.Errorf("invalid invite page does not mark %s (marked: %v)", field, fieldErrors(page))
		}
	}
	if !strings.Contains(page, `value="bukan-email"`) {
		t.Error("invalid invite page lost the typed e-mail")
	}
	if n := count(t, app, `SELECT count(*) FROM users`); n != 1 {
		t.Errorf("an invalid invitation stored an account (%d accounts)", n)
	}

	invite := url.Values{"name": {"Rina Wulandari"}, "email": {"Rina@Uji.test"}, "role": {"petugas"}, "unit_id": {utama}}
	st, flash, page := admin.post("/kantor/admin/pengguna/baru", invite)
	if st != http.StatusSeeOther || flashKind(page) != flashDone {
		t.Fatalf("invite: %d %q", st, flash)
	}
	if n := count(t, app, `SELECT count(*) FROM users WHERE email = 'rina@uji.test' AND name = 'Rina Wulandari' AND role = 'petugas' AND unit_id = $1 AND active`, utama); n != 1 {
		t.Fatal("the invited account is not stored with its name, lower-case e-mail, role and unit")
	}
	m := secretPattern.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the temporary password is not shown after the invitation")
	}
	temp := m[1]
	if len(temp) < 12 {
		t.Errorf("temporary password %q is shorter than 12 characters", temp)
	}
	if !strings.Contains(page, "rina@uji.test") || !strings.Contains(page, "PPID Utama") {
		t.Error("user list lacks the new account's e-mail or unit")
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
	if st != http.StatusUnprocessableEntity || !hasFieldError(page, "email") || !strings.Contains(page, `value="Rina Lain"`) {
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
	if st, kind, _ := admin.postStep("/kantor/admin/pengguna/"+pid+"/nonaktifkan", url.Values{}); st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("deactivate: %d %q", st, kind)
	}
	if n := count(t, app, `SELECT count(*) FROM users WHERE id = $1 AND NOT active`, pid); n != 1 {
		t.Fatal("the account is still active")
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
	if _, kind, _ := admin.postStep("/kantor/admin/pengguna/"+self+"/nonaktifkan", url.Values{}); kind != flashRefused {
		t.Errorf("self-deactivation: flash %q", kind)
	}
	if n := count(t, app, `SELECT count(*) FROM users WHERE id = $1 AND active`, self); n != 1 {
		t.Error("the administrator deactivated their own account")
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
	if st != http.StatusSeeOther || flashKind(page) != flashDone || !strings.Contains(page, "PPID Pelaksana Dinas Kesehatan") {
		t.Fatalf("add unit: %d %q", st, flash)
	}
	if n := count(t, app, `SELECT count(*) FROM units WHERE name = 'PPID Pelaksana Dinas Kesehatan' AND kind = 'pelaksana' AND active`); n != 1 {
		t.Fatal("the new unit is not stored as an active PPID Pelaksana")
	}
	st, _, page = admin.post("/kantor/admin/unit", url.Values{"name": {"ppid pelaksana  DINAS kesehatan"}})
	if st != http.StatusUnprocessableEntity || !hasFieldError(page, "name") {
		t.Errorf("duplicate unit name: %d, marked %v", st, fieldErrors(page))
	}
	if st, _, page := admin.post("/kantor/admin/unit", url.Values{"name": {"  "}}); st != http.StatusUnprocessableEntity || !hasFieldError(page, "name") {
		t.Errorf("empty unit name: %d, marked %v", st, fieldErrors(page))
	}
	var units int
	app.Store.DB().Get(&units, `SELECT count(*) FROM units`)
	if units != 2 {
		t.Errorf("%d units, want 2", units)
	}

	utama := idOf(t, app, `SELECT id::text FROM units WHERE kind = 'utama'`)
	dinkes := idOf(t, app, `SELECT id::text FROM units WHERE kind = 'pelaksana'`)
	if _, kind, _ := admin.postStep("/kantor/admin/unit/"+utama+"/nonaktifkan", url.Values{}); kind != flashRefused {
		t.Errorf("deactivate PPID Utama: flash %q", kind)
	}
	var active bool
	app.Store.DB().Get(&active, `SELECT active FROM units WHERE kind = 'utama'`)
	if !active {
		t.Fatal("PPID Utama was deactivated")
	}

	// A unit holding open requests stays in service (the refusal saying how many: rendering_test.go).
	unitActive := func() bool {
		t.Helper()
		return count(t, app, `SELECT count(*) FROM units WHERE id = $1 AND active`, dinkes) == 1
	}
	submitViaAPI(t, app)
	app.Store.DB().MustExec(`UPDATE requests SET unit_id = $1`, dinkes)
	if _, kind, _ := admin.postStep("/kantor/admin/unit/"+dinkes+"/nonaktifkan", url.Values{}); kind != flashRefused || !unitActive() {
		t.Errorf("deactivate a busy unit: flash %q, active %v", kind, unitActive())
	}
	app.Store.DB().MustExec(`UPDATE requests SET unit_id = $1`, utama)
	if _, kind, _ := admin.postStep("/kantor/admin/unit/"+dinkes+"/nonaktifkan", url.Values{}); kind != flashDone || unitActive() {
		t.Errorf("deactivate an idle unit: flash %q, active %v", kind, unitActive())
	}

	if st, _, page := admin.post("/kantor/admin/unit/"+dinkes+"/ubah-nama", url.Values{"name": {"ppid utama"}}); st != http.StatusUnprocessableEntity ||
		!strings.Contains(page, `id="rename-`+dinkes+`-err"`) || !strings.Contains(page, `value="ppid utama"`) {
		t.Errorf("rename to a taken name: %d", st)
	}
	if st, kind, _ := admin.postStep("/kantor/admin/unit/"+dinkes+"/ubah-nama", url.Values{"name": {"PPID Pelaksana Dinas Kesehatan dan KB"}}); st != http.StatusSeeOther || kind != flashDone {
		t.Errorf("rename: %d %q", st, kind)
	}
	if n := count(t, app, `SELECT count(*) FROM units WHERE id = $1 AND name = 'PPID Pelaksana Dinas Kesehatan dan KB'`, dinkes); n != 1 {
		t.Error("the new name is not stored")
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

// calendarChanges counts the cases a calendar change moved so far: one public event each.
func calendarChanges(t *testing.T, app *testApp) int {
	t.Helper()
	return count(t, app, `SELECT count(*) FROM request_events WHERE kind = 'calendar_changed' AND public`)
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
	st, kind, page := admin.postStep("/kantor/admin/hari-libur", holiday)
	if st != http.StatusSeeOther || kind != flashDone || !strings.Contains(page, "Hari Libur Uji") {
		t.Fatalf("add holiday: %d %q", st, kind)
	}
	if n := calendarChanges(t, app); n != 2 {
		t.Errorf("the holiday moved %d cases, want 2 (the plain and the extended one)", n)
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
	if notes := calendarEvents(t, app, plain); len(notes) != 1 || notes[0] == "" {
		t.Fatalf("calendar events: %q", notes)
	}
	if len(calendarEvents(t, app, decided)) != 0 {
		t.Error("a decided request got a calendar event")
	}

	// The same day again is a field error and moves nothing.
	if st, _, page := admin.post("/kantor/admin/hari-libur", holiday); st != http.StatusUnprocessableEntity || !hasFieldError(page, "date") {
		t.Errorf("duplicate holiday: %d, marked %v", st, fieldErrors(page))
	}
	if n := count(t, app, `SELECT count(*) FROM holidays WHERE date = '2026-11-10'`); n != 1 {
		t.Errorf("%d holidays on 10 November", n)
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
	st, kind, _ = admin.postStep("/kantor/admin/hari-libur/"+regional+"/hapus", url.Values{})
	if st != http.StatusSeeOther || kind != flashDone || count(t, app, `SELECT count(*) FROM holidays WHERE id = $1`, regional) != 0 {
		t.Fatalf("delete regional day: %d %q", st, kind)
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
	if _, kind, _ := admin.postStep("/kantor/admin/hari-libur/"+national+"/hapus", url.Values{}); kind != flashRefused {
		t.Errorf("delete a national day: flash %q", kind)
	}
	if n := count(t, app, `SELECT count(*) FROM holidays WHERE id = $1`, national); n != 1 {
		t.Error("a national day was deleted")
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
	if body := readBody(t, resp); !strings.Contains(body, `"due_date":"2026-11-18"`) || strings.Count(body, `"kind":"calendar_changed"`) != 2 {
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
	// Four bad lines (2, 5, 6 and 7; which ones the messages say: rendering_test.go), what was typed kept.
	lineErrors := regexp.MustCompile(`(?s)<ul class="error admin-line-errors">(.*?)</ul>`).FindStringSubmatch(page)
	if lineErrors == nil || strings.Count(lineErrors[1], "<li>") != 4 || !strings.Contains(page, `value="SKB Uji 2027"`) {
		t.Errorf("bad import page: line errors %v", lineErrors)
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
	st, kind, _ := admin.postStep("/kantor/admin/hari-libur/tahun-baru", good)
	if st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("import: %d %q", st, kind)
	}
	if days, years, moved := count(t, app, `SELECT count(*) FROM holidays WHERE date >= '2027-01-01'`),
		count(t, app, `SELECT count(*) FROM calendar_years WHERE year = 2027 AND decree = 'SKB Uji 2027'`), calendarChanges(t, app); days != 3 || years != 1 || moved != 1 {
		t.Fatalf("import stored %d days and %d years, moved %d cases; want 3, 1, 1", days, years, moved)
	}
	if w := warnings(); len(w) != 0 {
		t.Errorf("warnings after importing 2027: %v", w)
	}
	if _, _, d := requestDates(t, app, path); d != "2027-01-13" {
		t.Errorf("due after the import: %s, want 2027-01-13", d)
	}
	if notes := calendarEvents(t, app, path); len(notes) != 1 || !strings.Contains(notes[0], "2027") {
		t.Errorf("calendar events: %q", notes)
	}
	if page := admin.get("/kantor/admin/hari-libur?tahun=2027"); !strings.Contains(page, "Tahun Baru Imlek 2578 Kongzili") || !strings.Contains(page, "SKB Uji 2027") {
		t.Error("the 2027 page lacks the imported days")
	}
	if st, _, page := admin.post("/kantor/admin/hari-libur/tahun-baru", good); st != http.StatusUnprocessableEntity || !hasFieldError(page, "year") {
		t.Errorf("second import of 2027: %d, marked %v", st, fieldErrors(page))
	}
	if n := count(t, app, `SELECT count(*) FROM holidays WHERE date >= '2027-01-01'`); n != 3 {
		t.Errorf("a second import left %d days of 2027", n)
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
	if page := admin.get("/kantor/admin/kantor"); !strings.Contains(page, `value="PPID Uji"`) || !strings.Contains(page, `value="Asia/Jakarta"`) {
		t.Error("unsaved settings page does not show the configured values")
	}

	bad := url.Values{"name": {"PPID Kota Uji"}, "timezone": {"Asia/Bandung"}, "closes_at": {"25:00"}}
	st, _, page := admin.post("/kantor/admin/kantor", bad)
	if st != http.StatusUnprocessableEntity {
		t.Fatalf("invalid settings: %d", st)
	}
	if !hasFieldError(page, "timezone") || !hasFieldError(page, "closes_at") || hasFieldError(page, "name") {
		t.Errorf("invalid settings page marks %v, want timezone and closes_at", fieldErrors(page))
	}
	for _, want := range []string{`value="PPID Kota Uji"`, `value="Asia/Bandung"`, `value="25:00"`} {
		if !strings.Contains(page, want) {
			t.Errorf("invalid settings page lacks %q", want)
		}
	}
	if _, err := app.Store.OfficeSettings(ctx); !errors.Is(err, store.ErrNotFound) {
		t.Error("invalid settings were saved")
	}
	if st, _, page := admin.post("/kantor/admin/kantor", url.Values{"name": {""}, "timezone": {"Local"}, "closes_at": {"4pm"}}); st != http.StatusUnprocessableEntity ||
		!hasFieldError(page, "name") || !hasFieldError(page, "timezone") {
		t.Errorf("empty name and server-local zone: %d, marked %v", st, fieldErrors(page))
	}

	good := url.Values{"name": {"PPID Kota Uji"}, "address": {"Jl. Merdeka 1"}, "city": {"Makassar"},
		"letterhead": {"PEMERINTAH KOTA UJI\r\nDINAS KOMUNIKASI DAN INFORMATIKA"}, "timezone": {"Asia/Makassar"}, "closes_at": {"15:30"}}
	st, kind, page := admin.postStep("/kantor/admin/kantor", good)
	if st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("save: %d %q", st, kind)
	}
	for _, want := range []string{`value="Asia/Makassar"`, `value="15:30"`, "PEMERINTAH KOTA UJI\nDINAS KOMUNIKASI DAN INFORMATIKA"} {
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
	id := idOf(t, app, `SELECT id::text FROM outbox WHERE template = 'request_received'`)
	for _, want := range []string{"siti@contoh.id", number, `<tr class="admin-mail-pending">`, `href="/kantor/admin/surel/` + id + `"`} {
		if !strings.Contains(page, want) {
			t.Errorf("outbox page lacks %q", want)
		}
	}
	detail := html.UnescapeString(admin.get("/kantor/admin/surel/" + id))
	if !strings.Contains(detail, "\"registration_number\": \""+number+"\"") || !strings.Contains(detail, "request_received") {
		t.Error("detail page lacks the pretty-printed data")
	}
	// The rendered e-mail comes first (its wording: rendering_test.go), then the data.
	if pres := regexp.MustCompile(`(?s)<pre class="admin-json">(.*?)</pre>`).FindAllStringSubmatch(detail, -1); len(pres) != 2 ||
		!strings.Contains(pres[0][1], number) || strings.Contains(pres[0][1], `"registration_number"`) {
		t.Error("detail page lacks the rendered e-mail")
	}
	if strings.Contains(detail, `action="/kantor/admin/surel/`+id+`/kirim-ulang"`) {
		t.Error("a pending mail offers a retry")
	}

	if _, kind, _ := admin.postStep("/kantor/admin/surel/"+id+"/kirim-ulang", url.Values{}); kind != flashRefused {
		t.Errorf("retry of a pending mail: flash %q", kind)
	}
	if n := count(t, app, `SELECT count(*) FROM outbox WHERE id = $1 AND status = 'pending' AND attempts = 0`, id); n != 1 {
		t.Error("retrying a pending mail changed it")
	}
	app.Store.DB().MustExec(`UPDATE outbox SET status = 'failed', attempts = 5, last_error = 'smtp: koneksi ditolak', next_attempt_at = now() + interval '1 day' WHERE id = $1`, id)
	if page := admin.get("/kantor/admin/surel?status=failed"); !strings.Contains(page, "smtp: koneksi ditolak") || !strings.Contains(page, "/kantor/admin/surel/"+id+"/kirim-ulang") {
		t.Error("failed filter does not list the failed mail with a retry button")
	}
	if page := admin.get("/kantor/admin/surel?status=sent"); strings.Contains(page, "siti@contoh.id") {
		t.Error("sent filter lists a failed mail")
	}
	st, kind, _ := admin.postStep("/kantor/admin/surel/"+id+"/kirim-ulang", url.Values{})
	if st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("retry: %d %q", st, kind)
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
	if st, kind, _ := admin.postStep("/kantor/admin/hari-libur", url.Values{"date": {"2026-11-10"}, "name": {"Hari Libur Uji"}, "kind": {"libur"}}); st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("add holiday: %d %q", st, kind)
	}
	if n := calendarChanges(t, app); n != 1 {
		t.Errorf("the holiday moved %d cases, want 1", n)
	}
	var due string
	app.Store.DB().Get(&due, `SELECT response_due::text FROM objections`)
	if due != "2026-12-16" {
		t.Errorf("objection due after the holiday: %s, want 2026-12-16", due)
	}
	if notes := calendarEvents(t, app, path); len(notes) != 1 || !strings.Contains(notes[0], out["objection_number"].(string)) {
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
	if st, kind, _ := admin.postStep("/kantor/admin/hari-libur", url.Values{"date": {"2026-11-10"}, "name": {"Hari Libur Uji"}, "kind": {"libur"}}); st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("add holiday: %d %q", st, kind)
	}
	if n := calendarChanges(t, app); n != 1 {
		t.Errorf("the holiday moved %d cases, want 1", n)
	}
	if r, _, d := requestDates(t, app, path); r != "2026-11-16" || d != "2026-11-19" {
		t.Errorf("after the holiday: response %s, due %s; want the lapsed 16 November kept and due 19 November", r, d)
	}
	if notes := calendarEvents(t, app, path); len(notes) != 1 || notes[0] == "" {
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
	if st, kind, page := admin.postStep("/kantor/admin/tugas/hitung/jalankan", url.Values{}); st != http.StatusSeeOther ||
		kind != flashDone || !strings.Contains(page, "uji-web") {
		t.Fatalf("run now: %d %q", st, kind)
	}
	if n := count(t, app, `SELECT count(*) FROM job_runs WHERE job = 'hitung' AND instance = 'uji-web' AND finished_at IS NOT NULL AND handled = 1`); n != 1 {
		t.Errorf("%d finished runs of the job stored, want 1", n)
	}
	if st, _, _ := admin.post("/kantor/admin/tugas/tidak-ada/jalankan", url.Values{}); st != http.StatusNotFound {
		t.Errorf("unknown job: %d", st)
	}
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	if st := ppid.status("/kantor/admin/tugas"); st != http.StatusForbidden {
		t.Errorf("ppid on the jobs page: %d", st)
	}
}
