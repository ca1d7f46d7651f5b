package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Pasal 22(7) b on the decision form: "not held" needs the holder or the reason it is unknown,
// and the case page shows what was recorded.
func TestDecisionFormNotHeldNeedsHolderOrReason(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	path, _, _ := submitViaAPI(t, app)

	form := url.Values{"kind": {"tidak_dikuasai"}, "notice_date": {"2026-11-02"}, "notice_time": {"09:00"}}
	st, _, page := ppid.post(path+"/putuskan", form)
	if st != http.StatusUnprocessableEntity || !hasFieldError(page, "holding_body") {
		t.Fatalf("bare not-held notice: %d, fields marked %v", st, fieldErrors(page))
	}
	if n := count(t, app, `SELECT count(*) FROM decisions`); n != 0 {
		t.Fatalf("%d decisions stored", n)
	}
	why := "Ditanyakan kepada Dinas PU dan BPN; keduanya tidak menguasai data itu."
	form.Set("holding_unknown_reason", why)
	if st, kind, _ := ppid.postStep(path+"/putuskan", form); st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("not held with the reason: %d %q", st, kind)
	}
	if page := ppid.get(path); !strings.Contains(page, why) {
		t.Errorf("case page does not show the reason the holder is unknown")
	}
	if n := count(t, app, `SELECT count(*) FROM decisions WHERE holding_unknown_reason = $1`, why); n != 1 {
		t.Errorf("%d decisions keep the reason", n)
	}
}

// Perki 1/2021 on the decision form: "not yet documented" needs the promised day, which the case
// page then shows; closing is refused until the day lapses.
func TestDecisionFormNotDocumentedNeedsTheDay(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	path, _, _ := submitViaAPI(t, app)

	form := url.Values{"kind": {"belum_didokumentasikan"}, "notice_date": {"2026-11-02"}, "notice_time": {"09:00"}}
	if st, _, page := ppid.post(path+"/putuskan", form); st != http.StatusUnprocessableEntity || !hasFieldError(page, "documented_by") {
		t.Fatalf("without the day: %d, fields marked %v", st, fieldErrors(page))
	}
	form.Set("documented_by", "2026-11-20")
	if st, kind, _ := ppid.postStep(path+"/putuskan", form); st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("with the day: %d %q", st, kind)
	}
	if page := ppid.get(path); !strings.Contains(page, "20 November 2026") {
		t.Errorf("case page does not show the promised day")
	}
	if _, kind, _ := ppid.postStep(path+"/selesai", url.Values{}); kind != flashRefused {
		t.Errorf("closing before the promised day: flash %q", kind)
	}
	if n := count(t, app, `SELECT count(*) FROM requests WHERE documentation_due = '2026-11-20'`); n != 1 {
		t.Errorf("%d requests keep the promised day", n)
	}
}
