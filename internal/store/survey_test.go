package store_test

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

func TestSurveyOneAnswerPerCaseAndScopedEntry(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	var utama, userID int64
	s.DB().Get(&utama, `SELECT id FROM units WHERE kind = 'utama'`)
	other, err := s.CreateUnit(ctx, "PPID Pelaksana Dinas Sosial")
	if err != nil {
		t.Fatal(err)
	}
	s.DB().Get(&userID, `INSERT INTO users (email, name, role, password_hash) VALUES ('p@uji.test', 'P', 'petugas', 'x') RETURNING id`)
	received := time.Date(2026, 11, 2, 10, 0, 0, 0, wib)
	reg, err := s.InsertRequest(ctx, newRequest(2026, received, calendar.NewDate(2026, 11, 16)))
	if err != nil {
		t.Fatal(err)
	}
	hash := []byte("hash-of-a-token-000000000000000")
	if err := s.WithCase(ctx, access.Everything, reg.ID, func(tx *store.CaseTx, r *store.Request) error {
		for i, want := range []bool{true, false} { // a second step of the same case makes none
			created, err := tx.InviteSurvey(ctx, r.ID, r.UnitID, append(hash, byte(i)), received)
			if err != nil || created != want {
				t.Errorf("invitation %d: created %v, %v", i, created, err)
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	inv, err := s.SurveyInvitationByToken(ctx, append(hash, 0))
	if err != nil {
		t.Fatal(err)
	}
	answer := store.SurveyResponse{FilledOn: calendar.NewDate(2026, 11, 20), Channel: "web", Scores: [9]int{4, 4, 4, 4, 4, 4, 4, 4, 4}}
	// Two answers racing: exactly one is stored.
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() { errs[i] = s.AnswerSurvey(ctx, inv.ID, answer) })
	}
	wg.Wait()
	stored := 0
	for _, err := range errs {
		switch {
		case err == nil:
			stored++
		case !errors.Is(err, store.ErrSurveyAnswered):
			t.Errorf("racing answer: %v", err)
		}
	}
	var n int
	s.DB().Get(&n, `SELECT count(*) FROM survey_responses`)
	if stored != 1 || n != 1 {
		t.Errorf("%d answers accepted, %d stored; want 1", stored, n)
	}

	desk := answer
	desk.Channel, desk.EnteredBy, desk.UnitID = "desk", sql.NullInt64{Int64: userID, Valid: true}, other
	if _, err := s.InsertDeskResponse(ctx, access.UnitScope(utama), desk); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("entry outside the scope: %v", err)
	}
	if _, err := s.InsertDeskResponse(ctx, access.UnitScope(other), desk); err != nil {
		t.Errorf("entry in scope: %v", err)
	}
	desk.Scores[2] = 5
	if _, err := s.InsertDeskResponse(ctx, access.UnitScope(other), desk); err == nil {
		t.Error("a score of 5 passed the CHECK")
	}
	n0, sums, err := s.SurveyTally(ctx, store.SurveyFilter{From: calendar.NewDate(2026, 1, 1), To: calendar.NewDate(2027, 1, 1)})
	if err != nil || n0 != 2 || sums[0] != 8 {
		t.Errorf("tally: %d %v %v", n0, sums, err)
	}
}
