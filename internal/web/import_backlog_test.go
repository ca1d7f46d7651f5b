package web_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/numbering"
	"github.com/terbuka-id/terbuka/internal/officecalendar"
	"github.com/terbuka-id/terbuka/internal/registerimport"
	"github.com/terbuka-id/terbuka/internal/secret"
)

// importBacklog imports, as `terbuka import` does, three requests overdue on 27 November 2026 with
// no written notice: 001 (window closed, e-mail), 002 (window closed, no e-mail), 003 (window open).
func importBacklog(t *testing.T, app *testApp, now time.Time) {
	t.Helper()
	const header = "no_registrasi,tanggal_diterima,jenis_pemohon,nama,nik,alamat,telepon,email,pekerjaan,rincian_informasi,tujuan,cara_memperoleh,cara_mendapatkan"
	lines := []string{header,
		"001/LAMA/2026,2026-06-01 09:00,perorangan,Budi Santoso,1271021203850002,Jl. Uji 1,0812 2233 4455,budi@contoh.id,Guru,Data anggaran 2026,Riset,softcopy,email",
		"002/LAMA/2026,2026-06-02 09:00,perorangan,Ahmad Fauzi,3471052010880004,Jl. Uji 2,0812 2233 4455,,Guru,Data anggaran 2026,Riset,softcopy,ambil_langsung",
		"003/LAMA/2026,2026-10-20 09:00,perorangan,Rina Wulandari,3578106708920001,Jl. Uji 3,0812 2233 4455,rina@contoh.id,Guru,Data anggaran 2026,Riset,softcopy,email",
	}
	path := filepath.Join(t.TempDir(), "register.csv")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cal, err := officecalendar.Load(context.Background(), app.Store, calendar.Options{Location: jakarta, CutiBersamaIsHoliday: true})
	if err != nil {
		t.Fatal(err)
	}
	box, _ := secret.NewBox(bytes.Repeat([]byte{7}, 32))
	format, _ := numbering.Parse(numbering.DefaultPattern)
	svc := &intake.Service{Store: app.Store, Calendar: cal.Current, Box: box, Format: format, Now: func() time.Time { return now }}
	rows, rowErrs, err := registerimport.Parse(path, jakarta, now)
	if err != nil || len(rowErrs) > 0 {
		t.Fatalf("register: %v %v", err, rowErrs)
	}
	if _, rowErrs, err := svc.Import(context.Background(), rows); err != nil || len(rowErrs) > 0 {
		t.Fatalf("import: %v %v", err, rowErrs)
	}
}

// backlogCount reads one count of the import page (data-count="…").
func backlogCount(page, name string) string {
	_, rest, ok := strings.Cut(page, `data-count="`+name+`">`)
	if !ok {
		return "?"
	}
	n, _, _ := strings.Cut(rest, "<")
	return n
}

func TestImportPageNotifiesEachUntoldRequesterOnceEvenWhenPressedTwiceAtOnce(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta)
	app := newApp(t, now)
	importBacklog(t, app, now)
	a := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	b := signIn(t, app, "ppid2@uji.test", "ppid", "rahasia-ppid2")

	page := a.get("/kantor/impor")
	if backlogCount(page, "closed") != "2" || backlogCount(page, "closed-no-email") != "1" || backlogCount(page, "open") != "1" ||
		!strings.Contains(page, "002/LAMA/2026") {
		t.Fatalf("import page counts: closed %s/%s open %s", backlogCount(page, "closed"), backlogCount(page, "closed-no-email"), backlogCount(page, "open"))
	}

	// Both PPIDs press the button at the same moment.
	var wg sync.WaitGroup
	statuses := make([]int, 2)
	for i, o := range []*officer{a, b} {
		form := url.Values{"csrf_token": {csrfFrom(t, o.c, app.URL+"/kantor/impor")}}
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := o.c.PostForm(app.URL+"/kantor/impor/beri-tahu", form)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			statuses[i] = resp.StatusCode
		}()
	}
	wg.Wait()
	if statuses[0] != http.StatusSeeOther || statuses[1] != http.StatusSeeOther {
		t.Fatalf("statuses %v", statuses)
	}
	for _, r := range []string{"budi@contoh.id", "rina@contoh.id"} {
		if n := count(t, app, `SELECT count(*) FROM outbox WHERE template = 'imported_overdue_requester' AND recipient = $1`, r); n != 1 {
			t.Errorf("%s: %d mails, want 1", r, n)
		}
	}
	if n := count(t, app, `SELECT count(*) FROM outbox WHERE template = 'imported_overdue_requester'`); n != 2 {
		t.Errorf("%d mails in all, want 2 (the requester without e-mail gets none)", n)
	}
	if n := count(t, app, `SELECT count(*) FROM case_notices`); n != 2 {
		t.Errorf("%d notices, want 2", n)
	}

	// A third press queues nothing and says who is left to reach by letter or telephone.
	_, flash, page := a.post("/kantor/impor/beri-tahu", url.Values{})
	if !strings.Contains(flash, "Tidak ada e-mail baru") || !strings.Contains(flash, "1 pemohon tanpa alamat e-mail") {
		t.Errorf("third press flash %q", flash)
	}
	if backlogCount(page, "told") != "2" || backlogCount(page, "closed") != "1" || backlogCount(page, "open") != "0" {
		t.Errorf("after notifying: told %s closed %s open %s", backlogCount(page, "told"), backlogCount(page, "closed"), backlogCount(page, "open"))
	}
}

func TestImportPageKeepsToTheUnitAndToThePPID(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta)
	app := newApp(t, now)
	importBacklog(t, app, now)
	unit := addUnit(t, app, "Dinas Pendidikan")
	app.Store.DB().MustExec(`UPDATE requests SET unit_id = $1 WHERE registration_number = '003/LAMA/2026'`, unit)
	unitPPID := signInUnit(t, app, "ppid-dinas@uji.test", "ppid", unit)

	page := unitPPID.get("/kantor/impor")
	if backlogCount(page, "open") != "1" || backlogCount(page, "closed") != "0" || strings.Contains(page, "001/LAMA/2026") {
		t.Fatalf("unit page: open %s closed %s", backlogCount(page, "open"), backlogCount(page, "closed"))
	}
	if _, flash, _ := unitPPID.post("/kantor/impor/beri-tahu", url.Values{}); !strings.Contains(flash, "1 e-mail") {
		t.Errorf("unit flash %q", flash)
	}
	got := fmt.Sprint(count(t, app, `SELECT count(*) FROM outbox WHERE template = 'imported_overdue_requester' AND recipient = 'rina@contoh.id'`),
		count(t, app, `SELECT count(*) FROM outbox WHERE template = 'imported_overdue_requester'`))
	if got != "1 1" {
		t.Errorf("unit PPID queued %s mails (theirs, all), want 1 1", got)
	}

	petugas := signIn(t, app, "petugas@uji.test", "petugas", "rahasia-petugas")
	if s := petugas.status("/kantor/impor"); s != http.StatusForbidden {
		t.Errorf("petugas GET /kantor/impor: %d", s)
	}
}
