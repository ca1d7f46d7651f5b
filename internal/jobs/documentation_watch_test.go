package jobs_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// The day a "not yet documented" notice promised (Perki 1/2021 notice form) is a clock of the case:
// the officers are reminded before it, and when it passes without delivery the atasan PPID and the
// PPID Utama are told and the requester learns until when they may object (Pasal 35(1) e), once.
func TestDocumentationPromiseIsRemindedAndItsLapseToldOnce(t *testing.T) {
	o := newWatchOffice(t, watchAt(2026, time.November, 5))
	id := o.request(watchDay(2026, time.November, 16), "siti@contoh.id")
	d := workflow.Decision{Kind: request.StatusNotDocumented, NoticeAt: o.clock(), DocumentedBy: watchDay(2026, time.November, 20)}
	if errs, err := o.cw.Decide(context.Background(), o.users["utama"], id, d); err != nil {
		t.Fatal(err, errs)
	}

	o.runDeadlines(watchAt(2026, time.November, 16)) // the notice's own due day: nothing, the notice was given
	if keys := o.noticeKeys(id); len(keys) != 0 {
		t.Fatalf("notices before the reminders: %v", keys)
	}
	o.runDeadlines(watchAt(2026, time.November, 17)) // 3 working days before 20 November
	o.runDeadlines(watchAt(2026, time.November, 19)) // 1 working day before
	o.runDeadlines(watchAt(2026, time.November, 20)) // the promised day itself: not lapsed yet
	want := []string{
		"request:" + strconv.FormatInt(id, 10) + ":documentation_reminder:3:2026-11-20",
		"request:" + strconv.FormatInt(id, 10) + ":documentation_reminder:1:2026-11-20",
	}
	if keys := o.noticeKeys(id); !slices.Equal(keys, want) {
		t.Fatalf("keys %v, want %v", keys, want)
	}
	if got := o.recipients(id, "documentation_reminder"); !slices.Equal(got, watchSorted("utama@uji.test", "utama@uji.test")) {
		t.Errorf("reminders went to %v", got)
	}

	res := o.runDeadlines(watchAt(2026, time.November, 23)) // Monday: the Friday promise lapsed
	o.runDeadlines(watchAt(2026, time.November, 23).Add(time.Hour))
	o.runDeadlines(watchAt(2026, time.November, 24))
	want = append(want, "request:"+strconv.FormatInt(id, 10)+":documentation_lapsed:2026-11-20")
	if keys := o.noticeKeys(id); !slices.Equal(keys, want) {
		t.Fatalf("keys %v, want %v", keys, want)
	}
	if res.Escalations != 1 || res.Notices != 1 {
		t.Errorf("lapse run: %+v", res)
	}
	mails := o.mailsTo(id, "documentation_lapsed_requester")
	if len(mails) != 1 {
		t.Fatalf("%d lapse mails to the requester", len(mails))
	}
	msg := watchRender(t, mails[0])
	// 30 working days from Monday 23 November 2026, skipping 25 December and the cuti bersama of 24 December.
	if !strings.Contains(msg.Body, "huruf e") || !strings.Contains(msg.Body, "20 November 2026") || mails[0].Data["objection_deadline"] == "" {
		t.Errorf("lapse mail:\n%s\n%v", msg.Body, mails[0].Data)
	}
	if got := o.recipients(id, "documentation_escalation"); len(got) == 0 || !slices.Contains(got, "atasan@uji.test") {
		t.Errorf("escalation went to %v", got)
	}
	if n := o.count(`SELECT count(*) FROM request_events WHERE request_id = $1 AND kind = 'documentation_lapsed' AND public`, id); n != 1 {
		t.Errorf("%d public lapse events", n)
	}

	// Delivered cases are left alone.
	other := o.request(watchDay(2026, time.November, 16), "budi@contoh.id")
	o.set(watchAt(2026, time.November, 5))
	if errs, err := o.cw.Decide(context.Background(), o.users["utama"], other, d); err != nil {
		t.Fatal(err, errs)
	}
	if err := o.cw.Deliver(context.Background(), o.users["utama"], other, "email"); err != nil {
		t.Fatal(err)
	}
	o.runDeadlines(watchAt(2026, time.November, 17))
	o.runDeadlines(watchAt(2026, time.November, 25))
	if keys := o.noticeKeys(other); len(keys) != 0 {
		t.Errorf("a delivered case got %v", keys)
	}
}
