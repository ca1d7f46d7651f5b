package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

func TestThrottleCountsPerKindAndSubjectWithinWindow(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	th := s.Throttle()
	t0 := time.Date(2026, 11, 2, 10, 0, 0, 0, wib)
	a := store.ThrottleKey{Kind: "login_pair", Subject: "a@x.id 10.0.0.1"}
	b := store.ThrottleKey{Kind: "login_pair", Subject: "a@x.id 10.0.0.2"}
	other := store.ThrottleKey{Kind: "tracking", Subject: "a@x.id 10.0.0.1"}
	for i := range 4 {
		if err := th.Hit(ctx, t0.Add(time.Duration(i)*time.Minute), a, other); err != nil {
			t.Fatal(err)
		}
	}
	if err := th.Hit(ctx, t0, b); err != nil {
		t.Fatal(err)
	}

	got, err := th.Count(ctx, a, t0.Add(-time.Minute), 10)
	if err != nil || got.N != 4 || !got.Oldest.Equal(t0) || !got.Newest.Equal(t0.Add(3*time.Minute)) {
		t.Fatalf("count %+v %v, want 4 from t0 to t0+3m", got, err)
	}
	// At most limit events are read: the newest ones, whose oldest says when one more is allowed.
	if got, _ := th.Count(ctx, a, t0.Add(-time.Minute), 2); got.N != 2 || !got.Oldest.Equal(t0.Add(2*time.Minute)) {
		t.Errorf("capped count %+v, want 2 from t0+2m", got)
	}
	if got, _ := th.Count(ctx, a, t0.Add(90*time.Second), 10); got.N != 2 {
		t.Errorf("window from t0+1m30: %d, want 2", got.N)
	}
	if got, _ := th.Count(ctx, store.ThrottleKey{Kind: "login_pair", Subject: "nobody"}, t0.Add(-time.Hour), 10); got.N != 0 || !got.Oldest.IsZero() {
		t.Errorf("unknown subject %+v", got)
	}

	if err := th.Clear(ctx, a); err != nil {
		t.Fatal(err)
	}
	if got, _ := th.Count(ctx, a, t0.Add(-time.Hour), 10); got.N != 0 {
		t.Errorf("after clear: %d", got.N)
	}
	if got, _ := th.Count(ctx, other, t0.Add(-time.Hour), 10); got.N != 4 {
		t.Errorf("clear reached another kind: %d", got.N)
	}
	if err := th.ClearPrefix(ctx, "login_pair", "a@x.id "); err != nil {
		t.Fatal(err)
	}
	if got, _ := th.Count(ctx, b, t0.Add(-time.Hour), 10); got.N != 0 {
		t.Errorf("after clear by prefix: %d", got.N)
	}

	n, err := th.Purge(ctx, t0.Add(2*time.Minute))
	if err != nil || n != 2 {
		t.Fatalf("purged %d %v, want the 2 events before t0+2m", n, err)
	}
}

// The receipt cap is decided in the intake statement itself, and the answer says what it decided.
func TestInsertRequestCapsReceiptMailPerAddress(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	received := time.Date(2026, 11, 2, 10, 0, 0, 0, wib)
	insert := func(recipient string, at time.Time) store.Registered {
		t.Helper()
		r := newRequest(2026, at, calendar.NewDate(2026, 11, 16))
		r.Mail = &store.Mail{Template: "request_received", Recipient: recipient, Data: map[string]any{"name": "Siti"}}
		r.MailCap = store.MailCap{ThrottleKey: store.ThrottleKey{Kind: "receipt", Subject: recipient},
			Limit: 2, Since: at.Add(-24 * time.Hour), At: at}
		reg, err := s.InsertRequest(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		return reg
	}
	var queued []bool
	for i := range 3 {
		queued = append(queued, insert("siti@contoh.id", received.Add(time.Duration(i)*time.Minute)).MailQueued)
	}
	if !queued[0] || !queued[1] || queued[2] {
		t.Errorf("queued %v, want the first two only", queued)
	}
	if !insert("budi@contoh.id", received).MailQueued {
		t.Error("another address was held back")
	}
	if !insert("siti@contoh.id", received.Add(25*time.Hour)).MailQueued {
		t.Error("a day later the address is still held back")
	}
	var mails int
	if err := s.DB().Get(&mails, `SELECT count(*) FROM outbox WHERE recipient = 'siti@contoh.id'`); err != nil || mails != 3 {
		t.Errorf("outbox holds %d receipts to siti, want 3 (%v)", mails, err)
	}
	var requests int
	if err := s.DB().Get(&requests, `SELECT count(*) FROM requests`); err != nil || requests != 5 {
		t.Errorf("%d requests registered, want all 5 (%v)", requests, err)
	}

	// Without a cap (an officer at the desk, an import) every receipt is queued.
	r := newRequest(2026, received, calendar.NewDate(2026, 11, 16))
	r.Mail = &store.Mail{Template: "request_received", Recipient: "siti@contoh.id", Data: map[string]any{}}
	if reg, err := s.InsertRequest(ctx, r); err != nil || !reg.MailQueued {
		t.Errorf("uncapped: %+v %v", reg, err)
	}
	if reg, err := s.InsertRequest(ctx, newRequest(2026, received, calendar.NewDate(2026, 11, 16))); err != nil || reg.MailQueued {
		t.Errorf("no mail: %+v %v", reg, err)
	}
}

func TestLoginAuditListsNewestFirst(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	t0 := time.Date(2026, 11, 2, 10, 0, 0, 0, wib)
	for i, ok := range []bool{false, false, true} {
		if err := s.RecordLoginAttempt(ctx, store.LoginAttempt{At: t0.Add(time.Duration(i) * time.Minute), Email: "a@x.id",
			Success: ok, Reason: map[bool]string{true: "ok", false: "bad_credentials"}[ok], Client: "10.0.0.1", UserAgent: "uji"}); err != nil {
			t.Fatal(err)
		}
	}
	page, err := s.LoginAttempts(ctx, 2, 0)
	if err != nil || len(page) != 2 || !page[0].Success || page[1].Success || page[0].UserName != "" {
		t.Fatalf("first page %+v %v", page, err)
	}
	if rest, _ := s.LoginAttempts(ctx, 2, 2); len(rest) != 1 || !rest[0].At.Equal(t0) {
		t.Errorf("second page %+v", rest)
	}
	if n, err := s.PurgeLoginAttempts(ctx, t0.Add(time.Minute)); err != nil || n != 1 {
		t.Errorf("purged %d %v", n, err)
	}
}
