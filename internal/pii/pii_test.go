package pii

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestScanFindsPersonalData(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		names  []string
		kind   string
		match  string // the personal data as written in text
		masked string
	}{
		{"nik plain", "NIK pemohon 3273014507900003 tercatat.", nil, KindNIK, "3273014507900003", "3273********0003"},
		{"nik in fours", "NIK: 3273 0145 0790 0003.", nil, KindNIK, "3273 0145 0790 0003", "3273********0003"},
		{"nik dotted", "NIK 3273.0145.0790.0003 (KTP)", nil, KindNIK, "3273.0145.0790.0003", "3273********0003"},
		{"nik dashed", "NIK 3273-0145-0790-0003", nil, KindNIK, "3273-0145-0790-0003", "3273********0003"},
		{"nik region birth serial", "NIK 327301 450790 0003", nil, KindNIK, "327301 450790 0003", "3273********0003"},
		{"nik region split", "NIK 32.73.01.450790.0003", nil, KindNIK, "32.73.01.450790.0003", "3273********0003"},
		{"nik invalid structure still flagged", "nomor 9999000000000000 di lampiran", nil, KindNIK, "9999000000000000", "9999********0000"},
		{"nik after table row number", "1 3273 0145 0790 0003 Siti", nil, KindNIK, "3273 0145 0790 0003", "3273********0003"},
		{"email", "Surel: siti.aminah@contoh.id.", nil, KindEmail, "siti.aminah@contoh.id", "s***@contoh.id"},
		{"email subdomain", "kirim ke budi_s+ppid@mail.dinas.go.id, terima kasih", nil, KindEmail, "budi_s+ppid@mail.dinas.go.id", "b***@mail.dinas.go.id"},
		{"mobile dashed", "HP 0812-3456-4455 (WA)", nil, KindPhone, "0812-3456-4455", "0812****4455"},
		{"mobile plain", "hubungi 081234564455.", nil, KindPhone, "081234564455", "0812****4455"},
		{"mobile spaced", "telp 0812 3456 4455 kantor", nil, KindPhone, "0812 3456 4455", "0812****4455"},
		{"mobile dotted", "telp 0812.3456.4455", nil, KindPhone, "0812.3456.4455", "0812****4455"},
		{"mobile short groups", "0812 345 678", nil, KindPhone, "0812 345 678", "0812****78"},
		{"mobile +62", "WA +62 812-3456-4455", nil, KindPhone, "+62 812-3456-4455", "0812****4455"},
		{"mobile +62 plain", "WA +6281234564455", nil, KindPhone, "+6281234564455", "0812****4455"},
		{"mobile 62 spaced", "WA 62 812 3456 4455", nil, KindPhone, "62 812 3456 4455", "0812****4455"},
		{"mobile (+62)", "(+62) 812 3456 4455", nil, KindPhone, "(+62) 812 3456 4455", "0812****4455"},
		{"mobile then number column", "Siti 081234564455 3 2026", nil, KindPhone, "081234564455", "0812****4455"},
		{"landline parentheses", "Telp. (021) 5551234", nil, KindPhone, "(021) 5551234", "0215****34"},
		{"landline dash", "Telp 021-5551234", nil, KindPhone, "021-5551234", "0215****34"},
		{"landline four digit area code", "Telp (0274) 512345", nil, KindPhone, "(0274) 512345", "0274****45"},
		{"landline +62", "Telp +62 21 5551234", nil, KindPhone, "+62 21 5551234", "0215****34"},
		{"landline grouped", "Telp 021 555 1234", nil, KindPhone, "021 555 1234", "0215****34"},
		{"name", "Permohonan dari Siti Aminah diterima.", []string{"Siti Aminah"}, KindName, "Siti Aminah", "S. A."},
		{"name case and spacing", "PEMOHON: SITI \n  AMINAH", []string{"Siti Aminah"}, KindName, "SITI \n  AMINAH", "S. A."},
		{"name honorific absent in text", "Keberatan Siti Aminah ditolak.", []string{"Ibu Dr. Siti Aminah, S.H., M.H."}, KindName, "Siti Aminah", "S. A."},
		{"name honorific present in text", "Yth. Ibu Siti Aminah", []string{"Siti Aminah"}, KindName, "Siti Aminah", "S. A."},
		{"name trailing degree", "ditandatangani Budi Santoso", []string{"Budi Santoso S.Pd."}, KindName, "Budi Santoso", "B. S."},
		{"name non-ASCII", "Saksi: Zoë Ñoviani", []string{"zoë ñoviani"}, KindName, "Zoë Ñoviani", "Z. Ñ."},
		{"name single word", "oleh Sutrisno.", []string{"Sutrisno"}, KindName, "Sutrisno", "S."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Scan(tt.text, tt.names...)
			if len(got) != 1 {
				t.Fatalf("Scan(%q) = %+v, want one %s finding", tt.text, got, tt.kind)
			}
			f := got[0]
			if f.Kind != tt.kind || f.Masked != tt.masked || f.Offset != strings.Index(tt.text, tt.match) {
				t.Errorf("got %s %q at %d, want %s %q at %d", f.Kind, f.Masked, f.Offset, tt.kind, tt.masked, strings.Index(tt.text, tt.match))
			}
			if strings.Contains(f.Context, tt.match) || !strings.Contains(f.Context, tt.masked) {
				t.Errorf("context %q must show %q, not %q", f.Context, tt.masked, tt.match)
			}
		})
	}
}

// Administrative text full of numbers: amounts, dates, years, letter, article, account
// and employee numbers, times, postal codes. None of it is personal data of the kinds scanned.
func TestScanIgnoresAdministrativeText(t *testing.T) {
	texts := map[string]string{
		"decree": `KEPUTUSAN KEPALA DINAS PENDIDIKAN PROVINSI JAWA BARAT
Nomor: 420/1234/Disdik/2026 tentang Daftar Informasi Publik Tahun Anggaran 2026.
Menimbang: bahwa berdasarkan Pasal 17 huruf h dan Pasal 22 ayat (7) Undang-Undang Nomor 14
Tahun 2008 serta Peraturan Pemerintah Nomor 61 Tahun 2010 ... Ditetapkan di Bandung pada
tanggal 12 Januari 2026. NIP. 19800101 200501 1 001. Registrasi 0001/PPID/XI/2026.`,
		"budget table": `No Kode Rekening Uraian Pagu (Rp) Realisasi (Rp) %
1 5.1.02.01.01.0024 Belanja Alat Tulis Kantor 1.250.000.000 1.125.500.000 90,04
2 5.1.02.02.01.0063 Honorarium Narasumber 62.812.345.678 62.000.000.000 98,71
3 5.2.02.05.01.0005 Belanja Modal Peralatan Rp 0812.500.000 Rp. 62812345678 IDR 081234567890
Tahun 2023 2024 2025 2026 Jumlah 2026 2027 2028 2029 1250 3400 1200 8000`,
		"dates and times": `Rapat pada 05-03-2026 10 peserta, pukul 08.00-16.00 WIB, 08.00 s.d. 12.00, tanggal
2026-03-05, 05.03.2026, 12/01/2026. Jam layanan 08.00 - 15.30. Kode pos 40115.`,
		"ids and codes": `ISBN 978-602-1234-56-7, NPWP 01.234.567.8-901.000, NIB 1234567890123,
Kode 02.01.01.0001, Perkara 021/Pdt.G/2026/PN.Bdg, Lampiran 3 dari 15 halaman, 021 berkas.`,
		"short names ignored": "Al dan Ed hadir.",
	}
	for name, text := range texts {
		t.Run(name, func(t *testing.T) {
			if got := Scan(text, "Al", "Ed"); len(got) != 0 {
				t.Errorf("false positives: %+v", got)
			}
		})
	}
}

func TestScanNamesAreWholeWords(t *testing.T) {
	text := "Budiman dan Budi Santosoh bukan XBudi Santoso tetapi Budi Santoso; arsip_budi santoso"
	got := Scan(text, "Budi Santoso")
	// An underscore is not a letter, so "arsip_budi santoso" still holds the whole name.
	want := []int{strings.Index(text, "Budi Santoso;"), strings.Index(text, "budi santoso")}
	var offsets []int
	for _, f := range got {
		offsets = append(offsets, f.Offset)
		if f.Masked != "B. S." {
			t.Errorf("masked %q", f.Masked)
		}
	}
	if !slices.Equal(offsets, want) {
		t.Errorf("offsets = %v, want %v", offsets, want)
	}
}

func TestScanOverlapsAndOrder(t *testing.T) {
	text := "Surel budi.santoso@contoh.id, NIK 3273014507900003, HP 0812-3456-4455, a.n. Budi Santoso, " +
		"santoso@contoh.id, kontak 3273014507900003@contoh.id"
	got := Scan(text, "Santoso", "Budi Santoso")
	var kinds []string
	for i, f := range got {
		kinds = append(kinds, f.Kind)
		if i > 0 && got[i-1].Offset >= f.Offset {
			t.Errorf("not in order of offset: %+v", got)
		}
	}
	// The name inside an e-mail address and the NIK inside another are reported once, as the
	// stronger kind; "Budi Santoso" is one finding, not also "Santoso".
	want := []string{KindEmail, KindNIK, KindPhone, KindName, KindEmail, KindNIK}
	if !slices.Equal(kinds, want) {
		t.Errorf("kinds = %v, want %v (%+v)", kinds, want, got)
	}
}

func TestScanContextMasksNeighbours(t *testing.T) {
	text := "Pemohon Siti Aminah (NIK 3273014507900003, siti@contoh.id) meminta salinan SK."
	for _, f := range Scan(text, "Siti Aminah") {
		for _, secret := range []string{"Siti Aminah", "3273014507900003", "siti@contoh.id"} {
			if strings.Contains(f.Context, secret) {
				t.Errorf("%s context %q leaks %q", f.Kind, f.Context, secret)
			}
		}
		if strings.Contains(f.Context, "\n") || utf8.RuneCountInString(f.Context) > 80 {
			t.Errorf("context %q should be one short line", f.Context)
		}
	}
}

func TestLabel(t *testing.T) {
	for kind, want := range map[string]string{KindNIK: "NIK", KindEmail: "alamat surel", KindPhone: "nomor telepon", KindName: "nama pemohon"} {
		if got := (Finding{Kind: kind}).Label(); got != want {
			t.Errorf("Label(%s) = %q, want %q", kind, got, want)
		}
	}
}

func FuzzScan(f *testing.F) {
	f.Add("NIK 3273 0145 0790 0003, HP +62 812-3456-4455, siti@contoh.id, Siti Aminah", "Siti Aminah")
	f.Add("Rp 1.250.000.000 (021) 5551234 5.1.02.01.01.0024 2026", "Budi")
	f.Add("(+62) 812 3456 4455 3273.0145.0790.0003 \xff\x00 ñ", "ñoño")
	f.Fuzz(func(t *testing.T, text, name string) {
		got := Scan(text, name)
		ends := make([]int, len(got))
		for i, m := range scan(text, []string{name}) {
			ends[i] = m.end
		}
		for i, f := range got {
			if f.Offset < 0 || f.Offset >= len(text) || ends[i] > len(text) || ends[i] <= f.Offset {
				t.Fatalf("finding %+v has span [%d,%d) outside %d bytes", f, f.Offset, ends[i], len(text))
			}
			if i > 0 && got[i-1].Offset >= f.Offset {
				t.Fatalf("findings out of order: %+v", got)
			}
			if raw := text[f.Offset:ends[i]]; strings.Contains(f.Masked, raw) {
				t.Fatalf("%s masked as %q, which contains the match %q", f.Kind, f.Masked, raw)
			}
			if !utf8.ValidString(f.Masked) || !utf8.ValidString(f.Context) {
				t.Fatalf("invalid UTF-8 in %+v", f)
			}
		}
	})
}

func TestRedactReplacesEveryFindingAndKeepsTheRest(t *testing.T) {
	text := "Salinan data Siti Aminah (NIK 3273014507900003, siti@contoh.id, 0812-2233-4455) tahun 2026."
	got := Redact(text, "[disamarkan]", "Siti Aminah")
	want := "Salinan data [disamarkan] (NIK [disamarkan], [disamarkan], [disamarkan]) tahun 2026."
	if got != want {
		t.Errorf("Redact = %q, want %q", got, want)
	}
	if clean := "Anggaran Rp 1.250.000.000 tahun 2026 Pasal 17 huruf h."; Redact(clean, "X") != clean {
		t.Errorf("Redact changed text without personal data: %q", Redact(clean, "X"))
	}
}
