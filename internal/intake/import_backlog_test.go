package intake_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/jobs"
	"github.com/terbuka-id/terbuka/internal/numbering"
	"github.com/terbuka-id/terbuka/internal/registerimport"
	"github.com/terbuka-id/terbuka/internal/store"
)

// backlogRegister writes a register of the columns of docs/contoh-register.csv. On 27 November 2026:
// 001 and 002 were due in June (objection window closed), 002 without an e-mail address; 003 was
// due early in November (window open); 004 is not yet due; 005 was answered in June.
func backlogRegister(t *testing.T) string {
	t.Helper()
	const header = "no_registrasi,tanggal_diterima,jenis_pemohon,nama,nik,alamat,telepon,email,pekerjaan,rincian_informasi,tujuan,cara_memperoleh,cara_mendapatkan,keputusan,tanggal_pemberitahuan"
	row := func(no, received, name, nik, email, delivery, decision, notice string) string {
		return fmt.Sprintf("%s,%s,perorangan,%s,%s,Jl. Uji 1,0812 2233 4455,%s,Guru,Data anggaran sekolah 2026,Riset,softcopy,%s,%s,%s",
			no, received, name, nik, email, delivery, decision, notice)
	}
	lines := []string{header,
		row("001/LAMA/2026", "2026-06-01 09:00", "Budi Santoso", "1271021203850002", "budi@contoh.id", "email", "", ""),
		row("002/LAMA/2026", "2026-06-02 09:00", "Ahmad Fauzi", "3471052010880004", "", "ambil_langsung", "", ""),
		row("003/LAMA/2026", "2026-10-20 09:00", "Rina Wulandari", "3578106708920001", "rina@contoh.id", "email", "", ""),
		row("004/LAMA/2026", "2026-11-20 09:00", "Maria Ulfa", "6171014101950005", "maria@contoh.id", "email", "", ""),
		row("005/LAMA/2026", "2026-06-03 09:00", "Siti Aminah", "3273014507900003", "siti@contoh.id", "email", "dikabulkan", "2026-06-10"),
	}
	path := filepath.Join(t.TempDir(), "register.csv")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func importBacklogRegister(t *testing.T, svc *intake.Service, now time.Time) intake.ImportSummary {
	t.Helper()
	rows, rowErrs, err := registerimport.Parse(backlogRegister(t), jakarta, now)
	if err != nil || len(rowErrs) > 0 {
		t.Fatalf("register: %v %v", err, rowErrs)
	}
	sum, rowErrs, err := svc.Import(context.Background(), rows)
	if err != nil || len(rowErrs) > 0 {
		t.Fatalf("import: %v %v", err, rowErrs)
	}
	return sum
}

var mainPPID = &store.User{ID: 1, Name: "Rina PPID", Email: "ppid@uji.test", Role: access.PPID, UnitKind: "utama"}

func lapseMails(t *testing.T, svc *intake.Service) map[string]int {
	t.Helper()
	var rows []struct {
		Recipient string `db:"recipient"`
		Template  string `db:"template"`
	}
	if err := svc.Store.DB().Select(&rows, `SELECT recipient, template FROM outbox WHERE template IN ('overdue_requester', 'imported_overdue_requester')`); err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.Recipient+" "+r.Template]++
	}
	return out
}

func TestImportCountsOverdueCasesWhoseRequestersWereNeverTold(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta)
	svc := newService(t, numbering.DefaultPattern, now)
	sum := importBacklogRegister(t, svc, now)
	want := intake.BacklogCounts{Closed: 2, ClosedNoEmail: 1, Open: 1}
	if sum.Imported != 5 || sum.Backlog != want {
		t.Fatalf("summary %+v, want 5 imported and backlog %+v", sum, want)
	}
	b, err := svc.ImportBacklog(context.Background(), access.Everything)
	if err != nil {
		t.Fatal(err)
	}
	if b.Counts != want || b.Told != 0 || len(b.Cases) != 3 {
		t.Fatalf("backlog %+v, want %+v", b, want)
	}
	// The window of 003 runs 30 working days from its lapsed due day (Pasal 36(1)).
	for _, c := range b.Cases {
		if c.RegistrationNumber == "003/LAMA/2026" && (!c.Open || !c.Window.Due.After(calendar.DateOf(now))) {
			t.Errorf("003: window %v open %v", c.Window.Due, c.Open)
		}
	}
}

// Two PPIDs pressing at once queue each mail once; a requester without e-mail is counted but gets
// nothing; the deadline watch, running afterwards, tells nobody a second time.
func TestNotifyingTheBacklogTwiceAtOnceQueuesEachMailOnce(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta)
	svc := newService(t, numbering.DefaultPattern, now)
	importBacklogRegister(t, svc, now)
	ctx := context.Background()

	var wg sync.WaitGroup
	results := make([]intake.BacklogNotified, 2)
	errs := make([]error, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = svc.NotifyImportBacklog(ctx, mainPPID)
		}()
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil {
		t.Fatal(errs)
	}
	if got := results[0].Mails + results[1].Mails; got != 2 {
		t.Errorf("mails queued %+v, want 2 in all", results)
	}
	want := map[string]int{"budi@contoh.id imported_overdue_requester": 1, "rina@contoh.id imported_overdue_requester": 1}
	if got := lapseMails(t, svc); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("mails %v, want %v", got, want)
	}
	var mail struct {
		Data string `db:"data"`
	}
	svc.Store.DB().Get(&mail, `SELECT data::text FROM outbox WHERE recipient = 'budi@contoh.id'`)
	for _, w := range []string{`"window_open": false`, `"due_date": "2026-06-17"`, `"ppid_email": "ppid@uji.test"`} {
		if !strings.Contains(mail.Data, w) {
			t.Errorf("mail data %s lacks %s", mail.Data, w)
		}
	}

	b, err := svc.ImportBacklog(ctx, access.Everything)
	if err != nil {
		t.Fatal(err)
	}
	if b.Told != 2 || b.Counts != (intake.BacklogCounts{Closed: 1, ClosedNoEmail: 1}) {
		t.Errorf("after notifying: %+v", b)
	}
	again, err := svc.NotifyImportBacklog(ctx, mainPPID)
	if err != nil || again.Mails != 0 || again.WithoutEmail != 1 {
		t.Errorf("third press: %+v %v", again, err)
	}

	watch := jobs.DeadlineWatch{Store: svc.Store, Calendar: svc.Calendar, BaseURL: "http://uji.test", OfficeName: "PPID Uji"}
	if _, err := watch.Run(ctx, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got := lapseMails(t, svc); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("after the deadline watch: mails %v, want %v", got, want)
	}
}

// After the deadline watch has marked the imported cases overdue — telling only the requester whose
// window still runs — the PPID tells the rest, under a key of their own.
func TestNotifyingAfterTheDeadlineWatchTellsOnlyWhomItDidNot(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta)
	svc := newService(t, numbering.DefaultPattern, now)
	importBacklogRegister(t, svc, now)
	ctx := context.Background()
	watch := jobs.DeadlineWatch{Store: svc.Store, Calendar: svc.Calendar, BaseURL: "http://uji.test", OfficeName: "PPID Uji"}
	if _, err := watch.Run(ctx, now); err != nil {
		t.Fatal(err)
	}
	if got := lapseMails(t, svc); fmt.Sprint(got) != fmt.Sprint(map[string]int{"rina@contoh.id overdue_requester": 1}) {
		t.Fatalf("the watch told %v", got)
	}
	b, err := svc.ImportBacklog(ctx, access.Everything)
	if err != nil || b.Told != 1 || b.Counts != (intake.BacklogCounts{Closed: 2, ClosedNoEmail: 1}) {
		t.Fatalf("backlog after the watch: %+v %v", b, err)
	}
	res, err := svc.NotifyImportBacklog(ctx, mainPPID)
	if err != nil || res.Mails != 1 || res.WithoutEmail != 1 {
		t.Fatalf("notify: %+v %v", res, err)
	}
	var keys []string
	svc.Store.DB().Select(&keys, `SELECT key FROM case_notices WHERE kind = 'backlog'`)
	if len(keys) != 1 || !strings.HasSuffix(keys[0], ":backlog") {
		t.Errorf("backlog keys %v", keys)
	}
	petugas := &store.User{Role: access.Petugas, UnitKind: "utama"}
	if _, err := svc.NotifyImportBacklog(ctx, petugas); err != intake.ErrForbidden {
		t.Errorf("petugas: %v", err)
	}
}

// A PPID of a PPID Pelaksana sees and tells only their own unit's cases; the scope is in the SQL.
func TestUnitPPIDNotifiesOnlyTheirUnitsBacklog(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta)
	svc := newService(t, numbering.DefaultPattern, now)
	importBacklogRegister(t, svc, now)
	ctx := context.Background()
	db := svc.Store.DB()
	var unit int64
	if err := db.Get(&unit, `INSERT INTO units (name, kind) VALUES ('Dinas Pendidikan', 'pelaksana') RETURNING id`); err != nil {
		t.Fatal(err)
	}
	db.MustExec(`UPDATE requests SET unit_id = $1 WHERE registration_number = '003/LAMA/2026'`, unit)
	unitPPID := &store.User{ID: 2, Name: "PPID Dinas", Email: "dinas@uji.test", Role: access.PPID, UnitID: unit, UnitKind: "pelaksana"}

	b, err := svc.ImportBacklog(ctx, unitPPID.Scope())
	if err != nil || b.Counts != (intake.BacklogCounts{Open: 1}) || len(b.Cases) != 1 || b.Cases[0].RegistrationNumber != "003/LAMA/2026" {
		t.Fatalf("unit backlog %+v %v", b, err)
	}
	res, err := svc.NotifyImportBacklog(ctx, unitPPID)
	if err != nil || res.Mails != 1 || res.WithoutEmail != 0 {
		t.Fatalf("unit notify %+v %v", res, err)
	}
	want := map[string]int{"rina@contoh.id imported_overdue_requester": 1}
	if got := lapseMails(t, svc); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("mails %v, want %v", got, want)
	}
	// The main unit's PPID still finds the other unit's untold cases.
	b, _ = svc.ImportBacklog(ctx, mainPPID.Scope())
	if b.Counts != (intake.BacklogCounts{Closed: 2, ClosedNoEmail: 1}) || b.Told != 1 {
		t.Errorf("main backlog %+v", b)
	}
}
