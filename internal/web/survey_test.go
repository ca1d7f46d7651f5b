package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/terbuka-id/terbuka/internal/textextract"
)

// The satisfaction survey (SKM, PermenPAN-RB 14/2017): desk entry, the index, invitations, the
// requester's questionnaire, anonymity and scope.

// mainUnitID is the PPID Utama's id.
func mainUnitID(t *testing.T, app *testApp) int64 {
	t.Helper()
	var id int64
	if err := app.Store.DB().Get(&id, `SELECT id FROM units WHERE kind = 'utama'`); err != nil {
		t.Fatal(err)
	}
	return id
}

// answers is a form's nine scores as the API takes them.
func answers(scores ...int) map[string]any {
	out := map[string]any{}
	for i, s := range scores {
		out["U"+strconv.Itoa(i+1)] = s
	}
	return out
}

func surveyJSON(t *testing.T, url string) (int, map[string]any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	json.Unmarshal([]byte(readBody(t, resp)), &out)
	return resp.StatusCode, out
}

// Three paper forms worked by hand: totals 31, 27 and 28 points, 86 in all.
// NRR U1 (4+3+3)/3 = 3.33, U2 9/3 = 3.00, U3 8/3 = 2.67, U4 12/3 = 4.00, U5 3.00, U6 10/3 = 3.33,
// U7 11/3 = 3.67, U8 3.00, U9 8/3 = 2.67. IKM = 86/3 × 1/9 = 3.185185…, × 25 = 79.6296… → 79.63, grade
// B (Baik). With the spreadsheet weight 0.111 it would read 79.55.
func TestSurveyDeskFormsGiveTheIndexWorkedByHand(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	petugas := signIn(t, app, "petugas.skm@uji.test", "petugas", "rahasia-petugas-skm")
	unit := mainUnitID(t, app)
	forms := [][]int{{4, 4, 3, 4, 3, 3, 4, 3, 3}, {3, 3, 3, 4, 3, 3, 3, 3, 2}, {3, 2, 2, 4, 3, 4, 4, 3, 3}}
	for i, f := range forms {
		st, out := petugas.postJSON("/api/v1/kantor/skm", map[string]any{"unit_id": unit, "filled_at": "2026-10-1" + strconv.Itoa(i),
			"answers": answers(f...), "respondent": map[string]any{"gender": "perempuan", "age_group": "30_39"}})
		if st != http.StatusCreated || out["id"] == nil {
			t.Fatalf("form %d: %d %v", i, st, out)
		}
	}
	// A form of the year before counts in 2025 only.
	if st, out := petugas.postJSON("/api/v1/kantor/skm", map[string]any{"unit_id": unit, "filled_at": "2025-12-31",
		"answers": answers(1, 1, 1, 1, 1, 1, 1, 1, 1)}); st != http.StatusCreated {
		t.Fatalf("2025 form: %d %v", st, out)
	}

	st, got := surveyJSON(t, app.URL+"/api/v1/skm?year=2026")
	if st != http.StatusOK {
		t.Fatalf("GET /api/v1/skm: %d %v", st, got)
	}
	keys := make([]string, 0, len(got))
	for k := range got {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"elements", "grade", "grade_label", "ikm", "period", "population", "required_sample", "respondents", "sample_too_small"}; !slices.Equal(keys, want) {
		t.Errorf("keys %v, want %v", keys, want)
	}
	if got["respondents"] != 3.0 || got["ikm"] != 79.63 || got["grade"] != "B" || got["grade_label"] != "Baik" {
		t.Errorf("index: respondents %v, ikm %v, grade %v %v; want 3, 79.63, B Baik", got["respondents"], got["ikm"], got["grade"], got["grade_label"])
	}
	wantAvg := map[string]float64{"U1": 3.33, "U2": 3.00, "U3": 2.67, "U4": 4.00, "U5": 3.00, "U6": 3.33, "U7": 3.67, "U8": 3.00, "U9": 2.67}
	elements, _ := got["elements"].([]any)
	if len(elements) != 9 {
		t.Fatalf("elements: %v", got["elements"])
	}
	for i, e := range elements {
		el := e.(map[string]any)
		if code := "U" + strconv.Itoa(i+1); el["code"] != code || el["average"] != wantAvg[code] || el["name"] == "" {
			t.Errorf("element %d: %v, want %s average %v", i, el, code, wantAvg[code])
		}
	}
	// The quarter holding October, the unit, and a custom period agree; 2025 has the one low form.
	for _, q := range []string{"year=2026&quarter=4", "year=2026&semester=2&unit=" + strconv.FormatInt(unit, 10), "from=2026-10-10&to=2026-10-12"} {
		if _, g := surveyJSON(t, app.URL+"/api/v1/skm?"+q); g["ikm"] != 79.63 || g["respondents"] != 3.0 {
			t.Errorf("%s: %v", q, g)
		}
	}
	if _, g := surveyJSON(t, app.URL+"/api/v1/skm?year=2025"); g["ikm"] != 25.0 || g["grade"] != "D" || g["grade_label"] != "Tidak Baik" {
		t.Errorf("2025: %v", g)
	}
	// Without respondents the index and grade are null, not 0.
	if _, g := surveyJSON(t, app.URL+"/api/v1/skm?year=2026&quarter=1"); g["ikm"] != nil || g["grade"] != nil || g["respondents"] != 0.0 {
		t.Errorf("empty quarter: %v", g)
	} else if _, present := g["ikm"]; !present {
		t.Error("ikm missing instead of null")
	}
	for _, bad := range []string{"year=20x6", "semester=3", "quarter=5", "from=2026-13-01&to=2026-12-01", "from=2026-05-01&to=2026-04-01", "unit=abc", "unit=99999"} {
		if st, g := surveyJSON(t, app.URL+"/api/v1/skm?"+bad); st != http.StatusBadRequest || g["fields"] == nil {
			t.Errorf("%s: %d %v, want 400 with fields", bad, st, g)
		}
	}

	// The public page shows the same figures, the chart and the warning-free sample line.
	page := html.UnescapeString(petugas.get("/skm?tahun=2026"))
	for _, want := range []string{"79,63", "Baik", "<svg", "3,67", "Perempuan", `href="/skm.xlsx?tahun=2026"`, `href="/skm.pdf?tahun=2026"`} {
		if !strings.Contains(page, want) {
			t.Errorf("/skm lacks %q", want)
		}
	}
}

func TestSurveyEntryNamesEachBadField(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid.skm@uji.test", "ppid", "rahasia-ppid-skm")
	unit := mainUnitID(t, app)
	bad := answers(5, 0, 3, 4, 3, 3, 4, 3)
	bad["U3"] = 2.5
	bad["U4"] = "4"
	bad["U10"] = 4
	st, out := ppid.postJSON("/api/v1/kantor/skm", map[string]any{"unit_id": unit, "filled_at": "2026-11-03", "answers": bad,
		"respondent": map[string]any{"gender": "robot"}})
	fields, _ := out["fields"].(map[string]any)
	if st != http.StatusUnprocessableEntity || out["error"] == "" {
		t.Fatalf("bad form: %d %v", st, out)
	}
	for _, key := range []string{"answers.U1", "answers.U2", "answers.U3", "answers.U4", "answers.U9", "answers.U10", "filled_at", "respondent.gender"} {
		if fields[key] == nil {
			t.Errorf("no error for %s: %v", key, fields)
		}
	}
	for _, key := range []string{"answers.U5", "answers.U8", "unit_id"} {
		if fields[key] != nil {
			t.Errorf("error for the valid %s: %v", key, fields[key])
		}
	}
	for name, body := range map[string]map[string]any{
		"unknown unit":   {"unit_id": 99999, "filled_at": "2026-11-02", "answers": answers(4, 4, 4, 4, 4, 4, 4, 4, 4)},
		"malformed date": {"unit_id": unit, "filled_at": "02-11-2026", "answers": answers(4, 4, 4, 4, 4, 4, 4, 4, 4)},
		"no answers":     {"unit_id": unit, "filled_at": "2026-11-02"},
	} {
		st, out := ppid.postJSON("/api/v1/kantor/skm", body)
		fields, _ := out["fields"].(map[string]any)
		if st != http.StatusUnprocessableEntity || len(fields) == 0 {
			t.Errorf("%s: %d %v", name, st, out)
		}
	}
	if n := count(t, app, `SELECT count(*) FROM survey_responses`); n != 0 {
		t.Errorf("%d responses stored from bad forms", n)
	}

	// The desk form re-renders with the officer's input and a message per field.
	status, _, page := ppid.post("/kantor/skm/baru", url.Values{"unit_id": {strconv.FormatInt(unit, 10)}, "filled_at": {"2026-11-02"},
		"answers.U1": {"4"}, "answers.U2": {"2"}, "respondent.occupation": {"swasta"}, "suggestion": {"Antrean dipercepat."}})
	if status != http.StatusUnprocessableEntity || !hasFieldError(page, "answers.U3") || hasFieldError(page, "answers.U1") {
		t.Fatalf("desk form with gaps: %d, errors %v", status, fieldErrors(page))
	}
	for _, kept := range []string{`name="answers.U1" value="4" checked`, `name="answers.U2" value="2" checked`,
		`name="respondent.occupation" value="swasta" checked`, "Antrean dipercepat."} {
		if !strings.Contains(page, kept) {
			t.Errorf("desk form lost %q", kept)
		}
	}
	complete := url.Values{"unit_id": {strconv.FormatInt(unit, 10)}, "filled_at": {"2026-11-02"}, "respondent.occupation": {"swasta"}}
	for i := 1; i <= 9; i++ {
		complete.Set("answers.U"+strconv.Itoa(i), "3")
	}
	if status, flash, _ := ppid.post("/kantor/skm/baru", complete); status != http.StatusSeeOther || flash == "" {
		t.Errorf("complete desk form: %d %q", status, flash)
	}
	if n := count(t, app, `SELECT count(*) FROM survey_responses WHERE channel = 'desk' AND occupation = 'swasta' AND u9 = 3`); n != 1 {
		t.Errorf("%d desk responses stored, want 1", n)
	}
}

// An officer of a PPID Pelaksana enters forms for their own unit only and moderates only its suggestions.
func TestSurveyEntryKeepsToTheOfficersUnit(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	main := mainUnitID(t, app)
	var other int64
	if err := app.Store.DB().Get(&other, `INSERT INTO units (name, kind) VALUES ('PPID Pelaksana Dinas Kesehatan', 'pelaksana') RETURNING id`); err != nil {
		t.Fatal(err)
	}
	utama := signIn(t, app, "utama.skm@uji.test", "ppid", "rahasia-utama-skm")
	addUser(t, app.Store, "dinkes.skm@uji.test", "petugas", "rahasia-dinkes-skm")
	app.Store.DB().MustExec(`UPDATE users SET unit_id = $1 WHERE email = 'dinkes.skm@uji.test'`, other)
	c, _ := login(t, app, "dinkes.skm@uji.test", "rahasia-dinkes-skm")
	dinkes := &officer{t: t, app: app, c: c}
	atasan := signIn(t, app, "atasan.skm@uji.test", "atasan", "rahasia-atasan-skm")

	form := func(unit int64, suggestion string) map[string]any {
		return map[string]any{"unit_id": unit, "filled_at": "2026-11-02", "answers": answers(4, 4, 4, 4, 4, 4, 4, 4, 4), "suggestion": suggestion}
	}
	if st, out := dinkes.postJSON("/api/v1/kantor/skm", form(other, "Loket dinkes perlu kursi.")); st != http.StatusCreated {
		t.Fatalf("own unit: %d %v", st, out)
	}
	if st, out := dinkes.postJSON("/api/v1/kantor/skm", form(main, "")); st != http.StatusUnprocessableEntity || out["fields"].(map[string]any)["unit_id"] == nil {
		t.Errorf("another unit: %d %v, want 422 on unit_id", st, out)
	}
	if st, out := utama.postJSON("/api/v1/kantor/skm", form(main, "Papan informasi utama kurang jelas.")); st != http.StatusCreated {
		t.Errorf("PPID Utama: %d %v", st, out)
	}
	if st, _ := atasan.postJSON("/api/v1/kantor/skm", form(main, "")); st != http.StatusForbidden {
		t.Errorf("atasan enters a form: %d", st)
	}
	if page := dinkes.get("/kantor/skm?tahun=2026"); strings.Contains(page, "Papan informasi utama") || !strings.Contains(page, "Loket dinkes") {
		t.Error("the Dinkes officer's survey page does not show exactly the unit's suggestions")
	}
	// The Dinkes petugas may not moderate; the PPID Utama may, any unit's.
	var id int64
	app.Store.DB().Get(&id, `SELECT id FROM survey_responses WHERE unit_id = $1`, other)
	if st, _, _ := dinkes.post("/kantor/skm/saran", url.Values{"id": {strconv.FormatInt(id, 10)}, "keputusan": {"setujui"}}); st != http.StatusForbidden {
		t.Errorf("petugas moderates: %d", st)
	}
	if _, _, page := utama.post("/kantor/skm/saran", url.Values{"id": {strconv.FormatInt(id, 10)}, "keputusan": {"setujui"}}); flashKind(page) != flashDone {
		t.Errorf("PPID Utama approving: %q", flashKind(page))
	}
	if !strings.Contains(dinkes.get("/skm?tahun=2026"), "Loket dinkes perlu kursi.") {
		t.Error("the approved suggestion is not public")
	}
}

var surveyLinkPattern = regexp.MustCompile(`/survei/([0-9A-Z]{20,})`)

// delivered, closed or withdrawn: one invitation per case, its link e-mailed sealed; the requester
// answers once; nothing shown anywhere links the answer to them.
func TestSurveyInvitationAnswerAndAnonymity(t *testing.T) {
	t.Parallel()
	mb := startMailbox(t)
	ma := newMailApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta), mb)
	app := ma.testApp
	ppid := signIn(t, app, "ppid.inv@uji.test", "ppid", "rahasia-ppid-inv")
	path, number, code := submitViaAPI(t, app)
	api := "/api/v1/kantor" + strings.TrimPrefix(path, "/kantor")
	ma.Clock.Set(time.Date(2026, 11, 3, 10, 0, 0, 0, jakarta))
	if st, out := ppid.postJSON(api+"/decide", map[string]any{"kind": "dikabulkan", "notice_at": "2026-11-03T09:00:00+07:00",
		"information_given": "Salinan RKA", "form": "softcopy", "cost": "Tanpa biaya", "delivery_time": "Hari ini"}); st != http.StatusOK {
		t.Fatalf("decide: %d %v", st, out)
	}
	if n := count(t, app, `SELECT count(*) FROM survey_invitations`); n != 0 {
		t.Errorf("invited on a notice: %d", n)
	}
	client := newClient(t)
	if strings.Contains(trackAs(t, app, client, number, code), "/lacak/survei") {
		t.Error("survey link before delivery")
	}
	if st, out := ppid.postJSON(api+"/deliver", map[string]any{"method": "email"}); st != http.StatusOK {
		t.Fatalf("deliver: %d %v", st, out)
	}
	if st, out := ppid.postJSON(api+"/close", map[string]any{}); st != http.StatusOK {
		t.Fatalf("close: %d %v", st, out)
	}
	if n := count(t, app, `SELECT count(*) FROM survey_invitations WHERE request_id = $1`, caseIDOf(path)); n != 1 {
		t.Fatalf("%d invitations after delivery and closing, want 1", n)
	}
	if n := count(t, app, `SELECT count(*) FROM outbox WHERE template = 'survey_invitation' AND recipient = 'siti@contoh.id'
		AND secrets IS NOT NULL AND NOT data ? 'survey_token'`); n != 1 {
		t.Fatalf("%d sealed survey mails, want 1", n)
	}
	ma.run(t)
	var token string
	for _, body := range mb.received("siti@contoh.id") {
		if m := surveyLinkPattern.FindStringSubmatch(body); m != nil {
			token = m[1]
		}
	}
	if token == "" {
		t.Fatalf("no survey link in the requester's mail: %v", mb.received("siti@contoh.id"))
	}
	if n := count(t, app, `SELECT count(*) FROM outbox WHERE data::text LIKE '%' || $1 || '%'`, token); n != 0 {
		t.Error("the outbox keeps the token in clear")
	}
	if !strings.Contains(trackAs(t, app, client, number, code), `href="/lacak/survei"`) {
		t.Error("the status page has no survey link")
	}

	// The questionnaire: nine fieldsets, kept input on an error.
	status, page := surveyPage(t, client, app.URL+"/survei/"+token)
	if status != http.StatusOK || strings.Count(page, "<fieldset") < 9+4 || !strings.Contains(page, "Sangat cepat") || !strings.Contains(page, "Gratis") {
		t.Fatalf("survey page: %d", status)
	}
	partial := url.Values{"answers.U1": {"4"}, "answers.U2": {"3"}, "respondent.gender": {"perempuan"}, "suggestion": {"Tolong kirim lewat WA juga."}}
	status, page = postPage(t, client, app.URL+"/survei/"+token, partial)
	if status != http.StatusUnprocessableEntity || !hasFieldError(page, "answers.U3") || !hasFieldError(page, "answers.U9") || hasFieldError(page, "answers.U1") {
		t.Errorf("incomplete survey: %d, errors %v", status, fieldErrors(page))
	}
	for _, kept := range []string{`name="answers.U1" value="4" checked`, `name="respondent.gender" value="perempuan" checked`, "Tolong kirim lewat WA juga."} {
		if !strings.Contains(page, kept) {
			t.Errorf("survey form lost %q", kept)
		}
	}
	full := url.Values{"suggestion": {"Hubungi saya di siti@contoh.id bila ada survei lagi."}}
	for i := 1; i <= 9; i++ {
		full.Set("answers.U"+strconv.Itoa(i), "3")
	}
	resp, err := client.PostForm(app.URL+"/survei/"+token, full)
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/survei/terima-kasih" {
		t.Fatalf("answer: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	// One answer per case: the link, and the status page's way, are closed now.
	if status, page := postPage(t, client, app.URL+"/survei/"+token, full); status != http.StatusGone || !strings.Contains(page, "sudah diisi") {
		t.Errorf("second answer: %d", status)
	}
	if status, _ := postPage(t, client, app.URL+"/lacak/survei", full); status != http.StatusGone {
		t.Errorf("second answer from the status page: %d", status)
	}
	if strings.Contains(trackAs(t, app, client, number, code), `href="/lacak/survei"`) {
		t.Error("survey link after answering")
	}
	if status, page := surveyPage(t, client, app.URL+"/survei/ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"); status != http.StatusNotFound || !strings.Contains(page, "tidak dikenal") {
		t.Errorf("unknown token: %d", status)
	}
	if n := count(t, app, `SELECT count(*) FROM survey_responses WHERE channel = 'web' AND suggestion_pii`); n != 1 {
		t.Errorf("%d flagged web responses, want 1 (the suggestion holds an e-mail address)", n)
	}
	// The response row cannot name the case: no column leads back to it.
	if n := count(t, app, `SELECT count(*) FROM information_schema.columns WHERE table_name = 'survey_responses'
		AND column_name IN ('request_id', 'invitation_id', 'email', 'requester_name', 'created_at')`); n != 0 {
		t.Errorf("survey_responses has %d columns linking an answer to a case", n)
	}

	// A flagged suggestion cannot be approved; no output names the requester or shows their address.
	var rid int64
	app.Store.DB().Get(&rid, `SELECT id FROM survey_responses`)
	if _, _, page := ppid.post("/kantor/skm/saran", url.Values{"id": {strconv.FormatInt(rid, 10)}, "keputusan": {"setujui"}}); flashKind(page) != flashRefused {
		t.Errorf("approving a suggestion with personal data: %q", flashKind(page))
	}
	year := strconv.Itoa(ma.Clock.Now().In(jakarta).Year())
	_, apiOut := surveyJSON(t, app.URL+"/api/v1/skm?year="+year)
	apiText, _ := json.Marshal(apiOut)
	// The case was served in the year (its written notice): a population of 1 needs 1 respondent.
	if apiOut["respondents"] != 1.0 || apiOut["population"] != 1.0 || apiOut["required_sample"] != 1.0 || apiOut["sample_too_small"] != false {
		t.Errorf("API: %v", apiOut)
	}
	outputs := map[string]string{"API": string(apiText), "public page": ppid.get("/skm?tahun=" + year),
		"PDF": pdfText(t, ppid, "/skm.pdf?tahun="+year), "XLSX": xlsxText(t, ppid, "/skm.xlsx?tahun="+year)}
	for where, text := range outputs {
		for _, identity := range []string{"Siti Aminah", "siti@contoh.id", number} {
			if strings.Contains(text, identity) {
				t.Errorf("%s shows %q", where, identity)
			}
		}
	}
	// The office page shows the flagged suggestion to officers, but never the case or its requester.
	office := ppid.get("/kantor/skm?tahun=" + year)
	if strings.Contains(office, "Siti Aminah") || strings.Contains(office, number) || !strings.Contains(office, "memuat data pribadi") {
		t.Error("the office survey page names the requester or hides the personal-data finding")
	}
}

func TestSurveyInvitationOnWithdrawal(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	petugas := signIn(t, app, "petugas.tarik@uji.test", "petugas", "rahasia-petugas-tarik")
	path, _, _ := submitViaAPI(t, app)
	if st, out := petugas.postJSON("/api/v1/kantor"+strings.TrimPrefix(path, "/kantor")+"/withdraw",
		map[string]any{"reason": "Pemohon menarik permohonannya."}); st != http.StatusOK {
		t.Fatalf("withdraw: %d %v", st, out)
	}
	if n := count(t, app, `SELECT count(*) FROM survey_invitations WHERE request_id = $1 AND NOT answered`, caseIDOf(path)); n != 1 {
		t.Errorf("%d invitations after withdrawal, want 1", n)
	}
	if n := count(t, app, `SELECT count(*) FROM outbox WHERE template = 'survey_invitation' AND request_id = $1`, caseIDOf(path)); n != 1 {
		t.Errorf("%d survey mails after withdrawal, want 1", n)
	}
}

// Follow-up actions are recorded per element and period and published.
func TestSurveyFollowUpIsPublished(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	atasan := signIn(t, app, "atasan.rtl@uji.test", "atasan", "rahasia-atasan-rtl")
	unit := strconv.FormatInt(mainUnitID(t, app), 10)
	status, _, page := atasan.post("/kantor/skm/tindak-lanjut", url.Values{"unit_id": {unit}, "tahun": {"2026"}, "kembali": {"tahun=2026"}})
	if status != http.StatusUnprocessableEntity || !hasFieldError(page, "element") || !hasFieldError(page, "action") {
		t.Errorf("empty follow-up: %d %v", status, fieldErrors(page))
	}
	status, flash, _ := atasan.post("/kantor/skm/tindak-lanjut", url.Values{"unit_id": {unit}, "tahun": {"2026"}, "element": {"U3"},
		"action": {"Menambah petugas loket pada jam sibuk."}, "responsible": {"Sekretaris PPID"}, "target": {"Triwulan I 2027"}, "kembali": {"tahun=2026"}})
	if status != http.StatusSeeOther || flash == "" {
		t.Fatalf("follow-up: %d %q", status, flash)
	}
	if page := atasan.get("/skm?tahun=2026"); !strings.Contains(page, "Menambah petugas loket pada jam sibuk.") {
		t.Error("the follow-up is not on the public page")
	}
	if page := atasan.get("/skm?tahun=2025"); strings.Contains(page, "Menambah petugas loket") {
		t.Error("the 2026 follow-up shows for 2025")
	}
}

func surveyPage(t *testing.T, c *http.Client, url string) (int, string) {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, readBody(t, resp)
}

func postPage(t *testing.T, c *http.Client, url string, form url.Values) (int, string) {
	t.Helper()
	resp, err := c.PostForm(url, form)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, readBody(t, resp)
}

// pdfText is the text of the PDF at path, as the portal's search extracts it.
func pdfText(t *testing.T, o *officer, path string) string {
	t.Helper()
	body := o.get(path)
	text, err := textextract.Extract(context.Background(), "application/pdf", []byte(body))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if !strings.Contains(text, "Nilai rata-rata per unsur") {
		t.Errorf("%s has no element table: %q", path, text)
	}
	return text
}

// xlsxText is every cell of every sheet of the workbook at path, one per line.
func xlsxText(t *testing.T, o *officer, path string) string {
	t.Helper()
	resp, err := o.c.Get(o.app.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", path, resp.StatusCode)
	}
	f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var sb strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		for _, r := range rows {
			sb.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	if !strings.Contains(sb.String(), "U9") {
		t.Errorf("%s has no element table", path)
	}
	return sb.String()
}
