package textextract

import (
	"context"
	"testing"
	"time"
)

var fuzzTypes = []string{typePDF, typeDOCX, typeXLSX, typePPTX, typeODT, typeODS, typeText, typeCSV, typeHTML}

// FuzzExtract: whatever the bytes, Extract returns without panicking, and its text is
// valid UTF-8 without NUL, collapsed and within MaxText.
func FuzzExtract(f *testing.F) {
	seeds := map[string][]byte{
		typePDF:  pdfFile(f),
		typeDOCX: docxFile(f),
		typeXLSX: xlsxFile(f),
		typePPTX: pptxFile(f),
		typeODT:  odtFile(f),
		typeODS:  odsFile(f),
		typeText: []byte("Dinas\x00 Pendi\xffdikan\r\n 2026"),
		typeHTML: []byte("<p>Dinas <b>Pendidikan</b><script>x</script>"),
	}
	for i, ct := range fuzzTypes {
		f.Add(uint8(i), seeds[ct])
	}
	f.Add(uint8(0), rawPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"))
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		text, err := Extract(ctx, fuzzTypes[int(kind)%len(fuzzTypes)], data)
		if err != nil && text != "" {
			t.Fatalf("text %q returned with error %v", text, err)
		}
		checkClean(t, text)
	})
}
