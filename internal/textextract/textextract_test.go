package textextract

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"hash/crc32"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// zipOf builds a ZIP archive with the given entries, deflated, in name order.
func zipOf(t testing.TB, entries map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(entries))
	for name := range entries {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, entries[name]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

func docxFile(t testing.TB) []byte {
	return zipOf(t, map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types/>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ` + wordNS + `><w:body>
  <w:p><w:r><w:t>Laporan</w:t></w:r><w:r><w:t xml:space="preserve"> penganggaran</w:t></w:r></w:p>
  <w:p><w:r><w:t>Dinas Pendi</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>dikan</w:t></w:r><w:r><w:tab/><w:t>2026</w:t></w:r></w:p>
  <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Uraian</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Pagu</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
  <w:p><w:r><w:t>baris</w:t><w:br/><w:t>baru</w:t></w:r><w:del><w:r><w:delText>Siti Aminah</w:delText></w:r></w:del></w:p>
  <w:p><w:r><w:instrText> PAGE </w:instrText></w:r></w:p>
</w:body></w:document>`,
		"word/header1.xml":   `<w:hdr ` + wordNS + `><w:p><w:r><w:t>Kop Surat</w:t></w:r></w:p></w:hdr>`,
		"word/footer1.xml":   `<w:ftr ` + wordNS + `><w:p><w:r><w:t>Halaman</w:t></w:r></w:p></w:ftr>`,
		"word/footnotes.xml": `<w:footnotes ` + wordNS + `><w:footnote><w:p><w:r><w:t>Catatan kaki</w:t></w:r></w:p></w:footnote></w:footnotes>`,
	})
}

const odfNS = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"`

func odtFile(t testing.TB) []byte {
	return zipOf(t, map[string]string{
		"mimetype": "application/vnd.oasis.opendocument.text",
		"content.xml": `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ` + odfNS + `><office:body><office:text>
  <text:h text:outline-level="1">Dinas Pendidikan</text:h>
  <text:p>Laporan<text:s/>pengang<text:span>garan</text:span><text:tab/>2026<text:line-break/>tahun berjalan</text:p>
  <table:table><table:table-row><table:table-cell><text:p>Uraian</text:p></table:table-cell><table:table-cell><text:p>Pagu</text:p></table:table-cell></table:table-row></table:table>
</office:text></office:body></office:document-content>`,
		"styles.xml": `<office:document-styles ` + odfNS + `><office:master-styles><style:master-page><style:header><text:p>Kop Surat</text:p></style:header></style:master-page></office:master-styles></office:document-styles>`,
	})
}

func odsFile(t testing.TB) []byte {
	return zipOf(t, map[string]string{
		"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
		"content.xml": `<office:document-content ` + odfNS + `><office:body><office:spreadsheet><table:table>
<table:table-row><table:table-cell><text:p>Uraian</text:p></table:table-cell><table:table-cell><text:p>Pagu</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell><text:p>Belanja</text:p></table:table-cell><table:table-cell office:value="1250000"><text:p>1.250.000</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>`,
	})
}

func pptxFile(t testing.TB) []byte {
	slide := func(text string) string {
		return `<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>` + text + `</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>`
	}
	return zipOf(t, map[string]string{
		"ppt/presentation.xml":              `<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>`,
		"ppt/slides/slide1.xml":             slide("Pertama"),
		"ppt/slides/slide2.xml":             slide("Kedua"),
		"ppt/slides/slide10.xml":            slide("Kesepuluh"),
		"ppt/notesSlides/notesSlide1.xml":   slide("Catatan pembicara"),
		"ppt/slideLayouts/slideLayout1.xml": slide("Tata letak"),
	})
}

func xlsxFile(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetCellValue("Sheet1", "A1", "Uraian"))
	must(f.SetCellValue("Sheet1", "B1", "Pagu"))
	must(f.SetCellValue("Sheet1", "A2", "Belanja penganggaran Dinas Pendidikan"))
	must(f.SetCellValue("Sheet1", "B2", 1250000000))
	must(f.SetCellValue("Sheet1", "C2", true))
	if _, err := f.NewSheet("Realisasi"); err != nil {
		t.Fatal(err)
	}
	must(f.SetCellValue("Realisasi", "A1", "Triwulan"))
	must(f.SetCellFormula("Realisasi", "B1", `="IV"`))
	must(f.AddComment("Sheet1", excelize.Comment{Cell: "A1", Author: "PPID", Paragraph: []excelize.RichTextRun{{Text: "Diperiksa bendahara"}}}))
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name        string
		contentType string
		data        []byte
		want        []string // each must appear, in this order
		absent      []string
	}{
		{"docx", typeDOCX, docxFile(t),
			[]string{"Laporan penganggaran\nDinas Pendidikan 2026", "Uraian\nPagu", "baris\nbaru Siti Aminah", "Catatan kaki", "Kop Surat", "Halaman"},
			[]string{"PAGE", "Pendi dikan"}},
		{"odt", typeODT, odtFile(t),
			[]string{"Dinas Pendidikan\nLaporan penganggaran 2026\ntahun berjalan", "Uraian", "Pagu", "Kop Surat"}, nil},
		{"ods", typeODS, odsFile(t), []string{"Uraian", "Pagu", "Belanja", "1.250.000"}, nil},
		{"odp", typeODP, odtFile(t), []string{"Dinas Pendidikan"}, nil},
		{"pptx in slide order, then notes", typePPTX, pptxFile(t),
			[]string{"Pertama\nKedua\nKesepuluh\nCatatan pembicara"}, []string{"Tata letak"}},
		{"xlsx", typeXLSX, xlsxFile(t),
			[]string{"Uraian Pagu\nBelanja penganggaran Dinas Pendidikan 1250000000", "Triwulan", "Diperiksa bendahara"},
			[]string{"TRUE"}},
		{"text with parameters", "text/plain; charset=utf-8", []byte("Dinas\tPendidikan\r\n\r\n\r\nTahun   2026  "),
			[]string{"Dinas Pendidikan\nTahun 2026"}, nil},
		{"csv", typeCSV, []byte("uraian,pagu\n\"Belanja, modal\",1250000\n"), []string{"uraian,pagu\n\"Belanja, modal\",1250000"}, nil},
		{"utf-16 text from Excel", typeText, append([]byte{0xFF, 0xFE}, utf16LE("Kab. Cianjur – Dinas Pendidikan")...),
			[]string{"Kab. Cianjur – Dinas Pendidikan"}, nil},
		{"html", "text/html; charset=utf-8", []byte(`<html><head><title>PPID</title><style>p{color:red}</style>
<script>var secret = "jangan";</script></head><body><p>Dinas <b>Pendi</b>dikan</p><ul><li>satu</li><li>dua &amp; tiga</li></ul>
<table><tr><td>Uraian</td><td>Pagu</td></tr></table></body></html>`),
			[]string{"PPID\nDinas Pendidikan\nsatu\ndua & tiga\nUraian Pagu"}, []string{"secret", "color"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Extract(context.Background(), tt.contentType, tt.data)
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
			for _, a := range tt.absent {
				if strings.Contains(got, a) {
					t.Errorf("text %q should not contain %q", got, a)
				}
			}
			checkClean(t, got)
		})
	}
}

func utf16LE(s string) []byte {
	var b []byte
	for _, r := range s { // the test strings are all in the Basic Multilingual Plane
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

// checkClean asserts what PostgreSQL and the snippets rely on.
func checkClean(t testing.TB, text string) {
	t.Helper()
	switch {
	case !utf8.ValidString(text):
		t.Fatalf("invalid UTF-8 in %q", text)
	case strings.ContainsRune(text, 0):
		t.Fatalf("NUL in %q", text)
	case len(text) > MaxText:
		t.Fatalf("%d bytes, more than MaxText", len(text))
	case strings.Contains(text, "  "), strings.Contains(text, "\n\n"), strings.Contains(text, " \n"), strings.Contains(text, "\t"):
		t.Fatalf("whitespace not collapsed in %q", text)
	case strings.TrimSpace(text) != text:
		t.Fatalf("leading or trailing whitespace in %q", text)
	}
}

func TestExtractNothingToRead(t *testing.T) {
	for _, ct := range []string{"image/png", "image/jpeg", typeZIP} {
		got, err := Extract(context.Background(), ct, []byte("\x89PNG\r\n\x1a\n"))
		if got != "" || err != nil {
			t.Errorf("%s: got %q, %v; want nothing", ct, got, err)
		}
	}
	if _, err := Extract(context.Background(), "application/x-msdownload", []byte("MZ")); !errors.Is(err, ErrUnsupported) {
		t.Errorf("executable: err = %v, want ErrUnsupported", err)
	}
}

func TestExtractCleansText(t *testing.T) {
	got, err := Extract(context.Background(), typeText, []byte("Dinas\x00 Pendi\xffdikan \xc3\x28 caf\xc3\xa9\ufeff \x01tahun\u00a0\u00a02026\u2028baru"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Dinas Pendidikan ( café tahun 2026\nbaru"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestExtractCapsTextAtRuneBoundary(t *testing.T) {
	word := "Pendidikan – ñ 😀 " // multi-byte runes, so the cut must land between them
	data := []byte(strings.Repeat(word, 2*MaxText/len(word)))
	got, err := Extract(context.Background(), typeText, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) > MaxText || len(got) < MaxText-8 {
		t.Errorf("got %d bytes, want just under %d", len(got), MaxText)
	}
	checkClean(t, got)
}

func TestExtractBrokenArchives(t *testing.T) {
	docx := docxFile(t)
	tests := []struct {
		name        string
		contentType string
		data        []byte
		want        error
	}{
		{"not a zip", typeDOCX, []byte("PK\x03\x04 not really"), ErrUnreadable},
		{"truncated", typeDOCX, docx[:len(docx)/2], ErrUnreadable},
		{"docx without document", typeDOCX, zipOf(t, map[string]string{"word/other.xml": "<a/>"}), ErrUnreadable},
		{"odt without content", typeODT, zipOf(t, map[string]string{"mimetype": "x"}), ErrUnreadable},
		{"xlsx without workbook", typeXLSX, zipOf(t, map[string]string{"xl/worksheets/sheet1.xml": "<a/>"}), ErrUnreadable},
		{"malformed xml", typeDOCX, zipOf(t, map[string]string{"word/document.xml": "<w:t>unclosed <<"}), ErrUnreadable},
		{"non-UTF-8 xml", typeODT, zipOf(t, map[string]string{"content.xml": `<?xml version="1.0" encoding="EBCDIC"?><a/>`}), ErrUnreadable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Extract(context.Background(), tt.contentType, tt.data)
			if !errors.Is(err, tt.want) || got != "" {
				t.Errorf("got %q, %v; want %v", got, err, tt.want)
			}
		})
	}
}

// deflated is a ZIP entry body made in advance: its compressed bytes, CRC and real size.
type deflated struct {
	data []byte
	crc  uint32
	size int64
}

// deflateSpaces compresses an XML part padded with size bytes of spaces, the stuff of a
// zip bomb: megabytes that deflate to kilobytes.
func deflateSpaces(size int64) deflated {
	var body bytes.Buffer
	crc := crc32.NewIEEE()
	fw, _ := flate.NewWriter(&body, flate.BestCompression)
	w := io.MultiWriter(fw, crc)
	n, _ := io.WriteString(w, "<w:document><w:body><w:p><w:t>")
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for int64(n) < size {
		m, _ := w.Write(chunk[:min(int64(len(chunk)), size-int64(n))])
		n += m
	}
	fw.Close() // writes to memory cannot fail
	return deflated{body.Bytes(), crc.Sum32(), int64(n)}
}

// bigSpaces is shared by the tests, as deflating it is the slow part (under -race above all).
var bigSpaces = sync.OnceValue(func() deflated { return deflateSpaces(maxEntryBytes + 1<<20) })

// bombEntry adds body as entry name, with a header claiming any size, as a hostile
// archive would.
func bombEntry(t testing.TB, zw *zip.Writer, name string, body deflated, claimed int64) {
	t.Helper()
	raw, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: body.crc,
		CompressedSize64: uint64(len(body.data)), UncompressedSize64: uint64(claimed)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Write(body.data); err != nil {
		t.Fatal(err)
	}
}

func TestExtractZipBomb(t *testing.T) {
	bomb := bigSpaces()
	tests := []struct {
		name     string
		declared int64
		want     error
	}{
		{"declares its size", bomb.size, ErrTooLarge},
		// archive/zip stops at the declared size, long before the real one.
		{"lies about its size", 1000, ErrUnreadable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			bombEntry(t, zw, "word/document.xml", bomb, tt.declared)
			if err := zw.Close(); err != nil {
				t.Fatal(err)
			}
			if buf.Len() > 1<<20 {
				t.Fatalf("bomb is %d bytes, should be small", buf.Len())
			}
			got, err := Extract(context.Background(), typeDOCX, buf.Bytes())
			if !errors.Is(err, tt.want) || got != "" {
				t.Errorf("got %q, %v; want %v", got, err, tt.want)
			}
		})
	}
}

func TestArchiveTotalBudget(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	part := deflateSpaces(1 << 20)
	for _, name := range []string{"word/header1.xml", "word/header2.xml", "word/header3.xml"} {
		bombEntry(t, zw, name, part, part.size)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	a, err := openArchive(context.Background(), buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	a.budget = 5 << 19 // room for two and a half of the three parts
	_, err = readParts(a, a.numbered("word/header", ".xml"), wordXML)
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("err = %v, want ErrTooLarge once the file's budget is spent", err)
	}
}

func TestExtractTooManyEntries(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range maxEntries + 1 {
		// Stored, not deflated: a deflate writer per entry would make the test slow.
		if _, err := zw.CreateHeader(&zip.FileHeader{Name: "word/media/image" + strconv.Itoa(i) + ".png", Method: zip.Store}); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	_, err := Extract(context.Background(), typeDOCX, buf.Bytes())
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("err = %v, want ErrTooLarge", err)
	}
}

func TestExtractCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for name, file := range map[string]struct {
		ct   string
		data []byte
	}{
		"docx": {typeDOCX, docxFile(t)},
		"xlsx": {typeXLSX, xlsxFile(t)},
		"pdf":  {typePDF, pdfFile(t)},
		"text": {typeText, []byte("teks")},
	} {
		if got, err := Extract(ctx, file.ct, file.data); !errors.Is(err, context.Canceled) || got != "" {
			t.Errorf("%s: got %q, %v; want context.Canceled", name, got, err)
		}
	}
	// Cancelled while reading: the bounded reader notices between reads.
	a, err := openArchive(ctx, docxFile(t))
	if err != nil {
		t.Fatal(err)
	}
	a.ctx = ctx
	if _, err := readParts(a, []string{"word/document.xml"}, wordXML); !errors.Is(err, context.Canceled) {
		t.Errorf("readParts: err = %v, want context.Canceled", err)
	}
}
