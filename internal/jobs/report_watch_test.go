package jobs_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/jobs"
	"github.com/terbuka-id/terbuka/internal/store"
)

// Perki 1/2021 Pasal 56: the annual report is due by 31 March. While last year's report is not
// locked the PPID Utama is reminded once in February and the atasan PPID once from 31 March.
func TestReportWatchRemindsInFebruaryAndEscalatesOn31March(t *testing.T) {
	o := newWatchOffice(t, watchAt(2027, time.January, 4))
	ctx := context.Background()
	w := jobs.ReportWatch{Store: o.s, Calendar: o.cal.Current, BaseURL: "http://uji.test", OfficeName: "PPID Uji"}
	second := jobs.ReportWatch{Store: o.open(), Calendar: o.cal.Current, BaseURL: "http://uji.test", OfficeName: "PPID Uji"}
	run := func(w jobs.ReportWatch, at time.Time) jobs.Result {
		t.Helper()
		res, err := w.Run(ctx, at)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	keys := func() []string {
		var ks []string
		if err := o.s.DB().Select(&ks, `SELECT key FROM case_notices WHERE kind LIKE 'annual_report%' ORDER BY id`); err != nil {
			t.Fatal(err)
		}
		return ks
	}
	recipients := func(template string) []string {
		var rs []string
		if err := o.s.DB().Select(&rs, `SELECT recipient FROM outbox WHERE template = $1 ORDER BY recipient`, template); err != nil {
			t.Fatal(err)
		}
		return rs
	}

	// Year boundary: 1 January 00:30 in Jakarta is still 31 December in UTC; January asks nothing.
	run(w, time.Date(2027, time.January, 1, 0, 30, 0, 0, watchZone))
	run(w, watchAt(2027, time.January, 31))
	if ks := keys(); len(ks) != 0 {
		t.Fatalf("January reminded: %v", ks)
	}
	// 1 February 00:30 in Jakarta (31 January in UTC): the reminder about 2026, once, even from two instances.
	res := run(w, time.Date(2027, time.February, 1, 0, 30, 0, 0, watchZone))
	run(second, watchAt(2027, time.February, 1))
	run(w, watchAt(2027, time.February, 15))
	run(w, watchAt(2027, time.March, 30))
	if ks := keys(); !slices.Equal(ks, []string{"annual_report:2026:reminder"}) {
		t.Fatalf("keys after February: %v", ks)
	}
	if res.Reminders != 1 || res.MailsQueued != 1 {
		t.Errorf("first run: %+v", res)
	}
	if rs := recipients("annual_report_reminder"); !slices.Equal(rs, []string{"utama@uji.test"}) {
		t.Errorf("reminder went to %v, want the PPID Utama", rs)
	}
	var raw []byte
	if err := o.s.DB().Get(&raw, `SELECT data FROM outbox WHERE template = 'annual_report_reminder'`); err != nil {
		t.Fatal(err)
	}
	var data map[string]any
	if err := json.Unmarshal(raw, &data); err != nil {
		t.Fatal(err)
	}
	if msg := watchRender(t, store.Mail{Template: "annual_report_reminder", Data: data}); !strings.Contains(msg.Body, "Pasal 56") || !strings.Contains(msg.Body, "31 Maret 2027") ||
		!strings.Contains(msg.Body, "http://uji.test/kantor/laporan/2026") || !strings.Contains(msg.Subject, "tahun 2026") {
		t.Errorf("reminder:\n%s\n%s", msg.Subject, msg.Body)
	}

	// 31 March: escalated to every active atasan PPID, once.
	res = run(w, watchAt(2027, time.March, 31))
	run(second, watchAt(2027, time.March, 31).Add(time.Hour))
	run(w, watchAt(2027, time.April, 10))
	if ks := keys(); !slices.Equal(ks, []string{"annual_report:2026:reminder", "annual_report:2026:escalation"}) {
		t.Fatalf("keys after 31 March: %v", ks)
	}
	if res.Escalations != 1 || res.MailsQueued != 2 {
		t.Errorf("escalation run: %+v", res)
	}
	if rs := recipients("annual_report_escalation"); !slices.Equal(rs, []string{"atasan.unit@uji.test", "atasan@uji.test"}) {
		t.Errorf("escalation went to %v, want the active atasan PPID", rs)
	}
}

func TestReportWatchIsSilentOnceTheReportIsLocked(t *testing.T) {
	o := newWatchOffice(t, watchAt(2027, time.January, 20))
	ctx := context.Background()
	w := jobs.ReportWatch{Store: o.s, Calendar: o.cal.Current, BaseURL: "http://uji.test", OfficeName: "PPID Uji"}
	if err := o.s.LockReport(ctx, 2026, []byte(`{"year":2026}`), strings.Repeat("a", 64), o.users["utama"], watchAt(2027, time.January, 20)); err != nil {
		t.Fatal(err)
	}
	for _, at := range []time.Time{watchAt(2027, time.February, 1), watchAt(2027, time.March, 31), watchAt(2027, time.May, 2)} {
		if res, err := w.Run(ctx, at); err != nil || res.Reminders+res.Escalations+res.MailsQueued != 0 {
			t.Fatalf("%v: %+v %v", at, res, err)
		}
	}
	if n := o.count(`SELECT count(*) FROM case_notices WHERE kind LIKE 'annual_report%'`); n != 0 {
		t.Errorf("%d notices about a locked report", n)
	}
	// The next year's report is a new one: February 2028 reminds about 2027.
	if res, err := w.Run(ctx, watchAt(2028, time.February, 1)); err != nil || res.Reminders != 1 {
		t.Errorf("February 2028: %+v %v", res, err)
	}
}
