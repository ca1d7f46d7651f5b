package textextract

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
)

// Search snippets read "T ahun 2026" when a PDF places a word in several runs (kerning, one glyph
// at a time): every position operator counted as a word break. These PDFs place runs as word
// processors and reporting tools do; the extracted text must keep each word whole and still
// separate words and lines.

// helveticaWidth is the width of s in Helvetica at size, in points, from fpdf's metrics.
func helveticaWidth(s string, size float64) float64 {
	doc := fpdf.New("P", "pt", "A4", "")
	doc.SetFont("Helvetica", "", size)
	return doc.GetStringWidth(s)
}

func onePagePDF(content string) []byte {
	return rawPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		stream(content),
		helvetica)
}

// fpdfEachGlyph draws text one glyph at a time at its advance, with a kerning pair tightened, as
// tools that position every character do; words are separated by a space's width.
func fpdfEachGlyph(t *testing.T, lines ...string) []byte {
	t.Helper()
	doc := fpdf.New("P", "pt", "A4", "")
	doc.SetFont("Helvetica", "", 12)
	doc.AddPage()
	for i, line := range lines {
		x, y := 72.0, 100+float64(i)*18
		for j, r := range line {
			ch := string(r)
			if ch != " " {
				doc.Text(x, y, ch)
			}
			x += doc.GetStringWidth(ch)
			if j+1 < len(line) && line[j:j+2] == "Ta" {
				x -= 0.9 // the kerning pair T–a, as a word processor sets it
			}
		}
	}
	var b bytes.Buffer
	if err := doc.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// fpdfJustified sets a paragraph justified (word spacing through Tw) over several lines.
func fpdfJustified(t *testing.T, text string) []byte {
	t.Helper()
	doc := fpdf.New("P", "mm", "A4", "")
	doc.SetFont("Times", "", 11)
	doc.AddPage()
	doc.MultiCell(80, 5, text, "", "J", false)
	var b bytes.Buffer
	if err := doc.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestExtractPDFKeepsWordsWhole(t *testing.T) {
	tahun := helveticaWidth("T", 12)
	rencana := helveticaWidth("Rencana", 12)
	pem := helveticaWidth("Pem", 12)
	space := helveticaWidth(" ", 12)
	justified := "Laporan realisasi anggaran Dinas Pendidikan Tahun 2026 memuat rencana pembangunan gedung sekolah, " +
		"pengadaan buku pelajaran, dan penganggaran belanja pegawai yang diumumkan secara berkala kepada masyarakat."
	tests := []struct {
		name string
		data []byte
		want []string // in order
		not  []string
	}{
		{"a kerned word in two runs moved by Td", onePagePDF(fmt.Sprintf(
			"BT /F1 12 Tf 72 700 Td (T) Tj %.2f 0 Td (ahun 2026) Tj ET", tahun-0.9)),
			[]string{"Tahun 2026"}, []string{"T ahun"}},
		{"runs placed by Tm, a word gap and a kerned join", onePagePDF(fmt.Sprintf(
			"BT /F1 12 Tf 1 0 0 1 72 700 Tm (Rencana) Tj 1 0 0 1 %.2f 700 Tm (Pem) Tj 1 0 0 1 %.2f 700 Tm (bangunan) Tj ET",
			72+rencana+space, 72+rencana+space+pem+0.3)),
			[]string{"Rencana Pembangunan"}, []string{"Pem bangunan", "RencanaPem"}},
		{"each run in its own BT block on one line", onePagePDF(fmt.Sprintf(
			"BT /F1 12 Tf 72 700 Td (Ren) Tj ET BT /F1 12 Tf %.2f 700 Td (cana) Tj ET BT /F1 12 Tf 72 680 Td (Kerja) Tj ET",
			72+helveticaWidth("Ren", 12))),
			[]string{"Rencana\nKerja"}, []string{"Ren cana"}},
		{"TJ kerning inside, a word gap between", onePagePDF("BT /F1 12 Tf 72 700 Td [(T) 80 (ahun) -280 (Anggaran)] TJ ET"),
			[]string{"Tahun Anggaran"}, nil},
		{"fpdf, one glyph at a time", fpdfEachGlyph(t, "Tahun Anggaran 2026", "Rencana Kerja Dinas"),
			[]string{"Tahun Anggaran 2026", "Rencana Kerja Dinas"}, []string{"T ahun"}},
		{"fpdf, justified paragraph", fpdfJustified(t, justified),
			[]string{"Laporan realisasi anggaran", "Tahun 2026", "penganggaran belanja pegawai"}, nil},
		{"fpdf, the portal's test file", pdfFile(t),
			[]string{"Laporan Dinas Pendidikan", "rencana penganggaran tahun 2026", "Uraian Pagu", "Belanja 1.250.000.000"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Extract(context.Background(), typePDF, tt.data)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			flat := strings.Join(strings.Fields(got), " ")
			rest := got
			for _, w := range tt.want {
				in := rest
				if !strings.Contains(w, "\n") { // a wanted phrase may wrap
					in = strings.ReplaceAll(rest, "\n", " ")
				}
				i := strings.Index(in, w)
				if i < 0 {
					t.Fatalf("text %q lacks %q (in order)", got, w)
				}
				rest = in[i+len(w):]
			}
			for _, n := range tt.not {
				if strings.Contains(flat, n) {
					t.Errorf("text %q splits or glues words: %q", got, n)
				}
			}
		})
	}
}
