package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/request"
)

// Unit isolation over HTTP: an officer of one PPID Pelaksana unit never reaches another unit's
// cases, letters, documents, objections, disputes or publications — not in a list, not on a
// page, not through an action — while the PPID Utama and administrators see every unit's.

// addUnit creates a PPID Pelaksana unit and returns its id.
func addUnit(t *testing.T, app *testApp, name string) string {
	t.Helper()
	return idOf(t, app, `INSERT INTO units (name, kind) VALUES ($1, 'pelaksana') RETURNING id::text`, name)
}

// signInUnit creates an account of role in unit and signs it in.
func signInUnit(t *testing.T, app *testApp, email, role, unitID string) *officer {
	t.Helper()
	addUser(t, app.Store, email, role, "rahasia-"+role)
	app.Store.DB().MustExec(`UPDATE users SET unit_id = $1 WHERE lower(email) = lower($2)`, unitID, email)
	c, resp := login(t, app, email, "rahasia-"+role)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login %s: %d", email, resp.StatusCode)
	}
	return &officer{t: t, app: app, c: c}
}

func caseIDOf(path string) int64 {
	id, _ := strconv.ParseInt(path[strings.LastIndex(path, "/")+1:], 10, 64)
	return id
}

// cloneRequests copies the request fromID n times into unitID, each with a registration number
// of its own, and returns the new ids. Every column is copied, whatever later migrations add.
func cloneRequests(t *testing.T, app *testApp, fromID int64, unitID string, n int) []int64 {
	t.Helper()
	var cols []string
	if err := app.Store.DB().Select(&cols, `SELECT column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = 'requests' AND is_generated = 'NEVER' AND is_identity = 'NO'
		AND column_name NOT IN ('id', 'reg_seq', 'registration_number', 'unit_id', 'created_at', 'public_key') ORDER BY ordinal_position`); err != nil {
		t.Fatal(err)
	}
	list := strings.Join(cols, ", ")
	var ids []int64
	err := app.Store.DB().Select(&ids, `
		WITH base AS (SELECT coalesce(max(reg_seq), 0) AS seq FROM requests)
		INSERT INTO requests (reg_seq, registration_number, unit_id, `+list+`)
		SELECT base.seq + s, 'K' || lpad((base.seq + s)::text, 5, '0') || '/PPID/XI/2026', $2, `+list+`
		FROM requests, base, generate_series(1, $3::int) AS s WHERE requests.id = $1
		RETURNING id`, fromID, unitID, n)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != n {
		t.Fatalf("cloned %d requests, want %d", len(ids), n)
	}
	return ids
}

// addOpenObjections files an open objection on each request, answerable by the given date.
func addOpenObjections(t *testing.T, app *testApp, requestIDs []int64, due func(i int) string) {
	t.Helper()
	dues := make([]string, len(requestIDs))
	for i := range requestIDs {
		dues[i] = due(i)
	}
	app.Store.DB().MustExec(`
		INSERT INTO objections (request_id, number, grounds, reasons, channel, received_at, counting_from, response_due, status)
		SELECT r, 'KEB/U' || r || '/XI/2026', '{c}', 'Tidak ada tanggapan sampai batas waktu.', 'web',
			'2026-11-03 10:00+07', '2026-11-03', d::date, 'diterima'
		FROM unnest($1::bigint[], $2::text[]) AS x(r, d)`, pq.Int64Array(requestIDs), pq.StringArray(dues))
}

// linkedIDs lists the ids in links of the form prefix + id on a page.
func linkedIDs(page, prefix string) []int64 {
	var ids []int64
	for _, m := range regexp.MustCompile(`href="`+regexp.QuoteMeta(prefix)+`(\d+)`).FindAllStringSubmatch(page, -1) {
		id, _ := strconv.ParseInt(m[1], 10, 64)
		ids = append(ids, id)
	}
	return ids
}

// dbState is everything a case or publication action could change, as one comparable string.
func dbState(t *testing.T, app *testApp) string {
	t.Helper()
	var s string
	err := app.Store.DB().Get(&s, `SELECT concat_ws(E'\n',
		(SELECT string_agg(concat_ws(',', id, status, version, response_due, extended_due, due_date, unit_id, assigned_to,
			decision, notice_at, delivered_at, closed_at), ';' ORDER BY id) FROM requests),
		(SELECT count(*) FROM request_events), (SELECT count(*) FROM letters), (SELECT count(*) FROM documents),
		(SELECT string_agg(concat_ws(',', id, request_id, status, answered_at), ';' ORDER BY id) FROM objections),
		(SELECT string_agg(concat_ws(',', id, request_id, objection_id, ki_number, ki_received, updated_at), ';' ORDER BY id) FROM disputes),
		(SELECT count(*) FROM outbox),
		(SELECT string_agg(concat_ws(',', id, status, unit_id, title, updated_at, pii_confirmed_at, published_at, unpublished_at), ';' ORDER BY id) FROM publications),
		(SELECT count(*) FROM publication_events),
		(SELECT string_agg(concat_ws(',', series, last_seq), ';' ORDER BY series) FROM counters))`)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// scopeWorld is two Pelaksana units, A and B, with cases, letters, documents, an objection, a
// dispute and publications of unit A, and a case and a draft of unit B.
type scopeWorld struct {
	app                        *testApp
	unitA, unitB               string
	utama, admin               *officer
	aPPID                      *officer
	bPetugas, bPPID, bAtasan   *officer
	a1, a2, b1                 string // case paths
	aCases                     []int64
	bCases                     []int64
	aLetters, aDocs            []int64 // of a1: letters, and uploaded (non-letter) documents
	aLetterDocs                []int64 // of a1: the stored PDFs of its letters
	bLetters, bDocs            []int64
	aObjection, bObjection     int64
	aDispute                   int64
	aDraft, aPublished, bDraft int64
}

func newScopeWorld(t *testing.T) *scopeWorld {
	t.Helper()
	// Monday 2 November 2026, 09:00 WIB.
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	w := &scopeWorld{app: app}
	w.unitA = addUnit(t, app, "PPID Pelaksana Dinas Kesehatan")
	w.unitB = addUnit(t, app, "PPID Pelaksana Dinas Pendidikan")
	w.utama = signIn(t, app, "utama@uji.test", "ppid", "rahasia-utama")
	w.admin = signInUnit(t, app, "admin.b@uji.test", "admin", w.unitB) // sees all by role, whatever its unit
	w.aPPID = signInUnit(t, app, "ppid.a@uji.test", "ppid", w.unitA)
	w.bPetugas = signInUnit(t, app, "petugas.b@uji.test", "petugas", w.unitB)
	w.bPPID = signInUnit(t, app, "ppid.b@uji.test", "ppid", w.unitB)
	w.bAtasan = signInUnit(t, app, "atasan.b@uji.test", "atasan", w.unitB)

	forward := func(path, unit string) {
		if st, kind, _ := w.utama.postStep(path+"/teruskan", url.Values{"unit_id": {unit}}); st != http.StatusSeeOther || kind != flashDone {
			t.Fatalf("forward %s: %d %q", path, st, kind)
		}
		if s := stateOf(t, app, path); s.UnitID != unit {
			t.Fatalf("forward %s: stored unit %s, want %s", path, s.UnitID, unit)
		}
	}
	refuse := func(o *officer, path string) {
		refusal := url.Values{"kind": {"ditolak"}, "notice_date": {"2026-11-02"}, "notice_time": {"09:00"}, "exemption_letters": {"h"},
			"legal_basis": {"UU 14/2008 Pasal 17 huruf h"}, "harm": {"Membuka data kesehatan pegawai."}, "public_interest": {"Tidak lebih besar."},
			"dik_subject": {"Data kesehatan pegawai"}}
		if st, kind, _ := o.postStep(path+"/putuskan", refusal); st != http.StatusSeeOther || kind != flashDone {
			t.Fatalf("refuse %s: %d %q", path, st, kind)
		}
		if s := stateOf(t, app, path); s.Decision != "ditolak" {
			t.Fatalf("refuse %s: stored decision %q", path, s.Decision)
		}
	}
	upload := func(o *officer, path, name string) {
		if st, _ := o.upload(path, "response", "requester", name, minimalPDF); st != http.StatusSeeOther {
			t.Fatalf("upload to %s: %d", path, st)
		}
	}

	var numA1, codeA1, numB1, codeB1 string
	w.a1, numA1, codeA1 = submitViaAPI(t, app)
	w.a2, _, _ = submitViaAPI(t, app)
	w.b1, numB1, codeB1 = submitViaAPI(t, app)
	forward(w.a1, w.unitA)
	forward(w.a2, w.unitA)
	forward(w.b1, w.unitB)
	upload(w.aPPID, w.a1, "rekap-dinkes.pdf")
	upload(w.bPetugas, w.b1, "rekap-disdik.pdf")
	refuse(w.aPPID, w.a1) // a written notice and a refusal letter, each with its stored PDF
	refuse(w.bPPID, w.b1)

	// The requesters object the next day; unit A's case also goes to the Komisi Informasi.
	app.Clock.Set(time.Date(2026, 11, 3, 10, 0, 0, 0, jakarta))
	for _, nc := range [][2]string{{numA1, codeA1}, {numB1, codeB1}} {
		resp, out := postJSON(t, app.URL+"/api/v1/objections", map[string]any{"registration_number": nc[0], "tracking_code": nc[1],
			"grounds": []string{"a"}, "reasons": "Data yang saya minta bukan data pribadi."})
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("objection on %s: %d %v", nc[0], resp.StatusCode, out)
		}
	}
	if st, _, _ := w.aPPID.post(w.a1+"/sengketa", url.Values{"ki_number": {"001/XI/KI-Jabar-PS/2026"}, "ki_received": {"2026-11-03"}}); st != http.StatusSeeOther {
		t.Fatalf("dispute: %d", st)
	}

	ids := func(query string, args ...any) []int64 {
		var out []int64
		if err := app.Store.DB().Select(&out, query, args...); err != nil {
			t.Fatal(err)
		}
		return out
	}
	a1, b1 := caseIDOf(w.a1), caseIDOf(w.b1)
	w.aLetters = ids(`SELECT id FROM letters WHERE request_id = $1 ORDER BY id`, a1)
	w.bLetters = ids(`SELECT id FROM letters WHERE request_id = $1 ORDER BY id`, b1)
	w.aDocs = ids(`SELECT id FROM documents WHERE request_id = $1 AND kind <> 'letter' ORDER BY id`, a1)
	w.bDocs = ids(`SELECT id FROM documents WHERE request_id = $1 AND kind <> 'letter' ORDER BY id`, b1)
	w.aLetterDocs = ids(`SELECT id FROM documents WHERE request_id = $1 AND kind = 'letter' ORDER BY id`, a1)
	if len(w.aLetters) < 3 || len(w.bLetters) < 3 || len(w.aDocs) != 1 || len(w.bDocs) != 1 || len(w.aLetterDocs) == 0 {
		t.Fatalf("setup: letters A %v B %v, documents A %v B %v, letter PDFs A %v", w.aLetters, w.bLetters, w.aDocs, w.bDocs, w.aLetterDocs)
	}
	w.aObjection = ids(`SELECT id FROM objections WHERE request_id = $1`, a1)[0]
	w.bObjection = ids(`SELECT id FROM objections WHERE request_id = $1`, b1)[0]
	w.aDispute = ids(`SELECT id FROM disputes WHERE request_id = $1`, a1)[0]

	// Publications: a draft and a published item of unit A, a draft of unit B.
	draft := func(o *officer, unit, title string, content string) int64 {
		p := &publisher{t: t, app: app, c: o.c}
		fields := p.cleanFields()
		fields["unit_id"], fields["title"] = unit, title
		st, loc, _ := p.draft(fields, "dokumen.txt", []byte(content))
		if st != http.StatusSeeOther {
			t.Fatalf("draft %q: %d", title, st)
		}
		id, _ := strconv.ParseInt(publicationID(t, loc), 10, 64)
		return id
	}
	w.aDraft = draft(w.aPPID, w.unitA, "Rekap Imunisasi Dinas Kesehatan 2026", "Rekap imunisasi per puskesmas.\n")
	w.aPublished = draft(w.aPPID, w.unitA, "Anggaran Puskesmas Dinas Kesehatan 2026", "Anggaran belanja puskesmas.\n")
	if st, _ := (&publisher{t: t, app: app, c: w.aPPID.c}).post(fmt.Sprintf("/kantor/publikasi/%d/terbitkan", w.aPublished)); st != http.StatusSeeOther {
		t.Fatalf("publish A's item: %d", st)
	}
	w.bDraft = draft(w.bPetugas, w.unitB, "Data Sekolah Dasar Dinas Pendidikan 2026", "Jumlah sekolah dasar per kecamatan.\n")

	// Enough open cases of unit A to fill more than one page of the queue, all overdue, so a
	// queue or a count that leaks them shows it on every page and in every count.
	clones := cloneRequests(t, app, caseIDOf(w.a2), w.unitA, 60)
	app.Store.DB().MustExec(`UPDATE requests SET response_due = '2026-10-01', due_date = '2026-10-01' WHERE id = ANY($1)`, pq.Int64Array(clones))
	w.aCases = append([]int64{a1, caseIDOf(w.a2)}, clones...)
	w.bCases = []int64{b1}
	return w
}

// queueIDs walks the queue at query page by page and returns every case it links, and the
// first page's counts line.
func queueIDs(o *officer, query string) (ids []int64, firstPage string) {
	o.t.Helper()
	for page := 1; page <= 20; page++ {
		u := "/kantor?" + query
		if page > 1 {
			u += "&halaman=" + strconv.Itoa(page)
		}
		body := o.get(u)
		if page == 1 {
			firstPage = body
		}
		found := linkedIDs(body, "/kantor/permohonan/")
		ids = append(ids, found...)
		if len(found) == 0 || !strings.Contains(body, "halaman="+strconv.Itoa(page+1)) {
			break
		}
	}
	return ids, firstPage
}

var queueCount = regexp.MustCompile(`<span>(\d+\+?) terbuka</span>\s*<span class="flag overdue">(\d+\+?) lewat waktu</span>`)

// TestScopeIsolation builds one world and checks every list, page and action against it; the
// subtests run in order, those that change anything (the controls) last.
func TestScopeIsolation(t *testing.T) {
	t.Parallel()
	world := newScopeWorld(t)
	t.Run("Lists", func(t *testing.T) { scopeLists(t, world.in(t)) })
	t.Run("Pages", func(t *testing.T) { scopePages(t, world.in(t)) })
	t.Run("OfficeAPI", func(t *testing.T) { scopeOfficeAPI(t, world.in(t)) })
	t.Run("PublicationActions", func(t *testing.T) { scopePublicationActions(t, world.in(t)) })
	t.Run("CaseActions", func(t *testing.T) { scopeCaseActions(t, world.in(t)) })
}

// in rebinds the world's signed-in officers to the subtest t.
func (w *scopeWorld) in(t *testing.T) *scopeWorld {
	c := *w
	for _, o := range []**officer{&c.utama, &c.admin, &c.aPPID, &c.bPetugas, &c.bPPID, &c.bAtasan} {
		*o = &officer{t: t, app: (*o).app, c: (*o).c}
	}
	return &c
}

// stateDiff names what differs between two dbState snapshots.
func stateDiff(before, after string) string {
	var out []string
	bl, al := strings.Split(before, "\n"), strings.Split(after, "\n")
	for i := range min(len(bl), len(al)) {
		if bl[i] == al[i] {
			continue
		}
		bi, ai := strings.Split(bl[i], ";"), strings.Split(al[i], ";")
		for _, x := range bi {
			if !slices.Contains(ai, x) {
				out = append(out, "- "+x)
			}
		}
		for _, x := range ai {
			if !slices.Contains(bi, x) {
				out = append(out, "+ "+x)
			}
		}
	}
	return strings.Join(out, "\n")
}

// Every list: the queue (with each status filter, and the next page), the objections and the
// publications show unit B's officers unit B's items only, and count only those.
func scopeLists(t *testing.T, w *scopeWorld) {
	app := w.app
	statuses := []string{""}
	for _, s := range request.Statuses {
		statuses = append(statuses, s.Code)
	}
	for name, o := range map[string]*officer{"petugas B": w.bPetugas, "PPID B": w.bPPID, "atasan B": w.bAtasan} {
		for _, status := range statuses {
			q := url.Values{}
			if status != "" {
				q.Set("status", status)
			}
			ids, first := queueIDs(o, q.Encode())
			for _, id := range ids {
				if slices.Contains(w.aCases, id) {
					t.Errorf("%s: queue ?%s lists unit A's case %d", name, q.Encode(), id)
					break
				}
			}
			if status == "" && !slices.Contains(ids, w.bCases[0]) {
				t.Errorf("%s: queue lacks unit B's own case", name)
			}
			// The page for halaman=2 exists whether or not the unit fills it; it must not show A either.
			for _, id := range linkedIDs(o.get("/kantor?"+q.Encode()+"&halaman=2"), "/kantor/permohonan/") {
				if slices.Contains(w.aCases, id) {
					t.Errorf("%s: queue page 2 ?%s lists unit A's case %d", name, q.Encode(), id)
					break
				}
			}
			var open, overdue int
			app.Store.DB().Get(&open, `SELECT count(*) FROM requests WHERE closed_at IS NULL AND unit_id = $1 AND ($2 = '' OR status = $2)`, w.unitB, status)
			app.Store.DB().Get(&overdue, `SELECT count(*) FROM requests WHERE closed_at IS NULL AND unit_id = $1 AND ($2 = '' OR status = $2)
				AND status IN ('diterima', 'diproses', 'diperpanjang') AND due_date < '2026-11-03'`, w.unitB, status)
			m := queueCount.FindStringSubmatch(first)
			if m == nil || m[1] != strconv.Itoa(open) || m[2] != strconv.Itoa(overdue) {
				t.Errorf("%s: queue ?%s counts %v, want %d open and %d overdue (unit B's only)", name, q.Encode(), m, open, overdue)
			}
		}

		page := o.get("/kantor/keberatan")
		for _, id := range linkedIDs(page, "/kantor/permohonan/") {
			if slices.Contains(w.aCases, id) {
				t.Errorf("%s: objection list shows unit A's case %d", name, id)
			}
		}
		if !slices.Contains(linkedIDs(page, "/kantor/permohonan/"), w.bCases[0]) {
			t.Errorf("%s: objection list lacks unit B's own objection", name)
		}
	}
	for name, o := range map[string]*officer{"petugas B": w.bPetugas, "PPID B": w.bPPID} {
		for _, status := range []string{"", "draft", "published"} {
			page := o.get("/kantor/publikasi?status=" + status)
			got := linkedIDs(page, "/kantor/publikasi/")
			if slices.Contains(got, w.aDraft) || slices.Contains(got, w.aPublished) || strings.Contains(page, "Dinas Kesehatan 2026") {
				t.Errorf("%s: /kantor/publikasi?status=%s lists unit A's publications (links %v)", name, status, got)
			}
			if status != "published" && !slices.Contains(got, w.bDraft) {
				t.Errorf("%s: /kantor/publikasi?status=%s lacks unit B's own draft", name, status)
			}
		}
	}

	// The PPID Utama and an administrator see both units' cases.
	for name, o := range map[string]*officer{"PPID Utama": w.utama, "admin": w.admin} {
		ids, _ := queueIDs(o, "")
		for _, id := range []int64{w.aCases[0], w.aCases[1], w.bCases[0]} {
			if !slices.Contains(ids, id) {
				t.Errorf("%s: queue lacks case %d", name, id)
			}
		}
		page := o.get("/kantor/keberatan")
		if got := linkedIDs(page, "/kantor/permohonan/"); !slices.Contains(got, w.aCases[0]) || !slices.Contains(got, w.bCases[0]) {
			t.Errorf("%s: objection list links %v, want both units' objections", name, got)
		}
	}
	if got := linkedIDs(w.utama.get("/kantor/publikasi"), "/kantor/publikasi/"); !slices.Contains(got, w.aDraft) || !slices.Contains(got, w.bDraft) {
		t.Errorf("PPID Utama: publications %v, want both units' drafts", got)
	}
}

// Every page of unit A answers 404 to unit B's officers, also under the URL of B's own case.
func scopePages(t *testing.T, w *scopeWorld) {
	a1, b1 := w.a1, w.b1
	var aPages, bPages []string
	aPages = append(aPages, a1, w.a2)
	for _, l := range w.aLetters {
		aPages = append(aPages, fmt.Sprintf("%s/surat/%d", a1, l), fmt.Sprintf("%s/surat/%d/pdf", a1, l),
			fmt.Sprintf("%s/surat/%d", b1, l), fmt.Sprintf("%s/surat/%d/pdf", b1, l)) // B's case with A's letter
	}
	for _, d := range append(append([]int64{}, w.aDocs...), w.aLetterDocs...) {
		aPages = append(aPages, fmt.Sprintf("%s/dokumen/%d", a1, d), fmt.Sprintf("%s/dokumen/%d", b1, d))
	}
	for _, p := range []int64{w.aDraft, w.aPublished} {
		aPages = append(aPages, fmt.Sprintf("/kantor/publikasi/%d", p), fmt.Sprintf("/kantor/publikasi/%d/ubah", p))
	}
	bPages = append(bPages, b1)
	for _, l := range w.bLetters {
		bPages = append(bPages, fmt.Sprintf("%s/surat/%d", b1, l), fmt.Sprintf("%s/surat/%d/pdf", b1, l))
	}
	for _, d := range w.bDocs {
		bPages = append(bPages, fmt.Sprintf("%s/dokumen/%d", b1, d))
	}
	bPubPages := []string{fmt.Sprintf("/kantor/publikasi/%d", w.bDraft), fmt.Sprintf("/kantor/publikasi/%d/ubah", w.bDraft)}

	for name, o := range map[string]*officer{"petugas B": w.bPetugas, "PPID B": w.bPPID, "atasan B": w.bAtasan} {
		for _, p := range aPages {
			if strings.HasPrefix(p, "/kantor/publikasi/") && name == "atasan B" {
				continue // the atasan has no publishing pages at all (403 for every id)
			}
			if st := o.status(p); st != http.StatusNotFound {
				t.Errorf("%s: GET %s = %d, want 404", name, p, st)
			}
		}
		for _, p := range bPages {
			if st := o.status(p); st != http.StatusOK {
				t.Errorf("%s: GET own unit's %s = %d, want 200", name, p, st)
			}
		}
		if name != "atasan B" {
			for _, p := range bPubPages {
				if st := o.status(p); st != http.StatusOK {
					t.Errorf("%s: GET own unit's %s = %d, want 200", name, p, st)
				}
			}
		}
	}
	// What unit A's pages would show must not come through on B's own case page either.
	page := w.bPPID.get(b1)
	for _, l := range w.aLetters {
		if strings.Contains(page, fmt.Sprintf("/surat/%d\"", l)) {
			t.Errorf("unit B's case page links unit A's letter %d", l)
		}
	}

	// The PPID Utama and an administrator open unit A's and unit B's pages alike.
	for name, o := range map[string]*officer{"PPID Utama": w.utama, "admin": w.admin} {
		for _, p := range []string{a1, w.a2, b1, fmt.Sprintf("%s/surat/%d", a1, w.aLetters[0]), fmt.Sprintf("%s/surat/%d/pdf", a1, w.aLetters[0]),
			fmt.Sprintf("%s/dokumen/%d", a1, w.aDocs[0]), fmt.Sprintf("%s/surat/%d", b1, w.bLetters[0])} {
			if st := o.status(p); st != http.StatusOK {
				t.Errorf("%s: GET %s = %d, want 200", name, p, st)
			}
		}
	}
	for _, p := range []string{fmt.Sprintf("/kantor/publikasi/%d", w.aDraft), fmt.Sprintf("/kantor/publikasi/%d/ubah", w.aDraft)} {
		if st := w.utama.status(p); st != http.StatusOK {
			t.Errorf("PPID Utama: GET %s = %d, want 200", p, st)
		}
	}
}

// caseAction is one POST under /kantor/permohonan/{id}/…, with a form that would succeed on a
// case the officer may act on.
type caseAction struct {
	suffix string
	form   url.Values
	upload bool
	// allowed reports whether the role may take this step at all; a role that may not is
	// refused before the case is read, alike for every case id.
	allowed func(role string) bool
}

func can(p access.Permission) func(string) bool {
	return func(role string) bool { return access.Can(access.Role(role), p) }
}

func (w *scopeWorld) caseActions(t *testing.T) []caseAction {
	bPetugasID := idOf(t, w.app, `SELECT id::text FROM users WHERE email = 'petugas.b@uji.test'`)
	grant := url.Values{"kind": {"dikabulkan"}, "notice_date": {"2026-11-03"}, "notice_time": {"09:00"}, "information_given": {"Rekap"},
		"form": {"softcopy"}, "cost": {"Tanpa biaya"}, "delivery_time": {"Hari ini"}}
	return []caseAction{
		{suffix: "/tugaskan", form: url.Values{"officer_id": {bPetugasID}}, allowed: can(access.AssignCase)},
		{suffix: "/teruskan", form: url.Values{"unit_id": {w.unitB}}, allowed: can(access.ForwardCase)},
		{suffix: "/perpanjang", form: url.Values{"reason": {"Dokumen tersebar di tiga bidang."}}, allowed: can(access.ExtendDeadline)},
		{suffix: "/putuskan", form: grant, allowed: can(access.DecideRequest)},
		{suffix: "/serahkan", form: url.Values{"method": {"email"}}, allowed: can(access.DeliverInformation)},
		{suffix: "/selesai", form: url.Values{}, allowed: can(access.CloseCase)},
		{suffix: "/tarik", form: url.Values{"reason": {"Pemohon menarik permohonannya."}}, allowed: can(access.RecordWithdrawal)},
		{suffix: "/keberatan", form: url.Values{"grounds": {"c"}, "reasons": {"Tidak ada tanggapan sampai batas waktu."}, "channel": {"walk_in"}},
			allowed: can(access.RegisterObjection)},
		{suffix: fmt.Sprintf("/keberatan/%d/tanggapan", w.aObjection), form: url.Values{"outcome": {"dikuatkan"}, "answer": {"Putusan PPID sudah tepat."}},
			allowed: can(access.AnswerObjection)},
		{suffix: "/sengketa", form: url.Values{"ki_number": {"009/XI/KI-Jabar-PS/2026"}, "ki_received": {"2026-11-03"}}, allowed: can(access.RecordDispute)},
		{suffix: "/sengketa", form: url.Values{"dispute_id": {strconv.FormatInt(w.aDispute, 10)}, "ki_number": {"001/XI/KI-Jabar-PS/2026"},
			"ki_received": {"2026-11-03"}, "outcome": {"Mediasi berhasil"}}, allowed: can(access.RecordDispute)},
		{suffix: "/dokumen", upload: true, allowed: can(access.UploadDocument)},
		{suffix: "/publikasikan", form: url.Values{"title": {"RKA Dinas Kesehatan"}, "category": {"setiap_saat"}, "summary": {"RKA."}, "keywords": {"RKA"}, "responsible": {"Kepala Dinas"}, "made_place": {"Bandung"}, "made_time": {"Maret 2026"}, "retention": {"5 tahun"}},
			allowed: func(role string) bool { return role == "ppid" }},
		{suffix: "/tanda-bukti", form: url.Values{}, allowed: func(string) bool { return true }},
	}
}

// do posts the action to the case at path and returns the status (not following a redirect).
func (a caseAction) do(o *officer, path string) int {
	o.t.Helper()
	if a.upload {
		st, _ := o.upload(path, "response", "requester", "sisipan.pdf", minimalPDF)
		return st
	}
	form := url.Values{}
	for k, v := range a.form {
		form[k] = v
	}
	st, _, _ := o.post(path+a.suffix, form)
	return st
}

// Every POST under a case of unit A answers 404 to unit B's officers and changes nothing.
func scopeCaseActions(t *testing.T, w *scopeWorld) {
	roles := map[string]*officer{"petugas": w.bPetugas, "ppid": w.bPPID, "atasan": w.bAtasan}
	for _, role := range []string{"petugas", "ppid", "atasan"} {
		o := roles[role]
		for _, a := range w.caseActions(t) {
			// A role refused the step outright is refused alike for a case that does not exist.
			before := dbState(t, w.app)
			missing := a.do(o, "/kantor/permohonan/99999999")
			for _, path := range []string{w.a1, w.a2} {
				st := a.do(o, path)
				switch {
				case a.allowed(role) && st != http.StatusNotFound:
					t.Errorf("%s B: POST %s%s = %d, want 404", role, path, a.suffix, st)
				case !a.allowed(role) && (st != missing || st != http.StatusForbidden && st != http.StatusNotFound):
					t.Errorf("%s B: POST %s%s = %d, want what a missing case answers (%d)", role, path, a.suffix, st, missing)
				}
			}
			if after := dbState(t, w.app); after != before {
				t.Errorf("%s B: POST …%s on unit A's cases changed the database:\n%s", role, a.suffix, stateDiff(before, after))
			}
		}
	}

	// B's own case with A's objection or dispute: the answer and the dispute update must not
	// reach A's records, nor may a new dispute on B's case point at A's objection.
	for _, x := range []struct {
		name  string
		o     *officer
		path  string
		form  url.Values
		wants []int
	}{
		{"atasan B answering A's objection through B's case", w.bAtasan, fmt.Sprintf("%s/keberatan/%d/tanggapan", w.b1, w.aObjection),
			url.Values{"outcome": {"dikuatkan"}, "answer": {"Putusan PPID sudah tepat."}}, []int{http.StatusNotFound}},
		{"PPID B updating A's dispute through B's case", w.bPPID, w.b1 + "/sengketa", url.Values{"dispute_id": {strconv.FormatInt(w.aDispute, 10)},
			"ki_number": {"001/XI/KI-Jabar-PS/2026"}, "ki_received": {"2026-11-03"}, "outcome": {"Dicabut"}}, []int{http.StatusNotFound}},
		{"PPID B recording a dispute on B's case over A's objection", w.bPPID, w.b1 + "/sengketa", url.Values{"objection_id": {strconv.FormatInt(w.aObjection, 10)},
			"ki_number": {"010/XI/KI-Jabar-PS/2026"}, "ki_received": {"2026-11-03"}}, []int{http.StatusNotFound, http.StatusUnprocessableEntity}},
	} {
		before := dbState(t, w.app)
		if st, _, _ := x.o.post(x.path, x.form); !slices.Contains(x.wants, st) {
			t.Errorf("%s: POST %s = %d, want one of %v", x.name, x.path, st, x.wants)
		}
		if after := dbState(t, w.app); after != before {
			t.Errorf("%s changed the database:\n%s", x.name, stateDiff(before, after))
		}
	}

	// The control: the same step on B's own case goes through.
	if st, kind, _ := w.bPPID.postStep(w.b1+"/tanda-bukti", url.Values{}); st != http.StatusSeeOther || kind != flashDone {
		t.Errorf("PPID B issuing a receipt on B's own case: %d %q", st, kind)
	}
	if n := count(t, w.app, `SELECT count(*) FROM letters WHERE kind = 'tanda_bukti' AND request_id = $1`, caseIDOf(w.b1)); n != 1 {
		t.Errorf("PPID B's receipt on B's own case: %d stored", n)
	}
}

// The officers' JSON API answers 404 JSON for unit A's cases and changes nothing.
func scopeOfficeAPI(t *testing.T, w *scopeWorld) {
	bPetugasID, _ := strconv.ParseInt(idOf(t, w.app, `SELECT id::text FROM users WHERE email = 'petugas.b@uji.test'`), 10, 64)
	unitB, _ := strconv.ParseInt(w.unitB, 10, 64)
	actions := []struct {
		name string
		body map[string]any
		perm access.Permission
	}{
		{"assign", map[string]any{"officer_id": bPetugasID}, access.AssignCase},
		{"forward", map[string]any{"unit_id": unitB}, access.ForwardCase},
		{"extend", map[string]any{"reason": "Dokumen tersebar di tiga bidang."}, access.ExtendDeadline},
		{"decide", map[string]any{"kind": "dikabulkan", "notice_at": "2026-11-03T09:00:00+07:00", "information_given": "Rekap",
			"form": "softcopy", "cost": "Tanpa biaya", "delivery_time": "Hari ini"}, access.DecideRequest},
		{"deliver", map[string]any{"method": "email"}, access.DeliverInformation},
		{"close", map[string]any{}, access.CloseCase},
		{"withdraw", map[string]any{"reason": "Pemohon menarik permohonannya."}, access.RecordWithdrawal},
	}
	for role, o := range map[string]*officer{"petugas": w.bPetugas, "ppid": w.bPPID} {
		for _, a := range actions {
			before := dbState(t, w.app)
			missing, _ := o.postJSON("/api/v1/kantor/permohonan/99999999/"+a.name, a.body)
			for _, path := range []string{w.a1, w.a2} {
				api := strings.Replace(path, "/kantor/", "/api/v1/kantor/", 1) + "/" + a.name
				st, out := o.postJSON(api, a.body)
				if _, ok := out["error"].(string); !ok {
					t.Errorf("%s B: POST %s answered no JSON error: %v", role, api, out)
				}
				switch {
				case access.Can(access.Role(role), a.perm) && st != http.StatusNotFound:
					t.Errorf("%s B: POST %s = %d %v, want 404", role, api, st, out)
				case !access.Can(access.Role(role), a.perm) && st != missing:
					t.Errorf("%s B: POST %s = %d, want what a missing case answers (%d)", role, api, st, missing)
				}
			}
			if after := dbState(t, w.app); after != before {
				t.Errorf("%s B: API %s on unit A's cases changed the database:\n%s", role, a.name, stateDiff(before, after))
			}
		}
	}
}

// Every publication action on unit A's items answers 404 to unit B's officers and changes nothing.
func scopePublicationActions(t *testing.T, w *scopeWorld) {
	aDraft := strconv.FormatInt(w.aDraft, 10)
	for role, o := range map[string]*officer{"petugas": w.bPetugas, "ppid": w.bPPID} {
		p := &publisher{t: t, app: w.app, c: o.c}
		for _, id := range []int64{w.aDraft, w.aPublished} {
			base := "/kantor/publikasi/" + strconv.FormatInt(id, 10)
			for _, a := range []struct {
				suffix     string
				kv         []string
				publishing bool // only the PPID may; others are refused before the item is read
			}{
				{"/ubah", []string{"title", "Judul Diubah Unit B", "category", "berkala", "unit_id", w.unitB, "year", "2026",
					"summary", "Ringkasan.", "keywords", "x", "form", "softcopy", "responsible", "Kepala Dinas", "made_place", "Bandung", "made_time", "Maret 2026", "retention", "5 tahun"}, false},
				{"/konfirmasi", []string{"note", "Nama pejabat dalam jabatannya."}, true},
				{"/terbitkan", nil, true},
				{"/tarik", []string{"reason", "Ditarik untuk diperbaiki."}, true},
			} {
				before := dbState(t, w.app)
				missing, _ := p.post("/kantor/publikasi/99999999"+a.suffix, a.kv...)
				st, _ := p.post(base+a.suffix, a.kv...)
				switch {
				case (!a.publishing || role == "ppid") && st != http.StatusNotFound:
					t.Errorf("%s B: POST %s%s = %d, want 404", role, base, a.suffix, st)
				case a.publishing && role != "ppid" && st != missing:
					t.Errorf("%s B: POST %s%s = %d, want what a missing item answers (%d)", role, base, a.suffix, st, missing)
				}
				if after := dbState(t, w.app); after != before {
					t.Errorf("%s B: POST %s%s changed the database:\n%s", role, base, a.suffix, stateDiff(before, after))
				}
			}
		}
		// Nor may B draft a publication into unit A.
		before := dbState(t, w.app)
		fields := p.cleanFields()
		fields["unit_id"], fields["title"] = w.unitA, "Draf Unit B Atas Nama Unit A"
		if st, _, _ := p.draft(fields, "lain.txt", []byte("Isi lain.\n")); st == http.StatusSeeOther {
			t.Errorf("%s B drafted a publication of unit A", role)
		}
		if after := dbState(t, w.app); after != before {
			t.Errorf("%s B: drafting into unit A changed the database:\n%s", role, stateDiff(before, after))
		}
	}
	// The control: unit A's own PPID edits its draft.
	pa := &publisher{t: t, app: w.app, c: w.aPPID.c}
	if st, _ := pa.post("/kantor/publikasi/"+aDraft+"/ubah", "title", "Rekap Imunisasi Dinas Kesehatan 2026 (revisi)", "category", "berkala",
		"unit_id", w.unitA, "year", "2026", "summary", "Ringkasan.", "keywords", "imunisasi", "form", "softcopy", "responsible", "Kepala Dinas", "made_place", "Bandung", "made_time", "Maret 2026", "retention", "5 tahun"); st != http.StatusSeeOther {
		t.Errorf("PPID A editing its own draft: %d", st)
	}
}

// Known bug: /kantor/keberatan fetched the first 200 open objections of every unit, then kept the
// officer's; with more than 200 of another unit due sooner, unit B's officers saw none of theirs.
func TestScopeObjectionListReachesPastTwoHundredOfAnotherUnit(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 20, 9, 0, 0, 0, jakarta))
	unitA := addUnit(t, app, "PPID Pelaksana Dinas Kesehatan")
	unitB := addUnit(t, app, "PPID Pelaksana Dinas Pendidikan")
	atasan := signInUnit(t, app, "atasan.b@uji.test", "atasan", unitB)
	ppid := signInUnit(t, app, "ppid.b@uji.test", "ppid", unitB)
	template, _, _ := submitViaAPI(t, app)

	aIDs := cloneRequests(t, app, caseIDOf(template), unitA, 230)
	addOpenObjections(t, app, aIDs, func(i int) string { return fmt.Sprintf("2026-12-%02d", 1+i%20) })
	bIDs := cloneRequests(t, app, caseIDOf(template), unitB, 1)
	addOpenObjections(t, app, bIDs, func(int) string { return "2027-01-29" }) // after every one of A's
	var open int
	app.Store.DB().Get(&open, `SELECT count(*) FROM objections WHERE status = 'diterima'`)
	if open != 231 {
		t.Fatalf("%d open objections, want 231", open)
	}

	for name, o := range map[string]*officer{"atasan B": atasan, "PPID B": ppid} {
		page := o.get("/kantor/keberatan")
		got := linkedIDs(page, "/kantor/permohonan/")
		if !slices.Contains(got, bIDs[0]) {
			t.Errorf("%s: /kantor/keberatan does not list unit B's open objection (listed %d objections)", name, len(got))
		}
		for _, id := range got {
			if slices.Contains(aIDs, id) {
				t.Errorf("%s: /kantor/keberatan lists unit A's case %d", name, id)
				break
			}
		}
	}
}
