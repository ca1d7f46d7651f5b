package web_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/store"
)

// trRequester is one citizen's distinctive personal data: none of it may reach the register.
type trRequester struct {
	Name, NIK, Address, Phone, Email, Occupation, Purpose, Information string
	Consent                                                            bool
}

func (p trRequester) personal() []string {
	return []string{p.Name, p.NIK, p.Address, p.Phone, strings.ReplaceAll(p.Phone, " ", ""), p.Email, p.Occupation, p.Purpose,
		p.NIK[:2] + "**********" + p.NIK[12:]}
}

func (p trRequester) body() map[string]any {
	b := validJSON()
	b["requester"] = map[string]any{"kind": "perorangan", "name": p.Name, "nik": p.NIK, "address": p.Address,
		"phone": p.Phone, "email": p.Email, "occupation": p.Occupation}
	b["information"], b["purpose"], b["publish_consent"] = p.Information, p.Purpose, p.Consent
	return b
}

var (
	trPersonA = trRequester{Name: "Zulkarnaen Wicaksono", NIK: "3174051709880042", Address: "Jl. Kenari Tersembunyi No. 77",
		Phone: "0813 9988 7766", Email: "zulkarnaen.rahasia@contoh.id", Occupation: "Penyelam Mutiara",
		Purpose: "Tujuan pribadi Zulkarnaen", Information: "Dokumen anggaran normalisasi Kanal Timur 2026", Consent: true}
	trPersonB = trRequester{Name: "Raden Ayu Pramesthi", NIK: "3578126305910077", Address: "Gang Melati Buntu 5",
		Phone: "0857 1212 3434", Email: "pramesthi.pribadi@contoh.id", Occupation: "Pembatik Tulis",
		Purpose: "Tujuan pribadi Pramesthi", Information: "Subjek-Tanpa-Izin laporan audit internal", Consent: false}
	trPersonC = trRequester{Name: "Ketut Sudarsana Putra", NIK: "5171041111990123", Address: "Banjar Tegal Sari 9",
		Phone: "0878 5656 7878", Email: "ketut.sudarsana@contoh.id", Occupation: "Pemandu Selam",
		Purpose: "Tujuan pribadi Ketut", Information: "Daftar izin reklamasi pantai untuk Ketut Sudarsana Putra, balas ke ketut.sudarsana@contoh.id", Consent: true}
	// What the public sees of C's subject: consented, with the personal data typed into it masked.
	trPersonCSubject = "Daftar izin reklamasi pantai untuk [disamarkan], balas ke [disamarkan]"
	trPersonE        = trRequester{Name: "Maria Goretti Lamablawa", NIK: "5371016607930004", Address: "Jl. Cendana Ujung 21",
		Phone: "0821 4545 9090", Email: "maria.lamablawa@contoh.id", Occupation: "Peneliti Kelautan",
		Purpose: "Tujuan pribadi Maria", Information: "Kontrak pengadaan kapal patroli", Consent: true}
	trPersonF = trRequester{Name: "Hendrawan Saputro Adi", NIK: "3273011203850007", Address: "Komplek Griya Asri Blok Z",
		Phone: "0812 0000 1111", Email: "hendrawan.adi@contoh.id", Occupation: "Juru Ukur Tanah",
		Purpose: "Tujuan pribadi Hendrawan", Information: "Peta tata ruang 2025", Consent: true}
)

// trSubmit registers p's request through the citizen API and returns its number, code and officer API path.
func trSubmit(t *testing.T, app *testApp, p trRequester) (number, code, caseAPI string) {
	t.Helper()
	resp, out := postJSON(t, app.URL+"/api/v1/requests", p.body())
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("submit %s: %d %v", p.Name, resp.StatusCode, out)
	}
	number, code = out["registration_number"].(string), out["tracking_code"].(string)
	var id int64
	if err := app.Store.DB().Get(&id, `SELECT id FROM requests WHERE registration_number = $1`, number); err != nil {
		t.Fatal(err)
	}
	return number, code, "/api/v1/kantor/permohonan/" + strconv.FormatInt(id, 10)
}

// trStep posts one officer API action with the signed-in client c.
func trStep(t *testing.T, app *testApp, c *http.Client, path string, body map[string]any) {
	t.Helper()
	b, _ := json.Marshal(body)
	resp, err := c.Post(app.URL+path, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if out := readBody(t, resp); resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d %s", path, resp.StatusCode, out)
	}
}

func trGrant(noticeAt string) map[string]any {
	return map[string]any{"kind": "dikabulkan", "notice_at": noticeAt, "information_given": "Salinan dokumen",
		"form": "softcopy", "cost": "Tanpa biaya", "delivery_time": "Hari ini"}
}

func trGet(t *testing.T, rawURL string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	return resp, readBody(t, resp)
}

// transparencyCase seeds, through the real intake and casework, requests that cross Nyepi and
// Idulfitri 2026:
//
//	F 0001/PPID/XII/2025 received Mon 29 Dec 2025, never answered
//	A 0001/PPID/III/2026 received Fri 13 Mar, granted Mon 6 Apr: 10 working days, on time
//	B 0002/PPID/III/2026 received Fri 13 Mar, no consent to publish, refused Tue 7 Apr: 11, late; objection filed
//	E 0003/PPID/III/2026 received Fri 13 Mar, extended, granted Tue 14 Apr: 16 of 17, on time
//	C 0004/PPID/III/2026 received Mon 16 Mar, due Tue 7 Apr, unanswered on Tue 14 Apr
func transparencyCase(t *testing.T) *testApp {
	t.Helper()
	app := newApp(t, time.Date(2025, 12, 29, 10, 0, 0, 0, jakarta))
	trSubmit(t, app, trPersonF)
	app.Clock.Set(time.Date(2026, 3, 13, 10, 0, 0, 0, jakarta))
	_, _, caseA := trSubmit(t, app, trPersonA)
	numberB, codeB, caseB := trSubmit(t, app, trPersonB)
	_, _, caseE := trSubmit(t, app, trPersonE)
	app.Clock.Set(time.Date(2026, 3, 16, 10, 0, 0, 0, jakarta))
	trSubmit(t, app, trPersonC)

	addUser(t, app.Store, "ppid@uji.test", "ppid", "rahasia-ppid")
	ppid, resp := login(t, app, "ppid@uji.test", "rahasia-ppid")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	app.Clock.Set(time.Date(2026, 4, 1, 10, 0, 0, 0, jakarta))
	trStep(t, app, ppid, caseE+"/extend", map[string]any{"reason": "Dokumen kontrak tersebar di tiga bidang."})
	app.Clock.Set(time.Date(2026, 4, 14, 10, 0, 0, 0, jakarta))
	trStep(t, app, ppid, caseA+"/decide", trGrant("2026-04-06T10:00:00+07:00"))
	trStep(t, app, ppid, caseB+"/decide", map[string]any{"kind": "ditolak", "notice_at": "2026-04-07T10:00:00+07:00",
		"exemption_letters": []string{"i"}, "legal_basis": "Pasal 17 huruf i", "harm": "Mengganggu proses audit",
		"public_interest": "Kepentingan publik lebih kecil", "dik_subject": "Memorandum internal audit"})
	trStep(t, app, ppid, caseE+"/decide", trGrant("2026-04-14T09:00:00+07:00"))
	if resp, out := postJSON(t, app.URL+"/api/v1/objections", map[string]any{"registration_number": numberB, "tracking_code": codeB,
		"grounds": []string{"a"}, "reasons": "Penolakan tanpa uji konsekuensi yang memadai."}); resp.StatusCode != http.StatusCreated {
		t.Fatalf("objection: %d %v", resp.StatusCode, out)
	}
	return app
}

// trNoPersonalData fails when any trRequester's personal data appears in body.
func trNoPersonalData(t *testing.T, what, body string) {
	t.Helper()
	for _, p := range []trRequester{trPersonA, trPersonB, trPersonC, trPersonE, trPersonF} {
		for _, s := range p.personal() {
			if strings.Contains(body, s) {
				t.Errorf("%s shows personal data %q", what, s)
			}
		}
	}
	if strings.Contains(body, trPersonB.Information) {
		t.Errorf("%s shows the subject of a request whose requester did not consent", what)
	}
}

type trRegisterItem struct {
	RegistrationNumber string  `json:"registration_number"`
	ReceivedDate       string  `json:"received_date"`
	Subject            *string `json:"subject"`
	Status             string  `json:"status"`
	StatusLabel        string  `json:"status_label"`
	Decision           *string `json:"decision"`
	DecisionLabel      *string `json:"decision_label"`
	DueDate            string  `json:"due_date"`
	Extended           bool    `json:"extended"`
	NoticeDate         *string `json:"notice_date"`
	DaysTaken          *int    `json:"days_taken"`
	OnTime             *bool   `json:"on_time"`
	PageURL            *string `json:"page_url"`
}

type trRegisterPage struct {
	Items   []trRegisterItem `json:"items"`
	Page    int              `json:"page"`
	PerPage int              `json:"per_page"`
	HasMore bool             `json:"has_more"`
}

func trRegister(t *testing.T, app *testApp, query string) (trRegisterPage, string) {
	t.Helper()
	resp, body := trGet(t, app.URL+"/api/v1/register"+query)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("register%s: %d %s", query, resp.StatusCode, body)
	}
	// Strict decoding pins the shape the OpenAPI description promises.
	var page trRegisterPage
	dec := json.NewDecoder(strings.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&page); err != nil {
		t.Fatalf("register shape: %v\n%s", err, body)
	}
	return page, body
}

func TestRegisterAPIShowsTimingAndNeverPersonalData(t *testing.T) {
	t.Parallel()
	app := transparencyCase(t)
	page, body := trRegister(t, app, "")
	trNoPersonalData(t, "register JSON", body)
	if page.Page != 1 || page.PerPage != 50 || page.HasMore || len(page.Items) != 5 {
		t.Fatalf("page %d per_page %d has_more %v items %d", page.Page, page.PerPage, page.HasMore, len(page.Items))
	}
	var numbers []string
	byNumber := map[string]trRegisterItem{}
	for _, it := range page.Items {
		numbers = append(numbers, it.RegistrationNumber)
		byNumber[it.RegistrationNumber] = it
	}
	if want := []string{"0004/PPID/III/2026", "0003/PPID/III/2026", "0002/PPID/III/2026", "0001/PPID/III/2026", "0001/PPID/XII/2025"}; !slices.Equal(numbers, want) {
		t.Fatalf("order %v, want newest first %v", numbers, want)
	}
	deref := func(p *int) string {
		if p == nil {
			return "null"
		}
		return strconv.Itoa(*p)
	}
	for _, tc := range []struct {
		number, received, due, notice, decision, subject string
		days                                             string
		onTime                                           *bool
		extended                                         bool
	}{
		// 13 Mar → 6 Apr 2026 is 24 calendar days but 10 working days: Nyepi, Idulfitri and Good Friday skipped.
		{"0001/PPID/III/2026", "2026-03-13", "2026-04-06", "2026-04-06", "dikabulkan", trPersonA.Information, "10", trPtr(true), false},
		{"0002/PPID/III/2026", "2026-03-13", "2026-04-06", "2026-04-07", "ditolak", "", "11", trPtr(false), false},
		{"0003/PPID/III/2026", "2026-03-13", "2026-04-15", "2026-04-14", "dikabulkan", trPersonE.Information, "16", trPtr(true), true},
		{"0004/PPID/III/2026", "2026-03-16", "2026-04-07", "", "", trPersonCSubject, "null", nil, false},
	} {
		it := byNumber[tc.number]
		got := fmt.Sprintf("%s %s %s %s %s %s %v", it.ReceivedDate, it.DueDate, trStr(it.NoticeDate), trStr(it.Decision), trStr(it.Subject), deref(it.DaysTaken), it.Extended)
		want := fmt.Sprintf("%s %s %s %s %s %s %v", tc.received, tc.due, tc.notice, tc.decision, tc.subject, tc.days, tc.extended)
		if got != want {
			t.Errorf("%s:\n got %s\nwant %s", tc.number, got, want)
		}
		if (it.OnTime == nil) != (tc.onTime == nil) || it.OnTime != nil && *it.OnTime != *tc.onTime {
			t.Errorf("%s: on_time %v, want %v", tc.number, it.OnTime, tc.onTime)
		}
	}
	if b := byNumber["0002/PPID/III/2026"]; b.Subject != nil || !strings.Contains(body, `"subject":null`) {
		t.Errorf("subject without consent: %v", b.Subject)
	}

	// Filters.
	if p, _ := trRegister(t, app, "?year=2025"); len(p.Items) != 1 || p.Items[0].RegistrationNumber != "0001/PPID/XII/2025" {
		t.Errorf("year 2025: %+v", p.Items)
	}
	if p, _ := trRegister(t, app, "?status=ditolak&year=2026"); len(p.Items) != 1 || p.Items[0].RegistrationNumber != "0002/PPID/III/2026" {
		t.Errorf("status ditolak: %+v", p.Items)
	}
	if p, body := trRegister(t, app, "?page=2"); len(p.Items) != 0 || p.Page != 2 || p.HasMore || !strings.Contains(body, `"items":[]`) {
		t.Errorf("page past the end: %+v", p)
	}
}

func trPtr[T any](v T) *T { return &v }

func trNullString(s string) sql.NullString { return sql.NullString{String: s, Valid: true} }

func trStr(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func TestRegisterPageAndCSV(t *testing.T) {
	t.Parallel()
	app := transparencyCase(t)
	resp, page := trGet(t, app.URL+"/register?tahun=2026")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("register page: %d", resp.StatusCode)
	}
	trNoPersonalData(t, "register page", page)
	// Rows by their numbers and data, timing by its markup (the labels and dates as written: rendering_test.go).
	for _, want := range []string{"0001/PPID/III/2026", trPersonA.Information, `data-label="Hari kerja"><span>10`,
		`class="register-late">`, `href="/register.csv?tahun=2026"`} {
		if !strings.Contains(page, want) {
			t.Errorf("register page lacks %q", want)
		}
	}
	if strings.Contains(page, "0001/PPID/XII/2025") {
		t.Error("the 2025 request shows under 2026")
	}

	resp, body := trGet(t, app.URL+"/register.csv?tahun=2026")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") ||
		resp.Header.Get("Content-Disposition") != `attachment; filename="register-2026.csv"` {
		t.Fatalf("csv: %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"))
	}
	trNoPersonalData(t, "register CSV", body)
	records, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("invalid CSV: %v\n%s", err, body)
	}
	header := []string{"registration_number", "received_date", "subject", "status", "status_label", "decision", "decision_label",
		"due_date", "extended", "notice_date", "days_taken", "on_time", "page_url"}
	if len(records) != 5 || !slices.Equal(records[0], header) {
		t.Fatalf("csv has %d records, header %v", len(records), records[0])
	}
	want := map[string]string{
		"0001/PPID/III/2026": "0001/PPID/III/2026,2026-03-13," + trPersonA.Information + ",dikabulkan,Dikabulkan seluruhnya,dikabulkan,Dikabulkan seluruhnya,2026-04-06,false,2026-04-06,10,true",
		"0002/PPID/III/2026": "0002/PPID/III/2026,2026-03-13,,ditolak,Ditolak (dikecualikan),ditolak,Ditolak karena informasi dikecualikan (Pasal 17),2026-04-06,false,2026-04-07,11,false",
		"0004/PPID/III/2026": "0004/PPID/III/2026,2026-03-16," + trPersonCSubject + ",diterima,Diterima,,,2026-04-07,false,,,",
	}
	for _, rec := range records[1:] {
		if w, ok := want[rec[0]]; ok && strings.Join(rec[:len(rec)-1], ",") != w { // the last column, page_url: public_request_page_test.go
			t.Errorf("csv row\n got %s\nwant %s", strings.Join(rec, ","), w)
		}
	}

	// Every year: a header and all five rows; no matches: the header alone.
	if _, body := trGet(t, app.URL+"/register.csv"); strings.Count(body, "\n") != 6 {
		t.Errorf("csv of every year has %d lines", strings.Count(body, "\n"))
	}
	resp, body = trGet(t, app.URL+"/register.csv?tahun=2024")
	if records, err := csv.NewReader(strings.NewReader(body)).ReadAll(); err != nil || len(records) != 1 || resp.StatusCode != 200 {
		t.Errorf("empty csv: %d %v %v", resp.StatusCode, records, err)
	}
}

func TestRegisterPagesOfFifty(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta))
	ctx := context.Background()
	received := time.Date(2026, 11, 2, 10, 0, 0, 0, jakarta)
	for i := range 55 {
		_, err := app.Store.InsertRequest(ctx, store.NewRequest{Year: 2026, NumberWidth: 4, NumberSuffix: "/PPID/XI/2026",
			TrackingCodeHash: []byte(fmt.Sprintf("hash-%02d", i)), Channel: "web", RequesterKind: "badan_hukum",
			RequesterName: "Yayasan Uji", EntitySKNumber: trNullString("AHU-1"), Address: "Jl. Uji", Phone: "0812", Occupation: "LSM",
			Information: fmt.Sprintf("Informasi ke-%d", i+1), Purpose: "Riset", ObtainMethod: "softcopy", DeliveryMethod: "email",
			PublishConsent: true, ReceivedAt: received, CountingFrom: calendar.DateOf(received), ResponseDue: calendar.NewDate(2026, 11, 16)})
		if err != nil {
			t.Fatal(err)
		}
	}
	first, _ := trRegister(t, app, "")
	if len(first.Items) != 50 || !first.HasMore || first.Items[0].RegistrationNumber != "0055/PPID/XI/2026" {
		t.Fatalf("page 1: %d items, has_more %v", len(first.Items), first.HasMore)
	}
	second, _ := trRegister(t, app, "?page=2")
	if len(second.Items) != 5 || second.HasMore || second.Page != 2 || second.Items[4].RegistrationNumber != "0001/PPID/XI/2026" {
		t.Fatalf("page 2: %d items, has_more %v", len(second.Items), second.HasMore)
	}
	_, html := trGet(t, app.URL+"/register?halaman=2")
	if !strings.Contains(html, `href="/register" rel="prev"`) || strings.Contains(html, "halaman=3") {
		t.Error("page 2 of the register links the wrong pages")
	}
	if _, html := trGet(t, app.URL+"/register"); !strings.Contains(html, `href="/register?halaman=2"`) {
		t.Error("page 1 of the register has no link to page 2")
	}
	// Every open request here is overdue: the statistics count them, not as answered.
	_, body := trGet(t, app.URL+"/api/v1/statistics?year=2026")
	if !strings.Contains(body, `"overdue_unanswered":55`) || !strings.Contains(body, `"on_time_rate":0`) {
		t.Errorf("statistics of 55 overdue requests: %s", body)
	}
}

func TestStatisticsMatchTheRegister(t *testing.T) {
	t.Parallel()
	app := transparencyCase(t)
	resp, body := trGet(t, app.URL+"/api/v1/statistics?year=2026")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("statistics: %d %s", resp.StatusCode, body)
	}
	trNoPersonalData(t, "statistics JSON", body)
	var st struct {
		Year             int    `json:"year"`
		AsOf             string `json:"as_of"`
		Received         int    `json:"received"`
		ReceivedPerMonth []struct {
			Month int    `json:"month"`
			Name  string `json:"name"`
			Count int    `json:"count"`
		} `json:"received_per_month"`
		Decisions []struct {
			Code  string `json:"code"`
			Label string `json:"label"`
			Count int    `json:"count"`
		} `json:"decisions"`
		Notices struct {
			OnTime              int `json:"on_time"`
			Late                int `json:"late"`
			OverdueUnanswered   int `json:"overdue_unanswered"`
			Pending             int `json:"pending"`
			ClosedWithoutNotice int `json:"closed_without_notice"`
		} `json:"notices"`
		OnTimeRate      *float64 `json:"on_time_rate"`
		MedianDaysTaken *float64 `json:"median_days_taken"`
		Objections      struct {
			Filed      int `json:"filed"`
			Open       int `json:"open"`
			Upheld     int `json:"upheld"`
			Overturned int `json:"overturned"`
			ByGround   []struct {
				Code  string `json:"code"`
				Label string `json:"label"`
				Count int    `json:"count"`
			} `json:"by_ground"`
		} `json:"objections"`
		Disputes struct {
			Filed   int `json:"filed"`
			Ruled   int `json:"ruled"`
			InCourt int `json:"in_court"`
		} `json:"disputes"`
		ExemptionsByLetter []struct {
			Letter  string `json:"letter"`
			Label   string `json:"label"`
			Refused int    `json:"refused"`
			Partial int    `json:"partial"`
			Total   int    `json:"total"`
		} `json:"exemptions_by_letter"`
	}
	dec := json.NewDecoder(strings.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&st); err != nil {
		t.Fatalf("statistics shape: %v\n%s", err, body)
	}
	if st.Year != 2026 || st.AsOf != "2026-04-14" || st.Received != 4 || len(st.ReceivedPerMonth) != 12 ||
		st.ReceivedPerMonth[2].Count != 4 || st.ReceivedPerMonth[2].Name != "Maret" || st.ReceivedPerMonth[0].Count != 0 {
		t.Errorf("received: %+v", st)
	}
	kinds := map[string]int{}
	for _, d := range st.Decisions {
		kinds[d.Code] = d.Count
	}
	if len(st.Decisions) != 5 || kinds["dikabulkan"] != 2 || kinds["ditolak"] != 1 || kinds["dikabulkan_sebagian"] != 0 {
		t.Errorf("decisions %+v", st.Decisions)
	}
	if n := st.Notices; n.OnTime != 2 || n.Late != 1 || n.OverdueUnanswered != 1 || n.Pending != 0 || n.ClosedWithoutNotice != 0 {
		t.Errorf("notices %+v", n)
	}
	// On time: A and E; late: B; past due unanswered: C → 2 of 4. Days taken 10, 11, 16 → median 11.
	if st.OnTimeRate == nil || *st.OnTimeRate != 0.5 || st.MedianDaysTaken == nil || *st.MedianDaysTaken != 11 {
		t.Errorf("rate %v median %v", st.OnTimeRate, st.MedianDaysTaken)
	}
	if o := st.Objections; o.Filed != 1 || o.Open != 1 || len(o.ByGround) != 7 || o.ByGround[0].Code != "a" || o.ByGround[0].Count != 1 {
		t.Errorf("objections %+v", o)
	}
	if st.Disputes.Filed != 0 {
		t.Errorf("disputes %+v", st.Disputes)
	}

	// A year without requests answers zeros and nulls, not an error; no year means this year.
	_, body = trGet(t, app.URL+"/api/v1/statistics?year=2030")
	if !strings.Contains(body, `"received":0`) || !strings.Contains(body, `"on_time_rate":null`) || !strings.Contains(body, `"median_days_taken":null`) {
		t.Errorf("empty year: %s", body)
	}
	if _, body = trGet(t, app.URL+"/api/v1/statistics"); !strings.Contains(body, `"year":2026`) {
		t.Errorf("default year: %s", body)
	}
	_, body = trGet(t, app.URL+"/api/v1/statistics?year=2025")
	if !strings.Contains(body, `"received":1`) || !strings.Contains(body, `"overdue_unanswered":1`) {
		t.Errorf("2025: %s", body)
	}
}

func TestStatisticsPageChartsAndCSV(t *testing.T) {
	t.Parallel()
	app := transparencyCase(t)
	resp, page := trGet(t, app.URL+"/statistik?tahun=2026")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("statistics page: %d", resp.StatusCode)
	}
	trNoPersonalData(t, "statistics page", page)
	svgs := regexp.MustCompile(`<svg [^>]*>`).FindAllString(page, -1)
	if len(svgs) != 2 {
		t.Fatalf("%d charts, want 2", len(svgs))
	}
	for _, svg := range svgs {
		if !strings.Contains(svg, `role="img"`) || !strings.Contains(svg, `aria-labelledby="`) || !strings.Contains(svg, `viewBox="0 0 `) ||
			!strings.Contains(svg, `width="100%"`) {
			t.Errorf("chart not accessible or not scalable: %s", svg)
		}
	}
	for _, want := range []string{"<title id=\"grafik-bulanan-title\">",
		"<th scope=\"row\">Maret</th><td class=\"num\">4</td>", "50,0%", "<strong>11</strong>",
		"Dikabulkan seluruhnya</th><td class=\"num\">2</td>", `href="/statistik.csv?tahun=2026"`} {
		if !strings.Contains(page, want) {
			t.Errorf("statistics page lacks %q", want)
		}
	}
	if strings.Contains(page, "style=") {
		t.Error("inline style on the statistics page is blocked by the CSP")
	}

	resp, body := trGet(t, app.URL+"/statistik.csv?tahun=2026")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") ||
		resp.Header.Get("Content-Disposition") != `attachment; filename="statistik-2026.csv"` {
		t.Fatalf("statistics csv: %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"))
	}
	records, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("invalid CSV: %v", err)
	}
	if !slices.Equal(records[0], []string{"year", "section", "key", "label", "value"}) {
		t.Fatalf("header %v", records[0])
	}
	values := map[string]string{}
	for _, r := range records[1:] {
		if len(r) != 5 || r[0] != "2026" {
			t.Fatalf("row %v", r)
		}
		values[r[1]+"/"+r[2]] = r[4]
	}
	for key, want := range map[string]string{"received/total": "4", "received_per_month/3": "4", "decisions/ditolak": "1",
		"notices/late": "1", "notices/overdue_unanswered": "1", "summary/on_time_rate": "0.5", "summary/median_days_taken": "11",
		"objections/filed": "1", "objections_by_ground/a": "1", "disputes/filed": "0"} {
		if values[key] != want {
			t.Errorf("csv %s = %q, want %q", key, values[key], want)
		}
	}
}

// Bad parameters of the register and statistics, with the field each names and (for
// TestRenderingTransparency) the words of its message.
var badAPIParameters = []struct{ path, field, message string }{
	{"/api/v1/register?year=abc", "year", "Tahun tidak valid"},
	{"/api/v1/register?year=99999999999999999999", "year", "Tahun tidak valid"},
	{"/api/v1/register?year=1500", "year", "Tahun tidak valid"},
	{"/api/v1/register?page=-1", "page", "Halaman harus"},
	{"/api/v1/register?page=0", "page", "Halaman harus"},
	{"/api/v1/register?page=satu", "page", "Halaman harus"},
	{"/api/v1/register?page=1000000", "page", "terlalu jauh"},
	{"/api/v1/register?status=unknown", "status", "Status tidak dikenal"},
	{"/api/v1/register?status=%00", "status", "Status tidak dikenal"},
	{"/api/v1/register?year=%FF", "year", "Tahun tidak valid"},
	{"/api/v1/statistics?year=abc", "year", "Tahun tidak valid"},
	{"/api/v1/statistics?year=-2026", "year", "Tahun tidak valid"},
}

var badPageParameters = []struct{ path, message string }{
	{"/register?tahun=abc", "Tahun tidak valid"},
	{"/register?halaman=-1", "Halaman harus"},
	{"/register?status=unknown", "Status tidak dikenal"},
	{"/register?tahun=2026&status=hilang&halaman=x", "Status tidak dikenal"},
	{"/register.csv?tahun=abc", "Tahun tidak valid"},
	{"/register.csv?status=unknown", "Status tidak dikenal"},
	{"/statistik?tahun=abc", "Tahun tidak valid"},
	{"/statistik.csv?tahun=20x6", "Tahun tidak valid"},
}

func TestRegisterAndStatisticsRefuseBadParameters(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta))
	for _, tc := range badAPIParameters {
		resp, body := trGet(t, app.URL+tc.path)
		var out struct {
			Error  string            `json:"error"`
			Fields map[string]string `json:"fields"`
		}
		// The field is named by its key; the message naming it: TestRenderingTransparency.
		if err := json.Unmarshal([]byte(body), &out); err != nil || resp.StatusCode != http.StatusBadRequest || out.Error == "" ||
			out.Fields[tc.field] == "" || len(out.Fields) != 1 {
			t.Errorf("%s: %d %s", tc.path, resp.StatusCode, body)
		}
	}
	for _, tc := range badPageParameters {
		resp, body := trGet(t, app.URL+tc.path)
		if resp.StatusCode != http.StatusBadRequest || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || strings.Contains(body, "<table") {
			t.Errorf("%s: %d, want 400 with %q", tc.path, resp.StatusCode, tc.message)
		}
	}
	// Unknown parameters are ignored, and an empty register or year is a page, not an error.
	for _, path := range []string{"/register?foo=bar", "/register?tahun=2026&status=ditolak", "/statistik", "/statistik?tahun=2031",
		"/statistik.csv", "/register.csv", "/api/v1/register?year=2026&status=selesai&page=3", "/api/v1/statistics?year=2026"} {
		if resp, _ := trGet(t, app.URL+path); resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", path, resp.StatusCode)
		}
	}
	if strings.Contains(app.Logs.String(), "status=500") || strings.Contains(app.Logs.String(), "level=ERROR") {
		t.Errorf("a bad parameter reached the server as an error:\n%s", app.Logs.String())
	}
}
