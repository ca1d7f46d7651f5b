package web_test

import (
	"bytes"
	"compress/zlib"
	"context"
	"database/sql"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/terbuka-id/terbuka/internal/store"
)

// listsPublication stores an item of the portal in the given state: "draft", "published" or
// "unpublished".
func listsPublication(t *testing.T, app *testApp, actorID int64, publicID, title, category, state string) {
	t.Helper()
	ctx := context.Background()
	var unit int64
	if err := app.Store.DB().Get(&unit, `SELECT id FROM units WHERE kind = 'utama'`); err != nil {
		t.Fatal(err)
	}
	at := app.Clock.Now()
	id, err := app.Store.CreatePublication(ctx, store.NewPublication{
		PublicationFields: store.PublicationFields{Title: title, Category: category, UnitID: unit, Year: 2026,
			Summary: "Ringkasan " + title, Responsible: "Sekretaris Dinas", MadePlace: "Bandung", MadeTime: "Oktober 2026",
			Form: "softcopy", Retention: "5 tahun"},
		PublicID: publicID, SHA256: strings.Repeat("0", 64), ContentType: "application/pdf", Filename: publicID + ".pdf",
		DocType: "pdf", Size: 10, ActorLabel: "Uji", At: at,
	})
	if err != nil {
		t.Fatal(err)
	}
	if state == "draft" {
		return
	}
	if err := app.Store.PublishPublication(ctx, id, sql.NullInt64{}, "Uji", at); err != nil {
		t.Fatal(err)
	}
	if state == "unpublished" {
		if err := app.Store.UnpublishPublication(ctx, id, actorID, "Uji", "Salah unggah", at); err != nil {
			t.Fatal(err)
		}
	}
}

// listsRequester is a citizen whose personal data must never reach a public list.
type listsRequester struct{ name, nik, email, phone, address string }

func (r listsRequester) data() []string { return []string{r.name, r.nik, r.email, r.phone, r.address} }

// listsSubmit files a request through the API and returns its officer path and number.
func listsSubmit(t *testing.T, app *testApp, r listsRequester, information string, consent bool) (path, number, code string) {
	t.Helper()
	body := validJSON()
	body["requester"] = map[string]any{"kind": "perorangan", "name": r.name, "nik": r.nik, "address": r.address,
		"phone": r.phone, "email": r.email, "occupation": "Wiraswasta"}
	body["information"] = information
	body["publish_consent"] = consent
	resp, out := postJSON(t, app.URL+"/api/v1/requests", body)
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

func listsRefuse(t *testing.T, ppid *officer, path, harm string) {
	t.Helper()
	refusal := url.Values{"kind": {"ditolak"}, "notice_date": {"2026-11-02"}, "notice_time": {"09:00"}, "exemption_letters": {"a", "h"},
		"legal_basis": {"UU 14/2008 Pasal 17 huruf a angka 1 dan huruf h angka 2"}, "harm": {harm},
		"public_interest": {"Kepentingan publik tidak lebih besar daripada perlindungan penyidikan."},
		"dik_subject":     {"Berkas penyidikan yang sedang berjalan"}, "exempt_until": {"2027-11-02"}} // PP 61/2010; Pasal 20
	if st, kind, _ := ppid.postStep(path+"/putuskan", refusal); st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("refuse %s: %d %q", path, st, kind)
	}
	if s := stateOf(t, ppid.app, path); s.Decision != "ditolak" {
		t.Fatalf("refuse %s: stored decision %q", path, s.Decision)
	}
}

// listsGet fetches a public URL with a fresh browser.
func listsGet(t *testing.T, app *testApp, path string) (*http.Response, []byte) {
	t.Helper()
	resp, err := newClient(t).Get(app.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	return resp, []byte(readBody(t, resp))
}

var (
	listsStreamRe = regexp.MustCompile(`(?s)stream\r?\n(.*?)\r?\nendstream`)
	listsTjRe     = regexp.MustCompile(`\(((?:[^()\\]|\\.)*)\)\s*Tj`)
)

// listsPDFText is everything readable in a PDF: its raw bytes (metadata) and the strings its
// inflated content streams show, decoded from cp1252 as Latin-1 and joined by single spaces.
func listsPDFText(t *testing.T, pdf []byte) string {
	t.Helper()
	var parts []string
	for _, m := range listsStreamRe.FindAllSubmatch(pdf, -1) {
		zr, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue // not a Flate stream (fonts are not embedded: there should be none)
		}
		content, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("inflate: %v", err)
		}
		for _, s := range listsTjRe.FindAllSubmatch(content, -1) {
			var b strings.Builder
			for i := 0; i < len(s[1]); i++ {
				c := s[1][i]
				if c == '\\' && i+1 < len(s[1]) {
					i++
					c = s[1][i]
				}
				b.WriteRune(rune(c))
			}
			parts = append(parts, b.String())
		}
	}
	if len(parts) == 0 {
		t.Fatal("no text found in the PDF")
	}
	return string(pdf) + "\n" + strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

// listsXLSX reads the list sheet and the Keterangan sheet of a workbook as rows of text.
func listsXLSX(t *testing.T, b []byte, sheet string) (rows [][]string, all string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("XLSX: %v", err)
	}
	defer f.Close()
	if rows, err = f.GetRows(sheet); err != nil {
		t.Fatal(err)
	}
	about, _ := f.GetRows("Keterangan")
	var cells []string
	for _, r := range append(slices.Clone(rows), about...) {
		cells = append(cells, r...)
	}
	props, _ := f.GetDocProps()
	if props != nil {
		cells = append(cells, props.Title, props.Subject, props.Creator, props.Description, props.Keywords)
	}
	return rows, strings.Join(cells, "\n")
}

func listsCheckDownload(t *testing.T, resp *http.Response, ctype, filename string) {
	t.Helper()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != ctype {
		t.Errorf("%s: %d %q", resp.Request.URL.Path, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if got := resp.Header.Get("Content-Disposition"); got != `attachment; filename="`+filename+`"` {
		t.Errorf("%s: Content-Disposition %q, want attachment %s", resp.Request.URL.Path, got, filename)
	}
	if got := resp.Header.Get("Cache-Control"); !strings.Contains(got, "max-age=") || strings.Contains(got, "max-age=0") {
		t.Errorf("%s: Cache-Control %q, want a short max-age", resp.Request.URL.Path, got)
	}
}

const listsXLSXType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

var listsTags = regexp.MustCompile(`<[^>]*>`)

func TestDIPListsPublishedItemsOnly(t *testing.T) {
	t.Parallel()
	// Friday 27 November 2026, 14:05 WIB.
	app := newApp(t, time.Date(2026, 11, 27, 14, 5, 0, 0, jakarta))
	addUser(t, app.Store, "ppid@uji.test", "ppid", "rahasia-ppid")
	var actor int64
	app.Store.DB().Get(&actor, `SELECT id FROM users WHERE email = 'ppid@uji.test'`)

	// Empty first: the page says so, the files still open.
	resp, body := listsGet(t, app, "/dip")
	if resp.StatusCode != http.StatusOK || strings.Contains(string(body), `<table class="lists-table">`) || !strings.Contains(string(body), `<h1`) {
		t.Fatalf("empty DIP: %d", resp.StatusCode)
	}

	listsPublication(t, app, actor, "setiapsaa1", "Standar Pelayanan Perizinan", "setiap_saat", "published")
	listsPublication(t, app, actor, "berkalaaa1", "Laporan Keuangan 2025", "berkala", "published")
	listsPublication(t, app, actor, "sertamert1", "Peringatan Dini Banjir", "serta_merta", "published")
	listsPublication(t, app, actor, "draftdraf1", "Konsep Rencana Strategis", "berkala", "draft")
	listsPublication(t, app, actor, "ditarikkk1", "Daftar Salah Unggah", "berkala", "unpublished")

	resp, body = listsGet(t, app, "/dip")
	page := string(body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("DIP: %d", resp.StatusCode)
	}
	for _, want := range []string{`<caption id="dip-caption">`, `<th scope="col">Ringkasan isi informasi</th>`,
		`<th scope="col">Pejabat/<wbr>unit yang menguasai informasi</th>`, `<th scope="col">Penanggung jawab pembuatan/<wbr>penerbitan</th>`,
		`<th scope="col">Waktu dan tempat pembuatan</th>`, `<th scope="col">Bentuk informasi</th>`,
		`<th scope="col">Jangka waktu penyimpanan/<wbr>retensi</th>`, `<th scope="col">Kategori</th>`,
		`href="/dokumen/berkalaaa1/laporan-keuangan-2025"`, "Ringkasan Laporan Keuangan 2025", "PPID Utama", "Sekretaris Dinas",
		"Oktober 2026, Bandung", "Softcopy", "5 tahun", "Informasi berkala", `href="/dip.pdf"`, `href="/dip.xlsx"`,
		"Peraturan Komisi Informasi Nomor 1 Tahun 2021"} {
		if !strings.Contains(page, want) {
			t.Errorf("DIP page lacks %q", want)
		}
	}
	for _, hidden := range []string{"Konsep Rencana Strategis", "Daftar Salah Unggah", "draftdraf1", "ditarikkk1"} {
		if strings.Contains(page, hidden) {
			t.Errorf("DIP page lists %q, which is not published", hidden)
		}
	}
	// By category: berkala (Pasal 9), serta merta (Pasal 10), setiap saat (Pasal 11).
	if i, j, k := strings.Index(page, "Laporan Keuangan 2025"), strings.Index(page, "Peringatan Dini Banjir"),
		strings.Index(page, "Standar Pelayanan Perizinan"); !(i < j && j < k) {
		t.Errorf("DIP not ordered by category: %d %d %d", i, j, k)
	}
	_, body = listsGet(t, app, "/dip?kategori=serta_merta")
	if page := string(body); !strings.Contains(page, "Peringatan Dini Banjir") || strings.Contains(page, "Laporan Keuangan 2025") ||
		!strings.Contains(page, `href="/dip.pdf?kategori=serta_merta"`) {
		t.Error("category filter does not filter")
	}
	if _, body = listsGet(t, app, "/dip?kategori=rahasia"); !strings.Contains(string(body), "Laporan Keuangan 2025") {
		t.Error("an unknown category should list everything")
	}

	resp, body = listsGet(t, app, "/dip.pdf")
	listsCheckDownload(t, resp, "application/pdf", "dip-2026-11-27.pdf")
	if !bytes.HasPrefix(body, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", body[:min(len(body), 8)])
	}
	text := listsPDFText(t, body)
	for _, want := range []string{"PPID Uji", "Daftar Informasi Publik (DIP)", "Dibuat pada 27 November 2026 14:05 WIB",
		"Laporan Keuangan 2025", "Peringatan Dini Banjir", "Standar Pelayanan Perizinan", "Oktober 2026, Bandung", "Halaman 1 dari 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("DIP PDF lacks %q", want)
		}
	}
	if strings.Contains(text, "Konsep Rencana Strategis") || strings.Contains(text, "Daftar Salah Unggah") {
		t.Error("DIP PDF lists an unpublished item")
	}

	resp, body = listsGet(t, app, "/dip.xlsx?kategori=berkala")
	listsCheckDownload(t, resp, listsXLSXType, "dip-berkala-2026-11-27.xlsx")
	rows, all := listsXLSX(t, body, "DIP")
	wantHeader := []string{"No.", "Ringkasan isi informasi", "Kategori", "Pejabat/unit yang menguasai informasi",
		"Penanggung jawab pembuatan/penerbitan", "Waktu dan tempat pembuatan", "Bentuk informasi", "Jangka waktu penyimpanan/retensi", "Tautan"}
	if len(rows) != 2 || !slices.Equal(rows[0], wantHeader) {
		t.Fatalf("DIP XLSX rows %q", rows)
	}
	wantRow := []string{"1", "Laporan Keuangan 2025\nRingkasan Laporan Keuangan 2025", "Informasi berkala", "PPID Utama",
		"Sekretaris Dinas", "Oktober 2026, Bandung", "Softcopy", "5 tahun", "http://localhost:8080/dokumen/berkalaaa1/laporan-keuangan-2025"}
	if !slices.Equal(rows[1], wantRow) {
		t.Errorf("DIP XLSX row\n got %q\nwant %q", rows[1], wantRow)
	}
	if strings.Contains(all, "Konsep Rencana Strategis") || !strings.Contains(all, "PPID Uji") {
		t.Error("DIP XLSX lists a draft or lacks the office")
	}

	// Unpublishing takes an item off every list at once.
	var id int64
	app.Store.DB().Get(&id, `SELECT id FROM publications WHERE public_id = 'berkalaaa1'`)
	if err := app.Store.UnpublishPublication(context.Background(), id, actor, "Uji", "Diganti versi baru", app.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	if _, body = listsGet(t, app, "/dip"); strings.Contains(string(body), "Laporan Keuangan 2025") {
		t.Error("an unpublished item stays on the DIP")
	}
}

func TestDIKShowsRefusalsWithoutPersonalData(t *testing.T) {
	t.Parallel()
	// Monday 2 November 2026, 09:00 WIB.
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	atasan := signIn(t, app, "atasan@uji.test", "atasan", "rahasia-atasan")

	if resp, body := listsGet(t, app, "/dik"); resp.StatusCode != http.StatusOK || strings.Contains(string(body), `<table class="lists-table">`) {
		t.Error("an empty DIK does not say so")
	}

	consenting := listsRequester{name: "Siti Aminah", nik: "3273014507900003", email: "siti@contoh.id", phone: "0812 2233 4455",
		address: "Jl. Cihampelas No. 12, Bandung"}
	private := listsRequester{name: "Bambang Wirawan", nik: "3273011203850001", email: "bambang@contoh.id", phone: "0813 9988 7766",
		address: "Jl. Dago No. 40, Bandung"}
	overturned := listsRequester{name: "Dewi Lestari", nik: "3273015608920002", email: "dewi@contoh.id", phone: "0857 1234 5678",
		address: "Jl. Riau No. 3, Bandung"}
	granted := listsRequester{name: "Agus Salim", nik: "3273010101800004", email: "agus@contoh.id", phone: "0821 1111 2222",
		address: "Jl. Braga No. 5, Bandung"}
	partly := listsRequester{name: "Rudi Hartono", nik: "3273012504880005", email: "rudi@contoh.id", phone: "0812 7777 8888",
		address: "Jl. Setiabudi No. 9, Bandung"}

	// Consented, with the requester's own e-mail typed into the text: the text shows, the address does not.
	p1, n1, _ := listsSubmit(t, app, consenting, "Berkas penyidikan dugaan korupsi pasar induk; balas ke siti@contoh.id", true)
	// Not consented: the information is named only by the request's number.
	p2, n2, _ := listsSubmit(t, app, private, "Catatan rahasia pemeriksaan internal Inspektorat", false)
	// Refused, then overturned by the atasan on objection: no longer exempt.
	p3, n3, c3 := listsSubmit(t, app, overturned, "Notulen rapat pengadaan tanah", true)
	// Granted: not on the DIK.
	p4, n4, _ := listsSubmit(t, app, granted, "Rekap anggaran pendidikan", true)
	// Granted in part: the withheld part, as the officer described it, is exempt and listed.
	p5, n5, _ := listsSubmit(t, app, partly, "Daftar penerima beasiswa daerah", false)

	listsRefuse(t, ppid, p1, "Membuka berkas penyidikan dapat menghambat penyidikan yang sedang berjalan.")
	listsRefuse(t, ppid, p2, "Mengungkap identitas saksi pemeriksaan.")
	listsRefuse(t, ppid, p3, "Mengganggu proses pengadaan tanah.")
	grant := url.Values{"kind": {"dikabulkan"}, "notice_date": {"2026-11-02"}, "notice_time": {"09:00"}, "information_given": {"Rekap anggaran"},
		"form": {"softcopy"}, "cost": {"Tanpa biaya"}, "delivery_time": {"Hari ini"}}
	if st, _, _ := ppid.post(p4+"/putuskan", grant); st != http.StatusSeeOther {
		t.Fatalf("grant: %d", st)
	}
	partial := url.Values{"kind": {"dikabulkan_sebagian"}, "notice_date": {"2026-11-02"}, "notice_time": {"09:00"},
		"information_given": {"Daftar penerima beasiswa per sekolah"}, "form": {"softcopy"}, "cost": {"Tanpa biaya"},
		"delivery_time": {"Hari ini"}, "withheld": {"NIK dan alamat rumah penerima beasiswa dihitamkan"},
		"exemption_letters": {"h"}, "legal_basis": {"UU 14/2008 Pasal 17 huruf h angka 2"},
		"harm":            {"Membuka alamat rumah anak penerima beasiswa membahayakan keselamatan mereka."},
		"public_interest": {"Kepentingan publik terpenuhi dengan nama sekolah dan jumlah penerima."},
		"dik_subject":     {"Alamat rumah dan NIK penerima beasiswa"}}
	if st, flash, _ := ppid.post(p5+"/putuskan", partial); st != http.StatusSeeOther {
		t.Fatalf("partial grant: %d %q", st, flash)
	}

	app.Clock.Set(time.Date(2026, 11, 3, 10, 0, 0, 0, jakarta))
	resp, out := postJSON(t, app.URL+"/api/v1/objections", map[string]any{"registration_number": n3, "tracking_code": c3,
		"grounds": []string{"a"}, "reasons": "Notulen pengadaan bukan informasi yang dikecualikan."})
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("objection: %d %v", resp.StatusCode, out)
	}
	// Before the atasan answers, the refusal stands and is listed.
	if _, body := listsGet(t, app, "/dik"); !strings.Contains(string(body), n3) {
		t.Error("a refusal under objection is not listed")
	}
	var oid string
	app.Store.DB().Get(&oid, `SELECT id::text FROM objections`)
	app.Clock.Set(time.Date(2026, 11, 10, 10, 0, 0, 0, jakarta))
	if st, _, _ := atasan.post(p3+"/keberatan/"+oid+"/tanggapan", url.Values{"outcome": {"dibatalkan"},
		"answer": {"Notulen tidak termasuk informasi yang dikecualikan; wajib diberikan."}}); st != http.StatusSeeOther {
		t.Fatalf("overturn: %d", st)
	}

	resp, body := listsGet(t, app, "/dik")
	page := string(body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("DIK: %d", resp.StatusCode)
	}
	for _, want := range []string{`<caption id="dik-caption">`, `<th scope="col">Informasi yang dikecualikan</th>`,
		`<th scope="col">Dasar hukum</th>`, `<th scope="col">Konsekuensi bila informasi dibuka</th>`,
		`<th scope="col">Pertimbangan kepentingan publik</th>`, `<th scope="col">Tanggal penetapan</th>`,
		`<th scope="col">Nomor registrasi permohonan</th>`, `href="/dik.pdf"`, `href="/dik.xlsx"`,
		"Berkas penyidikan dugaan korupsi pasar induk; balas ke [disamarkan]",
		"Berkas penyidikan yang sedang berjalan", "Sampai 2 November 2027", "UU 14/2008 Pasal 17 huruf a (menghambat proses penegakan hukum); huruf h (mengungkap rahasia pribadi)",
		"UU 14/2008 Pasal 17 huruf a angka 1 dan huruf h angka 2", "Mengungkap identitas saksi pemeriksaan.",
		"Kepentingan publik tidak lebih besar daripada perlindungan penyidikan.", "2 November 2026", n1, n2,
		"uji konsekuensi (Pasal 19)", "Pasal 2 ayat (4)", "NIK dan alamat rumah penerima beasiswa dihitamkan", n5,
		"Membuka alamat rumah anak penerima beasiswa membahayakan keselamatan mereka."} {
		if !strings.Contains(page, want) {
			t.Errorf("DIK page lacks %q", want)
		}
	}
	for _, hidden := range []string{"Catatan rahasia pemeriksaan internal", n3, "Notulen rapat", n4, "Rekap anggaran"} {
		if strings.Contains(page, hidden) {
			t.Errorf("DIK page shows %q", hidden)
		}
	}
	if i, j := strings.Index(page, n1), strings.Index(page, n2); i > j {
		t.Error("DIK is not in the order of the decisions")
	}

	resp, pdf := listsGet(t, app, "/dik.pdf")
	listsCheckDownload(t, resp, "application/pdf", "dik-2026-11-10.pdf")
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatal("DIK download is not a PDF")
	}
	text := listsPDFText(t, pdf)
	for _, want := range []string{"Daftar Informasi yang Dikecualikan (DIK)", "PPID Uji", "Dibuat pada 10 November 2026 10:00 WIB",
		"Berkas penyidikan yang sedang berjalan", "Mengungkap identitas saksi pemeriksaan.", "2 November 2026", n1} {
		if !strings.Contains(text, want) {
			t.Errorf("DIK PDF lacks %q", want)
		}
	}

	resp, xlsx := listsGet(t, app, "/dik.xlsx")
	listsCheckDownload(t, resp, listsXLSXType, "dik-2026-11-10.xlsx")
	rows, all := listsXLSX(t, xlsx, "DIK")
	wantHeader := []string{"No.", "Informasi yang dikecualikan", "Dasar hukum", "Konsekuensi bila informasi dibuka",
		"Pertimbangan kepentingan publik", "Tanggal penetapan", "Ditetapkan oleh, tempat", "Jangka waktu pengecualian",
		"Nomor registrasi permohonan"}
	if len(rows) != 4 || !slices.Equal(rows[0], wantHeader) {
		t.Fatalf("DIK XLSX rows %q", rows)
	}
	if r := rows[2]; r[0] != "2" || r[1] != "Berkas penyidikan yang sedang berjalan" || r[5] != "2026-11-02" || r[8] != n2 ||
		r[3] != "Mengungkap identitas saksi pemeriksaan." {
		t.Errorf("DIK XLSX row %q", r)
	}

	// Nothing about any requester, in any format: not the name, NIK, e-mail, phone or address.
	html := listsTags.ReplaceAllString(page, " ")
	for _, who := range []listsRequester{consenting, private, overturned, granted, partly} {
		for _, v := range who.data() {
			for format, s := range map[string]string{"HTML": page, "HTML text": html, "PDF": text, "XLSX": all} {
				if strings.Contains(s, v) {
					t.Errorf("DIK %s carries requester data %q", format, v)
				}
			}
		}
	}
}
