package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

var noticePending = []string{"diterima", "diproses", "diperpanjang"}

// noticeOffice has the PPID Utama (id 1) with its PPID and an atasan, a PPID Pelaksana with two
// PPIDs (one assigned below), an inactive PPID and one without e-mail, and another unit's PPID.
func noticeOffice(t *testing.T) (s *store.Store, unit int64, users map[string]int64) {
	t.Helper()
	s = testdb.Store(t)
	ctx := context.Background()
	var err error
	if unit, err = s.CreateUnit(ctx, "Dinas Pendidikan"); err != nil {
		t.Fatal(err)
	}
	other, err := s.CreateUnit(ctx, "Dinas Kesehatan")
	if err != nil {
		t.Fatal(err)
	}
	var mainUnit int64
	if err := s.DB().Get(&mainUnit, `SELECT id FROM units WHERE kind = 'utama'`); err != nil {
		t.Fatal(err)
	}
	users = map[string]int64{}
	for _, u := range []struct {
		name, role string
		unit       int64
	}{
		{"utama", "ppid", mainUnit}, {"atasan", "atasan", mainUnit}, {"petugas-utama", "petugas", mainUnit},
		{"ppid", "ppid", unit}, {"ppid2", "ppid", unit}, {"ppid-off", "ppid", unit}, {"tanpa-surel", "ppid", unit},
		{"petugas", "petugas", unit}, {"lain", "ppid", other},
	} {
		email := u.name + "@uji.test"
		if u.name == "tanpa-surel" {
			email = ""
		}
		if users[u.name], err = s.CreateUser(ctx, store.NewUser{Email: email, Name: u.name, Role: access.Role(u.role), UnitID: u.unit, PasswordHash: "x"}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetUserActive(ctx, users["ppid-off"], false); err != nil {
		t.Fatal(err)
	}
	return s, unit, users
}

func noticeRequest(t *testing.T, s *store.Store, due calendar.Date, email string) int64 {
	t.Helper()
	r := newRequest(2026, due.AddDays(-14).In(wib).Add(10*time.Hour), due)
	r.Email = email
	reg, err := s.InsertRequest(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	return reg.ID
}

func noticeRecipients(t *testing.T, s *store.Store, requestID int64, template string) []string {
	t.Helper()
	var rs []string
	if err := s.DB().Select(&rs, `SELECT recipient FROM outbox WHERE request_id = $1 AND template = $2 ORDER BY recipient COLLATE "C"`,
		requestID, template); err != nil {
		t.Fatal(err)
	}
	return rs
}

func insertNotices(t *testing.T, s *store.Store, ns ...store.Notice) (keys []string, mails int) {
	t.Helper()
	err := s.WithNotices(context.Background(), func(tx *store.NoticeTx) error {
		var err error
		keys, mails, err = tx.InsertNotices(context.Background(), ns)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return keys, mails
}

func TestInsertNoticesOnlyOnceWithItsMailsEventAndMark(t *testing.T) {
	s, unit, users := noticeOffice(t)
	ctx := context.Background()
	id := noticeRequest(t, s, calendar.NewDate(2026, 3, 13), "siti@contoh.id")
	if _, err := s.DB().Exec(`UPDATE requests SET unit_id = $2, assigned_to = $3 WHERE id = $1`, id, unit, users["ppid"]); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 16, 10, 0, 0, 0, wib)
	overdue := store.Notice{Key: fmt.Sprintf("request:%d:overdue:2026-03-13", id), RequestID: id, Kind: "overdue",
		Staff:       &store.StaffMail{Template: "overdue_escalation", Audience: store.AudienceOversight, Data: map[string]any{"level": 0}},
		Requester:   &store.Mail{Template: "overdue_requester", Recipient: "siti@contoh.id", Data: map[string]any{"objection_deadline": "2026-05-06"}},
		Event:       &store.NewEvent{At: at, ActorLabel: "Sistem", Kind: "overdue", Note: "Lewat waktu.", Public: true},
		MarkOverdue: calendar.NewDate(2026, 3, 16)}
	reminder := store.Notice{Key: fmt.Sprintf("request:%d:reminder:1:2026-03-13", id), RequestID: id, Kind: "reminder", Level: 1,
		Staff: &store.StaffMail{Template: "reminder_officer", Audience: store.AudienceCaseOfficers, Data: map[string]any{"days_left": 1}}}

	keys, mails := insertNotices(t, s, overdue, reminder)
	if !slices.Equal(keys, []string{overdue.Key, reminder.Key}) && !slices.Equal(keys, []string{reminder.Key, overdue.Key}) {
		t.Errorf("inserted %v", keys)
	}
	// Oversight: atasan + the PPID Utama's PPID (2); requester (1); the unit's active PPIDs with e-mail (2, the assigned one once).
	if mails != 5 {
		t.Errorf("%d mails, want 5", mails)
	}
	if got, want := noticeRecipients(t, s, id, "overdue_escalation"), []string{"atasan@uji.test", "utama@uji.test"}; !slices.Equal(got, want) {
		t.Errorf("oversight %v, want %v", got, want)
	}
	if got, want := noticeRecipients(t, s, id, "reminder_officer"), []string{"ppid2@uji.test", "ppid@uji.test"}; !slices.Equal(got, want) {
		t.Errorf("case officers %v, want %v", got, want)
	}
	mailsOut, _ := s.OutboxFor(ctx, id)
	for _, m := range mailsOut {
		if m.Template == "reminder_officer" && (m.Data["name"] == nil || m.Data["days_left"] != float64(1)) {
			t.Errorf("staff mail data %v lacks the recipient's name or its own data", m.Data)
		}
	}

	// Again, and again with a later overdue date: nothing, and overdue_since keeps its first day.
	overdue.MarkOverdue = calendar.NewDate(2026, 3, 17)
	for range 2 {
		if keys, mails := insertNotices(t, s, overdue, reminder); len(keys) != 0 || mails != 0 {
			t.Errorf("repeat inserted %v and %d mails", keys, mails)
		}
	}
	var n int
	s.DB().Get(&n, `SELECT count(*) FROM outbox WHERE request_id = $1`, id)
	if n != 5 {
		t.Errorf("%d mails after repeats, want 5", n)
	}
	s.DB().Get(&n, `SELECT count(*) FROM request_events WHERE request_id = $1 AND kind = 'overdue' AND public AND actor_label = 'Sistem'`, id)
	if n != 1 {
		t.Errorf("%d overdue events, want 1", n)
	}
	var since calendar.Date
	if err := s.DB().Get(&since, `SELECT overdue_since FROM requests WHERE id = $1`, id); err != nil || since != calendar.NewDate(2026, 3, 16) {
		t.Errorf("overdue_since %v %v", since, err)
	}
}

// A second instance inserting the same key while the first has not committed waits for it, then
// inserts nothing and queues nothing.
func TestInsertNoticesOfAnotherInstanceInFlight(t *testing.T) {
	s, _, _ := noticeOffice(t)
	ctx := context.Background()
	id := noticeRequest(t, s, calendar.NewDate(2026, 3, 13), "siti@contoh.id")
	n := store.Notice{Key: fmt.Sprintf("request:%d:overdue:2026-03-13", id), RequestID: id, Kind: "overdue",
		Staff:     &store.StaffMail{Template: "overdue_escalation", Audience: store.AudienceAtasan},
		Requester: &store.Mail{Template: "overdue_requester", Recipient: "siti@contoh.id"}}

	firstInserted := make(chan struct{})
	commitFirst := make(chan struct{})
	firstDone := make(chan error, 1)
	go func() {
		firstDone <- s.WithNotices(ctx, func(tx *store.NoticeTx) error {
			if keys, mails, err := tx.InsertNotices(ctx, []store.Notice{n}); err != nil || len(keys) != 1 || mails != 2 {
				return fmt.Errorf("first instance: %v %d %v", keys, mails, err)
			}
			close(firstInserted)
			<-commitFirst
			return nil
		})
	}()
	<-firstInserted
	secondDone := make(chan error, 1)
	go func() {
		secondDone <- s.WithNotices(ctx, func(tx *store.NoticeTx) error {
			if keys, mails, err := tx.InsertNotices(ctx, []store.Notice{n}); err != nil || len(keys) != 0 || mails != 0 {
				return fmt.Errorf("second instance: %v %d %v", keys, mails, err)
			}
			return nil
		})
	}()
	// The second statement waits on the first one's key.
	deadline := time.Now().Add(5 * time.Second)
	for waiting := 0; waiting == 0; {
		if time.Now().After(deadline) {
			t.Fatal("the second instance never waited for the first")
		}
		s.DB().Get(&waiting, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)
		time.Sleep(5 * time.Millisecond)
	}
	close(commitFirst)
	if err := errors.Join(<-firstDone, <-secondDone); err != nil {
		t.Fatal(err)
	}
	var mails int
	s.DB().Get(&mails, `SELECT count(*) FROM outbox WHERE request_id = $1`, id)
	if mails != 2 {
		t.Errorf("%d mails, want 2", mails)
	}
}

// The due queries find only cases still owed their notice, skip a case an officer is changing,
// and leave decided cases alone.
func TestDueQueriesFindOnlyWhatIsOwed(t *testing.T) {
	s, _, _ := noticeOffice(t)
	ctx := context.Background()
	due := calendar.NewDate(2026, 3, 13)
	a, b, busy := noticeRequest(t, s, due, ""), noticeRequest(t, s, due, ""), noticeRequest(t, s, due, "")
	decided := noticeRequest(t, s, due, "")
	later := noticeRequest(t, s, calendar.NewDate(2026, 3, 16), "")
	if _, err := s.DB().Exec(`UPDATE requests SET status = 'ditolak' WHERE id = $1`, decided); err != nil {
		t.Fatal(err)
	}
	today := calendar.NewDate(2026, 3, 16)

	// An officer holds busy (casework's WithCase) while the job looks.
	locked, release, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		done <- s.WithCase(ctx, access.Everything, busy, func(*store.CaseTx, *store.Request) error { close(locked); <-release; return nil })
	}()
	<-locked
	var ids []int64
	err := s.WithNotices(ctx, func(tx *store.NoticeTx) error {
		rows, err := tx.OverdueRequests(ctx, today, noticePending, 10)
		for _, r := range rows {
			ids = append(ids, r.ID)
			if r.Key != fmt.Sprintf("request:%d:overdue:2026-03-13", r.ID) || r.Level != 0 || r.DueDate != due {
				t.Errorf("row %+v", r)
			}
		}
		return err
	})
	close(release)
	if err := errors.Join(err, <-done); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids, []int64{a, b}) {
		t.Errorf("overdue %v, want %v (not the locked, decided or not yet due)", ids, []int64{a, b})
	}

	// Once a has its notice, only b and busy are owed one; limit takes the earliest first.
	insertNotices(t, s, store.Notice{Key: fmt.Sprintf("request:%d:overdue:2026-03-13", a), RequestID: a, Kind: "overdue"})
	s.WithNotices(ctx, func(tx *store.NoticeTx) error {
		rows, err := tx.OverdueRequests(ctx, today, noticePending, 1)
		if err != nil || len(rows) != 1 || rows[0].ID != b {
			t.Errorf("limit 1 after a's notice: %+v %v", rows, err)
		}
		return nil
	})

	// Reminders: the due date must be one of the dates given.
	s.WithNotices(ctx, func(tx *store.NoticeTx) error {
		rows, err := tx.RequestsDueOn(ctx, []calendar.Date{calendar.NewDate(2026, 3, 16)}, noticePending, 3, 10)
		if err != nil || len(rows) != 1 || rows[0].ID != later || rows[0].Key != fmt.Sprintf("request:%d:reminder:3:2026-03-16", later) {
			t.Errorf("due on 16 March: %+v %v", rows, err)
		}
		return nil
	})
}

// Escalation levels come from the level starts; a case is owed only its current level's notice.
func TestRequestsToEscalateAtTheirCurrentLevel(t *testing.T) {
	s, _, _ := noticeOffice(t)
	ctx := context.Background()
	// Level k for a case due before starts[k-1].
	starts := []calendar.Date{calendar.NewDate(2026, 4, 7), calendar.NewDate(2026, 3, 30), calendar.NewDate(2026, 3, 16)}
	lvl1 := noticeRequest(t, s, calendar.NewDate(2026, 4, 6), "")
	lvl2 := noticeRequest(t, s, calendar.NewDate(2026, 3, 16), "")
	lvl3 := noticeRequest(t, s, calendar.NewDate(2026, 3, 13), "")
	old := noticeRequest(t, s, calendar.NewDate(2025, 1, 2), "") // before every start: the last level
	noticeRequest(t, s, calendar.NewDate(2026, 4, 7), "")        // not yet level 1
	insertNotices(t, s, store.Notice{Key: fmt.Sprintf("request:%d:overdue:2026-03-16:1", lvl2), RequestID: lvl2, Kind: "escalation", Level: 1})
	insertNotices(t, s, store.Notice{Key: fmt.Sprintf("request:%d:overdue:2026-03-13:3", lvl3), RequestID: lvl3, Kind: "escalation", Level: 3})

	got := map[int64]string{}
	err := s.WithNotices(ctx, func(tx *store.NoticeTx) error {
		rows, err := tx.RequestsToEscalate(ctx, starts, noticePending, 10)
		for _, r := range rows {
			got[r.ID] = fmt.Sprintf("%d %s", r.Level, r.Key)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]string{
		lvl1: fmt.Sprintf("1 request:%d:overdue:2026-04-06:1", lvl1),
		lvl2: fmt.Sprintf("2 request:%d:overdue:2026-03-16:2", lvl2),
		old:  fmt.Sprintf("3 request:%d:overdue:2025-01-02:3", old),
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("to escalate %v, want %v", got, want)
	}
	if oldest, ok, err := s.OldestDueBefore(ctx, calendar.NewDate(2026, 4, 7), noticePending); err != nil || !ok || oldest != calendar.NewDate(2025, 1, 2) {
		t.Errorf("oldest %v %v %v", oldest, ok, err)
	}
	if _, ok, err := s.OldestDueBefore(ctx, calendar.NewDate(2025, 1, 2), noticePending); err != nil || ok {
		t.Errorf("oldest before the first due date: %v %v", ok, err)
	}
}
