package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Perki 1/2021 Pasal 5(5), 24: every request form asks, optionally, for the information in an
// accessible form; the case page, the delivery step and the written notice show what was asked.
func TestAccessibilityNeedsFromEveryFormToTheNotice(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")

	// The API: codes are checked, "lainnya" needs its description.
	bad := validJSON()
	bad["accessibility"] = map[string]any{"needs": []string{"telepati", "lainnya"}}
	resp, out := postJSON(t, app.URL+"/api/v1/requests", bad)
	fields, _ := out["fields"].(map[string]any)
	if resp.StatusCode != http.StatusUnprocessableEntity || fields["accessibility.needs"] == nil || fields["accessibility.note"] == nil {
		t.Fatalf("bad accessibility: %d %v", resp.StatusCode, out)
	}
	good := validJSON()
	good["accessibility"] = map[string]any{"needs": []string{"braille", "lainnya"}, "note": "Berkas untuk pembaca layar"}
	resp, out = postJSON(t, app.URL+"/api/v1/requests", good)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("submit: %d %v", resp.StatusCode, out)
	}
	var path string
	app.Store.DB().Get(&path, `SELECT '/kantor/permohonan/' || id FROM requests WHERE registration_number = $1`, out["registration_number"])
	want := "Huruf braille; Lainnya: Berkas untuk pembaca layar"
	if page := ppid.get(path); !strings.Contains(page, "Kebutuhan aksesibilitas") || !strings.Contains(page, want) {
		t.Errorf("the case page does not show the accessibility needs")
	}

	// The written notice and the delivery step say it.
	grant := url.Values{"kind": {"dikabulkan"}, "notice_date": {"2026-11-02"}, "notice_time": {"09:00"}, "information_given": {"Rekap anggaran"},
		"form": {"softcopy"}, "cost": {"Tanpa biaya (salinan elektronik)"}, "delivery_time": {"Hari ini melalui e-mail"}}
	if st, _, page := ppid.post(path+"/putuskan", grant); st != http.StatusSeeOther {
		t.Fatalf("grant: %d %v %s", st, fieldErrors(page), regexp.MustCompile(`class="error"[^>]*>[^<]*`).FindAllString(page, -1))
	}
	page := ppid.get(path)
	if !strings.Contains(page, "Serahkan dalam bentuk yang mudah diakses") || !strings.Contains(page, "<strong>"+want+"</strong>") {
		t.Errorf("the delivery step does not show the accessibility needs")
	}
	var letter string
	app.Store.DB().Get(&letter, `SELECT id::text FROM letters WHERE request_id = $1 AND kind = 'pemberitahuan'`, caseIDOf(path))
	if html := ppid.get(path + "/surat/" + letter); !strings.Contains(html, "Bentuk informasi yang mudah diakses") || !strings.Contains(html, want) {
		t.Errorf("the written notice does not name the accessible form")
	}

	// The web form works without JavaScript: checkboxes, kept on an error, stored on success.
	c := newClient(t)
	form := validForm()
	form["accessibility.needs"] = []string{"huruf_besar", "lainnya"}
	resp, err := c.PostForm(app.URL+"/permohonan/baru", form)
	if err != nil {
		t.Fatal(err)
	}
	page = readBody(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || !hasFieldError(page, "accessibility.note") ||
		!regexp.MustCompile(`value="huruf_besar"\s+checked`).MatchString(page) {
		t.Fatalf("other without its description: %d, marked %v", resp.StatusCode, fieldErrors(page))
	}
	form.Set("accessibility.note", "Dibacakan lewat telepon")
	resp, err = c.PostForm(app.URL+"/permohonan/baru", form)
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("web form: %d", resp.StatusCode)
	}
	var stored string
	app.Store.DB().Get(&stored, `SELECT array_to_string(accessibility, ',') || '|' || accessibility_note FROM requests ORDER BY id DESC LIMIT 1`)
	if stored != "huruf_besar,lainnya|Dibacakan lewat telepon" {
		t.Errorf("web form stored %q", stored)
	}

	// The office's desk form has the same fields.
	if page := ppid.get("/kantor/permohonan/baru"); !strings.Contains(page, `name="accessibility.needs" value="bahasa_isyarat"`) {
		t.Errorf("the desk form lacks the accessibility needs")
	}
	desk := validForm()
	desk.Set("channel", "walk_in")
	desk.Set("received_date", "2026-11-02")
	desk.Set("received_time", "09:00")
	desk["accessibility.needs"] = []string{"bahasa_isyarat"}
	if st, _, _ := ppid.post("/kantor/permohonan/baru", desk); st != http.StatusSeeOther {
		t.Fatalf("desk form: %d", st)
	}
	app.Store.DB().Get(&stored, `SELECT array_to_string(accessibility, ',') FROM requests ORDER BY id DESC LIMIT 1`)
	if stored != "bahasa_isyarat" {
		t.Errorf("desk form stored %q", stored)
	}
}
