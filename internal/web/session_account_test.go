package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestSessionReadsItsAccountInOneStatement: a signed-in request reads its session and its account
// in one statement (the account's id is kept beside the sealed session), and that shortcut must
// not weaken a check: a stale id beside the session, a deactivated account, a new session
// generation and a session deleted by another instance each take effect on the very next request.
func TestSessionReadsItsAccountInOneStatement(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC))
	db := app.Store.DB()
	accountID := func(email string) (id int64) {
		t.Helper()
		if err := db.Get(&id, `SELECT id FROM users WHERE email = $1`, email); err != nil {
			t.Fatal(err)
		}
		return id
	}
	// queueOrLogin is where GET /kantor lands: the queue, or the login form of a refused session.
	queueOrLogin := func(o *officer) (path, page string) {
		t.Helper()
		resp, err := o.c.Get(app.URL + "/kantor")
		if err != nil {
			t.Fatal(err)
		}
		page = readBody(t, resp)
		switch resp.StatusCode {
		case http.StatusOK:
			return resp.Request.URL.Path, page
		case http.StatusSeeOther:
			return strings.SplitN(resp.Header.Get("Location"), "?", 2)[0], page
		}
		t.Fatalf("GET /kantor: %d", resp.StatusCode)
		return "", ""
	}

	ppid := signIn(t, app, "sesi-ppid@uji.test", "ppid", "rahasia-sesi-ppid")
	if path, page := queueOrLogin(ppid); path != "/kantor" || !strings.Contains(page, "Keluar (Petugas ppid)") {
		t.Fatalf("signed-in officer lands on %s", path)
	}
	var hinted []int64
	if err := db.Select(&hinted, `SELECT user_id FROM sessions WHERE user_id IS NOT NULL`); err != nil {
		t.Fatal(err)
	}
	if len(hinted) != 1 || hinted[0] != accountID("sesi-ppid@uji.test") {
		t.Fatalf("sessions name accounts %v, want the PPID's only", hinted)
	}

	// A stale id beside the session never signs in as that account: the sealed session decides.
	signIn(t, app, "sesi-lain@uji.test", "petugas", "rahasia-sesi-lain")
	db.MustExec(`UPDATE sessions SET user_id = $1 WHERE user_id = $2`, accountID("sesi-lain@uji.test"), accountID("sesi-ppid@uji.test"))
	if path, page := queueOrLogin(ppid); path != "/kantor" || !strings.Contains(page, "Keluar (Petugas ppid)") || strings.Contains(page, "Petugas petugas") {
		t.Fatalf("a session with another account's id beside it lands on %s, or as the other account", path)
	}

	// Deactivated: out on the next request.
	db.MustExec(`UPDATE users SET active = false WHERE email = 'sesi-ppid@uji.test'`)
	if path, _ := queueOrLogin(ppid); path != "/kantor/masuk" {
		t.Errorf("a deactivated account's session still opens the queue (%s)", path)
	}

	// A new session generation (password changed or reset elsewhere): out on the next request (ASVS 3.3.2).
	atasan := signIn(t, app, "sesi-atasan@uji.test", "atasan", "rahasia-sesi-atasan")
	if path, _ := queueOrLogin(atasan); path != "/kantor" {
		t.Fatalf("atasan not signed in (%s)", path)
	}
	db.MustExec(`UPDATE users SET session_generation = session_generation + 1 WHERE email = 'sesi-atasan@uji.test'`)
	if path, _ := queueOrLogin(atasan); path != "/kantor/masuk" {
		t.Errorf("a session of an older generation still opens the queue (%s)", path)
	}

	// Signed out on another instance: the row is gone, so is the account.
	admin := signIn(t, app, "sesi-admin@uji.test", "admin", "rahasia-sesi-admin")
	if path, _ := queueOrLogin(admin); path != "/kantor" {
		t.Fatalf("admin not signed in (%s)", path)
	}
	db.MustExec(`DELETE FROM sessions WHERE user_id = $1`, accountID("sesi-admin@uji.test"))
	if path, _ := queueOrLogin(admin); path != "/kantor/masuk" {
		t.Errorf("a deleted session still opens the queue (%s)", path)
	}
}
