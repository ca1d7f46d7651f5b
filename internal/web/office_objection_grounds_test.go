package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestOfficeObjectionFormOffersOnlyOpenGrounds: the case page's objection form offers the grounds of
// Pasal 35(1) whose window is open (Pasal 36(1)), as the status page does. A grant noticed Monday
// 9 November 2026 promising delivery by Monday 28 December: on 12 November every ground a–g is
// offered; on Tuesday 29 December, the notice's window closed on 21 December and nothing delivered,
// only ground g is — also when the form comes back with an error for citing ground a. The old form
// offered a–g whatever the window, so the officer learnt of the refusal only after posting.
func TestOfficeObjectionFormOffersOnlyOpenGrounds(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	path, _, _ := submitViaAPI(t, app)
	app.Clock.Set(time.Date(2026, 11, 9, 10, 30, 0, 0, jakarta))
	grant := url.Values{"kind": {"dikabulkan"}, "notice_date": {"2026-11-09"}, "notice_time": {"10:00"},
		"information_given": {"Salinan kontrak pengadaan"}, "form": {"Salinan elektronik (PDF)"}, "cost": {"Tanpa biaya"},
		"delivery_time": {"Paling lambat akhir Desember"}, "delivery_due": {"2026-12-28"}}
	if st, kind, _ := ppid.postStep(path+"/putuskan", grant); st != 303 || kind != flashDone {
		t.Fatalf("grant: %d %q", st, kind)
	}
	form := regexp.MustCompile(`(?s)<form method="post" action="` + regexp.QuoteMeta(path) + `/keberatan" novalidate>.*?</form>`)
	groundsOffered := func(page string) string {
		t.Helper()
		f := form.FindString(page)
		if f == "" {
			t.Fatal("no objection form on the case page")
		}
		var codes []string
		for _, m := range regexp.MustCompile(`name="grounds" value="([a-g])"`).FindAllStringSubmatch(f, -1) {
			codes = append(codes, m[1])
		}
		return strings.Join(codes, "")
	}

	app.Clock.Set(time.Date(2026, 11, 12, 10, 0, 0, 0, jakarta))
	if got := groundsOffered(ppid.get(path)); got != "abcdefg" {
		t.Errorf("within the notice's window the form offers %q, want abcdefg", got)
	}

	app.Clock.Set(time.Date(2026, 12, 29, 9, 0, 0, 0, jakarta))
	if got := groundsOffered(ppid.get(path)); got != "g" {
		t.Errorf("after the promised day lapsed the form offers %q, want g", got)
	}
	objection := url.Values{"grounds": {"a"}, "reasons": {"Informasi belum diserahkan sampai 28 Desember."}}
	st, _, page := ppid.post(path+"/keberatan", objection)
	if st != http.StatusUnprocessableEntity || !hasFieldError(page, "grounds") {
		t.Fatalf("ground a: %d, fields %v", st, fieldErrors(page))
	}
	if got := groundsOffered(page); got != "g" {
		t.Errorf("the re-rendered form offers %q, want g", got)
	}
	objection.Set("grounds", "g")
	if st, kind, _ := ppid.postStep(path+"/keberatan", objection); st != 303 || kind != flashDone {
		t.Errorf("ground g: %d %q", st, kind)
	}
}
