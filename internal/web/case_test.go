package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// officer is a signed-in browser for one account.
type officer struct {
	t   *testing.T
	app *testApp
	c   *http.Client
}

func signIn(t *testing.T, app *testApp, email, role, pass string) *officer {
	t.Helper()
	addUser(t, app.Store, email, role, pass)
	c, resp := login(t, app, email, pass)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login %s: %d", email, resp.StatusCode)
	}
	return &officer{t: t, app: app, c: c}
}

// post submits a form on the case page with the session's CSRF token; it returns the status,
// where it redirected and the flash message shown after the redirect.
func (o *officer) post(path string, form url.Values) (status int, flash string, page string) {
	o.t.Helper()
	form.Set("csrf_token", csrfFrom(o.t, o.c, o.app.URL+"/kantor"))
	resp, err := o.c.PostForm(o.app.URL+path, form)
	if err != nil {
		o.t.Fatal(err)
	}
	page = readBody(o.t, resp)
	if resp.StatusCode == http.StatusSeeOther {
		page = o.get(resp.Header.Get("Location"))
		if m := regexp.MustCompile(`(?s)<p class="flash[^"]*" role="[a-z]+">(.*?)</p>`).FindStringSubmatch(page); m != nil {
			flash = m[1]
		}
	}
	return resp.StatusCode, flash, page
}

// Flash kinds, read from the class of the flash paragraph rather than its wording: a refused
// step shows <p class="flash refused" role="alert">, a done one <p class="flash" role="status">.
const (
	flashNone    = ""
	flashDone    = "done"
	flashRefused = "refused"
)

var flashClassPattern = regexp.MustCompile(`<p class="flash( refused)?" role="(alert|status)">`)

// flashKind tells which flash, if any, a page shows.
func flashKind(page string) string {
	m := flashClassPattern.FindStringSubmatch(page)
	switch {
	case m == nil:
		return flashNone
	case m[1] != "":
		return flashRefused
	default:
		return flashDone
	}
}

// postStep posts a case step like post, but answers with the flash kind instead of its text.
func (o *officer) postStep(path string, form url.Values) (status int, kind string, page string) {
	o.t.Helper()
	status, _, page = o.post(path, form)
	if status == http.StatusSeeOther {
		kind = flashKind(page)
	}
	return status, kind, page
}

var fieldErrorPattern = regexp.MustCompile(`<p class="error" id="f-([^"]+)-err">`)

// fieldErrors lists the fields a re-rendered form marks invalid, by the id of their error
// paragraph (id="f-<form prefix><key>-err", dots in the key written as dashes), prefix included.
func fieldErrors(page string) []string {
	var ids []string
	for _, m := range fieldErrorPattern.FindAllStringSubmatch(page, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

// hasFieldError reports whether the field key (dots as dashes) is marked invalid, in any form's prefix.
func hasFieldError(page, key string) bool {
	key = strings.ReplaceAll(key, ".", "-")
	for _, id := range fieldErrors(page) {
		if id == key || strings.HasSuffix(id, "-"+key) {
			return true
		}
	}
	return false
}

// caseState is the stored state of one request, what a case step changes.
type caseState struct {
	Status      string `db:"status"`
	Version     int    `db:"version"`
	DueDate     string `db:"due_date"`
	ExtendedDue string `db:"extended_due"`
	Decision    string `db:"decision"`
	NoticeLate  bool   `db:"notice_late"`
	AssignedTo  string `db:"assigned_to"`
	UnitID      string `db:"unit_id"`
	Closed      bool   `db:"closed"`
	Delivered   bool   `db:"delivered"`
}

// stateOf reads the stored state of the case at path (/kantor/permohonan/<id>).
func stateOf(t *testing.T, app *testApp, path string) caseState {
	t.Helper()
	var s caseState
	if err := app.Store.DB().Get(&s, `SELECT status, version, due_date::text AS due_date, coalesce(extended_due::text, '') AS extended_due,
		coalesce(decision, '') AS decision, coalesce(notice_late, false) AS notice_late, coalesce(assigned_to::text, '') AS assigned_to,
		unit_id::text AS unit_id, closed_at IS NOT NULL AS closed, delivered_at IS NOT NULL AS delivered
		FROM requests WHERE id = $1`, caseIDOf(path)); err != nil {
		t.Fatal(err)
	}
	return s
}

// eventKinds lists the kinds of the case's events in order; publicOnly keeps those the requester sees.
func eventKinds(t *testing.T, app *testApp, path string, publicOnly bool) []string {
	t.Helper()
	var kinds []string
	if err := app.Store.DB().Select(&kinds, `SELECT kind FROM request_events WHERE request_id = $1 AND (public OR NOT $2) ORDER BY id`,
		caseIDOf(path), publicOnly); err != nil {
		t.Fatal(err)
	}
	return kinds
}

// count answers a SELECT count(*) … query.
func count(t *testing.T, app *testApp, query string, args ...any) int {
	t.Helper()
	var n int
	if err := app.Store.DB().Get(&n, query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func (o *officer) get(path string) string {
	o.t.Helper()
	resp, err := o.c.Get(o.app.URL + path)
	if err != nil {
		o.t.Fatal(err)
	}
	return readBody(o.t, resp)
}

func (o *officer) status(path string) int {
	resp, err := o.c.Get(o.app.URL + path)
	if err != nil {
		o.t.Fatal(err)
	}
	readBody(o.t, resp)
	return resp.StatusCode
}

// submitViaAPI registers a request as a citizen and returns its officer path and tracking code.
func submitViaAPI(t *testing.T, app *testApp) (casePath, number, code string) {
	t.Helper()
	resp, out := postJSON(t, app.URL+"/api/v1/requests", validJSON())
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("submit: %d %v", resp.StatusCode, out)
	}
	number, code = out["registration_number"].(string), out["tracking_code"].(string)
	var id int64
	if err := app.Store.DB().Get(&id, `SELECT id FROM requests WHERE registration_number = $1`, number); err != nil {
		t.Fatal(err)
	}
	return "/kantor/permohonan/" + strconv.FormatInt(id, 10), number, code
}

func TestCaseFromReceiptThroughObjectionAndDispute(t *testing.T) {
	t.Parallel()
	// Monday 2 November 2026, 09:00 WIB: due Monday 16 November (10 WD).
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	petugas := signIn(t, app, "petugas@uji.test", "petugas", "rahasia-petugas")
	atasan := signIn(t, app, "atasan@uji.test", "atasan", "rahasia-atasan")
	path, number, code := submitViaAPI(t, app)

	var petugasID string
	app.Store.DB().Get(&petugasID, `SELECT id::text FROM users WHERE email = 'petugas@uji.test'`)
	if st, kind, _ := petugas.postStep(path+"/tugaskan", url.Values{"officer_id": {petugasID}}); st != 303 || kind != flashDone {
		t.Fatalf("assign: %d %q", st, kind)
	}
	if s := stateOf(t, app, path); s.AssignedTo != petugasID || s.Status != "diproses" {
		t.Fatalf("after assigning: %+v", s)
	}

	// Petugas and atasan may not decide or extend; the server refuses, whatever the page shows.
	for _, who := range []*officer{petugas, atasan} {
		if st, _, _ := who.post(path+"/perpanjang", url.Values{"reason": {"Dokumen tersebar di tiga bidang."}}); st != http.StatusForbidden {
			t.Errorf("extend by a non-PPID: %d", st)
		}
		if st, _, _ := who.post(path+"/putuskan", url.Values{"kind": {"dikabulkan"}}); st != http.StatusForbidden {
			t.Errorf("decide by a non-PPID: %d", st)
		}
	}

	// One extension, before the due date: due 16 Nov + 7 WD = 25 November.
	if st, kind, _ := ppid.postStep(path+"/perpanjang", url.Values{"reason": {"Dokumen tersebar di tiga bidang."}}); st != 303 || kind != flashDone {
		t.Fatalf("extend: %d %q", st, kind)
	}
	extended := stateOf(t, app, path)
	if extended.Status != "diperpanjang" || extended.DueDate != "2026-11-25" || extended.ExtendedDue != "2026-11-25" {
		t.Fatalf("after extending: %+v", extended)
	}
	if _, kind, _ := ppid.postStep(path+"/perpanjang", url.Values{"reason": {"Sekali lagi, masih banyak dokumen."}}); kind != flashRefused {
		t.Errorf("second extension: flash %q", kind)
	}
	if s := stateOf(t, app, path); s != extended {
		t.Errorf("a second extension changed the case: %+v", s)
	}

	// A refusal without the consequence test is refused field by field, keeping what was typed.
	app.Clock.Set(time.Date(2026, 11, 20, 10, 0, 0, 0, jakarta))
	refusal := url.Values{"kind": {"ditolak"}, "notice_date": {"2026-11-20"}, "notice_time": {"10:00"}, "legal_basis": {"UU 14/2008 Pasal 17 huruf h"}}
	st, _, page := ppid.post(path+"/putuskan", refusal)
	if st != http.StatusUnprocessableEntity || !exemptionInvalid(page) || !hasFieldError(page, "harm") || !hasFieldError(page, "public_interest") ||
		!strings.Contains(page, ">UU 14/2008 Pasal 17 huruf h</textarea>") {
		t.Fatalf("incomplete refusal: %d, fields marked %v", st, fieldErrors(page))
	}
	if s := stateOf(t, app, path); s != extended || count(t, app, `SELECT count(*) FROM decisions`) != 0 {
		t.Fatalf("an incomplete refusal was stored: %+v", s)
	}
	refusal.Set("exemption_letters", "h")
	refusal.Set("harm", "Membuka data kesehatan pribadi pegawai.")
	refusal.Set("public_interest", "Kepentingan publik tidak lebih besar dari perlindungan data pribadi.")
	refusal.Set("dik_subject", "Data kesehatan pribadi pegawai")
	if st, kind, _ := ppid.postStep(path+"/putuskan", refusal); st != 303 || kind != flashDone {
		t.Fatalf("refusal: %d %q", st, kind)
	}
	decided := stateOf(t, app, path)
	if decided.Status != "ditolak" || decided.Decision != "ditolak" || decided.NoticeLate {
		t.Fatalf("after refusing: %+v", decided)
	}
	if n := count(t, app, `SELECT count(*) FROM decisions WHERE kind = 'ditolak' AND exemption_letters = '{h}' AND harm <> ''`); n != 1 {
		t.Fatalf("%d refusals stored with their consequence test", n)
	}
	if _, kind, _ := ppid.postStep(path+"/putuskan", url.Values{"kind": {"dikabulkan"}, "notice_date": {"2026-11-20"}, "information_given": {"x"}, "form": {"pdf"}}); kind != flashRefused {
		t.Errorf("second decision: flash %q", kind)
	}
	if s := stateOf(t, app, path); s != decided || count(t, app, `SELECT count(*) FROM decisions`) != 1 {
		t.Errorf("a second decision changed the case: %+v", s)
	}
	if st, kind, _ := ppid.postStep(path+"/selesai", url.Values{}); st != 303 || kind != flashDone {
		t.Fatalf("close: %d %q", st, kind)
	}
	closed := stateOf(t, app, path)
	if closed.Status != "selesai" || !closed.Closed {
		t.Fatalf("after closing: %+v", closed)
	}
	if _, kind, _ := petugas.postStep(path+"/tarik", url.Values{}); kind != flashRefused {
		t.Errorf("change to a closed case: flash %q", kind)
	}
	if s := stateOf(t, app, path); s != closed {
		t.Errorf("withdrawing a closed case changed it: %+v", s)
	}

	// The requester objects through the API within 30 WD of the notice.
	app.Clock.Set(time.Date(2026, 11, 23, 10, 0, 0, 0, jakarta))
	obj := map[string]any{"registration_number": number, "tracking_code": code, "grounds": []string{"a"}, "reasons": "Data yang saya minta bukan data pribadi."}
	resp, out := postJSON(t, app.URL+"/api/v1/objections", obj)
	// 30 WD from Monday 23 November 2026: cuti bersama and Christmas (24–25 Dec) skipped; 2027 has
	// no SKB loaded, so 1 January 2027 is a provisional holiday → Thursday 7 January 2027.
	if resp.StatusCode != http.StatusCreated || out["objection_number"] != "KEB/0001/XI/2026" || out["response_due"] != "2027-01-07" ||
		out["status"] != "diterima" {
		t.Fatalf("objection: %d %v", resp.StatusCode, out)
	}
	if resp, out := postJSON(t, app.URL+"/api/v1/objections", obj); resp.StatusCode != http.StatusConflict || out["error"] == "" || out["error"] == nil {
		t.Errorf("second open objection: %d %v", resp.StatusCode, out)
	}
	if n := count(t, app, `SELECT count(*) FROM objections`); n != 1 {
		t.Errorf("%d objections stored, want 1", n)
	}

	// Only the atasan answers, with written reasons; overturning reopens the case with a new deadline.
	var oid string
	app.Store.DB().Get(&oid, `SELECT id::text FROM objections`)
	answer := url.Values{"outcome": {"dibatalkan"}, "answer": {"Informasi tidak termasuk rahasia pribadi; wajib diberikan."}}
	if st, _, _ := ppid.post(path+"/keberatan/"+oid+"/tanggapan", answer); st != http.StatusForbidden {
		t.Errorf("PPID answering an objection: %d", st)
	}
	if st, _, _ := atasan.post(path+"/keberatan/"+oid+"/tanggapan", url.Values{"outcome": {"dibatalkan"}}); st != http.StatusUnprocessableEntity {
		t.Errorf("answer without reasons: %d", st)
	}
	app.Clock.Set(time.Date(2026, 11, 30, 10, 0, 0, 0, jakarta))
	if st, _, _ := atasan.post(path+"/keberatan/"+oid+"/tanggapan", answer); st != 303 {
		t.Fatalf("overturn: %d", st)
	}
	if s := stateOf(t, app, path); s.Status != "diproses" || s.DueDate != "2026-12-14" || s.Closed {
		t.Fatalf("after overturning: %+v", s)
	}
	if n := count(t, app, `SELECT count(*) FROM objections WHERE status = 'dibatalkan' AND answered_at IS NOT NULL`); n != 1 {
		t.Errorf("objection not stored as overturned")
	}

	// Fulfilled this time, late: granted, delivered, closed.
	app.Clock.Set(time.Date(2026, 12, 15, 10, 0, 0, 0, jakarta))
	grant := url.Values{"kind": {"dikabulkan"}, "notice_date": {"2026-12-15"}, "notice_time": {"10:00"}, "information_given": {"Rekap anggaran"},
		"form": {"softcopy"}, "cost": {"Tanpa biaya (salinan elektronik)"}, "delivery_time": {"Hari ini melalui e-mail"}}
	if st, _, _ := ppid.post(path+"/putuskan", grant); st != 303 {
		t.Fatalf("late grant: %d\n%s", st, app.Logs.String())
	}
	granted := stateOf(t, app, path)
	if granted.Status != "dikabulkan" || granted.Decision != "dikabulkan" || !granted.NoticeLate {
		t.Fatalf("after the late grant: %+v", granted)
	}
	if _, kind, _ := ppid.postStep(path+"/selesai", url.Values{}); kind != flashRefused {
		t.Errorf("close before delivery: %q", kind)
	}
	if s := stateOf(t, app, path); s != granted {
		t.Errorf("closing before delivery changed the case: %+v", s)
	}
	if st, _, _ := petugas.post(path+"/serahkan", url.Values{"method": {"email"}}); st != 303 {
		t.Fatalf("deliver: %d", st)
	}
	if s := stateOf(t, app, path); s.Status != "diserahkan" || !s.Delivered {
		t.Fatalf("after delivering: %+v", s)
	}

	// A dispute at the KI: 14 WD to start and 100 WD to finish, counted by the system.
	if st, _, page := ppid.post(path+"/sengketa", url.Values{"ki_number": {"002/XII/KI-Jabar-PS/2026"}, "ki_received": {"2026-12-16"}}); st != 303 ||
		!strings.Contains(page, "002/XII/KI-Jabar-PS/2026") {
		t.Fatalf("dispute: %d", st)
	}
	var dispute struct{ Start, Finish string }
	if err := app.Store.DB().QueryRow(`SELECT ki_start_due::text, ki_finish_due::text FROM disputes WHERE ki_number = '002/XII/KI-Jabar-PS/2026'`).Scan(&dispute.Start, &dispute.Finish); err != nil {
		t.Fatal(err)
	}
	// 14 WD from Wednesday 16 December 2026, Christmas and cuti bersama skipped, 2027 without a calendar.
	if dispute.Start != "2027-01-08" {
		t.Errorf("KI start due %s", dispute.Start)
	}
	if st, _, page := ppid.post(path+"/sengketa", url.Values{"ki_number": {""}}); st != http.StatusUnprocessableEntity || !hasFieldError(page, "ki_number") {
		t.Errorf("dispute without number: %d, fields marked %v", st, fieldErrors(page))
	}
	if n := count(t, app, `SELECT count(*) FROM disputes`); n != 1 {
		t.Errorf("%d disputes stored, want 1", n)
	}

	// The requester's tracking page shows the public history, never internal notes.
	public := eventKinds(t, app, path, true)
	wantPublic := []string{"received", "assigned", "extended", "decided", "closed", "objection_filed", "objection_answered", "decided", "delivered", "dispute_recorded"}
	if !slices.Equal(public, wantPublic) {
		t.Errorf("public events %v, want %v", public, wantPublic)
	}
	page = trackAs(t, app, newClient(t), number, code)
	if n := strings.Count(timelineOf(page), "<li>"); n != len(public) {
		t.Errorf("tracking page shows %d events, %d are public", n, len(public))
	}
	var internal []string
	app.Store.DB().Select(&internal, `SELECT note FROM request_events WHERE NOT public AND note <> ''`)
	for _, note := range internal {
		if strings.Contains(page, html.EscapeString(note)) {
			t.Errorf("tracking page shows the internal note %q", note)
		}
	}

	var mails int
	// The requester's mails; notices to officers are counted in account_notices_test.go.
	app.Store.DB().Get(&mails, `SELECT count(*) FROM outbox WHERE request_id = (SELECT id FROM requests WHERE registration_number = $1)
		AND template NOT LIKE 'officer\_new\_%'`, number)
	// received, extended, decided (refusal), objection received, objection answered, decided (grant), delivered,
	// and the satisfaction survey's invitation (PermenPAN-RB 14/2017)
	if mails != 8 {
		t.Errorf("%d e-mails queued, want 8", mails)
	}
}

// exemptionInvalid reports whether the decision form marks its Pasal 17 checkboxes invalid.
func exemptionInvalid(page string) bool {
	return regexp.MustCompile(`(?s)<fieldset class="field invalid">\s*<legend>[^<]*</legend>\s*<p class="error">[^<]*</p>\s*<label class="choice"><input type="checkbox" name="exemption_letters"`).MatchString(page)
}

// timelineOf cuts the requester's event history (<ol class="timeline">) out of the tracking page.
func timelineOf(page string) string {
	_, rest, _ := strings.Cut(page, `<ol class="timeline">`)
	list, _, _ := strings.Cut(rest, "</ol>")
	return list
}

func TestExtensionAfterDueDateIsRefused(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	path, _, _ := submitViaAPI(t, app)
	app.Clock.Set(time.Date(2026, 11, 17, 8, 0, 0, 0, jakarta)) // the day after the 10-WD due date
	before := stateOf(t, app, path)
	if _, kind, _ := ppid.postStep(path+"/perpanjang", url.Values{"reason": {"Dokumen tersebar di tiga bidang."}}); kind != flashRefused {
		t.Errorf("late extension: flash %q", kind)
	}
	if s := stateOf(t, app, path); s != before {
		t.Errorf("a late extension changed the case: %+v", s)
	}
	// The requester may now object: the deadline lapsed without a notice (Pasal 35(1) c).
	page := ppid.get(path)
	if !strings.Contains(page, `action="`+path+`/keberatan"`) {
		t.Error("no objection form after the deadline lapsed")
	}
}

func TestOfficersSeeOnlyTheirUnit(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ctx := context.Background()
	var unitID string
	if err := app.Store.DB().GetContext(ctx, &unitID, `INSERT INTO units (name, kind) VALUES ('PPID Pelaksana Dinas Kesehatan', 'pelaksana') RETURNING id::text`); err != nil {
		t.Fatal(err)
	}
	utama := signIn(t, app, "utama@uji.test", "ppid", "rahasia-utama")
	addUser(t, app.Store, "dinkes@uji.test", "ppid", "rahasia-dinkes")
	app.Store.DB().MustExec(`UPDATE users SET unit_id = $1 WHERE email = 'dinkes@uji.test'`, unitID)
	c, _ := login(t, app, "dinkes@uji.test", "rahasia-dinkes")
	dinkes := &officer{t: t, app: app, c: c}

	path, number, _ := submitViaAPI(t, app)
	if st := dinkes.status(path); st != http.StatusNotFound {
		t.Errorf("other unit opens the case: %d", st)
	}
	if strings.Contains(dinkes.get("/kantor"), number) {
		t.Error("other unit's queue lists the case")
	}
	if st, _, _ := dinkes.post(path+"/tugaskan", url.Values{"officer_id": {"1"}}); st != http.StatusNotFound {
		t.Errorf("other unit acts on the case: %d", st)
	}
	if st, kind, _ := utama.postStep(path+"/teruskan", url.Values{"unit_id": {unitID}}); st != 303 || kind != flashDone {
		t.Fatalf("forward: %d %q", st, kind)
	}
	if s := stateOf(t, app, path); s.UnitID != unitID || s.DueDate != "2026-11-16" {
		t.Errorf("forwarded case: %+v (want unit %s, due 2026-11-16 unchanged)", s, unitID)
	}
	if st := dinkes.status(path); st != http.StatusOK || !strings.Contains(dinkes.get(path), "PPID Pelaksana Dinas Kesehatan") {
		t.Errorf("forwarded case not visible to its unit: %d", st)
	}
	if !strings.Contains(utama.get("/kantor"), number) {
		t.Error("PPID Utama no longer sees the forwarded case")
	}
}

func (o *officer) postJSON(path string, body any) (int, map[string]any) {
	o.t.Helper()
	b, _ := json.Marshal(body)
	resp, err := o.c.Post(o.app.URL+path, "application/json", bytes.NewReader(b))
	if err != nil {
		o.t.Fatal(err)
	}
	var out map[string]any
	json.Unmarshal([]byte(readBody(o.t, resp)), &out)
	return resp.StatusCode, out
}

func TestOfficeAPIAnswers409ForImpossibleMoves(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	atasan := signIn(t, app, "atasan@uji.test", "atasan", "rahasia-atasan")
	path, _, _ := submitViaAPI(t, app)
	api := strings.Replace(path, "/kantor/", "/api/v1/kantor/", 1)

	extend := map[string]any{"reason": "Dokumen tersebar di tiga bidang."}
	if st, out := ppid.postJSON(api+"/extend", extend); st != 200 || out["status"] != "diperpanjang" || out["due_date"] != "2026-11-25" {
		t.Fatalf("extend: %d %v", st, out)
	}
	extended := stateOf(t, app, path)
	if st, out := ppid.postJSON(api+"/extend", extend); st != http.StatusConflict || out["error"] == "" || out["error"] == nil {
		t.Errorf("second extension: %d %v", st, out)
	}
	if s := stateOf(t, app, path); s != extended {
		t.Errorf("a second extension changed the case: %+v", s)
	}
	if st, out := ppid.postJSON(api+"/decide", map[string]any{"kind": "ditolak", "notice_at": "2026-11-03T10:00:00+07:00"}); st != http.StatusUnprocessableEntity ||
		out["fields"].(map[string]any)["harm"] == nil {
		t.Errorf("refusal without consequence test: %d %v", st, out)
	}
	if st, _ := atasan.postJSON(api+"/close", map[string]any{}); st != http.StatusForbidden {
		t.Errorf("atasan closing: %d", st)
	}
	if st, _ := ppid.postJSON(api+"/fly", map[string]any{}); st != http.StatusNotFound {
		t.Errorf("unknown action: %d", st)
	}
	resp, _ := http.Post(app.URL+api+"/close", "application/json", strings.NewReader("{}"))
	if readBody(t, resp); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("signed out: %d", resp.StatusCode)
	}
	if st, out := ppid.postJSON(api+"/decide", map[string]any{"kind": "dikabulkan", "notice_at": "2026-11-02T09:00:00+07:00",
		"information_given": "Rekap", "form": "softcopy", "cost": "Tanpa biaya", "delivery_time": "Hari ini"}); st != 200 || out["notice_late"] != false || out["decision"] != "dikabulkan" {
		t.Errorf("grant: %d %v", st, out)
	}
}

func TestLettersAreIssuedNumberedAndReadableByTheRequester(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	path, number, code := submitViaAPI(t, app)
	ppid.post(path+"/perpanjang", url.Values{"reason": {"Dokumen tersebar di tiga bidang."}})
	refusal := url.Values{"kind": {"ditolak"}, "notice_date": {"2026-11-02"}, "notice_time": {"09:00"}, "exemption_letters": {"h"},
		"legal_basis": {"UU 14/2008 Pasal 17 huruf h"}, "harm": {"Membuka data kesehatan pegawai."}, "public_interest": {"Tidak lebih besar."},
		"dik_subject": {"Data kesehatan pegawai"}}
	if st, _, _ := ppid.post(path+"/putuskan", refusal); st != 303 {
		t.Fatalf("decide: %d", st)
	}
	page := ppid.get(path)
	letterLinks := regexp.MustCompile(`href="(`+regexp.QuoteMeta(path)+`/surat/\d+)"`).FindAllStringSubmatch(page, -1)
	// Extension, written notice, and the refusal decision with its consequence test, numbered in order.
	if len(letterLinks) != 3 || !strings.Contains(page, "0001/SRT-PPID/XI/2026") || !strings.Contains(page, "0003/SRT-PPID/XI/2026") {
		t.Fatalf("letters on the case page: %v", letterLinks)
	}
	var kinds []string
	app.Store.DB().Select(&kinds, `SELECT kind FROM letters WHERE request_id = $1 ORDER BY number`, caseIDOf(path))
	if !slices.Equal(kinds, []string{"perpanjangan", "pemberitahuan", "penolakan"}) {
		t.Errorf("letters issued: %v", kinds)
	}
	if html := ppid.get(letterLinks[2][1]); !strings.Contains(html, "Membuka data kesehatan pegawai.") || !strings.Contains(html, "Tidak lebih besar.") {
		t.Error("refusal letter lacks its consequence test")
	}
	resp, err := ppid.c.Get(app.URL + letterLinks[1][1] + "/pdf")
	if err != nil {
		t.Fatal(err)
	}
	if body := readBody(t, resp); resp.StatusCode != 200 || !strings.HasPrefix(body, "%PDF") || resp.Header.Get("Content-Type") != "application/pdf" {
		t.Errorf("notice PDF: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}

	// A browser that has not tracked the case cannot open its letters; one that has can, and can issue its receipt.
	stranger := newClient(t)
	letterID := letterLinks[0][1][strings.LastIndex(letterLinks[0][1], "/")+1:]
	resp, _ = stranger.Get(app.URL + "/lacak/surat/" + letterID)
	if readBody(t, resp); resp.StatusCode != http.StatusNotFound {
		t.Errorf("untracked letter: %d", resp.StatusCode)
	}
	citizen := newClient(t)
	if page := trackAs(t, app, citizen, number, code); !strings.Contains(page, "/lacak/surat/"+letterID) {
		t.Fatal("tracking page does not list the letters")
	}
	resp, _ = citizen.Get(app.URL + "/lacak/surat/" + letterID)
	if page := readBody(t, resp); resp.StatusCode != 200 || !strings.Contains(page, number) {
		t.Errorf("tracked letter: %d", resp.StatusCode)
	}
	resp, _ = citizen.PostForm(app.URL+"/lacak/tanda-bukti", url.Values{})
	readBody(t, resp)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("receipt: %d", resp.StatusCode)
	}
	resp, _ = citizen.Get(app.URL + resp.Header.Get("Location") + "/pdf")
	if body := readBody(t, resp); !strings.HasPrefix(body, "%PDF") {
		t.Error("receipt is not a PDF")
	}
	// Issuing it again does not number a second receipt.
	citizen.PostForm(app.URL+"/lacak/tanda-bukti", url.Values{})
	var receipts, lastSeq int
	app.Store.DB().Get(&receipts, `SELECT count(*) FROM letters WHERE kind = 'tanda_bukti'`)
	app.Store.DB().Get(&lastSeq, `SELECT last_seq FROM counters WHERE series = 'letter'`)
	if receipts != 1 || lastSeq != 4 {
		t.Errorf("%d receipts, letter counter at %d (want 1 and 4: no gap)", receipts, lastSeq)
	}
}

// trackAs tracks a case with number and code in client's session and returns the status page.
func trackAs(t *testing.T, app *testApp, client *http.Client, number, code string) string {
	t.Helper()
	resp, err := client.PostForm(app.URL+"/lacak", url.Values{"nomor": {number}, "kode": {code}})
	if err != nil {
		t.Fatal(err)
	}
	if readBody(t, resp); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("track %s: %d", number, resp.StatusCode)
	}
	resp, err = client.Get(app.URL + "/lacak/status")
	if err != nil {
		t.Fatal(err)
	}
	return readBody(t, resp)
}

func TestRequesterObjectsFromTheStatusPageOnce(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	_, number, code := submitViaAPI(t, app)
	app.Clock.Set(time.Date(2026, 11, 17, 9, 0, 0, 0, jakarta)) // the 10 days lapsed without a notice
	citizen := newClient(t)
	if page := trackAs(t, app, citizen, number, code); !strings.Contains(page, `action="/lacak/keberatan"`) {
		t.Fatal("no objection form after the deadline lapsed")
	}
	resp, _ := citizen.PostForm(app.URL+"/lacak/keberatan", url.Values{"reasons": {"pendek"}})
	if page := readBody(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !hasFieldError(page, "grounds") || !strings.Contains(page, ">pendek</textarea>") {
		t.Errorf("incomplete objection: %d, fields marked %v", resp.StatusCode, fieldErrors(page))
	}
	if n := count(t, app, `SELECT count(*) FROM objections`); n != 0 {
		t.Errorf("an incomplete objection was stored")
	}
	resp, _ = citizen.PostForm(app.URL+"/lacak/keberatan", url.Values{"grounds": {"c"}, "reasons": {"Belum ada tanggapan sampai batas waktu."}})
	if readBody(t, resp); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/lacak/status" {
		t.Fatalf("objection: %d", resp.StatusCode)
	}
	resp, _ = citizen.Get(app.URL + "/lacak/status")
	page := readBody(t, resp)
	if !strings.Contains(page, "KEB/0001/XI/2026") || strings.Contains(page, `action="/lacak/keberatan"`) {
		t.Error("status page after the objection: number missing or form still offered")
	}
	resp, _ = citizen.PostForm(app.URL+"/lacak/keberatan", url.Values{"grounds": {"c"}, "reasons": {"Belum ada tanggapan sampai batas waktu."}})
	if readBody(t, resp); resp.StatusCode != http.StatusConflict {
		t.Errorf("second objection: %d", resp.StatusCode)
	}
	// Without having tracked the case, nothing can be filed.
	resp, _ = newClient(t).PostForm(app.URL+"/lacak/keberatan", url.Values{"grounds": {"c"}, "reasons": {"Belum ada tanggapan sampai batas waktu."}})
	if readBody(t, resp); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("untracked objection: %d", resp.StatusCode)
	}
}

func TestObjectionListShowsOpenObjectionsToTheAtasan(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	atasan := signIn(t, app, "atasan@uji.test", "atasan", "rahasia-atasan")
	_, number, code := submitViaAPI(t, app)
	app.Clock.Set(time.Date(2026, 11, 17, 9, 0, 0, 0, jakarta))
	resp, out := postJSON(t, app.URL+"/api/v1/objections", map[string]any{"registration_number": number, "tracking_code": code,
		"grounds": []string{"c"}, "reasons": "Tidak ada tanggapan sampai batas waktu."})
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("objection: %d %v", resp.StatusCode, out)
	}
	if page := atasan.get("/kantor/keberatan"); !strings.Contains(page, out["objection_number"].(string)) || !strings.Contains(page, number) {
		t.Error("the atasan's list lacks the open objection")
	}
}
