package performance_test

import (
	"bytes"
	"context"
	"sync"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/app"
	"github.com/terbuka-id/terbuka/internal/config"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/performance"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// surveyStub stands in for the SKM package: it answers a fixed IKM and records what was asked.
type surveyStub struct {
	mu    sync.Mutex
	asked []string
}

func (s *surveyStub) Summary(_ context.Context, unitID *int64, from, to time.Time) (performance.SurveySummary, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	who := "office"
	if unitID != nil {
		who = "unit"
	}
	s.asked = append(s.asked, who+" "+from.Format(time.RFC3339)+" "+to.Format(time.RFC3339))
	ikm := 82.5
	return performance.SurveySummary{Respondents: 120, IKM: &ikm, Grade: "B", GradeLabel: "Baik"}, nil
}

// The SKM results reach the evaluation (per unit) and the annual report (the office) through
// app.Options.Survey, for the calendar year in the office's time zone.
func TestSurveyResultsFlowIntoTheEvaluationAndTheReport(t *testing.T) {
	ctx := context.Background()
	st := testdb.Store(t)
	cfg := config.Default()
	box, err := secret.NewBox(bytes.Repeat([]byte{3}, 32))
	if err != nil {
		t.Fatal(err)
	}
	blobs, err := files.NewDisk(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	stub := &surveyStub{}
	now := time.Date(2026, 1, 12, 10, 0, 0, 0, cfg.Location())
	a, err := app.New(ctx, &cfg, st, app.Options{Box: box, Blobs: blobs, Now: func() time.Time { return now }, Survey: stub})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	f, err := a.Performance.Draft(ctx, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if f.Survey == nil || *f.Survey.IKM != 82.5 || performance.SurveyText(f.Survey) != "82,50 (B, Baik), 120 responden" {
		t.Fatalf("report survey: %+v", f.Survey)
	}
	admin := &store.User{ID: 1, Name: "Admin", Role: access.Admin}
	if _, err := st.DB().ExecContext(ctx, `INSERT INTO requests (reg_year, reg_seq, registration_number, tracking_code_hash, channel,
		requester_kind, requester_name, entity_sk_number, address, phone, email, occupation, information, purpose, obtain_method,
		delivery_method, publish_consent, received_at, counting_from, response_due, due_date)
		VALUES (2025, 1, '0001/PPID/XII/2025', '\x00', 'web', 'badan_hukum', 'PT Uji', 'SK-1', 'Jl. Uji', '0812', '', 'Swasta',
		'Rekap', 'Riset', 'softcopy', 'email', false, '2025-12-01 09:00+07', '2025-12-01', '2025-12-15', '2025-12-15')`); err != nil {
		t.Fatal(err)
	}
	ev, err := a.Performance.Evaluation(ctx, admin, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if !ev.SurveyAvailable || len(ev.Units) != 1 || ev.Units[0].Survey == nil || ev.Units[0].Survey.Grade != "B" {
		t.Fatalf("evaluation units: %+v", ev.Units)
	}
	want := []string{"office 2025-01-01T00:00:00+07:00 2026-01-01T00:00:00+07:00", "unit 2025-01-01T00:00:00+07:00 2026-01-01T00:00:00+07:00"}
	stub.mu.Lock()
	defer stub.mu.Unlock()
	if len(stub.asked) != 2 || stub.asked[0] != want[0] || stub.asked[1] != want[1] {
		t.Errorf("asked %v, want %v", stub.asked, want)
	}
}
