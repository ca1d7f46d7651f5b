package web_test

import (
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/app"
	"github.com/terbuka-id/terbuka/internal/config"
	"github.com/terbuka-id/terbuka/internal/notify"
	"github.com/terbuka-id/terbuka/internal/web"
)

// brand is the office name in the page header.
func brand(t *testing.T, page string) string {
	t.Helper()
	m := regexp.MustCompile(`<a class="brand" href="/">([^<]*)</a>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("page has no header brand")
	}
	return m[1]
}

// The header names the office from config.yaml only while nothing is saved; once the
// administrator saves a name, the header, the DIP and the letters all use it.
func TestHeaderShowsTheSavedOfficeName(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	admin := signInAdmin(t, app)
	if got := brand(t, admin.get("/kantor")); got != "PPID Uji" {
		t.Errorf("header before any save: %q, want config.yaml's", got)
	}
	saved := url.Values{"name": {"PPID Kabupaten Contoh"}, "address": {"Jl. Merdeka 1"}, "city": {"Contoh"},
		"timezone": {"Asia/Jakarta"}, "closes_at": {"16:00"}}
	if st, _, _ := admin.post("/kantor/admin/kantor", saved); st != http.StatusSeeOther {
		t.Fatalf("save: %d", st)
	}
	if got := brand(t, admin.get("/kantor")); got != "PPID Kabupaten Contoh" {
		t.Errorf("office header after the save: %q", got)
	}
	public := newClient(t)
	resp, err := public.Get(app.URL + "/dip")
	if err != nil {
		t.Fatal(err)
	}
	page := readBody(t, resp)
	if got := brand(t, page); got != "PPID Kabupaten Contoh" || !strings.Contains(page, "diterbitkan oleh PPID Kabupaten Contoh") {
		t.Errorf("public header %q, or the DIP names another office", got)
	}
}

// Every kind of row the outbox can hold has an Indonesian label: each mail template in
// internal/mailtext/templates and each webhook event.
func TestEveryOutboxKindHasALabel(t *testing.T) {
	entries, err := os.ReadDir("../mailtext/templates")
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, e := range entries {
		kinds = append(kinds, strings.TrimSuffix(e.Name(), ".txt"))
	}
	for _, k := range notify.WebhookEvents {
		kinds = append(kinds, string(k))
	}
	if len(kinds) < 20 {
		t.Fatalf("only %d kinds found", len(kinds))
	}
	for _, k := range kinds {
		if label, ok := web.OutboxKindLabel(k); !ok || label == "" || strings.Contains(label, "_") {
			t.Errorf("outbox kind %q has no Indonesian label (%q)", k, label)
		}
	}
}

// Every registered job has an Indonesian label, and the jobs page shows no raw job name.
func TestEveryJobHasAnIndonesianLabel(t *testing.T) {
	t.Parallel()
	for _, name := range app.JobNames() {
		if label, ok := web.JobLabel(name); !ok || label == "" || strings.Contains(label, "-") {
			t.Errorf("job %q has no Indonesian label (%q)", name, label)
		}
	}
	a := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	admin := signInAdmin(t, a)
	page := admin.get("/kantor/admin/tugas")
	if !strings.Contains(page, "Jalankan pemantauan tenggat sekarang") {
		t.Error("the deadline watch's button is not in Indonesian")
	}
	for _, name := range app.JobNames() {
		if strings.Contains(page, "Jalankan "+name+" sekarang") || strings.Contains(page, ">"+name+"<") {
			t.Errorf("the jobs page shows the raw name %q", name)
		}
	}
	// Scrollable tables are keyboard reachable (axe scrollable-region-focusable).
	if !strings.Contains(page, `<div class="table-scroll" tabindex="0" role="region" aria-label=`) && strings.Contains(page, `class="table-scroll"`) {
		t.Error("the jobs table's scroll wrapper cannot be reached by keyboard")
	}
}

// Every scroll wrapper of the administrator's pages is reachable by keyboard and named.
func TestAdminScrollWrappersAreFocusable(t *testing.T) {
	files, err := os.ReadDir("../../templates/pages")
	if err != nil {
		t.Fatal(err)
	}
	wrapper := regexp.MustCompile(`<div class="table-scroll"[^>]*>`)
	for _, f := range files {
		if !strings.HasPrefix(f.Name(), "admin_") {
			continue
		}
		b, err := os.ReadFile("../../templates/pages/" + f.Name())
		if err != nil {
			t.Fatal(err)
		}
		for _, tag := range wrapper.FindAllString(string(b), -1) {
			if !strings.Contains(tag, `tabindex="0"`) || !strings.Contains(tag, `role="region"`) || !strings.Contains(tag, `aria-label="`) {
				t.Errorf("%s: %s is not reachable by keyboard or has no name", f.Name(), tag)
			}
		}
	}
}

// The outbox shows officer notices and webhook deliveries by their Indonesian kind, a webhook
// row by its gateway rather than a raw word, and its detail page shows the signed body.
func TestOutboxShowsNoticeKindsInIndonesian(t *testing.T) {
	t.Parallel()
	a := newAppWith(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta), func(c *config.Config) {
		c.Notify.WebhookURL, c.Notify.WebhookSecret = "https://gateway.test/terbuka", "0123456789abcdef"
	})
	admin := signInAdmin(t, a)
	submitViaAPI(t, a)
	page := admin.get("/kantor/admin/surel")
	for _, want := range []string{"Permohonan baru (untuk petugas)", "Webhook: permohonan baru", "Webhook kantor", `class="table-scroll" tabindex="0" role="region"`} {
		if !strings.Contains(page, want) {
			t.Errorf("outbox page lacks %q", want)
		}
	}
	for _, raw := range []string{">officer_new_request<", ">new_request<", ">webhook<"} {
		if strings.Contains(page, raw) {
			t.Errorf("outbox page shows %s raw", raw)
		}
	}
	hook := idOf(t, a, `SELECT id::text FROM outbox WHERE channel = 'webhook'`)
	item := admin.get("/kantor/admin/surel/" + hook)
	if !strings.Contains(item, "Isi webhook") || strings.Contains(item, "tidak dikenal") || !strings.Contains(item, "registration_number") {
		t.Errorf("the webhook delivery's page does not show its body: %s", item)
	}
}
