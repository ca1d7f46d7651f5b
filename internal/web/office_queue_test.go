package web_test

import (
	"bytes"
	"encoding/csv"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// queueWorld is an office on Wednesday 2 December 2026 with four open requests of the PPID Utama
// and one forwarded to a PPID Pelaksana, the officers of both, and the requests' numbers.
type queueWorld struct {
	app                  *testApp
	ppid, petugas, dinas *officer
	ppidID, petugasID    string
	dinasUnit, mainUnit  string
	// budi: overdue (due 27 Nov), walk-in; siti: due 3 Dec (soon), by letter, words "anggaran";
	// rahmat: Dinas Kesehatan's, by e-mail; dewi: by phone, assigned to the PPID, words "anggaran".
	budi, siti, rahmat, dewi int64
	number                   map[int64]string
}

func newQueueWorld(t *testing.T) *queueWorld {
	t.Helper()
	app := newApp(t, time.Date(2026, 12, 2, 9, 0, 0, 0, jakarta))
	w := &queueWorld{app: app, number: map[int64]string{}}
	w.ppid = signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	w.petugas = signIn(t, app, "petugas@uji.test", "petugas", "rahasia-petugas")
	w.dinasUnit = addUnit(t, app, "PPID Pelaksana Dinas Kesehatan")
	w.dinas = signInUnit(t, app, "dinkes@uji.test", "ppid", w.dinasUnit)
	w.ppidID = idOf(t, app, `SELECT id::text FROM users WHERE email = 'ppid@uji.test'`)
	w.petugasID = idOf(t, app, `SELECT id::text FROM users WHERE email = 'petugas@uji.test'`)
	w.mainUnit = idOf(t, app, `SELECT id::text FROM units WHERE kind = 'utama'`)
	w.budi = w.register(t, "Budi Santoso", "budi@contoh.id", "Daftar izin usaha mikro tahun 2026", "walk_in", "2026-11-13")
	w.siti = w.register(t, "Siti Aminah", "siti@contoh.id", "Rincian penganggaran jalan desa", "letter", "2026-11-19")
	w.rahmat = w.register(t, "Rahmat Hidayat", "rahmat@contoh.id", "Laporan keuangan puskesmas", "email", "2026-12-01")
	w.dewi = w.register(t, "Dewi Lestari", "dewi@contoh.id", "Data anggaran sekolah dasar", "phone", "2026-11-25")
	if st, kind, _ := w.ppid.postStep("/kantor/permohonan/"+itoa(w.rahmat)+"/teruskan", url.Values{"unit_id": {w.dinasUnit}}); st != 303 || kind != flashDone {
		t.Fatalf("forward: %d %q", st, kind)
	}
	if st, kind, _ := w.ppid.postStep("/kantor/permohonan/"+itoa(w.dewi)+"/tugaskan", url.Values{"officer_id": {w.ppidID}}); st != 303 || kind != flashDone {
		t.Fatalf("assign: %d %q", st, kind)
	}
	return w
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// register records a request at the desk and returns its id.
func (w *queueWorld) register(t *testing.T, name, email, information, channel, received string) int64 {
	t.Helper()
	form := validForm()
	form.Set("requester.name", name)
	form.Set("requester.email", email)
	form.Set("information", information)
	form.Set("channel", channel)
	form.Set("received_date", received)
	form.Set("received_time", "10:00")
	if st, _, page := w.ppid.post("/kantor/permohonan/baru", form); st != http.StatusSeeOther {
		t.Fatalf("register %s: %d %v", name, st, fieldErrors(page))
	}
	var id int64
	var number string
	if err := w.app.Store.DB().QueryRow(`SELECT id, registration_number FROM requests WHERE requester_name = $1`, name).Scan(&id, &number); err != nil {
		t.Fatal(err)
	}
	w.number[id] = number
	return id
}

// ids are the cases the queue page lists under query, every page followed.
func (w *queueWorld) ids(o *officer, query string) []int64 {
	ids, _ := queueIDs(o, query)
	slices.Sort(ids)
	return slices.Compact(ids)
}

func sorted(ids ...int64) []int64 { slices.Sort(ids); return ids }

func TestQueueSearchFiltersAndTheirCombinations(t *testing.T) {
	t.Parallel()
	w := newQueueWorld(t)
	q := url.QueryEscape
	for _, c := range []struct {
		name, query string
		want        []int64
	}{
		{"everything open", "", sorted(w.budi, w.siti, w.rahmat, w.dewi)},
		{"registration number, exact", "q=" + q(w.number[w.siti]), sorted(w.siti)},
		{"registration number, its beginning", "q=" + q(strings.SplitN(w.number[w.dewi], "/", 2)[0]+"/"), sorted(w.dewi)},
		{"requester name, any part, any case", "q=aMINah", sorted(w.siti)},
		{"e-mail, exactly", "q=" + q("RAHMAT@contoh.id"), sorted(w.rahmat)},
		{"words of the request, stemmed", "q=anggaran", sorted(w.siti, w.dewi)},
		{"status", "status=diproses", sorted(w.dewi)},
		{"unit", "unit=" + w.dinasUnit, sorted(w.rahmat)},
		{"assigned to me", "petugas=saya", sorted(w.dewi)},
		{"assigned officer", "petugas=" + w.ppidID, sorted(w.dewi)},
		{"another officer", "petugas=" + w.petugasID, nil},
		{"channel", "saluran=letter", sorted(w.siti)},
		{"overdue", "tenggat=lewat", sorted(w.budi)},
		{"due within 3 working days", "tenggat=segera", sorted(w.siti)},
		{"received between", "dari=2026-11-19&sampai=2026-11-25", sorted(w.siti, w.dewi)},
		{"received from", "dari=2026-11-26", sorted(w.rahmat)},
		{"words and channel", "q=anggaran&saluran=phone", sorted(w.dewi)},
		{"words and clock", "q=anggaran&tenggat=segera", sorted(w.siti)},
		{"mine and words", "petugas=saya&q=anggaran", sorted(w.dewi)},
		{"unit and overdue", "unit=" + w.mainUnit + "&tenggat=lewat", sorted(w.budi)},
		{"nothing matches", "q=tidakadayangcocok", nil},
	} {
		if got := w.ids(w.ppid, c.query); !slices.Equal(got, c.want) {
			t.Errorf("%s (%s): listed %v, want %v", c.name, c.query, got, c.want)
		}
	}
	// The filters stay in the form, so the officer sees what is applied.
	page := w.ppid.get("/kantor?q=anggaran&saluran=phone&petugas=saya&tenggat=segera&dari=2026-11-01")
	for _, want := range []string{`name="q" type="search" value="anggaran"`, `<option value="phone" selected>`,
		`<option value="saya" selected>`, `<option value="segera" selected>`, `name="dari" type="date" value="2026-11-01"`} {
		if !strings.Contains(page, want) {
			t.Errorf("filter form does not keep %s", want)
		}
	}
	// The counts describe the search: Siti's is due soon, Dewi's neither; a search matching nothing counts 0.
	for query, want := range map[string][3]string{"q=anggaran": {"2", "0", "1"}, "q=anggaran&tenggat=segera": {"1", "0", "1"},
		"q=tidakadayangcocok": {"0", "0", "0"}, "tenggat=lewat": {"1", "1", "0"}} {
		page := w.ppid.get("/kantor?" + query)
		m := regexp.MustCompile(`(?s)<span>(\d+) terbuka</span>\s*<span class="flag overdue">(\d+) lewat waktu</span>\s*<span class="flag soon">(\d+) `).FindStringSubmatch(page)
		if m == nil || [3]string{m[1], m[2], m[3]} != want {
			t.Errorf("%s: counts %v, want open/overdue/soon %v", query, m, want)
		}
	}
	// Each row names the clock it is ordered by.
	if page := w.ppid.get("/kantor"); !strings.Contains(page, "Tenggat pemberitahuan tertulis") {
		t.Error("rows do not name their clock")
	}
}

func TestQueueRefusesBadFiltersWithMessages(t *testing.T) {
	t.Parallel()
	w := newQueueWorld(t)
	for query, want := range map[string]string{
		"status=entah":                        "Status tidak dikenal.",
		"unit=satu":                           "Unit tidak dikenal.",
		"petugas=kamu":                        "Petugas tidak dikenal.",
		"saluran=merpati":                     "Saluran tidak dikenal.",
		"tenggat=besok":                       "Pilih tenggat",
		"dari=kemarin":                        "Tanggal awal harus berbentuk TTTT-BB-HH.",
		"sampai=2026-13-01":                   "Tanggal akhir harus berbentuk TTTT-BB-HH.",
		"dari=2026-11-20&sampai=2026-11-10":   "Tanggal akhir tidak boleh sebelum tanggal awal.",
		"q=" + strings.Repeat("kata+", 50):    "Kata pencarian terlalu panjang",
		"dari=kemarin&q=anggaran&status=ragu": "Status tidak dikenal.",
	} {
		resp, err := w.ppid.c.Get(w.app.URL + "/kantor?" + query)
		if err != nil {
			t.Fatal(err)
		}
		page := html.UnescapeString(readBody(t, resp))
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, want) {
			t.Errorf("%s: %d, want 400 saying %q", query, resp.StatusCode, want)
		}
		if strings.Contains(page, "/kantor/permohonan/"+itoa(w.budi)+`"`) {
			t.Errorf("%s: a refused filter still lists cases", query)
		}
		for _, path := range []string{"/kantor/antrean.csv", "/kantor/antrean.xlsx", "/kantor/antrean/cetak"} {
			if st := w.ppid.status(path + "?" + query); st != http.StatusBadRequest {
				t.Errorf("%s?%s: %d, want 400", path, query, st)
			}
		}
	}
	// What was typed stays in the form.
	if page := w.ppid.get("/kantor?dari=kemarin&q=anggaran"); !strings.Contains(page, `value="kemarin"`) || !strings.Contains(page, `value="anggaran"`) {
		t.Error("a refused filter loses the officer's input")
	}
}

// csvRows reads a CSV download: its status, content type and rows.
func csvRows(t *testing.T, o *officer, path string) (int, http.Header, [][]string) {
	t.Helper()
	resp, err := o.c.Get(o.app.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil && resp.StatusCode == http.StatusOK {
		t.Fatalf("%s: %v", path, err)
	}
	return resp.StatusCode, resp.Header, rows
}

func numbersIn(rows [][]string, w *queueWorld) []int64 {
	var ids []int64
	for _, r := range rows {
		for id, n := range w.number {
			if len(r) > 0 && r[0] == n {
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	return ids
}

func TestQueueExportsHoldTheFilteredRowsOnly(t *testing.T) {
	t.Parallel()
	w := newQueueWorld(t)
	// A requester's text that a spreadsheet would run as a formula.
	w.app.Store.DB().MustExec(`UPDATE requests SET information = '=HYPERLINK("http://jahat.test","klik")' WHERE id = $1`, w.budi)

	st, h, rows := csvRows(t, w.ppid, "/kantor/antrean.csv?q=anggaran")
	if st != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") || h.Get("Cache-Control") != "no-store" ||
		!strings.Contains(h.Get("Content-Disposition"), "antrean-2026-12-02.csv") {
		t.Fatalf("csv: %d %v", st, h)
	}
	if len(rows) == 0 || rows[0][0] != "Nomor registrasi" || rows[0][8] != "Tenggat berjalan" {
		t.Fatalf("csv header %v", rows)
	}
	if got := numbersIn(rows, w); !slices.Equal(got, sorted(w.siti, w.dewi)) || len(rows) != 3 {
		t.Errorf("csv rows %v (%d lines), want Siti's and Dewi's only", got, len(rows))
	}
	_, _, rows = csvRows(t, w.ppid, "/kantor/antrean.csv?tenggat=lewat")
	if len(rows) != 2 || !strings.HasPrefix(rows[1][3], `'=HYPERLINK`) {
		t.Errorf("overdue csv %v: want Budi's row with the formula neutralised", rows)
	}

	resp, err := w.ppid.c.Get(w.app.URL + "/kantor/antrean.xlsx?saluran=letter")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("xlsx: %d %v", resp.StatusCode, resp.Header)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	xrows, err := f.GetRows("Antrean")
	if err != nil {
		t.Fatal(err)
	}
	if got := numbersIn(xrows, w); !slices.Equal(got, sorted(w.siti)) || len(xrows) != 2 || xrows[1][2] != "Siti Aminah" {
		t.Errorf("xlsx rows %v, want Siti's only", xrows)
	}

	page := w.ppid.get("/kantor/antrean/cetak?q=anggaran")
	if ids := linkedIDs(page, "/kantor/permohonan/"); len(ids) != 0 {
		t.Errorf("print view links %v", ids)
	}
	if !strings.Contains(page, w.number[w.siti]) || !strings.Contains(page, w.number[w.dewi]) || strings.Contains(page, w.number[w.budi]) {
		t.Error("print view does not hold exactly the filtered rows")
	}
	// The queue page links to the exports with its filters.
	if page := html.UnescapeString(w.ppid.get("/kantor?q=anggaran&saluran=phone")); !strings.Contains(page, `/kantor/antrean.csv?q=anggaran&saluran=phone`) ||
		!strings.Contains(page, `/kantor/antrean.xlsx?q=anggaran&saluran=phone`) || !strings.Contains(page, `/kantor/antrean/cetak?q=anggaran&saluran=phone`) {
		t.Error("export links lose the filters")
	}

	// Past its bound an export is cut, and says so.
	cloneRequests(t, w.app, w.budi, w.mainUnit, 5001)
	_, _, rows = csvRows(t, w.ppid, "/kantor/antrean.csv")
	if len(rows) != 1+5000+1 || !strings.HasPrefix(rows[len(rows)-1][0], "Daftar dipotong: hanya 5000 baris pertama") {
		t.Errorf("a long export has %d lines, last %v", len(rows), rows[len(rows)-1])
	}
}

func TestQueuePagingKeepsFilters(t *testing.T) {
	t.Parallel()
	w := newQueueWorld(t)
	clones := cloneRequests(t, w.app, w.dewi, w.mainUnit, 60) // "anggaran", by phone, assigned to the PPID
	cloneRequests(t, w.app, w.budi, w.mainUnit, 60)           // neither
	page := html.UnescapeString(w.ppid.get("/kantor?q=anggaran&saluran=phone&petugas=saya"))
	next := regexp.MustCompile(`<a href="(/kantor\?[^"]*)" rel="next">`).FindStringSubmatch(page)
	if next == nil {
		t.Fatal("no link to page 2")
	}
	u, _ := url.Parse(next[1])
	if v := u.Query(); v.Get("q") != "anggaran" || v.Get("saluran") != "phone" || v.Get("petugas") != "saya" || v.Get("halaman") != "2" {
		t.Errorf("page 2 link %s loses the filters", next[1])
	}
	want := sorted(append(slices.Clone(clones), w.dewi)...)
	if got := w.ids(w.ppid, "q=anggaran&saluran=phone&petugas=saya"); !slices.Equal(got, want) {
		t.Errorf("paged filtered queue lists %d cases, want the %d matching ones", len(got), len(want))
	}
	page2 := html.UnescapeString(w.ppid.get(next[1]))
	if prev := regexp.MustCompile(`<a href="(/kantor\?[^"]*)" rel="prev">`).FindStringSubmatch(page2); prev == nil || !strings.Contains(prev[1], "q=anggaran") {
		t.Errorf("page 1 link from page 2 loses the filters: %v", prev)
	}
}

func TestQueueScopeHoldsThroughEveryFilterAndExport(t *testing.T) {
	t.Parallel()
	w := newQueueWorld(t)
	others := []int64{w.budi, w.siti, w.dewi}
	for _, query := range []string{"", "q=anggaran", "q=" + url.QueryEscape(w.number[w.siti]), "q=Budi", "q=" + url.QueryEscape("dewi@contoh.id"),
		"unit=" + w.mainUnit, "petugas=" + w.ppidID, "tenggat=lewat", "tenggat=segera", "saluran=letter", "dari=2026-11-01"} {
		for _, id := range w.ids(w.dinas, query) {
			if slices.Contains(others, id) {
				t.Errorf("Dinas Kesehatan's queue (%s) lists case %d of another unit", query, id)
			}
		}
		_, _, rows := csvRows(t, w.dinas, "/kantor/antrean.csv?"+query)
		xresp, _ := w.dinas.c.Get(w.app.URL + "/kantor/antrean.xlsx?" + query)
		xb, _ := io.ReadAll(xresp.Body)
		xresp.Body.Close()
		printed := w.dinas.get("/kantor/antrean/cetak?" + query)
		for _, id := range others {
			if slices.Contains(numbersIn(rows, w), id) {
				t.Errorf("Dinas Kesehatan's CSV (%s) holds case %d of another unit", query, id)
			}
			if strings.Contains(printed, w.number[id]) {
				t.Errorf("Dinas Kesehatan's print view (%s) holds case %d of another unit", query, id)
			}
			if f, err := excelize.OpenReader(bytes.NewReader(xb)); err == nil {
				xrows, _ := f.GetRows("Antrean")
				if slices.Contains(numbersIn(xrows, w), id) {
					t.Errorf("Dinas Kesehatan's XLSX (%s) holds case %d of another unit", query, id)
				}
			}
		}
	}
	if got := w.ids(w.dinas, ""); !slices.Equal(got, sorted(w.rahmat)) {
		t.Errorf("Dinas Kesehatan's queue %v, want its own case only", got)
	}
	// Its officer filter offers only its own officers.
	if page := w.dinas.get("/kantor"); strings.Contains(page, `<option value="`+w.petugasID+`"`) {
		t.Error("a PPID Pelaksana is offered another unit's officer")
	}
}

func TestQueueBulkAssignment(t *testing.T) {
	t.Parallel()
	w := newQueueWorld(t)
	assigned := func(id int64) string {
		return idOf(t, w.app, `SELECT coalesce(assigned_to::text, '') FROM requests WHERE id = $1`, id)
	}
	form := url.Values{"officer_id": {w.petugasID}, "id": {itoa(w.budi), itoa(w.siti)}, "kembali": {"/kantor?q=Budi"}}
	st, flash, page := w.ppid.post("/kantor/antrean/tugaskan", form)
	if st != http.StatusSeeOther || flashKind(page) != flashDone || !strings.Contains(flash, "2 permohonan ditugaskan.") {
		t.Fatalf("bulk assignment: %d %q", st, flash)
	}
	if assigned(w.budi) != w.petugasID || assigned(w.siti) != w.petugasID {
		t.Error("the selected cases are not assigned")
	}
	// Each went through the assignment step: its history row and status.
	if kinds := eventKinds(t, w.app, "/kantor/permohonan/"+itoa(w.budi), false); !slices.Contains(kinds, "assigned") {
		t.Errorf("no assignment in the history: %v", kinds)
	}

	// A PPID Pelaksana selecting another unit's case: that one is refused, its own is assigned.
	dinasID := idOf(t, w.app, `SELECT id::text FROM users WHERE email = 'dinkes@uji.test'`)
	before := assigned(w.dewi)
	st, flash, page = w.dinas.post("/kantor/antrean/tugaskan", url.Values{"officer_id": {dinasID}, "id": {itoa(w.dewi), itoa(w.rahmat)}})
	flash = html.UnescapeString(flash)
	if st != http.StatusSeeOther || flashKind(page) != flashRefused || !strings.Contains(flash, "1 permohonan ditugaskan.") ||
		!strings.Contains(flash, "#"+itoa(w.dewi)+": tidak ditemukan") {
		t.Errorf("out-of-scope bulk assignment: %d %q", st, flash)
	}
	if assigned(w.dewi) != before || assigned(w.rahmat) != dinasID {
		t.Error("the out-of-scope case changed, or the own case was not assigned")
	}

	// Nothing selected, no officer, another site's address to return to: refused or ignored.
	if _, flash, _ := w.ppid.post("/kantor/antrean/tugaskan", url.Values{"officer_id": {w.petugasID}}); !strings.Contains(flash, "Pilih permohonan") {
		t.Errorf("nothing selected: %q", flash)
	}
	if _, flash, _ := w.ppid.post("/kantor/antrean/tugaskan", url.Values{"id": {itoa(w.budi)}}); !strings.Contains(flash, "Pilih petugas") {
		t.Errorf("no officer: %q", flash)
	}
	form.Set("kembali", "//jahat.test/")
	form.Set("csrf_token", csrfFrom(t, w.ppid.c, w.app.URL+"/kantor"))
	w.ppid.c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := w.ppid.c.PostForm(w.app.URL+"/kantor/antrean/tugaskan", form)
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	if loc := resp.Header.Get("Location"); loc != "/kantor" {
		t.Errorf("redirect to %q after a foreign return address", loc)
	}
	// An atasan may not assign: the route's permission.
	atasan := signIn(t, w.app, "atasan@uji.test", "atasan", "rahasia-atasan")
	if st, _, _ := atasan.post("/kantor/antrean/tugaskan", url.Values{"officer_id": {w.petugasID}, "id": {itoa(w.dewi)}}); st != http.StatusForbidden {
		t.Errorf("atasan bulk assignment: %d", st)
	}
}

func TestQueueIsCardsOnAPhone(t *testing.T) {
	t.Parallel()
	w := newQueueWorld(t)
	page := w.ppid.get("/kantor")
	table := regexp.MustCompile(`(?s)<table class="queue queue-cards">.*?</table>`).FindString(page)
	if table == "" {
		t.Fatal("no queue table with the card layout")
	}
	cells := regexp.MustCompile(`<td[ >]`).FindAllString(table, -1)
	labelled := regexp.MustCompile(`<td data-label="[^"]+">`).FindAllString(table, -1)
	if len(cells) == 0 || len(cells) != len(labelled) {
		t.Errorf("%d cells, %d with a data-label: every cell names its column on a card", len(cells), len(labelled))
	}
	css := w.ppid.get("/static/style.css")
	block := regexp.MustCompile(`(?s)@media \(max-width: 37\.5rem\) \{\s*table\.queue-cards thead \{[^}]*\}\s*table\.queue-cards tr \{ display: block;[^}]*\}\s*table\.queue-cards td \{ display: grid;[^}]*\}\s*table\.queue-cards td::before \{ content: attr\(data-label\);`).FindString(css)
	if block == "" {
		t.Error("style.css has no card layout for the queue at ≤ 600 px")
	}
	if regexp.MustCompile(`(?s)@media \(max-width: 37\.5rem\) \{[^@]*table\.queue-cards[^@]*overflow-x`).MatchString(css) {
		t.Error("the phone layout scrolls the queue sideways")
	}
}

// TestQueueClockFollowsAHoliday: a holiday entered by the administrator moves the deadlines of
// open cases later; the queue's stored clock moves with them, both a notice still due and an
// atasan's 30 working days, so the queue never orders by a date the case page no longer shows.
func TestQueueClockFollowsAHoliday(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	admin := signInAdmin(t, app)
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	plain, _, _ := submitViaAPI(t, app)
	objected, number, code := submitViaAPI(t, app)
	api := strings.Replace(objected, "/kantor/", "/api/v1/kantor/", 1)
	if st, out := ppid.postJSON(api+"/decide", map[string]any{"kind": "dikabulkan", "notice_at": "2026-11-02T09:00:00+07:00",
		"information_given": "Rekap", "form": "softcopy", "cost": "Tanpa biaya", "delivery_time": "Hari ini"}); st != 200 {
		t.Fatalf("decide: %d %v", st, out)
	}
	app.Clock.Set(time.Date(2026, 11, 3, 10, 0, 0, 0, jakarta))
	if resp, out := postJSON(t, app.URL+"/api/v1/objections", map[string]any{"registration_number": number, "tracking_code": code,
		"grounds": []string{"d"}, "reasons": "Informasi yang diberikan bukan yang saya minta."}); resp.StatusCode != http.StatusCreated {
		t.Fatalf("objection: %d %v", resp.StatusCode, out)
	}
	clock := func(path string) string {
		return idOf(t, app, `SELECT clock_kind || ' ' || clock_due::text FROM requests WHERE id = $1`, caseIDOf(path))
	}
	if a, b := clock(plain), clock(objected); a != "response 2026-11-16" || b != "objection_response 2026-12-15" {
		t.Fatalf("clocks before the holiday: %s, %s", a, b)
	}
	if st, kind, _ := admin.postStep("/kantor/admin/hari-libur", url.Values{"date": {"2026-11-10"}, "name": {"Hari Libur Uji"}, "kind": {"libur"}}); st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("add holiday: %d %q", st, kind)
	}
	if a, b := clock(plain), clock(objected); a != "response 2026-11-17" || b != "objection_response 2026-12-16" {
		t.Errorf("clocks after the holiday: %s, %s; want response 2026-11-17, objection_response 2026-12-16", a, b)
	}
}
