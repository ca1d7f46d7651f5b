package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/app"
	"github.com/terbuka-id/terbuka/internal/config"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/jobs"
	"github.com/terbuka-id/terbuka/internal/password"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
	"github.com/terbuka-id/terbuka/internal/testsupport"
)

func TestMain(m *testing.M) { testdb.Main(m) }

var jakarta, _ = time.LoadLocation("Asia/Jakarta")

type testApp struct {
	URL   string
	Store *store.Store
	Logs  *testsupport.LogBuffer
	Clock *testsupport.Clock
}

// newApp serves the real handler over real HTTP on a fresh database, wired by app.New as
// `terbuka serve` wires it; the clock stands at now.
func newApp(t *testing.T, now time.Time) *testApp { return newAppWith(t, now, nil) }

// newAppWith is newApp with the configuration changed by edit before the app is wired, so a
// test can use small limits, trust a proxy or point SMTP at its own server.
func newAppWith(t *testing.T, now time.Time, edit func(*config.Config)) *testApp {
	ta, _ := startApp(t, testdb.Store(t), now, edit)
	return ta
}

// startApp wires the application over s with the test office, a fixed data key, blobs in a
// temporary folder and a clock at now, and serves it; edit, when set, changes the configuration first.
func startApp(t *testing.T, s *store.Store, now time.Time, edit func(*config.Config)) (*testApp, *app.App) {
	t.Helper()
	return startAppReading(t, s, nil, now, edit)
}

// startAppReading is startApp with the public portal reading through portal (a replica's pool).
func startAppReading(t *testing.T, s, portal *store.Store, now time.Time, edit func(*config.Config)) (*testApp, *app.App) {
	t.Helper()
	cfg := config.Default()
	cfg.Office.Name, cfg.Office.Address, cfg.Office.City = "PPID Uji", "Jl. Uji 1", "Bandung"
	cfg.Jobs.Instance = "uji-web"
	if edit != nil {
		edit(&cfg)
		if err := cfg.Validate(); err != nil {
			t.Fatal(err)
		}
	}
	box, err := secret.NewBox(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	var blobs files.Blobs // nil: app.New opens what files.backend names (a test's S3 server)
	if cfg.Files.Backend != "s3" {
		if blobs, err = files.NewDisk(t.TempDir()); err != nil {
			t.Fatal(err)
		}
	}
	tc := testsupport.NewClock(now)
	logs := &testsupport.LogBuffer{}
	a, err := app.New(context.Background(), &cfg, s, app.Options{Box: box, Now: tc.Now, Blobs: blobs, MaxUpload: 64 << 10, Portal: portal,
		Log: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if err != nil {
		t.Fatal(err)
	}
	// A job that only counts, so the admin page can start one without touching the data.
	a.Jobs.Register("hitung", jobs.Func(func(context.Context, time.Time) (jobs.Result, error) { return jobs.Result{Handled: 1}, nil }))
	ts := httptest.NewServer(a.Web.Handler())
	t.Cleanup(func() { ts.Close(); a.Close() })
	return &testApp{URL: ts.URL, Store: s, Logs: logs, Clock: tc}, a
}

// client follows no redirects, so tests see each 303, and keeps cookies.
func newClient(t *testing.T) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func readBody(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const validNIK = "3273014507900003"

func validJSON() map[string]any {
	return map[string]any{
		"requester": map[string]any{"kind": "perorangan", "name": "Siti Aminah", "nik": validNIK,
			"address": "Jl. Cihampelas No. 12, Bandung", "phone": "0812 2233 4455", "email": "siti@contoh.id", "occupation": "Guru"},
		"information": "Salinan RKA Dinas Pendidikan tahun 2026", "purpose": "Diskusi komite sekolah",
		"obtain_method": "softcopy", "delivery_method": "email", "publish_consent": true,
	}
}

func postJSON(t *testing.T, url string, body any) (*http.Response, map[string]any) {
	t.Helper()
	b, _ := json.Marshal(body)
	resp, err := http.Post(url, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	raw := readBody(t, resp)
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		t.Fatalf("answer is not JSON: %q", raw)
	}
	return resp, out
}

func TestAPISubmitAndTrack(t *testing.T) {
	t.Parallel()
	// Friday 13 March 2026, 10:00 WIB: counted from that day; Nyepi, Idulfitri and Good Friday skipped.
	app := newApp(t, time.Date(2026, 3, 13, 10, 0, 0, 0, jakarta))
	resp, out := postJSON(t, app.URL+"/api/v1/requests", validJSON())
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("status %d: %v", resp.StatusCode, out)
	}
	if out["registration_number"] != "0001/PPID/III/2026" || out["status"] != "diterima" ||
		out["response_due"] != "2026-04-06" || out["received_at"] != "2026-03-13T10:00:00+07:00" {
		t.Fatalf("receipt %v", out)
	}
	code, _ := out["tracking_code"].(string)
	if !regexp.MustCompile(`^[0-9A-Z]{5}-[0-9A-Z]{5}$`).MatchString(code) {
		t.Fatalf("tracking code %q", code)
	}
	if loc := resp.Header.Get("Location"); loc != "/api/v1/requests/0001%2FPPID%2FIII%2F2026" {
		t.Errorf("Location %q", loc)
	}

	// Slashes as they are, and the code typed loosely (lower case, no dash).
	loose := strings.ToLower(strings.ReplaceAll(code, "-", ""))
	for _, path := range []string{"/api/v1/requests/0001/PPID/III/2026", "/api/v1/requests/0001%2FPPID%2FIII%2F2026"} {
		r, err := http.Get(app.URL + path + "?code=" + loose)
		if err != nil {
			t.Fatal(err)
		}
		body := readBody(t, r)
		if r.StatusCode != http.StatusOK || !strings.Contains(body, `"status":"diterima"`) || !strings.Contains(body, `"due_date":"2026-04-06"`) {
			t.Fatalf("%s: %d %s", path, r.StatusCode, body)
		}
		if strings.Contains(body, validNIK) || strings.Contains(body, "Siti") {
			t.Errorf("tracking view carries personal data: %s", body)
		}
	}

	// A wrong code and an unknown number answer alike.
	var bodies []string
	for _, path := range []string{"/api/v1/requests/0001/PPID/III/2026?code=AAAAA-AAAAA", "/api/v1/requests/0999/PPID/III/2026?code=" + code, "/api/v1/requests/0001/PPID/III/2026"} {
		r, _ := http.Get(app.URL + path)
		if r.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d", path, r.StatusCode)
		}
		bodies = append(bodies, readBody(t, r))
	}
	if bodies[0] != bodies[1] || bodies[1] != bodies[2] {
		t.Errorf("not-found answers differ: %q", bodies)
	}

	if strings.Contains(app.Logs.String(), validNIK) || strings.Contains(app.Logs.String(), code) {
		t.Errorf("logs carry the NIK or the tracking code:\n%s", app.Logs.String())
	}
}

func TestAPIRejectsBadInput(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta))
	missing := validJSON()
	missing["information"] = ""
	requester := missing["requester"].(map[string]any)
	requester["nik"] = "1234"
	requester["email"] = "bukan-email"
	resp, out := postJSON(t, app.URL+"/api/v1/requests", missing)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", resp.StatusCode)
	}
	fields, _ := out["fields"].(map[string]any)
	for _, k := range []string{"information", "requester.nik", "requester.email"} {
		if msg, _ := fields[k].(string); msg == "" {
			t.Errorf("no message for %s in %v", k, out)
		}
	}
	if len(fields) != 3 {
		t.Errorf("fields %v, want exactly the three at fault", fields)
	}

	wrongType := validJSON()
	wrongType["publish_consent"] = "ya"
	if resp, out := postJSON(t, app.URL+"/api/v1/requests", wrongType); resp.StatusCode != 422 || out["fields"].(map[string]any)["publish_consent"] == nil {
		t.Errorf("wrong type: %d %v", resp.StatusCode, out)
	}
	unknown := validJSON()
	unknown["publish_concent"] = true
	if resp, out := postJSON(t, app.URL+"/api/v1/requests", unknown); resp.StatusCode != 422 || out["fields"].(map[string]any)["publish_concent"] == nil {
		t.Errorf("unknown field: %d %v", resp.StatusCode, out)
	}

	for name, tc := range map[string]struct{ contentType, body string }{
		"malformed JSON":    {"application/json", `{"requester": `},
		"two objects":       {"application/json", `{} {}`},
		"form content type": {"application/x-www-form-urlencoded", `information=x`},
		"no content type":   {"", `{}`},
		"JSON array":        {"application/json", `[1,2]`},
	} {
		req, _ := http.NewRequest("POST", app.URL+"/api/v1/requests", strings.NewReader(tc.body))
		if tc.contentType != "" {
			req.Header.Set("Content-Type", tc.contentType)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body := readBody(t, resp)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `"error"`) {
			t.Errorf("%s: %d %s", name, resp.StatusCode, body)
		}
	}
	if n, _ := app.Store.CountRequests(context.Background()); n != 0 {
		t.Errorf("%d requests stored from bad input", n)
	}
}

func TestAPIDeadlines(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta))
	get := func(query string) (int, map[string]any) {
		resp, err := http.Get(app.URL + "/api/v1/deadlines" + query)
		if err != nil {
			t.Fatal(err)
		}
		var out map[string]any
		json.Unmarshal([]byte(readBody(t, resp)), &out)
		return resp.StatusCode, out
	}
	for _, q := range []string{"?received_at=2026-03-13T10:00:00%2B07:00", "?received_at=2026-03-13T10:00:00+07:00", "?received_at=2026-03-13T03:00:00Z"} {
		status, out := get(q)
		if status != 200 || out["counting_from"] != "2026-03-13" || out["response_due"] != "2026-04-06" || out["extended_due"] != "2026-04-15" {
			t.Errorf("%s: %d %v", q, status, out)
		}
		skipped, _ := out["skipped"].([]any)
		if len(skipped) == 0 || skipped[0].(map[string]any)["date"] != "2026-03-18" {
			t.Errorf("%s: skipped %v", q, skipped)
		}
		if w, ok := out["warnings"].([]any); !ok || len(w) != 0 {
			t.Errorf("%s: warnings %v", q, out["warnings"])
		}
	}
	// Into 2027, for which no calendar is loaded: still an answer, with a warning.
	if status, out := get("?received_at=2026-12-28T10:00:00%2B07:00"); status != 200 || len(out["warnings"].([]any)) == 0 {
		t.Errorf("2027: %d %v", status, out)
	}
	for _, q := range []string{"", "?received_at=", "?received_at=13-03-2026", "?received_at=2026-03-13"} {
		status, out := get(q)
		fields, _ := out["fields"].(map[string]any)
		if status != 400 || out["error"] == nil || fields["received_at"] == nil {
			t.Errorf("%q: %d %v", q, status, out)
		}
	}
}

func formBody(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

func validForm() url.Values {
	return formBody("requester.kind", "perorangan", "requester.name", "Budi Santoso", "requester.nik", validNIK,
		"requester.address", "Jl. Merdeka 1, Bandung", "requester.phone", "081234567890", "requester.email", "",
		"requester.occupation", "Wiraswasta", "information", "Daftar izin usaha mikro tahun 2026", "purpose", "Riset",
		"obtain_method", "hardcopy", "delivery_method", "ambil_langsung")
}

func TestWebFormKeepsInputOnErrorAndGivesReceipt(t *testing.T) {
	t.Parallel()
	// Saturday 28 November 2026, after hours: counted from Monday 30 November.
	app := newApp(t, time.Date(2026, 11, 28, 19, 30, 0, 0, jakarta))
	c := newClient(t)

	bad := validForm()
	bad.Set("requester.nik", "3273019999900003") // day 99 is no birth date
	bad.Set("information", "")
	bad.Set("requester.name", "Budi <Santoso>")
	resp, err := c.PostForm(app.URL+"/permohonan/baru", bad)
	if err != nil {
		t.Fatal(err)
	}
	page := readBody(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, field := range []string{"information", "requester.nik"} {
		if !hasFieldError(page, field) {
			t.Errorf("re-rendered form does not mark %s (marked: %v)", field, fieldErrors(page))
		}
	}
	for _, want := range []string{`value="Budi &lt;Santoso&gt;"`, `value="081234567890"`, `aria-invalid="true"`} {
		if !strings.Contains(page, want) {
			t.Errorf("re-rendered form lacks %q", want)
		}
	}
	if n, _ := app.Store.CountRequests(context.Background()); n != 0 {
		t.Fatalf("a refused form registered %d requests", n)
	}

	resp, err = c.PostForm(app.URL+"/permohonan/baru", validForm())
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/permohonan/tanda-bukti" {
		t.Fatalf("submit: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	for range 2 { // the receipt survives a reload
		resp, err = c.Get(app.URL + "/permohonan/tanda-bukti")
		if err != nil {
			t.Fatal(err)
		}
		page = readBody(t, resp)
		if resp.StatusCode != http.StatusOK || !strings.Contains(page, "0001/PPID/XI/2026") || !strings.Contains(page, `<dd class="big code">`) {
			t.Errorf("receipt: %d, number or tracking code missing", resp.StatusCode)
		}
	}
	// Received after hours on a Saturday: counted from Monday 30 November, due 14 December.
	var counting, due string
	if err := app.Store.DB().QueryRow(`SELECT counting_from::text, response_due::text FROM requests WHERE registration_number = '0001/PPID/XI/2026'`).Scan(&counting, &due); err != nil ||
		counting != "2026-11-30" || due != "2026-12-14" {
		t.Errorf("stored clock: counted from %s, due %s (%v)", counting, due, err)
	}
	code := regexp.MustCompile(`[0-9A-Z]{5}-[0-9A-Z]{5}`).FindString(page)
	if code == "" {
		t.Fatal("receipt shows no tracking code")
	}

	// Another browser has no receipt to show.
	resp, _ = newClient(t).Get(app.URL + "/permohonan/tanda-bukti")
	readBody(t, resp)
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("receipt without session: %d", resp.StatusCode)
	}

	// Tracking by form: the right pair leads to the status page, a wrong one reads like an unknown number.
	stranger := newClient(t)
	resp, _ = stranger.Get(app.URL + "/lacak/status")
	if readBody(t, resp); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/lacak" {
		t.Errorf("status page without tracking: %d", resp.StatusCode)
	}
	resp, _ = c.PostForm(app.URL+"/lacak", formBody("nomor", "0001/PPID/XI/2026", "kode", code))
	if readBody(t, resp); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/lacak/status" {
		t.Fatalf("track: %d", resp.StatusCode)
	}
	resp, _ = c.Get(app.URL + "/lacak/status")
	if page := readBody(t, resp); resp.StatusCode != 200 || !strings.Contains(page, "<dd>0001/PPID/XI/2026</dd>") || !strings.Contains(page, `<ol class="timeline">`) {
		t.Errorf("status page: %d", resp.StatusCode)
	}
	var notFound []string
	for _, pair := range [][2]string{{"0001/PPID/XI/2026", "AAAAA-AAAAA"}, {"0002/PPID/XI/2026", code}} {
		resp, _ = c.PostForm(app.URL+"/lacak", formBody("nomor", pair[0], "kode", pair[1]))
		page := readBody(t, resp)
		alert := regexp.MustCompile(`<div class="alert" role="alert"><p>([^<]+)</p>`).FindStringSubmatch(page)
		if resp.StatusCode != 404 || alert == nil || !strings.Contains(page, `value="`+html.EscapeString(pair[0])+`"`) || strings.Contains(page, `<ol class="timeline">`) {
			t.Errorf("track %v: %d", pair, resp.StatusCode)
			continue
		}
		notFound = append(notFound, alert[1])
	}
	if len(notFound) == 2 && notFound[0] != notFound[1] {
		t.Errorf("a wrong code and an unknown number read differently: %q", notFound)
	}
}

func TestCrossSitePostIsRefused(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta))
	req, _ := http.NewRequest("POST", app.URL+"/permohonan/baru", strings.NewReader(validForm().Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Origin", "https://evil.example")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-site form post: %d", resp.StatusCode)
	}
	if n, _ := app.Store.CountRequests(context.Background()); n != 0 {
		t.Fatal("cross-site post registered a request")
	}
}

var csrfPattern = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

func csrfFrom(t *testing.T, c *http.Client, pageURL string) string {
	t.Helper()
	resp, err := c.Get(pageURL)
	if err != nil {
		t.Fatal(err)
	}
	m := csrfPattern.FindStringSubmatch(readBody(t, resp))
	if m == nil {
		t.Fatalf("%s has no CSRF token", pageURL)
	}
	return m[1]
}

func addUser(t *testing.T, s *store.Store, email, role, pass string) {
	t.Helper()
	hash, err := password.Hash(pass)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.EnsureUser(context.Background(), email, "Petugas "+role, role, hash); err != nil {
		t.Fatal(err)
	}
}

func login(t *testing.T, app *testApp, email, pass string) (*http.Client, *http.Response) {
	t.Helper()
	c := newClient(t)
	token := csrfFrom(t, c, app.URL+"/kantor/masuk")
	resp, err := c.PostForm(app.URL+"/kantor/masuk", formBody("csrf_token", token, "email", email, "password", pass))
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	return c, resp
}

func TestOfficerLoginThrottleAndCSRF(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Now())
	addUser(t, app.Store, "ppid@uji.test", "ppid", "rahasia-benar")

	// Unknown e-mail and wrong password read the same.
	var alerts []string
	for _, email := range []string{"siapa@uji.test", "ppid@uji.test"} {
		c := newClient(t)
		token := csrfFrom(t, c, app.URL+"/kantor/masuk")
		resp, _ := c.PostForm(app.URL+"/kantor/masuk", formBody("csrf_token", token, "email", email, "password", "salah"))
		page := readBody(t, resp)
		alert := regexp.MustCompile(`<div class="alert" role="alert"><p>([^<]+)</p></div>`).FindStringSubmatch(page)
		if resp.StatusCode != http.StatusUnauthorized || alert == nil || !strings.Contains(page, `value="`+email+`"`) {
			t.Errorf("%s: %d", email, resp.StatusCode)
			continue
		}
		alerts = append(alerts, alert[1])
	}
	if len(alerts) != 2 || alerts[0] != alerts[1] {
		t.Errorf("unknown e-mail and wrong password read differently: %q", alerts)
	}

	// A form without the session's token is refused.
	c := newClient(t)
	csrfFrom(t, c, app.URL+"/kantor/masuk")
	resp, _ := c.PostForm(app.URL+"/kantor/masuk", formBody("csrf_token", "forged", "email", "ppid@uji.test", "password", "rahasia-benar"))
	readBody(t, resp)
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("forged CSRF token: %d", resp.StatusCode)
	}

	// The right password works, and the queue opens.
	c, resp = login(t, app, "ppid@uji.test", "rahasia-benar")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/kantor" {
		t.Fatalf("login: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, _ = c.Get(app.URL + "/kantor")
	if page := readBody(t, resp); resp.StatusCode != 200 || !strings.Contains(page, `<form method="get" action="/kantor"`) {
		t.Fatalf("queue: %d", resp.StatusCode)
	}

	// After the allowed failures (5 by default, one already spent above) even the right password is refused.
	for range 4 {
		login(t, app, "ppid@uji.test", "salah")
	}
	_, resp = login(t, app, "ppid@uji.test", "rahasia-benar")
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("after repeated failures: %d, want 429", resp.StatusCode)
	}

	// Logging out ends the session.
	token := csrfFrom(t, c, app.URL+"/kantor")
	resp, _ = c.PostForm(app.URL+"/kantor/keluar", formBody("csrf_token", token))
	readBody(t, resp)
	resp, _ = c.Get(app.URL + "/kantor")
	readBody(t, resp)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/kantor/masuk") {
		t.Errorf("after logout: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestOfficerRegistersWalkInAndSeesMaskedNIK(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 12, 1, 9, 0, 0, 0, jakarta))
	addUser(t, app.Store, "petugas@uji.test", "petugas", "rahasia-petugas")
	addUser(t, app.Store, "atasan@uji.test", "atasan", "rahasia-atasan")
	c, _ := login(t, app, "petugas@uji.test", "rahasia-petugas")

	// A letter received Friday 27 November at 15:00, typed in on 1 December: the clock starts on the 27th.
	form := validForm()
	form.Set("csrf_token", csrfFrom(t, c, app.URL+"/kantor/permohonan/baru"))
	form.Set("channel", "letter")
	form.Set("received_date", "2026-11-27")
	form.Set("received_time", "15:00")
	resp, err := c.PostForm(app.URL+"/kantor/permohonan/baru", form)
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/kantor/permohonan/") {
		t.Fatalf("register: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, _ = c.Get(app.URL + resp.Header.Get("Location"))
	page := readBody(t, resp)
	for _, want := range []string{"0001/PPID/XI/2026", "32**********0003", "Petugas petugas"} {
		if !strings.Contains(page, want) {
			t.Errorf("detail page lacks %q", want)
		}
	}
	// 10 working days after Fri 27 Nov: 30 Nov, 1–4 Dec, 7–11 Dec → Friday 11 December.
	var stored struct {
		Channel  string    `db:"channel"`
		Received time.Time `db:"received_at"`
		Due      string    `db:"response_due"`
		By       string    `db:"registered_by"`
	}
	if err := app.Store.DB().Get(&stored, `SELECT channel, received_at, response_due::text AS response_due, u.email AS registered_by
		FROM requests r JOIN users u ON u.id = r.registered_by`); err != nil {
		t.Fatal(err)
	}
	if stored.Channel != "letter" || !stored.Received.Equal(time.Date(2026, 11, 27, 15, 0, 0, 0, jakarta)) || stored.Due != "2026-12-11" || stored.By != "petugas@uji.test" {
		t.Errorf("stored walk-in: %+v", stored)
	}
	if strings.Contains(page, validNIK) {
		t.Error("detail page shows the full NIK")
	}

	// A time in the future is refused, with the form kept.
	form.Set("received_date", "2026-12-05")
	resp, _ = c.PostForm(app.URL+"/kantor/permohonan/baru", form)
	if page := readBody(t, resp); resp.StatusCode != 422 || !receivedAtInvalid(page) || !strings.Contains(page, "Daftar izin usaha mikro") || !strings.Contains(page, `value="2026-12-05"`) {
		t.Errorf("future receipt: %d", resp.StatusCode)
	}
	if n, _ := app.Store.CountRequests(context.Background()); n != 1 {
		t.Errorf("a future receipt was registered (%d requests)", n)
	}

	// The queue shows it; the atasan may read the queue but not register requests.
	a, _ := login(t, app, "atasan@uji.test", "rahasia-atasan")
	resp, _ = a.Get(app.URL + "/kantor")
	if page := readBody(t, resp); !strings.Contains(page, "0001/PPID/XI/2026") {
		t.Error("queue lacks the request")
	}
	resp, _ = a.Get(app.URL + "/kantor/permohonan/baru")
	readBody(t, resp)
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("atasan opening the register form: %d", resp.StatusCode)
	}
	if strings.Contains(app.Logs.String(), validNIK) {
		t.Error("logs carry the NIK")
	}
}

func TestQueueFlagsOverdueAndDueSoon(t *testing.T) {
	t.Parallel()
	// Today: Wednesday 2 December 2026.
	app := newApp(t, time.Date(2026, 12, 2, 9, 0, 0, 0, jakarta))
	addUser(t, app.Store, "ppid@uji.test", "ppid", "rahasia-benar")
	c, _ := login(t, app, "ppid@uji.test", "rahasia-benar")
	for _, received := range []string{"2026-11-13", "2026-11-19", "2026-12-01"} { // due 27 Nov (overdue), 3 Dec (soon), 15 Dec
		form := validForm()
		form.Set("csrf_token", csrfFrom(t, c, app.URL+"/kantor/permohonan/baru"))
		form.Set("channel", "walk_in")
		form.Set("received_date", received)
		form.Set("received_time", "10:00")
		resp, _ := c.PostForm(app.URL+"/kantor/permohonan/baru", form)
		if readBody(t, resp); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("register %s: %d", received, resp.StatusCode)
		}
	}
	resp, _ := c.Get(app.URL + "/kantor")
	page := readBody(t, resp)
	rows := regexp.MustCompile(`(?s)<tr class="([a-z]*)">.*?</tr>`).FindAllStringSubmatch(page, -1)
	var classes []string
	for _, r := range rows {
		classes = append(classes, r[1])
	}
	if strings.Join(classes, ",") != "overdue,soon," {
		t.Errorf("row flags %q, want overdue, soon, none (nearest deadline first)", classes)
	}
	counts := regexp.MustCompile(`(?s)<p class="summary">\s*<span>(\d+) [^<]*</span>\s*<span class="flag overdue">(\d+) [^<]*</span>\s*<span class="flag soon">(\d+) `).FindStringSubmatch(page)
	if counts == nil || counts[1] != "3" || counts[2] != "1" || counts[3] != "1" {
		t.Errorf("queue counts %v, want 3 open, 1 overdue, 1 due soon", counts)
	}
}

func TestHealthAndReadiness(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Now())
	for path, want := range map[string]string{"/healthz": `"status":"ok"`, "/readyz": `"schema":"current"`} {
		resp, err := http.Get(app.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		if body := readBody(t, resp); resp.StatusCode != 200 || !strings.Contains(body, want) {
			t.Errorf("%s: %d %s", path, resp.StatusCode, body)
		}
	}
}

func TestPublicPagesRender(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta))
	// Each page answers with its form or link (the wording: rendering_test.go).
	for path, want := range map[string]string{
		"/":                   `href="/permohonan/baru"`,
		"/permohonan/baru":    `name="information"`,
		"/lacak":              `action="/lacak"`,
		"/kalkulator-tenggat": `action="/kalkulator-tenggat"`,
		"/kalkulator-tenggat?tanggal=2026-03-13&jam=10:00": `<section class="result"`,
		"/kantor/masuk":     `action="/kantor/masuk"`,
		"/static/style.css": "Terbuka",
	} {
		resp, err := http.Get(app.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		wantType := "text/html; charset=utf-8"
		if strings.HasSuffix(path, ".css") {
			wantType = "text/css; charset=utf-8"
		}
		if body := readBody(t, resp); resp.StatusCode != 200 || !strings.Contains(body, want) || resp.Header.Get("Content-Type") != wantType {
			t.Errorf("%s: %d %q, want %q", path, resp.StatusCode, resp.Header.Get("Content-Type"), want)
		}
	}
	resp, _ := http.Get(app.URL + "/kalkulator-tenggat?tanggal=kemarin")
	if body := readBody(t, resp); resp.StatusCode != 422 || !hasFieldError(body, "tanggal") || strings.Contains(body, `<section class="result"`) {
		t.Errorf("bad calculator date: %d", resp.StatusCode)
	}
	resp, _ = http.Get(app.URL + "/tidak-ada")
	if readBody(t, resp); resp.StatusCode != 404 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("404 page: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

// Bytes PostgreSQL refuses in text must end as "not found" or a form error, never a 500.
func TestHostileBytesNeverReachTheDatabaseAsErrors(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta))
	for _, path := range []string{"/api/v1/requests/%00?code=AAAAA-AAAAA", "/api/v1/requests/%FF%FE?code=AAAAA-AAAAA"} {
		resp, err := http.Get(app.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		if readBody(t, resp); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d", path, resp.StatusCode)
		}
	}
	resp, _ := newClient(t).PostForm(app.URL+"/lacak", formBody("nomor", "0001\x00", "kode", "AAAAA-AAAAA"))
	if readBody(t, resp); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("tracking form with NUL: %d", resp.StatusCode)
	}
	c := newClient(t)
	token := csrfFrom(t, c, app.URL+"/kantor/masuk")
	resp, _ = c.PostForm(app.URL+"/kantor/masuk", formBody("csrf_token", token, "email", "a\x00@b.id\xff", "password", "x"))
	if readBody(t, resp); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("login with NUL: %d", resp.StatusCode)
	}
}

// receivedAtInvalid reports whether the officers' request form carries the error of its receipt
// date and time pair, which sits under the two inputs without an id of its own.
func receivedAtInvalid(page string) bool {
	return regexp.MustCompile(`name="received_time"[^>]*>\s*</div>\s*</div>\s*<p class="error">`).MatchString(page)
}
