package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
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
	if st, flash, _ := petugas.post(path+"/tugaskan", url.Values{"officer_id": {petugasID}}); st != 303 || !strings.Contains(flash, "ditugaskan") {
		t.Fatalf("assign: %d %q", st, flash)
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
	if st, flash, page := ppid.post(path+"/perpanjang", url.Values{"reason": {"Dokumen tersebar di tiga bidang."}}); st != 303 ||
		!strings.Contains(flash, "diperpanjang") || !strings.Contains(page, "Rabu, 25 November 2026") {
		t.Fatalf("extend: %d %q", st, flash)
	}
	if _, flash, _ := ppid.post(path+"/perpanjang", url.Values{"reason": {"Sekali lagi, masih banyak dokumen."}}); !strings.Contains(flash, "satu kali") {
		t.Errorf("second extension: flash %q", flash)
	}

	// A refusal without the consequence test is refused field by field, keeping what was typed.
	app.Clock.Set(time.Date(2026, 11, 20, 10, 0, 0, 0, jakarta))
	refusal := url.Values{"kind": {"ditolak"}, "notice_date": {"2026-11-20"}, "notice_time": {"10:00"}, "legal_basis": {"UU 14/2008 Pasal 17 huruf h"}}
	st, _, page := ppid.post(path+"/putuskan", refusal)
	if st != http.StatusUnprocessableEntity || !strings.Contains(page, "Pasal 17 huruf a–j") || !strings.Contains(page, "uji konsekuensi") && !strings.Contains(page, "Uji konsekuensi") ||
		!strings.Contains(page, "UU 14/2008 Pasal 17 huruf h") {
		t.Fatalf("incomplete refusal: %d", st)
	}
	refusal.Set("exemption_letters", "h")
	refusal.Set("harm", "Membuka data kesehatan pribadi pegawai.")
	refusal.Set("public_interest", "Kepentingan publik tidak lebih besar dari perlindungan data pribadi.")
	if st, flash, page := ppid.post(path+"/putuskan", refusal); st != 303 || !strings.Contains(flash, "tercatat") || !strings.Contains(page, "Ditolak (dikecualikan)") {
		t.Fatalf("refusal: %d %q", st, flash)
	}
	if _, flash, _ := ppid.post(path+"/putuskan", url.Values{"kind": {"dikabulkan"}, "notice_date": {"2026-11-20"}, "information_given": {"x"}, "form": {"pdf"}}); !strings.Contains(flash, "sudah diputus") {
		t.Errorf("second decision: flash %q", flash)
	}
	if st, flash, _ := ppid.post(path+"/selesai", url.Values{}); st != 303 || flash != "Permohonan selesai." {
		t.Fatalf("close: %d %q", st, flash)
	}
	if _, flash, _ := petugas.post(path+"/tarik", url.Values{}); !strings.Contains(flash, "tidak ada lagi yang dapat diubah") {
		t.Errorf("change to a closed case: flash %q", flash)
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
	if resp, out := postJSON(t, app.URL+"/api/v1/objections", obj); resp.StatusCode != http.StatusConflict || !strings.Contains(out["error"].(string), "sudah diajukan") {
		t.Errorf("second open objection: %d %v", resp.StatusCode, out)
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
	if st, _, page := atasan.post(path+"/keberatan/"+oid+"/tanggapan", answer); st != 303 || !strings.Contains(page, "Diproses") ||
		!strings.Contains(page, "Senin, 14 Desember 2026") {
		t.Fatalf("overturn: %d", st)
	}

	// Fulfilled this time, late: granted, delivered, closed.
	app.Clock.Set(time.Date(2026, 12, 15, 10, 0, 0, 0, jakarta))
	grant := url.Values{"kind": {"dikabulkan"}, "notice_date": {"2026-12-15"}, "notice_time": {"10:00"}, "information_given": {"Rekap anggaran"},
		"form": {"softcopy"}, "cost": {"Tanpa biaya (salinan elektronik)"}, "delivery_time": {"Hari ini melalui e-mail"}}
	if st, _, page := ppid.post(path+"/putuskan", grant); st != 303 || !strings.Contains(page, "terlambat") {
		t.Fatalf("late grant: %d\n%s", st, app.Logs.String())
	}
	if _, flash, _ := ppid.post(path+"/selesai", url.Values{}); !strings.Contains(flash, "belum diserahkan") {
		t.Errorf("close before delivery: %q", flash)
	}
	if st, _, _ := petugas.post(path+"/serahkan", url.Values{"method": {"email"}}); st != 303 {
		t.Fatalf("deliver: %d", st)
	}

	// A dispute at the KI: 14 WD to start and 100 WD to finish, counted by the system.
	if st, _, page := ppid.post(path+"/sengketa", url.Values{"ki_number": {"002/XII/KI-Jabar-PS/2026"}, "ki_received": {"2026-12-16"}}); st != 303 ||
		!strings.Contains(page, "002/XII/KI-Jabar-PS/2026") || !strings.Contains(page, "(14 hari kerja, Pasal 38(1))") {
		t.Fatalf("dispute: %d", st)
	}
	if st, _, page := ppid.post(path+"/sengketa", url.Values{"ki_number": {""}}); st != http.StatusUnprocessableEntity || !strings.Contains(page, "nomor registrasi sengketa") {
		t.Errorf("dispute without number: %d", st)
	}

	// The requester's tracking page shows the public history, never internal notes.
	page = trackAs(t, app, newClient(t), number, code)
	for _, want := range []string{"Diperpanjang", "Pemberitahuan tertulis", "Keberatan KEB/0001/XI/2026", "Keberatan ditanggapi", "diproses kembali", "Informasi diserahkan"} {
		if !strings.Contains(page, want) {
			t.Errorf("tracking page lacks %q", want)
		}
	}
	if strings.Contains(page, "Ditangani oleh") {
		t.Error("tracking page shows an internal event")
	}

	var mails int
	app.Store.DB().Get(&mails, `SELECT count(*) FROM outbox WHERE request_id = (SELECT id FROM requests WHERE registration_number = $1)`, number)
	// received, extended, decided (refusal), objection received, objection answered, decided (grant), delivered
	if mails != 7 {
		t.Errorf("%d e-mails queued, want 7", mails)
	}
}

func TestExtensionAfterDueDateIsRefused(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	path, _, _ := submitViaAPI(t, app)
	app.Clock.Set(time.Date(2026, 11, 17, 8, 0, 0, 0, jakarta)) // the day after the 10-WD due date
	if _, flash, _ := ppid.post(path+"/perpanjang", url.Values{"reason": {"Dokumen tersebar di tiga bidang."}}); !strings.Contains(flash, "sudah lewat") {
		t.Errorf("late extension: flash %q", flash)
	}
	// The requester may now object: the deadline lapsed without a notice (Pasal 35(1) c).
	page := ppid.get(path)
	if !strings.Contains(page, "Catat keberatan") {
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
	if st, flash, _ := utama.post(path+"/teruskan", url.Values{"unit_id": {unitID}}); st != 303 || !strings.Contains(flash, "tenggat tidak berubah") {
		t.Fatalf("forward: %d %q", st, flash)
	}
	if page := dinkes.get(path); !strings.Contains(page, "PPID Pelaksana Dinas Kesehatan") || !strings.Contains(page, "Senin, 16 November 2026") {
		t.Error("forwarded case not visible to its unit, or its deadline moved")
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
	if st, out := ppid.postJSON(api+"/extend", extend); st != http.StatusConflict || !strings.Contains(out["error"].(string), "satu kali") {
		t.Errorf("second extension: %d %v", st, out)
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
		"legal_basis": {"UU 14/2008 Pasal 17 huruf h"}, "harm": {"Membuka data kesehatan pegawai."}, "public_interest": {"Tidak lebih besar."}}
	if st, _, _ := ppid.post(path+"/putuskan", refusal); st != 303 {
		t.Fatalf("decide: %d", st)
	}
	page := ppid.get(path)
	letterLinks := regexp.MustCompile(`href="(`+regexp.QuoteMeta(path)+`/surat/\d+)"`).FindAllStringSubmatch(page, -1)
	// Extension, written notice, and the refusal decision with its consequence test, numbered in order.
	if len(letterLinks) != 3 || !strings.Contains(page, "0001/SRT-PPID/XI/2026") || !strings.Contains(page, "0003/SRT-PPID/XI/2026") {
		t.Fatalf("letters on the case page: %v", letterLinks)
	}
	if html := ppid.get(letterLinks[2][1]); !strings.Contains(html, "Uji Konsekuensi") || !strings.Contains(html, "Membuka data kesehatan pegawai.") {
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
	if page := trackAs(t, app, citizen, number, code); !strings.Contains(page, "Ajukan keberatan") {
		t.Fatal("no objection form after the deadline lapsed")
	}
	resp, _ := citizen.PostForm(app.URL+"/lacak/keberatan", url.Values{"reasons": {"pendek"}})
	if page := readBody(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "paling sedikit satu alasan") {
		t.Errorf("incomplete objection: %d", resp.StatusCode)
	}
	resp, _ = citizen.PostForm(app.URL+"/lacak/keberatan", url.Values{"grounds": {"c"}, "reasons": {"Belum ada tanggapan sampai batas waktu."}})
	if readBody(t, resp); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/lacak/status" {
		t.Fatalf("objection: %d", resp.StatusCode)
	}
	resp, _ = citizen.Get(app.URL + "/lacak/status")
	page := readBody(t, resp)
	if !strings.Contains(page, "KEB/0001/XI/2026") || strings.Contains(page, "Ajukan keberatan") {
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
