package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"encoding/base64"
	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/web"
)

// The authorization matrix: every route the engine registers × every role (signed out,
// petugas, PPID, atasan, admin) × the officer's own unit and another unit, each sent as a real
// request. The expected answer comes from the table below, written out route by route, so a
// route added to routes.go without a line here fails the test, and a route guarded by another
// permission than the one written here answers differently and fails it too (ASVS 4.1.1, 4.2.1).

// rule is what the test expects of one route.
type rule struct {
	open   string            // "public": anyone; "login": the sign-in routes; "": a permission is needed
	perm   access.Permission // the permission the route needs
	row    string            // "case" or "publication": the route reads a row of a unit, so scope applies
	form   func(w *authzWorld) url.Values
	upload bool                         // a multipart body, the CSRF token its first part
	json   func(w *authzWorld) any      // a JSON body
	acts   map[string]access.Permission // the office API: each :action and the permission its service checks
}

var (
	public      = rule{open: "public"}
	signInRoute = rule{open: "login"}
)

func needs(p access.Permission) rule { return rule{perm: p} }

func needsOnCase(p access.Permission, form func(w *authzWorld) url.Values) rule {
	return rule{perm: p, row: "case", form: form}
}

func needsOnPublication(p access.Permission, form func(w *authzWorld) url.Values) rule {
	return rule{perm: p, row: "publication", form: form}
}

func withForm(r rule, form func(w *authzWorld) url.Values) rule { r.form = form; return r }

func values(kv ...string) func(*authzWorld) url.Values {
	return func(*authzWorld) url.Values { return formBody(kv...) }
}

var refusalForm = values("kind", "ditolak", "notice_date", "2026-11-02", "notice_time", "09:00", "exemption_letters", "h",
	"legal_basis", "UU 14/2008 Pasal 17 huruf h", "harm", "Membuka data kesehatan pegawai.", "public_interest", "Tidak lebih besar.", "dik_subject", "Data kesehatan pegawai")

// routeRules is the route table as this test expects it: every route of routes.go, written out.
var routeRules = map[string]rule{
	// Operations, static files, feeds.
	"GET /healthz":                  public,
	"GET /readyz":                   public,
	"GET /metrics":                  {open: "token"},
	"GET /static/*filepath":         public,
	"HEAD /static/*filepath":        public,
	"GET /favicon.ico":              public,
	"GET /dokumen.atom":             public,
	"GET /sitemap.xml":              public,
	"GET /robots.txt":               public,
	"GET /api/openapi.json":         public,
	"GET /api/v1/deadlines":         public,
	"POST /api/v1/requests":         {open: "public", json: func(*authzWorld) any { return validJSON() }},
	"GET /api/v1/requests/*number":  public,
	"POST /api/v1/requests/recover": {open: "public", json: func(*authzWorld) any { return map[string]any{"email": "siapa@contoh.id"} }},
	"POST /api/v1/objections": {open: "public", json: func(w *authzWorld) any {
		return map[string]any{"registration_number": w.numA, "tracking_code": "AAAAA-AAAAA", "grounds": []string{"a"}, "reasons": "Alasan."}
	}},
	"GET /api/v1/documents":      public,
	"GET /api/v1/documents/:pid": public,
	"GET /api/v1/register":       public,
	"GET /api/v1/statistics":     public,
	"GET /api/v1/skm":            public,
	"POST /api/v1/kantor/skm":    {perm: access.EnterSurvey, json: func(*authzWorld) any { return map[string]any{} }},

	// The office API: the route needs ViewCases; each step's service checks its own permission.
	"POST /api/v1/kantor/permohonan/:id/:action": {perm: access.ViewCases, row: "case", acts: map[string]access.Permission{
		"assign": access.AssignCase, "forward": access.ForwardCase, "extend": access.ExtendDeadline, "decide": access.DecideRequest,
		"deliver": access.DeliverInformation, "close": access.CloseCase, "withdraw": access.RecordWithdrawal}},

	// The public portal.
	"GET /":                             public,
	"GET /dokumen":                      public,
	"GET /dokumen/:pid":                 public,
	"GET /dokumen/:pid/:slug":           public,
	"GET /dokumen/:pid/:slug/unduh":     public,
	"GET /dokumen/:pid/:slug/pratinjau": public,
	"GET /dip":                          public,
	"GET /dip.pdf":                      public,
	"GET /dip.xlsx":                     public,
	"GET /dik":                          public,
	"GET /dik.pdf":                      public,
	"GET /dik.xlsx":                     public,
	"GET /register":                     public,
	"GET /register.csv":                 public,
	"GET /statistik":                    public,
	"GET /statistik.csv":                public,
	"GET /kalkulator-tenggat":           public,
	"GET /permohonan/baru":              public,
	"POST /permohonan/baru":             withForm(public, func(*authzWorld) url.Values { return validForm() }),
	"GET /permohonan/tanda-bukti":       public,
	"GET /permohonan/:key":              public,
	"GET /permohonan/:key/:slug":        public,
	"GET /lacak":                        public,
	"POST /lacak":                       withForm(public, values("nomor", "0001/PPID/XI/2026", "kode", "AAAAA-AAAAA")),
	"GET /lacak/status":                 public,
	"POST /lacak/keberatan":             withForm(public, values("grounds", "a", "reasons", "Alasan.")),
	"POST /lacak/tanda-bukti":           public,
	"GET /lacak/surat/:lid":             public,
	"GET /lacak/surat/:lid/:format":     public,
	"GET /lacak/dokumen/:did":           public,
	"POST /lacak/klarifikasi":           withForm(public, values("answer", "Jawaban klarifikasi.")),
	"GET /lacak/lupa":                   public,
	"POST /lacak/lupa":                  withForm(public, values("email", "siapa@contoh.id")),
	// The requester's own requests: their address, proved by a one-time link, is their scope.
	"GET /akun":                    public,
	"GET /akun/masuk":              public,
	"POST /akun/masuk":             withForm(public, values("email", "siapa@contoh.id")),
	"GET /akun/masuk/tautan":       public,
	"POST /akun/masuk/tautan":      withForm(public, values("t", "BUKAN-TOKEN")),
	"POST /akun/keluar":            public,
	"GET /akun/permohonan/*number": public,
	"GET /lacak/survei":            public,
	"POST /lacak/survei":           public,
	"GET /skm":                     public,
	"GET /skm.xlsx":                public,
	"GET /skm.pdf":                 public,
	"GET /survei/terima-kasih":     public,
	"GET /survei/:token":           public,
	"POST /survei/:token":          public,

	// Signing in and out.
	"GET /kantor/masuk":   signInRoute,
	"POST /kantor/masuk":  withForm(signInRoute, values("email", "tamu@uji.test", "password", "rahasia-tamu")),
	"POST /kantor/keluar": signInRoute,

	// The queue's exports, print view and bulk assignment (issue 12).
	"GET /kantor/antrean.csv":       needs(access.ViewCases),
	"GET /kantor/antrean.xlsx":      needs(access.ViewCases),
	"GET /kantor/antrean/cetak":     needs(access.ViewCases),
	"POST /kantor/antrean/tugaskan": withForm(needs(access.AssignCase), values("officer_id", "1", "id", "1")),

	// Cases.
	"GET /kantor":                  needs(access.ViewCases),
	"GET /kantor/keberatan":        needs(access.ViewCases),
	"GET /kantor/permohonan/baru":  needs(access.RegisterRequest),
	"POST /kantor/permohonan/baru": withForm(needs(access.RegisterRequest), values("channel", "walk_in")),
	"GET /kantor/permohonan/:id":   {perm: access.ViewCases, row: "case"},
	"POST /kantor/permohonan/:id/tugaskan": needsOnCase(access.AssignCase, func(w *authzWorld) url.Values {
		return formBody("officer_id", w.petugasID)
	}),
	"POST /kantor/permohonan/:id/teruskan": needsOnCase(access.ForwardCase, func(w *authzWorld) url.Values {
		return formBody("unit_id", w.unitC)
	}),
	"POST /kantor/permohonan/:id/perpanjang": needsOnCase(access.ExtendDeadline, values("reason", "Dokumen tersebar di tiga bidang.")),
	"POST /kantor/permohonan/:id/putuskan":   needsOnCase(access.DecideRequest, refusalForm),
	"POST /kantor/permohonan/:id/serahkan":   needsOnCase(access.DeliverInformation, values("method", "email")),
	"POST /kantor/permohonan/:id/selesai":    needsOnCase(access.CloseCase, values()),
	"POST /kantor/permohonan/:id/tarik":      needsOnCase(access.RecordWithdrawal, values("reason", "Pemohon menarik permohonannya.")),
	"POST /kantor/permohonan/:id/keberatan":  needsOnCase(access.RegisterObjection, values("grounds", "a", "reasons", "Alasan keberatan.", "channel", "walk_in")),
	"POST /kantor/permohonan/:id/keberatan/:oid/tanggapan": needsOnCase(access.AnswerObjection,
		values("outcome", "dikuatkan", "answer", "Pengecualian sudah tepat menurut Pasal 17 huruf h.")),
	"POST /kantor/permohonan/:id/sengketa":    needsOnCase(access.RecordDispute, values("ki_number", "009/XI/KI-Jabar-PS/2026", "ki_received", "2026-11-03")),
	"POST /kantor/permohonan/:id/tanda-bukti": needsOnCase(access.IssueReceipt, values()),
	"POST /kantor/permohonan/:id/publikasikan": needsOnCase(access.PublishDocument,
		values("title", "Rekap", "category", "setiap_saat", "summary", "Ringkasan.", "keywords", "rekap", "responsible", "Kepala Dinas", "made_place", "Bandung", "made_time", "Maret 2026", "retention", "5 tahun")),
	"POST /kantor/permohonan/:id/halaman-publik":    needsOnCase(access.PublishDocument, values("review", "hidden")),
	"GET /kantor/permohonan/:id/surat/:lid":         {perm: access.ViewCases, row: "case"},
	"GET /kantor/permohonan/:id/surat/:lid/:format": {perm: access.ViewCases, row: "case"},
	"GET /kantor/permohonan/:id/dokumen/:did":       {perm: access.ViewCases, row: "case"},
	"POST /kantor/permohonan/:id/surat/:lid/kirim": needsOnCase(access.DeliverInformation,
		values("sent_via", "email", "sent_date", "2026-11-30", "sent_time", "10:00")),
	"GET /kantor/permohonan/:id/identitas/:iid":        {perm: access.ViewCases, row: "case"},
	"POST /kantor/permohonan/:id/verifikasi-identitas": needsOnCase(access.RegisterRequest, values()),
	"GET /kantor/register/permohonan.xlsx":             needs(access.ViewCases),
	"GET /kantor/register/permohonan.pdf":              needs(access.ViewCases),
	"GET /kantor/register/keberatan.xlsx":              needs(access.ViewCases),
	"GET /kantor/register/keberatan.pdf":               needs(access.ViewCases),
	"GET /kantor/impor":                                needs(access.DecideRequest),
	"POST /kantor/permohonan/:id/pembayaran":           needsOnCase(access.DeliverInformation, values("paid_on", "2026-11-03", "receipt", "KW-001")),
	"GET /kantor/pengecualian":                         needs(access.DecideRequest),
	"POST /kantor/pengecualian":                        withForm(needs(access.DecideRequest), values()),
	"GET /kantor/admin/biaya":                          needs(access.Administer),
	"POST /kantor/admin/biaya":                         withForm(needs(access.Administer), values()),
	"POST /kantor/admin/biaya/:code":                   withForm(needs(access.Administer), values("label", "Salinan cetak per halaman", "price", "0")),
	"POST /kantor/impor/beri-tahu":                     withForm(needs(access.DecideRequest), values()),
	"POST /kantor/permohonan/:id/dokumen":              {perm: access.UploadDocument, row: "case", upload: true},
	"POST /kantor/permohonan/:id/catatan":              needsOnCase(access.WriteNote, values("note", "Pemohon menelepon; berkas di bidang anggaran.")),
	"POST /kantor/permohonan/:id/klarifikasi":          needsOnCase(access.AskClarification, values("question", "Tahun anggaran mana yang Anda maksud?")),

	// The satisfaction survey.
	"GET /kantor/skm":                needs(access.ViewCases),
	"GET /kantor/skm/baru":           needs(access.EnterSurvey),
	"POST /kantor/skm/baru":          withForm(needs(access.EnterSurvey), values()),
	"POST /kantor/skm/saran":         withForm(needs(access.ManageSurvey), values("id", "1", "keputusan", "tolak")),
	"POST /kantor/skm/tindak-lanjut": withForm(needs(access.ManageSurvey), values()),

	// Publishing.
	"GET /kantor/publikasi":                    needs(access.DraftPublication),
	"GET /kantor/publikasi/baru":               needs(access.DraftPublication),
	"POST /kantor/publikasi/baru":              {perm: access.DraftPublication, upload: true},
	"GET /kantor/publikasi/:pubid":             {perm: access.DraftPublication, row: "publication"},
	"GET /kantor/publikasi/:pubid/ubah":        {perm: access.DraftPublication, row: "publication"},
	"POST /kantor/publikasi/:pubid/ubah":       needsOnPublication(access.DraftPublication, func(w *authzWorld) url.Values { return w.pubFields() }),
	"POST /kantor/publikasi/:pubid/konfirmasi": needsOnPublication(access.PublishDocument, values("note", "Tidak ada data pribadi.")),
	"POST /kantor/publikasi/:pubid/terbitkan":  needsOnPublication(access.PublishDocument, values()),
	"POST /kantor/publikasi/:pubid/tarik":      needsOnPublication(access.PublishDocument, values("reason", "Salah unggah dokumen.")),
	// Without the confirmation the draft stays, so the probes after this one still find it.
	"POST /kantor/publikasi/:pubid/hapus":  needsOnPublication(access.DraftPublication, values()),
	"POST /kantor/publikasi/:pubid/berkas": {perm: access.DraftPublication, row: "publication", upload: true},

	// Administration.
	"GET /kantor/admin":                           needs(access.Administer),
	"GET /kantor/admin/pengguna":                  needs(access.Administer),
	"GET /kantor/admin/pengguna/baru":             needs(access.Administer),
	"POST /kantor/admin/pengguna/baru":            withForm(needs(access.Administer), values("email", "baru@uji.test", "name", "Pegawai Baru", "role", "petugas")),
	"POST /kantor/admin/pengguna/:id/nonaktifkan": needs(access.Administer),
	"POST /kantor/admin/pengguna/:id/aktifkan":    needs(access.Administer),
	"POST /kantor/admin/pengguna/:id/reset-sandi": needs(access.Administer),
	"GET /kantor/admin/unit":                      needs(access.Administer),
	"POST /kantor/admin/unit":                     withForm(needs(access.Administer), values("name", "PPID Pelaksana Dinas Perhubungan")),
	"POST /kantor/admin/unit/:id/ubah-nama":       withForm(needs(access.Administer), values("name", "PPID Pelaksana Dinas Sosial")),
	"POST /kantor/admin/unit/:id/nonaktifkan":     needs(access.Administer),
	"POST /kantor/admin/unit/:id/aktifkan":        needs(access.Administer),
	"GET /kantor/admin/hari-libur":                needs(access.Administer),
	"POST /kantor/admin/hari-libur":               withForm(needs(access.Administer), values("date", "2026-12-28", "name", "Hari jadi kota", "kind", "regional")),
	"POST /kantor/admin/hari-libur/:id/hapus":     needs(access.Administer),
	"GET /kantor/admin/hari-libur/tahun-baru":     needs(access.Administer),
	"POST /kantor/admin/hari-libur/tahun-baru":    needs(access.Administer),
	"GET /kantor/admin/kantor":                    needs(access.Administer),
	"POST /kantor/admin/kantor":                   needs(access.Administer),
	"GET /kantor/admin/surel":                     needs(access.Administer),
	"GET /kantor/admin/surel/:id":                 needs(access.Administer),
	"POST /kantor/admin/surel/:id/kirim-ulang":    needs(access.Administer),
	"POST /kantor/admin/surel/kirim-ulang":        needs(access.Administer),
	"GET /kantor/admin/masuk":                     needs(access.Administer),
	"GET /kantor/akun":                            needs(access.ManageOwnAccount),
	"POST /kantor/akun/pemberitahuan":             needs(access.ManageOwnAccount),
	"GET /kantor/akun/sandi":                      needs(access.ManageOwnAccount),
	"POST /kantor/akun/sandi":                     needs(access.ManageOwnAccount),
	"GET /kantor/admin/tugas":                     needs(access.Administer),
	"POST /kantor/admin/tugas/:name/jalankan":     needs(access.Administer),

	// The yearly evaluation and the annual report (:tahun, :year and :file name last year).
	"GET /kantor/evaluasi":                   needs(access.Evaluate),
	"GET /kantor/evaluasi.xlsx":              needs(access.Evaluate),
	"POST /kantor/evaluasi/catatan":          withForm(needs(access.EvaluationNote), values("tahun", "2026", "strengths", "Teliti.", "improvements", "Lebih cepat.")),
	"GET /kantor/evaluasi/saya":              needs(access.ViewCases),
	"GET /kantor/laporan":                    needs(access.ViewReport),
	"GET /kantor/laporan/:tahun":             needs(access.ViewReport),
	"GET /kantor/laporan/:tahun/pdf":         needs(access.ViewReport),
	"POST /kantor/laporan/:tahun":            withForm(needs(access.EditReport), values("policy", "Kebijakan layanan.")),
	"POST /kantor/laporan/:tahun/kunci":      needs(access.EditReport),
	"POST /kantor/laporan/:tahun/umumkan":    needs(access.EditReport),
	"POST /kantor/laporan/:tahun/buka-kunci": withForm(needs(access.Administer), values("reason", "Angka sengketa salah dicatat.")),
	"GET /laporan":                           public,
	"GET /laporan/:file":                     public,
	"GET /api/v1/reports/:year":              public,
	"GET /api/v1/kantor/reports/:year":       needs(access.ViewReport),
}

// knownDefects are probes whose answer is wrong for a reason other than authorization, each
// named with its defect; they are skipped until the defect is fixed, then their line goes.
var knownDefects = map[string]string{}

// authzWorld holds the rows the matrix's requests name: cases, letters, documents, objections and
// publications of unit A (the officers' own) and unit B (another), and the administration's rows.
type authzWorld struct {
	app                     *testApp
	unitA, unitB, unitC     string
	unitD                   string // switched off and on by the administration's routes
	cloning                 sync.Mutex
	columns                 string // of requests, copied by freshCase
	petugasID               string
	officers                map[access.Role]*officer
	baseA                   int64 // a case of unit A in its first state, cloned for every step that may succeed
	caseA, caseB            int64
	identityA, identityB    int64 // the requesters' sealed identity documents
	letterA, letterB        int64
	docA, docB              int64
	objectionA, objectionB  int64
	pubA, pubB              int64
	publicPID, publicSlug   string
	numA                    string
	userID, holidayID, mail string
}

func (w *authzWorld) pubFields() url.Values {
	return formBody("title", "Rekap Imunisasi Dinas Kesehatan 2026", "category", "berkala", "unit_id", w.unitA, "year", "2026",
		"summary", "Rekap imunisasi per puskesmas.", "keywords", "imunisasi", "form", "softcopy", "responsible", "Kepala Dinas", "made_place", "Bandung", "made_time", "Maret 2026", "retention", "5 tahun")
}

func newAuthzWorld(t *testing.T) *authzWorld {
	t.Helper()
	// Monday 2 November 2026, 09:00 WIB.
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	w := &authzWorld{app: app, officers: map[access.Role]*officer{}}
	w.unitA = addUnit(t, app, "PPID Pelaksana Dinas Kesehatan")
	w.unitB = addUnit(t, app, "PPID Pelaksana Dinas Pendidikan")
	w.unitC = addUnit(t, app, "PPID Pelaksana Dinas Pekerjaan Umum")
	w.unitD = addUnit(t, app, "PPID Pelaksana Dinas Sosial")
	utama := signIn(t, app, "utama@uji.test", "ppid", "rahasia-utama")
	for _, r := range access.Roles {
		w.officers[r] = signInUnit(t, app, string(r)+".a@uji.test", string(r), w.unitA)
	}
	w.petugasID = idOf(t, app, `SELECT id::text FROM users WHERE email = 'petugas.a@uji.test'`)

	pathA, numA, codeA := submitWithIdentity(t, app)
	pathB, numB, codeB := submitWithIdentity(t, app)
	pathBase, _, _ := submitViaAPI(t, app)
	w.numA = numA
	for _, f := range [][2]string{{pathA, w.unitA}, {pathB, w.unitB}, {pathBase, w.unitA}} {
		if st, _, _ := utama.post(f[0]+"/teruskan", url.Values{"unit_id": {f[1]}}); st != http.StatusSeeOther {
			t.Fatalf("forward %s: %d", f[0], st)
		}
	}
	for _, p := range []string{pathA, pathB} {
		if st, _ := utama.upload(p, "response", "requester", "rekap.pdf", minimalPDF); st != http.StatusSeeOther {
			t.Fatalf("upload to %s: %d", p, st)
		}
		if st, _, _ := utama.post(p+"/putuskan", refusalForm(w)); st != http.StatusSeeOther {
			t.Fatalf("refuse %s: %d", p, st)
		}
	}
	app.Clock.Set(time.Date(2026, 11, 3, 10, 0, 0, 0, jakarta))
	for _, nc := range [][2]string{{numA, codeA}, {numB, codeB}} {
		resp, out := postJSON(t, app.URL+"/api/v1/objections", map[string]any{"registration_number": nc[0], "tracking_code": nc[1],
			"grounds": []string{"a"}, "reasons": "Data yang saya minta bukan data pribadi."})
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("objection on %s: %d %v", nc[0], resp.StatusCode, out)
		}
	}
	one := func(q string, args ...any) int64 {
		id, err := strconv.ParseInt(idOf(t, app, q, args...), 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	w.caseA, w.caseB, w.baseA = caseIDOf(pathA), caseIDOf(pathB), caseIDOf(pathBase)
	w.letterA = one(`SELECT min(id)::text FROM letters WHERE request_id = $1`, w.caseA)
	w.letterB = one(`SELECT min(id)::text FROM letters WHERE request_id = $1`, w.caseB)
	w.docA = one(`SELECT min(id)::text FROM documents WHERE request_id = $1 AND kind <> 'letter'`, w.caseA)
	w.docB = one(`SELECT min(id)::text FROM documents WHERE request_id = $1 AND kind <> 'letter'`, w.caseB)
	w.objectionA = one(`SELECT id::text FROM objections WHERE request_id = $1`, w.caseA)
	w.identityA = one(`SELECT id::text FROM identity_documents WHERE request_id = $1`, w.caseA)
	w.identityB = one(`SELECT id::text FROM identity_documents WHERE request_id = $1`, w.caseB)
	w.objectionB = one(`SELECT id::text FROM objections WHERE request_id = $1`, w.caseB)

	draft := func(o *officer, unit, title string) int64 {
		p := &publisher{t: t, app: app, c: o.c}
		fields := p.cleanFields()
		fields["unit_id"], fields["title"] = unit, title
		st, loc, _ := p.draft(fields, "dokumen.txt", []byte(title+".\n"))
		if st != http.StatusSeeOther {
			t.Fatalf("draft %q: %d", title, st)
		}
		id, _ := strconv.ParseInt(publicationID(t, loc), 10, 64)
		return id
	}
	// A's draft carries a NIK, so the PPID has personal data to confirm (konfirmasi).
	w.pubA = draft(w.officers[access.PPID], w.unitA, "Rekap Imunisasi Dinas Kesehatan 2026 NIK "+validNIK)
	w.pubB = draft(utama, w.unitB, "Data Sekolah Dasar Dinas Pendidikan 2026")
	published := draft(utama, w.unitB, "Anggaran Sekolah Dinas Pendidikan 2026")
	if st, _ := (&publisher{t: t, app: app, c: utama.c}).post(fmt.Sprintf("/kantor/publikasi/%d/terbitkan", published)); st != http.StatusSeeOther {
		t.Fatalf("publish: %d", st)
	}
	w.publicSlug = "anggaran-sekolah-dinas-pendidikan-2026"
	if err := app.Store.DB().QueryRow(`SELECT public_id FROM publications WHERE id = $1`, published).Scan(&w.publicPID); err != nil {
		t.Fatal(err)
	}

	addUser(t, app.Store, "sasaran@uji.test", "petugas", "rahasia-sasaran")
	addUser(t, app.Store, "tamu@uji.test", "petugas", "rahasia-tamu")
	w.userID = idOf(t, app, `SELECT id::text FROM users WHERE email = 'sasaran@uji.test'`)
	w.holidayID = idOf(t, app, `INSERT INTO holidays (date, name, kind) VALUES ('2026-12-29', 'Hari jadi kabupaten', 'regional') RETURNING id::text`)
	w.mail = idOf(t, app, `SELECT min(id)::text FROM outbox`)
	return w
}

// freshCase gives a step that may succeed a case of its own in unit, so no step sees another's
// effects: a copy of the base case numbered through the registration counter, as the store
// numbers, so citizens' submissions running alongside keep their gapless numbers.
func (w *authzWorld) freshCase(t *testing.T, unit string) int64 {
	w.cloning.Lock()
	if w.columns == "" {
		var cols []string
		if err := w.app.Store.DB().Select(&cols, `SELECT column_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = 'requests' AND is_generated = 'NEVER' AND is_identity = 'NO'
			AND column_name NOT IN ('id', 'reg_seq', 'registration_number', 'unit_id', 'created_at', 'public_key') ORDER BY ordinal_position`); err != nil {
			t.Fatal(err)
		}
		w.columns = strings.Join(cols, ", ")
	}
	w.cloning.Unlock()
	id, err := strconv.ParseInt(idOf(t, w.app, `
		WITH c AS (UPDATE registration_counters SET last_seq = last_seq + 1 WHERE year = 2026 RETURNING last_seq)
		INSERT INTO requests (reg_seq, registration_number, unit_id, `+w.columns+`)
		SELECT c.last_seq, lpad(c.last_seq::text, 4, '0') || '/PPID/XI/2026', $2, `+w.columns+`
		FROM requests, c WHERE requests.id = $1 RETURNING id::text`, w.baseA, unit), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	addOpenObjections(t, w.app, []int64{id}, func(int) string { return "2026-12-15" })
	return id
}

// probe is one request of the matrix and the answer expected of it.
type probe struct {
	name    string
	who     access.Role // "" is signed out
	own     bool        // the row is of the officer's unit
	method  string
	path    string
	action  string
	perm    access.Permission
	rule    rule
	changes bool // may change shared rows, so runs alone
}

func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	// Every engine route is in the table, and every table line is a route.
	engine := map[string]bool{}
	for _, r := range web.RegisteredRoutes() {
		key := r.Method + " " + r.Path
		engine[key] = true
		if _, ok := routeRules[key]; !ok {
			t.Errorf("route %s has no line in routeRules: write who may reach it", key)
		}
	}
	for key := range routeRules {
		if !engine[key] {
			t.Errorf("routeRules lists %s, which the engine does not register", key)
		}
	}
	if t.Failed() {
		return
	}

	w := newAuthzWorld(t)
	var probes []probe
	keys := make([]string, 0, len(routeRules))
	for k := range routeRules {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, key := range keys {
		r := routeRules[key]
		method, path, _ := strings.Cut(key, " ")
		changes := method == http.MethodPost && r.row != "case" && strings.HasPrefix(path, "/kantor")
		if r.open != "" {
			probes = append(probes, probe{name: key + " signed out", own: true, method: method, path: path, rule: r, changes: changes})
			continue
		}
		actions := map[string]access.Permission{"": r.perm}
		if r.acts != nil {
			actions = r.acts
		}
		for action, perm := range actions {
			probes = append(probes, probe{name: strings.TrimSpace(key + " " + action + " signed out"), method: method, path: path,
				action: action, perm: perm, rule: r, own: true})
			for _, role := range access.Roles {
				units := []bool{true}
				if r.row != "" {
					units = []bool{true, false}
				}
				for _, own := range units {
					where := "own unit"
					if !own {
						where = "other unit"
					}
					probes = append(probes, probe{name: strings.TrimSpace(fmt.Sprintf("%s %s %s %s", key, action, role, where)),
						who: role, own: own, method: method, path: path, action: action, perm: perm, rule: r, changes: changes})
				}
			}
		}
	}

	// Steps on shared rows (publications, administration, signing in) one after another, first.
	t.Run("serial", func(t *testing.T) {
		for _, p := range probes {
			if p.changes {
				t.Run(p.name, func(t *testing.T) { w.check(t, p) })
			}
		}
	})
	t.Run("parallel", func(t *testing.T) {
		for _, p := range probes {
			if !p.changes {
				t.Run(p.name, func(t *testing.T) { t.Parallel(); w.check(t, p) })
			}
		}
	})
}

// expected names the answer p must get: "login" (303 to the sign-in page), "401", "403", "404"
// or "allowed" (any answer but those, and no server error).
func (w *authzWorld) expected(p probe) string {
	switch {
	case p.rule.open == "token":
		return "404" // no role opens /metrics: only metrics.token, which the test app does not set
	case p.rule.open != "":
		return "allowed"
	case p.who == "" && strings.HasPrefix(p.path, "/api/"):
		return "401"
	case p.who == "":
		return "login"
	case !access.Can(p.who, p.perm):
		return "403"
	case p.rule.row != "" && !p.own && !access.ScopeOf(p.who, 1, false).Includes(2):
		return "404"
	}
	return "allowed"
}

func (w *authzWorld) check(t *testing.T, p probe) {
	if defect, ok := knownDefects[p.name]; ok {
		t.Skip("known defect: " + defect)
	}
	want := w.expected(p)
	c := newClient(t)
	if p.who != "" {
		c = w.officers[p.who].c
	}
	// Rows: a case of its own for a step that may succeed, the shared rows otherwise.
	unit, caseID, letter, doc, objection, pub, identity := w.unitA, w.caseA, w.letterA, w.docA, w.objectionA, w.pubA, w.identityA
	if !p.own {
		unit, caseID, letter, doc, objection, pub, identity = w.unitB, w.caseB, w.letterB, w.docB, w.objectionB, w.pubB, w.identityB
	}
	if p.method == http.MethodPost && p.rule.row == "case" && want == "allowed" {
		caseID = w.freshCase(t, unit)
		objection, _ = strconv.ParseInt(idOf(t, w.app, `SELECT id::text FROM objections WHERE request_id = $1`, caseID), 10, 64)
		if strings.Contains(p.path, ":lid") { // a letter of the fresh case, copied from the base case's
			letter, _ = strconv.ParseInt(idOf(t, w.app, `INSERT INTO letters (request_id, kind, number, issued_on, signer_name, signer_position)
				SELECT $2::bigint, kind, number || '/' || $2::bigint::text, issued_on, signer_name, signer_position FROM letters WHERE id = $1
				RETURNING id::text`, w.letterA, caseID), 10, 64)
		}
	}
	adminID := map[string]string{"/kantor/admin/pengguna/": w.userID, "/kantor/admin/unit/": w.unitD,
		"/kantor/admin/hari-libur/": w.holidayID, "/kantor/admin/surel/": w.mail}
	var segs []string
	for _, s := range strings.Split(p.path, "/") {
		prefix := strings.Join(segs, "/") + "/"
		switch s {
		case ":id":
			s = strconv.FormatInt(caseID, 10)
			if id, ok := adminID[prefix]; ok {
				s = id
			}
		case ":lid":
			s = strconv.FormatInt(letter, 10)
		case ":did":
			s = strconv.FormatInt(doc, 10)
		case ":iid":
			s = strconv.FormatInt(identity, 10)
		case ":oid":
			s = strconv.FormatInt(objection, 10)
		case ":pubid":
			s = strconv.FormatInt(pub, 10)
		case ":pid":
			s = w.publicPID
		case ":slug":
			s = w.publicSlug
		case ":format":
			s = "pdf"
		case ":code":
			s = "halaman" // the fee table's seeded row
		case ":name":
			s = "hitung"
		case ":action":
			s = p.action
		case ":tahun", ":year":
			s = "2025" // last year's annual report
		case ":file":
			s = "2025.pdf"
		case "*number":
			s = w.numA + "?code=AAAAA-AAAAA"
		case "*filepath":
			s = "style.css"
		}
		segs = append(segs, s)
	}
	target := w.app.URL + strings.Join(segs, "/")

	var req *http.Request
	switch {
	case p.method != http.MethodPost:
		req, _ = http.NewRequest(p.method, target, nil)
	case strings.HasPrefix(p.path, "/api/"):
		var body any = map[string]any{}
		if p.rule.json != nil {
			body = p.rule.json(w)
		}
		if p.action != "" {
			body = w.actionBody(p.action)
		}
		b, _ := json.Marshal(body)
		req, _ = http.NewRequest(p.method, target, bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
	case p.rule.upload:
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		mw.WriteField("csrf_token", w.token(t, c)) // the first part, before any file byte
		for k, v := range w.pubFields() {
			mw.WriteField(k, v[0])
		}
		mw.WriteField("kind", "response")
		mw.WriteField("visibility", "requester")
		fw, _ := mw.CreateFormFile("file", "rekap.pdf")
		fw.Write(minimalPDF)
		mw.Close()
		req, _ = http.NewRequest(p.method, target, &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
	default:
		form := url.Values{}
		if p.rule.form != nil {
			form = p.rule.form(w)
		}
		if strings.HasPrefix(p.path, "/kantor") {
			form.Set("csrf_token", w.token(t, c))
		}
		req, _ = http.NewRequest(p.method, target, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body := readBody(t, resp)
	st, loc := resp.StatusCode, resp.Header.Get("Location")
	if len(body) > 300 {
		body = body[:300]
	}
	if st >= 500 {
		t.Fatalf("%s %s: server error %d %s", p.method, target, st, body)
	}
	switch want {
	case "login":
		if st != http.StatusSeeOther || !strings.HasPrefix(loc, "/kantor/masuk") {
			t.Errorf("%s %s signed out: %d → %q, want 303 to /kantor/masuk", p.method, target, st, loc)
		}
	case "401", "403", "404":
		if strconv.Itoa(st) != want {
			t.Errorf("%s %s as %s: %d %s, want %s", p.method, target, p.who, st, body, want)
		}
	default:
		if st == http.StatusUnauthorized && p.rule.open != "login" || st == http.StatusForbidden || st == http.StatusNotFound && p.rule.open == "" ||
			st == http.StatusSeeOther && strings.HasPrefix(loc, "/kantor/masuk") && p.rule.open == "" {
			t.Errorf("%s %s as %q: %d → %q %s, want an answer other than an authorization refusal", p.method, target, p.who, st, loc, body)
		}
	}
}

// actionBody is a complete body for each office API step, so the answer is the service's.
func (w *authzWorld) actionBody(action string) map[string]any {
	switch action {
	case "assign":
		id, _ := strconv.ParseInt(w.petugasID, 10, 64)
		return map[string]any{"officer_id": id}
	case "forward":
		id, _ := strconv.ParseInt(w.unitC, 10, 64)
		return map[string]any{"unit_id": id}
	case "extend", "withdraw":
		return map[string]any{"reason": "Dokumen tersebar di tiga bidang."}
	case "decide":
		return map[string]any{"kind": "dikabulkan", "notice_at": "2026-11-03T09:00:00+07:00", "information_given": "Rekap anggaran",
			"form": "softcopy", "cost": "Tanpa biaya", "delivery_time": "Hari ini"}
	case "deliver":
		return map[string]any{"method": "email"}
	}
	return map[string]any{}
}

// token is the CSRF token of c's session, read from the sign-in page (which every session may open).
func (w *authzWorld) token(t *testing.T, c *http.Client) string {
	resp, err := c.Get(w.app.URL + "/kantor/masuk")
	if err != nil {
		t.Fatal(err)
	}
	page := readBody(t, resp)
	if m := csrfPattern.FindStringSubmatch(page); m != nil {
		return m[1]
	}
	return csrfFrom(t, c, w.app.URL+"/kantor") // signed in: the sign-in page redirects
}

// submitWithIdentity registers a request with a (tiny) KTP scan attached, as submitViaAPI does
// without one, so the identity routes have a document to name.
func submitWithIdentity(t *testing.T, app *testApp) (casePath, number, code string) {
	t.Helper()
	body := validJSON()
	scan := append([]byte("\x89PNG\r\n\x1a\n"), []byte("KTP uji")...)
	body["identity_document"] = map[string]any{"kind": "ktp", "content_base64": base64.StdEncoding.EncodeToString(scan)}
	resp, out := postJSON(t, app.URL+"/api/v1/requests", body)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("submit with identity: %d %v", resp.StatusCode, out)
	}
	number, code = out["registration_number"].(string), out["tracking_code"].(string)
	id := idOf(t, app, `SELECT id::text FROM requests WHERE registration_number = $1`, number)
	return "/kantor/permohonan/" + id, number, code
}
