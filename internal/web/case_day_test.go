package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Deciding today: the form is dated now (office time), and a notice dated the day of the request
// without a time is recorded, not refused as "before the request was received".
func TestDecidingTodayWithoutATime(t *testing.T) {
	t.Parallel()
	// Monday 2 November 2026: the request comes in at 09:00 WIB, the PPID decides at 11:17.
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	path, _, _ := submitViaAPI(t, app)
	app.Clock.Set(time.Date(2026, 11, 2, 11, 17, 0, 0, jakarta))

	page := ppid.get(path)
	for key, want := range map[string]string{"notice_date": "2026-11-02", "notice_time": "11:17"} {
		if !regexp.MustCompile(`name="` + key + `" type="(date|time)" value="` + want + `"`).MatchString(page) {
			t.Errorf("decision form: %s not pre-filled with %s", key, want)
		}
	}
	st, kind, page := ppid.postStep(path+"/putuskan", url.Values{"kind": {"tidak_dikuasai"}, "notice_date": {"2026-11-02"},
		"notice_time": {""}, "holding_body": {"Dinas Pekerjaan Umum"}})
	if st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("date-only notice on the receipt day: %d %q, fields %v", st, kind, fieldErrors(page))
	}
	var noticeAt time.Time
	if err := app.Store.DB().Get(&noticeAt, `SELECT notice_at FROM requests WHERE id = $1`, caseIDOf(path)); err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta); !noticeAt.Equal(want) {
		t.Errorf("notice recorded at %v, want the receipt %v", noticeAt, want)
	}
}

// A date-only notice the day before the request is still refused on its field.
func TestDateOnlyNoticeBeforeTheRequestIsRefused(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	path, _, _ := submitViaAPI(t, app)
	st, _, page := ppid.post(path+"/putuskan", url.Values{"kind": {"tidak_dikuasai"}, "notice_date": {"2026-11-01"},
		"holding_body": {"Dinas Pekerjaan Umum"}})
	if st != http.StatusUnprocessableEntity || !strings.Contains(page, "sebelum permohonan diterima") {
		t.Errorf("notice the day before: %d", st)
	}
}

// "Teruskan ke unit lain" is offered only when the office has another active unit.
func TestForwardOnlyOfferedWithAnotherActiveUnit(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	path, _, _ := submitViaAPI(t, app)
	if strings.Contains(ppid.get(path), path+"/teruskan") {
		t.Error("forwarding offered in an office with one unit")
	}
	api := strings.Replace(path, "/kantor/", "/api/v1/kantor/", 1)
	if _, out := ppid.postJSON(api+"/assign", map[string]any{"officer_id": 1}); strings.Contains(strings.Join(stepNames(out), " "), "forward") {
		t.Errorf("API offers forwarding with one unit: %v", out["available_steps"])
	}
	unit := addUnit(t, app, "PPID Pelaksana Dinas Kesehatan")
	if !strings.Contains(ppid.get(path), path+"/teruskan") {
		t.Error("forwarding not offered though another active unit exists")
	}
	app.Store.DB().MustExec(`UPDATE units SET active = false WHERE id = $1`, unit)
	if strings.Contains(ppid.get(path), path+"/teruskan") {
		t.Error("forwarding offered to an inactive unit only")
	}
}

func stepNames(out map[string]any) []string {
	var names []string
	steps, _ := out["available_steps"].([]any)
	for _, s := range steps {
		names = append(names, s.(string))
	}
	return names
}

// Letter downloads, office and tracking alike, are named by number and kind, and so is the
// case's document list; the letters never double the role word with the office's name.
func TestLetterFileNamesAndWording(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta)) // the test office is "PPID Uji"
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	path, number, code := submitViaAPI(t, app)
	ppid.post(path+"/perpanjang", url.Values{"reason": {"Dokumen tersebar di tiga bidang."}})
	refusal := url.Values{"kind": {"ditolak"}, "notice_date": {"2026-11-02"}, "notice_time": {"09:00"}, "exemption_letters": {"h"},
		"legal_basis": {"UU 14/2008 Pasal 17 huruf h"}, "harm": {"Membuka data kesehatan pegawai."}, "public_interest": {"Tidak lebih besar."},
		"dik_subject": {"Data kesehatan pegawai"}}
	if st, kind, _ := ppid.postStep(path+"/putuskan", refusal); st != 303 || kind != flashDone {
		t.Fatalf("decide: %d %q", st, kind)
	}
	page := ppid.get(path)
	if !strings.Contains(page, ">0001-SRT-PPID-XI-2026-perpanjangan.pdf<") || !strings.Contains(page, ">0003-SRT-PPID-XI-2026-penolakan.pdf<") {
		t.Error("the case's document list does not name the letters by number and kind")
	}
	letter := regexp.MustCompile(`href="`+regexp.QuoteMeta(path)+`/surat/(\d+)"`).FindAllStringSubmatch(page, -1)
	if len(letter) != 3 {
		t.Fatalf("letters: %v", letter)
	}
	disposition := func(c *http.Client, url string) string {
		resp, err := c.Get(app.URL + url)
		if err != nil {
			t.Fatal(err)
		}
		readBody(t, resp)
		return resp.Header.Get("Content-Disposition")
	}
	if d := disposition(ppid.c, path+"/surat/"+letter[0][1]+"/pdf"); !strings.Contains(d, `0001-SRT-PPID-XI-2026-perpanjangan.pdf`) {
		t.Errorf("office download: %q", d)
	}
	citizen := newClient(t)
	trackAs(t, app, citizen, number, code)
	if d := disposition(citizen, "/lacak/surat/"+letter[1][1]+"/pdf"); !strings.Contains(d, `0002-SRT-PPID-XI-2026-pemberitahuan.pdf`) {
		t.Errorf("tracking download: %q", d)
	}
	doubled := regexp.MustCompile(`PPID\)? PPID`)
	for _, l := range letter {
		if m := doubled.FindString(ppid.get(path + "/surat/" + l[1])); m != "" {
			t.Errorf("letter %s says %q", l[1], m)
		}
	}
}
