package jobs_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/jobs"
	"github.com/terbuka-id/terbuka/internal/mailtext"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

var _ jobs.Job = jobs.Digest{}

// listed returns the registration numbers a digest mail lists, in order.
func digestListed(m store.Mail) []string {
	var regs []string
	cases, _ := m.Data["cases"].([]any)
	for _, c := range cases {
		regs = append(regs, fmt.Sprint(c.(map[string]any)["registration_number"]))
	}
	return regs
}

func TestDigestOncePerOfficerPerDay(t *testing.T) {
	f := newDigestFixture(t)
	unit, err := f.store.CreateUnit(f.ctx, "Dinas Pendidikan")
	f.must(err)
	const utama = 1
	a := f.user("a@uji.test", "petugas", unit)
	b := f.user("b@uji.test", "petugas", unit)
	gone := f.user("gone@uji.test", "petugas", unit)
	ppid := f.user("ppid.pendidikan@uji.test", "ppid", unit)
	chief := f.user("ppid.utama@uji.test", "ppid", utama)
	f.user("atasan@uji.test", "atasan", utama)

	// Received Monday 2 November: due Monday 16 November, overdue on the 25th. Received Monday
	// 16 November: due Monday 30 November, the third working day after the 25th. Received
	// Tuesday 24 November: due Tuesday 8 December, not yet due soon.
	overdue, overdueNo := f.submit(f.at(11, 2, 9))
	_, unassignedMainNo := f.submit(f.at(11, 2, 9))
	soon, soonNo := f.submit(f.at(11, 16, 9))
	decided, _ := f.submit(f.at(11, 16, 9))
	unassigned, unassignedNo := f.submit(f.at(11, 16, 9))
	orphaned, orphanedNo := f.submit(f.at(11, 16, 9))
	far, _ := f.submit(f.at(11, 24, 9))

	f.clock = f.at(11, 24, 11)
	for _, id := range []int64{overdue, soon, decided, unassigned, orphaned, far} {
		f.must(f.casework.Forward(f.ctx, chief, id, unit))
	}
	f.must(f.casework.Assign(f.ctx, chief, overdue, a.ID))
	f.must(f.casework.Assign(f.ctx, chief, soon, a.ID))
	f.must(f.casework.Assign(f.ctx, chief, decided, b.ID))
	f.must(f.casework.Assign(f.ctx, chief, far, b.ID))
	f.must(f.casework.Assign(f.ctx, chief, orphaned, gone.ID))
	f.must(f.store.SetUserActive(f.ctx, gone.ID, false)) // its case falls back to the unit's PPID
	if errs, err := f.casework.Decide(f.ctx, chief, decided, workflow.Decision{Kind: "dikabulkan", NoticeAt: f.clock,
		InformationGiven: "Rekap anggaran", Form: "softcopy", Cost: "Tanpa biaya", DeliveryTime: "Hari ini"}); err != nil {
		t.Fatal(err, errs)
	}

	job := jobs.Digest{Store: f.store, Calendar: f.calendar.Current, SoonDays: 3, BaseURL: "http://uji.test", OfficeName: "PPID Uji"}
	day1 := f.at(11, 25, 7) // Wednesday
	res, err := job.Run(f.ctx, day1)
	if err != nil || res.Notices != 3 {
		t.Fatalf("first run: %+v %v, want 3 digests", res, err)
	}
	got := f.digests()
	want := map[string][]string{
		a.Email:     {overdueNo, soonNo},
		ppid.Email:  {unassignedNo, orphanedNo},
		chief.Email: {unassignedMainNo, unassignedNo, orphanedNo},
	}
	if len(got) != len(want) {
		t.Errorf("digests to %v, want %d (none for b, the deactivated officer or the atasan)", digestRecipients(got), len(want))
	}
	for who, regs := range want {
		if len(got[who]) != 1 || !slices.Equal(digestListed(got[who][0]), regs) {
			t.Errorf("%s: %d digests listing %v, want one listing %v", who, len(got[who]), digestListedAll(got[who]), regs)
		}
	}

	// A's mail as the officer reads it: both cases, the late one marked, each with its link.
	m := got[a.Email][0]
	if m.Data["count"] != float64(2) || m.Data["overdue_count"] != float64(1) || m.Data["date"] != "2026-11-25" || m.Data["name"] != a.Name {
		t.Errorf("digest data %v", m.Data)
	}
	r, err := mailtext.New()
	f.must(err)
	msg, err := r.Render(m.Template, m.Data)
	f.must(err)
	for _, s := range []string{overdueNo + " (Diproses, lewat waktu), batas waktu Senin, 16 November 2026",
		fmt.Sprintf("http://uji.test/kantor/permohonan/%d", overdue), soonNo + " (Diproses), batas waktu Senin, 30 November 2026",
		fmt.Sprintf("http://uji.test/kantor/permohonan/%d", soon), "Yth. a@uji.test", "PPID Uji"} {
		if !strings.Contains(msg.Body, s) {
			t.Errorf("body lacks %q:\n%s", s, msg.Body)
		}
	}
	if !strings.Contains(msg.Subject, "Rabu, 25 November 2026") || strings.Contains(msg.Body, "<no value>") {
		t.Errorf("message %+v", msg)
	}
	var key string
	f.must(f.store.DB().GetContext(f.ctx, &key, `SELECT key FROM case_notices WHERE user_id = $1`, a.ID))
	if key != fmt.Sprintf("digest:%d:2026-11-25", a.ID) {
		t.Errorf("notice key %q", key)
	}

	// Later the same day: nothing new.
	if res, err := job.Run(f.ctx, day1.Add(9*time.Hour)); err != nil || res.Notices != 0 {
		t.Errorf("second run the same day: %+v %v", res, err)
	}
	// The next day, again; on Saturday, nobody is at the office to act on it.
	if res, err := job.Run(f.ctx, f.at(11, 26, 7)); err != nil || res.Notices != 3 {
		t.Errorf("next day: %+v %v, want 3", res, err)
	}
	if res, err := job.Run(f.ctx, f.at(11, 28, 7)); err != nil || res.Notices != 0 {
		t.Errorf("Saturday: %+v %v, want none", res, err)
	}
	got = f.digests()
	if len(got[a.Email]) != 2 || len(got[ppid.Email]) != 2 || len(got[chief.Email]) != 2 || len(got[b.Email]) != 0 {
		t.Errorf("after two days: %v", got)
	}
	var notices int
	f.must(f.store.DB().GetContext(f.ctx, &notices, `SELECT count(*) FROM case_notices WHERE kind = 'digest'`))
	if notices != 6 {
		t.Errorf("%d digest notices, want 6", notices)
	}
}

// The local day decides: 23:30 UTC on the 25th is already the 26th in Jakarta.
func TestDigestDayIsTheOfficesLocalDay(t *testing.T) {
	f := newDigestFixture(t)
	officer := f.user("a@uji.test", "petugas", 1)
	chief := f.user("ppid@uji.test", "ppid", 1)
	id, _ := f.submit(f.at(11, 2, 9))
	f.clock = f.at(11, 3, 9)
	f.must(f.casework.Assign(f.ctx, chief, id, officer.ID))
	job := jobs.Digest{Store: f.store, Calendar: f.calendar.Current, BaseURL: "http://uji.test", OfficeName: "PPID Uji"}
	if res, err := job.Run(f.ctx, time.Date(2026, 11, 25, 23, 30, 0, 0, time.UTC)); err != nil || res.Notices != 1 {
		t.Fatalf("run: %+v %v", res, err)
	}
	if res, err := job.Run(f.ctx, f.at(11, 26, 7)); err != nil || res.Notices != 0 {
		t.Errorf("same local day again: %+v %v", res, err)
	}
	if m := f.digests()[officer.Email]; len(m) != 1 || m[0].Data["date"] != "2026-11-26" {
		t.Errorf("digests %v", m)
	}
}

func digestRecipients(m map[string][]store.Mail) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func digestListedAll(ms []store.Mail) [][]string {
	var out [][]string
	for _, m := range ms {
		out = append(out, digestListed(m))
	}
	return out
}
