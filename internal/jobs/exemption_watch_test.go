package jobs_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/jobs"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// PP 61/2010, UU 14/2008 Pasal 20: the PPID is reminded once, 30 days before an exemption ends —
// one decided on a request (to the case's officers) and one decided in advance (to the PPID Utama).
func TestExemptionWatchRemindsOnceBeforeTheEnd(t *testing.T) {
	o := newWatchOffice(t, watchAt(2026, time.November, 5))
	ctx := context.Background()
	id := o.request(watchDay(2026, time.November, 16), "siti@contoh.id")
	d := workflow.Decision{Kind: request.StatusRefused, NoticeAt: o.clock(), ExemptionLetters: []string{"a"},
		LegalBasis: "UU 14/2008 Pasal 17 huruf a", Harm: "Menghambat penyidikan", PublicInterest: "Penyidikan belum selesai",
		DIKSubject: "Berkas penyidikan pengadaan", ExemptUntil: watchDay(2027, time.March, 1)}
	if errs, err := o.cw.Decide(ctx, o.users["utama"], id, d); err != nil {
		t.Fatal(err, errs)
	}
	if _, err := o.s.AddAdvanceExemption(ctx, store.AdvanceExemption{UnitID: o.unit, Subject: "Rencana pengamanan gedung",
		ExemptionLetters: []string{"c"}, LegalBasis: "Pasal 17 huruf c", Harm: "Celah pengamanan", PublicInterest: "Keselamatan",
		DecidedOn: watchDay(2026, time.November, 5), DecidedBy: o.users["ppid"].ID, ExemptUntil: watchDay(2027, time.March, 15)}); err != nil {
		t.Fatal(err)
	}
	w := jobs.ExemptionWatch{Store: o.s, Calendar: o.cal.Current, NoticeDays: 30, BaseURL: "http://uji.test", OfficeName: "PPID Uji"}
	run := func(at time.Time) jobs.Result {
		t.Helper()
		res, err := w.Run(ctx, at)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	keys := func() []string {
		var ks []string
		if err := o.s.DB().Select(&ks, `SELECT key FROM case_notices WHERE kind = 'exemption_ending' ORDER BY key`); err != nil {
			t.Fatal(err)
		}
		return ks
	}
	run(watchAt(2027, time.January, 29)) // 31 days before 1 March: too early
	if ks := keys(); len(ks) != 0 {
		t.Fatalf("reminded too early: %v", ks)
	}
	res := run(watchAt(2027, time.January, 30)) // a Saturday: calendar days, not working days
	run(watchAt(2027, time.January, 30).Add(time.Hour))
	run(watchAt(2027, time.February, 13))
	decisionID := o.count(`SELECT id FROM decisions WHERE request_id = $1`, id)
	want := []string{"advance:" + strconv.Itoa(o.count(`SELECT id FROM advance_exemptions`)) + ":exemption_ending:2027-03-15",
		"decision:" + strconv.Itoa(decisionID) + ":exemption_ending:2027-03-01"}
	if ks := keys(); !slices.Equal(ks, want) {
		t.Fatalf("keys %v, want %v", ks, want)
	}
	if res.Reminders != 1 {
		t.Errorf("first run: %+v", res)
	}
	mails := o.mailsTo(id, "exemption_ending")
	if len(mails) == 0 {
		t.Fatal("no reminder to the case's officers")
	}
	if msg := watchRender(t, mails[0]); !strings.Contains(msg.Body, "Berkas penyidikan pengadaan") || !strings.Contains(msg.Body, "1 Maret 2027") {
		t.Errorf("reminder:\n%s", msg.Body)
	}
	if n := o.count(`SELECT count(*) FROM outbox WHERE template = 'exemption_ending' AND request_id IS NULL AND recipient = 'utama@uji.test'`); n != 1 {
		t.Errorf("%d advance-exemption reminders to the PPID Utama", n)
	}
	// An exemption that already ended is not reminded of.
	run(watchAt(2027, time.March, 20))
	if ks := keys(); len(ks) != 2 {
		t.Errorf("keys after the end: %v", ks)
	}
}
