package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/app"
	"github.com/terbuka-id/terbuka/internal/config"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

// submitWithEmail registers a request through the API with the given address; number and code.
func submitWithEmail(t *testing.T, a *testApp, email, information string) (number, code string) {
	t.Helper()
	body := validJSON()
	body["requester"].(map[string]any)["email"] = email
	body["information"] = information
	resp, out := postJSON(t, a.URL+"/api/v1/requests", body)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("submit: %d %v", resp.StatusCode, out)
	}
	return out["registration_number"].(string), out["tracking_code"].(string)
}

// answer is everything a client can tell one answer from another by: status, the headers that
// vary by content and the body's bytes.
type answer struct {
	Status              int
	Body                string
	SetCookie, RetryAft string
}

func postFormAnswer(t *testing.T, c *http.Client, u string, form url.Values) answer {
	t.Helper()
	resp, err := c.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	return answer{Status: resp.StatusCode, Body: readBody(t, resp), SetCookie: resp.Header.Get("Set-Cookie"), RetryAft: resp.Header.Get("Retry-After")}
}

func postJSONAnswer(t *testing.T, u string, body any) answer {
	t.Helper()
	b, _ := json.Marshal(body)
	resp, err := http.Post(u, "application/json", strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	return answer{Status: resp.StatusCode, Body: readBody(t, resp), SetCookie: resp.Header.Get("Set-Cookie"), RetryAft: resp.Header.Get("Retry-After")}
}

var signInLinkPattern = regexp.MustCompile(`/akun/masuk/tautan\?t=([0-9A-Z]+)`)

// signInLink asks for a sign-in link for email, runs the outbox and returns the link's token
// from the mail the test SMTP server received.
func signInLink(t *testing.T, ma *mailApp, mb *mailbox, email string) string {
	t.Helper()
	ma.run(t) // earlier mail (receipts) out of the way
	inbox := strings.ToLower(email)
	before := len(mb.received(inbox))
	if a := postFormAnswer(t, newClient(t), ma.URL+"/akun/masuk", url.Values{"email": {email}}); a.Status != http.StatusOK {
		t.Fatalf("ask for a link: %d", a.Status)
	}
	ma.run(t)
	mails := mb.received(inbox)
	if len(mails) != before+1 {
		t.Fatalf("%s got %d mails, want %d", email, len(mails), before+1)
	}
	m := signInLinkPattern.FindStringSubmatch(mails[len(mails)-1])
	if m == nil {
		t.Fatalf("no sign-in link in %q", mails[len(mails)-1])
	}
	return m[1]
}

func requesterSessionID(c *http.Client, u string) string {
	parsed, _ := url.Parse(u)
	for _, ck := range c.Jar.Cookies(parsed) {
		if ck.Name == "terbuka_session" {
			return ck.Value
		}
	}
	return ""
}

func getPage(t *testing.T, c *http.Client, u string) (int, string, string) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Location"), readBody(t, resp)
}

// A requester signs in by the link mailed to the address they gave and sees every request made
// with it (any letter case), opens each without its code, and nobody else's; the link works once.
func TestSignInLinkOpensOwnRequestsOnce(t *testing.T) {
	t.Parallel()
	mb := startMailbox(t)
	ma := newMailApp(t, time.Now().Add(time.Minute), mb)
	first, _ := submitWithEmail(t, ma.testApp, "siti@contoh.id", "Salinan RKA Dinas Pendidikan tahun 2026")
	second, _ := submitWithEmail(t, ma.testApp, "Siti@Contoh.id", "Daftar sekolah penerima BOS 2026")
	other, _ := submitWithEmail(t, ma.testApp, "budi@contoh.id", "Laporan keuangan desa 2025")

	token := signInLink(t, ma, mb, "SITI@contoh.id")
	c := newClient(t)
	// Opening the link shows a button: a mail scanner's GET does not spend it.
	if status, _, page := getPage(t, c, ma.URL+"/akun/masuk/tautan?t="+token); status != http.StatusOK || !strings.Contains(page, `name="t" value="`+token+`"`) {
		t.Fatalf("link page: %d %s", status, page)
	}
	if status, loc, _ := getPage(t, c, ma.URL+"/akun"); status != http.StatusSeeOther || loc != "/akun/masuk" {
		t.Fatalf("/akun before signing in: %d %s", status, loc)
	}
	before := requesterSessionID(c, ma.URL)
	a := postFormAnswer(t, c, ma.URL+"/akun/masuk/tautan", url.Values{"t": {token}})
	if a.Status != http.StatusSeeOther {
		t.Fatalf("using the link: %d %s", a.Status, a.Body)
	}
	if after := requesterSessionID(c, ma.URL); after == "" || after == before {
		t.Errorf("session token not rotated at sign-in: %q → %q", before, after)
	}
	status, _, page := getPage(t, c, ma.URL+"/akun")
	if status != http.StatusOK || !strings.Contains(page, first) || !strings.Contains(page, second) || strings.Contains(page, other) {
		t.Fatalf("/akun: %d, want %s and %s, not %s:\n%s", status, first, second, other, page)
	}
	for _, personal := range []string{validNIK, "0812 2233 4455", "Cihampelas", "siti@contoh.id"} {
		if strings.Contains(page, personal) {
			t.Errorf("/akun shows %q", personal)
		}
	}
	if !strings.Contains(page, "s***@contoh.id") || !strings.Contains(page, `aria-current="step"`) || !strings.Contains(page, "hari kerja lagi") {
		t.Errorf("/akun lacks the masked address, the status line or the days left:\n%s", page)
	}

	// Open one without its code: the tracking status page.
	status, loc, _ := getPage(t, c, ma.URL+"/akun/permohonan/"+second)
	if status != http.StatusSeeOther || loc != "/lacak/status" {
		t.Fatalf("open %s: %d %s", second, status, loc)
	}
	if status, _, page := getPage(t, c, ma.URL+loc); status != http.StatusOK || !strings.Contains(page, second) || !strings.Contains(page, "Daftar sekolah penerima BOS") {
		t.Fatalf("status page of %s: %d", second, status)
	}
	// Another address's request is not there for this requester.
	if status, _, _ := getPage(t, c, ma.URL+"/akun/permohonan/"+other); status != http.StatusNotFound {
		t.Errorf("open another address's request: %d, want 404", status)
	}

	// Single use: the same link again is refused, in another browser too.
	if a := postFormAnswer(t, newClient(t), ma.URL+"/akun/masuk/tautan", url.Values{"t": {token}}); a.Status != http.StatusGone ||
		!strings.Contains(a.Body, "tidak berlaku") {
		t.Errorf("second use of the link: %d", a.Status)
	}

	// Signing out ends it.
	if a := postFormAnswer(t, c, ma.URL+"/akun/keluar", nil); a.Status != http.StatusSeeOther {
		t.Fatalf("sign out: %d", a.Status)
	}
	if status, loc, _ := getPage(t, c, ma.URL+"/akun"); status != http.StatusSeeOther || loc != "/akun/masuk" {
		t.Errorf("/akun after signing out: %d %s", status, loc)
	}
	if status, loc, _ := getPage(t, c, ma.URL+"/akun/permohonan/"+first); status != http.StatusSeeOther || loc != "/akun/masuk" {
		t.Errorf("open after signing out: %d %s", status, loc)
	}
}

// A link works for 30 minutes by the application's clock, not a minute longer.
func TestSignInLinkExpiresAfterThirtyMinutes(t *testing.T) {
	t.Parallel()
	mb := startMailbox(t)
	ma := newMailApp(t, time.Now().Add(time.Minute), mb)
	submitWithEmail(t, ma.testApp, "siti@contoh.id", "Salinan RKA 2026")

	late := signInLink(t, ma, mb, "siti@contoh.id")
	ma.Clock.Set(ma.Clock.Now().Add(30*time.Minute + time.Second))
	if a := postFormAnswer(t, newClient(t), ma.URL+"/akun/masuk/tautan", url.Values{"t": {late}}); a.Status != http.StatusGone {
		t.Errorf("link used after 30 minutes: %d, want 410", a.Status)
	}

	inTime := signInLink(t, ma, mb, "siti@contoh.id")
	ma.Clock.Set(ma.Clock.Now().Add(29 * time.Minute))
	if a := postFormAnswer(t, newClient(t), ma.URL+"/akun/masuk/tautan", url.Values{"t": {inTime}}); a.Status != http.StatusSeeOther {
		t.Errorf("link used after 29 minutes: %d, want 303", a.Status)
	}
	// Neither the token nor its link stays in the outbox once the mail left.
	var n int
	if err := ma.Store.DB().Get(&n, `SELECT count(*) FROM outbox WHERE secrets IS NOT NULL OR data::text LIKE '%tautan%'`); err != nil || n != 0 {
		t.Errorf("outbox rows still holding a link: %d (%v)", n, err)
	}
	if dump := ma.dump(t); strings.Contains(dump, inTime) || strings.Contains(dump, late) {
		t.Error("a sign-in token is in the database dump")
	}
}

// Known and unknown addresses get byte-identical answers on every asking route; only the known
// one gets mail, after the outbox job ran.
func TestRequesterMailAnswersAlikeForKnownAndUnknown(t *testing.T) {
	t.Parallel()
	mb := startMailbox(t)
	ma := newMailApp(t, time.Now().Add(time.Minute), mb)
	submitWithEmail(t, ma.testApp, "siti@contoh.id", "Salinan RKA 2026")

	for _, path := range []string{"/akun/masuk", "/lacak/lupa"} {
		known := postFormAnswer(t, newClient(t), ma.URL+path, url.Values{"email": {"siti@contoh.id"}})
		unknown := postFormAnswer(t, newClient(t), ma.URL+path, url.Values{"email": {"tidak.ada@contoh.id"}})
		if known != unknown {
			t.Errorf("%s answers differ:\nknown   %+v\nunknown %+v", path, known, unknown)
		}
		if known.Status != http.StatusOK || !strings.Contains(known.Body, "Periksa kotak masuk") {
			t.Errorf("%s: %d", path, known.Status)
		}
	}
	known := postJSONAnswer(t, ma.URL+"/api/v1/requests/recover", map[string]string{"email": "siti@contoh.id"})
	unknown := postJSONAnswer(t, ma.URL+"/api/v1/requests/recover", map[string]string{"email": "tidak.ada@contoh.id"})
	if known != unknown || known.Status != http.StatusAccepted {
		t.Errorf("API answers differ or are not 202:\nknown   %+v\nunknown %+v", known, unknown)
	}
	// A malformed address is a field error, which tells nothing about anyone's address.
	bad := postJSONAnswer(t, ma.URL+"/api/v1/requests/recover", map[string]string{"email": "bukan-email"})
	if bad.Status != http.StatusUnprocessableEntity || !strings.Contains(bad.Body, `"fields":{"email"`) {
		t.Errorf("malformed address: %+v", bad)
	}
	// The asking answer did no work: no mail, no token, nothing rotated until the job runs.
	var queued int
	if err := ma.Store.DB().Get(&queued, `SELECT count(*) FROM outbox WHERE template IN ('requester_signin', 'tracking_codes_renewed')`); err != nil || queued != 0 {
		t.Errorf("mail queued by the asking request itself: %d (%v)", queued, err)
	}
	ma.run(t)
	if got := len(mb.received("siti@contoh.id")); got != 4 { // receipt, link, codes by page, codes by API
		t.Errorf("known address got %d mails, want 4", got)
	}
	if got := mb.received("tidak.ada@contoh.id"); len(got) != 0 {
		t.Errorf("unknown address got mail: %q", got)
	}
}

var renewedCodePattern = regexp.MustCompile(`(\d{4}/PPID/[IVXLC]+/\d{4})\s+([0-9A-Z]{5}-[0-9A-Z]{5})`)

// A lost code: every request of the address gets a fresh code by mail; the old codes stop working.
func TestRecoverRotatesTrackingCodes(t *testing.T) {
	t.Parallel()
	mb := startMailbox(t)
	ma := newMailApp(t, time.Now().Add(time.Minute), mb)
	n1, old1 := submitWithEmail(t, ma.testApp, "siti@contoh.id", "Salinan RKA 2026")
	n2, old2 := submitWithEmail(t, ma.testApp, "siti@contoh.id", "Daftar sekolah 2026")
	n3, old3 := submitWithEmail(t, ma.testApp, "budi@contoh.id", "Laporan desa 2025")
	track := func(number, code string) int {
		resp, err := http.Get(ma.URL + "/api/v1/requests/" + number + "?code=" + code)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}

	if a := postJSONAnswer(t, ma.URL+"/api/v1/requests/recover", map[string]string{"email": "siti@contoh.id"}); a.Status != http.StatusAccepted {
		t.Fatalf("recover: %+v", a)
	}
	ma.run(t)
	mails := mb.received("siti@contoh.id")
	found := renewedCodePattern.FindAllStringSubmatch(mails[len(mails)-1], -1)
	fresh := map[string]string{}
	for _, m := range found {
		fresh[m[1]] = m[2]
	}
	if len(fresh) != 2 || fresh[n1] == "" || fresh[n2] == "" {
		t.Fatalf("recovery mail lists %v, want %s and %s:\n%s", fresh, n1, n2, mails[len(mails)-1])
	}
	for number, old := range map[string]string{n1: old1, n2: old2} {
		if got := track(number, old); got != http.StatusNotFound {
			t.Errorf("%s with its old code: %d, want 404", number, got)
		}
		if got := track(number, fresh[number]); got != http.StatusOK {
			t.Errorf("%s with its fresh code: %d, want 200", number, got)
		}
	}
	if got := track(n3, old3); got != http.StatusOK {
		t.Errorf("another address's request lost its code: %d", got)
	}
	if dump := ma.dump(t); strings.Contains(dump, fresh[n1]) || strings.Contains(dump, fresh[n2]) {
		t.Error("a fresh tracking code is in the database dump")
	}
}

// Asks are limited per client (429 with Retry-After) and per address (the same answer, no more mail).
func TestRequesterMailIsThrottled(t *testing.T) {
	t.Parallel()
	ta, a := startApp(t, testdb.Store(t), time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta), func(cfg *config.Config) {
		cfg.Security.AccountMailsPerAddressPerHour = 1
		cfg.Security.AccountMailsPerClientPerHour = 3
	})
	submitWithEmail(t, ta, "siti@contoh.id", "Salinan RKA 2026")

	first := postFormAnswer(t, newClient(t), ta.URL+"/lacak/lupa", url.Values{"email": {"siti@contoh.id"}})
	second := postFormAnswer(t, newClient(t), ta.URL+"/lacak/lupa", url.Values{"email": {"siti@contoh.id"}})
	if first != second || first.Status != http.StatusOK {
		t.Errorf("an address over its share must read as before:\n%+v\n%+v", first, second)
	}
	postFormAnswer(t, newClient(t), ta.URL+"/akun/masuk", url.Values{"email": {"lain@contoh.id"}})
	limited := postFormAnswer(t, newClient(t), ta.URL+"/akun/masuk", url.Values{"email": {"lagi@contoh.id"}})
	if limited.Status != http.StatusTooManyRequests || limited.RetryAft == "" || !strings.Contains(limited.Body, "Terlalu banyak permintaan") {
		t.Errorf("fourth ask from one client: %d Retry-After %q", limited.Status, limited.RetryAft)
	}
	api := postJSONAnswer(t, ta.URL+"/api/v1/requests/recover", map[string]string{"email": "siti@contoh.id"})
	if api.Status != http.StatusTooManyRequests || api.RetryAft == "" {
		t.Errorf("API ask over the client's share: %+v", api)
	}
	if _, err := a.Jobs.RunAt(context.Background(), app.JobOutbox, ta.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	var mails int
	if err := ta.Store.DB().Get(&mails, `SELECT count(*) FROM outbox WHERE template = 'tracking_codes_renewed'`); err != nil || mails != 1 {
		t.Errorf("recovery mails queued: %d, want 1 (%v)", mails, err)
	}
}

// The status page and the tracking API say where the request stands and how many working days
// the office has left, then how many it is late.
func TestTrackingShowsStagesAndWorkingDaysLeft(t *testing.T) {
	t.Parallel()
	// Monday 2 November 2026, 09:00 WIB: the written notice is due Monday 16 November.
	ta := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	number, code := submitWithEmail(t, ta, "siti@contoh.id", "Salinan RKA 2026")
	trackAPI := func() map[string]any {
		resp, err := http.Get(ta.URL + "/api/v1/requests/" + number + "?code=" + code)
		if err != nil {
			t.Fatal(err)
		}
		var out map[string]any
		if err := json.Unmarshal([]byte(readBody(t, resp)), &out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	out := trackAPI()
	if out["current_clock"] != "response" || out["working_days_left"] != float64(10) {
		t.Errorf("on the day of receipt: current_clock %v, working_days_left %v", out["current_clock"], out["working_days_left"])
	}
	page := trackAs(t, ta, newClient(t), number, code)
	if !regexp.MustCompile(`<li class="now" aria-current="step">Diterima</li>`).MatchString(page) ||
		!strings.Contains(page, `<ol class="progress"`) || !strings.Contains(page, "10 hari kerja lagi") {
		t.Errorf("status page lacks the stages with Diterima current, or 10 working days left:\n%s", page)
	}

	// Wednesday 18 November: two working days past the due day.
	ta.Clock.Set(time.Date(2026, 11, 18, 10, 0, 0, 0, jakarta))
	if out := trackAPI(); out["current_clock"] != "response" || out["working_days_left"] != float64(-2) {
		t.Errorf("two working days late: current_clock %v, working_days_left %v", out["current_clock"], out["working_days_left"])
	}
	if page := trackAs(t, ta, newClient(t), number, code); !strings.Contains(page, "lewat 2 hari kerja") {
		t.Errorf("status page does not say it is 2 working days late")
	}
}

// The receipt tells a requester without an e-mail address how to keep the code, offers printing
// without inline script, and prints on one A4 page by its stylesheet.
func TestReceiptTellsHowToKeepTheCodeAndPrints(t *testing.T) {
	t.Parallel()
	ta := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	receipt := func(email string) string {
		c := newClient(t)
		form := validForm()
		form.Set("requester.email", email)
		if a := postFormAnswer(t, c, ta.URL+"/permohonan/baru", form); a.Status != http.StatusSeeOther {
			t.Fatalf("submit: %d", a.Status)
		}
		_, _, page := getPage(t, c, ta.URL+"/permohonan/tanda-bukti")
		return page
	}
	noEmail := receipt("")
	for _, want := range []string{"tidak dapat dipulihkan", "cetak halaman ini", "foto", "tulis nomor registrasi", "Ctrl+P",
		`<script src="/static/print.`, `.js" defer></script>`, `data-print hidden`} {
		if !strings.Contains(noEmail, want) {
			t.Errorf("receipt without e-mail lacks %q", want)
		}
	}
	if strings.Contains(noEmail, "onclick") || strings.Contains(noEmail, "<script>") {
		t.Error("the receipt carries inline script, which the CSP refuses")
	}
	withEmail := receipt("budi@contoh.id")
	if strings.Contains(withEmail, "tidak dapat dipulihkan") || !strings.Contains(withEmail, `href="/lacak/lupa"`) {
		t.Error("receipt with an e-mail should point to recovery, not warn it is impossible")
	}
	_, _, css := getPage(t, newClient(t), ta.URL+"/static/style.css")
	for _, want := range []string{"@page { size: A4", "@media print", "header.site, footer.site"} {
		if !strings.Contains(css, want) {
			t.Errorf("style.css lacks %q", want)
		}
	}
	_, _, js := getPage(t, newClient(t), ta.URL+"/static/print.js")
	if !strings.Contains(js, "window.print()") {
		t.Errorf("print.js: %q", js)
	}
}

// Single use holds when the link is used from several browsers at the same moment.
func TestSignInLinkUsedAtOnceSignsInOnce(t *testing.T) {
	t.Parallel()
	mb := startMailbox(t)
	ma := newMailApp(t, time.Now().Add(time.Minute), mb)
	submitWithEmail(t, ma.testApp, "siti@contoh.id", "Salinan RKA 2026")
	token := signInLink(t, ma, mb, "siti@contoh.id")

	const tries = 6
	statuses := make(chan int, tries)
	for range tries {
		go func() {
			resp, err := newClient(t).PostForm(ma.URL+"/akun/masuk/tautan", url.Values{"t": {token}})
			if err != nil {
				statuses <- 0
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			statuses <- resp.StatusCode
		}()
	}
	signedIn := 0
	for range tries {
		switch s := <-statuses; s {
		case http.StatusSeeOther:
			signedIn++
		case http.StatusGone:
		default:
			t.Errorf("status %d", s)
		}
	}
	if signedIn != 1 {
		t.Errorf("%d browsers signed in with one link, want 1", signedIn)
	}
}
