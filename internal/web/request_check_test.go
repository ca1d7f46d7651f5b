package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// "Check first": the request form shows the published documents and requests' public pages that
// match what is being asked — by a GET first step or the form's "Periksa dulu" button, without
// JavaScript — keeps what was typed, registers nothing, and the citizen can still send it.
func TestRequestFormChecksFirst(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	publishClean(t, app) // "Penganggaran Dinas Pendidikan Tahun 2026"
	number, _ := submitJSON(t, app, func(b map[string]any) { b["information"] = "Rencana anggaran pendidikan sekolah dasar 2026" })
	key := requestKey(t, app, number)
	before, _ := app.Store.CountRequests(context.Background())

	// The first step: GET with the subject.
	resp, page := get(t, app.URL+"/permohonan/baru?periksa="+url.QueryEscape("Anggaran pendidikan SD"))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("check first: %d", resp.StatusCode)
	}
	for _, want := range []string{"Penganggaran Dinas Pendidikan Tahun 2026", `href="/permohonan/` + key + `/`, ">Anggaran pendidikan SD</textarea>",
		`value="Anggaran pendidikan SD"`, `action="/permohonan/baru"`} {
		if !strings.Contains(page, want) {
			t.Errorf("checked form lacks %q", want)
		}
	}

	// The form's button: posts everything typed, gets it back with the matches, registers nothing.
	form := validForm()
	form.Set("information", "Rincian anggaran pendidikan sekolah menengah")
	form.Set("aksi", "periksa")
	c := newClient(t)
	resp, err := c.PostForm(app.URL+"/permohonan/baru", form)
	if err != nil {
		t.Fatal(err)
	}
	page = readBody(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("Periksa dulu: %d", resp.StatusCode)
	}
	for _, want := range []string{"Penganggaran Dinas Pendidikan Tahun 2026", "/permohonan/" + key + "/", `value="Budi Santoso"`,
		`value="081234567890"`, ">Rincian anggaran pendidikan sekolah menengah</textarea>"} {
		if !strings.Contains(page, want) {
			t.Errorf("checked form lacks %q", want)
		}
	}
	if strings.Contains(page, `aria-invalid="true"`) {
		t.Error("a check marks fields as invalid")
	}
	if n, _ := app.Store.CountRequests(context.Background()); n != before {
		t.Fatalf("a check registered a request (%d → %d)", before, n)
	}

	// Nothing matches: the form says so and the citizen goes on.
	_, page = get(t, app.URL+"/permohonan/baru?periksa="+url.QueryEscape("izin reklame jalan tol"))
	if !strings.Contains(page, "Belum ada dokumen atau permohonan yang dipublikasikan yang cocok") {
		t.Error("a check without matches does not say so")
	}

	// The citizen continues and sends it.
	form.Del("aksi")
	resp, err = c.PostForm(app.URL+"/permohonan/baru", form)
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	if n, _ := app.Store.CountRequests(context.Background()); resp.StatusCode != http.StatusSeeOther || n != before+1 {
		t.Fatalf("sending after a check: %d, %d requests", resp.StatusCode, n)
	}
}
