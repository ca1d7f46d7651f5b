package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// checkedNotices are the notice switches a page shows ticked, in order.
func checkedNotices(page string) []string {
	var on []string
	for _, m := range regexp.MustCompile(`name="notices" value="([a-z_]+)" (checked)?`).FindAllStringSubmatch(page, -1) {
		if m[2] != "" {
			on = append(on, m[1])
		}
	}
	return on
}

// The profile page shows the account, links the password change, offers the notices the role
// can receive, all on at first; turning one off is stored and respected when the next request
// arrives by the API.
func TestProfilePageTurnsNoticesOff(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	petugas := signIn(t, app, "petugas@uji.test", "petugas", "rahasia-petugas")
	page := petugas.get("/kantor/akun")
	for _, want := range []string{"petugas@uji.test", "PPID Utama", `href="/kantor/akun/sandi"`, "Permohonan baru di unit saya"} {
		if !strings.Contains(page, want) {
			t.Errorf("account page lacks %q", want)
		}
	}
	if strings.Contains(page, `value="new_objection"`) {
		t.Error("a petugas is offered the atasan's objection notice")
	}
	if got := strings.Join(checkedNotices(page), ","); got != "new_request,clarification_answer,digest,reminder" {
		t.Errorf("switches on at first: %s", got)
	}

	submitViaAPI(t, app)
	if n := count(t, app, `SELECT count(*) FROM outbox WHERE template = 'officer_new_request' AND recipient = 'petugas@uji.test'`); n != 1 {
		t.Fatalf("%d new-request mails to the petugas, want 1", n)
	}
	st, flash, page := petugas.post("/kantor/akun/pemberitahuan", url.Values{"notices": {"clarification_answer", "reminder"}})
	if st != http.StatusSeeOther || !strings.Contains(flash, "disimpan") {
		t.Fatalf("save: %d %q", st, flash)
	}
	if got := strings.Join(checkedNotices(page), ","); got != "clarification_answer,reminder" {
		t.Errorf("switches on after saving: %s", got)
	}
	submitViaAPI(t, app)
	if n := count(t, app, `SELECT count(*) FROM outbox WHERE template = 'officer_new_request' AND recipient = 'petugas@uji.test'`); n != 1 {
		t.Errorf("%d new-request mails to the petugas after turning them off, want still 1", n)
	}

	// A kind the role is not offered is refused with a message on the field, the ticks kept.
	st, _, page = petugas.post("/kantor/akun/pemberitahuan", url.Values{"notices": {"digest", "new_objection"}})
	if st != http.StatusUnprocessableEntity || !hasFieldError(page, "notices") || !strings.Contains(page, "tidak dikenal") {
		t.Errorf("unknown kind: %d", st)
	}
	if got := strings.Join(checkedNotices(page), ","); got != "digest" {
		t.Errorf("ticks kept on the refused save: %s", got)
	}
	if n := count(t, app, `SELECT count(*) FROM notice_opt_outs o JOIN users u ON u.id = o.user_id WHERE u.email = 'petugas@uji.test'`); n != 2 {
		t.Errorf("%d opt-outs stored after the refused save, want the 2 saved before", n)
	}
}

// The atasan PPID is offered the objection notice, and the header links the account page.
func TestProfilePageOffersTheAtasanObjections(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	atasan := signIn(t, app, "atasan@uji.test", "atasan", "rahasia-atasan-1")
	if page := atasan.get("/kantor"); !strings.Contains(page, `href="/kantor/akun"`) {
		t.Error("the header has no link to the account page")
	}
	if page := atasan.get("/kantor/akun"); !strings.Contains(page, `value="new_objection" checked`) {
		t.Error("the atasan is not offered the objection notice")
	}
}
