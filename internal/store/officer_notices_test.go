package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/notify"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

// noticeStaff is one office: officers of the PPID Utama (unit 1), of a PPID Pelaksana, an
// administrator, an atasan, and accounts that must never get a notice.
type noticeStaff struct {
	mainPetugas, mainPPID, atasan, admin, desk, pelaksanaPPID, inactive, optedOut int64
	pelaksana                                                                     int64
}

func newNoticeStaff(t *testing.T, s *store.Store) noticeStaff {
	t.Helper()
	ctx := context.Background()
	unit, err := s.CreateUnit(ctx, "Dinas Pendidikan")
	if err != nil {
		t.Fatal(err)
	}
	user := func(email string, role access.Role, unitID int64) int64 {
		id, err := s.CreateUser(ctx, store.NewUser{Email: email, Name: email, Role: role, UnitID: unitID, PasswordHash: "x"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	st := noticeStaff{pelaksana: unit,
		mainPetugas: user("petugas@uji.test", access.Petugas, 1), mainPPID: user("ppid@uji.test", access.PPID, 1),
		atasan: user("atasan@uji.test", access.Atasan, 1), admin: user("admin@uji.test", access.Admin, 1),
		desk: user("meja@uji.test", access.Petugas, 1), pelaksanaPPID: user("pelaksana@uji.test", access.PPID, unit),
		inactive: user("nonaktif@uji.test", access.PPID, 1), optedOut: user("senyap@uji.test", access.Petugas, 1)}
	if err := s.SetUserActive(ctx, st.inactive, false); err != nil {
		t.Fatal(err)
	}
	if err := s.SetNoticeOptOuts(ctx, st.optedOut, []notify.Kind{notify.NewRequest, notify.NewObjection}); err != nil {
		t.Fatal(err)
	}
	return st
}

func outboxRows(t *testing.T, s *store.Store, requestID int64, channel, template string) []string {
	t.Helper()
	var rs []string
	if err := s.DB().Select(&rs, `SELECT recipient FROM outbox WHERE request_id = $1 AND channel = $2 AND template = $3 ORDER BY recipient`,
		requestID, channel, template); err != nil {
		t.Fatal(err)
	}
	return rs
}

// A new request tells, in its own statement, every active officer who may view the unit it
// lands in, except the desk officer who registered it and those who turned it off; the webhook
// gets one delivery with the number, case id and unit and nothing of the requester.
func TestNewRequestNoticeGoesToTheUnitsOfficers(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	st := newNoticeStaff(t, s)
	received := time.Date(2026, 11, 2, 10, 0, 0, 0, wib)
	r := newRequest(2026, received, calendar.NewDate(2026, 11, 16))
	r.RegisteredBy.Int64, r.RegisteredBy.Valid = st.desk, true
	r.Officers = &store.NewRequestNotice{Template: "officer_new_request", BaseURL: "https://ppid.test",
		Data: map[string]any{"channel": "situs web"}, Webhook: &notify.Event{Event: notify.NewRequest, Time: received}}
	reg, err := s.InsertRequest(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	got := outboxRows(t, s, reg.ID, "email", "officer_new_request")
	want := []string{"admin@uji.test", "atasan@uji.test", "petugas@uji.test", "ppid@uji.test"}
	if !slices.Equal(got, want) {
		t.Errorf("new request mailed %v, want %v (not the desk, the other unit, the inactive or the opted-out)", got, want)
	}
	var data map[string]any
	if err := s.DB().Get(&data2{&data}, `SELECT data FROM outbox WHERE request_id = $1 AND recipient = 'ppid@uji.test'`, reg.ID); err != nil {
		t.Fatal(err)
	}
	if data["registration_number"] != reg.RegistrationNumber || data["unit"] != "PPID Utama" || data["name"] != "ppid@uji.test" ||
		data["case_url"] != "https://ppid.test/kantor/permohonan/"+itoa(reg.ID) || data["channel"] != "situs web" {
		t.Errorf("mail data %v", data)
	}
	hooks := outboxRows(t, s, reg.ID, "webhook", "new_request")
	if len(hooks) != 1 {
		t.Fatalf("%d webhook deliveries, want 1", len(hooks))
	}
	var body []byte
	s.DB().Get(&body, `SELECT data FROM outbox WHERE request_id = $1 AND channel = 'webhook'`, reg.ID)
	var ev map[string]any
	if err := json.Unmarshal(body, &ev); err != nil {
		t.Fatal(err)
	}
	if ev["event"] != "new_request" || ev["registration_number"] != reg.RegistrationNumber || ev["case_id"] != float64(reg.ID) ||
		ev["unit"] != "PPID Utama" || ev["time"] == nil || len(ev) != 5 {
		t.Errorf("webhook payload %v: want exactly event, case_id, registration_number, unit, time", ev)
	}
}

// An import (no Officers notice) and a request without a webhook queue nothing for officers beyond what they ask.
func TestNewRequestWithoutNoticeQueuesNone(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	newNoticeStaff(t, s)
	reg, err := s.InsertRequest(ctx, newRequest(2026, time.Date(2026, 11, 2, 10, 0, 0, 0, wib), calendar.NewDate(2026, 11, 16)))
	if err != nil {
		t.Fatal(err)
	}
	var n int
	s.DB().Get(&n, `SELECT count(*) FROM outbox WHERE request_id = $1`, reg.ID)
	if n != 0 {
		t.Errorf("%d outbox rows for a request registered without notice", n)
	}
	r := newRequest(2026, time.Date(2026, 11, 2, 10, 0, 0, 0, wib), calendar.NewDate(2026, 11, 16))
	r.Officers = &store.NewRequestNotice{Template: "officer_new_request"}
	if reg, err = s.InsertRequest(ctx, r); err != nil {
		t.Fatal(err)
	}
	if hooks := outboxRows(t, s, reg.ID, "webhook", "new_request"); len(hooks) != 0 {
		t.Errorf("webhook queued without a webhook configured: %v", hooks)
	}
}

// The atasan audience is the atasan PPID only; the assigned audience the assigned officer only; an
// officer of another unit never hears of a case outside their scope.
func TestOfficerNoticeAudiencesAndScope(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	st := newNoticeStaff(t, s)
	reg, err := s.InsertRequest(ctx, newRequest(2026, time.Date(2026, 11, 2, 10, 0, 0, 0, wib), calendar.NewDate(2026, 11, 16)))
	if err != nil {
		t.Fatal(err)
	}
	err = s.WithCase(ctx, access.Everything, reg.ID, func(tx *store.CaseTx, r *store.Request) error {
		_, err := tx.QueueOfficerNotice(ctx, r.ID, store.OfficerNotice{Kind: notify.NewObjection, Template: "officer_new_objection",
			Audience: store.AudienceAtasan})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := outboxRows(t, s, reg.ID, "email", "officer_new_objection"); !slices.Equal(got, []string{"atasan@uji.test"}) {
		t.Errorf("objection notice to %v, want the atasan only", got)
	}
	// Forwarded to the PPID Pelaksana and assigned there: its PPID is the assigned officer.
	s.DB().MustExec(`UPDATE requests SET unit_id = $1, assigned_to = $2 WHERE id = $3`, st.pelaksana, st.pelaksanaPPID, reg.ID)
	n := store.OfficerNotice{Kind: notify.ClarificationAnswer, Template: "officer_clarification_answer", Audience: store.AudienceAssigned}
	for range 2 {
		if _, err := s.QueueOfficerNoticeOnce(ctx, "clarification:7:answered", reg.ID, n); err != nil {
			t.Fatal(err)
		}
	}
	if got := outboxRows(t, s, reg.ID, "email", "officer_clarification_answer"); !slices.Equal(got, []string{"pelaksana@uji.test"}) {
		t.Errorf("clarification notice to %v, want the assigned officer once", got)
	}
	// Now in the PPID Pelaksana's unit, a unit notice reaches its officer and the PPID Utama's, not an officer elsewhere.
	other, _ := s.CreateUnit(ctx, "Dinas Kesehatan")
	if _, err := s.CreateUser(ctx, store.NewUser{Email: "lain@uji.test", Name: "Lain", Role: access.PPID, UnitID: other, PasswordHash: "x"}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.QueueOfficerNoticeOnce(ctx, "uji:unit", reg.ID, store.OfficerNotice{Kind: notify.NewRequest, Template: "officer_new_request", Audience: store.AudienceUnit}); err != nil {
		t.Fatal(err)
	}
	got := outboxRows(t, s, reg.ID, "email", "officer_new_request")
	if slices.Contains(got, "lain@uji.test") || !slices.Contains(got, "pelaksana@uji.test") || !slices.Contains(got, "ppid@uji.test") {
		t.Errorf("unit notice to %v", got)
	}
}

func TestNoticeOptOutsRoundTrip(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	id, err := s.CreateUser(ctx, store.NewUser{Email: "a@uji.test", Name: "A", Role: access.PPID, UnitID: 1, PasswordHash: "x"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetNoticeOptOuts(ctx, id, []notify.Kind{notify.Digest, notify.NewRequest, notify.Digest}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.NoticeOptOuts(ctx, id); err != nil || !slices.Equal(got, []notify.Kind{notify.Digest, notify.NewRequest}) {
		t.Errorf("opt-outs %v %v", got, err)
	}
	if err := s.SetNoticeOptOuts(ctx, id, []notify.Kind{notify.Reminder}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.NoticeOptOuts(ctx, id); !slices.Equal(got, []notify.Kind{notify.Reminder}) {
		t.Errorf("after a second save: %v, want only reminder", got)
	}
	if err := s.SetNoticeOptOuts(ctx, id, []notify.Kind{"sms"}); err == nil {
		t.Error("an unknown kind was saved")
	}
}

// An officer who turned the digest off is not in the day's digests.
func TestOfficerDigestsRespectOptOut(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	officer, err := s.CreateUser(ctx, store.NewUser{Email: "a@uji.test", Name: "A", Role: access.Petugas, UnitID: 1, PasswordHash: "x"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	reg, err := s.InsertRequest(ctx, newRequest(2026, time.Date(2026, 11, 2, 10, 0, 0, 0, wib), calendar.NewDate(2026, 11, 16)))
	if err != nil {
		t.Fatal(err)
	}
	s.DB().MustExec(`UPDATE requests SET assigned_to = $1 WHERE id = $2`, officer, reg.ID)
	day, dueBy := calendar.NewDate(2026, 11, 25), calendar.NewDate(2026, 11, 30)
	if ds, _ := s.OfficerDigests(ctx, day, dueBy); len(ds) != 1 {
		t.Fatalf("digests before opting out: %+v", ds)
	}
	if err := s.SetNoticeOptOuts(ctx, officer, []notify.Kind{notify.Digest}); err != nil {
		t.Fatal(err)
	}
	if ds, err := s.OfficerDigests(ctx, day, dueBy); err != nil || len(ds) != 0 {
		t.Errorf("digests after opting out: %+v %v", ds, err)
	}
}

// A webhook row is claimed only by its channel's sender, never by the SMTP one.
func TestClaimOutboxKeepsChannelsApart(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	r := newRequest(2026, time.Date(2026, 11, 2, 10, 0, 0, 0, wib), calendar.NewDate(2026, 11, 16))
	r.Officers = &store.NewRequestNotice{Template: "officer_new_request", Webhook: &notify.Event{Event: notify.NewRequest}}
	if _, err := s.InsertRequest(ctx, r); err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(time.Hour)
	mails, err := s.ClaimOutbox(ctx, at, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range mails {
		if m.Channel != "email" {
			t.Errorf("the mail sender claimed a %s row", m.Channel)
		}
	}
	hooks, err := s.ClaimOutboxOn(ctx, "webhook", at, 10)
	if err != nil || len(hooks) != 1 || hooks[0].Template != "new_request" {
		t.Errorf("webhook claim %+v %v", hooks, err)
	}
	if errors.Is(err, store.ErrNotFound) {
		t.Fatal(err)
	}
}

// data2 scans a jsonb column into a map.
type data2 struct{ m *map[string]any }

func (d *data2) Scan(src any) error {
	b, _ := src.([]byte)
	return json.Unmarshal(b, d.m)
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

// An officer who turned reminders off gets none, while the escalation still reaches them: it is
// the safety net of the statutory deadline.
func TestRemindersRespectOptOutEscalationsDoNot(t *testing.T) {
	s, unit, users := noticeOffice(t)
	ctx := context.Background()
	id := noticeRequest(t, s, calendar.NewDate(2026, 3, 13), "siti@contoh.id")
	s.DB().MustExec(`UPDATE requests SET unit_id = $2, assigned_to = $3 WHERE id = $1`, id, unit, users["ppid"])
	for _, u := range []string{"ppid", "utama"} {
		if err := s.SetNoticeOptOuts(ctx, users[u], []notify.Kind{notify.Reminder}); err != nil {
			t.Fatal(err)
		}
	}
	reminder := store.Notice{Key: fmt.Sprintf("request:%d:reminder:1:2026-03-13", id), RequestID: id, Kind: "reminder", Level: 1,
		Staff: &store.StaffMail{Template: "reminder_officer", Audience: store.AudienceCaseOfficers, Data: map[string]any{"days_left": 1}}}
	overdue := store.Notice{Key: fmt.Sprintf("request:%d:overdue:2026-03-13", id), RequestID: id, Kind: "overdue",
		Staff: &store.StaffMail{Template: "overdue_escalation", Audience: store.AudienceOversight, Data: map[string]any{"level": 0}}}
	insertNotices(t, s, reminder, overdue)
	if got := noticeRecipients(t, s, id, "reminder_officer"); !slices.Equal(got, []string{"ppid2@uji.test"}) {
		t.Errorf("reminder to %v, want only the PPID who kept reminders on", got)
	}
	if got := noticeRecipients(t, s, id, "overdue_escalation"); !slices.Equal(got, []string{"atasan@uji.test", "utama@uji.test"}) {
		t.Errorf("escalation to %v: an opt-out of reminders must not stop it", got)
	}
}
