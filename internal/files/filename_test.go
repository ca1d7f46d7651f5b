package files

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitizeFilename(t *testing.T) {
	long := strings.Repeat("Laporan ", 37) + "akhir" // 301 runes before the extension
	tests := []struct {
		name, in, contentType, want string
	}{
		{"unix traversal", "../../etc/passwd", "text/plain", "passwd"},
		{"windows path", `C:\Users\a\laporan.pdf`, "application/pdf", "laporan.pdf"},
		{"mixed separators", `..\../x/..\surat.docx`, "", "surat.docx"},
		{"NUL removed", "lap\x00oran.pdf", "application/pdf", "laporan.pdf"},
		{"NUL truncation trick", "evil.exe\x00.pdf", "application/pdf", "evil.exe.pdf"},
		{"control characters", "surat\r\nSet-Cookie: a=b\t.pdf", "application/pdf", "surat Set-Cookie a=b .pdf"},
		{"bidi override", "laporan\u202Efdp.exe", "", "laporanfdp.exe"},
		{"windows reserved characters", `a<b>c:d"e|f?g*.txt`, "text/plain", "abcdefg.txt"},
		{"only spaces", "  ", "application/pdf", "berkas.pdf"},
		{"empty, png", "", "image/png", "berkas.png"},
		{"dot dot", "..", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "berkas.docx"},
		{"trailing separator", "laporan/", "text/plain; charset=utf-8", "berkas.txt"},
		{"unknown type", "", "", "berkas"},
		{"type outside the allow-list", "", "text/html", "berkas.html"},
		{"hidden file", ".htaccess", "text/plain", "htaccess"},
		{"spaces collapsed and trimmed", "  Surat   balasan  .pdf  ", "application/pdf", "Surat balasan .pdf"},
		{"kept as is", "Laporan Keuangan 2026 – final.pdf", "application/pdf", "Laporan Keuangan 2026 – final.pdf"},
		{"unicode letters", "Ţeşt_ĐKI-Jakarta_Ärger_日本.xlsx", "", "Ţeşt_ĐKI-Jakarta_Ärger_日本.xlsx"},
		{"invalid utf-8 dropped", "sur\xffat.pdf", "application/pdf", "surat.pdf"},
		{"long name keeps extension", long + ".pdf", "application/pdf", strings.TrimRight(string([]rune(long)[:116]), " ") + ".pdf"},
		{"long name, long dotted tail", strings.Repeat("ä", 200) + "." + strings.Repeat("b", 40), "", strings.Repeat("ä", 120)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SanitizeFilename(tt.in, tt.contentType)
			if got != tt.want {
				t.Errorf("SanitizeFilename(%q, %q) = %q, want %q", tt.in, tt.contentType, got, tt.want)
			}
			if n := utf8.RuneCountInString(got); n > maxNameRunes {
				t.Errorf("result has %d runes, want at most %d", n, maxNameRunes)
			}
			if strings.ContainsAny(got, "/\\\x00\r\n") || got == "." || got == ".." {
				t.Errorf("result %q is not a safe base name", got)
			}
		})
	}
}

func TestSanitizeFilenameLongNameLength(t *testing.T) {
	in := strings.Repeat("x", 300) + ".pdf"
	got := SanitizeFilename(in, "application/pdf")
	if utf8.RuneCountInString(got) != maxNameRunes || !strings.HasSuffix(got, ".pdf") {
		t.Errorf("got %d runes %q…, want %d ending in .pdf", utf8.RuneCountInString(got), got[:10], maxNameRunes)
	}
}
