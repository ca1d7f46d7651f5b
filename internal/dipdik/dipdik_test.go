package dipdik

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lib/pq"
	"github.com/xuri/excelize/v2"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/store"
)

var wib = time.FixedZone("WIB", 7*3600)

var generated = time.Date(2026, 11, 27, 14, 5, 0, 0, wib)

func dipRows() []store.DIPRow {
	return []store.DIPRow{
		{PublicID: "abcdefgh12", Title: "Laporan Keuangan 2025", Summary: "Neraca, laporan realisasi anggaran dan catatan atas laporan keuangan.",
			Category: "berkala", UnitName: "Bagian Keuangan", Responsible: "Kepala Bagian Keuangan", MadeTime: "Maret 2026",
			MadePlace: "Bandung", Form: "softcopy_hardcopy", Retention: "10 tahun", Year: 2025},
		{PublicID: "zyxwvuts98", Title: "Peringatan Dini Banjir Citarum", Summary: "Peta genangan dan jalur evakuasi — diperbarui tiap jam.",
			Category: "serta_merta", UnitName: "BPBD", Responsible: "Kepala Pelaksana BPBD", MadeTime: "Januari 2026",
			Form: "softcopy", Retention: "Selama berlaku", Year: 2026},
	}
}

func dikRows() []store.DIKRow {
	return []store.DIKRow{
		{RegistrationNumber: "0001/PPID/XI/2026", Disclosed: true, Information: "Rekam medis pegawai Dinas Kesehatan",
			ExemptionLetters: pq.StringArray{"h"}, LegalBasis: "UU 14/2008 Pasal 17 huruf h angka 2",
			Harm: "Membuka riwayat kesehatan pribadi.", PublicInterest: "Tidak ada kepentingan publik yang lebih besar.",
			NoticeAt: time.Date(2026, 11, 19, 18, 30, 0, 0, time.UTC)}, // 20 November in Jakarta
		{RegistrationNumber: "0002/PPID/XI/2026", Disclosed: false, Information: "bocor bila dicetak",
			ExemptionLetters: pq.StringArray{"a", "i"}, LegalBasis: "Pasal 17 huruf a dan i",
			Harm: "Menghambat penyidikan.", PublicInterest: "Penyidikan sedang berjalan.",
			NoticeAt: time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC)},
	}
}

func TestDIPEntriesAndTable(t *testing.T) {
	es := DIPEntries(dipRows())
	if es[0].No != 1 || es[1].No != 2 {
		t.Errorf("numbers %d, %d", es[0].No, es[1].No)
	}
	if es[0].Path != "/dokumen/abcdefgh12/laporan-keuangan-2025" || es[0].CategoryLabel != "Informasi berkala" ||
		es[0].Form != "Softcopy dan hardcopy" || es[0].Made() != "Maret 2026, Bandung" || es[1].Made() != "Januari 2026" {
		t.Errorf("entry %+v", es[0])
	}
	tb := DIPTable(es, "PPID Kota Contoh", generated, "https://ppid.contoh.go.id/")
	want := []string{"1", "Laporan Keuangan 2025\nNeraca, laporan realisasi anggaran dan catatan atas laporan keuangan.",
		"Informasi berkala", "Bagian Keuangan", "Kepala Bagian Keuangan", "Maret 2026, Bandung", "Softcopy dan hardcopy",
		"10 tahun", "https://ppid.contoh.go.id/dokumen/abcdefgh12/laporan-keuangan-2025"}
	if !slices.Equal(tb.Rows[0], want) {
		t.Errorf("row\n got %q\nwant %q", tb.Rows[0], want)
	}
	for _, r := range tb.Rows {
		if len(r) != len(tb.Columns) {
			t.Errorf("row has %d cells for %d columns", len(r), len(tb.Columns))
		}
	}
}

func TestDIKEntriesHideUnconsentedInformation(t *testing.T) {
	es := DIKEntries(dikRows(), wib)
	if es[0].Information != "Rekam medis pegawai Dinas Kesehatan" || es[0].Decided != calendar.NewDate(2026, 11, 20) {
		t.Errorf("consented entry %+v", es[0])
	}
	if es[1].Information != "Informasi yang dimohon pada permohonan 0002/PPID/XI/2026" {
		t.Errorf("unconsented information shown: %q", es[1].Information)
	}
	if es[0].Exemption != "UU 14/2008 Pasal 17 huruf h (mengungkap rahasia pribadi)" {
		t.Errorf("exemption %q", es[0].Exemption)
	}
	if got := es[1].Basis(); got != "UU 14/2008 Pasal 17 huruf a (menghambat proses penegakan hukum); huruf i "+
		"(memorandum atau surat antar/intra badan publik yang dirahasiakan)\nPasal 17 huruf a dan i" {
		t.Errorf("basis %q", got)
	}
	tb := DIKTable(es, "PPID Kota Contoh", generated)
	if tb.Rows[1][5] != "2026-11-24" || tb.Rows[1][8] != "0002/PPID/XI/2026" {
		t.Errorf("row %q", tb.Rows[1])
	}
	for _, r := range tb.Rows {
		if strings.Contains(strings.Join(r, " "), "bocor") {
			t.Error("unconsented text reached the table")
		}
	}
}

func TestListsFilename(t *testing.T) {
	if got := Filename("DIP", "serta_merta", generated, "pdf"); got != "dip-serta-merta-2026-11-27.pdf" {
		t.Errorf("filename %q", got)
	}
	if got := Filename("DIK", "", generated, "xlsx"); got != "dik-2026-11-27.xlsx" {
		t.Errorf("filename %q", got)
	}
}

func tables() map[string]Table {
	return map[string]Table{
		"DIP":       DIPTable(DIPEntries(dipRows()), "PPID Kota Contoh", generated, ""),
		"DIK":       DIKTable(DIKEntries(dikRows(), wib), "PPID Kota Contoh", generated),
		"DIP empty": DIPTable(nil, "PPID Kota Contoh", generated, ""),
	}
}

func TestListsXLSXReadsBackTheRows(t *testing.T) {
	for name, tb := range tables() {
		t.Run(name, func(t *testing.T) {
			b, err := XLSX(tb)
			if err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if sheets := f.GetSheetList(); !slices.Equal(sheets, []string{tb.Name, "Keterangan"}) {
				t.Errorf("sheets %v", sheets)
			}
			rows, err := f.GetRows(tb.Name)
			if err != nil {
				t.Fatal(err)
			}
			var titles []string
			for _, c := range tb.Columns {
				titles = append(titles, c.Title)
			}
			if len(rows) != len(tb.Rows)+1 || !slices.Equal(rows[0], titles) {
				t.Fatalf("read %d rows, header %q", len(rows), rows[0])
			}
			for i, want := range tb.Rows {
				got := rows[i+1]
				for len(got) < len(want) { // GetRows drops trailing empty cells
					got = append(got, "")
				}
				if !slices.Equal(got, want) {
					t.Errorf("row %d\n got %q\nwant %q", i+1, got, want)
				}
			}

			style, err := f.GetCellStyle(tb.Name, "B1")
			if err != nil {
				t.Fatal(err)
			}
			if s, err := f.GetStyle(style); err != nil || s.Font == nil || !s.Font.Bold {
				t.Error("header row is not bold")
			}
			panes, err := f.GetPanes(tb.Name)
			if err != nil || !panes.Freeze || panes.YSplit != 1 {
				t.Errorf("header not frozen: %+v %v", panes, err)
			}
			if w, err := f.GetColWidth(tb.Name, "B"); err != nil || w != tb.Columns[1].XLSXWidth {
				t.Errorf("column B width %v, want %v", w, tb.Columns[1].XLSXWidth)
			}
			if len(tb.Rows) > 0 {
				if typ, _ := f.GetCellType(tb.Name, "A2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
					t.Errorf("No. stored as %v, want a number", typ)
				}
			}
			about, _ := f.GetRows("Keterangan")
			if len(about) < 4 || about[1][1] != "PPID Kota Contoh" || about[2][1] != "27 November 2026 14:05 WIB" {
				t.Errorf("Keterangan sheet %q", about)
			}
		})
	}
}

// tjRe finds the strings an uncompressed PDF shows.
var tjRe = regexp.MustCompile(`\(((?:[^()\\]|\\.)*)\)\s*Tj`)

// cp1252Quotes decodes the cp1252 bytes the tests print; other bytes equal their Latin-1 code point.
var cp1252Quotes = map[byte]rune{0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x96: '–', 0x97: '—'}

// pdfText is the shown text of an uncompressed PDF, decoded to UTF-8 and joined by single
// spaces so a wrapped phrase is still found.
func pdfText(pdf []byte) string {
	var parts []string
	for _, m := range tjRe.FindAllSubmatch(pdf, -1) {
		var b strings.Builder
		s := m[1]
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c == '\\' && i+1 < len(s) {
				i++
				c = s[i]
			}
			if q, ok := cp1252Quotes[c]; ok {
				b.WriteRune(q)
			} else {
				b.WriteRune(rune(c))
			}
		}
		parts = append(parts, b.String())
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

var pageRe = regexp.MustCompile(`/Type /Page\b`)

func TestListsPDF(t *testing.T) {
	for name, tb := range tables() {
		t.Run(name, func(t *testing.T) {
			b, err := PDF(tb)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(b, "\r\n"), []byte("%%EOF")) {
				t.Fatalf("not a PDF: %q", b[:min(len(b), 8)])
			}
			raw, err := renderPDF(tb, pdfOptions{uncompressed: true})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(raw, []byte("/MediaBox [0 0 841.89 595.28]")) {
				t.Error("not A4 landscape")
			}
			text := pdfText(raw)
			for _, want := range []string{tb.Office, tb.Title, "Dibuat pada 27 November 2026 14:05 WIB", "Halaman 1 dari 1"} {
				if !strings.Contains(text, want) {
					t.Errorf("PDF lacks %q", want)
				}
			}
			for _, c := range tb.Columns {
				if strings.Contains(text, c.Title) == c.XLSXOnly {
					t.Errorf("column %q printed: %v, want %v", c.Title, !c.XLSXOnly, !c.XLSXOnly)
				}
			}
			if len(tb.Rows) == 0 && !strings.Contains(text, tb.Empty) {
				t.Error("an empty list does not say so")
			}
		})
	}
	// Cells as printed: the DIK's date the Indonesian way, wrapped text whole.
	raw, _ := renderPDF(tables()["DIK"], pdfOptions{uncompressed: true})
	text := pdfText(raw)
	for _, want := range []string{"24 November 2026", "Informasi yang dimohon pada permohonan 0002/PPID/XI/2026",
		"UU 14/2008 Pasal 17 huruf h (mengungkap rahasia pribadi)", "Tidak ada kepentingan publik yang lebih besar."} {
		if !strings.Contains(text, want) {
			t.Errorf("DIK PDF lacks %q", want)
		}
	}
	raw, _ = renderPDF(tables()["DIP"], pdfOptions{uncompressed: true})
	if text := pdfText(raw); !strings.Contains(text, "Peta genangan dan jalur evakuasi — diperbarui tiap jam.") {
		t.Errorf("DIP PDF lacks the summary with its dash: %q", text)
	}
}

func TestListsPDFLongListsSpanPagesWithHeaders(t *testing.T) {
	var rows []store.DIPRow
	for i := range 60 {
		r := dipRows()[0]
		r.Title = fmt.Sprintf("Dokumen %02d", i+1)
		r.Summary = strings.Repeat("Ringkasan yang panjang sekali. ", 5+i%7)
		rows = append(rows, r)
	}
	// One summary longer than a page must flow over pages, not be cut.
	rows[10].Summary = strings.Repeat("Kalimat ringkasan yang sangat panjang untuk satu baris. ", 120) + "AKHIR-RINGKASAN"
	tb := DIPTable(DIPEntries(rows), "PPID Kota Contoh", generated, "")
	raw, err := renderPDF(tb, pdfOptions{uncompressed: true})
	if err != nil {
		t.Fatal(err)
	}
	pages := len(pageRe.FindAll(raw, -1))
	if pages < 4 {
		t.Fatalf("%d pages, want at least 4", pages)
	}
	text := pdfText(raw)
	if n := strings.Count(text, "Ringkasan isi informasi"); n != pages {
		t.Errorf("header printed %d times on %d pages", n, pages)
	}
	if want := fmt.Sprintf("Halaman %d dari %d", pages, pages); !strings.Contains(text, want) || strings.Contains(text, "{nb}") {
		t.Errorf("last footer %q missing", want)
	}
	for _, want := range []string{"Dokumen 01", "Dokumen 60", "AKHIR-RINGKASAN"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
	if strings.Index(text, "AKHIR-RINGKASAN") > strings.Index(text, "Dokumen 12") {
		t.Error("the long row's end is printed after the next row")
	}
}

func TestListsPDFCharactersOutsideCP1252(t *testing.T) {
	r := dipRows()[0]
	r.Title = "Laporan 📄 Kinerja – ‘Triwulan’ Ⅱ"
	raw, err := renderPDF(DIPTable(DIPEntries([]store.DIPRow{r}), "Dinas Pendidikan Kab. Contoh", generated, ""), pdfOptions{uncompressed: true})
	if err != nil {
		t.Fatal(err)
	}
	if text := pdfText(raw); !strings.Contains(text, "Laporan ? Kinerja – ‘Triwulan’ ?") {
		t.Errorf("title printed as %q", text)
	}
}
