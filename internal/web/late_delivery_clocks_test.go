package web_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// TestLateDeliveryAndClocksOverTheAPI: a grant decided through the officers' API on Monday
// 9 November 2026 promises delivery by Monday 28 December (`delivery_due`); the notice's own
// window closes 21 December. On Tuesday 29 December nothing is delivered: the tracking answer's
// `clocks` list the response, the promised delivery and the objection window from the lapsed
// delivery day (each answer checked against openapi.json); the objection API refuses ground a on
// `grounds` and files ground g; the status page offers only ground g, lists the clocks and the
// notice letter's sending. The old code had no delivery_due, no clocks and refused every objection.
func TestLateDeliveryAndClocksOverTheAPI(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	path, number, code := submitViaAPI(t, app)
	doc := servedSpec(t, app)
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	w := &specWalk{t: t, app: app, router: router, answered: map[string]map[int]bool{}}
	const action = "POST /api/v1/kantor/permohonan/{id}/{action}"
	decide := "/api/v1" + path + "/decide"
	grant := map[string]any{"kind": "dikabulkan", "notice_at": "2026-11-09T10:00:00+07:00", "information_given": "Salinan kontrak pengadaan",
		"form": "Salinan elektronik (PDF)", "cost": "Tanpa biaya", "delivery_time": "Paling lambat akhir Desember", "delivery_due": "28-12-2026"}
	app.Clock.Set(time.Date(2026, 11, 9, 11, 0, 0, 0, jakarta))
	if out := w.call(apiCall{op: action, name: "delivery_due not a date", client: ppid.c, method: "POST", path: decide, body: grant, status: 422, specRejects: true}); !strings.Contains(mapString(out["fields"], "delivery_due"), "TTTT-BB-HH") {
		t.Errorf("bad delivery_due: %v", out)
	}
	grant["delivery_due"] = "2026-11-06"
	if out := w.call(apiCall{op: action, name: "delivery_due before the notice", client: ppid.c, method: "POST", path: decide, body: grant, status: 422}); mapString(out["fields"], "delivery_due") == "" {
		t.Errorf("delivery_due before the notice: %v", out)
	}
	grant["delivery_due"] = "2026-12-28"
	w.call(apiCall{op: action, name: "grant with delivery_due", client: ppid.c, method: "POST", path: decide, body: grant, status: 200})
	if n := count(t, app, `SELECT count(*) FROM decisions WHERE delivery_due = '2026-12-28'`); n != 1 {
		t.Fatalf("%d decisions with delivery_due 28 Dec", n)
	}
	var lid string
	if err := app.Store.DB().Get(&lid, `SELECT id::text FROM letters WHERE kind = 'pemberitahuan'`); err != nil {
		t.Fatal(err)
	}
	if st, kind, _ := ppid.postStep(path+"/surat/"+lid+"/kirim", url.Values{"sent_via": {"email"}, "sent_date": {"2026-11-09"}, "sent_time": {"10:30"}}); st != 303 || kind != flashDone {
		t.Fatalf("recording the sending: %d %q", st, kind)
	}

	app.Clock.Set(time.Date(2026, 12, 29, 9, 0, 0, 0, jakarta))
	const track = "GET /api/v1/requests/{number}"
	out := w.call(apiCall{op: track, name: "tracking with clocks", method: "GET", path: "/api/v1/requests/" + url.PathEscape(number) + "?code=" + url.QueryEscape(code), status: 200})
	clocks, _ := out["clocks"].([]any)
	byKind := map[string]map[string]any{}
	for _, c := range clocks {
		m := c.(map[string]any)
		byKind[m["kind"].(string)] = m
	}
	if c := byKind["response"]; c == nil || c["from_event"] != "request_received" || c["from_date"] != "2026-11-02" {
		t.Errorf("response clock %v", c)
	}
	if c := byKind["delivery"]; c == nil || c["due"] != "2026-12-28" || c["from_event"] != "notice" {
		t.Errorf("delivery clock %v", c)
	}
	if c := byKind["objection_window"]; c == nil || c["from_event"] != "delivery_due_lapsed" || c["from_date"] != "2026-12-28" ||
		!strings.Contains(c["article"].(string), "Pasal 36(1)") {
		t.Errorf("objection window %v", c)
	}

	const object = "POST /api/v1/objections"
	body := map[string]any{"registration_number": number, "tracking_code": code, "grounds": []string{"a"}, "reasons": "Informasi belum diserahkan sampai 28 Desember."}
	if out := w.call(apiCall{op: object, name: "ground a after its window", method: "POST", path: "/api/v1/objections", body: body, status: 422}); !strings.Contains(mapString(out["fields"], "grounds"), "huruf g") {
		t.Errorf("ground a: %v", out)
	}

	citizen := newClient(t)
	page := trackAs(t, app, citizen, number, code)
	if !strings.Contains(page, `value="g"`) || strings.Contains(page, `value="a"`) {
		t.Error("the status page does not offer ground g alone")
	}
	for _, want := range []string{"Tenggat", "Penyerahan informasi yang dijanjikan", "28 Desember 2026",
		"tanggal penyerahan lewat tanpa penyerahan", "dikirim", "E-mail"} {
		if !strings.Contains(page, want) {
			t.Errorf("status page lacks %q", want)
		}
	}

	body["grounds"] = []string{"g"}
	w.call(apiCall{op: object, name: "ground g", method: "POST", path: "/api/v1/objections", body: body, status: 201})
	out = w.call(apiCall{op: track, name: "tracking after the objection", method: "GET", path: "/api/v1/requests/" + url.PathEscape(number) + "?code=" + url.QueryEscape(code), status: 200})
	found := false
	for _, c := range out["clocks"].([]any) {
		m := c.(map[string]any)
		found = found || (m["kind"] == "objection_response" && m["from_date"] == "2026-12-29")
	}
	if !found {
		t.Errorf("no objection_response clock from 29 Dec: %v", out["clocks"])
	}
}

// mapString reads key of a decoded JSON object.
func mapString(v any, key string) string {
	m, _ := v.(map[string]any)
	s, _ := m[key].(string)
	return s
}
