package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// A number or date that does not parse is a field error naming it, never a silent zero that
// a service would read as "no officer" or "no date" (office_forms.go).
func TestOfficeFormsRefuseMalformedNumbersAndDates(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	path, _, _ := submitViaAPI(t, app)
	version := func() (v int) {
		t.Helper()
		if err := app.Store.DB().Get(&v, `SELECT version FROM requests`); err != nil {
			t.Fatal(err)
		}
		return v
	}
	before := version()

	for _, bad := range []string{"abc", "0", "-3", "1e3", ""} {
		status, kind, _ := ppid.postStep(path+"/tugaskan", url.Values{"officer_id": {bad}})
		if status != http.StatusSeeOther || kind != flashRefused {
			t.Errorf("officer_id=%q: %d, flash %q", bad, status, kind)
		}
		status, kind, _ = ppid.postStep(path+"/teruskan", url.Values{"unit_id": {bad}})
		if status != http.StatusSeeOther || kind != flashRefused {
			t.Errorf("unit_id=%q: %d, flash %q", bad, status, kind)
		}
	}
	if v := version(); v != before {
		t.Errorf("malformed ids changed the case (version %d → %d)", before, v)
	}

	// A malformed date is refused before any service reads it (422), and the decision form
	// comes back with the error marked and what was typed (the message: rendering_test.go).
	if status, _, _ := ppid.post(path+"/sengketa", url.Values{"ki_number": {"001/KI/2026"}, "ki_received": {"3 November"}}); status != http.StatusUnprocessableEntity {
		t.Errorf("bad KI date: %d", status)
	}
	status, _, page := ppid.post(path+"/putuskan", url.Values{"kind": {"dikabulkan"}, "notice_date": {"3 November"}, "notice_time": {"25:99"}})
	if status != http.StatusUnprocessableEntity || !noticeAtInvalid(page) || !strings.Contains(page, `value="3 November"`) || !strings.Contains(page, `value="25:99"`) {
		t.Errorf("bad notice date: %d; message or input lost", status)
	}
	var n int
	if err := app.Store.DB().Get(&n, `SELECT (SELECT count(*) FROM disputes) + (SELECT count(*) FROM decisions)`); err != nil || n != 0 {
		t.Errorf("malformed forms stored %d rows (%v)", n, err)
	}
	if v := version(); v != before {
		t.Errorf("malformed forms changed the case (version %d → %d)", before, v)
	}
}

// The office's case page is built from workflow.Available: a petugas sees no decision form, a
// PPID does, an atasan neither; and the same table guards the route.
func TestCasePageOffersTheStepsTheTableAllows(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	path, _, _ := submitViaAPI(t, app)
	for _, tc := range []struct {
		role, email                 string
		decideForm, decideAllowed   bool
		assignForm, publishNavShown bool
	}{
		{"petugas", "petugas@uji.test", false, false, true, true},
		{"ppid", "ppid@uji.test", true, true, true, true},
		{"atasan", "atasan@uji.test", false, false, false, false},
	} {
		o := signIn(t, app, tc.email, tc.role, "rahasia-"+tc.role)
		page := o.get(path)
		if got := strings.Contains(page, `action="`+path+`/putuskan"`); got != tc.decideForm {
			t.Errorf("%s: decision form shown = %v", tc.role, got)
		}
		if got := strings.Contains(page, `action="`+path+`/tugaskan"`); got != tc.assignForm {
			t.Errorf("%s: assign form shown = %v", tc.role, got)
		}
		if got := strings.Contains(page, `href="/kantor/publikasi"`); got != tc.publishNavShown {
			t.Errorf("%s: publishing link shown = %v", tc.role, got)
		}
		status, _, _ := o.post(path+"/putuskan", url.Values{"kind": {"dikabulkan"}})
		if (status == http.StatusForbidden) == tc.decideAllowed {
			t.Errorf("%s: POST putuskan = %d", tc.role, status)
		}
	}
}

// noticeAtInvalid reports whether the decision form carries the error of its date and time pair,
// which sits under the two inputs without an id of its own.
func noticeAtInvalid(page string) bool {
	return regexp.MustCompile(`name="notice_time"[^>]*>\s*</div>\s*</div>\s*<p class="error">`).MatchString(page)
}
