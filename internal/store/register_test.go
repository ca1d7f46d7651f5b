package store_test

import (
	"context"
	"database/sql"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

var jakartaLoc, _ = time.LoadLocation("Asia/Jakarta")

// decide records a written notice the way casework does: the decision row and the request's state.
func decide(t *testing.T, s *store.Store, id int64, kind string, at time.Time, late bool) {
	t.Helper()
	err := s.WithCase(context.Background(), access.Everything, id, func(tx *store.CaseTx, r *store.Request) error {
		rec := store.DecisionRecord{RequestID: id, Kind: kind, NoticeAt: at, Late: late, ExemptionLetters: pq.StringArray{}}
		if kind == "ditolak" {
			rec.ExemptionLetters, rec.LegalBasis, rec.Harm, rec.PublicInterest = pq.StringArray{"h"}, "Pasal 17 huruf h", "rahasia pribadi", "tidak ada"
		}
		if _, err := tx.AddDecision(context.Background(), rec); err != nil {
			return err
		}
		st := r.State()
		st.Status, st.Decision = kind, sql.NullString{String: kind, Valid: true}
		st.NoticeAt, st.NoticeLate = sql.NullTime{Time: at, Valid: true}, sql.NullBool{Bool: late, Valid: true}
		return tx.SetState(context.Background(), id, st, at)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRegisterEntryHasNoPersonalFields(t *testing.T) {
	personal := []string{"requester_name", "requester_kind", "nik_sealed", "nik_lookup", "entity_sk_number", "address",
		"phone", "email", "occupation", "purpose", "tracking_code_hash", "information", "assigned_to", "registered_by"}
	rt := reflect.TypeOf(store.RegisterEntry{})
	for i := range rt.NumField() {
		if tag := rt.Field(i).Tag.Get("db"); slices.Contains(personal, tag) {
			t.Errorf("RegisterEntry.%s reads %s", rt.Field(i).Name, tag)
		}
	}
}

func TestRegisterPagesFiltersAndHidesSubjectWithoutConsent(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	var ids []int64
	// 2025: one; 2026: three, the second without consent to publish the subject.
	for i, tc := range []struct {
		year    int
		consent bool
		info    string
	}{{2025, true, "Anggaran 2025"}, {2026, true, "Pertama 2026"}, {2026, false, "Rahasia pemohon 2026"}, {2026, true, "Ketiga 2026"}} {
		received := time.Date(tc.year, 3, 2+i, 10, 0, 0, 0, jakartaLoc)
		r := newRequest(tc.year, received, calendar.DateOf(received).AddDays(14))
		r.PublishConsent, r.Information = tc.consent, tc.info
		reg, err := s.InsertRequest(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, reg.ID)
	}
	// The first 2026 request: answered late at 20:00 WIB on 20 March (13:00 UTC, the same day in Jakarta).
	decide(t, s, ids[1], "dikabulkan", time.Date(2026, 3, 20, 13, 0, 0, 0, time.UTC), true)

	all, err := s.Register(ctx, store.RegisterFilter{Limit: 10}, jakartaLoc)
	if err != nil {
		t.Fatal(err)
	}
	var numbers []string
	for _, e := range all {
		numbers = append(numbers, e.RegistrationNumber)
	}
	if want := []string{"0003/PPID/XI/2026", "0002/PPID/XI/2026", "0001/PPID/XI/2026", "0001/PPID/XI/2025"}; !slices.Equal(numbers, want) {
		t.Fatalf("order %v, want %v", numbers, want)
	}
	if all[1].Subject.Valid {
		t.Errorf("subject without consent: %q", all[1].Subject.String)
	}
	if !all[0].Subject.Valid || all[0].Subject.String != "Ketiga 2026" {
		t.Errorf("subject with consent: %+v", all[0].Subject)
	}
	first := all[2]
	if first.ReceivedOn != calendar.NewDate(2026, 3, 3) || first.NoticeOn != calendar.NewDate(2026, 3, 20) ||
		!first.NoticeLate.Valid || !first.NoticeLate.Bool || first.Decision.String != "dikabulkan" || first.Status != "dikabulkan" {
		t.Errorf("decided row %+v", first)
	}
	if !all[0].NoticeOn.IsZero() || all[0].NoticeLate.Valid || all[0].Decision.Valid {
		t.Errorf("undecided row %+v", all[0])
	}

	page2, err := s.Register(ctx, store.RegisterFilter{Limit: 2, Offset: 2}, jakartaLoc)
	if err != nil || len(page2) != 2 || page2[0].RegistrationNumber != "0001/PPID/XI/2026" {
		t.Errorf("second page %+v %v", page2, err)
	}
	for name, tc := range map[string]struct {
		f    store.RegisterFilter
		want int
	}{
		"year 2025":         {store.RegisterFilter{Year: 2025, Limit: 10}, 1},
		"status dikabulkan": {store.RegisterFilter{Status: "dikabulkan", Limit: 10}, 1},
		"2026 diterima":     {store.RegisterFilter{Year: 2026, Status: "diterima", Limit: 10}, 2},
		"2024":              {store.RegisterFilter{Year: 2024, Limit: 10}, 0},
	} {
		got, err := s.Register(ctx, tc.f, jakartaLoc)
		if err != nil || len(got) != tc.want {
			t.Errorf("%s: %d rows, want %d (%v)", name, len(got), tc.want, err)
		}
	}

	var streamed int
	if err := s.EachRegisterEntry(ctx, store.RegisterFilter{Year: 2026, Limit: 1}, jakartaLoc, func(store.RegisterEntry) error {
		streamed++
		return nil
	}); err != nil || streamed != 3 {
		t.Errorf("streamed %d rows of 2026, want 3 (%v)", streamed, err)
	}
	years, err := s.RegisterYears(ctx)
	if err != nil || !slices.Equal(years, []int{2026, 2025}) {
		t.Errorf("years %v %v", years, err)
	}
}

func TestStatisticsOfAYear(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	insert := func(received time.Time, due calendar.Date) int64 {
		t.Helper()
		reg, err := s.InsertRequest(ctx, newRequest(received.Year(), received, due))
		if err != nil {
			t.Fatal(err)
		}
		return reg.ID
	}
	jan := insert(time.Date(2026, 1, 5, 9, 0, 0, 0, jakartaLoc), calendar.NewDate(2026, 1, 19))
	feb1 := insert(time.Date(2026, 2, 2, 9, 0, 0, 0, jakartaLoc), calendar.NewDate(2026, 2, 13))
	feb2 := insert(time.Date(2026, 2, 3, 9, 0, 0, 0, jakartaLoc), calendar.NewDate(2026, 2, 17))
	insert(time.Date(2026, 3, 2, 9, 0, 0, 0, jakartaLoc), calendar.NewDate(2026, 3, 16))
	insert(time.Date(2026, 4, 1, 9, 0, 0, 0, jakartaLoc), calendar.NewDate(2026, 4, 16))
	insert(time.Date(2025, 12, 31, 9, 0, 0, 0, jakartaLoc), calendar.NewDate(2026, 1, 15)) // another year

	decide(t, s, jan, "dikabulkan", time.Date(2026, 1, 9, 10, 0, 0, 0, jakartaLoc), false)
	decide(t, s, feb1, "ditolak", time.Date(2026, 2, 13, 10, 0, 0, 0, jakartaLoc), false)
	decide(t, s, feb2, "ditolak", time.Date(2026, 2, 20, 10, 0, 0, 0, jakartaLoc), true)
	if _, err := s.EnsureUser(ctx, "atasan@uji.test", "Atasan", "atasan", "x"); err != nil {
		t.Fatal(err)
	}
	atasan, err := s.UserByEmail(ctx, "atasan@uji.test")
	if err != nil {
		t.Fatal(err)
	}
	// feb1's refusal is overturned: its first notice still counts, once.
	err = s.WithCase(ctx, access.Everything, feb1, func(tx *store.CaseTx, r *store.Request) error {
		o := store.Objection{RequestID: feb1, Number: "KEB/0001/II/2026", Grounds: pq.StringArray{"a", "e"}, Reasons: "Alasan",
			Channel: "web", ReceivedAt: time.Date(2026, 2, 16, 9, 0, 0, 0, jakartaLoc), CountingFrom: calendar.NewDate(2026, 2, 16),
			ResponseDue: calendar.NewDate(2026, 3, 30)}
		oid, err := tx.AddObjection(ctx, o)
		if err != nil {
			return err
		}
		return tx.AnswerObjection(ctx, oid, "dibatalkan", "Informasi wajib diberikan.", time.Date(2026, 3, 2, 9, 0, 0, 0, jakartaLoc), atasan.ID)
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.WithCase(ctx, access.Everything, feb2, func(tx *store.CaseTx, r *store.Request) error {
		o := store.Objection{RequestID: feb2, Number: "KEB/0002/II/2026", Grounds: pq.StringArray{"a"}, Reasons: "Alasan",
			Channel: "web", ReceivedAt: time.Date(2026, 2, 23, 9, 0, 0, 0, jakartaLoc), CountingFrom: calendar.NewDate(2026, 2, 23),
			ResponseDue: calendar.NewDate(2026, 4, 6)}
		if _, err := tx.AddObjection(ctx, o); err != nil {
			return err
		}
		_, err := tx.SaveDispute(ctx, store.Dispute{RequestID: feb2, KINumber: "KI/1/2026", KIReceived: calendar.NewDate(2026, 5, 4),
			KIStartDue: calendar.NewDate(2026, 5, 22), KIFinishDue: calendar.NewDate(2026, 9, 30)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	st, err := s.Statistics(ctx, 2026, jakartaLoc, calendar.NewDate(2026, 4, 10))
	if err != nil {
		t.Fatal(err)
	}
	if st.Received != 5 || st.PerMonth != [12]int{1, 2, 1, 1} {
		t.Errorf("received %d per month %v", st.Received, st.PerMonth)
	}
	if st.Decisions["dikabulkan"] != 1 || st.Decisions["ditolak"] != 2 || len(st.Decisions) != 2 {
		t.Errorf("decisions %v", st.Decisions)
	}
	if st.NoticesOnTime != 2 || st.NoticesLate != 1 || st.OverdueUnanswered != 1 || st.Pending != 1 || st.ClosedWithoutNotice != 0 {
		t.Errorf("notices %+v", st)
	}
	days := map[calendar.Date]int{}
	for _, p := range st.NoticeDays {
		days[p.Notice] += p.N
	}
	if len(st.NoticeDays) != 3 || days[calendar.NewDate(2026, 2, 20)] != 1 {
		t.Errorf("notice days %+v", st.NoticeDays)
	}
	if o := st.Objections; o.Filed != 2 || o.Open != 1 || o.Overturned != 1 || o.Upheld != 0 || o.ByGround["a"] != 2 || o.ByGround["e"] != 1 {
		t.Errorf("objections %+v", o)
	}
	if d := st.Disputes; d.Filed != 1 || d.Ruled != 0 || d.InCourt != 0 {
		t.Errorf("disputes %+v", d)
	}

	empty, err := s.Statistics(ctx, 2030, jakartaLoc, calendar.NewDate(2026, 4, 10))
	if err != nil || empty.Received != 0 || len(empty.Decisions) != 0 || empty.PerMonth != [12]int{} || empty.Objections.Filed != 0 {
		t.Errorf("empty year %+v %v", empty, err)
	}
}
