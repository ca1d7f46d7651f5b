package letters

import (
	"regexp"
	"strings"
	"testing"
)

func TestOfficeRoleNeverDoublesTheRoleWord(t *testing.T) {
	tests := []struct{ role, office, want string }{
		{RolePPID, "PPID Kabupaten Contoh", "PPID Kabupaten Contoh"},
		{RolePPID, "Kabupaten Contoh", "PPID Kabupaten Contoh"},
		{RolePPID, "ppid kabupaten contoh", "PPID kabupaten contoh"},
		{RolePPID, "Pejabat Pengelola Informasi dan Dokumentasi Kota X", "PPID Kota X"},
		{RolePPID, "Pejabat Pengelola Informasi dan Dokumentasi (PPID) Kota X", "PPID Kota X"},
		{RolePPID, "PPID", "PPID"},
		{RolePPID, "  PPID   Dinas  Kesehatan ", "PPID Dinas Kesehatan"},
		{RolePPID, "PPIDKU Kota X", "PPID PPIDKU Kota X"}, // a name of its own, not the role
		{RoleAtasan, "PPID Kabupaten Contoh", "atasan PPID Kabupaten Contoh"},
		{RoleAtasan, "Dinas Komunikasi dan Informatika Kota Contoh", "atasan PPID Dinas Komunikasi dan Informatika Kota Contoh"},
		{RoleAtasan, "Pejabat Pengelola Informasi dan Dokumentasi Kota X", "atasan PPID Kota X"},
		{RolePPIDFull, "PPID Kabupaten Contoh", "Pejabat Pengelola Informasi dan Dokumentasi (PPID) Kabupaten Contoh"},
		{RolePPIDFull, "Kabupaten Contoh", "Pejabat Pengelola Informasi dan Dokumentasi (PPID) Kabupaten Contoh"},
		{RolePPIDFull, "Pejabat Pengelola Informasi dan Dokumentasi Kota X", "Pejabat Pengelola Informasi dan Dokumentasi (PPID) Kota X"},
		{RoleAtasanFull, "PPID Kabupaten Contoh", "atasan Pejabat Pengelola Informasi dan Dokumentasi (PPID) Kabupaten Contoh"},
		{RoleAtasanFull, "PPID", "atasan Pejabat Pengelola Informasi dan Dokumentasi (PPID)"},
	}
	for _, tt := range tests {
		if got := OfficeRole(tt.role, tt.office); got != tt.want {
			t.Errorf("OfficeRole(%q, %q) = %q, want %q", tt.role, tt.office, got, tt.want)
		}
	}
}

// doubled finds a role word written twice in a row, as "PPID PPID" or "(PPID) PPID" or
// "Dokumentasi Pejabat".
var doubled = regexp.MustCompile(`(?i)PPID\)? (PPID|Pejabat Pengelola)|Dokumentasi( \(PPID\))? (PPID|Pejabat Pengelola)`)

func TestLettersNeverDoubleTheRoleWordWhateverTheOfficeName(t *testing.T) {
	for _, office := range []string{"PPID Kabupaten Contoh", "Kabupaten Contoh",
		"Pejabat Pengelola Informasi dan Dokumentasi Kota X", "Pejabat Pengelola Informasi dan Dokumentasi (PPID) Kota X"} {
		for name, l := range allLetters(t) {
			l.Office.Name = office
			h, err := RenderHTML(l)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			// The letterhead prints the office's name alone; the sentences must not repeat its role.
			text := htmlText(string(h))
			if m := doubled.FindString(text); m != "" {
				t.Errorf("office %q, letter %s: %q in %q", office, name, m, around(text, m))
			}
		}
	}
	l := base(t, ObjectionAnswer, outcomeOverturned)
	l.Office.Name = "PPID Kabupaten Contoh"
	h, _ := RenderHTML(l)
	text := htmlText(string(h))
	for _, want := range []string{"PPID Kabupaten Contoh akan menindaklanjuti",
		"atasan Pejabat Pengelola Informasi dan Dokumentasi (PPID) Kabupaten Contoh memberikan"} {
		if !strings.Contains(text, want) {
			t.Errorf("objection answer lacks %q", want)
		}
	}
}

func around(text, m string) string {
	i := strings.Index(text, m)
	return text[max(0, i-60):min(len(text), i+len(m)+40)]
}

func TestFileNameCarriesTheLetterNumberAndKind(t *testing.T) {
	tests := []struct {
		kind   Kind
		number string
		want   string
	}{
		{Extension, "0006/SRT-PPID/XII/2026", "0006-SRT-PPID-XII-2026-perpanjangan.pdf"},
		{Receipt, "0001/SRT-PPID/XI/2026", "0001-SRT-PPID-XI-2026-tanda-bukti.pdf"},
		{ObjectionAnswer, "0012/SRT-PPID/I/2027", "0012-SRT-PPID-I-2027-tanggapan-keberatan.pdf"},
		{Notice, "", "pemberitahuan.pdf"},
	}
	for _, tt := range tests {
		if got := FileName(tt.kind, tt.number); got != tt.want {
			t.Errorf("FileName(%s, %q) = %q, want %q", tt.kind, tt.number, got, tt.want)
		}
	}
}
