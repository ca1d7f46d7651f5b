package web_test

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/app"
	"github.com/terbuka-id/terbuka/internal/performance"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

// evaluationOffice is a small office worked by hand in 2025 and 2026, all in the PPID Utama:
//
//	2025  c0  Ani grants on time (1 working day)
//	2026  c1  Ani grants on time: 2 working days (Mon 2 → Wed 4 November)
//	      c2  Ani extends (due 25 November), grants on 27 November: 19 working days, late
//	      c3  Budi refuses on time (3 working days); the requester objects, the atasan overturns
//	      c4  assigned to Citra (petugas), never answered: overdue since 16 November
//	      c6  Budi refuses on time (3 working days); the atasan upholds the objection; the Komisi
//	          Informasi rules the information open: a dispute Budi lost
//
// plus one request of a PPID Pelaksana (Dinas Kesehatan), answered on time by its own PPID, Dewi.
// The clock then stands on Tuesday 1 December 2026.
type evaluationOffice struct {
	app                      *testApp
	a                        *app.App
	ani, budi, atasan, citra *officer
	dewi, atasanDinkes       *officer
	unit                     string
}

func newEvaluationOffice(t *testing.T) *evaluationOffice {
	t.Helper()
	ta, a := startApp(t, testdb.Store(t), time.Date(2025, 11, 3, 9, 0, 0, 0, jakarta), nil)
	o := &evaluationOffice{app: ta, a: a}
	o.ani = signIn(t, ta, "ani@uji.test", "ppid", "rahasia-ani")
	o.budi = signIn(t, ta, "budi@uji.test", "ppid", "rahasia-budi")
	o.atasan = signIn(t, ta, "atasan@uji.test", "atasan", "rahasia-atasan")
	o.citra = signIn(t, ta, "citra@uji.test", "petugas", "rahasia-citra")
	o.unit = addUnit(t, ta, "PPID Pelaksana Dinas Kesehatan")
	o.dewi = signInUnit(t, ta, "dewi@uji.test", "ppid", o.unit)
	o.atasanDinkes = signInUnit(t, ta, "atasan.dinkes@uji.test", "atasan", o.unit)
	for email, name := range map[string]string{"ani@uji.test": "Ani Wijaya", "budi@uji.test": "Budi Hartono",
		"citra@uji.test": "Citra Lestari", "dewi@uji.test": "Dewi Anggraini", "atasan@uji.test": "Atasan Utama"} {
		ta.Store.DB().MustExec(`UPDATE users SET name = $1 WHERE email = $2`, name, email)
	}
	api := func(path string) string { return strings.Replace(path, "/kantor/", "/api/v1/kantor/", 1) }
	grant := func(who *officer, path, at string) {
		t.Helper()
		if st, out := who.postJSON(api(path)+"/decide", map[string]any{"kind": "dikabulkan", "notice_at": at,
			"information_given": "Rekap", "form": "softcopy", "cost": "Tanpa biaya", "delivery_time": "Hari ini"}); st != 200 {
			t.Fatalf("grant %s: %d %v", path, st, out)
		}
	}
	c0, _, _ := submitViaAPI(t, ta)
	ta.Clock.Set(time.Date(2025, 11, 4, 10, 0, 0, 0, jakarta))
	grant(o.ani, c0, "2025-11-04T10:00:00+07:00")

	// Monday 2 November 2026, 09:00 WIB: due Monday 16 November.
	ta.Clock.Set(time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	c1, _, _ := submitViaAPI(t, ta)
	c2, _, _ := submitViaAPI(t, ta)
	c3, number3, code3 := submitViaAPI(t, ta)
	c4, _, _ := submitViaAPI(t, ta)
	c5, _, _ := submitViaAPI(t, ta)
	c6, number6, code6 := submitViaAPI(t, ta)
	if st, _, _ := o.budi.post(c5+"/teruskan", url.Values{"unit_id": {o.unit}}); st != http.StatusSeeOther {
		t.Fatalf("forward: %d", st)
	}
	citraID := idOf(t, ta, `SELECT id::text FROM users WHERE email = 'citra@uji.test'`)
	if st, out := o.budi.postJSON(api(c4)+"/assign", map[string]any{"officer_id": json.Number(citraID)}); st != 200 {
		t.Fatalf("assign: %d %v", st, out)
	}
	if st, out := o.ani.postJSON(api(c2)+"/extend", map[string]any{"reason": "Dokumen tersebar di tiga bidang."}); st != 200 {
		t.Fatalf("extend: %d %v", st, out)
	}
	ta.Clock.Set(time.Date(2026, 11, 4, 10, 0, 0, 0, jakarta))
	grant(o.ani, c1, "2026-11-04T10:00:00+07:00")
	grant(o.dewi, c5, "2026-11-04T10:00:00+07:00")
	ta.Clock.Set(time.Date(2026, 11, 5, 10, 0, 0, 0, jakarta))
	for _, c := range []string{c3, c6} {
		if st, _, page := o.budi.post(c+"/putuskan", refusalOn("2026-11-05")); st != http.StatusSeeOther {
			t.Fatalf("refusal: %d %v", st, fieldErrors(page))
		}
	}
	ta.Clock.Set(time.Date(2026, 11, 6, 10, 0, 0, 0, jakarta))
	for c, nc := range map[string][2]string{c3: {number3, code3}, c6: {number6, code6}} {
		if resp, out := postJSON(t, ta.URL+"/api/v1/objections", map[string]any{"registration_number": nc[0], "tracking_code": nc[1],
			"grounds": []string{"a"}, "reasons": "Data yang saya minta bukan data pribadi."}); resp.StatusCode != http.StatusCreated {
			t.Fatalf("objection on %s: %d %v", c, resp.StatusCode, out)
		}
	}
	for c, outcome := range map[string]string{c3: "dibatalkan", c6: "dikuatkan"} {
		oid := idOf(t, ta, `SELECT id::text FROM objections WHERE request_id = $1`, caseIDOf(c))
		if st, _, _ := o.atasan.post(c+"/keberatan/"+oid+"/tanggapan", url.Values{"outcome": {outcome},
			"answer": {"Jawaban atasan PPID dengan alasannya."}}); st != http.StatusSeeOther {
			t.Fatalf("answer: %d", st)
		}
	}
	// The overturned refusal is answered again on time, so only c4 is overdue at the end.
	ta.Clock.Set(time.Date(2026, 11, 9, 10, 0, 0, 0, jakarta))
	grant(o.budi, c3, "2026-11-09T10:00:00+07:00")
	ta.Clock.Set(time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta))
	grant(o.ani, c2, "2026-11-27T10:00:00+07:00")
	if st, _, page := o.budi.post(c6+"/sengketa", url.Values{"ki_number": {"009/XI/KI-Jabar-PS/2026"}, "ki_received": {"2026-11-16"},
		"adjudication_date": {"2026-11-20"}, "outcome_kind": {"ajudikasi"}, "ruling_date": {"2026-11-25"},
		"ruling_code": {"dibuka"}, "ruling": {"Informasi dinyatakan terbuka."}}); st != http.StatusSeeOther {
		t.Fatalf("dispute: %d %v", st, fieldErrors(page))
	}
	ta.Clock.Set(time.Date(2026, 12, 1, 10, 0, 0, 0, jakarta))
	return o
}

func (o *evaluationOffice) user(t *testing.T, email string) *store.User {
	t.Helper()
	var id int64
	if err := o.app.Store.DB().Get(&id, `SELECT id FROM users WHERE email = $1`, email); err != nil {
		t.Fatal(err)
	}
	u, err := o.app.Store.UserByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func lineNamed(ls []performance.Line, name string) *performance.Line {
	for i := range ls {
		if ls[i].Name == name {
			return &ls[i]
		}
	}
	return nil
}

func ptr(f float64) *float64 { return &f }

func sameFloat(a, b *float64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

// The evaluation's figures per officer and per unit, against the hand-built year above.
func TestEvaluationFiguresPerOfficerAndUnit(t *testing.T) {
	t.Parallel()
	o := newEvaluationOffice(t)
	ev, err := o.a.Performance.Evaluation(context.Background(), o.user(t, "atasan@uji.test"), 2026)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]performance.Figures{
		// c1 (2 days, on time) and c2 (19 days, late, extended by her): median 10.5, half on time.
		"Ani Wijaya": {Handled: 2, NoticesOnTime: 1, NoticesLate: 1, OnTimeRate: ptr(0.5), MedianDays: ptr(10.5), Extensions: 1},
		// c3 and c6: refused on time after 3 days, both objected to, one overturned, one dispute lost.
		"Budi Hartono": {Handled: 2, NoticesOnTime: 2, OnTimeRate: ptr(1), MedianDays: ptr(3), Objections: 2, Overturned: 1, DisputesLost: 1},
		// c4: assigned, never answered, overdue today.
		"Citra Lestari":  {Handled: 1, OverdueUnanswered: 1, OnTimeRate: ptr(0), OverdueNow: 1},
		"Dewi Anggraini": {Handled: 1, NoticesOnTime: 1, OnTimeRate: ptr(1), MedianDays: ptr(2)},
	}
	if len(ev.Officers) != len(want) {
		t.Errorf("officers: %+v", ev.Officers)
	}
	for name, w := range want {
		l := lineNamed(ev.Officers, name)
		if l == nil {
			t.Errorf("%s is missing", name)
			continue
		}
		g := l.Current
		if !sameFloat(g.OnTimeRate, w.OnTimeRate) || !sameFloat(g.MedianDays, w.MedianDays) {
			t.Errorf("%s: rate %v, median %v; want %v, %v", name, deref(g.OnTimeRate), deref(g.MedianDays), deref(w.OnTimeRate), deref(w.MedianDays))
		}
		g.OnTimeRate, g.MedianDays, w.OnTimeRate, w.MedianDays = nil, nil, nil, nil
		if g != w {
			t.Errorf("%s: %+v, want %+v", name, g, w)
		}
	}
	if ani := lineNamed(ev.Officers, "Ani Wijaya"); ani == nil || ani.Previous.Handled != 1 || ani.Previous.NoticesOnTime != 1 {
		t.Errorf("Ani's 2025: %+v", ani)
	}
	utama := lineNamed(ev.Units, "PPID Utama")
	if utama == nil || len(ev.Units) != 2 {
		t.Fatalf("units: %+v", ev.Units)
	}
	// The unit's five cases: 3 on time of 3 + 1 late + 1 overdue; the median of 2, 3, 3 and 19 days.
	u := utama.Current
	if u.Handled != 5 || u.NoticesOnTime != 3 || u.NoticesLate != 1 || u.OverdueUnanswered != 1 || *u.OnTimeRate != 0.6 ||
		*u.MedianDays != 3 || u.Extensions != 1 || u.OverdueNow != 1 || u.Objections != 2 || u.Overturned != 1 || u.DisputesLost != 1 ||
		utama.Previous.Handled != 1 {
		t.Errorf("PPID Utama: %+v (rate %v, median %v), previous %+v", u, deref(u.OnTimeRate), deref(u.MedianDays), utama.Previous)
	}
	// The SKM is wired (app.New) but nobody answered it in 2026: no IKM to show.
	if !ev.SurveyAvailable || utama.Survey != nil {
		t.Errorf("IKM without survey answers: available %v, %+v", ev.SurveyAvailable, utama.Survey)
	}

	page := html.UnescapeString(o.atasan.get("/kantor/evaluasi?tahun=2026"))
	for _, s := range []string{"Ani Wijaya", "Citra Lestari", "Dinas Kesehatan", "10,5", "+1", "Belum ada data survei"} {
		if !strings.Contains(page, s) {
			t.Errorf("the evaluation page lacks %q", s)
		}
	}
	resp, err := o.atasan.c.Get(o.app.URL + "/kantor/evaluasi.xlsx?tahun=2026")
	if err != nil {
		t.Fatal(err)
	}
	if body := readBody(t, resp); resp.StatusCode != 200 || !strings.HasPrefix(body, "PK") || resp.Header.Get("Cache-Control") == "" {
		t.Errorf("xlsx: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

func deref(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

// Who sees what: the atasan of a PPID Pelaksana their unit alone, an officer only their own
// figures, the public the units and never an officer; notes are the atasan's, kept, never public.
func TestEvaluationScopeOwnFiguresNotesAndThePublicTable(t *testing.T) {
	t.Parallel()
	o := newEvaluationOffice(t)
	ctx := context.Background()

	ev, err := o.a.Performance.Evaluation(ctx, o.user(t, "atasan.dinkes@uji.test"), 2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Units) != 1 || ev.Units[0].Name != "PPID Pelaksana Dinas Kesehatan" || len(ev.Officers) != 1 || ev.Officers[0].Name != "Dewi Anggraini" {
		t.Errorf("a PPID Pelaksana's atasan sees %+v / %+v", ev.Units, ev.Officers)
	}
	if page := o.atasanDinkes.get("/kantor/evaluasi?tahun=2026"); strings.Contains(page, "Ani Wijaya") || strings.Contains(page, "PPID Utama<") {
		t.Error("the Dinas Kesehatan atasan's page shows the PPID Utama's officers")
	}
	for _, who := range []*officer{o.citra, o.ani} {
		if st := who.status("/kantor/evaluasi"); st != http.StatusForbidden {
			t.Errorf("an officer opens the whole evaluation: %d", st)
		}
		if st := who.status("/kantor/evaluasi.xlsx"); st != http.StatusForbidden {
			t.Errorf("an officer downloads the evaluation: %d", st)
		}
	}
	own := o.citra.get("/kantor/evaluasi/saya?tahun=2026")
	if !strings.Contains(own, "Citra Lestari") || strings.Contains(own, "Ani Wijaya") || strings.Contains(own, "Budi Hartono") {
		t.Error("the own-figures page shows someone else's, or not one's own")
	}

	// Notes: the atasan writes, with field errors kept; the officer reads their own; nobody else's.
	aniID := idOf(t, o.app, `SELECT id::text FROM users WHERE email = 'ani@uji.test'`)
	st, _, page := o.atasan.post("/kantor/evaluasi/catatan", url.Values{"tahun": {"2026"}, "officer_id": {aniID}, "strengths": {"Teliti dan cepat."}})
	if st != http.StatusUnprocessableEntity || !hasFieldError(page, "improvements") || !strings.Contains(page, "Teliti dan cepat.") {
		t.Errorf("an incomplete note: %d %v", st, fieldErrors(page))
	}
	note := url.Values{"tahun": {"2026"}, "officer_id": {aniID}, "strengths": {"Teliti dan cepat menjawab."},
		"improvements": {"Perpanjangan diajukan lebih awal."}}
	if st, kind, _ := o.atasan.postStep("/kantor/evaluasi/catatan", note); st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("note: %d %q", st, kind)
	}
	if st, _, _ := o.ani.post("/kantor/evaluasi/catatan", note); st != http.StatusForbidden {
		t.Errorf("a PPID wrote an evaluation note: %d", st)
	}
	// The Dinas Kesehatan atasan cannot note on an officer of another unit.
	if st, _, page := o.atasanDinkes.post("/kantor/evaluasi/catatan", note); st != http.StatusUnprocessableEntity || !hasFieldError(page, "officer_id") {
		t.Errorf("a note across units: %d %v", st, fieldErrors(page))
	}
	if !strings.Contains(o.atasan.get("/kantor/evaluasi?tahun=2026"), "Perpanjangan diajukan lebih awal.") ||
		!strings.Contains(o.ani.get("/kantor/evaluasi/saya?tahun=2026"), "Perpanjangan diajukan lebih awal.") {
		t.Error("the note is not shown to the atasan or to Ani")
	}
	if strings.Contains(o.citra.get("/kantor/evaluasi/saya?tahun=2026"), "Perpanjangan diajukan") {
		t.Error("Citra reads Ani's note")
	}
	if _, err := o.app.Store.DB().Exec(`UPDATE evaluation_notes SET strengths = 'x'`); err == nil {
		t.Error("an evaluation note can be rewritten")
	}

	// The public statistics: one line per unit, never an officer's name or a note.
	public := &officer{t: t, app: o.app, c: newClient(t)}
	stats := public.get("/statistik?tahun=2026")
	if !strings.Contains(stats, `id="per-unit"`) || !strings.Contains(stats, "PPID Pelaksana Dinas Kesehatan") || !strings.Contains(stats, "PPID Utama") {
		t.Error("the statistics page has no per-unit table")
	}
	for _, s := range []string{"Ani Wijaya", "Budi Hartono", "Citra Lestari", "Dewi Anggraini", "Teliti dan cepat"} {
		if strings.Contains(stats, s) {
			t.Errorf("the public statistics name %q", s)
		}
	}
	units, err := o.a.Performance.PublicUnits(ctx, 2026)
	if err != nil || len(units) != 2 {
		t.Fatalf("public units: %v %+v", err, units)
	}
}
