package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// signedOut reports whether the client's session no longer opens the office.
func signedOut(t *testing.T, app *testApp, c *http.Client) bool {
	t.Helper()
	resp, err := c.Get(app.URL + "/kantor")
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	return resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/kantor/masuk")
}

// ASVS 3.3.2: a reset by the administrator ends the sessions opened with the old password.
func TestAdminPasswordResetEndsOfficersSessions(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	admin := signInAdmin(t, app)
	petugas := signIn(t, app, "petugas@uji.test", "petugas", "rahasia-petugas")
	if signedOut(t, app, petugas.c) {
		t.Fatal("petugas is signed out before the reset")
	}
	pid := idOf(t, app, `SELECT id::text FROM users WHERE email = 'petugas@uji.test'`)
	if st, _, _ := admin.post("/kantor/admin/pengguna/"+pid+"/reset-sandi", url.Values{}); st != http.StatusSeeOther {
		t.Fatalf("reset: %d", st)
	}
	if !signedOut(t, app, petugas.c) {
		t.Error("the petugas's session outlives the password reset")
	}
	if signedOut(t, app, admin.c) {
		t.Error("the administrator's own session ended with another account's reset")
	}
}

func TestOfficerChangesOwnPassword(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	petugas := signIn(t, app, "petugas@uji.test", "petugas", "rahasia-petugas")
	laptop, _ := login(t, app, "petugas@uji.test", "rahasia-petugas")

	if page := petugas.get("/kantor"); !strings.Contains(page, `href="/kantor/akun"`) {
		t.Error("the office header has no link to the account page")
	}
	if page := petugas.get("/kantor/akun"); !strings.Contains(page, `href="/kantor/akun/sandi"`) {
		t.Error("the account page has no link to the password page")
	}
	if page := petugas.get("/kantor/akun/sandi"); !strings.Contains(page, `name="current_password"`) || !strings.Contains(page, `name="new_password2"`) {
		t.Fatal("the password page has no form")
	}

	const good = "Kopi tubruk di Lembang 7"
	for name, tc := range map[string]struct {
		current, next, again, field, msg string
	}{
		"wrong current": {"salah-sekali", good, good, "current_password", "Kata sandi saat ini salah."},
		"too short":     {"rahasia-petugas", "pendek-11ch", "pendek-11ch", "new_password", "paling sedikit 12 karakter"},
		"common":        {"rahasia-petugas", "indonesia123", "indonesia123", "new_password", "terlalu umum"},
		"common+digits": {"rahasia-petugas", "Bismillah2026!", "Bismillah2026!", "new_password", "terlalu umum"},
		"the e-mail":    {"rahasia-petugas", "Petugas@Uji.test", "Petugas@Uji.test", "new_password", "alamat e-mail"},
		"not repeated":  {"rahasia-petugas", good, good + "8", "new_password2", "tidak sama"},
	} {
		st, _, page := petugas.post("/kantor/akun/sandi", url.Values{"current_password": {tc.current}, "new_password": {tc.next}, "new_password2": {tc.again}})
		if st != http.StatusUnprocessableEntity || !strings.Contains(page, tc.msg) || !strings.Contains(page, `id="f-`+tc.field+`-err"`) {
			t.Errorf("%s: %d, page lacks %q at %s", name, st, tc.msg, tc.field)
		}
		for _, typed := range []string{tc.current, tc.next} {
			if strings.Contains(page, `value="`+typed+`"`) {
				t.Errorf("%s: the page writes a typed password back", name)
			}
		}
	}

	st, flash, _ := petugas.post("/kantor/akun/sandi", url.Values{"current_password": {"rahasia-petugas"}, "new_password": {good}, "new_password2": {good}})
	if st != http.StatusSeeOther || !strings.Contains(flash, "Kata sandi diganti") {
		t.Fatalf("change: %d %q", st, flash)
	}
	if signedOut(t, app, petugas.c) {
		t.Error("the session that changed the password was ended")
	}
	if !signedOut(t, app, laptop) {
		t.Error("another session of the account outlives the password change")
	}
	if _, resp := login(t, app, "petugas@uji.test", "rahasia-petugas"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("old password after the change: %d", resp.StatusCode)
	}
	if _, resp := login(t, app, "petugas@uji.test", good); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("new password after the change: %d", resp.StatusCode)
	}
	if strings.Contains(app.Logs.String(), good) {
		t.Error("logs carry the new password")
	}
}

// The login form keeps its CSRF token in a cookie: showing it writes no session row.
func TestLoginFormStoresNoSession(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	addUser(t, app.Store, "ppid@uji.test", "ppid", "rahasia-ppid")
	sessions := func() (n int) {
		t.Helper()
		if err := app.Store.DB().Get(&n, `SELECT count(*) FROM sessions`); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := sessions()
	for i := 0; i < 5; i++ {
		c := newClient(t)
		for _, path := range []string{"/kantor/masuk", "/kantor/masuk", "/kantor"} {
			resp, err := c.Get(app.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			readBody(t, resp)
		}
	}
	if after := sessions(); after != before {
		t.Errorf("anonymous visits wrote %d session rows", after-before)
	}

	// A token from another visitor's form does not match this visitor's cookie.
	c := newClient(t)
	csrfFrom(t, c, app.URL+"/kantor/masuk")
	stranger := csrfFrom(t, newClient(t), app.URL+"/kantor/masuk")
	resp, err := c.PostForm(app.URL+"/kantor/masuk", formBody("csrf_token", stranger, "email", "ppid@uji.test", "password", "rahasia-ppid"))
	if err != nil {
		t.Fatal(err)
	}
	if readBody(t, resp); resp.StatusCode != http.StatusForbidden {
		t.Errorf("login with another visitor's token: %d", resp.StatusCode)
	}

	// A cross-site post is refused; a same-site one signs in.
	token := csrfFrom(t, c, app.URL+"/kantor/masuk")
	req, _ := http.NewRequest(http.MethodPost, app.URL+"/kantor/masuk",
		strings.NewReader(formBody("csrf_token", token, "email", "ppid@uji.test", "password", "rahasia-ppid").Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Origin", "https://penyerang.example")
	if resp, err := c.Do(req); err != nil {
		t.Fatal(err)
	} else if readBody(t, resp); resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site login: %d", resp.StatusCode)
	}
	if _, resp := login(t, app, "ppid@uji.test", "rahasia-ppid"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	if after := sessions(); after != before+1 {
		t.Errorf("a login wrote %d session rows, want 1", after-before)
	}
}

// Upload forms carry the CSRF token as the body's first part, never in the URL (ASVS 3.1.1).
func TestUploadCSRFTokenTravelsInBody(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	path, _, _ := submitViaAPI(t, app)
	for _, page := range []string{path, "/kantor/publikasi/baru"} {
		if body := ppid.get(page); strings.Contains(body, "csrf_token=") {
			t.Errorf("%s: a form puts the CSRF token in its URL", page)
		}
	}
	token := csrfFrom(t, ppid.c, app.URL+"/kantor")
	send := func(query string, tokenFirst, tokenLast bool) int {
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		if tokenFirst {
			w.WriteField("csrf_token", token)
		}
		w.WriteField("kind", "other")
		w.WriteField("visibility", "internal")
		fw, _ := w.CreateFormFile("file", "catatan.txt")
		fw.Write([]byte("Catatan internal petugas."))
		if tokenLast {
			w.WriteField("csrf_token", token)
		}
		w.Close()
		req, _ := http.NewRequest(http.MethodPost, app.URL+path+"/dokumen"+query, &body)
		req.Header.Set("Content-Type", w.FormDataContentType())
		resp, err := ppid.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		readBody(t, resp)
		return resp.StatusCode
	}
	if st := send("?csrf_token="+token, false, false); st != http.StatusForbidden {
		t.Errorf("token in the URL: %d", st)
	}
	if st := send("", false, true); st != http.StatusForbidden {
		t.Errorf("token after the file: %d", st)
	}
	if st := send("", true, false); st != http.StatusSeeOther {
		t.Errorf("token first in the body: %d", st)
	}
	var n int
	app.Store.DB().Get(&n, `SELECT count(*) FROM documents`)
	if n != 1 {
		t.Errorf("%d documents stored, want the one with a valid token", n)
	}
}
