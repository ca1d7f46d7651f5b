package files

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const minimalPDF = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" +
	"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"

func testImage() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	for x := range 4 {
		img.Set(x, x, color.RGBA{R: 200, A: 255})
	}
	return img
}

func pngBytes(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, testImage()); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func jpegBytes(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, testImage(), nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// zipBytes writes entries in order; office formats are recognised by their first entries.
func zipBytes(t *testing.T, entries [][2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		method := zip.Deflate
		if e[0] == "mimetype" {
			method = zip.Store // OpenDocument requires it stored, uncompressed, first
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e[0], Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, e[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const contentTypesXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>`

func docxBytes(t *testing.T) []byte {
	return zipBytes(t, [][2]string{
		{"[Content_Types].xml", contentTypesXML},
		{"_rels/.rels", `<Relationships/>`},
		{"word/document.xml", `<w:document><w:body><w:p><w:r><w:t>Surat</w:t></w:r></w:p></w:body></w:document>`},
	})
}

func xlsxBytes(t *testing.T) []byte {
	return zipBytes(t, [][2]string{
		{"[Content_Types].xml", contentTypesXML},
		{"_rels/.rels", `<Relationships/>`},
		{"xl/workbook.xml", `<workbook/>`},
		{"xl/worksheets/sheet1.xml", `<worksheet/>`},
	})
}

func odtBytes(t *testing.T) []byte {
	return zipBytes(t, [][2]string{
		{"mimetype", "application/vnd.oasis.opendocument.text"},
		{"content.xml", `<office:document-content/>`},
	})
}

func TestPutCheckedAllowsDocuments(t *testing.T) {
	tests := []struct {
		name    string
		content []byte
		want    string
	}{
		{"pdf", []byte(minimalPDF), "application/pdf"},
		{"png", pngBytes(t), "image/png"},
		{"jpeg", jpegBytes(t), "image/jpeg"},
		{"docx", docxBytes(t), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"xlsx", xlsxBytes(t), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{"odt", odtBytes(t), "application/vnd.oasis.opendocument.text"},
		{"zip", zipBytes(t, [][2]string{{"lampiran/daftar.txt", "isi"}}), "application/zip"},
		{"plain text", []byte("Permohonan informasi tentang anggaran desa tahun 2026.\n"), "text/plain"},
		{"utf-8 text", []byte("Keberatan atas jawaban PPID – mohon ditinjau.\n"), "text/plain"},
		{"csv", []byte("no,nama,tanggal\n1,Budi,2026-01-05\n2,Siti,2026-01-06\n"), "text/csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, dir := newTestDisk(t)
			st, err := PutChecked(context.Background(), d, bytes.NewReader(tt.content), 1<<20, Allowed)
			if err != nil {
				t.Fatalf("PutChecked: %v", err)
			}
			if st.ContentType != tt.want {
				t.Errorf("ContentType = %q, want %q", st.ContentType, tt.want)
			}
			if st.Size != int64(len(tt.content)) {
				t.Errorf("Size = %d, want %d", st.Size, len(tt.content))
			}
			if got := filesUnder(t, dir); len(got) != 1 || got[0] != blobPath(st.SHA256) {
				t.Errorf("files on disk = %v, want the one blob", got)
			}
		})
	}
}

func TestPutCheckedRefusesOtherTypes(t *testing.T) {
	elf := append([]byte("\x7fELF\x02\x01\x01\x00"), make([]byte, 120)...)
	exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), make([]byte, 120)...)
	tests := []struct {
		name    string
		content []byte
	}{
		{"elf", elf},
		{"windows exe", exe},
		{"html", []byte("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>")},
		{"html without doctype", []byte("  <script>fetch('/admin')</script>")},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)},
		{"svg with xml declaration", []byte(`<?xml version="1.0"?>` + "\n" + `<svg xmlns="http://www.w3.org/2000/svg"></svg>`)},
		{"jar", zipBytes(t, [][2]string{{"META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n"}})},
		{"random bytes", []byte{0x00, 0x01, 0x02, 0xfe, 0xff, 0x10, 0x00, 0x00}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, dir := newTestDisk(t)
			_, err := PutChecked(context.Background(), d, bytes.NewReader(tt.content), 1<<20, Allowed)
			if !errors.Is(err, ErrTypeNotAllowed) {
				t.Fatalf("PutChecked error = %v, want ErrTypeNotAllowed", err)
			}
			if got := filesUnder(t, dir); len(got) != 0 {
				t.Errorf("refused upload left files: %v", got)
			}
		})
	}
}

func TestPutCheckedUsesGivenAllowList(t *testing.T) {
	d, dir := newTestDisk(t)
	onlyPDF := map[string]string{"application/pdf": ".pdf"}
	_, err := PutChecked(context.Background(), d, bytes.NewReader(pngBytes(t)), 1<<20, onlyPDF)
	if !errors.Is(err, ErrTypeNotAllowed) {
		t.Fatalf("PNG against a PDF-only list: error = %v, want ErrTypeNotAllowed", err)
	}
	if got := filesUnder(t, dir); len(got) != 0 {
		t.Errorf("refused upload left files: %v", got)
	}
}

func TestPutCheckedKeepsEarlierIdenticalBlob(t *testing.T) {
	d, dir := newTestDisk(t)
	ctx := context.Background()
	html := []byte("<!doctype html><p>dibuat oleh sistem</p>")
	// An unchecked Put (e.g. a letter the system generated) stored this content earlier.
	earlier, err := d.Put(ctx, bytes.NewReader(html), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := PutChecked(ctx, d, bytes.NewReader(html), 1<<20, Allowed); !errors.Is(err, ErrTypeNotAllowed) {
		t.Fatalf("error = %v, want ErrTypeNotAllowed", err)
	}
	if got := filesUnder(t, dir); len(got) != 1 || got[0] != blobPath(earlier.SHA256) {
		t.Errorf("files on disk = %v, want the earlier blob kept", got)
	}
}

func TestPutCheckedLimitAndErrors(t *testing.T) {
	t.Run("too large", func(t *testing.T) {
		d, dir := newTestDisk(t)
		big := []byte(minimalPDF + strings.Repeat("%", 10_000))
		_, err := PutChecked(context.Background(), d, bytes.NewReader(big), 5000, Allowed)
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("error = %v, want ErrTooLarge", err)
		}
		if got := filesUnder(t, dir); len(got) != 0 {
			t.Errorf("files left: %v", got)
		}
	})
	t.Run("limit smaller than the sniffed prefix", func(t *testing.T) {
		d, dir := newTestDisk(t)
		_, err := PutChecked(context.Background(), d, strings.NewReader(minimalPDF), 10, Allowed)
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("error = %v, want ErrTooLarge", err)
		}
		if got := filesUnder(t, dir); len(got) != 0 {
			t.Errorf("files left: %v", got)
		}
	})
	t.Run("reader fails while sniffing", func(t *testing.T) {
		d, dir := newTestDisk(t)
		boom := errors.New("unexpected EOF from client")
		_, err := PutChecked(context.Background(), d, &failingReader{left: 100, err: boom}, 1<<20, Allowed)
		if !errors.Is(err, boom) {
			t.Fatalf("error = %v, want the reader's error", err)
		}
		if got := filesUnder(t, dir); len(got) != 0 {
			t.Errorf("files left: %v", got)
		}
	})
	t.Run("reader fails after sniffing", func(t *testing.T) {
		d, dir := newTestDisk(t)
		boom := errors.New("connection reset")
		_, err := PutChecked(context.Background(), d, &failingReader{left: 20_000, err: boom}, 1<<20, Allowed)
		if !errors.Is(err, boom) {
			t.Fatalf("error = %v, want the reader's error", err)
		}
		if got := filesUnder(t, dir); len(got) != 0 {
			t.Errorf("files left: %v", got)
		}
	})
}

// upload sends content as a multipart file field with the given name and client Content-Type.
func upload(t *testing.T, filename, clientType string, content []byte) *http.Request {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	h := make(map[string][]string)
	h["Content-Disposition"] = []string{`form-data; name="berkas"; filename="` + filename + `"`}
	h["Content-Type"] = []string{clientType}
	part, err := mw.CreatePart(h)
	if err != nil {
		t.Fatal(err)
	}
	part.Write(content)
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/kasus/1/berkas", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return req
}

func TestPutCheckedIgnoresNameAndClientType(t *testing.T) {
	tests := []struct {
		name       string
		filename   string
		clientType string
		content    []byte
		wantType   string
		wantErr    error
	}{
		{"pdf named x.exe", "x.exe", "application/x-msdownload", []byte(minimalPDF), "application/pdf", nil},
		{"html named laporan.pdf", "laporan.pdf", "application/pdf", []byte("<!DOCTYPE html><script>alert(1)</script>"), "", ErrTypeNotAllowed},
		{"exe named foto.png", "foto.png", "image/png", append([]byte("MZ"), make([]byte, 64)...), "", ErrTypeNotAllowed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, dir := newTestDisk(t)
			req := upload(t, tt.filename, tt.clientType, tt.content)
			f, fh, err := req.FormFile("berkas")
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if fh.Filename != tt.filename || fh.Header.Get("Content-Type") != tt.clientType {
				t.Fatalf("upload carried %q %q", fh.Filename, fh.Header.Get("Content-Type"))
			}
			st, err := PutChecked(context.Background(), d, f, 1<<20, Allowed)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error = %v, want %v", err, tt.wantErr)
			}
			if st.ContentType != tt.wantType {
				t.Errorf("ContentType = %q, want %q", st.ContentType, tt.wantType)
			}
			wantFiles := 0
			if tt.wantErr == nil {
				wantFiles = 1
			}
			if got := filesUnder(t, dir); len(got) != wantFiles {
				t.Errorf("files on disk = %v, want %d", got, wantFiles)
			}
		})
	}
}
