package store_test

import (
	"bytes"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

// One batch numbers its requests in arrival order, and each request keeps its own event, mail,
// identity document and accessibility needs: nothing of one lands on another.
func TestIntakeBatchKeepsEachRequestsOwnRows(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	received := time.Date(2026, 11, 2, 10, 0, 0, 0, wib)
	due := calendar.NewDate(2026, 11, 16)
	var rs []store.NewRequest
	for i, name := range []string{"Andi", "Budi", "Citra"} {
		r := newRequest(2026, received.Add(time.Duration(i)*time.Second), due)
		r.RequesterName = name
		r.Mail = &store.Mail{Template: "request_received", Recipient: name + "@contoh.id", Data: map[string]any{"name": name}}
		rs = append(rs, r)
	}
	scan := bytes.Repeat([]byte{0xA5}, 3000)
	rs[1].Identity = &store.NewIdentityDocument{Kind: "ktp", ContentType: "image/png", Size: 2990, Sealed: scan}
	rs[2].Accessibility = []string{"braille", "audio"}
	regs, err := s.InsertTogether(ctx, rs)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"0001/PPID/XI/2026", "0002/PPID/XI/2026", "0003/PPID/XI/2026"} {
		if regs[i].RegistrationNumber != want || !regs[i].MailQueued {
			t.Errorf("request %d: %+v, want %s with its receipt queued", i, regs[i], want)
		}
		var got struct {
			Name, Recipient string
			Events, Docs    int
			Accessibility   string
		}
		err := s.DB().QueryRowContext(ctx, `SELECT r.requester_name,
			(SELECT string_agg(o.recipient || ':' || (o.data->>'registration_number'), ',') FROM outbox o WHERE o.request_id = r.id),
			(SELECT count(*) FROM request_events e WHERE e.request_id = r.id AND e.kind = 'received'),
			(SELECT count(*) FROM identity_documents d WHERE d.request_id = r.id),
			array_to_string(r.accessibility, ',')
			FROM requests r WHERE r.id = $1`, regs[i].ID).
			Scan(&got.Name, &got.Recipient, &got.Events, &got.Docs, &got.Accessibility)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != rs[i].RequesterName || got.Recipient != rs[i].RequesterName+"@contoh.id:"+want || got.Events != 1 {
			t.Errorf("request %d rows: %+v", i, got)
		}
		if wantDocs := map[bool]int{true: 1}[i == 1]; got.Docs != wantDocs {
			t.Errorf("request %d has %d identity documents, want %d", i, got.Docs, wantDocs)
		}
		if wantAcc := map[bool]string{true: "braille,audio"}[i == 2]; got.Accessibility != wantAcc {
			t.Errorf("request %d accessibility %q, want %q", i, got.Accessibility, wantAcc)
		}
	}
	var sealed []byte
	if err := s.DB().GetContext(ctx, &sealed, `SELECT sealed FROM identity_documents WHERE request_id = $1`, regs[1].ID); err != nil || !bytes.Equal(sealed, scan) {
		t.Errorf("identity document stored as %d bytes (%v), want the 3000 sealed bytes", len(sealed), err)
	}
}

// The receipt cap counts the mails of earlier requests in the same batch, as it would had
// they committed one by one (ASVS 11.1.4: a flood in one burst is still a flood).
func TestReceiptCapCountsTheSameBatch(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	received := time.Date(2026, 11, 2, 10, 0, 0, 0, wib)
	capped := func(recipient string) store.NewRequest {
		r := newRequest(2026, received, calendar.NewDate(2026, 11, 16))
		r.Mail = &store.Mail{Template: "request_received", Recipient: recipient, Data: map[string]any{}}
		r.MailCap = store.MailCap{ThrottleKey: store.ThrottleKey{Kind: "receipt", Subject: recipient},
			Limit: 3, Since: received.Add(-24 * time.Hour), At: received}
		return r
	}
	if _, err := s.InsertRequest(ctx, capped("siti@contoh.id")); err != nil { // one receipt earlier today
		t.Fatal(err)
	}
	batch := []store.NewRequest{capped("siti@contoh.id"), capped("budi@contoh.id"), capped("siti@contoh.id"),
		capped("siti@contoh.id"), capped("budi@contoh.id")}
	regs, err := s.InsertTogether(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	var queued []bool
	for _, r := range regs {
		queued = append(queued, r.MailQueued)
	}
	if want := []bool{true, true, true, false, true}; !slices.Equal(queued, want) {
		t.Errorf("queued %v, want %v (siti: 1 earlier + 2 of the batch = the limit of 3)", queued, want)
	}
	var mails, hits int
	s.DB().GetContext(ctx, &mails, `SELECT count(*) FROM outbox WHERE recipient = 'siti@contoh.id'`)
	s.DB().GetContext(ctx, &hits, `SELECT count(*) FROM throttle_events WHERE kind = 'receipt' AND subject = 'siti@contoh.id'`)
	if mails != 3 || hits != 3 {
		t.Errorf("siti: %d receipts queued, %d counted; want 3 and 3", mails, hits)
	}
}

// A batch that straddles New Year (Jakarta time) numbers each request in its own year's
// register, gapless in both, in arrival order within each (UU 14/2008 Pasal 22(4)).
func TestIntakeBatchAcrossNewYear(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	before := time.Date(2026, 12, 31, 23, 59, 59, 0, wib)
	after := time.Date(2027, 1, 1, 0, 0, 1, 0, wib)
	if _, err := s.InsertRequest(ctx, newRequest(2026, before.Add(-time.Hour), calendar.NewDate(2027, 1, 15))); err != nil {
		t.Fatal(err)
	}
	rs := []store.NewRequest{
		newRequest(2026, before, calendar.NewDate(2027, 1, 15)),
		newRequest(2027, after, calendar.NewDate(2027, 1, 15)),
		newRequest(2026, before, calendar.NewDate(2027, 1, 15)),
		newRequest(2027, after, calendar.NewDate(2027, 1, 15)),
	}
	regs, err := s.InsertTogether(ctx, rs)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"0002/PPID/XI/2026", "0001/PPID/XI/2027", "0003/PPID/XI/2026", "0002/PPID/XI/2027"}
	for i, w := range want {
		if regs[i].RegistrationNumber != w {
			t.Errorf("request %d numbered %s, want %s", i, regs[i].RegistrationNumber, w)
		}
	}
	var counters []struct {
		Year    int `db:"year"`
		LastSeq int `db:"last_seq"`
	}
	if err := s.DB().SelectContext(ctx, &counters, `SELECT year, last_seq FROM registration_counters ORDER BY year`); err != nil {
		t.Fatal(err)
	}
	if len(counters) != 2 || counters[0].LastSeq != 3 || counters[1].LastSeq != 2 {
		t.Errorf("counters %+v, want 2026 at 3 and 2027 at 2", counters)
	}
}

// A batch with one bad request fails whole before commit, its counters rolled back: no number
// is used up (the batcher then tries each alone).
func TestFailedIntakeBatchTakesNoNumbers(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	received := time.Date(2026, 11, 2, 10, 0, 0, 0, wib)
	good := newRequest(2026, received, calendar.NewDate(2026, 11, 16))
	bad := newRequest(2026, received, calendar.NewDate(2026, 11, 16))
	bad.NIKSealed, bad.NIKLookup = nil, nil // an individual without NIK breaks a CHECK
	if _, err := s.InsertTogether(ctx, []store.NewRequest{good, bad, good}); err == nil {
		t.Fatal("a batch holding an invalid request was written")
	}
	reg, err := s.InsertRequest(ctx, good)
	if err != nil {
		t.Fatal(err)
	}
	if reg.RegistrationNumber != "0001/PPID/XI/2026" {
		t.Errorf("after the failed batch the next number is %s, want 0001/PPID/XI/2026", reg.RegistrationNumber)
	}
}

// The statement gives a new request the PPID Utama and its response deadline as the clock that
// runs now, as the columns' defaults would (the queue sorts and scopes by them).
func TestIntakeStartsAtTheMainUnitOnItsResponseClock(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	due := calendar.NewDate(2026, 11, 16)
	for _, together := range []bool{false, true} {
		rs := []store.NewRequest{newRequest(2026, time.Date(2026, 11, 2, 10, 0, 0, 0, wib), due)}
		var ids []int64
		if together {
			rs = append(rs, newRequest(2026, time.Date(2026, 11, 2, 10, 0, 1, 0, wib), due))
			regs, err := s.InsertTogether(ctx, rs)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range regs {
				ids = append(ids, r.ID)
			}
		} else {
			reg, err := s.InsertRequest(ctx, rs[0])
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, reg.ID)
		}
		for _, id := range ids {
			var main bool
			var kind, clockDue string
			if err := s.DB().QueryRowContext(ctx, `SELECT u.kind = 'utama', r.clock_kind, r.clock_due::text
				FROM requests r JOIN units u ON u.id = r.unit_id WHERE r.id = $1`, id).Scan(&main, &kind, &clockDue); err != nil {
				t.Fatal(err)
			}
			if !main || kind != "response" || clockDue != due.String() {
				t.Errorf("request %d (batch %v): main unit %v, clock %s due %s; want the PPID Utama, response due %s",
					id, together, main, kind, clockDue, due)
			}
		}
	}
}
