package web_test

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// reportCase builds the year 2025 through the services, as an office lives it: four requests
// (three by the API, one on the web form), a grant, a refusal under Pasal 17 huruf h with an
// objection the atasan upholds, an extension followed by a late partial grant, and one left
// unanswered. The clock then stands on Monday 12 January 2026, when the PPID makes the report.
func reportCase(t *testing.T) (app *testApp, ppid, atasan, admin *officer, paths []string) {
	t.Helper()
	// Monday 3 November 2025, 09:00 WIB: every request counts from that day, due 17 November.
	app = newApp(t, time.Date(2025, 11, 3, 9, 0, 0, 0, jakarta))
	ppid = signIn(t, app, "ppid.laporan@uji.test", "ppid", "rahasia-ppid")
	atasan = signIn(t, app, "atasan.laporan@uji.test", "atasan", "rahasia-atasan")
	admin = signIn(t, app, "admin.laporan@uji.test", "admin", "rahasia-admin")
	granted, _, _ := submitViaAPI(t, app)
	refused, number, code := submitViaAPI(t, app)
	late, _, _ := submitViaAPI(t, app)
	if resp, err := newClient(t).PostForm(app.URL+"/permohonan/baru", validForm()); err != nil || resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("web form: %v %v", resp, err)
	}
	open := "/kantor/permohonan/" + idOf(t, app, `SELECT id::text FROM requests WHERE channel = 'web'`)
	api := func(path string) string { return strings.Replace(path, "/kantor/", "/api/v1/kantor/", 1) }

	app.Clock.Set(time.Date(2025, 11, 5, 10, 0, 0, 0, jakarta))
	if st, out := ppid.postJSON(api(granted)+"/decide", map[string]any{"kind": "dikabulkan", "notice_at": "2025-11-05T10:00:00+07:00",
		"information_given": "Rekap", "form": "softcopy", "cost": "Tanpa biaya", "delivery_time": "Hari ini"}); st != 200 {
		t.Fatalf("grant: %d %v", st, out)
	}
	if st, _, page := ppid.post(refused+"/putuskan", refusalOn("2025-11-05")); st != http.StatusSeeOther {
		t.Fatalf("refusal: %d %v", st, fieldErrors(page))
	}
	if st, out := ppid.postJSON(api(late)+"/extend", map[string]any{"reason": "Dokumen tersebar di tiga bidang."}); st != 200 {
		t.Fatalf("extend: %d %v", st, out)
	}
	app.Clock.Set(time.Date(2025, 11, 7, 10, 0, 0, 0, jakarta))
	if resp, out := postJSON(t, app.URL+"/api/v1/objections", map[string]any{"registration_number": number, "tracking_code": code,
		"grounds": []string{"a"}, "reasons": "Data yang saya minta bukan data pribadi."}); resp.StatusCode != http.StatusCreated {
		t.Fatalf("objection: %d %v", resp.StatusCode, out)
	}
	oid := idOf(t, app, `SELECT id::text FROM objections`)
	if st, _, _ := atasan.post(refused+"/keberatan/"+oid+"/tanggapan", url.Values{"outcome": {"dikuatkan"},
		"answer": {"Pengecualian sudah tepat menurut Pasal 17 huruf h."}}); st != http.StatusSeeOther {
		t.Fatalf("answer: %d", st)
	}
	// 15 December: past the 17 working days of the extension (26 November).
	app.Clock.Set(time.Date(2025, 12, 15, 10, 0, 0, 0, jakarta))
	partial := refusalOn("2025-12-15")
	partial.Set("kind", "dikabulkan_sebagian")
	partial.Set("information_given", "Rekap tanpa data kesehatan")
	partial.Set("withheld", "Data kesehatan pegawai")
	partial.Set("form", "softcopy")
	partial.Set("cost", "Tanpa biaya")
	partial.Set("delivery_time", "Hari ini")
	if st, _, page := ppid.post(late+"/putuskan", partial); st != http.StatusSeeOther {
		t.Fatalf("partial grant: %d %v", st, fieldErrors(page))
	}
	app.Clock.Set(time.Date(2026, 1, 12, 10, 0, 0, 0, jakarta))
	return app, ppid, atasan, admin, []string{granted, refused, late, open}
}

// refusalOn is a complete refusal under Pasal 17 huruf h given on day at 10:00.
func refusalOn(day string) url.Values {
	return formBody("kind", "ditolak", "notice_date", day, "notice_time", "10:00", "exemption_letters", "h",
		"legal_basis", "UU 14/2008 Pasal 17 huruf h", "harm", "Membuka data kesehatan pegawai.",
		"public_interest", "Tidak lebih besar.", "dik_subject", "Data kesehatan pegawai")
}

// reportFigures is the part of a report's JSON the tests compare.
type reportFigures struct {
	Status    string `json:"status"`
	PDFSHA256 string `json:"pdf_sha256"`
	Figures   struct {
		Received  int `json:"received"`
		ByChannel []struct {
			Code  string
			Count int
		} `json:"by_channel"`
		ByRequesterKind []struct {
			Code  string
			Count int
		} `json:"by_requester_kind"`
		Decisions []struct {
			Code  string
			Count int
		} `json:"decisions"`
		Notices struct {
			OnTime            int `json:"on_time"`
			Late              int `json:"late"`
			OverdueUnanswered int `json:"overdue_unanswered"`
		} `json:"notices"`
		MedianDaysTaken *float64 `json:"median_days_taken"`
		OnTimeRate      *float64 `json:"on_time_rate"`
		Extensions      int      `json:"extensions"`
		Exemptions      []struct {
			Letter  string `json:"letter"`
			Refused int    `json:"refused"`
			Partial int    `json:"partial"`
		} `json:"exemptions_by_letter"`
		Objections struct {
			Filed, Upheld, Overturned int
		} `json:"objections"`
		Survey *struct{} `json:"survey"`
	} `json:"figures"`
}

func (o *officer) reportJSON(year int) (int, reportFigures) {
	o.t.Helper()
	resp, err := o.c.Get(o.app.URL + "/api/v1/kantor/reports/" + strconv.Itoa(year))
	if err != nil {
		o.t.Fatal(err)
	}
	var r reportFigures
	body := readBody(o.t, resp)
	if resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal([]byte(body), &r); err != nil {
			o.t.Fatalf("report JSON: %v %s", err, body)
		}
	}
	return resp.StatusCode, r
}

func countOf(cs []struct {
	Code  string
	Count int
}, code string) int {
	for _, c := range cs {
		if c.Code == code {
			return c.Count
		}
	}
	return -1
}

// The report's figures are the register's: every count the annual report gives is checked against
// the public register of the same year (its CSV) and the published statistics.
func TestAnnualReportFiguresEqualTheRegister(t *testing.T) {
	t.Parallel()
	app, ppid, _, _, _ := reportCase(t)
	st, rep := ppid.reportJSON(2025)
	if st != http.StatusOK || rep.Status != "draft" {
		t.Fatalf("draft: %d %+v", st, rep)
	}
	f := rep.Figures

	resp, err := http.Get(app.URL + "/register.csv?tahun=2025")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(readBody(t, resp))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	rows = rows[1:]
	decisions, onTime, late, extended, overdue := map[string]int{}, 0, 0, 0, 0
	var days []int
	for _, r := range rows {
		if d := r[col["decision"]]; d != "" {
			decisions[d]++
		}
		switch r[col["on_time"]] {
		case "true":
			onTime++
		case "false":
			late++
		}
		if r[col["extended"]] == "true" {
			extended++
		}
		if r[col["days_taken"]] != "" {
			n, _ := strconv.Atoi(r[col["days_taken"]])
			days = append(days, n)
		} else if r[col["due_date"]] < "2026-01-12" {
			overdue++
		}
	}
	slices.Sort(days)
	// The hand-built year: 4 requests, 3 notices (2, 2 and 30 working days), one extended, one unanswered.
	if len(rows) != 4 || f.Received != len(rows) {
		t.Errorf("received: report %d, register %d, want 4", f.Received, len(rows))
	}
	if f.Notices.OnTime != onTime || f.Notices.Late != late || onTime != 2 || late != 1 {
		t.Errorf("on time/late: report %d/%d, register %d/%d", f.Notices.OnTime, f.Notices.Late, onTime, late)
	}
	if f.Notices.OverdueUnanswered != overdue || overdue != 1 {
		t.Errorf("overdue unanswered: report %d, register %d", f.Notices.OverdueUnanswered, overdue)
	}
	if f.Extensions != extended || extended != 1 {
		t.Errorf("extensions: report %d, register %d", f.Extensions, extended)
	}
	if f.MedianDaysTaken == nil || len(days) != 3 || *f.MedianDaysTaken != float64(days[1]) {
		t.Errorf("median: report %v, register days %v", f.MedianDaysTaken, days)
	}
	if f.OnTimeRate == nil || *f.OnTimeRate != 0.5 {
		t.Errorf("on-time rate %v, want 2/(2+1+1)", f.OnTimeRate)
	}
	for _, code := range []string{"dikabulkan", "dikabulkan_sebagian", "ditolak", "tidak_dikuasai"} {
		if got := countOf(f.Decisions, code); got != decisions[code] {
			t.Errorf("decisions %s: report %d, register %d", code, got, decisions[code])
		}
	}
	if countOf(f.ByChannel, "api") != 3 || countOf(f.ByChannel, "web") != 1 || countOf(f.ByRequesterKind, "perorangan") != 4 {
		t.Errorf("by channel %v, by requester kind %v", f.ByChannel, f.ByRequesterKind)
	}
	if f.Survey != nil {
		t.Errorf("survey figures without survey answers: %v", f.Survey)
	}

	// The statistics, published from the same rows, give the same Pasal 17 and objection counts.
	resp, err = http.Get(app.URL + "/api/v1/statistics?year=2025")
	if err != nil {
		t.Fatal(err)
	}
	var stats struct {
		Received   int `json:"received"`
		Exemptions []struct {
			Letter  string `json:"letter"`
			Refused int    `json:"refused"`
			Partial int    `json:"partial"`
		} `json:"exemptions_by_letter"`
		Objections struct{ Filed, Upheld, Overturned int } `json:"objections"`
	}
	if err := json.Unmarshal([]byte(readBody(t, resp)), &stats); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(stats.Exemptions, f.Exemptions) || stats.Objections != f.Objections || stats.Received != f.Received {
		t.Errorf("report %+v %+v, statistics %+v %+v", f.Exemptions, f.Objections, stats.Exemptions, stats.Objections)
	}
	for _, e := range f.Exemptions {
		if want := map[bool]int{true: 1, false: 0}[e.Letter == "h"]; e.Refused != want || e.Partial != want {
			t.Errorf("Pasal 17 huruf %s: %+v", e.Letter, e)
		}
	}
	if f.Objections.Filed != 1 || f.Objections.Upheld != 1 {
		t.Errorf("objections %+v", f.Objections)
	}
	page := ppid.get("/kantor/laporan/2025")
	if !strings.Contains(page, "Rancangan") || !strings.Contains(page, "Belum ada data survei") || !strings.Contains(page, "Kunci laporan") {
		t.Errorf("the draft page does not show the draft, the missing survey or the lock button")
	}
}

var shaPattern = regexp.MustCompile(`<code class="sha256">([0-9a-f]{64})</code>`)

func (o *officer) download(path string) (int, []byte) {
	o.t.Helper()
	resp, err := o.c.Get(o.app.URL + path)
	if err != nil {
		o.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func sum(b []byte) string { h := sha256.Sum256(b); return hex.EncodeToString(h[:]) }

// Locking freezes the figures: data changed afterwards (a request added to 2025, the open one
// answered) moves the live statistics but not the locked report; the PDF is made once and its
// SHA-256 is shown and stays; unlocking needs an administrator and a reason, kept in the history;
// the public sees the report only once published.
func TestLockedReportIsFrozenPublishedAndUnlockedWithAReason(t *testing.T) {
	t.Parallel()
	app, ppid, atasan, admin, paths := reportCase(t)
	public := &officer{t: t, app: app, c: newClient(t)}
	notPublic := func(when string) {
		t.Helper()
		resp, out := getJSON(t, app.URL+"/api/v1/reports/2025")
		if resp.StatusCode != http.StatusNotFound || out["error"] == nil {
			t.Errorf("%s: /api/v1/reports/2025 %d %v", when, resp.StatusCode, out)
		}
		if st, _ := public.download("/laporan/2025.pdf"); st != http.StatusNotFound {
			t.Errorf("%s: /laporan/2025.pdf %d", when, st)
		}
		if strings.Contains(public.get("/laporan"), "2025.pdf") {
			t.Errorf("%s: /laporan lists 2025", when)
		}
	}
	notPublic("draft")

	// The PPID writes the narrative, then locks; the atasan may read but not lock.
	narrative := url.Values{"policy": {"SK Kepala Dinas tentang layanan informasi."}, "facilities": {"Meja layanan, 3 petugas."},
		"budget": {"Rp 50.000.000, terpakai 80%."}, "constraints": {"Arsip belum digital."}, "recommendations": {"Digitalisasi arsip."}}
	if st, kind, _ := ppid.postStep("/kantor/laporan/2025", narrative); st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("save narrative: %d %q", st, kind)
	}
	if st, _, _ := atasan.post("/kantor/laporan/2025/kunci", url.Values{}); st != http.StatusForbidden {
		t.Errorf("the atasan locked: %d", st)
	}
	if st, kind, _ := ppid.postStep("/kantor/laporan/2026/kunci", url.Values{}); st != http.StatusSeeOther || kind != flashRefused {
		t.Errorf("locking the running year: %d %q", st, kind)
	}
	if st, kind, _ := ppid.postStep("/kantor/laporan/2025/umumkan", url.Values{}); st != http.StatusSeeOther || kind != flashRefused {
		t.Errorf("publishing a draft: %d %q", st, kind)
	}
	if st, kind, _ := ppid.postStep("/kantor/laporan/2025/kunci", url.Values{}); st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("lock: %d %q", st, kind)
	}
	_, locked := ppid.reportJSON(2025)
	page := ppid.get("/kantor/laporan/2025")
	m := shaPattern.FindStringSubmatch(page)
	if m == nil || locked.Status != "locked" || locked.PDFSHA256 != m[1] {
		t.Fatalf("locked report: status %q, sha %q, page sha %v", locked.Status, locked.PDFSHA256, m)
	}
	st, pdf := ppid.download("/kantor/laporan/2025/pdf")
	_, again := ppid.download("/kantor/laporan/2025/pdf")
	if st != http.StatusOK || !strings.HasPrefix(string(pdf), "%PDF") || sum(pdf) != m[1] || sum(again) != m[1] {
		t.Fatalf("pdf: %d, sha %s and %s, shown %s", st, sum(pdf), sum(again), m[1])
	}
	if st, kind, _ := ppid.postStep("/kantor/laporan/2025", narrative); kind != flashRefused {
		t.Errorf("edit after lock: %d %q", st, kind)
	}
	notPublic("locked")

	// Data changes after the lock: a request is added to 2025 and the open one is answered.
	cloneRequests(t, app, caseIDOf(paths[0]), idOf(t, app, `SELECT id::text FROM units WHERE kind = 'utama'`), 1)
	grant := url.Values{"kind": {"dikabulkan"}, "notice_date": {"2026-01-12"}, "notice_time": {"09:00"}, "information_given": {"Rekap"},
		"form": {"softcopy"}, "cost": {"Tanpa biaya"}, "delivery_time": {"Hari ini"}}
	if st, _, page := ppid.post(paths[3]+"/putuskan", grant); st != http.StatusSeeOther {
		t.Fatalf("late grant: %d %v", st, fieldErrors(page))
	}
	_, after := ppid.reportJSON(2025)
	if after.Figures.Received != 4 || after.Figures.Notices != locked.Figures.Notices || countOf(after.Figures.Decisions, "dikabulkan") != 1 {
		t.Errorf("locked figures moved: received %d, notices %+v", after.Figures.Received, after.Figures.Notices)
	}
	resp, live := getJSON(t, app.URL+"/api/v1/statistics?year=2025")
	if resp.StatusCode != 200 || live["received"] != 5.0 {
		t.Errorf("the live statistics did not see the new request: %v", live["received"])
	}
	if st, again := ppid.download("/kantor/laporan/2025/pdf"); st != 200 || sum(again) != m[1] {
		t.Errorf("the PDF changed after the data did")
	}

	// Published: the list, the PDF (the same bytes) and the open-data API's frozen figures.
	if st, kind, _ := ppid.postStep("/kantor/laporan/2025/umumkan", url.Values{}); st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("publish: %d %q", st, kind)
	}
	if list := public.get("/laporan"); !strings.Contains(list, `href="/laporan/2025.pdf"`) || !strings.Contains(list, m[1]) {
		t.Errorf("/laporan does not list the report with its SHA-256")
	}
	if st, b := public.download("/laporan/2025.pdf"); st != http.StatusOK || sum(b) != m[1] {
		t.Errorf("/laporan/2025.pdf: %d, sha %s", st, sum(b))
	}
	resp, out := getJSON(t, app.URL+"/api/v1/reports/2025")
	figures, _ := out["figures"].(map[string]any)
	if resp.StatusCode != http.StatusOK || figures["received"] != 4.0 || out["pdf_sha256"] != m[1] {
		t.Errorf("/api/v1/reports/2025: %d %v", resp.StatusCode, out)
	}

	// Unlocking: not the PPID, not without a reason; an administrator with a reason, kept in the history.
	if st, _, _ := ppid.post("/kantor/laporan/2025/buka-kunci", url.Values{"reason": {"Angka sengketa salah dicatat."}}); st != http.StatusForbidden {
		t.Errorf("the PPID unlocked: %d", st)
	}
	if st, _, page := admin.post("/kantor/laporan/2025/buka-kunci", url.Values{"reason": {""}}); st != http.StatusUnprocessableEntity || !hasFieldError(page, "reason") {
		t.Errorf("unlock without a reason: %d %v", st, fieldErrors(page))
	}
	if _, r := ppid.reportJSON(2025); r.Status != "published" {
		t.Errorf("a refused unlock changed the report: %q", r.Status)
	}
	reason := "Putusan Komisi Informasi 2025 tercatat terlambat."
	if st, kind, _ := admin.postStep("/kantor/laporan/2025/buka-kunci", url.Values{"reason": {reason}}); st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("unlock: %d %q", st, kind)
	}
	_, draft := ppid.reportJSON(2025)
	if draft.Status != "draft" || draft.Figures.Received != 5 {
		t.Errorf("after unlocking the draft is computed again: %q, received %d", draft.Status, draft.Figures.Received)
	}
	history := ppid.get("/kantor/laporan/2025")
	if !strings.Contains(history, reason) || !strings.Contains(history, m[1]) {
		t.Errorf("the history lacks the unlock reason or the PDF it had")
	}
	notPublic("unlocked")
	if _, err := app.Store.DB().Exec(`UPDATE annual_report_events SET note = 'x'`); err == nil {
		t.Error("the report history can be rewritten")
	}
	if _, err := app.Store.DB().Exec(`DELETE FROM annual_report_events`); err == nil {
		t.Error("the report history can be deleted")
	}
}

// The report is the public body's: a PPID of a PPID Pelaksana reads it but cannot lock it, a
// petugas cannot open it, the officers' API needs the report permission.
func TestAnnualReportPermissionsAndScope(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 1, 12, 10, 0, 0, 0, jakarta))
	unit := addUnit(t, app, "PPID Pelaksana Dinas Kesehatan")
	pelaksana := signInUnit(t, app, "ppid.dinkes@uji.test", "ppid", unit)
	petugas := signIn(t, app, "petugas.laporan@uji.test", "petugas", "rahasia-petugas")
	if page := pelaksana.get("/kantor/laporan/2025"); !strings.Contains(page, "Laporan tahunan layanan informasi publik 2025") {
		t.Error("a PPID Pelaksana cannot read the report")
	}
	if st, kind, _ := pelaksana.postStep("/kantor/laporan/2025/kunci", url.Values{}); st != http.StatusSeeOther || kind != flashRefused {
		t.Errorf("a PPID Pelaksana locked the body's report: %d %q", st, kind)
	}
	if n := count(t, app, `SELECT count(*) FROM annual_reports`); n != 0 {
		t.Errorf("%d report rows after a refused lock", n)
	}
	if st := petugas.status("/kantor/laporan/2025"); st != http.StatusForbidden {
		t.Errorf("a petugas opens the report: %d", st)
	}
	if st, _ := petugas.reportJSON(2025); st != http.StatusForbidden {
		t.Errorf("a petugas reads the report API: %d", st)
	}
	if st := pelaksana.status("/kantor/laporan/2027"); st != http.StatusNotFound {
		t.Errorf("a future year's report: %d", st)
	}
}

func getJSON(t *testing.T, u string) (*http.Response, map[string]any) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	raw := readBody(t, resp)
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		t.Fatalf("%s: not JSON: %q", u, raw)
	}
	return resp, out
}
