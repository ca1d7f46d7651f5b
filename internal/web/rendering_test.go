package web_test

import (
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"regexp"
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
	refusal.Set("dik_subject", "Data kesehatan pribadi pegawai")
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
	shows(t, "dispute", page, "Jumat, 8 Januari 2027 (14 hari kerja, Pasal 38(1))", "(100 hari kerja, Pasal 38(2))")
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

// The administrator's pages: field messages, flash texts and labels of accounts, units, office
// settings, the outbox and jobs.
func TestRenderingAdminPages(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	admin := signInAdmin(t, app)
	utama := idOf(t, app, `SELECT id::text FROM units WHERE kind = 'utama'`)

	// Accounts.
	_, _, page := admin.post("/kantor/admin/pengguna/baru", url.Values{"name": {""}, "email": {"bukan-email"}, "role": {"raja"}, "unit_id": {"999"}})
	shows(t, "invalid invitation", page, "Nama wajib diisi.", "Alamat e-mail tidak valid", "Pilih peran.", "Pilih unit yang aktif.")
	_, flash, page := admin.post("/kantor/admin/pengguna/baru", url.Values{"name": {"Rina Wulandari"}, "email": {"rina@uji.test"}, "role": {"petugas"}, "unit_id": {utama}})
	shows(t, "invitation flash", flash, "Rina Wulandari")
	shows(t, "user list", page, "Petugas layanan informasi")
	_, _, page = admin.post("/kantor/admin/pengguna/baru", url.Values{"name": {"Rina Lain"}, "email": {"RINA@UJI.TEST"}, "role": {"ppid"}, "unit_id": {utama}})
	shows(t, "duplicate e-mail", page, "sudah dipakai")
	rina := idOf(t, app, `SELECT id::text FROM users WHERE email = 'rina@uji.test'`)
	_, flash, _ = admin.post("/kantor/admin/pengguna/"+rina+"/nonaktifkan", url.Values{})
	shows(t, "deactivation flash", flash, "dinonaktifkan")
	self := idOf(t, app, `SELECT id::text FROM users WHERE email = 'admin@uji.test'`)
	_, flash, _ = admin.post("/kantor/admin/pengguna/"+self+"/nonaktifkan", url.Values{})
	shows(t, "self-deactivation flash", flash, "akun Anda sendiri")

	// Units.
	_, flash, _ = admin.post("/kantor/admin/unit", url.Values{"name": {"PPID Pelaksana Dinas Kesehatan"}})
	shows(t, "new unit flash", flash, "ditambahkan")
	_, _, page = admin.post("/kantor/admin/unit", url.Values{"name": {"ppid pelaksana  DINAS kesehatan"}})
	shows(t, "duplicate unit", page, "sudah dipakai")
	_, _, page = admin.post("/kantor/admin/unit", url.Values{"name": {"  "}})
	shows(t, "unit without a name", page, "wajib diisi")
	_, flash, _ = admin.post("/kantor/admin/unit/"+utama+"/nonaktifkan", url.Values{})
	shows(t, "deactivating PPID Utama", flash, "PPID Utama tidak dapat dinonaktifkan")
	dinkes := idOf(t, app, `SELECT id::text FROM units WHERE kind = 'pelaksana'`)
	submitViaAPI(t, app)
	app.Store.DB().MustExec(`UPDATE requests SET unit_id = $1`, dinkes)
	_, flash, _ = admin.post("/kantor/admin/unit/"+dinkes+"/nonaktifkan", url.Values{})
	shows(t, "deactivating a busy unit", flash, "1 permohonan terbuka")
	app.Store.DB().MustExec(`UPDATE requests SET unit_id = $1`, utama)
	_, _, page = admin.post("/kantor/admin/unit/"+dinkes+"/ubah-nama", url.Values{"name": {"ppid utama"}})
	shows(t, "rename to a taken name", page, "sudah dipakai")
	_, flash, _ = admin.post("/kantor/admin/unit/"+dinkes+"/ubah-nama", url.Values{"name": {"PPID Pelaksana Dinas Kesehatan dan KB"}})
	shows(t, "rename flash", flash, "dan KB")
	_, flash, _ = admin.post("/kantor/admin/unit/"+dinkes+"/nonaktifkan", url.Values{})
	shows(t, "unit deactivation flash", flash, "dinonaktifkan")

	// Office settings.
	shows(t, "unsaved settings", admin.get("/kantor/admin/kantor"), "belum pernah disimpan")
	_, _, page = admin.post("/kantor/admin/kantor", url.Values{"name": {"PPID Kota Uji"}, "timezone": {"Asia/Bandung"}, "closes_at": {"25:00"}})
	shows(t, "invalid settings", page, "Zona waktu tidak dikenal", "Jam tutup tidak valid", `Kota wajib diisi: surat ditanggali "<kota>, <tanggal>".`)
	_, _, page = admin.post("/kantor/admin/kantor", url.Values{"name": {""}, "timezone": {"Local"}, "closes_at": {"4pm"}})
	shows(t, "settings without a name", page, "Nama kantor wajib diisi.", "Zona waktu tidak dikenal")
	_, flash, page = admin.post("/kantor/admin/kantor", url.Values{"name": {"PPID Kota Uji"}, "city": {"Makassar"}, "timezone": {"Asia/Makassar"}, "closes_at": {"15:30"}})
	shows(t, "settings flash", flash, "tersimpan")
	shows(t, "saved settings", page, "Terakhir disimpan")

	// Outbox: labels, the rendered e-mail, retries.
	number := idOf(t, app, `SELECT registration_number FROM requests`)
	id := idOf(t, app, `SELECT id::text FROM outbox WHERE template = 'request_received'`)
	shows(t, "outbox", admin.get("/kantor/admin/surel"), "Tanda terima permohonan", "Menunggu")
	shows(t, "outbox item", admin.get("/kantor/admin/surel/"+id), "Permohonan informasi "+number+" telah diterima", "Kode pelacakan:")
	_, flash, _ = admin.post("/kantor/admin/surel/"+id+"/kirim-ulang", url.Values{})
	shows(t, "retry of a pending mail", flash, "Hanya surel yang gagal")
	app.Store.DB().MustExec(`UPDATE outbox SET status = 'failed', attempts = 5, last_error = 'smtp: koneksi ditolak' WHERE id = $1`, id)
	shows(t, "failed mail", admin.get("/kantor/admin/surel/"+id), "Kirim ulang</button>")
	_, flash, _ = admin.post("/kantor/admin/surel/"+id+"/kirim-ulang", url.Values{})
	shows(t, "retry flash", flash, "dicoba segera")

	// Jobs.
	_, flash, _ = admin.post("/kantor/admin/tugas/hitung/jalankan", url.Values{})
	shows(t, "job flash", flash, "selesai")
}

// Calendar changes: the holiday pages' messages and the notes a moved deadline leaves in a case's
// public history, which name the old and new dates and what moved.
func TestRenderingCalendarChanges(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	admin := signInAdmin(t, app)
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	atasan := signIn(t, app, "atasan@uji.test", "atasan", "rahasia-atasan")
	plain, number, code := submitViaAPI(t, app)
	submitViaAPI(t, app)
	objected, objNumber, objCode := submitViaAPI(t, app)
	reopened, reNumber, reCode := submitViaAPI(t, app)
	for _, path := range []string{objected, reopened} {
		api := strings.Replace(path, "/kantor/", "/api/v1/kantor/", 1)
		if st, out := ppid.postJSON(api+"/decide", map[string]any{"kind": "dikabulkan", "notice_at": "2026-11-02T09:00:00+07:00",
			"information_given": "Rekap", "form": "softcopy", "cost": "Tanpa biaya", "delivery_time": "Hari ini"}); st != 200 {
			t.Fatalf("decide: %d %v", st, out)
		}
	}
	app.Clock.Set(time.Date(2026, 11, 3, 10, 0, 0, 0, jakarta))
	var keb string
	for _, c := range [][2]string{{objNumber, objCode}, {reNumber, reCode}} {
		resp, out := postJSON(t, app.URL+"/api/v1/objections", map[string]any{"registration_number": c[0], "tracking_code": c[1],
			"grounds": []string{"d"}, "reasons": "Informasi yang diberikan bukan yang saya minta."})
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("objection: %d %v", resp.StatusCode, out)
		}
		if keb == "" {
			keb = str(out, "objection_number")
		}
	}
	app.Clock.Set(time.Date(2026, 11, 4, 10, 0, 0, 0, jakarta))
	oid := idOf(t, app, `SELECT id::text FROM objections WHERE request_id = $1`, caseIDOf(reopened))
	atasan.post(reopened+"/keberatan/"+oid+"/tanggapan", url.Values{"outcome": {"dibatalkan"}, "answer": {"Informasi yang diminta wajib diberikan sesuai permohonan."}})

	holiday := url.Values{"date": {"2026-11-10"}, "name": {"Hari Libur Uji"}, "kind": {"libur"}}
	_, flash, _ := admin.post("/kantor/admin/hari-libur", holiday)
	shows(t, "holiday flash", flash, "4 perkara")
	note := func(path string) string {
		t.Helper()
		notes := calendarEvents(t, app, path)
		if len(notes) == 0 {
			t.Fatalf("%s has no calendar event", path)
		}
		return notes[0]
	}
	shows(t, "a request's calendar note", note(plain), "Senin, 16 November 2026", "Selasa, 17 November 2026", "perubahan kalender hari libur")
	shows(t, "an objection's calendar note", note(objected), "keberatan "+keb)
	shows(t, "a reopened case's calendar note", note(reopened), "pemenuhan")
	resp, err := http.Get(app.URL + "/api/v1/requests/" + number + "?code=" + code)
	if err != nil {
		t.Fatal(err)
	}
	shows(t, "tracking view", readBody(t, resp), "perubahan kalender hari libur")

	_, _, page := admin.post("/kantor/admin/hari-libur", holiday)
	shows(t, "duplicate holiday", page, "sudah ada")
	admin.post("/kantor/admin/hari-libur", url.Values{"date": {"2026-11-12"}, "name": {"Hari Jadi Kota Uji"}, "kind": {"regional"}})
	_, flash, _ = admin.post("/kantor/admin/hari-libur/"+idOf(t, app, `SELECT id::text FROM holidays WHERE kind = 'regional'`)+"/hapus", url.Values{})
	shows(t, "deletion flash", flash, "dihapus")
	_, flash, _ = admin.post("/kantor/admin/hari-libur/"+idOf(t, app, `SELECT id::text FROM holidays WHERE name = 'Hari Libur Uji'`)+"/hapus", url.Values{})
	shows(t, "deleting a national day", flash, "Hanya libur daerah")
}

// Importing a year's calendar: line-by-line errors, the flash that counts days and moved cases,
// the note naming the new date, and a second import.
func TestRenderingCalendarImport(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 12, 28, 10, 0, 0, 0, jakarta))
	admin := signInAdmin(t, app)
	path, _, _ := submitViaAPI(t, app)
	bad := url.Values{"year": {"2027"}, "decree": {"SKB Uji 2027"}, "lines": {"2027-01-01;Tahun Baru 2027 Masehi;libur\n" +
		"2027-13-01;Bulan ketiga belas;libur\n\n# komentar\n2026-12-31;Tahun yang salah;libur\n2027-02-06;Imlek;cuti\n2027-01-01;Tahun Baru 2027 Masehi;libur"}}
	_, _, page := admin.post("/kantor/admin/hari-libur/tahun-baru", bad)
	shows(t, "bad import", page, "Kalender belum dimuat.", "Baris 2:", "Baris 5:", "Baris 6:", "Baris 7: sama dengan baris 1")
	// 1 January was already a provisional holiday; the SKB's 5 January moves the case a day.
	good := url.Values{"year": {"2027"}, "decree": {"SKB Uji 2027"}, "lines": {"2027-01-01;Tahun Baru 2027 Masehi;libur\r\n" +
		"2027-01-05;Isra Mikraj Nabi Muhammad SAW;libur\r\n2027-02-06;Tahun Baru Imlek 2578 Kongzili;libur\r\n"}}
	_, flash, _ := admin.post("/kantor/admin/hari-libur/tahun-baru", good)
	shows(t, "import flash", flash, "3 hari libur", "1 perkara")
	if notes := calendarEvents(t, app, path); len(notes) != 1 {
		t.Fatalf("calendar notes %q", notes)
	} else {
		shows(t, "calendar note", notes[0], "Rabu, 13 Januari 2027")
	}
	_, _, page = admin.post("/kantor/admin/hari-libur/tahun-baru", good)
	shows(t, "second import", page, "sudah dimuat")
}

// The publishing pages: findings, refusals, form messages, the public document page's labels
// and the flashes of publishing a case's documents.
func TestRenderingPortal(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta))
	pub := newPublisher(t, app, "ppid.portal@uji.test", "ppid")

	_, loc, _ := pub.draft(pub.cleanFields(), "dpa 2026.txt", []byte("Rincian penganggaran sekolah.\n"))
	shows(t, "clean draft", pub.page(loc), "tidak ada temuan", "Draf")
	id := publicationID(t, loc)
	pub.post("/kantor/publikasi/" + id + "/terbitkan")
	canonical := publicURL(t, app, id) + "/penganggaran-dinas-pendidikan-tahun-2026"
	_, page := get(t, app.URL+canonical)
	shows(t, "document page", page, "Informasi berkala")
	_, body := pub.post("/kantor/publikasi/"+id+"/tarik", "reason", "")
	shows(t, "unpublishing without a reason", body, "alasan")

	fields := pub.cleanFields()
	fields["title"] = "Daftar penerima bantuan sosial"
	_, loc, _ = pub.draft(fields, "penerima.txt", []byte("Daftar penerima bantuan: Budi, NIK 3273014507900003.\n"))
	shows(t, "draft with personal data", pub.page(loc), "NIK", "tidak dapat terbit", "(UU 14/2008 Pasal 17 huruf h)")
	blocked := publicationID(t, loc)
	pub.post("/kantor/publikasi/" + blocked + "/terbitkan")
	shows(t, "refused publishing", pub.page(loc), "Belum dapat diterbitkan")
	_, body = pub.post("/kantor/publikasi/"+blocked+"/konfirmasi", "note", " ")
	shows(t, "confirmation without a reason", body, "Tuliskan alasan")

	fields = pub.cleanFields()
	fields["title"], fields["year"] = "", "2099"
	_, _, body = pub.draft(fields, "a.txt", []byte("isi\n"))
	shows(t, "form errors", body, "Periksa kolom yang ditandai.", "Judul wajib diisi.", "Tahun harus antara 1945 dan 2026.")
	fields = pub.cleanFields()
	fields["unit_id"] = "999999"
	_, _, body = pub.draft(fields, "a.txt", []byte("isi\n"))
	shows(t, "unknown unit", body, "Pilih unit yang aktif.")
	fields = pub.cleanFields()
	fields["title"] = "Judul\x00dengan NUL"
	_, _, body = pub.draft(fields, "a.txt", []byte("isi\n"))
	shows(t, "NUL in the title", body, "karakter yang tidak valid")
	_, _, body = pub.draft(pub.cleanFields(), "", nil)
	shows(t, "no file", body, "Pilih berkas")

	// Publishing a case's documents.
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	path, _, _ := submitViaAPI(t, app)
	form := url.Values{"title": {"Rencana Kerja dan Anggaran Dinas Pendidikan 2026"}, "category": {"setiap_saat"},
		"summary": {"RKA yang diberikan atas permohonan informasi."}, "keywords": {"RKA, anggaran"}, "responsible": {"Kepala Dinas"}, "made_place": {"Bandung"}, "made_time": {"Maret 2026"}, "retention": {"5 tahun"}}
	_, flash, _ := ppid.post(path+"/publikasikan", form)
	shows(t, "publishing an undecided case", flash, "hanya perkara yang informasinya diberikan")
	ppid.upload(path, "response", "public", "rka-2026.txt", []byte("Rencana kerja dan anggaran: belanja sekolah.\n"))
	ppid.upload(path, "response", "public", "surat-pengantar.txt", []byte("Kepada Siti Aminah di Bandung.\n"))
	ppid.post(path+"/putuskan", url.Values{"kind": {"dikabulkan"}, "notice_date": {"2026-11-27"}, "notice_time": {"10:00"}, "information_given": {"RKA 2026"},
		"form": {"softcopy"}, "cost": {"Tanpa biaya"}, "delivery_time": {"Hari ini"}})
	_, _, page = ppid.post(path+"/publikasikan", url.Values{"category": {"setiap_saat"}, "summary": {"Ringkasan yang diketik."}})
	shows(t, "publishing without a title", page, "Judul wajib diisi.")
	_, flash, _ = ppid.post(path+"/publikasikan", form)
	shows(t, "publishing flash", flash, "1 dokumen terbit di portal publik.", "1 dokumen memuat data pribadi")
	_, flash, _ = ppid.post(path+"/publikasikan", form)
	shows(t, "second publishing flash", flash, "2 dokumen sudah pernah dipublikasikan")
}

// The public pages' key wording: headings and labels, the request form's messages, the receipt's
// dates, the tracking and login refusals, the calculator's answer and the error pages.
func TestRenderingPublicPages(t *testing.T) {
	t.Parallel()
	// Saturday 28 November 2026, after hours: counted from Monday 30 November.
	app := newApp(t, time.Date(2026, 11, 28, 19, 30, 0, 0, jakarta))
	for path, want := range map[string]string{
		"/":                   "Ajukan permohonan informasi",
		"/permohonan/baru":    "Rincian informasi yang dibutuhkan",
		"/lacak":              "Kode pelacakan",
		"/kalkulator-tenggat": "Kalkulator tenggat",
		"/kalkulator-tenggat?tanggal=2026-03-13&jam=10:00": "Senin, 6 April 2026",
		"/kantor/masuk": "Masuk petugas",
	} {
		_, body := get(t, app.URL+path)
		shows(t, path, body, want)
	}
	_, body := get(t, app.URL+"/kalkulator-tenggat?tanggal=kemarin")
	shows(t, "bad calculator date", body, "Tanggal tidak valid")
	_, body = get(t, app.URL+"/tidak-ada")
	shows(t, "404 page", body, "Halaman tidak ditemukan")

	c := newClient(t)
	bad := validForm()
	bad.Set("requester.nik", "3273019999900003")
	bad.Set("information", "")
	resp, _ := c.PostForm(app.URL+"/permohonan/baru", bad)
	shows(t, "refused request form", readBody(t, resp), "Rincian informasi yang dibutuhkan wajib diisi.", "Tanggal lahir")
	resp, _ = c.PostForm(app.URL+"/permohonan/baru", validForm())
	readBody(t, resp)
	resp, _ = c.Get(app.URL + "/permohonan/tanda-bukti")
	receipt := readBody(t, resp)
	shows(t, "receipt", receipt, "Tanda bukti permohonan informasi", "Senin, 30 November 2026", "Senin, 14 Desember 2026")
	code := regexp.MustCompile(`[0-9A-Z]{5}-[0-9A-Z]{5}`).FindString(receipt)
	shows(t, "status page", trackAs(t, app, c, "0001/PPID/XI/2026", code), "Diterima", "14 Desember 2026")
	resp, _ = c.PostForm(app.URL+"/lacak", formBody("nomor", "0001/PPID/XI/2026", "kode", "AAAAA-AAAAA"))
	shows(t, "wrong tracking code", readBody(t, resp), "Permohonan tidak ditemukan")

	// Officers: the login refusal, the queue, a walk-in's page and its refusal.
	addUser(t, app.Store, "petugas@uji.test", "petugas", "rahasia-petugas")
	o := newClient(t)
	token := csrfFrom(t, o, app.URL+"/kantor/masuk")
	resp, _ = o.PostForm(app.URL+"/kantor/masuk", formBody("csrf_token", token, "email", "petugas@uji.test", "password", "salah"))
	shows(t, "refused login", readBody(t, resp), "E-mail atau kata sandi salah.")
	o, _ = login(t, app, "petugas@uji.test", "rahasia-petugas")
	app.Clock.Set(time.Date(2026, 12, 1, 9, 0, 0, 0, jakarta))
	form := validForm()
	form.Set("csrf_token", csrfFrom(t, o, app.URL+"/kantor/permohonan/baru"))
	form.Set("channel", "letter")
	form.Set("received_date", "2026-11-27")
	form.Set("received_time", "15:00")
	resp, _ = o.PostForm(app.URL+"/kantor/permohonan/baru", form)
	readBody(t, resp)
	resp, _ = o.Get(app.URL + resp.Header.Get("Location"))
	shows(t, "walk-in case page", readBody(t, resp), "Jumat, 11 Desember 2026", "<dt>Saluran</dt><dd>Surat</dd>")
	form.Set("received_date", "2026-12-05")
	resp, _ = o.PostForm(app.URL+"/kantor/permohonan/baru", form)
	shows(t, "receipt in the future", readBody(t, resp), "masa depan")
	resp, _ = o.Get(app.URL + "/kantor")
	shows(t, "queue", readBody(t, resp), "Antrean permohonan", "2 terbuka", "0 lewat waktu")
}

// The register and statistics: labels and dates of the register, and the messages naming a bad
// parameter, in the API's fields and on the pages.
func TestRenderingTransparency(t *testing.T) {
	t.Parallel()
	app := transparencyCase(t)
	_, page := trGet(t, app.URL+"/register?tahun=2026")
	shows(t, "register page", page, "Register permohonan informasi", "13 Maret 2026", "Tidak dipublikasikan atas permintaan pemohon",
		"6 April 2026", "Dikabulkan seluruhnya", "diperpanjang", `class="register-late">Tidak`)
	_, page = trGet(t, app.URL+"/statistik?tahun=2026")
	shows(t, "statistics page", page, "Statistik layanan informasi 2026", "Maret: 4")
	for _, tc := range badAPIParameters {
		_, body := trGet(t, app.URL+tc.path)
		var out struct {
			Fields map[string]string `json:"fields"`
		}
		json.Unmarshal([]byte(body), &out)
		if !strings.Contains(out.Fields[tc.field], tc.message) {
			t.Errorf("%s: %s = %q, want %q", tc.path, tc.field, out.Fields[tc.field], tc.message)
		}
	}
	for _, tc := range badPageParameters {
		_, body := trGet(t, app.URL+tc.path)
		shows(t, tc.path, body, tc.message)
	}
	empty := newApp(t, time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta))
	_, body := listsGet(t, empty, "/dip")
	shows(t, "empty DIP", string(body), "Belum ada informasi publik yang diterbitkan.")
	_, body = listsGet(t, empty, "/dik")
	shows(t, "empty DIK", string(body), "Belum ada informasi yang ditetapkan")
}
