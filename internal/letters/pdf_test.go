package letters

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/terbuka-id/terbuka/internal/calendar"
)

func TestRenderPDFEveryKind(t *testing.T) {
	for name, l := range allLetters(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // with -race: renders share no state
			first, err := RenderPDF(l)
			if err != nil {
				t.Fatalf("RenderPDF: %v", err)
			}
			checkPDFEnvelope(t, first)
			if n := pageCount(first); n < 1 || n > 2 || (l.Kind == Receipt && n != 1) {
				t.Errorf("pages = %d, want 1 or 2 for an ordinary letter, 1 for a receipt", n)
			}
			second, err := RenderPDF(l)
			if err != nil {
				t.Fatalf("RenderPDF again: %v", err)
			}
			if !bytes.Equal(first, second) {
				t.Error("two renders of the same letter differ")
			}
			other := l
			other.Number = "002/PPID/XI/2026"
			third, err := RenderPDF(other)
			if err != nil {
				t.Fatalf("RenderPDF other: %v", err)
			}
			if bytes.Equal(first, third) {
				t.Error("letters with different numbers render the same bytes")
			}
		})
	}
}

func TestRenderPDFLongInformationSpansPages(t *testing.T) {
	for _, k := range []Kind{Receipt, Refusal} {
		t.Run(string(k), func(t *testing.T) {
			l := base(t, k, "")
			l.Information = strings.Repeat("Seluruh dokumen perencanaan, pelaksanaan dan pertanggungjawaban kegiatan. ", 300)
			b, err := RenderPDF(l)
			if err != nil {
				t.Fatalf("RenderPDF: %v", err)
			}
			checkPDFEnvelope(t, b)
			short, err := RenderPDF(base(t, k, ""))
			if err != nil {
				t.Fatal(err)
			}
			if ns, nl := pageCount(short), pageCount(b); nl < 3 || nl <= ns {
				t.Errorf("pages = %d (short letter %d), want at least 3 for ~22,000 characters", nl, ns)
			}
			raw := uncompressedPDF(t, l)
			footer := fmt.Sprintf("Halaman %d dari %d", pageCount(b), pageCount(b))
			if !bytes.Contains(raw, []byte(footer)) || bytes.Contains(raw, []byte("{nb}")) {
				t.Errorf("last page footer %q not filled in", footer)
			}
			text := pdfText(t, raw)
			if !strings.Contains(text, squash(l.Information)) {
				t.Error("the long information text is not printed whole")
			}
			// The signature closes the last page, after the whole text.
			if i, j := strings.LastIndex(text, "pertanggungjawaban kegiatan."), strings.LastIndex(text, l.Signer.Name); j < i {
				t.Error("signer printed before the end of the information text")
			}
		})
	}
}

func TestRenderPDFKeyPhrases(t *testing.T) {
	tests := []struct {
		name   string
		letter Letter
		want   []string
	}{
		{"receipt", base(t, Receipt, ""), []string{
			"TANDA BUKTI PENERIMAAN PERMOHONAN INFORMASI PUBLIK", "Nomor: 001/PPID/XI/2026",
			"12/PPID/DKI/XI/2026", "13 November 2026 14:05 WIB", "Kota Contoh, 27 November 2026",
			"Jumat, 27 November 2026", "Pasal 22 ayat (4)", "Mendapatkan salinan (softcopy)", "Rina Kusumawati",
			"Dinas Komunikasi dan Informatika Kota Contoh", "Laman: ppid.contoh.go.id",
		}},
		{"refusal", base(t, Refusal, ""), []string{
			"PENOLAKAN PERMOHONAN INFORMASI PUBLIK", "12/PPID/DKI/XI/2026", "27 November 2026",
			Pasal17["h"], Pasal17["i"], "Uji Konsekuensi", "Pasal 19 UU KIP", "Pasal 2 ayat (4) UU KIP",
			"Pembukaan informasi mengungkap riwayat kesehatan pegawai", "DITOLAK",
			"30 (tiga puluh) hari kerja", "Pasal 35 ayat (1) huruf a dan Pasal 36 ayat (1)",
		}},
		{"notice refused", base(t, Notice, decisionRefused), []string{
			"PEMBERITAHUAN TERTULIS", "Pasal 22 ayat (7)", "Informasi tidak dapat diberikan.",
			"Pasal 17 huruf h UU KIP, yaitu " + Pasal17["h"], "Uji Konsekuensi", "Pasal 35 ayat (1) huruf a",
		}},
		{"notice partial", base(t, Notice, decisionPartial), []string{
			"Informasi dapat diberikan sebagian.", "Nomor rekening dan NIK penyedia dihitamkan",
			"Softcopy (PDF)", "E-mail", "3 (tiga) hari kerja", "Tidak dipungut biaya (salinan elektronik)",
			Pasal17["h"],
		}},
		{"notice not held", base(t, Notice, decisionNotHeld), []string{
			"tidak berada di bawah penguasaan", "Dinas Pekerjaan Umum Kota Contoh",
		}},
		{"notice undocumented", base(t, Notice, decisionUndocumented), []string{"belum didokumentasikan"}},
		{"extension", base(t, Extension, ""), []string{
			"Pasal 22 ayat (8)", "Jumat, 27 November 2026", "Selasa, 8 Desember 2026", "arsip inaktif",
		}},
		{"objection receipt", base(t, ObjectionReceipt, ""), []string{
			"KEB-20261201-0001", "1 Desember 2026 09:30 WIB", Pasal35["a"], Pasal35["d"],
			"Jumat, 22 Januari 2027", "Pasal 36 ayat (2)",
		}},
		{"objection upheld", base(t, ObjectionAnswer, outcomeUpheld), []string{
			"DIKUATKAN", "Pasal 36 ayat (3)", "data pribadi pihak ketiga", "Komisi Informasi",
			"Rabu, 10 Februari 2027", "Pasal 37 ayat (2)",
		}},
		{"objection overturned", base(t, ObjectionAnswer, outcomeOverturned), []string{"DIBATALKAN", "Komisi Informasi"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := pdfText(t, uncompressedPDF(t, tt.letter))
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("PDF text lacks %q", w)
				}
			}
		})
	}
}

func TestRenderPDFIndonesianCharacters(t *testing.T) {
	l := base(t, Notice, decisionGranted)
	l.Information = "Laporan “Realisasi” APBD 2025–2026 — termasuk ‘lampiran’ Rp 5.000 & 10% • café … ± ½"
	l.Cost = "Rp 5.000 per lembar – dibayar tunai"
	l.RequesterName = "Siti Nur’aini (O’Brien)"
	l.Withheld = ""
	b, err := RenderPDF(l)
	if err != nil {
		t.Fatalf("RenderPDF: %v", err)
	}
	checkPDFEnvelope(t, b)
	text := pdfText(t, uncompressedPDF(t, l))
	for _, w := range []string{l.Information, l.Cost, l.RequesterName} {
		if !strings.Contains(text, w) {
			t.Errorf("PDF text lacks %q", w)
		}
	}

	// A character without a cp1252 glyph is marked, not silently turned into a full stop.
	l.Information = "Jarak ≤ 5 km"
	if text := pdfText(t, uncompressedPDF(t, l)); !strings.Contains(text, "Jarak ? 5 km") {
		t.Errorf("unmappable character: text lacks %q", "Jarak ? 5 km")
	}
}

func TestRenderPDFShowsOnlyWhatTheLetterNeeds(t *testing.T) {
	l := base(t, Receipt, "")
	// Fields another kind would show must not leak into a receipt.
	l.ObjectionReasons = "SENTINEL-KASUS-POSISI"
	l.Withheld = "SENTINEL-DIHITAMKAN"
	l.Harm = "SENTINEL-KONSEKUENSI"
	text := pdfText(t, uncompressedPDF(t, l))
	for _, s := range []string{l.ObjectionReasons, l.Withheld, l.Harm} {
		if strings.Contains(text, s) {
			t.Errorf("receipt shows %q", s)
		}
	}

	// With compressed content, personal data would be readable only if put in metadata.
	b, err := RenderPDF(l)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{l.RequesterName, l.RequesterAddress} {
		if bytes.Contains(b, []byte(s)) || bytes.Contains(b, utf16BE(s)) {
			t.Errorf("PDF metadata contains %q", s)
		}
	}
	for _, want := range []string{"/CreationDate (D:20261127000000)", "/ModDate (D:20261127000000)"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("PDF lacks %s: its dates must be the letter date", want)
		}
	}
}

func utf16BE(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

func TestRenderPDFRejectsInvalidLetter(t *testing.T) {
	l := base(t, Refusal, "")
	l.Harm = ""
	b, err := RenderPDF(l)
	var ve *ValidationError
	if !errors.As(err, &ve) || b != nil {
		t.Fatalf("RenderPDF = %d bytes, %v; want nil, *ValidationError", len(b), err)
	}
}

func TestRenderPDFDateIsTheLetterDate(t *testing.T) {
	l := base(t, Receipt, "")
	l.Date = calendar.NewDate(2027, 1, 4)
	text := pdfText(t, uncompressedPDF(t, l))
	if !strings.Contains(text, "Kota Contoh, 4 Januari 2027") {
		t.Error("place and date do not follow the letter date")
	}
}
