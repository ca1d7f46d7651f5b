package dipdik

import (
	"bytes"
	"regexp"
	"testing"
)

// Each DIP entry's title in the PDF links to its document page on the portal.
func TestDIPPDFLinksEachEntryToItsDocumentPage(t *testing.T) {
	tb := DIPTable(DIPEntries(dipRows()), "PPID Kota Contoh", generated, "https://ppid.contoh.go.id/")
	if len(tb.Rows) == 0 {
		t.Fatal("the DIP fixture has no rows")
	}
	raw, err := renderPDF(tb, pdfOptions{uncompressed: true})
	if err != nil {
		t.Fatal(err)
	}
	uris := map[string]bool{}
	for _, m := range regexp.MustCompile(`/URI \(([^)]*)\)`).FindAllSubmatch(raw, -1) {
		uris[string(m[1])] = true
	}
	for _, r := range tb.Rows {
		url := r[8]
		if !bytes.HasPrefix([]byte(url), []byte("https://ppid.contoh.go.id/dokumen/")) {
			t.Fatalf("fixture row's link %q is not absolute", url)
		}
		if !uris[url] {
			t.Errorf("no link to %s in the PDF (links: %v)", url, uris)
		}
	}
	if dik, _ := renderPDF(tables()["DIK"], pdfOptions{uncompressed: true}); bytes.Contains(dik, []byte("/URI")) {
		t.Error("the DIK PDF links somewhere; it has no pages to link to")
	}
}
