package web_test

import (
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The wording the pages show — labels, headings, messages, flash texts, the legal citations
// users read — is asserted here and only here. The behaviour tests elsewhere assert statuses,
// redirects, headers, stored state and machine-readable markers, so rewording a label changes
// one test in this file, not the tests of what the system does.

// shows fails the test for each wanted text the page lacks; the page is unescaped first, so
// the wanted texts are written as a reader sees them.
func shows(t *testing.T, what, page string, want ...string) {
	t.Helper()
	page = html.UnescapeString(page)
	for _, w := range want {
		if !strings.Contains(page, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

// hides fails the test for each text the page shows but should not.
func hides(t *testing.T, what, page string, unwanted ...string) {
	t.Helper()
	page = html.UnescapeString(page)
	for _, w := range unwanted {
		if strings.Contains(page, w) {
			t.Errorf("%s shows %q", what, w)
		}
	}
}

// The flash messages of each case step, the case page's dates, decision and dispute citations,
// the decision form's messages, the refusal letter and the requester's history, in the order a
// case meets them (the same story as TestCaseFromReceiptThroughObjectionAndDispute).
func TestRenderingCaseSteps(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	petugas := signIn(t, app, "petugas@uji.test", "petugas", "rahasia-petugas")
	atasan := signIn(t, app, "atasan@uji.test", "atasan", "rahasia-atasan")
	path, number, code := submitViaAPI(t, app)
	petugasID := idOf(t, app, `SELECT id::text FROM users WHERE email = 'petugas@uji.test'`)

	_, flash, _ := petugas.post(path+"/tugaskan", url.Values{"officer_id": {petugasID}})
	shows(t, "assign flash", flash, "ditugaskan")

	page := ppid.get(path)
	shows(t, "case page", page, "Senin, 16 November 2026 (UU 14/2008 Pasal 22(7))", "Alasan tertulis (UU 14/2008 Pasal 22(8))",
		"Keberatan (UU 14/2008 Pasal 35–36)", "Sengketa di Komisi Informasi (Pasal 37–38, 47–48)")

	_, flash, page = ppid.post(path+"/perpanjang", url.Values{"reason": {"Dokumen tersebar di tiga bidang."}})
	shows(t, "extend flash", flash, "diperpanjang")
	shows(t, "extended case page", page, "Rabu, 25 November 2026 (Pasal 22(8)) — Dokumen tersebar di tiga bidang.")
	_, flash, _ = ppid.post(path+"/perpanjang", url.Values{"reason": {"Sekali lagi, masih banyak dokumen."}})
	shows(t, "second extension flash", flash, "satu kali")

	app.Clock.Set(time.Date(2026, 11, 20, 10, 0, 0, 0, jakarta))
	refusal := url.Values{"kind": {"ditolak"}, "notice_date": {"2026-11-20"}, "notice_time": {"10:00"}, "legal_basis": {"UU 14/2008 Pasal 17 huruf h"}}
	_, _, page = ppid.post(path+"/putuskan", refusal)
	shows(t, "incomplete refusal", page, "Putusan belum tercatat. Periksa kolom yang ditandai.", "Pasal 17 huruf a–j")
	if p := html.UnescapeString(page); !strings.Contains(p, "uji konsekuensi") && !strings.Contains(p, "Uji konsekuensi") {
		t.Error("incomplete refusal does not name the consequence test")
	}
	refusal.Set("exemption_letters", "h")
	refusal.Set("harm", "Membuka data kesehatan pribadi pegawai.")
	refusal.Set("public_interest", "Kepentingan publik tidak lebih besar dari perlindungan data pribadi.")
	_, flash, page = ppid.post(path+"/putuskan", refusal)
	shows(t, "refusal flash", flash, "tercatat")
	shows(t, "refused case page", page, "Ditolak (dikecualikan)")
	_, flash, _ = ppid.post(path+"/putuskan", url.Values{"kind": {"dikabulkan"}, "notice_date": {"2026-11-20"}, "information_given": {"x"}, "form": {"pdf"}})
	shows(t, "second decision flash", flash, "sudah diputus")

	letters := linkedIDs(ppid.get(path), path+"/surat/")
	if len(letters) < 3 {
		t.Fatalf("letters %v", letters)
	}
	shows(t, "refusal letter", ppid.get(path+"/surat/"+strconv.FormatInt(letters[len(letters)-1], 10)), "Uji Konsekuensi")

	if _, flash, _ = ppid.post(path+"/selesai", url.Values{}); flash != "Permohonan selesai." {
		t.Errorf("close flash %q", flash)
	}
	_, flash, _ = petugas.post(path+"/tarik", url.Values{})
	shows(t, "change to a closed case flash", flash, "tidak ada lagi yang dapat diubah")

	app.Clock.Set(time.Date(2026, 11, 23, 10, 0, 0, 0, jakarta))
	obj := map[string]any{"registration_number": number, "tracking_code": code, "grounds": []string{"a"}, "reasons": "Data yang saya minta bukan data pribadi."}
	postJSON(t, app.URL+"/api/v1/objections", obj)
	if _, out := postJSON(t, app.URL+"/api/v1/objections", obj); !strings.Contains(str(out, "error"), "sudah diajukan") {
		t.Errorf("second objection's error %v", out)
	}

	oid := idOf(t, app, `SELECT id::text FROM objections`)
	app.Clock.Set(time.Date(2026, 11, 30, 10, 0, 0, 0, jakarta))
	_, _, page = atasan.post(path+"/keberatan/"+oid+"/tanggapan", url.Values{"outcome": {"dibatalkan"}, "answer": {"Informasi tidak termasuk rahasia pribadi; wajib diberikan."}})
	shows(t, "reopened case page", page, "Diproses", "Senin, 14 Desember 2026")

	app.Clock.Set(time.Date(2026, 12, 15, 10, 0, 0, 0, jakarta))
	_, _, page = ppid.post(path+"/putuskan", url.Values{"kind": {"dikabulkan"}, "notice_date": {"2026-12-15"}, "notice_time": {"10:00"},
		"information_given": {"Rekap anggaran"}, "form": {"softcopy"}, "cost": {"Tanpa biaya (salinan elektronik)"}, "delivery_time": {"Hari ini melalui e-mail"}})
	shows(t, "late grant", page, `<span class="flag overdue">terlambat</span>`, "pemberitahuan terlambat")
	_, flash, _ = ppid.post(path+"/selesai", url.Values{})
	shows(t, "close before delivery flash", flash, "belum diserahkan")
	petugas.post(path+"/serahkan", url.Values{"method": {"email"}})

	_, _, page = ppid.post(path+"/sengketa", url.Values{"ki_number": {"002/XII/KI-Jabar-PS/2026"}, "ki_received": {"2026-12-16"}})
	shows(t, "dispute", page, "Kamis, 7 Januari 2027 (14 hari kerja, Pasal 38(1))", "(100 hari kerja, Pasal 38(2))")
	_, _, page = ppid.post(path+"/sengketa", url.Values{"ki_number": {""}})
	shows(t, "dispute without number", page, "nomor registrasi sengketa")

	page = trackAs(t, app, newClient(t), number, code)
	shows(t, "tracking page", page, "Riwayat", "Diperpanjang", "Pemberitahuan tertulis", "Keberatan KEB/0001/XI/2026", "Keberatan ditanggapi",
		"diproses kembali", "Informasi diserahkan")
	hides(t, "tracking page", page, "Ditangani oleh")
}

// The refusals of steps tried too late or twice, and of the forms a requester or officer sends
// incomplete.
func TestRenderingStepRefusals(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	path, number, code := submitViaAPI(t, app)
	api := strings.Replace(path, "/kantor/", "/api/v1/kantor/", 1)

	unit := addUnit(t, app, "PPID Pelaksana Dinas Kesehatan")
	for _, bad := range []string{"abc", ""} {
		_, flash, _ := ppid.post(path+"/tugaskan", url.Values{"officer_id": {bad}})
		shows(t, "assign without an officer", flash, "Pilih petugas")
		_, flash, _ = ppid.post(path+"/teruskan", url.Values{"unit_id": {bad}})
		shows(t, "forward without a unit", flash, "Pilih unit")
	}
	_, _, page := ppid.post(path+"/putuskan", url.Values{"kind": {"dikabulkan"}, "notice_date": {"3 November"}, "notice_time": {"25:99"}})
	shows(t, "malformed notice date", page, "JJ:MM")

	second, _, _ := submitViaAPI(t, app)
	_, flash, _ := ppid.post(second+"/teruskan", url.Values{"unit_id": {unit}})
	shows(t, "forward flash", flash, "diteruskan", "tenggat tidak berubah")
	_, flash, _ = ppid.post(path+"/tanda-bukti", url.Values{})
	shows(t, "receipt flash", flash, "Tanda bukti penerimaan diterbitkan.")

	// Uploads: done, and refused by content or by size.
	_, page = ppid.upload(path, "response", "requester", "Rekap.pdf", minimalPDF)
	shows(t, "upload flash", page, "Dokumen diunggah.")
	_, page = ppid.upload(path, "response", "requester", "laporan.pdf", []byte("<!doctype html><script>alert(1)</script>"))
	shows(t, "upload of HTML named .pdf", page, "Jenis berkas tidak diizinkan")
	_, page = ppid.upload(path, "response", "requester", "setup.pdf", append([]byte("MZ\x90\x00\x03"), make([]byte, 512)...))
	shows(t, "upload of an executable", page, "Jenis berkas tidak diizinkan")
	_, page = ppid.upload(path, "response", "requester", "besar.pdf", append(append([]byte{}, minimalPDF...), make([]byte, 70<<10)...))
	shows(t, "upload too large", page, "terlalu besar")

	st, out := ppid.postJSON(api+"/extend", map[string]any{"reason": "Dokumen tersebar di tiga bidang."})
	if st != http.StatusOK {
		t.Fatalf("extend: %d %v", st, out)
	}
	if _, out = ppid.postJSON(api+"/extend", map[string]any{"reason": "Lagi."}); !strings.Contains(str(out, "error"), "satu kali") {
		t.Errorf("second extension's API error %v", out)
	}

	// The 10 (+7) working days lapse without a notice.
	app.Clock.Set(time.Date(2026, 11, 26, 9, 0, 0, 0, jakarta))
	_, flash, _ = ppid.post(second+"/perpanjang", url.Values{"reason": {"Dokumen tersebar di tiga bidang."}})
	shows(t, "late extension flash", flash, "sudah lewat")
	shows(t, "lapsed case page", ppid.get(path), "Catat keberatan", "(30 hari kerja, Pasal 36(1))")

	citizen := newClient(t)
	shows(t, "lapsed tracking page", trackAs(t, app, citizen, number, code), "Ajukan keberatan", "(30 hari kerja, UU 14/2008 Pasal 36(1))")
	resp, _ := citizen.PostForm(app.URL+"/lacak/keberatan", url.Values{"reasons": {"pendek"}})
	shows(t, "incomplete objection", readBody(t, resp), "paling sedikit satu alasan")
}
