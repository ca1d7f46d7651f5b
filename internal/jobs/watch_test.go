package jobs_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/jobs"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// Christmas 2026: Thursday 24 December is cuti bersama, Friday 25 December a national holiday.
// A case due Tuesday 29 December is reminded 3 working days before on Tuesday 22 December
// (23, 28, 29) and 1 working day before on Monday 28 December; nothing goes out on the days off.
func TestRemindersAtThreeAndOneWorkingDayAcrossChristmas(t *testing.T) {
	o := newWatchOffice(t, watchAt(2026, 12, 21))
	due := watchDay(2026, 12, 29)
	assignedPPID := o.request(due, "a@contoh.id") // assigned to a PPID of its own unit: one mail, not two
	o.forward(assignedPPID, o.unit)
	o.assign(assignedPPID, "ppid")
	assignedClerk := o.request(due, "b@contoh.id")
	o.forward(assignedClerk, o.unit)
	o.assign(assignedClerk, "petugas")
	inMainUnit := o.request(due, "") // never forwarded nor assigned: the PPID Utama's own PPID
	decided := o.request(due, "c@contoh.id")
	o.decide(decided)
	dueWednesday := o.request(watchDay(2026, 12, 30), "")

	want := map[calendar.Date]int{watchDay(2026, 12, 22): 3, watchDay(2026, 12, 23): 1, watchDay(2026, 12, 28): 3, watchDay(2026, 12, 29): 1}
	for d := watchDay(2026, 12, 21); !d.After(watchDay(2026, 12, 29)); d = d.AddDays(1) {
		before := o.snapshot()
		res := o.runDeadlines(watchAt(d.Year, d.Month, d.Day))
		if res.Reminders != want[d] || res.Handled != want[d] || res.Escalations != 0 || res.Notices != 0 || res.MailsSent != 0 {
			t.Errorf("%s: %+v, want %d reminders", calendar.FormatIDLong(d), res, want[d])
		}
		if want[d] == 0 && o.snapshot() != before {
			t.Errorf("%s: a run that sends nothing changed notices or mails", calendar.FormatIDLong(d))
		}
		// A second run the same day (every 15 minutes in production) adds nothing.
		again := o.snapshot()
		if res := o.runDeadlines(watchAt(d.Year, d.Month, d.Day).Add(4 * time.Hour)); res != (jobs.Result{}) || o.snapshot() != again {
			t.Errorf("%s: second run did %+v", calendar.FormatIDLong(d), res)
		}
		if d == watchDay(2026, 12, 22) {
			if got, want := o.recipients(assignedPPID, "reminder_officer"), watchSorted("ppid2@uji.test", "ppid@uji.test"); !slices.Equal(got, want) {
				t.Errorf("assigned PPID case: reminder to %v, want %v", got, want)
			}
			if got, want := o.recipients(assignedClerk, "reminder_officer"), watchSorted("petugas@uji.test", "ppid2@uji.test", "ppid@uji.test"); !slices.Equal(got, want) {
				t.Errorf("assigned clerk case: reminder to %v, want %v", got, want)
			}
			if got, want := o.recipients(inMainUnit, "reminder_officer"), []string{"utama@uji.test"}; !slices.Equal(got, want) {
				t.Errorf("PPID Utama case: reminder to %v, want %v", got, want)
			}
		}
	}
	for id, keys := range map[int64][]string{
		assignedPPID:  {fmt.Sprintf("request:%d:reminder:3:2026-12-29", assignedPPID), fmt.Sprintf("request:%d:reminder:1:2026-12-29", assignedPPID)},
		assignedClerk: {fmt.Sprintf("request:%d:reminder:3:2026-12-29", assignedClerk), fmt.Sprintf("request:%d:reminder:1:2026-12-29", assignedClerk)},
		dueWednesday:  {fmt.Sprintf("request:%d:reminder:3:2026-12-30", dueWednesday), fmt.Sprintf("request:%d:reminder:1:2026-12-30", dueWednesday)},
		decided:       nil,
	} {
		if got := o.noticeKeys(id); !slices.Equal(got, keys) {
			t.Errorf("request %d: notices %v, want %v", id, got, keys)
		}
	}
	if n := o.count(`SELECT count(*) FROM outbox WHERE template = 'reminder_officer' AND request_id = $1`, decided); n != 0 {
		t.Errorf("a decided case got %d reminders", n)
	}
	if n := o.count(`SELECT count(*) FROM outbox WHERE template = 'reminder_officer' AND recipient IN ('', 'ppid.off@uji.test', 'ppid.lain@uji.test')`); n != 0 {
		t.Errorf("%d reminders went to an inactive account, an account without e-mail or another unit", n)
	}
	// The due date itself is not late.
	if n := o.count(`SELECT count(*) FROM case_notices WHERE kind <> 'reminder'`); n != 0 {
		t.Errorf("%d overdue notices on or before the due date", n)
	}

	m := o.mailsTo(assignedClerk, "reminder_officer")[0]
	msg := watchRender(t, m)
	if m.Data["days_left"] != float64(3) || m.Data["due_date"] != "2026-12-29" || m.Data["officer_name"] != "petugas" ||
		m.Data["case_url"] != fmt.Sprintf("http://uji.test/kantor/permohonan/%d", assignedClerk) {
		t.Errorf("reminder data %v", m.Data)
	}
	if !strings.Contains(msg.Subject, "3 hari kerja") || !strings.Contains(msg.Body, "Selasa, 29 Desember 2026") ||
		!strings.Contains(msg.Body, "Pasal 22") {
		t.Errorf("reminder reads:\n%s\n\n%s", msg.Subject, msg.Body)
	}
}

// A case due Friday 13 March 2026 becomes overdue on Monday 16 March — not on the Friday, not on
// the Saturday. The requester may object until the 30th working day from Monday 16 March, over
// Nyepi and Idulfitri (18–24 March), Good Friday (3 April) and Labour Day (1 May): Wednesday 6 May.
func TestOverdueOnTheFirstWorkingDayAfterTheDueDate(t *testing.T) {
	o := newWatchOffice(t, watchAt(2026, 3, 2))
	due := watchDay(2026, 3, 13)
	late := o.request(due, "siti@contoh.id")
	o.forward(late, o.unit)
	o.assign(late, "petugas")
	noEmail := o.request(due, "")
	decided := o.request(due, "c@contoh.id")
	o.set(watchAt(2026, 3, 12))
	o.decide(decided)

	for _, when := range []time.Time{watchAt(2026, 3, 13), watchAt(2026, 3, 13).Add(6 * time.Hour), watchAt(2026, 3, 14), watchAt(2026, 3, 15)} {
		if res := o.runDeadlines(when); res != (jobs.Result{}) {
			t.Errorf("%v: %+v before the first working day after the due date", when, res)
		}
	}
	if n := o.count(`SELECT count(*) FROM case_notices`); n != 0 {
		t.Fatalf("%d notices before Monday", n)
	}

	res := o.runDeadlines(watchAt(2026, 3, 16))
	if res.Handled != 2 || res.Escalations != 2 || res.Notices != 1 || res.Reminders != 0 {
		t.Errorf("Monday: %+v, want 2 cases escalated, 1 requester told", res)
	}
	var since calendar.Date
	if err := o.s.DB().Get(&since, `SELECT overdue_since FROM requests WHERE id = $1`, late); err != nil || since != watchDay(2026, 3, 16) {
		t.Errorf("overdue_since %v %v", since, err)
	}
	if got := o.noticeKeys(late); !slices.Equal(got, []string{fmt.Sprintf("request:%d:overdue:2026-03-13", late)}) {
		t.Errorf("notices %v", got)
	}
	if got := o.noticeKeys(decided); len(got) != 0 {
		t.Errorf("a decided case is never late, got %v", got)
	}
	oversight := watchSorted("atasan.unit@uji.test", "atasan@uji.test", "utama@uji.test")
	for _, id := range []int64{late, noEmail} {
		if got := o.recipients(id, "overdue_escalation"); !slices.Equal(got, oversight) {
			t.Errorf("request %d escalated to %v, want the atasan PPID and the PPID Utama %v", id, got, oversight)
		}
	}
	told := o.mailsTo(late, "overdue_requester")
	if len(told) != 1 || told[0].Recipient != "siti@contoh.id" || told[0].Data["objection_deadline"] != "2026-05-05" {
		t.Fatalf("requester mails %+v", told)
	}
	msg := watchRender(t, told[0])
	for _, want := range []string{"Selasa, 5 Mei 2026", "Jumat, 13 Maret 2026", "Pasal 35 ayat (1) huruf c", "keberatan", "http://uji.test/lacak"} {
		if !strings.Contains(msg.Body, want) {
			t.Errorf("requester mail lacks %q:\n%s", want, msg.Body)
		}
	}
	if n := o.count(`SELECT count(*) FROM outbox WHERE template = 'overdue_requester' AND request_id = $1`, noEmail); n != 0 {
		t.Errorf("mail to a requester without e-mail")
	}
	events, _ := o.s.Events(context.Background(), late, true)
	if last := events[len(events)-1]; last.Kind != "overdue" || !last.Public || !strings.Contains(last.Note, "5 Mei 2026") {
		t.Errorf("last public event %+v", last)
	}
	esc := o.mailsTo(late, "overdue_escalation")[0]
	if esc.Data["level"] != float64(0) || esc.Data["overdue_days"] != float64(1) || esc.Data["officer_name"] != "petugas" {
		t.Errorf("escalation data %v", esc.Data)
	}

	// Four working days late (16, 17, 25, 26 March): no further escalation yet; five (27 March): level 1.
	if res := o.runDeadlines(watchAt(2026, 3, 26)); res != (jobs.Result{}) {
		t.Errorf("26 March: %+v", res)
	}
	if res := o.runDeadlines(watchAt(2026, 3, 27)); res.Escalations != 2 || res.Handled != 2 || res.Notices != 0 {
		t.Errorf("27 March: %+v, want level 1 for both open cases", res)
	}
	if got := o.recipients(late, "overdue_escalation"); len(got) != 6 {
		t.Errorf("after level 1: %d escalation mails, want 6", len(got))
	}

	// The case without e-mail is decided on 1 April, late: it leaves the watch.
	o.set(watchAt(2026, 4, 1))
	o.decide(noEmail)
	// A case the job never saw (registered late by import, say) is found on the same catch-up run.
	unseen := o.request(due, "unseen@contoh.id")
	// And one due 2 January, whose 30 working days to object (Pasal 36(1)) ended in February.
	ancient := o.request(watchDay(2026, 1, 2), "ancient@contoh.id")

	// Runs were missed until Monday 13 April, 15 working days late: level 3 only, not 2.
	res = o.runDeadlines(watchAt(2026, 4, 13))
	if res.Escalations != 3 || res.Notices != 1 || res.Handled != 3 {
		t.Errorf("13 April: %+v, want level 3 for the late and the unseen case, the ancient one escalated, and only the unseen requester told", res)
	}
	if got := o.mailsTo(ancient, "overdue_requester"); len(got) != 0 {
		t.Errorf("told a requester whose objection window has closed that they may object: %+v", got)
	}
	events, _ = o.s.Events(context.Background(), ancient, true)
	if last := events[len(events)-1]; last.Kind != "overdue" || !strings.Contains(last.Note, "telah lewat") {
		t.Errorf("ancient case's last event %+v", last)
	}
	wantKeys := []string{fmt.Sprintf("request:%d:overdue:2026-03-13", late), fmt.Sprintf("request:%d:overdue:2026-03-13:1", late),
		fmt.Sprintf("request:%d:overdue:2026-03-13:3", late)}
	if got := o.noticeKeys(late); !slices.Equal(got, wantKeys) {
		t.Errorf("late case notices %v, want %v", got, wantKeys)
	}
	if got := o.noticeKeys(noEmail); len(got) != 2 {
		t.Errorf("decided case escalated after its decision: %v", got)
	}
	wantKeys = []string{fmt.Sprintf("request:%d:overdue:2026-03-13", unseen), fmt.Sprintf("request:%d:overdue:2026-03-13:3", unseen)}
	if got := o.noticeKeys(unseen); !slices.Equal(got, wantKeys) {
		t.Errorf("unseen case notices %v, want %v", got, wantKeys)
	}
	// One escalation per recipient for the unseen case, at level 3: not also one at level 0.
	var levels []string
	o.s.DB().Select(&levels, `SELECT data->>'level' FROM outbox WHERE request_id = $1 AND template = 'overdue_escalation' ORDER BY id`, unseen)
	if !slices.Equal(levels, []string{"3", "3", "3"}) {
		t.Errorf("unseen case escalation levels %v, want one level-3 mail per recipient", levels)
	}
	o.s.DB().Select(&levels, `SELECT DISTINCT data->>'level' FROM outbox WHERE request_id = $1 AND template = 'overdue_escalation' ORDER BY 1`, late)
	if !slices.Equal(levels, []string{"0", "1", "3"}) {
		t.Errorf("late case escalation levels %v, want 0, 1, 3", levels)
	}
	if err := o.s.DB().Get(&since, `SELECT overdue_since FROM requests WHERE id = $1`, unseen); err != nil || since != watchDay(2026, 4, 13) {
		t.Errorf("unseen overdue_since %v %v", since, err)
	}
	escalations := o.mailsTo(late, "overdue_escalation")
	if len(escalations) != 9 {
		t.Fatalf("%d escalation mails for the late case, want 9 (levels 0, 1 and 3 to 3 recipients)", len(escalations))
	}
	msg = watchRender(t, escalations[6])
	if !strings.Contains(msg.Subject, "Eskalasi ke-3") || !strings.Contains(msg.Body, "15 hari kerja") {
		t.Errorf("level-3 escalation reads:\n%s\n\n%s", msg.Subject, msg.Body)
	}
}

// An extension moves the due date (UU 14/2008 Pasal 22(8)): the reminders start again for the new
// date, and go to whoever holds the case when they are sent.
func TestExtensionMovesTheDueDateAndRemindsAgain(t *testing.T) {
	o := newWatchOffice(t, watchAt(2026, 12, 1))
	id := o.request(watchDay(2026, 12, 14), "siti@contoh.id")
	o.forward(id, o.unit)
	o.assign(id, "petugas")

	if res := o.runDeadlines(watchAt(2026, 12, 11)); res.Reminders != 1 {
		t.Fatalf("Friday 11 December: %+v, want the 1-day reminder for Monday 14 December", res)
	}
	if err := o.cw.Extend(context.Background(), o.users["utama"], id, "Informasi tersebar di beberapa bidang."); err != nil {
		t.Fatal(err)
	}
	r, _ := o.s.RequestByID(context.Background(), access.Everything, id)
	if r.DueDate != watchDay(2026, 12, 23) {
		t.Fatalf("extended due %v, want 23 December (7 working days after 14 December)", r.DueDate)
	}
	for _, when := range []time.Time{watchAt(2026, 12, 11).Add(time.Hour), watchAt(2026, 12, 14), watchAt(2026, 12, 15)} {
		if res := o.runDeadlines(when); res != (jobs.Result{}) {
			t.Errorf("%v: %+v (the old due date is neither reminded again nor late)", when, res)
		}
	}
	if res := o.runDeadlines(watchAt(2026, 12, 18)); res.Reminders != 1 {
		t.Errorf("Friday 18 December: %+v, want the 3-day reminder for the new date", res)
	}
	o.set(watchAt(2026, 12, 21))
	o.forward(id, o.other)
	if res := o.runDeadlines(watchAt(2026, 12, 22)); res.Reminders != 1 {
		t.Errorf("Tuesday 22 December: %+v, want the 1-day reminder for the new date", res)
	}
	want := []string{fmt.Sprintf("request:%d:reminder:1:2026-12-14", id), fmt.Sprintf("request:%d:reminder:3:2026-12-23", id),
		fmt.Sprintf("request:%d:reminder:1:2026-12-23", id)}
	if got := o.noticeKeys(id); !slices.Equal(got, want) {
		t.Errorf("notices %v, want %v", got, want)
	}
	mails := o.mailsTo(id, "reminder_officer")
	last := mails[len(mails)-1]
	if last.Recipient != "ppid.lain@uji.test" || last.Data["due_date"] != "2026-12-23" || last.Data["officer_name"] != "" {
		t.Errorf("after forwarding, the reminder went %+v", last)
	}
}

// watchBusyDay registers, for Tuesday 22 December 2026, 20 cases due on the 29th in the unit (3 officers
// each) and 20 in the PPID Utama (1 officer): 40 reminders, 80 mails; 30 cases due on Friday
// 18 December: 30 overdue notices at level 0, 30 requester mails, 90 escalation mails; 5 cases due
// Friday 4 December, 12 working days late and never seen: 5 overdue notices, 5 requester mails and
// one level-2 escalation each (15 mails).
func watchBusyDay(o *watchOffice) (want jobs.Result, notices, mails int) {
	o.t.Helper()
	for i := range 20 {
		id := o.request(watchDay(2026, 12, 29), "")
		o.forward(id, o.unit)
		o.assign(id, "petugas")
		o.request(watchDay(2026, 12, 29), fmt.Sprintf("r%d@contoh.id", i))
	}
	for i := range 30 {
		o.request(watchDay(2026, 12, 18), fmt.Sprintf("s%d@contoh.id", i))
	}
	for i := range 5 {
		o.request(watchDay(2026, 12, 4), fmt.Sprintf("t%d@contoh.id", i))
	}
	return jobs.Result{Reminders: 40, Escalations: 35, Notices: 35}, 40 + 30 + 5 + 5, 80 + 30 + 90 + 5 + 15
}

// outboxCount counts the mails the jobs queued (not the watchAccounts' invitations).
func (o *watchOffice) outboxCount() int {
	return o.count(`SELECT count(*) FROM outbox WHERE template NOT IN ('user_invited')`)
}

func (o *watchOffice) duplicateMails() int {
	return o.count(`SELECT count(*) FROM (SELECT 1 FROM outbox GROUP BY template, recipient, request_id, data->>'level', data->>'days_left'
		HAVING count(*) > 1) d`)
}

func TestDeadlineWatchTwiceAndConcurrentlySendsEachMailOnce(t *testing.T) {
	o := newWatchOffice(t, watchAt(2026, 12, 1))
	want, notices, mails := watchBusyDay(o)
	now := watchAt(2026, 12, 22)
	a, b := o.deadlineWatch(o.open()), o.deadlineWatch(o.open())
	var total jobs.Result
	for round := range 3 {
		var ra, rb jobs.Result
		var ea, eb error
		var wg sync.WaitGroup
		wg.Go(func() { ra, ea = a.Run(context.Background(), now.Add(time.Duration(round)*time.Minute)) })
		wg.Go(func() { rb, eb = b.Run(context.Background(), now.Add(time.Duration(round)*time.Minute)) })
		wg.Wait()
		if ea != nil || eb != nil {
			t.Fatal(ea, eb)
		}
		for _, r := range []jobs.Result{ra, rb} {
			total.Reminders, total.Escalations, total.Notices = total.Reminders+r.Reminders, total.Escalations+r.Escalations, total.Notices+r.Notices
		}
	}
	if total != want {
		t.Errorf("two instances together reported %+v, want %+v", total, want)
	}
	if n := o.count(`SELECT count(*) FROM case_notices`); n != notices {
		t.Errorf("%d notices, want %d", n, notices)
	}
	if n := o.outboxCount(); n != mails {
		t.Errorf("%d mails, want %d", n, mails)
	}
	if n := o.duplicateMails(); n != 0 {
		t.Errorf("%d mails queued twice", n)
	}
	if n := o.count(`SELECT count(*) FROM request_events WHERE kind = 'overdue'`); n != 35 {
		t.Errorf("%d overdue events, want 35", n)
	}
	before := o.snapshot()
	if res := o.runDeadlines(now.Add(time.Hour)); res != (jobs.Result{}) || o.snapshot() != before {
		t.Errorf("a later run did %+v", res)
	}
}

// Two schedulers (two runners on two connection pools) run the job at the same moment, three
// times: a run may be skipped because the other holds the lock, and the totals are those of one run.
func TestTwoRunnersRunTheDeadlineWatchOnce(t *testing.T) {
	o := newWatchOffice(t, watchAt(2026, 12, 1))
	want, notices, mails := watchBusyDay(o)
	now := func() time.Time { return watchAt(2026, 12, 22) }
	var runners []*jobs.Runner
	for _, name := range []string{"satu", "dua"} {
		s := o.open()
		r := jobs.NewRunner(s, name, now, quiet)
		r.Register("deadline-watch", o.deadlineWatch(s))
		runners = append(runners, r)
	}
	var mu sync.Mutex
	var total jobs.Result
	skipped := 0
	for range 3 {
		var wg sync.WaitGroup
		for _, r := range runners {
			wg.Go(func() {
				rep, err := r.RunOnce(context.Background(), "deadline-watch")
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					t.Error(err)
				}
				if rep.Skipped != "" {
					skipped++
				}
				total.Reminders, total.Escalations, total.Notices = total.Reminders+rep.Reminders, total.Escalations+rep.Escalations, total.Notices+rep.Notices
			})
		}
		wg.Wait()
	}
	if total != want {
		t.Errorf("runners reported %+v in total (%d runs skipped), want %+v", total, skipped, want)
	}
	if n := o.count(`SELECT count(*) FROM case_notices`); n != notices {
		t.Errorf("%d notices, want %d", n, notices)
	}
	if n := o.outboxCount(); n != mails {
		t.Errorf("%d mails, want %d", n, mails)
	}
	if n := o.duplicateMails(); n != 0 {
		t.Errorf("%d mails queued twice", n)
	}
	if n := o.count(`SELECT count(*) FROM job_runs WHERE job = 'deadline-watch' AND finished_at IS NOT NULL AND error = ''`); n != 6 {
		t.Errorf("%d recorded runs, want 6", n)
	}
}

// A backlog larger than one batch is handled completely in one run, batch after batch.
func TestALargeBacklogIsHandledInBatches(t *testing.T) {
	o := newWatchOffice(t, watchAt(2026, 12, 1))
	const n = 2345
	_, err := o.s.DB().Exec(`
		INSERT INTO requests (reg_year, reg_seq, registration_number, tracking_code_hash, channel, requester_kind,
			requester_name, nik_sealed, nik_lookup, address, phone, email, occupation, information, purpose,
			obtain_method, delivery_method, publish_consent, received_at, counting_from, response_due, due_date)
		SELECT 2025, g, 'B' || g, '\x00', 'web', 'perorangan', 'Pemohon ' || g, '\x00', '\x00', 'Jl. Uji', '0812',
			'p' || g || '@contoh.id', 'Guru', 'Informasi', 'Riset', 'softcopy', 'email', false,
			'2026-12-01 10:00+07', '2026-12-01', '2026-12-15', '2026-12-15'
		FROM generate_series(1, $1) g`, n)
	if err != nil {
		t.Fatal(err)
	}
	res := o.runDeadlines(watchAt(2026, 12, 16))
	if res.Handled != n || res.Escalations != n || res.Notices != n {
		t.Errorf("%+v, want all %d cases", res, n)
	}
	if got := o.count(`SELECT count(*) FROM requests WHERE overdue_since = '2026-12-16'`); got != n {
		t.Errorf("%d cases marked overdue, want %d", got, n)
	}
	if got := o.count(`SELECT count(*) FROM outbox WHERE template = 'overdue_requester'`); got != n {
		t.Errorf("%d requester mails, want %d", got, n)
	}
}

// The atasan PPID's 30 working days (UU 14/2008 Pasal 36(2)) on an objection filed Monday
// 16 March 2026 end Wednesday 6 May. The atasan are reminded on 30 April and 5 May; on Thursday
// 7 May the requester learns they may go to the Komisi Informasi until Wednesday 3 June
// (14 working days, Pasal 37(2), over Ascension, Iduladha and Pancasila Day).
func TestObjectionWatchRemindsTheAtasanAndTellsTheRequesterWhenItLapses(t *testing.T) {
	o := newWatchOffice(t, watchAt(2026, 3, 2))
	id := o.request(watchDay(2026, 3, 13), "siti@contoh.id")
	answered := o.request(watchDay(2026, 3, 13), "budi@contoh.id")
	o.set(watchAt(2026, 3, 16))
	filing := workflow.ObjectionFiling{Grounds: []string{"c"}, Reasons: "Permohonan saya tidak ditanggapi sampai batas waktu."}
	obj, _, err := o.cw.FileObjection(context.Background(), nil, id, filing, "web")
	if err != nil {
		t.Fatal(err)
	}
	if obj.ResponseDue != watchDay(2026, 5, 6) {
		t.Fatalf("objection due %v, want 6 May 2026", obj.ResponseDue)
	}
	other, _, err := o.cw.FileObjection(context.Background(), nil, answered, filing, "web")
	if err != nil {
		t.Fatal(err)
	}
	o.set(watchAt(2026, 4, 20))
	if _, err := o.cw.AnswerObjection(context.Background(), o.users["atasan"], answered, other.ID, workflow.ObjectionUpheld,
		"Informasi yang diminta dikecualikan."); err != nil {
		t.Fatal(err)
	}

	want := map[calendar.Date]jobs.Result{
		watchDay(2026, 4, 30): {Handled: 1, Reminders: 1, MailsQueued: 2},
		watchDay(2026, 5, 5):  {Handled: 1, Reminders: 1, MailsQueued: 2},
		watchDay(2026, 5, 7):  {Handled: 1, Escalations: 1, Notices: 1, MailsQueued: 2},
	}
	for d := watchDay(2026, 4, 28); !d.After(watchDay(2026, 5, 8)); d = d.AddDays(1) {
		if res := o.runObjections(watchAt(d.Year, d.Month, d.Day)); res != want[d] {
			t.Errorf("%s: %+v, want %+v", calendar.FormatIDLong(d), res, want[d])
		}
	}
	wantKeys := []string{fmt.Sprintf("objection:%d:reminder:3", obj.ID), fmt.Sprintf("objection:%d:reminder:1", obj.ID),
		fmt.Sprintf("objection:%d:lapsed", obj.ID)}
	if got := o.noticeKeys(id); !slices.Equal(got, wantKeys) {
		t.Errorf("notices %v, want %v", got, wantKeys)
	}
	if got := o.noticeKeys(answered); len(got) != 0 {
		t.Errorf("an answered objection got notices %v", got)
	}
	if got, want := o.recipients(id, "objection_reminder"), watchSorted("atasan.unit@uji.test", "atasan.unit@uji.test", "atasan@uji.test", "atasan@uji.test"); !slices.Equal(got, want) {
		t.Errorf("objection reminders to %v, want %v", got, want)
	}
	if got := o.recipients(id, "objection_escalation"); !slices.Equal(got, []string{"utama@uji.test"}) {
		t.Errorf("lapse escalated to %v, want the PPID Utama", got)
	}
	told := o.mailsTo(id, "objection_lapsed_requester")
	if len(told) != 1 || told[0].Recipient != "siti@contoh.id" || told[0].Data["dispute_deadline"] != "2026-06-02" {
		t.Fatalf("requester mails %+v", told)
	}
	msg := watchRender(t, told[0])
	for _, want := range []string{"Selasa, 2 Juni 2026", "Rabu, 6 Mei 2026", "Komisi Informasi", "14 hari kerja", obj.Number} {
		if !strings.Contains(msg.Subject+msg.Body, want) {
			t.Errorf("requester mail lacks %q:\n%s\n\n%s", want, msg.Subject, msg.Body)
		}
	}
	events, _ := o.s.Events(context.Background(), id, true)
	if last := events[len(events)-1]; last.Kind != "objection_lapsed" || !strings.Contains(last.Note, "2 Juni 2026") {
		t.Errorf("last public event %+v", last)
	}

	// Two more instances at once, then another run: nothing more.
	before := o.snapshot()
	var wg sync.WaitGroup
	for range 2 {
		s := o.open()
		wg.Go(func() {
			if res, err := o.objectionWatch(s).Run(context.Background(), watchAt(2026, 5, 7)); err != nil || res != (jobs.Result{}) {
				t.Errorf("repeat: %+v %v", res, err)
			}
		})
	}
	wg.Wait()
	if o.snapshot() != before {
		t.Error("a repeated run changed notices or mails")
	}
}

// Two instances reach the same lapsed objection at the same moment: one notice, one mail each.
func TestObjectionLapseConcurrentlyOnce(t *testing.T) {
	o := newWatchOffice(t, watchAt(2026, 3, 2))
	var ids []int64
	o.set(watchAt(2026, 3, 16))
	for i := range 12 {
		id := o.request(watchDay(2026, 3, 13), fmt.Sprintf("p%d@contoh.id", i))
		filing := workflow.ObjectionFiling{Grounds: []string{"c"}, Reasons: "Permohonan saya tidak ditanggapi sampai batas waktu."}
		if _, _, err := o.cw.FileObjection(context.Background(), nil, id, filing, "web"); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	var mu sync.Mutex
	var total jobs.Result
	var wg sync.WaitGroup
	for range 3 {
		s := o.open()
		wg.Go(func() {
			res, err := o.objectionWatch(s).Run(context.Background(), watchAt(2026, 5, 7))
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			total.Escalations, total.Notices = total.Escalations+res.Escalations, total.Notices+res.Notices
			mu.Unlock()
		})
	}
	wg.Wait()
	if total != (jobs.Result{Escalations: 12, Notices: 12}) {
		t.Errorf("instances reported %+v together", total)
	}
	if n := o.count(`SELECT count(*) FROM outbox WHERE template IN ('objection_lapsed_requester', 'objection_escalation')`); n != 24 {
		t.Errorf("%d mails, want 24", n)
	}
	if n := o.count(`SELECT count(*) FROM request_events WHERE kind = 'objection_lapsed'`); n != len(ids) {
		t.Errorf("%d lapse events, want %d", n, len(ids))
	}
}
