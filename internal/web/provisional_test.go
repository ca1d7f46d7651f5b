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

// The 2025–2026 SKB comes from the migration; 2027 has none, so its dates are provisional (DESIGN §2).
const shift2027 = "dapat bergeser setelah SKB hari libur tahun 2027 ditetapkan"

func TestAPIDeadlinesProvisional(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta))
	type answer struct {
		ResponseDue string           `json:"response_due"`
		ExtendedDue string           `json:"extended_due"`
		ObjResp     string           `json:"objection_until_if_unanswered"`
		ObjExt      string           `json:"objection_until_if_extended_unanswered"`
		Skipped     []map[string]any `json:"skipped"`
		Rules       []struct {
			Name        string `json:"name"`
			Due         string `json:"due"`
			Provisional *bool  `json:"provisional"`
		} `json:"rules"`
	}
	get := func(receivedAt string) answer {
		t.Helper()
		resp, err := http.Get(app.URL + "/api/v1/deadlines?received_at=" + url.QueryEscape(receivedAt))
		if err != nil {
			t.Fatal(err)
		}
		var a answer
		if body := readBody(t, resp); resp.StatusCode != 200 || json.Unmarshal([]byte(body), &a) != nil {
			t.Fatalf("%s: %d %s", receivedAt, resp.StatusCode, body)
		}
		return a
	}
	tests := []struct {
		receivedAt                  string
		respDue, extDue, objR, objE string
		provisional                 []bool // response, extension, objection_if_unanswered, objection_if_extended_unanswered
		provisionalSkipped          []string
	}{
		// All 2026 but the window after the extension, which crosses 1 Jan 2027 (provisional) to 11 Jan.
		{"2026-11-02T10:00:00+07:00", "2026-11-16", "2026-11-25", "2026-12-30", "2027-01-11", []bool{false, false, false, true}, nil},
		// Year boundary: 1 Jan 2027 is skipped as a provisional holiday; every clock is provisional.
		{"2026-12-28T10:00:00+07:00", "2027-01-12", "2027-01-21", "2027-02-23", "2027-03-04", []bool{true, true, true, true}, []string{"2027-01-01"}},
	}
	for _, tt := range tests {
		a := get(tt.receivedAt)
		if a.ResponseDue != tt.respDue || a.ExtendedDue != tt.extDue || a.ObjResp != tt.objR || a.ObjExt != tt.objE {
			t.Errorf("%s: %+v", tt.receivedAt, a)
		}
		if len(a.Rules) != 4 {
			t.Fatalf("%s: rules %+v", tt.receivedAt, a.Rules)
		}
		for i, r := range a.Rules {
			if r.Provisional == nil || *r.Provisional != tt.provisional[i] {
				t.Errorf("%s: rule %s provisional %v, want %v", tt.receivedAt, r.Name, r.Provisional, tt.provisional[i])
			}
		}
		if a.Rules[2].Due != tt.objR || a.Rules[3].Due != tt.objE {
			t.Errorf("%s: objection rules %+v", tt.receivedAt, a.Rules)
		}
		var prov []string
		for _, s := range a.Skipped {
			if p, ok := s["provisional"]; ok {
				if p != true {
					t.Errorf("%s: skipped %v", tt.receivedAt, s)
				}
				prov = append(prov, s["date"].(string))
			}
		}
		if strings.Join(prov, ",") != strings.Join(tt.provisionalSkipped, ",") {
			t.Errorf("%s: provisional skipped %v, want %v", tt.receivedAt, prov, tt.provisionalSkipped)
		}
	}
}

// receipt submits the web form at the app's clock and returns the receipt page.
func receipt(t *testing.T, app *testApp) string {
	t.Helper()
	c := newClient(t)
	resp, err := c.PostForm(app.URL+"/permohonan/baru", validForm())
	if err != nil {
		t.Fatal(err)
	}
	if readBody(t, resp); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d", resp.StatusCode)
	}
	resp, err = c.Get(app.URL + "/permohonan/tanda-bukti")
	if err != nil {
		t.Fatal(err)
	}
	return readBody(t, resp)
}

func TestReceiptWarnsOnlyAboutTheDateItShows(t *testing.T) {
	t.Parallel()
	// Mon 14 Dec 2026: the answer is due Wed 30 Dec 2026 (24, 25 Dec skipped). The extension would reach
	// January 2027, but the receipt does not show it, so it says nothing about 2027 (it used to).
	app := newApp(t, time.Date(2026, 12, 14, 10, 0, 0, 0, jakarta))
	page := receipt(t, app)
	if !strings.Contains(page, "Rabu, 30 Desember 2026") {
		t.Fatal("receipt lacks its due date")
	}
	if strings.Contains(page, "2027") {
		t.Errorf("an all-2026 receipt mentions 2027:\n%s", page)
	}

	// Mon 21 Dec 2026: due Thu 7 Jan 2027 (1 Jan provisional): the receipt names the date and says it may move.
	app.Clock.Set(time.Date(2026, 12, 21, 10, 0, 0, 0, jakarta))
	page = receipt(t, app)
	for _, want := range []string{"Kamis, 7 Januari 2027", "Batas pemberitahuan tertulis (Kamis, 7 Januari 2027)", shift2027,
		"1 Januari 2027 (Tahun Baru 2027 Masehi, hari libur sementara)"} {
		if !strings.Contains(page, want) {
			t.Errorf("receipt into 2027 lacks %q", want)
		}
	}
}

func TestCasePageAndExtensionLetterSayTheDateMayMove(t *testing.T) {
	t.Parallel()
	// Mon 7 Dec 2026: the answer is due Mon 21 Dec 2026. Extended by 7 working days: 22, 23, (24 cuti, 25 Christmas),
	// 28, 29, 30, 31, (Fri 1 Jan 2027, provisional New Year), Mon 4 Jan 2027 — it used to say "Jumat, 1 Januari 2027".
	app := newApp(t, time.Date(2026, 12, 7, 10, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	path, number, code := submitViaAPI(t, app)

	page := ppid.get(path)
	if strings.Contains(page, "dapat bergeser") || strings.Contains(page, "2027") {
		t.Errorf("case page warns before any date reaches 2027:\n%s", page)
	}

	app.Clock.Set(time.Date(2026, 12, 10, 10, 0, 0, 0, jakarta))
	if st, _, _ := ppid.post(path+"/perpanjang", url.Values{"reason": {"Dokumen tersebar di tiga bidang."}}); st != http.StatusSeeOther {
		t.Fatalf("extend: %d", st)
	}
	page = ppid.get(path)
	for _, want := range []string{"Senin, 4 Januari 2027", "Diperpanjang sampai (Senin, 4 Januari 2027)", "Tenggat berjalan (Senin, 4 Januari 2027)", shift2027} {
		if !strings.Contains(page, want) {
			t.Errorf("case page lacks %q", want)
		}
	}
	if strings.Contains(page, "1 Januari 2027") || strings.Contains(page, "Batas pemberitahuan tertulis (") {
		t.Error("case page counts 1 January 2027 or calls the all-2026 response date provisional")
	}

	// The extension letter, as HTML: the new due date and the sentence, once, with the year.
	link := regexp.MustCompile(`href="(` + regexp.QuoteMeta(path) + `/surat/\d+)"`).FindStringSubmatch(page)
	if link == nil {
		t.Fatal("no extension letter on the case page")
	}
	letter := ppid.get(link[1])
	if !strings.Contains(letter, "<dd>Senin, 21 Desember 2026</dd>") || !strings.Contains(letter, "Senin, 4 Januari 2027") ||
		strings.Count(letter, "Tanggal ini dapat bergeser setelah SKB hari libur tahun 2027 ditetapkan.") != 1 {
		t.Errorf("extension letter:\n%s", letter)
	}

	// The requester's status page says the same of the date it shows.
	status := trackAs(t, app, newClient(t), number, code)
	for _, want := range []string{"Senin, 4 Januari 2027", "Batas pemberitahuan tertulis (Senin, 4 Januari 2027)", shift2027} {
		if !strings.Contains(status, want) {
			t.Errorf("status page lacks %q", want)
		}
	}
}
