package e2e

import (
	"context"
	_ "embed"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/go-pdf/fpdf"

	"github.com/terbuka-id/terbuka/internal/demo"
	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/portal"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// axeSource is axe-core, vendored (see testdata/README.md); it is injected into every page checked.
//
//go:embed testdata/axe.min.js
var axeSource string

// axeRun checks the page against the WCAG 2.0/2.1 A and AA rules and axe's best practices (heading
// order, landmarks) and keeps, of each violation,
// what a report needs.
const axeRun = `axe.run(document, {
  runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
  resultTypes: ['violations'],
}).then(r => r.violations.map(v => ({
  id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
  nodes: v.nodes.map(n => ({target: n.target.map(String), html: n.html, summary: n.failureSummary || ''})),
})))`

type axeViolation struct {
	ID      string    `json:"id"`
	Impact  string    `json:"impact"`
	Help    string    `json:"help"`
	HelpURL string    `json:"helpUrl"`
	Nodes   []axeNode `json:"nodes"`
}

type axeNode struct {
	Target  []string `json:"target"`
	HTML    string   `json:"html"`
	Summary string   `json:"summary"`
}

// overflowing lists the outermost elements that reach past the right edge of the viewport, so a
// page that scrolls sideways says what pushed it; what scrolls inside a box of its own is fine.
const overflowing = `(() => {
  const edge = document.documentElement.clientWidth;
  const inScroller = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; } return false; };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= edge + 0.5 || inScroller(el)) continue;
    if (el.parentElement && out.some(o => o.contains(el))) continue;
    out.push(el);
  }
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
    culprits: out.slice(0, 5).map(el => el.outerHTML.slice(0, 160) + ' (right edge ' + Math.round(el.getBoundingClientRect().right) + ' px)')};
})()`

type overflow struct {
	ScrollWidth int      `json:"scrollWidth"`
	InnerWidth  int      `json:"innerWidth"`
	Culprits    []string `json:"culprits"`
}

// sideways: wider than the viewport, or (a phone zooms out to fit) a viewport grown wider.
func (o overflow) sideways(vp viewport) bool {
	return o.ScrollWidth > int(vp.width) || o.InnerWidth > int(vp.width) || len(o.Culprits) > 0
}

type viewport struct {
	name          string
	width, height int64
	phone         bool
}

var a11yViewports = []viewport{
	{"ponsel", 390, 844, true},
	{"desktop", 1280, 900, false},
}

// a11yPage is a page reached by address, with the status it answers.
type a11yPage struct {
	path   string
	status int64
}

// TestAccessibilityOfThePages runs axe-core (WCAG 2.1 A and AA rules) over every public page and
// the officers' publication pages, filled with the demo office's data and in their error states,
// at a phone's and a desktop's width, with the pages' own scripts switched off: they must work
// without them. On the phone no page may scroll sideways.
func TestAccessibilityOfThePages(t *testing.T) {
	browserPath := findBrowser(t)
	started := time.Now()
	stopBy := started.Add(4 * time.Minute)

	// Friday 20 November 2026: the demo's requests are overdue, near their due date and far off.
	app := newApp(t, time.Date(2026, 11, 20, 10, 0, 0, 0, jakarta))
	seed := seedDemoOffice(t, app)
	// A failed mail with a long address and a long error: the outbox must still fit its column.
	app.Store.DB().MustExec(`INSERT INTO outbox (template, recipient, data, status, attempts, last_error)
		VALUES ('request_received', 'seorang.pemohon.dengan.alamat.yang.sangat.panjang@subbagian-humas.kabupaten-contoh.go.id', '{}',
			'failed', 3, repeat('server menolak sementara: kotak surat penerima penuh; ', 12))`)
	// A run of every job, so the jobs page has its table of runs.
	for _, name := range app.services.Jobs.Names() {
		if _, err := app.services.Jobs.RunOnce(context.Background(), name); err != nil {
			t.Logf("job %s: %v", name, err)
		}
	}
	browser, browserOut := startBrowser(t, browserPath, stopBy)

	public := []a11yPage{
		{"/", 200}, {"/dokumen", 200}, {"/dokumen?q=anggaran", 200}, {"/dokumen?tahun=abc", 400},
		{"/dip", 200}, {"/dip?kategori=berkala", 200}, {"/dik", 200},
		{"/register", 200}, {"/register?tahun=abc", 400}, {"/statistik", 200}, {"/laporan", 200},
		{"/skm", 200}, {"/skm?tahun=abc", 400},
		{"/permohonan/baru", 200}, {"/lacak", 200}, {"/lacak/lupa", 200}, {"/akun/masuk", 200},
		{"/kalkulator-tenggat", 200}, {"/kalkulator-tenggat?tanggal=2026-12-17&jam=10:00", 200},
		{"/kalkulator-tenggat?tanggal=2026-13-45&jam=25:00", 422},
		{"/kantor/masuk", 200}, {"/halaman-yang-tidak-ada", 404},
		// Issue 13: check first, requests in the search, a request's public page.
		{"/permohonan/baru?periksa=anggaran+pendidikan", 200}, {"/dokumen?q=anggaran&cari=permohonan", 200},
	}
	if reqs, err := app.Store.PublicRequestItems(context.Background(), 1); err == nil && len(reqs) == 1 {
		public = append(public, a11yPage{portal.RequestPagePath(reqs[0].PublicKey, reqs[0].Information), 200})
	}
	office := []a11yPage{
		{"/kantor", 200}, {"/kantor?q=anggaran&tenggat=lewat&petugas=saya", 200}, {"/kantor?dari=kemarin", 400},
		{"/kantor/antrean/cetak", 200}, {"/kantor/keberatan", 200}, {fmt.Sprintf("/kantor/permohonan/%d", seed.refusedID), 200},
		{"/kantor/publikasi", 200}, {"/kantor/publikasi/baru", 200},
		{"/kantor/skm", 200}, {"/kantor/skm/baru", 200},
		{fmt.Sprintf("/kantor/publikasi/%d", seed.publishedID), 200},
		{fmt.Sprintf("/kantor/publikasi/%d", seed.draftID), 200},
		{fmt.Sprintf("/kantor/publikasi/%d/ubah", seed.draftID), 200},
		{"/kantor/laporan/2025", 200}, {"/kantor/evaluasi/saya", 200},
	}

	pdf := budgetPDF(t)

	for _, vp := range a11yViewports {
		t.Run(vp.name, func(t *testing.T) {
			// The PPID's pages, and a PDF uploaded and published through them: its public page
			// then shows the file in a preview frame, served by the app itself.
			ppid := newTab(t, browser, app, "ppid-"+vp.name, stopBy, browserOut)
			ppid.emulate(vp)
			signIn(ppid, demo.Accounts[0].Email, demo.Accounts[0].Password)
			for _, p := range office {
				ppid.visit(p.path, p.status)
				ppid.checkPage(vp, p.path)
			}
			// The administrator's pages with scrollable tables (axe scrollable-region-focusable), and the profile page.
			admin := newTab(t, browser, app, "admin-"+vp.name, stopBy, browserOut)
			admin.emulate(vp)
			signIn(admin, demo.Accounts[2].Email, demo.Accounts[2].Password)
			for _, p := range []string{"/kantor/akun", "/kantor/admin/tugas", "/kantor/admin/surel"} {
				admin.visit(p, 200)
				admin.checkPage(vp, p)
			}
			if !vp.phone {
				// The outbox's table fits its column on a laptop screen: nothing to scroll sideways.
				fits, err := chromedp.Run(admin.ctx, chromedp.Evaluate[bool](`(() => {
  const t = document.querySelector('table.admin-outbox');
  return !t || t.scrollWidth <= t.parentElement.clientWidth + 1;
})()`))
				if err != nil || !fits {
					t.Errorf("the outbox table is wider than its column at %d px (%v)", vp.width, err)
				}
			}
			upload := `form[enctype="multipart/form-data"]`
			ppid.visit("/kantor/publikasi/baru", 200)
			ppid.submit(upload, 422)
			ppid.checkPage(vp, "POST /kantor/publikasi/baru (formulir kosong)")
			ppid.do("fill the publication form",
				typeInto("#f-title", "Laporan Keuangan Dinas Pendidikan Tahun 2025"),
				choose("category", "berkala"),
				setValue("#f-year", "2025"), // the form offers this year
				typeInto("#f-summary", "Neraca, laporan realisasi anggaran dan catatan atas laporan keuangan tahun 2025."),
				choose("form", "softcopy"),
				typeInto("#f-responsible", "Kepala Subbagian Keuangan"),
				typeInto("#f-made_time", "Maret 2026"),
				typeInto("#f-made_place", "Bandung"),
				typeInto("#f-retention", "10 tahun"),
				step("choose the file", chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{pdf})),
			)
			ppid.submit(upload, 200)
			ppid.submit(`form[action$="/terbitkan"]`, 200)
			doc := ppid.attr(`.summary a[href^="/dokumen/"]`, "href")

			citizen := newTab(t, browser, app, "warga-"+vp.name, stopBy, browserOut)
			citizen.emulate(vp)
			citizen.selfCheck(vp)
			for _, p := range public {
				citizen.visit(p.path, p.status)
				citizen.checkPage(vp, p.path)
			}
			citizen.visit("/dokumen?q=angaran", 200)
			citizen.expect("the search for a misspelt word", "Mungkin yang Anda maksud")
			citizen.checkPage(vp, "/dokumen?q=angaran (kata mirip)")
			citizen.visit(doc, 200)
			citizen.do("wait for the preview", waitVisible("iframe.preview"))
			citizen.checkPage(vp, doc)

			form := `form[action="/permohonan/baru"]`
			citizen.visit("/permohonan/baru", 200)
			citizen.submit(form, 422)
			citizen.expect("the empty request form", "Permohonan belum terkirim.")
			citizen.checkPage(vp, "POST /permohonan/baru (formulir kosong)")
			citizen.do("fill the request form",
				choose("requester.kind", "perorangan"),
				typeInto("#f-requester-name", "Siti Aminah"),
				typeInto("#f-requester-nik", nik),
				typeInto("#f-requester-address", "Jl. Cihampelas No. 12, Bandung"),
				typeInto("#f-requester-phone", "0812 2233 4455"),
				typeInto("#f-requester-occupation", "Guru"),
				typeInto("#f-information", "Salinan RKA Dinas Pendidikan tahun 2026"),
				typeInto("#f-purpose", "Bahan diskusi komite sekolah"),
				choose("obtain_method", "softcopy"),
				choose("delivery_method", "ambil_langsung"),
			)
			citizen.submit(form, 200)
			citizen.expect("the receipt", "Tanda bukti permohonan informasi")
			citizen.checkPage(vp, "/permohonan/tanda-bukti")

			track := `form[action="/lacak"]`
			citizen.visit("/lacak", 200)
			citizen.do("fill the tracking form wrongly", typeInto("#nomor", seed.number), typeInto("#kode", "XXXXX-XXXXX"))
			citizen.submit(track, 404)
			citizen.checkPage(vp, "POST /lacak (tidak ditemukan)")
			citizen.visit("/lacak", 200)
			citizen.do("fill the tracking form", typeInto("#nomor", seed.number), typeInto("#kode", seed.code))
			citizen.submit(track, 200)
			citizen.expect("the tracked refusal", "Ditolak (dikecualikan)", "Anda dapat mengajukan keberatan")
			citizen.checkPage(vp, "/lacak/status")
			citizen.submit(`form[action="/lacak/keberatan"]`, 422)
			citizen.checkPage(vp, "POST /lacak/keberatan (formulir kosong)")
			citizen.submit(`form[action="/lacak/klarifikasi"]`, 422)
			citizen.checkPage(vp, "POST /lacak/klarifikasi (formulir kosong)")

			login := `form[action="/kantor/masuk"]`
			citizen.visit("/kantor/masuk", 200)
			citizen.do("sign in wrongly", typeInto("#email", "bukan@uji.test"), typeInto("#password", "salah"))
			citizen.submit(login, 401)
			citizen.checkPage(vp, "POST /kantor/masuk (gagal)")

			for _, b := range []*tab{ppid, citizen} {
				if errs := b.consoleErrors(); len(errs) > 0 {
					t.Errorf("%s: the browser reported errors:\n%s", b.name, strings.Join(errs, "\n"))
				}
			}
		})
	}
	if logs := app.Logs.String(); strings.Contains(logs, "level=ERROR") {
		t.Errorf("the server logged errors:\n%s", logs)
	}
	t.Logf("accessibility checks done in %s", time.Since(started).Round(time.Millisecond))
}

// a11ySeed is what seedDemoOffice made that the pages are reached by.
type a11ySeed struct {
	number, code         string // of the request refused for the tracking page
	refusedID            int64
	draftID, publishedID int64 // a draft held back for personal data, a published document
}

// seedDemoOffice loads the demo office into the app's database, as `terbuka serve --demo` does:
// its accounts, requests taken through the workflow (one refused, so the DIK has a row) and the
// portal's documents; then one more request, refused, whose tracking code the test keeps. The
// data goes in through the server's own services.
func seedDemoOffice(t *testing.T, app *testApp) a11ySeed {
	t.Helper()
	ctx := context.Background()
	in, cw := app.services.Intake, app.services.Casework
	if _, err := demo.Seed(ctx, app.Store, in, cw, nil); err != nil {
		t.Fatal(err)
	}
	if err := demo.SeedPortal(ctx, app.Store, app.services.Publishing); err != nil {
		t.Fatal(err)
	}
	// The service pages filled as on `make run`: the survey, last year's report, a public request page.
	if err := demo.SeedService(ctx, demo.Services{Store: app.Store, Intake: in, Casework: cw,
		SKM: app.services.SKM, Performance: app.services.Performance}); err != nil {
		t.Fatal(err)
	}

	ppid, err := app.Store.UserByEmail(ctx, demo.Accounts[0].Email)
	if err != nil {
		t.Fatal(err)
	}
	receipt, errs, err := in.Submit(ctx, request.Submission{RequesterKind: "perorangan", Name: "Budi Santoso", NIK: nik,
		Address: "Jl. Dago No. 3, Bandung", Phone: "0812 1111 2222", Email: "budi@contoh.id", Occupation: "Wartawan",
		Information: "Data kesehatan pegawai yang mengajukan cuti sakit tahun 2026.", Purpose: "Liputan",
		ObtainMethod: "softcopy", DeliveryMethod: "email", PublishConsent: true}, intake.Origin{Channel: "web"})
	if err != nil {
		t.Fatalf("a request to refuse: %v %v", err, errs)
	}
	if _, err := cw.Decide(ctx, ppid, receipt.RequestID, workflow.Decision{
		Kind: request.StatusRefused, NoticeAt: app.Clock.Now(), ExemptionLetters: []string{"h"},
		LegalBasis:     "UU 14/2008 Pasal 17 huruf h: riwayat kesehatan pribadi.",
		Harm:           "Membuka riwayat kesehatan pegawai yang dapat dikenali.",
		PublicInterest: "Kepentingan publik terpenuhi dengan jumlah cuti sakit per unit.",
		DIKSubject:     "Riwayat kesehatan pegawai",
	}); err != nil {
		t.Fatalf("refusing %s: %v", receipt.RegistrationNumber, err)
	}
	// An open clarification, so the case page and the tracking page show the exchange and the answer form.
	if _, errs, err := cw.AskClarification(ctx, ppid, receipt.RequestID, "Unit kerja mana yang Anda maksud?"); err != nil {
		t.Fatalf("a clarification: %v %v", err, errs)
	}
	seed := a11ySeed{number: receipt.RegistrationNumber, code: receipt.TrackingCode, refusedID: receipt.RequestID}

	db := app.Store.DB()
	if err := db.Get(&seed.draftID, `SELECT id FROM publications WHERE status = 'draft' ORDER BY id LIMIT 1`); err != nil {
		t.Fatalf("the demo's draft: %v", err)
	}
	if err := db.Get(&seed.publishedID, `SELECT id FROM publications WHERE status = 'published' ORDER BY id LIMIT 1`); err != nil {
		t.Fatalf("a published demo document: %v", err)
	}
	return seed
}

// budgetPDF writes a one-page PDF for the PPID to upload and returns its path.
func budgetPDF(t *testing.T) string {
	t.Helper()
	p := fpdf.New("P", "mm", "A4", "")
	p.SetTitle("Laporan Keuangan Dinas Pendidikan Tahun 2025", true)
	p.AddPage()
	p.SetFont("Helvetica", "B", 14)
	p.MultiCell(0, 7, "Laporan Keuangan Dinas Pendidikan Tahun 2025", "", "L", false)
	p.SetFont("Helvetica", "", 11)
	p.MultiCell(0, 6, "Realisasi anggaran belanja pendidikan dasar mencapai 94,2 persen dari pagu.", "", "L", false)
	path := filepath.Join(t.TempDir(), "laporan-keuangan-disdik-2025.pdf")
	if err := p.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// emulate sizes the tab as the viewport, a phone with touch when it is one, and switches the
// pages' own scripts off.
func (b *tab) emulate(vp viewport) {
	b.t.Helper()
	opts := []chromedp.EmulateViewportOption{chromedp.EmulatePortrait}
	if vp.phone {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(3))
	}
	b.do("emulate "+vp.name, chromedp.EmulateViewport(vp.width, vp.height, opts...))
	b.scripts(false)
}

// scripts switches the page's scripts on or off. Off, a page loads and works as in a browser
// without JavaScript; axe's own promise needs them on to settle, so checkPage turns them on for it.
func (b *tab) scripts(on bool) {
	b.t.Helper()
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on}); err != nil {
		b.fatalf("switch scripts on=%t: %v", on, err)
	}
}

// visit navigates to path and wants the status given.
func (b *tab) visit(path string, wantStatus int64) {
	b.t.Helper()
	resp, err := chromedp.Run(b.ctx, chromedp.NavigateResponse(b.app.URL+path))
	if err != nil {
		b.fatalf("open %s: %v", path, err)
	}
	if resp.Status != wantStatus {
		b.fatalf("open %s: status %d, want %d", path, resp.Status, wantStatus)
	}
}

// attr is an attribute of the first element sel matches.
func (b *tab) attr(sel, name string) string {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector(%q).getAttribute(%q)`, sel, name)))
	if err != nil {
		b.fatalf("read %s of %s: %v", name, sel, err)
	}
	return v
}

// checkPage runs axe over the page on screen and, on a phone, looks for sideways scrolling; it
// reports every problem and lets the test go on to the next page.
func (b *tab) checkPage(vp viewport, label string) {
	b.t.Helper()
	violations, o := b.audit(vp, label)
	if len(violations) > 0 {
		b.t.Errorf("%s %s (%s): %d accessibility rule(s) broken:\n%s", b.name, label, vp.name, len(violations), axeReport(violations))
	}
	if o != nil && o.sideways(vp) {
		b.t.Errorf("%s %s (%s): the page scrolls sideways: scrollWidth %d, innerWidth %d, viewport %d px; sticking out:\n  %s",
			b.name, label, vp.name, o.ScrollWidth, o.InnerWidth, vp.width, strings.Join(o.Culprits, "\n  "))
	}
}

// selfCheck plants an image without a text alternative and a paragraph wider than a phone on
// the home page and wants both found: a check that finds nothing must be able to find something.
func (b *tab) selfCheck(vp viewport) {
	b.t.Helper()
	b.visit("/", 200)
	b.do("plant faults", chromedp.Evaluate[chromedp.Void](`(() => {
  const main = document.querySelector('main');
  const img = document.createElement('img');
  img.src = '/static/favicon.svg';
  const wide = document.createElement('p');
  wide.textContent = 'lebar';
  wide.style.width = '2000px';
  main.append(img, wide);
})()`))
	violations, o := b.audit(vp, "self-check")
	found := false
	for _, v := range violations {
		found = found || v.ID == "image-alt"
	}
	if !found {
		b.fatalf("axe missed an image without alt; it reported:\n%s", axeReport(violations))
	}
	if o != nil && !o.sideways(vp) {
		b.fatalf("the sideways check missed a 2000 px paragraph: %+v", *o)
	}
}

// audit runs axe over the page and, on a phone, measures its width (nil on a desktop).
func (b *tab) audit(vp viewport, label string) ([]axeViolation, *overflow) {
	b.t.Helper()
	b.scripts(true)
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	violations, err := chromedp.Run(ctx, func(ctx context.Context, t *chromedp.Target) ([]axeViolation, error) {
		if _, err := chromedp.Evaluate[chromedp.Void](axeSource)(ctx, t); err != nil {
			return nil, fmt.Errorf("injecting axe: %w", err)
		}
		return chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise)(ctx, t)
	})
	cancel()
	b.scripts(false)
	if err != nil {
		b.fatalf("%s: running axe: %v", label, err)
	}
	if !vp.phone {
		return violations, nil
	}
	o, err := chromedp.Run(b.ctx, chromedp.Evaluate[overflow](overflowing))
	if err != nil {
		b.fatalf("%s: measuring the page: %v", label, err)
	}
	return violations, &o
}

// axeReport lists each broken rule with the elements that break it.
func axeReport(vs []axeViolation) string {
	var out strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&out, "- %s [%s]: %s (%s)\n", v.ID, v.Impact, v.Help, v.HelpURL)
		for _, n := range v.Nodes {
			fmt.Fprintf(&out, "    at %s\n      %s\n", strings.Join(n.Target, " "), n.HTML)
			if n.Summary != "" {
				fmt.Fprintf(&out, "      %s\n", strings.ReplaceAll(strings.TrimSpace(n.Summary), "\n", "\n      "))
			}
		}
	}
	return out.String()
}
