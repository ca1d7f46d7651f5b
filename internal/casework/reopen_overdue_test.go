package casework_test

import (
	"database/sql"
	"fmt"
	"testing"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// markOverdue does what the deadline-watch job does on the first day after an unmet due date.
func (o *office) markOverdue(id int64, due, today calendar.Date) {
	o.t.Helper()
	o.must(o.s.WithNotices(o.ctx, func(tx *store.NoticeTx) error {
		_, _, err := tx.InsertNotices(o.ctx, []store.Notice{{Key: fmt.Sprintf("request:%d:overdue:%s", id, due),
			RequestID: id, Kind: "overdue", MarkOverdue: today}})
		return err
	}))
}

func (o *office) overdueSince(id int64) sql.NullTime {
	o.t.Helper()
	var since sql.NullTime
	o.must(o.s.DB().GetContext(o.ctx, &since, `SELECT overdue_since FROM requests WHERE id = $1`, id))
	return since
}

// lateRefusalObjected is a request of Mon 5 Oct (due Mon 19 Oct) marked late on 20 Oct, refused
// late on 21 Oct and objected to on 22 Oct.
func (o *office) lateRefusalObjected() (id, objectionID int64) {
	o.t.Helper()
	o.set(at(5, 10))
	id = o.submit()
	o.markOverdue(id, calendar.NewDate(2026, 10, 19), calendar.NewDate(2026, 10, 20))
	o.set(at(21, 10))
	if errs, err := o.cw.Decide(o.ctx, o.user("ppid-utama"), id, refusal(o.clock.Now())); err != nil {
		o.t.Fatal(err, errs)
	}
	o.set(at(22, 10))
	obj, errs, err := o.cw.FileObjection(o.ctx, nil, id, filing, "web")
	if err != nil {
		o.t.Fatal(err, errs)
	}
	return id, obj.ID
}

// TestReopenClearsOverdue: the case reopened after an overturned objection runs a fresh clock
// (UU 14/2008 Pasal 36), so it no longer counts as late; once that clock lapses too, the watch
// marks it late from the new day. Old code kept overdue_since = 20 Oct through the reopening.
func TestReopenClearsOverdue(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	id, objID := o.lateRefusalObjected()
	if since := o.overdueSince(id); !since.Valid || calendar.DateOf(since.Time) != calendar.NewDate(2026, 10, 20) {
		t.Fatalf("before reopening overdue_since = %v", since)
	}

	o.set(at(26, 10))
	if errs, err := o.cw.AnswerObjection(o.ctx, o.user("atasan"), id, objID, workflow.ObjectionOverturned,
		"Anggaran sekolah adalah informasi yang wajib tersedia setiap saat."); err != nil {
		t.Fatal(err, errs)
	}
	r := o.request(id)
	// Ten working days from Tue 27 October end on Mon 9 November.
	if r.Status != request.StatusInProcess || r.DueDate != calendar.NewDate(2026, 11, 9) {
		t.Fatalf("reopened case %+v", r)
	}
	if since := o.overdueSince(id); since.Valid {
		t.Errorf("reopened case still late since %v", since.Time)
	}

	// The fresh clock lapses unanswered: late again, from the new day.
	o.markOverdue(id, r.DueDate, calendar.NewDate(2026, 11, 10))
	if since := o.overdueSince(id); !since.Valid || calendar.DateOf(since.Time) != calendar.NewDate(2026, 11, 10) {
		t.Errorf("after the fresh clock lapsed overdue_since = %v, want 2026-11-10", since)
	}
}

// TestUpheldObjectionKeepsOverdue: an upheld decision reopens nothing, so the record of lateness stays.
func TestUpheldObjectionKeepsOverdue(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	id, objID := o.lateRefusalObjected()
	o.set(at(26, 10))
	if errs, err := o.cw.AnswerObjection(o.ctx, o.user("atasan"), id, objID, workflow.ObjectionUpheld,
		"Data pribadi siswa dikecualikan menurut Pasal 17 huruf h."); err != nil {
		t.Fatal(err, errs)
	}
	if since := o.overdueSince(id); !since.Valid || calendar.DateOf(since.Time) != calendar.NewDate(2026, 10, 20) {
		t.Errorf("upheld: overdue_since = %v, want 2026-10-20", since)
	}
}
