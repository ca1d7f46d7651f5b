package store_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

// decideCiting records a first written notice citing the given Pasal 17 letters.
func decideCiting(t *testing.T, s *store.Store, id int64, kind string, at time.Time, letters ...string) {
	t.Helper()
	err := s.WithCase(context.Background(), access.Everything, id, func(tx *store.CaseTx, r *store.Request) error {
		rec := store.DecisionRecord{RequestID: id, Kind: kind, NoticeAt: at, ExemptionLetters: append(pq.StringArray{}, letters...)}
		if len(letters) > 0 {
			rec.LegalBasis, rec.Harm, rec.PublicInterest = "Pasal 17", "kerugian", "tidak ada"
		}
		if _, err := tx.AddDecision(context.Background(), rec); err != nil {
			return err
		}
		st := r.State()
		st.Status, st.Decision = kind, sql.NullString{String: kind, Valid: true}
		st.NoticeAt, st.NoticeLate = sql.NullTime{Time: at, Valid: true}, sql.NullBool{Valid: true}
		return tx.SetState(context.Background(), id, st, at)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The yearly announcement counts refusals per Pasal 17 letter, partial grants' withheld parts
// apart, each letter of a notice once, and only the first notice of a request.
func TestStatisticsCountExemptionsPerLetter(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, jakartaLoc)
	var ids []int64
	for range 4 {
		reg, err := s.InsertRequest(ctx, newRequest(2026, at, calendar.NewDate(2026, 3, 16)))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, reg.ID)
	}
	notice := at.AddDate(0, 0, 3)
	decideCiting(t, s, ids[0], "ditolak", notice, "h")
	decideCiting(t, s, ids[1], "ditolak", notice, "a", "h")
	decideCiting(t, s, ids[2], "dikabulkan_sebagian", notice, "h")
	decideCiting(t, s, ids[3], "dikabulkan", notice)
	// A later notice on the first request (after an objection) does not count again.
	decideCiting(t, s, ids[0], "ditolak", notice.AddDate(0, 1, 0), "c")

	st, err := s.Statistics(ctx, 2026, jakartaLoc, calendar.NewDate(2026, 6, 1))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]store.ExemptionStatistics{"a": {Refused: 1}, "h": {Refused: 2, Partial: 1}}
	if len(st.Exemptions) != len(want) {
		t.Fatalf("exemptions %+v, want %+v", st.Exemptions, want)
	}
	for l, w := range want {
		if st.Exemptions[l] != w {
			t.Errorf("letter %s: %+v, want %+v", l, st.Exemptions[l], w)
		}
	}
}
