package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// clockRowPattern reads the rows of the "Tenggat" table (templates/partials/clocks.html).
var clockRowPattern = regexp.MustCompile(`<tr data-kind="([a-z_]+)" data-due="([0-9-]+)">`)

// TestCasePageClocksAreTheTrackingAPIClocks: the office case page's "Tenggat" table lists the very
// clocks the tracking API answers (workflow.Clocks), kind by kind and date by date. The case is a
// grant promising delivery by 28 December, objected to, the objection upheld on Friday 20 November
// and the answer letter sent by post on 23 November and received Wednesday 25 November: the KI
// filing runs 14 working days from that receipt, to Tuesday 15 December 2026 (Pasal 37(2)), not from
// the answer (Thursday 10 December). The old case page had no such table; it listed the response
// and extension dates by hand and no KI filing date at all.
func TestCasePageClocksAreTheTrackingAPIClocks(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	atasan := signIn(t, app, "atasan@uji.test", "atasan", "rahasia-atasan")
	path, number, code := submitViaAPI(t, app)

	app.Clock.Set(time.Date(2026, 11, 9, 10, 30, 0, 0, jakarta))
	grant := url.Values{"kind": {"dikabulkan"}, "notice_date": {"2026-11-09"}, "notice_time": {"10:00"},
		"information_given": {"Salinan kontrak pengadaan"}, "form": {"Salinan elektronik (PDF)"}, "cost": {"Tanpa biaya"},
		"delivery_time": {"Paling lambat akhir Desember"}, "delivery_due": {"2026-12-28"}}
	if st, kind, _ := ppid.postStep(path+"/putuskan", grant); st != 303 || kind != flashDone {
		t.Fatalf("grant: %d %q", st, kind)
	}
	send := func(kind, via, sent, received string) {
		t.Helper()
		var lid string
		if err := app.Store.DB().Get(&lid, `SELECT id::text FROM letters WHERE kind = $1 ORDER BY id DESC LIMIT 1`, kind); err != nil {
			t.Fatal(err)
		}
		form := url.Values{"sent_via": {via}, "sent_date": {sent}, "sent_time": {"09:00"}, "received_on": {received}}
		if st, k, page := ppid.postStep(path+"/surat/"+lid+"/kirim", form); st != 303 || k != flashDone {
			t.Fatalf("sending %s: %d %q %v", kind, st, k, fieldErrors(page))
		}
	}
	send("pemberitahuan", "email", "2026-11-09", "")

	app.Clock.Set(time.Date(2026, 11, 12, 10, 0, 0, 0, jakarta))
	if st, kind, _ := ppid.postStep(path+"/keberatan", url.Values{"grounds": {"d"}, "reasons": {"Salinan yang dijanjikan tidak lengkap."}}); st != 303 || kind != flashDone {
		t.Fatalf("objection: %d %q", st, kind)
	}
	var oid string
	if err := app.Store.DB().Get(&oid, `SELECT id::text FROM objections`); err != nil {
		t.Fatal(err)
	}
	app.Clock.Set(time.Date(2026, 11, 20, 10, 0, 0, 0, jakarta))
	if st, kind, _ := atasan.postStep(path+"/keberatan/"+oid+"/tanggapan", url.Values{"outcome": {"dikuatkan"}, "answer": {"Putusan PPID sudah tepat."}}); st != 303 || kind != flashDone {
		t.Fatalf("answer: %d %q", st, kind)
	}
	app.Clock.Set(time.Date(2026, 11, 26, 10, 0, 0, 0, jakarta))
	send("tanggapan_keberatan", "pos", "2026-11-23", "2026-11-25")

	page := ppid.get(path)
	var onPage []string
	for _, m := range clockRowPattern.FindAllStringSubmatch(page, -1) {
		onPage = append(onPage, m[1]+" "+m[2])
	}

	resp, err := http.Get(app.URL + "/api/v1/requests/" + url.PathEscape(number) + "?code=" + url.QueryEscape(code))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Clocks []struct{ Kind, Due string } `json:"clocks"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("tracking API: %d %v", resp.StatusCode, err)
	}
	var fromAPI []string
	for _, c := range out.Clocks {
		fromAPI = append(fromAPI, c.Kind+" "+c.Due)
	}
	if len(fromAPI) < 4 || strings.Join(onPage, "\n") != strings.Join(fromAPI, "\n") {
		t.Errorf("case page clocks:\n%s\ntracking API clocks:\n%s", strings.Join(onPage, "\n"), strings.Join(fromAPI, "\n"))
	}
	want := []string{"response 2026-11-16", "delivery 2026-12-28", "objection_response 2026-12-28", "dispute_filing 2026-12-15"}
	for _, w := range want {
		if !strings.Contains(strings.Join(onPage, "\n"), w) {
			t.Errorf("case page clocks lack %q: %v", w, onPage)
		}
	}
	for _, text := range []string{`<table class="clocks">`, "Batas pengajuan sengketa ke Komisi Informasi (14 hari kerja)",
		"tanggapan atasan PPID diterima pemohon, Rabu, 25 November 2026", "Selasa, 15 Desember 2026"} {
		if !strings.Contains(page, text) {
			t.Errorf("case page lacks %q", text)
		}
	}
}
