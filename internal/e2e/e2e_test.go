package e2e

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/deadline"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

const (
	nik        = "3273014507900003"
	ppidEmail  = "ppid@uji.test"
	ppidPass   = "rahasia-ppid-uji"
	atasanMail = "atasan@uji.test"
	atasanPass = "rahasia-atasan-uji"
	kiNumber   = "002/XII/KI-Jabar-PS/2026"
)

// TestMainPathInTheBrowser follows one request from the citizen's form through an extension, a
// refusal, an objection upheld by the atasan PPID and a dispute at the Komisi Informasi, through
// the real pages in headless Chromium. The app's clock moves between the steps as the days would.
func TestMainPathInTheBrowser(t *testing.T) {
	browserPath := findBrowser(t)
	started := time.Now()
	stopBy := started.Add(60 * time.Second)

	// Monday 2 November 2026, 09:00 WIB: 10 working days run to Monday 16 November.
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	addOfficer(t, app.Store, ppidEmail, "Dewi Lestari", "ppid", ppidPass)
	addOfficer(t, app.Store, atasanMail, "Hendra Wijaya", "atasan", atasanPass)

	browser, browserOut := startBrowser(t, browserPath, stopBy)
	citizen := newTab(t, browser, app, "warga", stopBy, browserOut)
	ppid := newTab(t, browser, app, "ppid", stopBy, browserOut)
	atasan := newTab(t, browser, app, "atasan", stopBy, browserOut)

	// 1. The citizen fills the form, forgets the information asked for, corrects it, sends it.
	citizen.open("/permohonan/baru")
	form := `form[action="/permohonan/baru"]`
	citizen.do("fill the request form",
		waitVisible(form),
		choose("requester.kind", "perorangan"),
		typeInto("#f-requester-name", "Siti Aminah"),
		typeInto("#f-requester-nik", nik),
		typeInto("#f-requester-address", "Jl. Cihampelas No. 12, Bandung"),
		typeInto("#f-requester-phone", "0812 2233 4455"),
		typeInto("#f-requester-email", "siti@contoh.id"),
		typeInto("#f-requester-occupation", "Guru"),
		typeInto("#f-purpose", "Bahan diskusi komite sekolah"),
		choose("obtain_method", "softcopy"),
		choose("delivery_method", "email"),
	)
	citizen.submit(form, 422)
	citizen.expect("form sent without the information",
		"Permohonan belum terkirim.", "Rincian informasi yang dibutuhkan wajib diisi.")
	if got := citizen.value("#f-requester-name"); got != "Siti Aminah" {
		citizen.fatalf("the re-shown form lost the name: %q", got)
	}
	if got := citizen.value("#f-requester-phone"); got != "0812 2233 4455" {
		citizen.fatalf("the re-shown form lost the phone number: %q", got)
	}
	citizen.do("correct the form",
		waitVisible(`#f-information[aria-invalid="true"]`),
		waitVisible(`input[name="delivery_method"][value="email"]:checked`),
		typeInto("#f-information", "Salinan RKA Dinas Pendidikan tahun 2026"),
	)
	citizen.submit(form, 200)
	if loc, _ := chromedp.Run(citizen.ctx, chromedp.Location()); !strings.HasSuffix(loc, "/permohonan/tanda-bukti") {
		citizen.fatalf("after sending: at %s, want the receipt", loc)
	}
	number := citizen.text("dl.facts dd.big:not(.code)")
	code := citizen.text("dl.facts dd.big.code")
	if number != "0001/PPID/XI/2026" || !regexp.MustCompile(`^[0-9A-Z]{5}-[0-9A-Z]{5}$`).MatchString(code) {
		citizen.fatalf("receipt shows number %q and tracking code %q", number, code)
	}
	citizen.expect("receipt", "Tanda bukti permohonan informasi", "Senin, 2 November 2026", "Senin, 16 November 2026")

	// 2. The PPID signs in, finds the request in the queue, extends it, later refuses it.
	signIn(ppid, ppidEmail, ppidPass)
	row := `//table[contains(@class, "queue")]//tr[.//a[normalize-space(.)="` + number + `"]]`
	rowText, err := chromedp.Run(ppid.ctx, chromedp.Text(chromedp.Search(row), chromedp.NodeVisible))
	if err != nil {
		ppid.fatalf("the queue does not list %s: %v", number, err)
	}
	for _, want := range []string{"Siti Aminah", "Salinan RKA Dinas Pendidikan", "Diterima", "Formulir daring"} {
		if !strings.Contains(rowText, want) {
			ppid.fatalf("queue row %q lacks %q", rowText, want)
		}
	}
	casePath := ppid.follow(chromedp.Search(row + `//a`))
	ppid.expectIn("h1", "Permohonan "+number)
	ppid.expect("case page", "32**********0003", "Salinan RKA Dinas Pendidikan tahun 2026")
	if strings.Contains(ppid.body(), nik) {
		ppid.errorf("the case page shows the full NIK")
	}

	app.Clock.Set(time.Date(2026, 11, 3, 10, 0, 0, 0, jakarta)) // Tuesday
	ppid.do("write the extension",
		openDetails("Perpanjang"),
		typeInto("#reason", "Dokumen tersebar di tiga bidang dan perlu dihimpun."),
	)
	ppid.submit(`form[action$="/perpanjang"]`, 200)
	if f := ppid.flash(); !strings.Contains(f, "diperpanjang") {
		ppid.fatalf("flash after extending: %q", f)
	}
	// 16 November + 7 working days.
	ppid.expect("extended case", "Diperpanjang sampai", "Rabu, 25 November 2026")

	app.Clock.Set(time.Date(2026, 11, 20, 10, 0, 0, 0, jakarta)) // Friday, before the extended due date
	ppid.open(casePath)
	ppid.do("write the refusal",
		openDetails("Berikan pemberitahuan tertulis"),
		choose("kind", "ditolak"),
		setValue("#f-decide-notice_date", "2026-11-20"),
		setValue("#f-decide-notice_time", "10:00"),
		choose("exemption_letters", "h"),
		typeInto("#f-decide-legal_basis", "UU 14/2008 Pasal 17 huruf h"),
		typeInto("#f-decide-harm", "Membuka data kesehatan pribadi pegawai yang tercantum dalam lampiran."),
		typeInto("#f-decide-public_interest", "Kepentingan publik tidak lebih besar dari perlindungan data pribadi."),
		typeInto("#f-decide-dik_subject", "Data kesehatan pribadi pegawai"),
	)
	ppid.submit(`form[action$="/putuskan"]`, 200)
	if f := ppid.flash(); f != "Pemberitahuan tertulis tercatat." {
		ppid.fatalf("flash after the decision: %q", f)
	}
	ppid.expectIn("dl.facts .badge", "Ditolak (dikecualikan)")
	listed := ppid.text(`section[aria-labelledby="surat"] ul`)
	for _, want := range []string{
		"PEMBERITAHUAN PERPANJANGAN JANGKA WAKTU PEMBERITAHUAN TERTULIS 0001/SRT-PPID/XI/2026",
		"PEMBERITAHUAN TERTULIS 0002/SRT-PPID/XI/2026",
		"SURAT KEPUTUSAN PPID TENTANG PENOLAKAN PERMOHONAN INFORMASI PUBLIK 0003/SRT-PPID/XI/2026",
	} {
		if !strings.Contains(listed, want) {
			ppid.fatalf("letters listed:\n%s\nwant %q", listed, want)
		}
	}

	// 3. The citizen tracks the request with number and code and objects to the refusal.
	app.Clock.Set(time.Date(2026, 11, 23, 10, 0, 0, 0, jakarta)) // Monday
	citizen.open("/lacak")
	citizen.do("fill the tracking form", typeInto("#nomor", number), typeInto("#kode", code))
	citizen.submit(`form[action="/lacak"]`, 200)
	citizen.expect("tracking page", "Ditolak (dikecualikan)", "Diperpanjang", "Pemberitahuan tertulis",
		"Anda dapat mengajukan keberatan")
	citizen.do("write the objection",
		choose("grounds", "a"),
		typeInto("#f-reasons", "Data yang saya minta adalah anggaran, bukan data pribadi."),
	)
	citizen.submit(`form[action="/lacak/keberatan"]`, 200)
	if f := citizen.flash(); !strings.Contains(f, "KEB/0001/XI/2026") {
		citizen.fatalf("flash after objecting: %q", f)
	}
	citizen.expect("objection filed", "Keberatan KEB/0001/XI/2026", "Menunggu tanggapan",
		"Keberatan Anda sedang menunggu tanggapan atasan PPID.")

	// 4. The atasan PPID, in a browser of their own, upholds the refusal.
	app.Clock.Set(time.Date(2026, 11, 30, 10, 0, 0, 0, jakarta)) // Monday
	signIn(atasan, atasanMail, atasanPass)
	if got := atasan.follow(chromedp.Search(row + `//a`)); got != casePath {
		atasan.fatalf("the queue's link opened %s, want %s", got, casePath)
	}
	atasan.expectIn("h1", "Permohonan "+number)
	answer := `form[action*="/keberatan/"][action$="/tanggapan"]`
	atasan.do("write the answer",
		waitVisible(answer),
		choose("outcome", "dikuatkan"),
		typeInto(`textarea[name="answer"]`, "Informasi memuat data kesehatan pribadi pegawai; pengecualian Pasal 17 huruf h tepat."),
	)
	atasan.submit(answer, 200)
	if f := atasan.flash(); f != "Tanggapan atas keberatan tercatat." {
		atasan.fatalf("flash after answering: %q", f)
	}
	atasan.expectIn("ol.timeline", "Keberatan ditanggapi")
	atasan.expectIn(`section[aria-labelledby="keberatan"] article`, "KEB/0001/XI/2026", "Putusan PPID dikuatkan")

	// 5. The requester went to the Komisi Informasi; the PPID records the dispute.
	app.Clock.Set(time.Date(2026, 12, 16, 10, 0, 0, 0, jakarta)) // Wednesday
	ppid.open(casePath)
	ppid.do("write the dispute",
		openDetails("Catat sengketa baru"),
		typeInto("#f-dispute-new-ki_number", kiNumber),
		setValue("#f-dispute-new-ki_received", "2026-12-16"),
	)
	ppid.submit(`form[action$="/sengketa"]`, 200)
	if f := ppid.flash(); f != "Data sengketa tersimpan." {
		ppid.fatalf("flash after recording the dispute: %q", f)
	}
	// The arithmetic is the deadline package's (tested there); here it must reach the page.
	finish := deadline.FromDay(app.Calendar.Current(), deadline.KIFinish, calendar.NewDate(2026, 12, 16)).Due
	ppid.expectIn(`section[aria-labelledby="sengketa"] article`, kiNumber,
		calendar.FormatIDLong(finish)+" (100 hari kerja, Pasal 38(2))")

	// The requester's tracking page tells the whole public story, without the NIK.
	citizen.open("/lacak")
	citizen.do("fill the tracking form", typeInto("#nomor", number), typeInto("#kode", code))
	citizen.submit(`form[action="/lacak"]`, 200)
	citizen.expect("tracking page at the end", "Keberatan ditanggapi", "Putusan PPID dikuatkan", "Sengketa dicatat", kiNumber)
	if strings.Contains(citizen.body(), nik) {
		citizen.errorf("the tracking page shows the NIK")
	}

	for _, b := range []*tab{citizen, ppid, atasan} {
		if errs := b.consoleErrors(); len(errs) > 0 {
			t.Errorf("%s: the browser reported errors:\n%s", b.name, strings.Join(errs, "\n"))
		}
	}
	if logs := app.Logs.String(); strings.Contains(logs, "level=ERROR") {
		t.Errorf("the server logged errors:\n%s", logs)
	}
	t.Logf("main path done in %s", time.Since(started).Round(time.Millisecond))
}

// signIn signs an officer in through the login page and lands on the queue.
func signIn(b *tab, email, pass string) {
	b.t.Helper()
	b.open("/kantor/masuk")
	b.do("fill the login form", typeInto("#email", email), typeInto("#password", pass))
	b.submit(`form[action="/kantor/masuk"]`, 200)
	b.expectIn("h1", "Antrean permohonan")
}
