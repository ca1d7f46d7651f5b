package web_test

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// requestKey reads a request's public key, as an officer would see it in the page's link.
func requestKey(t *testing.T, app *testApp, number string) string {
	t.Helper()
	var key string
	if err := app.Store.DB().Get(&key, `SELECT public_key FROM requests WHERE registration_number = $1`, number); err != nil {
		t.Fatal(err)
	}
	return key
}

func submitJSON(t *testing.T, app *testApp, edit func(map[string]any)) (number, code string) {
	t.Helper()
	body := validJSON()
	edit(body)
	resp, out := postJSON(t, app.URL+"/api/v1/requests", body)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("submit: %d %v", resp.StatusCode, out)
	}
	return out["registration_number"].(string), out["tracking_code"].(string)
}

func publicPageGet(t *testing.T, path string) (int, string, string) {
	t.Helper()
	resp, err := newClient(t).Get(path)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Location"), readBody(t, resp)
}

// The public page of a consented request: its text, dates, the notice's facts and never the
// requester's name, NIK, contact data or tracking code; a wrong slug redirects, no consent is 404.
func TestPublicRequestPageShowsTheAnonymisedCase(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	path, number, code := submitViaAPI(t, app) // validJSON consents
	key := requestKey(t, app, number)
	if len(key) != 16 || strings.Contains(number, key) {
		t.Fatalf("public key %q", key)
	}

	// A refusal whose free text names the requester: the page shows the facts, masked.
	app.Clock.Set(time.Date(2026, 11, 5, 10, 0, 0, 0, jakarta))
	refusal := url.Values{"kind": {"ditolak"}, "notice_date": {"2026-11-05"}, "notice_time": {"10:00"}, "exemption_letters": {"h"},
		"legal_basis": {"UU 14/2008 Pasal 17 huruf h"}, "harm": {"Membuka data kesehatan pegawai yang diminta Siti Aminah."},
		"public_interest": {"Tidak lebih besar dari perlindungan data pribadi."}, "dik_subject": {"Data kesehatan pegawai"}}
	if st, kind, _ := ppid.postStep(path+"/putuskan", refusal); st != 303 || kind != flashDone {
		t.Fatalf("refusal: %d %q", st, kind)
	}

	st, loc, _ := publicPageGet(t, app.URL+"/permohonan/"+key+"/judul-lama")
	canonical := "/permohonan/" + key + "/salinan-rka-dinas-pendidikan-tahun-2026"
	if st != http.StatusMovedPermanently || loc != canonical {
		t.Fatalf("wrong slug: %d → %q, want 301 → %s", st, loc, canonical)
	}
	if st, loc, _ := publicPageGet(t, app.URL+"/permohonan/"+key); st != http.StatusMovedPermanently || loc != canonical {
		t.Errorf("no slug: %d → %q", st, loc)
	}
	st, _, page := publicPageGet(t, app.URL+canonical)
	if st != http.StatusOK {
		t.Fatalf("public page: %d", st)
	}
	for _, want := range []string{"Salinan RKA Dinas Pendidikan tahun 2026", "Ditolak", "Membuka data kesehatan pegawai yang diminta [disamarkan]",
		"UU 14/2008 Pasal 17 huruf h", "Tidak lebih besar dari perlindungan data pribadi.", "5 November 2026 10:00 WIB", `rel="canonical"`} {
		if !strings.Contains(page, want) {
			t.Errorf("public page lacks %q", want)
		}
	}
	for _, never := range []string{"Siti", "Aminah", validNIK, "0812", "2233", "siti@contoh.id", "Cihampelas", "Guru", code,
		"Diskusi komite sekolah"} {
		if strings.Contains(page, never) {
			t.Errorf("public page shows %q", never)
		}
	}

	// Without consent there is no page, though the key exists.
	other, _ := submitJSON(t, app, func(b map[string]any) { b["publish_consent"] = false })
	if st, _, _ := publicPageGet(t, app.URL+"/permohonan/"+requestKey(t, app, other)+"/salinan-rka-dinas-pendidikan-tahun-2026"); st != http.StatusNotFound {
		t.Errorf("request without consent: %d, want 404", st)
	}
	if st, _, _ := publicPageGet(t, app.URL+"/permohonan/0123456789abcdef/x"); st != http.StatusNotFound {
		t.Errorf("unknown key: %d", st)
	}

	// The register (page, API, CSV) and the sitemap link the page; never the one without consent.
	_, _, reg := publicPageGet(t, app.URL+"/register")
	if !strings.Contains(reg, `href="`+canonical+`"`) || strings.Count(reg, "Halaman publik") != 1 {
		t.Errorf("register does not link the one public page")
	}
	resp, err := http.Get(app.URL + "/api/v1/register")
	if err != nil {
		t.Fatal(err)
	}
	var api struct {
		Items []struct {
			Number  string  `json:"registration_number"`
			PageURL *string `json:"page_url"`
		} `json:"items"`
	}
	json.Unmarshal([]byte(readBody(t, resp)), &api)
	for _, it := range api.Items {
		want := it.Number == number
		if (it.PageURL != nil) != want || (want && !strings.HasSuffix(*it.PageURL, canonical)) {
			t.Errorf("API register %s: page_url %v", it.Number, it.PageURL)
		}
	}
	_, _, csvBody := publicPageGet(t, app.URL+"/register.csv")
	records, err := csv.NewReader(strings.NewReader(csvBody)).ReadAll()
	if err != nil || len(records) != 3 || records[0][len(records[0])-1] != "page_url" {
		t.Fatalf("register CSV: %v %v", err, records)
	}
	for _, rec := range records[1:] {
		if want := rec[0] == number; want != strings.HasSuffix(rec[len(rec)-1], canonical) {
			t.Errorf("CSV row %s: page_url %q", rec[0], rec[len(rec)-1])
		}
	}
	if _, _, sm := publicPageGet(t, app.URL+"/sitemap.xml"); !strings.Contains(sm, canonical+"</loc>") {
		t.Error("sitemap lacks the public request page")
	}
}

// A request text with personal data is held off the portal until the PPID of its unit reviews it;
// the control is the PPID's, within scope, and the page masks what was found.
func TestPublicRequestPageWaitsForTheReviewOfPersonalData(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	petugas := signIn(t, app, "petugas@uji.test", "petugas", "rahasia-petugas")
	var unitID string
	if err := app.Store.DB().Get(&unitID, `INSERT INTO units (name, kind) VALUES ('PPID Pelaksana Dinas Kesehatan', 'pelaksana') RETURNING id::text`); err != nil {
		t.Fatal(err)
	}
	addUser(t, app.Store, "dinkes@uji.test", "ppid", "rahasia-dinkes")
	app.Store.DB().MustExec(`UPDATE users SET unit_id = $1 WHERE email = 'dinkes@uji.test'`, unitID)
	c, _ := login(t, app, "dinkes@uji.test", "rahasia-dinkes")
	dinkes := &officer{t: t, app: app, c: c}

	number, _ := submitJSON(t, app, func(b map[string]any) {
		b["information"] = "Data penerima bantuan sosial di RT saya; hubungi 0812 2233 4455 bila perlu."
	})
	var id string
	app.Store.DB().Get(&id, `SELECT id::text FROM requests WHERE registration_number = $1`, number)
	path := "/kantor/permohonan/" + id
	key := requestKey(t, app, number)
	pagePath := "/permohonan/" + key + "/x"
	if st, _, _ := publicPageGet(t, app.URL+pagePath); st != http.StatusNotFound {
		t.Fatalf("flagged text is public before review: %d", st)
	}
	casePage := ppid.get(path)
	if !strings.Contains(casePage, "Halaman publik permohonan") || !strings.Contains(casePage, "nomor telepon") ||
		!strings.Contains(casePage, "Tampilkan halaman publik") || strings.Contains(casePage, "0812 2233 4455</code>") {
		t.Fatalf("case page does not show the masked finding and the control")
	}
	if strings.Contains(petugas.get(path), "Tampilkan halaman publik") {
		t.Error("petugas is offered the PPID's control")
	}
	if st, _, _ := petugas.post(path+"/halaman-publik", url.Values{"review": {"shown"}}); st != http.StatusForbidden {
		t.Errorf("petugas shows the page: %d", st)
	}
	if st, _, _ := dinkes.post(path+"/halaman-publik", url.Values{"review": {"shown"}}); st != http.StatusNotFound {
		t.Errorf("another unit's PPID shows the page: %d", st)
	}
	if st, _, _ := publicPageGet(t, app.URL+pagePath); st != http.StatusNotFound {
		t.Fatal("refused attempts made the page public")
	}

	if st, kind, _ := ppid.postStep(path+"/halaman-publik", url.Values{"review": {"shown"}}); st != 303 || kind != flashDone {
		t.Fatalf("show: %d %q", st, kind)
	}
	st, loc, _ := publicPageGet(t, app.URL+pagePath)
	if st != http.StatusMovedPermanently {
		t.Fatalf("shown page: %d", st)
	}
	_, _, page := publicPageGet(t, app.URL+loc)
	if !strings.Contains(page, "Data penerima bantuan sosial") || strings.Contains(page, "2233") || !strings.Contains(page, "[disamarkan]") {
		t.Errorf("shown page does not mask the phone number")
	}
	if !strings.Contains(ppid.get(path), "Sembunyikan halaman publik") {
		t.Error("case page does not offer hiding a public page")
	}
	if st, kind, _ := ppid.postStep(path+"/halaman-publik", url.Values{"review": {"hidden"}}); st != 303 || kind != flashDone {
		t.Fatalf("hide: %d %q", st, kind)
	}
	if st, _, _ := publicPageGet(t, app.URL+loc); st != http.StatusNotFound {
		t.Errorf("hidden page: %d", st)
	}
	if n := count(t, app, `SELECT count(*) FROM request_events WHERE kind = 'public_page' AND NOT public`); n != 2 {
		t.Errorf("%d review events in the internal history, want 2", n)
	}

	// Without consent the control refuses.
	noConsent, _ := submitJSON(t, app, func(b map[string]any) { b["publish_consent"] = false })
	app.Store.DB().Get(&id, `SELECT id::text FROM requests WHERE registration_number = $1`, noConsent)
	if _, kind, _ := ppid.postStep("/kantor/permohonan/"+id+"/halaman-publik", url.Values{"review": {"shown"}}); kind != flashRefused {
		t.Errorf("showing a request without consent: flash %q", kind)
	}
}

// The web form and the desk form ask the consent in plain words, unticked by default; a ticked
// box on the web form gives the request its public page.
func TestRequestFormsAskConsentToPublish(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	petugas := signIn(t, app, "petugas@uji.test", "petugas", "rahasia-petugas")
	_, form := get(t, app.URL+"/permohonan/baru")
	desk := petugas.get("/kantor/permohonan/baru")
	for name, page := range map[string]string{"web form": form, "desk form": desk} {
		if !strings.Contains(page, `name="publish_consent" value="ya" >`) || !strings.Contains(page, "dipublikasikan tanpa nama saya") {
			t.Errorf("%s does not ask the consent unticked", name)
		}
	}
	f := validForm()
	f.Set("publish_consent", "ya")
	resp, err := newClient(t).PostForm(app.URL+"/permohonan/baru", f)
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	var number string
	app.Store.DB().Get(&number, `SELECT registration_number FROM requests WHERE publish_consent`)
	if resp.StatusCode != http.StatusSeeOther || number == "" {
		t.Fatalf("consented web request: %d %q", resp.StatusCode, number)
	}
	if st, loc, _ := publicPageGet(t, app.URL+"/permohonan/"+requestKey(t, app, number)); st != http.StatusMovedPermanently ||
		!strings.HasSuffix(loc, "/daftar-izin-usaha-mikro-tahun-2026") {
		t.Errorf("consented web request's page: %d %q", st, loc)
	}
}
