package cli

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// `terbuka import` says how many imported requests were already overdue with requesters never told
// they may object, split by whether the 30 working days of Pasal 36(1) have passed, and what to do.
func TestImportPrintsTheUntoldOverdueCases(t *testing.T) {
	t.Setenv("TERBUKA_DATABASE_URL", testdb.URL(t))
	t.Setenv("TERBUKA_SECURITY_DATA_KEY", base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{5}, 32)))
	// The command counts from the real clock: dates relative to today keep each row on its side.
	day := func(daysAgo int) string { return time.Now().AddDate(0, 0, -daysAgo).Format("2006-01-02") + " 09:00" }
	const header = "no_registrasi,tanggal_diterima,jenis_pemohon,nama,nik,alamat,telepon,email,pekerjaan,rincian_informasi,tujuan,cara_memperoleh,cara_mendapatkan"
	lines := []string{header,
		"001/LAMA," + day(200) + ",perorangan,Budi Santoso,1271021203850002,Jl. Uji 1,0812 2233 4455,budi@contoh.id,Guru,Data anggaran,Riset,softcopy,email",
		"002/LAMA," + day(210) + ",perorangan,Ahmad Fauzi,3471052010880004,Jl. Uji 2,0812 2233 4455,,Guru,Data anggaran,Riset,softcopy,ambil_langsung",
		"003/LAMA," + day(25) + ",perorangan,Rina Wulandari,3578106708920001,Jl. Uji 3,0812 2233 4455,,Guru,Data anggaran,Riset,softcopy,ambil_langsung",
		"004/LAMA," + day(1) + ",perorangan,Maria Ulfa,6171014101950005,Jl. Uji 4,0812 2233 4455,maria@contoh.id,Guru,Data anggaran,Riset,softcopy,email",
	}
	path := filepath.Join(t.TempDir(), "register.csv")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	if code := Run([]string{"--config", filepath.Join(t.TempDir(), "tidak-ada.yaml"), "import", path}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	for _, want := range []string{
		"4 permohonan diimpor",
		"3 permohonan sudah lewat waktu tanpa pemberitahuan tertulis",
		"sudah berakhir: 2 (1 tanpa alamat e-mail)",
		"masih berjalan: 1 (1 tanpa alamat e-mail)",
		"/kantor/impor",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
