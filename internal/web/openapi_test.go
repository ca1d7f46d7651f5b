package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/terbuka-id/terbuka/internal/portal"
	"github.com/terbuka-id/terbuka/internal/web"
)

// servedSpec fetches /api/openapi.json as a client would and checks it is a valid OpenAPI 3.0 document.
func servedSpec(t *testing.T, app *testApp) *openapi3.T {
	t.Helper()
	resp, err := http.Get(app.URL + "/api/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	raw := readBody(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/openapi.json: %d %s", resp.StatusCode, raw)
	}
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt != "application/json" {
		t.Errorf("GET /api/openapi.json: Content-Type %q", resp.Header.Get("Content-Type"))
	}
	if cc := resp.Header.Get("Cache-Control"); !strings.HasPrefix(cc, "public, max-age=") {
		t.Errorf("GET /api/openapi.json: Cache-Control %q", cc)
	}
	doc, err := openapi3.NewLoader().LoadFromData([]byte(raw))
	if err != nil {
		t.Fatalf("openapi.json does not load: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json is not a valid OpenAPI document: %v", err)
	}
	if doc.OpenAPI != "3.0.3" || doc.Info.Title != "Terbuka API" || !strings.Contains(doc.Info.Description, "UU 14/2008") ||
		len(doc.Servers) != 1 || doc.Servers[0].URL != "/" {
		t.Errorf("openapi.json header: openapi %q, title %q, servers %v", doc.OpenAPI, doc.Info.Title, doc.Servers)
	}
	return doc
}

// specOperations lists "METHOD /path" of every operation the description documents.
func specOperations(doc *openapi3.T) []string {
	var ops []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			ops = append(ops, method+" "+path)
		}
	}
	slices.Sort(ops)
	return ops
}

var ginParam = regexp.MustCompile(`[:*]([A-Za-z0-9_]+)`)

// Every route the JSON API registers is described, and every described operation exists.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta))
	doc := servedSpec(t, app)

	registered := map[string]bool{}
	var api []string
	for _, r := range web.RegisteredRoutes() {
		op := r.Method + " " + ginParam.ReplaceAllString(r.Path, "{$1}")
		registered[op] = true
		if strings.HasPrefix(r.Path, "/api/v1/") && (r.Method == http.MethodGet || r.Method == http.MethodPost) {
			api = append(api, op)
		}
	}
	if len(api) == 0 {
		t.Fatal("no /api/v1 route registered")
	}
	documented := map[string]bool{}
	for _, op := range specOperations(doc) {
		documented[op] = true
		if !registered[op] {
			t.Errorf("openapi.json documents %s, which the server does not register", op)
		}
	}
	for _, op := range api {
		if !documented[op] {
			t.Errorf("the server registers %s, which openapi.json does not document", op)
		}
	}
}

// apiCall is one request of the walk through the API and what the server must answer.
type apiCall struct {
	op          string // the operation it exercises, "METHOD /path/{param}" as in the description
	name        string
	client      *http.Client // nil: a browser with no cookies
	method      string
	path        string // with its query string
	contentType string // default application/json when there is a body
	body        any    // string sent as is; anything else JSON-encoded; nil sends none
	status      int
	// specRejects: the request itself breaks the description, and the server refuses it too.
	specRejects bool
}

// specWalk sends requests to the real server and holds each request and answer to the description.
type specWalk struct {
	t        *testing.T
	app      *testApp
	router   routers.Router
	answered map[string]map[int]bool // operation → statuses seen
}

// sessionCookie authenticates a request for the description when it carries the scheme's cookie.
func sessionCookie(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	if in.SecurityScheme.Type != "apiKey" || in.SecurityScheme.In != "cookie" {
		return in.NewError(fmt.Errorf("unexpected security scheme %s in %s", in.SecurityScheme.Type, in.SecurityScheme.In))
	}
	if c, err := in.RequestValidationInput.Request.Cookie(in.SecurityScheme.Name); err != nil || c.Value == "" {
		return in.NewError(errors.New("no " + in.SecurityScheme.Name + " cookie"))
	}
	return nil
}

func (w *specWalk) newRequest(c apiCall, body []byte) *http.Request {
	w.t.Helper()
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequest(c.method, w.app.URL+c.path, r)
	if err != nil {
		w.t.Fatalf("%s: %v", c.name, err)
	}
	if body != nil {
		ct := c.contentType
		if ct == "" {
			ct = "application/json"
		}
		req.Header.Set("Content-Type", ct)
	}
	return req
}

// call sends c, checks its status and validates the request and the answer against the
// description; it returns the decoded JSON answer (nil for other content).
func (w *specWalk) call(c apiCall) map[string]any {
	w.t.Helper()
	t := w.t
	client := c.client
	if client == nil {
		client = newClient(t)
	}
	var body []byte
	switch b := c.body.(type) {
	case nil:
	case string:
		body = []byte(b)
	default:
		var err error
		if body, err = json.Marshal(b); err != nil {
			t.Fatal(err)
		}
	}
	label := c.op + " [" + c.name + "]"

	// The request, as the description sees it: the same bytes and the cookies the client will send.
	check := w.newRequest(c, body)
	if client.Jar != nil {
		for _, ck := range client.Jar.Cookies(check.URL) {
			check.AddCookie(ck)
		}
	}
	route, params, err := w.router.FindRoute(check)
	if err != nil {
		t.Fatalf("%s: %s %s matches no operation of openapi.json: %v", label, c.method, c.path, err)
	}
	if got := route.Method + " " + route.Path; got != c.op {
		t.Fatalf("%s: %s %s is operation %s", label, c.method, c.path, got)
	}
	reqInput := &openapi3filter.RequestValidationInput{Request: check, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: sessionCookie, MultiError: true}}
	reqErr := openapi3filter.ValidateRequest(context.Background(), reqInput)
	switch {
	case reqErr != nil && !c.specRejects:
		t.Errorf("%s: the request breaks openapi.json:\n%v", label, reqErr)
	case reqErr == nil && c.specRejects:
		t.Errorf("%s: openapi.json accepts a request the server must refuse with %d", label, c.status)
	}

	// The real request.
	resp, err := client.Do(w.newRequest(c, body))
	if err != nil {
		t.Fatalf("%s: %v", label, err)
	}
	raw := readBody(t, resp)
	if resp.StatusCode != c.status {
		t.Errorf("%s: status %d, want %d: %s", label, resp.StatusCode, c.status, raw)
	}
	if w.answered[c.op] == nil {
		w.answered[c.op] = map[int]bool{}
	}
	w.answered[c.op][resp.StatusCode] = true

	respInput := &openapi3filter.ResponseValidationInput{RequestValidationInput: reqInput, Status: resp.StatusCode,
		Header: resp.Header, Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}}
	respInput.SetBodyBytes([]byte(raw))
	if err := openapi3filter.ValidateResponse(context.Background(), respInput); err != nil {
		t.Errorf("%s: the answer %d (%s) breaks openapi.json:\n%v\nbody: %s", label, resp.StatusCode, resp.Header.Get("Content-Type"), err, raw)
	}
	var out map[string]any
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt == "application/json" {
		if err := json.Unmarshal([]byte(raw), &out); err != nil {
			t.Errorf("%s: answer is not a JSON object: %v: %s", label, err, raw)
		}
	}
	return out
}

func str(m map[string]any, key string) string {
	s, _ := m[key].(string)
	return s
}

// Every documented operation, exercised against the real server with realistic data: each
// request and each answer (status, headers, body) must match the description, every operation
// must succeed and fail at least once, and every documented status but 500 must be seen.
func TestOpenAPIMatchesTheHandlers(t *testing.T) {
	t.Parallel()
	// Requests across Nyepi and Idulfitri 2026, decided, refused, extended, objected to; the clock
	// stands at Tue 14 April 2026, 10:00 WIB.
	app := transparencyCase(t)
	doc := servedSpec(t, app)
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	// The CSV downloads answer a wrong parameter with an HTML page; read it as text.
	openapi3filter.RegisterBodyDecoder("text/html", openapi3filter.PlainBodyDecoder)
	w := &specWalk{t: t, app: app, router: router, answered: map[string]map[int]bool{}}
	ctx := context.Background()

	// Officers.
	ppid := signIn(t, app, "ppid.api@uji.test", "ppid", "rahasia-ppid-api")
	atasan := signIn(t, app, "atasan.api@uji.test", "atasan", "rahasia-atasan-api")
	signIn(t, app, "petugas.api@uji.test", "petugas", "rahasia-petugas-api")
	var petugasID int64
	if err := app.Store.DB().GetContext(ctx, &petugasID, `SELECT id FROM users WHERE email = 'petugas.api@uji.test'`); err != nil {
		t.Fatal(err)
	}

	// POST /api/v1/requests
	const submit = "POST /api/v1/requests"
	request := validJSON()
	request["information"] = "Salinan kontrak pengadaan seragam sekolah 2026"
	receipt := w.call(apiCall{op: submit, name: "a request", method: "POST", path: "/api/v1/requests", body: request, status: 201})
	number, code := str(receipt, "registration_number"), str(receipt, "tracking_code")
	entity := validJSON()
	entity["requester"] = map[string]any{"kind": "badan_hukum", "name": "Yayasan Pendidikan Cerdas", "entity_sk_number": "AHU-0012345.AH.01.04.2020",
		"address": "Jl. Merdeka 1, Bandung", "phone": "+62 22 420 1234", "occupation": "Yayasan"}
	entity["delivery_method"], entity["obtain_method"] = "ambil_langsung", "hardcopy"
	delete(entity, "publish_consent")
	withdrawn := w.call(apiCall{op: submit, name: "a legal entity's request, to be withdrawn", method: "POST", path: "/api/v1/requests", body: entity, status: 201})
	badNIK := validJSON()
	badNIK["requester"].(map[string]any)["nik"] = "1234567890123456"
	w.call(apiCall{op: submit, name: "implausible NIK", method: "POST", path: "/api/v1/requests", body: badNIK, status: 422})
	missing := validJSON()
	delete(missing, "information")
	delete(missing["requester"].(map[string]any), "email")
	w.call(apiCall{op: submit, name: "missing fields", method: "POST", path: "/api/v1/requests", body: missing, status: 422, specRejects: true})
	unknown := validJSON()
	unknown["publish_concent"] = true
	w.call(apiCall{op: submit, name: "unknown field", method: "POST", path: "/api/v1/requests", body: unknown, status: 422, specRejects: true})
	wrongType := validJSON()
	wrongType["publish_consent"] = "ya"
	w.call(apiCall{op: submit, name: "wrong JSON type", method: "POST", path: "/api/v1/requests", body: wrongType, status: 422, specRejects: true})
	w.call(apiCall{op: submit, name: "malformed JSON", method: "POST", path: "/api/v1/requests", body: `{"requester": `, status: 400, specRejects: true})
	w.call(apiCall{op: submit, name: "form content type", method: "POST", path: "/api/v1/requests", contentType: "application/x-www-form-urlencoded",
		body: "information=x", status: 400, specRejects: true})
	huge := validJSON()
	// The body may carry an identity document (base64): its limit is files.identity_max_kb × 4/3 + 64 KiB.
	huge["information"] = strings.Repeat("Salinan anggaran. ", 400000)
	w.call(apiCall{op: submit, name: "body over the limit", method: "POST", path: "/api/v1/requests", body: huge, status: 413, specRejects: true})

	// POST /api/v1/kantor/permohonan/{id}/{action}
	const action = "POST /api/v1/kantor/permohonan/{id}/{action}"
	caseID := func(number string) string {
		var id int64
		if err := app.Store.DB().GetContext(ctx, &id, `SELECT id FROM requests WHERE registration_number = $1`, number); err != nil {
			t.Fatal(err)
		}
		return "/api/v1/kantor/permohonan/" + strconv.FormatInt(id, 10)
	}
	caseAPI := caseID(number)
	w.call(apiCall{op: action, name: "signed out", method: "POST", path: caseAPI + "/close", body: map[string]any{}, status: 401, specRejects: true})
	w.call(apiCall{op: action, name: "assign", client: ppid.c, method: "POST", path: caseAPI + "/assign", body: map[string]any{"officer_id": petugasID}, status: 200})
	w.call(apiCall{op: action, name: "assign to nobody", client: ppid.c, method: "POST", path: caseAPI + "/assign", body: map[string]any{"officer_id": 999999}, status: 422})
	w.call(apiCall{op: action, name: "extend without a reason", client: ppid.c, method: "POST", path: caseAPI + "/extend", body: map[string]any{"reason": " "}, status: 422})
	w.call(apiCall{op: action, name: "extend", client: ppid.c, method: "POST", path: caseAPI + "/extend",
		body: map[string]any{"reason": "Kontrak tersimpan di tiga bidang."}, status: 200})
	w.call(apiCall{op: action, name: "extend twice", client: ppid.c, method: "POST", path: caseAPI + "/extend",
		body: map[string]any{"reason": "Sekali lagi."}, status: 409})
	w.call(apiCall{op: action, name: "refusal without the consequence test", client: ppid.c, method: "POST", path: caseAPI + "/decide",
		body: map[string]any{"kind": "ditolak", "notice_at": "2026-04-14T10:00:00+07:00", "exemption_letters": []string{"i"}}, status: 422})
	w.call(apiCall{op: action, name: "notice_at not RFC 3339", client: ppid.c, method: "POST", path: caseAPI + "/decide",
		body: map[string]any{"kind": "dikabulkan", "notice_at": "14-04-2026"}, status: 422, specRejects: true})
	w.call(apiCall{op: action, name: "unknown field", client: ppid.c, method: "POST", path: caseAPI + "/decide",
		body: map[string]any{"kind": "dikabulkan", "notice": "2026-04-14"}, status: 422, specRejects: true})
	w.call(apiCall{op: action, name: "atasan closing", client: atasan.c, method: "POST", path: caseAPI + "/close", body: map[string]any{}, status: 403})
	w.call(apiCall{op: action, name: "unknown action", client: ppid.c, method: "POST", path: caseAPI + "/fly", body: map[string]any{}, status: 404, specRejects: true})
	w.call(apiCall{op: action, name: "unknown case", client: ppid.c, method: "POST", path: "/api/v1/kantor/permohonan/999999/close", body: map[string]any{}, status: 404})
	w.call(apiCall{op: action, name: "form content type", client: ppid.c, method: "POST", path: caseAPI + "/close",
		contentType: "application/x-www-form-urlencoded", body: "x=1", status: 400, specRejects: true})
	w.call(apiCall{op: action, name: "body over 64 KiB", client: ppid.c, method: "POST", path: caseAPI + "/extend",
		body: map[string]any{"reason": strings.Repeat("alasan ", 10000)}, status: 413})
	state := w.call(apiCall{op: action, name: "grant", client: ppid.c, method: "POST", path: caseAPI + "/decide",
		body: map[string]any{"kind": "dikabulkan", "notice_at": "2026-04-14T10:00:00+07:00", "information_given": "Salinan kontrak pengadaan seragam",
			"form": "softcopy", "cost": "Tanpa biaya", "delivery_time": "Hari ini"}, status: 200})
	if state["decision"] != "dikabulkan" || state["extended_due"] == nil {
		t.Errorf("case after the grant: %v", state)
	}
	w.call(apiCall{op: action, name: "deliver", client: ppid.c, method: "POST", path: caseAPI + "/deliver", body: map[string]any{"method": "email"}, status: 200})
	w.call(apiCall{op: action, name: "close", client: ppid.c, method: "POST", path: caseAPI + "/close", body: map[string]any{}, status: 200})
	withdrawnAPI := caseID(str(withdrawn, "registration_number"))

	// POST /api/v1/objections
	const object = "POST /api/v1/objections"
	objection := func(number, code string, grounds []string, reasons string) map[string]any {
		return map[string]any{"registration_number": number, "tracking_code": code, "grounds": grounds, "reasons": reasons}
	}
	w.call(apiCall{op: object, name: "before any notice", method: "POST", path: "/api/v1/objections",
		body: objection(str(withdrawn, "registration_number"), str(withdrawn, "tracking_code"), []string{"c"}, "Belum ada tanggapan atas permohonan kami."), status: 409})
	filed := w.call(apiCall{op: object, name: "after the notice", method: "POST", path: "/api/v1/objections",
		body: objection(number, code, []string{"d", "f"}, "Salinan yang diberikan tidak lengkap dan biayanya tidak wajar."), status: 201})
	if !strings.Contains(str(filed, "objection_number"), "2026") {
		t.Errorf("objection receipt %v", filed)
	}
	w.call(apiCall{op: object, name: "a second objection", method: "POST", path: "/api/v1/objections",
		body: objection(number, code, []string{"d"}, "Keberatan kedua atas tanggapan yang sama."), status: 409})
	w.call(apiCall{op: object, name: "reasons blank once trimmed", method: "POST", path: "/api/v1/objections",
		body: objection(number, code, []string{"d"}, "          ok"), status: 422})
	w.call(apiCall{op: object, name: "unknown ground, no reasons", method: "POST", path: "/api/v1/objections",
		body: objection(number, code, []string{"z"}, ""), status: 422, specRejects: true})
	w.call(apiCall{op: object, name: "wrong code", method: "POST", path: "/api/v1/objections",
		body: objection(number, "AAAAA-AAAAA", []string{"d"}, "Salinan yang diberikan tidak lengkap."), status: 404})
	w.call(apiCall{op: object, name: "two JSON objects", method: "POST", path: "/api/v1/objections", body: `{} {}`, status: 400, specRejects: true})
	w.call(apiCall{op: object, name: "body over 64 KiB", method: "POST", path: "/api/v1/objections",
		body: objection(number, code, []string{"d"}, strings.Repeat("alasan ", 10000)), status: 413, specRejects: true})
	w.call(apiCall{op: action, name: "withdraw", client: ppid.c, method: "POST", path: withdrawnAPI + "/withdraw",
		body: map[string]any{"reason": "Pemohon menarik permohonannya secara tertulis."}, status: 200})

	// GET /api/v1/requests/{number}
	const track = "GET /api/v1/requests/{number}"
	trackPath := func(number, code string) string {
		return "/api/v1/requests/" + url.PathEscape(number) + "?code=" + url.QueryEscape(code)
	}
	tracked := w.call(apiCall{op: track, name: "the requester's view", method: "GET", path: trackPath(number, code), status: 200})
	if events, _ := tracked["events"].([]any); len(events) < 5 {
		t.Errorf("tracked history %v", tracked["events"])
	}
	w.call(apiCall{op: track, name: "withdrawn", method: "GET", path: trackPath(str(withdrawn, "registration_number"), str(withdrawn, "tracking_code")), status: 200})
	w.call(apiCall{op: track, name: "wrong code", method: "GET", path: trackPath(number, "AAAAA-AAAAA"), status: 404})
	w.call(apiCall{op: track, name: "unknown number", method: "GET", path: trackPath("0999/PPID/IV/2026", code), status: 404})
	w.call(apiCall{op: track, name: "no code", method: "GET", path: "/api/v1/requests/" + url.PathEscape(number), status: 404, specRejects: true})

	// GET /api/v1/deadlines
	const deadlines = "GET /api/v1/deadlines"
	w.call(apiCall{op: deadlines, name: "across Nyepi and Idulfitri", method: "GET", path: "/api/v1/deadlines?received_at=" + url.QueryEscape("2026-03-13T10:00:00+07:00"), status: 200})
	w.call(apiCall{op: deadlines, name: "after office hours", method: "GET", path: "/api/v1/deadlines?received_at=" + url.QueryEscape("2026-12-31T17:30:00+07:00"), status: 200})
	w.call(apiCall{op: deadlines, name: "missing received_at", method: "GET", path: "/api/v1/deadlines", status: 400, specRejects: true})
	w.call(apiCall{op: deadlines, name: "not RFC 3339", method: "GET", path: "/api/v1/deadlines?received_at=13-03-2026", status: 400, specRejects: true})

	// Documents: one published by hand, one from the case above, one withdrawn from publication.
	pub := newPublisher(t, app, "penerbit.api@uji.test", "ppid")
	status, loc, page := pub.draft(pub.cleanFields(), "dpa 2026.txt", []byte("Rincian penganggaran sekolah: belanja pegawai, belanja barang dan jasa.\n"))
	if status != http.StatusSeeOther {
		t.Fatalf("draft: %d %s", status, page)
	}
	published := publicationID(t, loc)
	if status, page := pub.post("/kantor/publikasi/" + published + "/terbitkan"); status != http.StatusSeeOther {
		t.Fatalf("publish: %d %s", status, page)
	}
	gone := pub.cleanFields()
	gone["title"] = "Rencana Anggaran Lama 2026"
	_, loc, _ = pub.draft(gone, "lama.txt", []byte("Rencana anggaran lama.\n"))
	unpublished := publicationID(t, loc)
	pub.post("/kantor/publikasi/" + unpublished + "/terbitkan")
	if status, page := pub.post("/kantor/publikasi/"+unpublished+"/tarik", "reason", "Diganti versi perubahan."); status != http.StatusSeeOther {
		t.Fatalf("unpublish: %d %s", status, page)
	}
	officePath := strings.Replace(caseAPI, "/api/v1/kantor/", "/kantor/", 1)
	if st, _ := ppid.upload(officePath, "response", "public", "kontrak-seragam.txt", []byte("Kontrak pengadaan seragam sekolah tahun 2026.\n")); st != http.StatusSeeOther {
		t.Fatalf("upload: %d", st)
	}
	if st, kind, _ := ppid.postStep(officePath+"/publikasikan", url.Values{"title": {"Kontrak Pengadaan Seragam Sekolah 2026"}, "category": {"setiap_saat"},
		"summary": {"Kontrak yang diberikan atas permohonan informasi."}, "keywords": {"kontrak, seragam"}, "responsible": {"Kepala Dinas"}, "made_place": {"Bandung"}, "made_time": {"Maret 2026"}, "retention": {"5 tahun"}}); st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("publish from the case: %d %q", st, kind)
	}
	pid := func(id string) string { return strings.TrimPrefix(publicURL(t, app, id), "/dokumen/") }
	var fromCase string
	if err := app.Store.DB().GetContext(ctx, &fromCase, `SELECT public_id FROM publications WHERE request_id IS NOT NULL AND status = 'published'`); err != nil {
		t.Fatal(err)
	}
	var unitName string
	if err := app.Store.DB().GetContext(ctx, &unitName, `SELECT name FROM units WHERE kind = 'utama'`); err != nil {
		t.Fatal(err)
	}

	// GET /api/v1/documents
	const documents = "GET /api/v1/documents"
	list := w.call(apiCall{op: documents, name: "newest first", method: "GET", path: "/api/v1/documents", status: 200})
	if items, _ := list["items"].([]any); len(items) != 2 {
		t.Errorf("documents listed: %v", list)
	}
	w.call(apiCall{op: documents, name: "search", method: "GET", path: "/api/v1/documents?q=anggaran", status: 200})
	w.call(apiCall{op: documents, name: "misspelt: near title matches", method: "GET", path: "/api/v1/documents?q=" + url.QueryEscape("pengadan seragm"), status: 200})
	w.call(apiCall{op: documents, name: "every filter", method: "GET", path: "/api/v1/documents?" + url.Values{"category": {"berkala"}, "unit": {portal.Slug(unitName)},
		"year": {"2026"}, "type": {"teks"}, "page": {"1"}}.Encode(), status: 200})
	w.call(apiCall{op: documents, name: "past the last page", method: "GET", path: "/api/v1/documents?page=3", status: 200})
	w.call(apiCall{op: documents, name: "unknown unit", method: "GET", path: "/api/v1/documents?unit=tidak-ada", status: 400})
	w.call(apiCall{op: documents, name: "unknown category and year", method: "GET", path: "/api/v1/documents?category=rahasia&year=abc", status: 400, specRejects: true})
	w.call(apiCall{op: documents, name: "page 0", method: "GET", path: "/api/v1/documents?page=0", status: 400, specRejects: true})

	// GET /api/v1/documents/{pid}
	const document = "GET /api/v1/documents/{pid}"
	if d := w.call(apiCall{op: document, name: "published by hand", method: "GET", path: "/api/v1/documents/" + pid(published), status: 200}); d["registration_number"] != nil {
		t.Errorf("a document published by hand names a request: %v", d)
	}
	if d := w.call(apiCall{op: document, name: "published from a request", method: "GET", path: "/api/v1/documents/" + fromCase, status: 200}); d["registration_number"] != number {
		t.Errorf("a document published from a request does not name it: %v", d)
	}
	w.call(apiCall{op: document, name: "withdrawn from publication", method: "GET", path: "/api/v1/documents/" + pid(unpublished), status: 410})
	w.call(apiCall{op: document, name: "unknown", method: "GET", path: "/api/v1/documents/tidakada00", status: 404})

	// GET /api/v1/register
	const register = "GET /api/v1/register"
	reg := w.call(apiCall{op: register, name: "everything", method: "GET", path: "/api/v1/register", status: 200})
	if items, _ := reg["items"].([]any); len(items) != 7 {
		t.Errorf("register items: %d", len(items))
	}
	w.call(apiCall{op: register, name: "refusals of 2026", method: "GET", path: "/api/v1/register?year=2026&status=ditolak", status: 200})
	w.call(apiCall{op: register, name: "past the end", method: "GET", path: "/api/v1/register?page=2", status: 200})
	w.call(apiCall{op: register, name: "unknown status", method: "GET", path: "/api/v1/register?status=hilang", status: 400, specRejects: true})
	w.call(apiCall{op: register, name: "year out of range", method: "GET", path: "/api/v1/register?year=1800&page=0", status: 400, specRejects: true})

	// GET /api/v1/statistics
	const statistics = "GET /api/v1/statistics"
	w.call(apiCall{op: statistics, name: "2026", method: "GET", path: "/api/v1/statistics?year=2026", status: 200})
	w.call(apiCall{op: statistics, name: "a year without requests", method: "GET", path: "/api/v1/statistics?year=2024", status: 200})
	w.call(apiCall{op: statistics, name: "the current year", method: "GET", path: "/api/v1/statistics", status: 200})
	w.call(apiCall{op: statistics, name: "year not a number", method: "GET", path: "/api/v1/statistics?year=abc", status: 400, specRejects: true})

	// The satisfaction survey: a paper form typed in, then the index.
	const skmEntry, skmIndex = "POST /api/v1/kantor/skm", "GET /api/v1/skm"
	var mainUnit int64
	if err := app.Store.DB().GetContext(ctx, &mainUnit, `SELECT id FROM units WHERE kind = 'utama'`); err != nil {
		t.Fatal(err)
	}
	form := map[string]any{"unit_id": mainUnit, "filled_at": "2026-04-13", "answers": map[string]any{"U1": 4, "U2": 3, "U3": 3, "U4": 4,
		"U5": 3, "U6": 4, "U7": 4, "U8": 3, "U9": 3}, "respondent": map[string]any{"gender": "perempuan"}, "suggestion": "Ruang tunggu diperluas."}
	w.call(apiCall{op: skmEntry, name: "a paper form", client: ppid.c, method: "POST", path: "/api/v1/kantor/skm", body: form, status: 201})
	w.call(apiCall{op: skmEntry, name: "signed out", method: "POST", path: "/api/v1/kantor/skm", body: form, status: 401, specRejects: true})
	w.call(apiCall{op: skmEntry, name: "the atasan", client: atasan.c, method: "POST", path: "/api/v1/kantor/skm", body: form, status: 403})
	w.call(apiCall{op: skmEntry, name: "an answer out of range", client: ppid.c, method: "POST", path: "/api/v1/kantor/skm",
		body: map[string]any{"unit_id": mainUnit, "filled_at": "2026-04-13", "answers": map[string]any{"U1": 5}}, status: 422, specRejects: true})
	w.call(apiCall{op: skmEntry, name: "malformed JSON", client: ppid.c, method: "POST", path: "/api/v1/kantor/skm", body: `{"unit_id": `,
		status: 400, specRejects: true})
	w.call(apiCall{op: skmIndex, name: "2026", method: "GET", path: "/api/v1/skm?year=2026", status: 200})
	w.call(apiCall{op: skmIndex, name: "a quarter of a unit", method: "GET", path: fmt.Sprintf("/api/v1/skm?year=2026&quarter=2&unit=%d", mainUnit), status: 200})
	w.call(apiCall{op: skmIndex, name: "a custom period", method: "GET", path: "/api/v1/skm?from=2026-01-01&to=2026-04-30", status: 200})
	w.call(apiCall{op: skmIndex, name: "semester 3", method: "GET", path: "/api/v1/skm?semester=3", status: 400, specRejects: true})

	// CSV downloads.
	const registerCSV, statisticsCSV = "GET /register.csv", "GET /statistik.csv"
	w.call(apiCall{op: registerCSV, name: "2026", method: "GET", path: "/register.csv?tahun=2026", status: 200})
	w.call(apiCall{op: registerCSV, name: "an empty filter", method: "GET", path: "/register.csv?tahun=2024&status=diserahkan", status: 200})
	w.call(apiCall{op: registerCSV, name: "year not a number", method: "GET", path: "/register.csv?tahun=abc", status: 400, specRejects: true})
	w.call(apiCall{op: statisticsCSV, name: "2026", method: "GET", path: "/statistik.csv?tahun=2026", status: 200})
	w.call(apiCall{op: statisticsCSV, name: "year out of range", method: "GET", path: "/statistik.csv?tahun=1800", status: 400, specRejects: true})

	// The annual report of 2025 (Perki 1/2021 Pasal 56): a draft for officers, public once locked and published.
	const report, officeReport = "GET /api/v1/reports/{year}", "GET /api/v1/kantor/reports/{year}"
	reportReader := signIn(t, app, "petugas.laporan@uji.test", "petugas", "rahasia-petugas-laporan")
	w.call(apiCall{op: report, name: "not yet published", method: "GET", path: "/api/v1/reports/2025", status: 404})
	w.call(apiCall{op: officeReport, name: "signed out", method: "GET", path: "/api/v1/kantor/reports/2025", status: 401, specRejects: true})
	w.call(apiCall{op: officeReport, name: "a petugas", client: reportReader.c, method: "GET", path: "/api/v1/kantor/reports/2025", status: 403})
	w.call(apiCall{op: officeReport, name: "a future year", client: ppid.c, method: "GET", path: "/api/v1/kantor/reports/2030", status: 404})
	w.call(apiCall{op: officeReport, name: "the draft", client: ppid.c, method: "GET", path: "/api/v1/kantor/reports/2025", status: 200})
	for _, step := range []string{"kunci", "umumkan"} {
		if st, _, _ := ppid.post("/kantor/laporan/2025/"+step, url.Values{}); st != http.StatusSeeOther {
			t.Fatalf("report %s: %d", step, st)
		}
	}
	w.call(apiCall{op: report, name: "published", method: "GET", path: "/api/v1/reports/2025", status: 200})

	// Over a limit (internal/throttle): this client's wrong number/code pairs, then its submissions.
	for i, status := 0, 0; i < 50 && status != http.StatusTooManyRequests; i++ {
		resp, err := http.Get(app.URL + trackPath(number, "AAAAA-AAAAA"))
		if err != nil {
			t.Fatal(err)
		}
		status = resp.StatusCode
		resp.Body.Close()
	}
	w.call(apiCall{op: track, name: "too many wrong codes", method: "GET", path: trackPath(number, code), status: 429})
	w.call(apiCall{op: object, name: "too many wrong codes", method: "POST", path: "/api/v1/objections",
		body: objection(number, code, []string{"d"}, "Salinan yang diberikan tidak lengkap."), status: 429})
	for i, status := 0, 0; i < 50 && status != http.StatusTooManyRequests; i++ {
		resp, _ := postJSON(t, app.URL+"/api/v1/requests", request)
		status = resp.StatusCode
	}
	w.call(apiCall{op: submit, name: "too many requests from one client", method: "POST", path: "/api/v1/requests", body: request, status: 429})

	// POST /api/v1/requests/recover: the same 202 for any address, then the client's limit.
	const recover = "POST /api/v1/requests/recover"
	w.call(apiCall{op: recover, name: "a known address", method: "POST", path: "/api/v1/requests/recover", body: map[string]any{"email": "siti@contoh.id"}, status: 202})
	w.call(apiCall{op: recover, name: "an unknown address", method: "POST", path: "/api/v1/requests/recover", body: map[string]any{"email": "tidak.ada@contoh.id"}, status: 202})
	w.call(apiCall{op: recover, name: "not an address", method: "POST", path: "/api/v1/requests/recover", body: map[string]any{"email": "bukan"}, status: 422})
	w.call(apiCall{op: recover, name: "malformed JSON", method: "POST", path: "/api/v1/requests/recover", body: `{"email": `, status: 400, specRejects: true})
	for i, status := 0, 0; i < 50 && status != http.StatusTooManyRequests; i++ {
		resp, _ := postJSON(t, app.URL+"/api/v1/requests/recover", map[string]any{"email": "lain@contoh.id"})
		status = resp.StatusCode
	}
	w.call(apiCall{op: recover, name: "too many asks from one client", method: "POST", path: "/api/v1/requests/recover", body: map[string]any{"email": "siti@contoh.id"}, status: 429})

	// Every operation succeeded and failed, and every documented answer was seen.
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			key := method + " " + path
			seen := w.answered[key]
			if len(seen) == 0 {
				t.Errorf("%s is documented but never exercised", key)
				continue
			}
			success, failure := false, false
			for status := range seen {
				success = success || status < 300
				failure = failure || status >= 400
			}
			if !success || !failure {
				t.Errorf("%s: exercised with %v; want a success and an error", key, seen)
			}
			for code := range op.Responses.Map() {
				status, err := strconv.Atoi(code)
				if err != nil || status == http.StatusInternalServerError {
					continue
				}
				if !seen[status] {
					t.Errorf("%s: documented answer %d never exercised", key, status)
				}
			}
		}
	}
}
