package letters

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
)

func jakarta(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// base is a complete letter of kind k; notice-like kinds take the decision d.
func base(t testing.TB, k Kind, d string) Letter {
	t.Helper()
	loc := jakarta(t)
	l := Letter{
		Kind:   k,
		Number: "001/PPID/XI/2026",
		Date:   calendar.Date{Year: 2026, Month: time.November, Day: 27},
		Office: Office{
			Name:       "Dinas Komunikasi dan Informatika Kota Contoh",
			Address:    "Jl. Merdeka No. 1, Kota Contoh 12345",
			Letterhead: "Telp. (021) 555-0101\nLaman: ppid.contoh.go.id",
			City:       "Kota Contoh",
		},
		Signer:             Signer{Name: "Rina Kusumawati", Position: "Pejabat Pengelola Informasi dan Dokumentasi"},
		RegistrationNumber: "12/PPID/DKI/XI/2026",
		RequesterName:      "Budi Santoso",
		RequesterAddress:   "Jl. Kenanga No. 7, Kota Contoh",
		ReceivedAt:         time.Date(2026, time.November, 13, 14, 5, 0, 0, loc),
		Information:        "Salinan kontrak pengadaan jalan lingkungan tahun anggaran 2025",
		Purpose:            "Pemantauan anggaran oleh warga",
		ObtainMethod:       "Mendapatkan salinan (softcopy)",
		DeliveryMethod:     "E-mail",
		ResponseDue:        calendar.Date{Year: 2026, Month: time.November, Day: 27},
	}
	switch k {
	case Notice:
		l.Decision = d
		switch d {
		case decisionGranted, decisionPartial:
			l.InformationGiven = "Kontrak pengadaan beserta lampiran rencana anggaran biaya"
			l.Form = "Softcopy (PDF)"
			l.DeliveryTime = "3 (tiga) hari kerja"
			l.Cost = "Tidak dipungut biaya (salinan elektronik)"
			if d == decisionPartial {
				l.Withheld = "Nomor rekening dan NIK penyedia dihitamkan karena merupakan data pribadi"
				l.ExemptionLetters = []string{"h"}
			}
		case decisionRefused:
			setTest(&l)
		case decisionNotHeld:
			l.HoldingBody = "Dinas Pekerjaan Umum Kota Contoh"
		case decisionUndocumented:
			l.DocumentedBy = calendar.Date{Year: 2026, Month: time.December, Day: 18}
		}
	case Extension:
		l.ExtendedDue = calendar.Date{Year: 2026, Month: time.December, Day: 8}
		l.ExtensionReason = "Dokumen yang dimohon tersimpan di arsip inaktif dan sedang ditelusuri"
	case Refusal:
		setTest(&l)
	case ObjectionReceipt:
		setObjection(&l, loc)
		l.ObjectionDue = calendar.Date{Year: 2027, Month: time.January, Day: 22}
	case ObjectionAnswer:
		setObjection(&l, loc)
		l.ObjectionOutcome = d
		l.ObjectionAnswer = "Informasi yang dimohon memuat data pribadi pihak ketiga yang dilindungi undang-undang."
		if d == outcomeUpheld {
			l.DisputeDue = calendar.Date{Year: 2027, Month: time.February, Day: 10}
		}
	}
	return l
}

func setTest(l *Letter) {
	l.ExemptionLetters = []string{"h", "i"}
	l.LegalBasis = "Pasal 17 huruf h dan huruf i UU 14/2008"
	l.Harm = "Pembukaan informasi mengungkap riwayat kesehatan pegawai"
	l.PublicInterest = "Kepentingan publik tidak lebih besar daripada perlindungan rahasia pribadi"
}

func setObjection(l *Letter, loc *time.Location) {
	l.ObjectionNumber = "KEB-20261201-0001"
	l.ObjectionGrounds = []string{"a", "d"}
	l.ObjectionReasons = "Informasi yang diberikan tidak lengkap"
	l.ObjectionReceivedAt = time.Date(2026, time.December, 1, 9, 30, 0, 0, loc)
}

// allLetters is one complete letter per kind and per decision or outcome.
func allLetters(t testing.TB) map[string]Letter {
	t.Helper()
	m := map[string]Letter{}
	for _, k := range []Kind{Receipt, Extension, Refusal, ObjectionReceipt} {
		m[string(k)] = base(t, k, "")
	}
	for _, d := range []string{decisionGranted, decisionPartial, decisionRefused, decisionNotHeld, decisionUndocumented} {
		m[string(Notice)+"/"+d] = base(t, Notice, d)
	}
	for _, o := range []string{outcomeUpheld, outcomeOverturned} {
		m[string(ObjectionAnswer)+"/"+o] = base(t, ObjectionAnswer, o)
	}
	return m
}

// cp1252High decodes the bytes 0x80–0x9F of Windows-1252; others equal their Latin-1 code point.
var cp1252High = map[byte]rune{
	0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ',
	0x89: '‰', 0x8A: 'Š', 0x8B: '‹', 0x8C: 'Œ', 0x8E: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“',
	0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9A: 'š', 0x9B: '›',
	0x9C: 'œ', 0x9E: 'ž', 0x9F: 'Ÿ',
}

var tjRe = regexp.MustCompile(`\(((?:[^()\\]|\\.)*)\)\s*Tj`)

// pdfText extracts the shown strings of an uncompressed PDF, decoded to UTF-8 and joined
// by single spaces, so a phrase wrapped over lines is still found.
func pdfText(t testing.TB, pdf []byte) string {
	t.Helper()
	var parts []string
	for _, m := range tjRe.FindAllSubmatch(pdf, -1) {
		var b strings.Builder
		s := m[1]
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c == '\\' && i+1 < len(s) {
				i++
				c = s[i]
				if c == 'r' {
					c = '\r'
				}
			}
			switch {
			case c < 0x80:
				b.WriteByte(c)
			case cp1252High[c] != 0:
				b.WriteRune(cp1252High[c])
			default:
				b.WriteRune(rune(c))
			}
		}
		parts = append(parts, b.String())
	}
	if len(parts) == 0 {
		t.Fatal("no text found in PDF; is it compressed?")
	}
	// Drop page footers so a paragraph broken over two pages reads as one.
	return squash(footerRe.ReplaceAllString(strings.Join(parts, " "), " "))
}

var footerRe = regexp.MustCompile(`Nomor \S+ – Halaman \d+ dari \d+`)

var tagRe = regexp.MustCompile(`<[^>]*>`)

// htmlText is the visible text of an HTML fragment with whitespace squashed.
func htmlText(h string) string {
	return squash(html.UnescapeString(tagRe.ReplaceAllString(h, " ")))
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

var pageRe = regexp.MustCompile(`/Type /Page\b`)

func pageCount(pdf []byte) int { return len(pageRe.FindAll(pdf, -1)) }

func uncompressedPDF(t testing.TB, l Letter) []byte {
	t.Helper()
	b, err := renderPDF(l, pdfOptions{uncompressed: true})
	if err != nil {
		t.Fatalf("renderPDF: %v", err)
	}
	return b
}

func checkPDFEnvelope(t testing.TB, b []byte) {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("PDF starts with %q, want %%PDF-", b[:min(len(b), 8)])
	}
	if !bytes.HasSuffix(bytes.TrimRight(b, "\r\n"), []byte("%%EOF")) {
		t.Errorf("PDF does not end with %%%%EOF: %q", b[max(0, len(b)-16):])
	}
}
