package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// publishClean drafts and publishes a clean document about the 2026 education budget.
func publishClean(t *testing.T, app *testApp) {
	t.Helper()
	ppid := newPublisher(t, app, "penerbit@uji.test", "ppid")
	status, loc, body := ppid.draft(ppid.cleanFields(), "dpa 2026.txt", []byte("Rincian penganggaran sekolah: belanja pegawai dan belanja modal.\n"))
	if status != http.StatusSeeOther {
		t.Fatalf("draft: %d %s", status, body)
	}
	if status, _ := ppid.post(loc + "/terbitkan"); status != http.StatusSeeOther {
		t.Fatalf("publish: %d", status)
	}
}

// The portal's search finds requests' public pages beside documents; cari (scope in the API)
// chooses dokumen, permohonan or semua; requests without consent or held for review are never found.
func TestPortalSearchFindsPublicRequests(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	publishClean(t, app)
	public, _ := submitJSON(t, app, func(b map[string]any) { b["information"] = "Rencana anggaran pendidikan sekolah dasar 2026" })
	submitJSON(t, app, func(b map[string]any) {
		b["information"] = "Anggaran pendidikan rahasia tanpa persetujuan"
		b["publish_consent"] = false
	})
	submitJSON(t, app, func(b map[string]any) { b["information"] = "Anggaran pendidikan untuk Siti Aminah" }) // held: names the requester
	key := requestKey(t, app, public)

	_, page := get(t, app.URL+"/dokumen?q=anggaran+pendidikan")
	if !strings.Contains(page, "Penganggaran Dinas Pendidikan Tahun 2026") || !strings.Contains(page, `href="/permohonan/`+key+`/rencana-anggaran-pendidikan-sekolah-dasar-2026"`) {
		t.Fatalf("search of both lacks the document or the request")
	}
	for _, never := range []string{"tanpa persetujuan", "Siti", "Aminah"} {
		if strings.Contains(page, never) {
			t.Errorf("search shows %q", never)
		}
	}
	_, page = get(t, app.URL+"/dokumen?q=anggaran+pendidikan&cari=dokumen")
	if !strings.Contains(page, "Penganggaran Dinas Pendidikan") || strings.Contains(page, "/permohonan/"+key) {
		t.Error("cari=dokumen: want the document alone")
	}
	_, page = get(t, app.URL+"/dokumen?q=anggaran+pendidikan&cari=permohonan")
	if strings.Contains(page, "Penganggaran Dinas Pendidikan") || !strings.Contains(page, "/permohonan/"+key) || !strings.Contains(page, "1 permohonan cocok") {
		t.Error("cari=permohonan: want the request alone")
	}
	if resp, _ := get(t, app.URL+"/dokumen?cari=surat"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown cari: %d", resp.StatusCode)
	}

	var out struct {
		Items    []map[string]any `json:"items"`
		Requests []struct {
			URL         string `json:"url"`
			Information string `json:"information"`
		} `json:"requests"`
		RequestsTotal int `json:"requests_total"`
	}
	for scope, want := range map[string][2]int{"": {1, 1}, "semua": {1, 1}, "dokumen": {1, 0}, "permohonan": {0, 1}} {
		resp, body := get(t, app.URL+"/api/v1/documents?q=anggaran+pendidikan&scope="+scope)
		out.Items, out.Requests = nil, nil
		if err := json.Unmarshal([]byte(body), &out); err != nil || resp.StatusCode != 200 {
			t.Fatalf("API scope %q: %d %v", scope, resp.StatusCode, err)
		}
		if len(out.Items) != want[0] || len(out.Requests) != want[1] {
			t.Errorf("API scope %q: %d documents, %d requests; want %v", scope, len(out.Items), len(out.Requests), want)
		}
		if len(out.Requests) == 1 && (!strings.Contains(out.Requests[0].URL, "/permohonan/"+key+"/") || out.RequestsTotal != 1) {
			t.Errorf("API scope %q: request %+v total %d", scope, out.Requests[0], out.RequestsTotal)
		}
	}
}
