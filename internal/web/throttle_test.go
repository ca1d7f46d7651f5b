package web_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/config"
)

// behindProxy trusts the test client's loopback address as a reverse proxy, so X-Forwarded-For
// names the client and one test can play several.
func behindProxy(cfg *config.Config) { cfg.Server.TrustedProxies = []string{"127.0.0.1/32"} }

// from sends req as the client at addr: through the trusted proxy, or spoofing when none is trusted.
func from(t *testing.T, c *http.Client, addr string, req *http.Request) (*http.Response, string) {
	t.Helper()
	if addr != "" {
		req.Header.Set("X-Forwarded-For", addr)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp, readBody(t, resp)
}

func jsonRequest(t *testing.T, method, u string, body any) *http.Request {
	t.Helper()
	b, _ := json.Marshal(body)
	req, err := http.NewRequest(method, u, bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	return req
}

// loginFrom posts the login form as the client at addr, with its own cookie jar and CSRF token.
func loginFrom(t *testing.T, a *testApp, addr, email, pass, agent string) (*http.Response, string) {
	t.Helper()
	c := newClient(t)
	token := csrfFrom(t, c, a.URL+"/kantor/masuk")
	req, _ := http.NewRequest("POST", a.URL+"/kantor/masuk", strings.NewReader(formBody("csrf_token", token, "email", email, "password", pass).Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if agent != "" {
		req.Header.Set("User-Agent", agent)
	}
	return from(t, c, addr, req)
}

func retryAfter(t *testing.T, resp *http.Response) int {
	t.Helper()
	n, err := strconv.Atoi(resp.Header.Get("Retry-After"))
	if err != nil || n < 1 {
		t.Errorf("Retry-After %q, want whole seconds", resp.Header.Get("Retry-After"))
	}
	return n
}

// Gin believed anyone's X-Forwarded-For: a client named its own address and walked around
// every per-client limit. Only a configured proxy may name the client now.
func TestForwardedForIsBelievedOnlyFromTrustedProxies(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta)
	small := func(cfg *config.Config) { cfg.Security.LoginClientMaxFailures = 2 }

	// No proxy trusted: three addresses typed into the header are one client, the TCP peer.
	direct := newAppWith(t, now, small)
	for i, addr := range []string{"198.51.100.1", "198.51.100.2", "198.51.100.3"} {
		resp, _ := loginFrom(t, direct, addr, "orang"+strconv.Itoa(i)+"@uji.test", "salah", "")
		if want := map[bool]int{true: 429, false: 401}[i == 2]; resp.StatusCode != want {
			t.Errorf("spoofed %s: %d, want %d", addr, resp.StatusCode, want)
		}
	}
	var clients []string
	if err := direct.Store.DB().Select(&clients, `SELECT DISTINCT client FROM login_audit`); err != nil || len(clients) != 1 || clients[0] != "127.0.0.1" {
		t.Errorf("audited clients %v %v, want only the peer 127.0.0.1", clients, err)
	}

	// 127.0.0.1 trusted as the proxy: the header names three clients, none over its limit.
	proxied := newAppWith(t, now, func(cfg *config.Config) { small(cfg); behindProxy(cfg) })
	for i, addr := range []string{"198.51.100.1", "198.51.100.2", "198.51.100.3"} {
		if resp, _ := loginFrom(t, proxied, addr, "orang"+strconv.Itoa(i)+"@uji.test", "salah", ""); resp.StatusCode != 401 {
			t.Errorf("proxied %s: %d, want 401", addr, resp.StatusCode)
		}
	}
	if err := proxied.Store.DB().Select(&clients, `SELECT client FROM login_audit ORDER BY id`); err != nil || strings.Join(clients, ",") != "198.51.100.1,198.51.100.2,198.51.100.3" {
		t.Errorf("audited clients %v %v", clients, err)
	}
}

// Ten wrong passwords from anywhere used to lock the account for everyone. Now the failing
// client is held back, and the officer on another address signs in.
func TestFailedLoginsNeverLockTheOfficerOut(t *testing.T) {
	t.Parallel()
	a := newAppWith(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta), func(cfg *config.Config) {
		behindProxy(cfg)
		cfg.Security.LoginMaxFailures, cfg.Security.LoginAccountMaxFailures, cfg.Security.LoginAccountWaitSeconds = 3, 4, 30
	})
	addUser(t, a.Store, "ppid@uji.test", "ppid", "rahasia-benar")
	const attacker, officer, second = "203.0.113.66", "10.1.2.3", "203.0.113.77"

	// The attacker's pair is locked after 3 failures, even with the right password.
	for i := range 3 {
		if resp, page := loginFrom(t, a, attacker, "ppid@uji.test", "salah", "curl/8"); resp.StatusCode != 401 || !strings.Contains(page, "E-mail atau kata sandi salah.") {
			t.Fatalf("failure %d: %d", i+1, resp.StatusCode)
		}
	}
	resp, page := loginFrom(t, a, attacker, "ppid@uji.test", "rahasia-benar", "curl/8")
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(page, "Terlalu banyak percobaan masuk yang gagal") {
		t.Fatalf("attacker after 3 failures: %d", resp.StatusCode)
	}
	if s := retryAfter(t, resp); s > 15*60 {
		t.Errorf("Retry-After %d beyond the 15-minute window", s)
	}

	// A second attacker address fails once: the account is now over its limit (4), so that
	// client must wait between tries — but it is not locked for the whole window.
	if resp, _ := loginFrom(t, a, second, "ppid@uji.test", "salah", ""); resp.StatusCode != 401 {
		t.Fatalf("second address, first try: %d", resp.StatusCode)
	}
	resp, _ = loginFrom(t, a, second, "ppid@uji.test", "salah", "")
	if resp.StatusCode != http.StatusTooManyRequests || retryAfter(t, resp) > 30 {
		t.Errorf("second address under the account's wait: %d Retry-After %s", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	a.Clock.Set(a.Clock.Now().Add(31 * time.Second))
	if resp, _ := loginFrom(t, a, second, "ppid@uji.test", "salah", ""); resp.StatusCode != 401 {
		t.Errorf("second address after the wait: %d, want 401", resp.StatusCode)
	}

	// The officer has not failed: the account's attackers do not keep them out.
	if resp, _ := loginFrom(t, a, officer, "ppid@uji.test", "rahasia-benar", "Mozilla/5.0 "+strings.Repeat("x", 500)); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("officer on another address: %d, want 303", resp.StatusCode)
	}

	// The window moves on and the attacker's pair is free again.
	a.Clock.Set(a.Clock.Now().Add(16 * time.Minute))
	if resp, _ := loginFrom(t, a, attacker, "ppid@uji.test", "salah", ""); resp.StatusCode != 401 {
		t.Errorf("attacker after the window: %d, want 401", resp.StatusCode)
	}

	// Every attempt is audited with its address and a truncated user agent.
	var rows []struct {
		Client string `db:"client"`
		Agent  string `db:"user_agent"`
		Reason string `db:"reason"`
		OK     bool   `db:"success"`
	}
	if err := a.Store.DB().Select(&rows, `SELECT client, user_agent, reason, success FROM login_audit ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 9 {
		t.Fatalf("%d audit rows, want 9: %+v", len(rows), rows)
	}
	if r := rows[3]; r.Client != attacker || r.Reason != "throttled" || r.OK || r.Agent != "curl/8" {
		t.Errorf("throttled attempt audited as %+v", r)
	}
	if r := rows[7]; r.Client != officer || !r.OK || r.Reason != "ok" || len(r.Agent) > 200 || !strings.HasPrefix(r.Agent, "Mozilla/5.0 x") {
		t.Errorf("officer's login audited as %+v", r)
	}
}

// The administrator reads the audit on its own page, linked from the administration index.
func TestAdminReadsLoginAudit(t *testing.T) {
	t.Parallel()
	a := newAppWith(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta), behindProxy)
	loginFrom(t, a, "203.0.113.9", "siapa@uji.test", "salah", "Penyerang/1.0")
	admin := signIn(t, a, "admin@uji.test", "admin", "rahasia-admin")
	if page := admin.get("/kantor/admin"); !strings.Contains(page, `href="/kantor/admin/masuk"`) {
		t.Error("the administration index does not link the login audit")
	}
	page := admin.get("/kantor/admin/masuk")
	for _, want := range []string{"Riwayat masuk", "siapa@uji.test", "203.0.113.9", "Penyerang/1.0", "E-mail atau kata sandi salah", "Berhasil", "admin@uji.test"} {
		if !strings.Contains(page, want) {
			t.Errorf("audit page lacks %q", want)
		}
	}
	if st := admin.status("/kantor/admin/masuk?halaman=nol"); st != http.StatusBadRequest {
		t.Errorf("bad page number: %d", st)
	}
	ppid := signIn(t, a, "ppid@uji.test", "ppid", "rahasia-ppid")
	if st := ppid.status("/kantor/admin/masuk"); st != http.StatusForbidden {
		t.Errorf("a PPID reads the audit: %d", st)
	}
}

// Anonymous submissions were unlimited. A client gets security.submissions_per_hour of them.
func TestSubmissionsAreLimitedPerClient(t *testing.T) {
	t.Parallel()
	a := newAppWith(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta), func(cfg *config.Config) {
		behindProxy(cfg)
		cfg.Security.SubmissionsPerHour = 2
	})
	const client = "198.51.100.20"
	c := newClient(t)
	for i := range 2 {
		if resp, body := from(t, c, client, jsonRequest(t, "POST", a.URL+"/api/v1/requests", validJSON())); resp.StatusCode != 201 {
			t.Fatalf("submission %d: %d %s", i+1, resp.StatusCode, body)
		}
	}
	resp, body := from(t, c, client, jsonRequest(t, "POST", a.URL+"/api/v1/requests", validJSON()))
	var out map[string]any
	json.Unmarshal([]byte(body), &out)
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(str(out, "error"), "Terlalu banyak permohonan") {
		t.Fatalf("third API submission: %d %s", resp.StatusCode, body)
	}
	if s := retryAfter(t, resp); s > 3600 {
		t.Errorf("Retry-After %d beyond the hour", s)
	}

	// The web form says so in Indonesian and keeps what was typed.
	form := validForm()
	form.Set("information", "Daftar penerima hibah tahun 2026")
	req, _ := http.NewRequest("POST", a.URL+"/permohonan/baru", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, page := from(t, newClient(t), client, req)
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("web form over the limit: %d", resp.StatusCode)
	}
	for _, want := range []string{"Permohonan belum terkirim.", "Terlalu banyak permohonan", "Daftar penerima hibah tahun 2026", `value="Budi Santoso"`} {
		if !strings.Contains(page, want) {
			t.Errorf("form page lacks %q", want)
		}
	}

	// Another client is not affected; an hour later this one may submit again.
	if resp, _ := from(t, c, "198.51.100.21", jsonRequest(t, "POST", a.URL+"/api/v1/requests", validJSON())); resp.StatusCode != 201 {
		t.Errorf("another client: %d", resp.StatusCode)
	}
	a.Clock.Set(a.Clock.Now().Add(time.Hour + time.Second))
	if resp, _ := from(t, c, client, jsonRequest(t, "POST", a.URL+"/api/v1/requests", validJSON())); resp.StatusCode != 201 {
		t.Errorf("an hour later: %d", resp.StatusCode)
	}
	var n int
	if err := a.Store.DB().Get(&n, `SELECT count(*) FROM requests`); err != nil || n != 4 {
		t.Errorf("%d requests registered, want 4 (%v)", n, err)
	}
}

// Each submission mailed a receipt to any address typed in. An address gets
// security.receipts_per_address_per_day; the request is registered all the same.
func TestReceiptMailsAreLimitedPerAddress(t *testing.T) {
	t.Parallel()
	a := newAppWith(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta), func(cfg *config.Config) {
		cfg.Security.ReceiptsPerAddressPerDay = 1
	})
	resp, out := postJSON(t, a.URL+"/api/v1/requests", validJSON())
	if resp.StatusCode != 201 || out["receipt_email_sent"] != true {
		t.Fatalf("first: %d %v", resp.StatusCode, out)
	}
	again := validJSON()
	again["requester"].(map[string]any)["email"] = "SITI@Contoh.ID" // the same mailbox in other letters
	resp, out = postJSON(t, a.URL+"/api/v1/requests", again)
	if resp.StatusCode != 201 || out["receipt_email_sent"] != false || str(out, "tracking_code") == "" {
		t.Fatalf("second to the same address: %d %v", resp.StatusCode, out)
	}

	// The web form's receipt page says the e-mail was not sent.
	form := validForm()
	form.Set("requester.email", "siti@contoh.id")
	c := newClient(t)
	resp, err := c.PostForm(a.URL+"/permohonan/baru", form)
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("web form: %d", resp.StatusCode)
	}
	resp, _ = c.Get(a.URL + "/permohonan/tanda-bukti")
	if page := readBody(t, resp); !strings.Contains(page, "tidak dikirim") || !strings.Contains(page, "0003/") {
		t.Errorf("receipt page does not say the e-mail was not sent:\n%s", page)
	}

	other := validJSON()
	other["requester"].(map[string]any)["email"] = "budi@contoh.id"
	if _, out := postJSON(t, a.URL+"/api/v1/requests", other); out["receipt_email_sent"] != true {
		t.Errorf("another address: %v", out)
	}
	var mails []string
	if err := a.Store.DB().Select(&mails, `SELECT lower(recipient) FROM outbox WHERE template = 'request_received' ORDER BY id`); err != nil ||
		strings.Join(mails, ",") != "siti@contoh.id,budi@contoh.id" {
		t.Errorf("receipts queued %v %v", mails, err)
	}

	// A day later the address gets its receipt again.
	a.Clock.Set(a.Clock.Now().Add(24*time.Hour + time.Second))
	if _, out := postJSON(t, a.URL+"/api/v1/requests", validJSON()); out["receipt_email_sent"] != true {
		t.Errorf("a day later: %v", out)
	}
}

// Tracking-code guesses were unlimited. A client that guessed wrong too often waits, on the
// page, the API and the objection API; the rightful requester elsewhere is not held back.
func TestTrackingGuessesAreLimitedPerClient(t *testing.T) {
	t.Parallel()
	a := newAppWith(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta), func(cfg *config.Config) {
		behindProxy(cfg)
		cfg.Security.TrackingFailuresPerWindow = 3
	})
	_, number, code := submitViaAPI(t, a)
	trackURL := func(code string) string {
		return a.URL + "/api/v1/requests/" + url.PathEscape(number) + "?code=" + url.QueryEscape(code)
	}
	const guesser, requester = "203.0.113.50", "10.9.8.7"
	c := newClient(t)
	get := func(addr, u string) *http.Response {
		req, _ := http.NewRequest("GET", u, nil)
		resp, _ := from(t, c, addr, req)
		return resp
	}

	// Successes do not count.
	for range 5 {
		if resp := get(requester, trackURL(code)); resp.StatusCode != 200 {
			t.Fatalf("rightful tracking: %d", resp.StatusCode)
		}
	}
	for i := range 3 {
		if resp := get(guesser, trackURL("AAAAA-AAAA"+strconv.Itoa(i))); resp.StatusCode != 404 {
			t.Fatalf("guess %d: %d", i+1, resp.StatusCode)
		}
	}
	// Over the limit even the right code is refused to this client, on every door.
	resp := get(guesser, trackURL(code))
	if resp.StatusCode != http.StatusTooManyRequests || retryAfter(t, resp) > 15*60 {
		t.Fatalf("API after 3 wrong guesses: %d", resp.StatusCode)
	}
	body := map[string]any{"registration_number": number, "tracking_code": code, "grounds": []string{"c"}, "reasons": "Belum ada tanggapan."}
	if resp, out := from(t, c, guesser, jsonRequest(t, "POST", a.URL+"/api/v1/objections", body)); resp.StatusCode != 429 || !strings.Contains(out, `"error"`) {
		t.Errorf("objection API: %d %s", resp.StatusCode, out)
	}
	req, _ := http.NewRequest("POST", a.URL+"/lacak", strings.NewReader(formBody("nomor", number, "kode", code).Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, page := from(t, newClient(t), guesser, req)
	if resp.StatusCode != 429 || !strings.Contains(page, "Terlalu banyak percobaan nomor registrasi atau kode pelacakan yang salah") ||
		resp.Header.Get("Retry-After") == "" || !strings.Contains(page, number) {
		t.Errorf("tracking page: %d", resp.StatusCode)
	}

	// The requester on their own address still gets in; the guesser after the window too.
	if resp := get(requester, trackURL(code)); resp.StatusCode != 200 {
		t.Errorf("requester while another client is held back: %d", resp.StatusCode)
	}
	a.Clock.Set(a.Clock.Now().Add(16 * time.Minute))
	if resp := get(guesser, trackURL(code)); resp.StatusCode != 200 {
		t.Errorf("guesser after the window: %d", resp.StatusCode)
	}
}
