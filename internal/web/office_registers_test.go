package web_test

import (
	"bytes"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// The office registers in the Perki form: every Perki column, only the officer's unit's rows,
// the NIK masked, never cached, officers only.

// fetchFile downloads path as the officer and returns the status, headers and body.
func (o *officer) fetchFile(path string) (int, http.Header, []byte) {
	o.t.Helper()
	resp, err := o.c.Get(o.app.URL + path)
	if err != nil {
		o.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		o.t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

// sheetRows reads the first sheet of an XLSX download.
func sheetRows(t *testing.T, b []byte) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not an XLSX: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// registerNumbers is the "Nomor ..." column (the second) of every data row.
func registerNumbers(rows [][]string) []string {
	var out []string
	for _, r := range rows[1:] {
		if len(r) > 1 {
			out = append(out, r[1])
		}
	}
	slices.Sort(out)
	return out
}

func TestOfficeRegistersHavePerkiColumnsAndStayInTheUnit(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 4, 9, 0, 0, 0, jakarta))
	path, number, _ := submitViaAPI(t, app)
	unitB := addUnit(t, app, "PPID Pelaksana Dinas Uji")
	other := cloneRequests(t, app, caseIDOf(path), unitB, 1)
	app.Store.DB().MustExec(`UPDATE requests SET requester_name = 'Budi Unit Lain' WHERE id = $1`, other[0])
	addOpenObjections(t, app, []int64{caseIDOf(path), other[0]}, func(int) string { return "2026-12-15" })
	var otherNumber string
	app.Store.DB().Get(&otherNumber, `SELECT registration_number FROM requests WHERE id = $1`, other[0])

	main := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	pelaksana := signInUnit(t, app, "pelaksana@uji.test", "ppid", unitB)

	// The request register: the Perki 1/2010 columns, in the officer's scope only.
	perki := []string{"No.", "Nomor registrasi", "Tanggal permohonan", "Nama pemohon", "NIK / nomor SK badan hukum", "Alamat",
		"Nomor kontak", "Pekerjaan", "Informasi yang diminta", "Tujuan penggunaan informasi", "Status informasi",
		"Bentuk informasi yang dikuasai", "Jenis permohonan", "Keputusan", "Alasan penolakan",
		"Tanggal pemberitahuan tertulis", "Tanggal penyerahan informasi", "Biaya"}
	st, h, b := main.fetchFile("/kantor/register/permohonan.xlsx?tahun=2026")
	if st != http.StatusOK {
		t.Fatalf("request register: %d", st)
	}
	if cc := h.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("a register with personal data is cacheable: %q", cc)
	}
	rows := sheetRows(t, b)
	header := strings.Join(rows[0], " | ")
	for _, col := range perki {
		if !strings.Contains(header, col) {
			t.Errorf("request register lacks the Perki column %q: %s", col, header)
		}
	}
	if got := registerNumbers(rows); !slices.Equal(got, []string{number, otherNumber}) {
		t.Errorf("PPID Utama sees %v, want both units' %v", got, []string{number, otherNumber})
	}
	all := strings.Join(slices.Concat(rows...), "\n")
	if strings.Contains(all, validNIK) || !strings.Contains(all, "32**********0003") {
		t.Errorf("the NIK is not masked in the register")
	}

	_, _, b = pelaksana.fetchFile("/kantor/register/permohonan.xlsx?tahun=2026")
	rows = sheetRows(t, b)
	if got := registerNumbers(rows); !slices.Equal(got, []string{otherNumber}) {
		t.Errorf("PPID Pelaksana sees %v, want only its unit's %s", got, otherNumber)
	}
	if all := strings.Join(slices.Concat(rows...), "\n"); strings.Contains(all, "Siti Aminah") {
		t.Errorf("another unit's requester is in the register")
	}
	// Another year has none of these rows.
	_, _, b = main.fetchFile("/kantor/register/permohonan.xlsx?tahun=2025")
	if rows := sheetRows(t, b); len(rows) != 1 {
		t.Errorf("2025 register has %d rows, want the header only", len(rows))
	}

	// The objection register: its Perki columns, in scope.
	objCols := []string{"Nomor keberatan", "Tanggal diterima", "Identitas pemohon / kuasa pemohon", "Nomor registrasi permohonan",
		"Informasi yang diminta", "Tujuan penggunaan informasi", "Alasan pengajuan keberatan", "Keputusan atasan PPID",
		"Tanggal tanggapan", "Nama dan jabatan atasan PPID", "Tanggapan pemohon"}
	_, _, b = main.fetchFile("/kantor/register/keberatan.xlsx?tahun=2026")
	rows = sheetRows(t, b)
	header = strings.Join(rows[0], " | ")
	for _, col := range objCols {
		if !strings.Contains(header, col) {
			t.Errorf("objection register lacks the Perki column %q: %s", col, header)
		}
	}
	if len(rows) != 3 {
		t.Errorf("PPID Utama's objection register has %d data rows, want 2", len(rows)-1)
	}
	_, _, b = pelaksana.fetchFile("/kantor/register/keberatan.xlsx?tahun=2026")
	rows = sheetRows(t, b)
	if len(rows) != 2 || rows[1][4] != otherNumber {
		t.Errorf("PPID Pelaksana's objection register: %v", rows)
	}

	// PDFs of both, and the queue links to them.
	for _, p := range []string{"/kantor/register/permohonan.pdf?tahun=2026", "/kantor/register/keberatan.pdf"} {
		st, h, b := pelaksana.fetchFile(p)
		if st != http.StatusOK || h.Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(b, []byte("%PDF")) {
			t.Errorf("%s: %d %s", p, st, h.Get("Content-Type"))
		}
	}
	if page := main.get("/kantor"); !strings.Contains(page, `formaction="/kantor/register/permohonan.xlsx"`) ||
		!strings.Contains(page, `formaction="/kantor/register/keberatan.pdf"`) {
		t.Errorf("the queue does not link the registers")
	}
	if st, _, _ := main.fetchFile("/kantor/register/permohonan.xlsx?tahun=dua"); st != http.StatusBadRequest {
		t.Errorf("bad year: %d", st)
	}

	// Not signed in: no register.
	resp, err := newClient(t).Get(app.URL + "/kantor/register/permohonan.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		t.Errorf("the register is served without a session")
	}
}
