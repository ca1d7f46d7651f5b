package textextract

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
)

const pdfBody = "Dokumen ini memuat rencana penganggaran tahun 2026 yang disusun oleh Dinas Pendidikan " +
	"Kabupaten Bandung sebagai informasi yang wajib disediakan dan diumumkan secara berkala."

// pdfFile renders two pages of Indonesian text, compressed as real generators do.
func pdfFile(t testing.TB) []byte { return pdfWith(t, nil) }

func pdfWith(t testing.TB, setup func(*fpdf.Fpdf)) []byte {
	t.Helper()
	doc := fpdf.New("P", "mm", "A4", "")
	if setup != nil {
		setup(doc)
	}
	doc.SetFont("Helvetica", "B", 14)
	doc.AddPage()
	doc.Cell(0, 10, "Laporan Dinas Pendidikan")
	doc.Ln(12)
	doc.SetFont("Helvetica", "", 11)
	doc.MultiCell(0, 6, pdfBody, "", "L", false)
	doc.AddPage()
	doc.Cell(40, 8, "Uraian")
	doc.Cell(40, 8, "Pagu")
	doc.Ln(8)
	doc.Cell(40, 8, "Belanja")
	doc.Cell(40, 8, "1.250.000.000")
	var buf bytes.Buffer
	if err := doc.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rawPDF assembles a PDF from numbered object bodies (object 1 is the catalog), with a
// correct cross-reference table, for structures fpdf would never write.
func rawPDF(objects ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, obj := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, obj)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

func stream(content string) string {
	return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content)
}

const helvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"

func TestExtractPDF(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want []string // in order
	}{
		{"fpdf", pdfFile(t), []string{"Laporan Dinas Pendidikan", "rencana penganggaran tahun 2026", "Dinas Pendidikan",
			"diumumkan secara berkala.", "Uraian", "Pagu", "Belanja", "1.250.000.000"}},
		{"words spaced by TJ, lines by Td", rawPDF(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
			stream("BT /F1 12 Tf 72 720 Td [(Dinas) -250 (Pendi) 20 (dikan)] TJ 0 -14 Td (Kota) Tj ( Bandung) Tj ET"),
			helvetica),
			[]string{"Dinas Pendidikan\nKota Bandung"}},
		{"resources inherited from the page tree", rawPDF(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 /Resources << /Font << /F1 5 0 R >> >> >>",
			"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
			stream("BT /F1 12 Tf (penganggaran) Tj ET"),
			helvetica),
			[]string{"penganggaran"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Extract(context.Background(), typePDF, tt.data)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			rest := got
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("text %q lacks %q (in order)", got, w)
				}
				rest = rest[i+len(w):]
			}
			checkClean(t, got)
		})
	}
}

func TestExtractPDFHostile(t *testing.T) {
	good := pdfFile(t)
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"truncated", good[:len(good)*2/3], ErrUnreadable},
		{"header only", []byte("%PDF-1.4\n"), ErrUnreadable},
		{"empty", nil, ErrUnreadable},
		{"not a pdf", []byte("<html>bukan PDF</html>"), ErrUnreadable},
		{"user password", pdfWith(t, func(d *fpdf.Fpdf) { d.SetProtection(0, "rahasia", "pemilik") }), ErrUnreadable},
		// The library opens it with the empty user password but derives 40-bit RC4 object
		// keys at full length, so the streams do not decrypt (128-bit RC4 and AES do).
		{"owner password only, 40-bit RC4", pdfWith(t, func(d *fpdf.Fpdf) { d.SetProtection(fpdf.CnProtectPrint, "", "pemilik") }), ErrUnreadable},
		{"corrupt content stream", rawPDF(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
			"<< /Length 10 /Filter /FlateDecode >>\nstream\nnot zlib!!\nendstream"), ErrUnreadable},
		{"flate bomb", flateBombPDF(t), ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Extract(context.Background(), typePDF, tt.data)
			if !errors.Is(err, tt.want) || got != "" {
				t.Errorf("got %q, %v; want %v", got, err, tt.want)
			}
		})
	}
}

// A page tree whose Kids point back at the root, and a page whose Parent points at
// itself, would loop forever in the library's own walks; they must end quickly.
func TestExtractPDFCycles(t *testing.T) {
	tests := map[string][]byte{
		"kids cycle": rawPDF(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
			"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
			stream("BT /F1 12 Tf (Dinas) Tj ET"),
			helvetica),
		"parent cycle": rawPDF(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 3 0 R /Contents 4 0 R >>",
			stream("BT /F1 12 Tf (Dinas) Tj ET")),
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			got, err := Extract(ctx, typePDF, data)
			if err != nil || !strings.Contains(got, "Dinas") {
				t.Errorf("got %q, %v; want the page's text", got, err)
			}
		})
	}
}

// flateBombPDF holds a content stream of a few hundred kilobytes that inflates past
// maxPDFStreamBytes.
func flateBombPDF(t testing.TB) []byte {
	t.Helper()
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	chunk := bytes.Repeat([]byte("0 "), 1<<19)
	for n := 0; n <= maxPDFStreamBytes; n += len(chunk) {
		if _, err := zw.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return rawPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.Bytes()))
}
