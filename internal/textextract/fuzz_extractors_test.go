package textextract

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
)

// One fuzz target per reader, so `make fuzz` spends its time on each format's own code rather
// than on whichever format the mutator happens to favour in FuzzExtract.

// extractClean runs Extract on data as contentType and checks what every caller relies on:
// no panic, an error that is one of the package's (or the deadline), no text with an error,
// and clean text otherwise.
func extractClean(t *testing.T, contentType string, data []byte) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	text, err := Extract(ctx, contentType, data)
	if err != nil {
		if text != "" {
			t.Fatalf("text %q returned with error %v", text, err)
		}
		if !errors.Is(err, ErrUnreadable) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("error outside the package's kinds: %v", err)
		}
		return
	}
	checkClean(t, text)
}

// FuzzExtractPDF: PDF files, seeded with generated pages, hand-written objects and the example
// documents of docs/contoh-dokumen.
func FuzzExtractPDF(f *testing.F) {
	f.Add(pdfFile(f))
	f.Add(pdfWith(f, func(p *fpdf.Fpdf) {
		p.AddPage()
		p.SetFont("Helvetica", "B", 12)
		p.Cell(40, 10, "Kedua: Rincian anggaran 2026")
	}))
	f.Add(rawPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"))
	f.Add(rawPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>", stream("BT /F1 12 Tf (Dinas Pendidikan) Tj ET")))
	f.Add([]byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"))
	addExampleFiles(f, ".pdf")
	f.Fuzz(func(t *testing.T, data []byte) { extractClean(t, typePDF, data) })
}

// FuzzExtractOffice: the ZIP-based formats (DOCX, PPTX, XLSX, ODT, ODS, ODP), each seeded with
// its own file; kind picks the reader.
func FuzzExtractOffice(f *testing.F) {
	types := []string{typeDOCX, typePPTX, typeXLSX, typeODT, typeODS, typeODP}
	seeds := [][]byte{docxFile(f), pptxFile(f), xlsxFile(f), odtFile(f), odsFile(f), zipOf(f, map[string]string{
		"mimetype":    "application/vnd.oasis.opendocument.presentation",
		"content.xml": `<office:document-content ` + odfNS + `><office:body><office:presentation><text:p>Paparan anggaran</text:p></office:presentation></office:body></office:document-content>`,
	})}
	for i, seed := range seeds {
		f.Add(uint8(i), seed)
	}
	f.Add(uint8(0), zipOf(f, map[string]string{"word/document.xml": "<w:document " + wordNS + "><w:body><w:p>"}))
	for ext, kind := range map[string]uint8{".docx": 0, ".xlsx": 2, ".odt": 3} {
		for _, data := range exampleFiles(f, ext) {
			f.Add(kind, data)
		}
	}
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) { extractClean(t, types[int(kind)%len(types)], data) })
}

// FuzzExtractHTML: HTML pages, with scripts, styles, entities and broken markup.
func FuzzExtractHTML(f *testing.F) {
	for _, seed := range []string{
		"<p>Dinas <b>Pendidikan</b><script>x</script>",
		"<!doctype html><html><head><title>Anggaran</title><style>p{}</style></head><body><h1>Rekap</h1><table><tr><td>A</td><td>1</td></tr></table></body></html>",
		"<p>Tanda &amp; &lt;kurung&gt; &#0; &#x1F600; &nbsp;</p><br><div>baris",
		"<ul><li>satu<li>dua</ul><!-- catatan --><noscript>tanpa skrip</noscript>",
		"<p>\xff\xfe\x00 rusak",
	} {
		f.Add([]byte(seed))
	}
	addExampleFiles(f, ".html")
	f.Fuzz(func(t *testing.T, data []byte) { extractClean(t, typeHTML, data) })
}

// FuzzExtractPlain: plain text and CSV, in UTF-8 (with BOM), UTF-16 with BOM, or broken bytes.
func FuzzExtractPlain(f *testing.F) {
	for _, seed := range [][]byte{
		[]byte("Dinas\x00 Pendi\xffdikan\r\n 2026"),
		[]byte("\ufeffno;uraian;pagu\n1;Belanja pegawai;1.250.000\n"),
		append([]byte{0xff, 0xfe}, utf16LE("Uraian,Pagu\r\nBelanja,1250000")...),
		{0xfe, 0xff, 0x00, 'A', 0x00, '\n', 0xd8, 0x00},
		[]byte("\t\t  \n\n\r\r  "),
	} {
		f.Add(uint8(0), seed)
		f.Add(uint8(1), seed)
	}
	for _, data := range exampleFiles(f, ".csv") {
		f.Add(uint8(1), data)
	}
	for _, data := range exampleFiles(f, ".txt") {
		f.Add(uint8(0), data)
	}
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		extractClean(t, []string{typeText, typeCSV}[kind%2], data)
	})
}

func addExampleFiles(f *testing.F, ext string) {
	for _, data := range exampleFiles(f, ext) {
		f.Add(data)
	}
}

// exampleFiles reads the example documents of docs/ (and docs/contoh-dokumen) ending in ext.
func exampleFiles(f *testing.F, ext string) [][]byte {
	var out [][]byte
	for _, dir := range []string{"../../docs", "../../docs/contoh-dokumen"} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if e.IsDir() || len(e.Name()) < len(ext) || e.Name()[len(e.Name())-len(ext):] != ext {
				continue
			}
			data, err := os.ReadFile(dir + "/" + e.Name())
			if err != nil {
				f.Fatal(err)
			}
			if len(data) <= 1<<20 { // the fuzzer mutates small inputs best
				out = append(out, data)
			}
		}
	}
	return out
}
