package demo_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/app"
	"github.com/terbuka-id/terbuka/internal/config"
	"github.com/terbuka-id/terbuka/internal/demo"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

// servicesOf are the services SeedService goes through, from the app `terbuka serve` wires.
func servicesOf(a *app.App) demo.Services {
	return demo.Services{Store: a.Store, Intake: a.Intake, Casework: a.Casework, SKM: a.SKM, Performance: a.Performance}
}

// The demo's service pages have something to show: this year's survey index with a grade, last
// year's annual report published, and a consenting request's public page; seeding twice adds nothing.
func TestSeedServiceFillsSurveyReportAndPublicPage(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta)
	s := testdb.Store(t)
	cfg := config.Default()
	cfg.Office.Name, cfg.Office.City = "PPID Demo", "Contoh"
	box, _ := secret.NewBox(bytes.Repeat([]byte{3}, 32))
	blobs, err := files.NewDisk(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(ctx, &cfg, s, app.Options{Box: box, Blobs: blobs, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)
	if _, err := demo.Seed(ctx, s, a.Intake, a.Casework, a.ReplayWatches); err != nil {
		t.Fatal(err)
	}
	count := func(query string) int {
		t.Helper()
		var n int
		if err := s.DB().Get(&n, query); err != nil {
			t.Fatal(err)
		}
		return n
	}
	var requests, responses int
	for i := range 2 {
		if err := demo.SeedService(ctx, servicesOf(a)); err != nil {
			t.Fatalf("seed %d: %v", i+1, err)
		}
		if i == 0 {
			requests, responses = count(`SELECT count(*) FROM requests`), count(`SELECT count(*) FROM survey_responses`)
		}
	}
	if n := count(`SELECT count(*) FROM requests`); n != requests || n <= 5 {
		t.Errorf("%d requests after the second seed, %d after the first (5 from Seed)", n, requests)
	}
	if n := count(`SELECT count(*) FROM survey_responses`); n != responses || n < 30 {
		t.Errorf("%d survey responses after the second seed, %d after the first; want ≥ 30 once", n, responses)
	}
	if n := count(`SELECT count(DISTINCT unit_id) FROM survey_responses`); n < 3 {
		t.Errorf("survey responses over %d units, want 3", n)
	}
	if n := count(`SELECT count(*) FROM survey_responses WHERE channel = 'web'`); n == 0 {
		t.Error("no web answers to finished cases' invitations")
	}
	if n := count(`SELECT count(*) FROM survey_responses WHERE suggestion_pii`); n != 1 {
		t.Errorf("%d suggestions flagged for personal data, want 1", n)
	}
	if n := count(`SELECT count(*) FROM survey_followups`); n != 1 {
		t.Errorf("%d follow-up actions, want 1", n)
	}

	srv := httptest.NewServer(a.Web.Handler())
	t.Cleanup(srv.Close)
	var skm struct {
		Respondents int64   `json:"respondents"`
		Grade       *string `json:"grade"`
	}
	getJSON(t, srv.URL+"/api/v1/skm?year=2026", &skm)
	if skm.Respondents == 0 || skm.Grade == nil || *skm.Grade == "" {
		t.Errorf("/api/v1/skm?year=2026: %+v, want respondents and a grade", skm)
	}
	var report map[string]any
	getJSON(t, srv.URL+"/api/v1/reports/2025", &report)
	for _, path := range []string{"/laporan", "/skm"} {
		if res, err := http.Get(srv.URL + path); err != nil || res.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %v %v", path, res, err)
		} else {
			res.Body.Close()
		}
	}

	var shown []string
	if err := s.DB().Select(&shown, `SELECT public_key FROM requests WHERE publish_consent`); err != nil {
		t.Fatal(err)
	}
	visible := 0
	for _, key := range shown {
		if _, err := s.PublicRequestByKey(ctx, key); err == nil {
			visible++
			if res, err := http.Get(srv.URL + "/permohonan/" + key); err != nil || res.StatusCode != http.StatusOK {
				t.Errorf("GET /permohonan/%s: %v %v", key, res, err)
			} else {
				res.Body.Close()
			}
		}
	}
	if visible == 0 {
		t.Error("no demo request has a visible public page")
	}
	// The last year's report has figures: the requests it counts were received that year.
	ppid, _ := s.UserByEmail(ctx, demo.Accounts[0].Email)
	rep, err := a.Performance.Report(ctx, ppid, 2025)
	if err != nil || rep.Status != "published" || rep.Figures.Received == 0 || rep.Narrative.Policy == "" {
		t.Errorf("the 2025 report: %+v %v", rep, err)
	}
	if rep != nil && (rep.Figures.Survey == nil || rep.Figures.Survey.Respondents == 0) {
		t.Errorf("the 2025 report has no survey figures: %+v", rep.Figures.Survey)
	}
	units, err := a.Performance.PublicUnits(ctx, 2025)
	if err != nil || len(units) < 3 {
		t.Errorf("the 2025 per-unit lines: %+v %v", units, err)
	}
	for _, u := range units {
		if u.Survey == nil || u.Survey.Respondents == 0 || u.Current.Handled == 0 {
			t.Errorf("the 2025 line of %s: %+v, want requests and an IKM", u.Name, u)
		}
	}
}

func getJSON(t *testing.T, url string, into any) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, res.Status)
	}
	if err := json.NewDecoder(res.Body).Decode(into); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}
