package e2e

import (
	"bytes"
	"context"
	"io"
	"log"
	"log/slog"
	"mime/quotedprintable"
	"net"
	"net/http/httptest"
	netmail "net/mail"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/emersion/go-smtp"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/app"
	"github.com/terbuka-id/terbuka/internal/config"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/testdb"
	"github.com/terbuka-id/terbuka/internal/testsupport"
)

// inbox is a real SMTP server on 127.0.0.1 that keeps each message's decoded body by recipient.
type inbox struct {
	port   int
	mu     sync.Mutex
	bodies map[string][]string
}

func startInbox(t *testing.T) *inbox {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	in := &inbox{port: ln.Addr().(*net.TCPAddr).Port, bodies: map[string][]string{}}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &inboxSession{in: in}, nil }))
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.ErrorLog = log.New(io.Discard, "", 0)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return in
}

func (in *inbox) received(to string) []string {
	in.mu.Lock()
	defer in.mu.Unlock()
	return append([]string(nil), in.bodies[to]...)
}

type inboxSession struct {
	in *inbox
	to []string
}

func (s *inboxSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *inboxSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}
func (s *inboxSession) Data(r io.Reader) error {
	m, err := netmail.ReadMessage(r)
	if err != nil {
		return err
	}
	var body io.Reader = m.Body
	if strings.EqualFold(m.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
		body = quotedprintable.NewReader(m.Body)
	}
	text, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	s.in.mu.Lock()
	defer s.in.mu.Unlock()
	for _, to := range s.to {
		s.in.bodies[to] = append(s.in.bodies[to], string(text))
	}
	return nil
}
func (s *inboxSession) Reset()        { s.to = nil }
func (s *inboxSession) Logout() error { return nil }

// newMailingApp is newApp with SMTP pointed at in; send runs the outbox job as the scheduler would.
func newMailingApp(t *testing.T, in *inbox) (ta *testApp, send func()) {
	t.Helper()
	s := testdb.Store(t)
	cfg := config.Default()
	cfg.Office.Name, cfg.Office.Address, cfg.Office.City = "PPID Uji", "Jl. Uji 1", "Bandung"
	cfg.SMTP.Host, cfg.SMTP.Port, cfg.SMTP.TLS, cfg.SMTP.From = "127.0.0.1", in.port, "none", "PPID Uji <ppid@uji.test>"
	box, err := secret.NewBox(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	blobs, err := files.NewDisk(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	// Mail is due by the database's clock: the app's stands just after it.
	clock := testsupport.NewClock(time.Now().Add(time.Minute))
	logs := &testsupport.LogBuffer{}
	a, err := app.New(context.Background(), &cfg, s, app.Options{Box: box, Now: clock.Now, Blobs: blobs,
		Log: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(a.Web.Handler())
	t.Cleanup(func() { ts.Close(); a.Close() })
	ta = &testApp{URL: ts.URL, Store: s, Calendar: a.Calendar, Logs: logs, Clock: clock, services: a}
	return ta, func() {
		t.Helper()
		if real := time.Now().Add(time.Minute); clock.Now().Before(real) {
			clock.Set(real)
		}
		if _, err := a.Jobs.RunAt(context.Background(), app.JobOutbox, clock.Now()); err != nil {
			t.Fatalf("outbox job: %v", err)
		}
	}
}

var (
	pdfPage       = regexp.MustCompile(`/Type\s*/Page[^s]`)
	freshCode     = regexp.MustCompile(`(\d{4}/PPID/[IVXLC]+/\d{4})\s+([0-9A-Z]{5}-[0-9A-Z]{5})`)
	signInLinkURL = regexp.MustCompile(`/akun/masuk/tautan\?t=[0-9A-Z]+`)
)

// TestCitizenOnAPhone: a requester on a phone submits a request with an e-mail address, prints
// the receipt on one A4 page, submits a second one, loses the code and gets fresh ones by e-mail
// (the old code stops working), signs in by the link mailed to them, sees both requests and
// opens one, then opens the public page of the one they agreed to publish from the register —
// through the real pages in headless Chromium and a real SMTP server.
func TestCitizenOnAPhone(t *testing.T) {
	browserPath := findBrowser(t)
	stopBy := time.Now().Add(90 * time.Second)
	in := startInbox(t)
	ta, send := newMailingApp(t, in)
	const email = "siti@contoh.id"

	browser, browserOut := startBrowser(t, browserPath, stopBy)
	citizen := newTab(t, browser, ta, "warga-ponsel", stopBy, browserOut)
	phone := viewport{"ponsel", 390, 844, true}
	citizen.emulate(phone)
	citizen.scripts(true) // the receipt's print button needs its script; every page works without

	submit := func(information string, consent bool) (number, code string) {
		form := `form[action="/permohonan/baru"]`
		citizen.open("/permohonan/baru")
		citizen.do("fill the request form",
			waitVisible(form),
			choose("requester.kind", "perorangan"),
			typeInto("#f-requester-name", "Siti Aminah"),
			typeInto("#f-requester-nik", nik),
			typeInto("#f-requester-address", "Jl. Cihampelas No. 12, Bandung"),
			typeInto("#f-requester-phone", "0812 2233 4455"),
			typeInto("#f-requester-email", email),
			typeInto("#f-requester-occupation", "Guru"),
			typeInto("#f-information", information),
			typeInto("#f-purpose", "Bahan diskusi komite sekolah"),
			choose("obtain_method", "softcopy"),
			choose("delivery_method", "email"),
		)
		if consent {
			citizen.do("agree to publish the request", choose("publish_consent", "ya"))
		}
		citizen.submit(form, 200)
		return citizen.text("dl.facts dd.big:not(.code)"), citizen.text("dl.facts dd.big.code")
	}

	// The page counter must be able to count more than one: the long request form prints on several.
	citizen.open("/permohonan/baru")
	if pdf, err := chromedp.Run(citizen.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4))); err != nil {
		citizen.fatalf("print the request form: %v", err)
	} else if pages := len(pdfPage.FindAll(pdf, -1)); pages < 2 {
		citizen.fatalf("the request form printed on %d page(s); the page count cannot be trusted", pages)
	}

	// 1. The first request, and its receipt printed on one A4 page.
	first, oldCode := submit("Salinan RKA Dinas Pendidikan tahun 2026", false)
	citizen.expect("receipt", "Tanda bukti permohonan informasi", "Ctrl+P")
	citizen.do("the print button shows where script runs", waitVisible("button[data-print]"))
	citizen.checkPage(phone, "/permohonan/tanda-bukti")
	pdf, err := chromedp.Run(citizen.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		citizen.fatalf("print the receipt: %v", err)
	}
	if pages := len(pdfPage.FindAll(pdf, -1)); pages != 1 {
		citizen.errorf("the printed receipt has %d pages, want 1", pages)
	} else {
		t.Logf("the receipt printed on %d A4 page (%d bytes of PDF)", pages, len(pdf))
	}

	// 2. A second request with the same address, which the requester agrees to publish.
	second, _ := submit("Daftar sekolah penerima dana BOS 2026", true)
	send()
	if got := len(in.received(email)); got != 2 {
		t.Fatalf("receipts mailed: %d, want 2", got)
	}

	// 3. The code is lost: fresh codes by e-mail; the old one stops working.
	citizen.open("/lacak/lupa")
	citizen.do("ask for fresh codes", typeInto("#f-email", email))
	citizen.submit(`form[action="/lacak/lupa"]`, 200)
	citizen.expect("asked for fresh codes", "Periksa kotak masuk")
	citizen.checkPage(phone, "POST /lacak/lupa")
	send()
	mails := in.received(email)
	codes := map[string]string{}
	for _, m := range freshCode.FindAllStringSubmatch(mails[len(mails)-1], -1) {
		codes[m[1]] = m[2]
	}
	if codes[first] == "" || codes[second] == "" {
		t.Fatalf("the recovery mail lacks fresh codes for %s and %s:\n%s", first, second, mails[len(mails)-1])
	}
	track := `form[action="/lacak"]`
	citizen.open("/lacak")
	citizen.do("track with the old code", typeInto("#nomor", first), typeInto("#kode", oldCode))
	citizen.submit(track, 404)
	citizen.open("/lacak")
	citizen.do("track with the fresh code", typeInto("#nomor", first), typeInto("#kode", codes[first]))
	citizen.submit(track, 200)
	citizen.expect("the status page", first, "Tahap permohonan", "hari kerja lagi")
	if now := citizen.text(`ol.progress li[aria-current="step"]`); now != "Diterima" {
		citizen.errorf("the stage marked is %q, want Diterima", now)
	}
	citizen.checkPage(phone, "/lacak/status")

	// 4. Signing in by the link mailed to the address: both requests, one opened.
	citizen.open("/akun/masuk")
	citizen.do("ask for a sign-in link", typeInto("#f-email", email))
	citizen.submit(`form[action="/akun/masuk"]`, 200)
	citizen.expect("asked for a link", "Periksa kotak masuk")
	send()
	mails = in.received(email)
	link := signInLinkURL.FindString(mails[len(mails)-1])
	if link == "" {
		t.Fatalf("no sign-in link in the mail:\n%s", mails[len(mails)-1])
	}
	citizen.open(link)
	citizen.submit(`form[action="/akun/masuk/tautan"]`, 200)
	citizen.expectIn("h1", "Permohonan saya")
	citizen.expect("my requests", first, second, "s***@contoh.id", "hari kerja lagi")
	if strings.Contains(citizen.body(), nik) {
		citizen.errorf("/akun shows the NIK")
	}
	citizen.checkPage(phone, "/akun")
	opened := citizen.follow(chromedp.Search(`//a[normalize-space(.)="Permohonan ` + second + `"]`))
	if opened != "/lacak/status" {
		citizen.errorf("opening %s led to %s", second, opened)
	}
	citizen.expect("the second request's status page", second, "Daftar sekolah penerima dana BOS 2026")

	// 5. The public page of the request published with consent, opened from the register: the
	// request's text, never the requester's name or contact (UU 14/2008 Pasal 17 huruf h; UU 27/2022).
	showPublicPage(t, ta, second)
	citizen.open("/register")
	opened = citizen.follow(chromedp.Search(`//tr[td[normalize-space(.)="` + second + `"]]//a[normalize-space(.)="Halaman publik"]`))
	if !strings.HasPrefix(opened, "/permohonan/") {
		citizen.errorf("the register's link of %s led to %s", second, opened)
	}
	citizen.expect("the public page", "Daftar sekolah penerima dana BOS 2026")
	page := citizen.body()
	for _, personal := range []string{"Siti Aminah", email, "s***@contoh.id", nik, "0812 2233 4455", "Cihampelas"} {
		if strings.Contains(page, personal) {
			citizen.errorf("the public page shows %q", personal)
		}
	}
	citizen.checkPage(phone, "/permohonan/{key}")

	if errs := citizen.consoleErrors(); len(errs) > 0 {
		t.Errorf("the browser reported errors:\n%s", strings.Join(errs, "\n"))
	}
	if logs := ta.Logs.String(); strings.Contains(logs, "level=ERROR") {
		t.Errorf("the server logged errors:\n%s", logs)
	}
}

// showPublicPage makes the public page of the request numbered number visible, as the PPID does
// after reviewing the personal-data check's findings, when the check held it back.
func showPublicPage(t *testing.T, ta *testApp, number string) {
	t.Helper()
	ctx := context.Background()
	var id int64
	if err := ta.Store.DB().GetContext(ctx, &id, `SELECT id FROM requests WHERE registration_number = $1`, number); err != nil {
		t.Fatal(err)
	}
	st, err := ta.Store.PublicPageState(ctx, access.Everything, id)
	if err != nil {
		t.Fatal(err)
	}
	if !st.Consent {
		t.Fatalf("%s was registered without the consent the form gave", number)
	}
	if st.Public {
		t.Logf("the personal-data check found nothing in %s: its page is public without review", number)
		return
	}
	t.Logf("the personal-data check held %s back (%s): the PPID shows it", number, st.Findings)
	addOfficer(t, ta.Store, "ppid.publik@uji.test", "PPID Uji", "ppid", "kata-sandi-ppid-uji")
	ppid, err := ta.Store.UserByEmail(ctx, "ppid.publik@uji.test")
	if err != nil {
		t.Fatal(err)
	}
	if err := ta.services.Casework.SetPublicPage(ctx, ppid, id, true); err != nil {
		t.Fatalf("showing the public page of %s: %v", number, err)
	}
}
