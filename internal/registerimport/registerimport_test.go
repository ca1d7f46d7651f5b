package registerimport

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
)

var fullHeader = knownColumns

func TestParseCSV(t *testing.T) {
	base := validRow("001/PPID/I/2026")
	decided := with(base, colDecision, "dikabulkan", colNotice, "2026-01-20")
	tests := []struct {
		name    string
		content func(t *testing.T) string
		want    []wantErr
		check   func(t *testing.T, rows []Row)
	}{
		{
			name:    "one open request",
			content: func(t *testing.T) string { return csvText(t, ',', fullHeader, base) },
			check: func(t *testing.T, rows []Row) {
				r := rows[0]
				if r.Line != 2 || r.RegistrationNumber != "001/PPID/I/2026" || r.Channel != "letter" ||
					r.Status != request.StatusReceived || r.Decision != "" || !r.NoticeDate.IsZero() {
					t.Errorf("row %+v", r)
				}
				if want := time.Date(2026, 1, 15, 10, 30, 0, 0, wib); !r.ReceivedAt.Equal(want) || r.ReceivedAt.Location() != wib {
					t.Errorf("received %v, want %v in WIB", r.ReceivedAt, want)
				}
				if s := r.Submission; s.NIK != "3273014507900003" || s.Email != "siti@contoh.id" || s.PublishConsent {
					t.Errorf("submission %+v", s)
				}
			},
		},
		{
			name: "every bad row is reported, no row is returned",
			content: func(t *testing.T) string {
				return csvText(t, ',', fullHeader,
					with(base, colNumber, "1"),
					with(base, colNumber, "2", colNIK, "3273014507"),
					with(base, colNumber, "3", colReceived, "kemarin", colKind, "robot"),
					with(base, colNumber, "4"),
					with(base, colNumber, "5", colName, "", colEmail, "siti@"),
				)
			},
			want: []wantErr{
				{3, colNIK, "NIK harus 16 digit angka."},
				{4, colReceived, "Tanggal tidak dikenali"},
				{4, colKind, `"robot" tidak dikenal; isi salah satu: perorangan, kelompok, badan_hukum.`},
				{6, colName, "Nama lengkap wajib diisi."},
				{6, colEmail, "Alamat e-mail tidak valid"},
			},
		},
		{
			name: "semicolons and a BOM, as Excel saves CSV UTF-8 in Indonesia",
			content: func(t *testing.T) string {
				return "\ufeff" + csvText(t, ';', fullHeader, base) // the address's comma needs no quotes here
			},
			check: func(t *testing.T, rows []Row) {
				if got := rows[0].Submission.Address; got != "Jl. Cihampelas No. 12, Bandung" {
					t.Errorf("address %q", got)
				}
				if rows[0].RegistrationNumber != "001/PPID/I/2026" {
					t.Errorf("BOM left in the first column: %q", rows[0].RegistrationNumber)
				}
			},
		},
		{
			name: "header in another case, order and spacing",
			content: func(t *testing.T) string {
				header := []string{" Tujuan ", "NAMA", "Tanggal Diterima", "no_registrasi", "cara_mendapatkan ", "Jenis_Pemohon",
					"nik", "ALAMAT", "telepon", "Email", "pekerjaan", "rincian_informasi", "CARA_MEMPEROLEH"}
				return csvText(t, ',', header, with(base, colPurpose, "Bahan riset"))
			},
			check: func(t *testing.T, rows []Row) {
				s := rows[0].Submission
				if s.Purpose != "Bahan riset" || s.Name != "Siti Aminah" || s.ObtainMethod != "softcopy" || rows[0].ReceivedAt.Hour() != 10 {
					t.Errorf("columns mixed up: %+v", rows[0])
				}
			},
		},
		{
			name: "unknown column, with a suggestion for a typo",
			content: func(t *testing.T) string {
				header := append(slices.Clone(fullHeader), "catatan")
				header[1] = "tanggal_diterma"
				return csvText(t, ',', header, base)
			},
			want: []wantErr{
				{1, "tanggal_diterma", "mungkin maksudnya tanggal_diterima?"},
				{1, "catatan", "Kolom tidak dikenal. Kolom yang dikenal: no_registrasi,"},
				{1, colReceived, "Kolom wajib ini tidak ada"},
			},
		},
		{
			name: "missing required column",
			content: func(t *testing.T) string {
				header := slices.DeleteFunc(slices.Clone(fullHeader), func(c string) bool { return c == colPurpose })
				return csvText(t, ',', header, base)
			},
			want: []wantErr{{1, colPurpose, "Kolom wajib ini tidak ada di baris judul."}},
		},
		{
			name: "column twice",
			content: func(t *testing.T) string {
				return csvText(t, ',', append(slices.Clone(fullHeader), "NIK"), base)
			},
			want: []wantErr{{1, colNIK, "Kolom ini muncul dua kali (kolom ke-6 dan ke-22)."}},
		},
		{
			name: "labels instead of codes",
			content: func(t *testing.T) string {
				return csvText(t, ',', fullHeader, with(base, colKind, "Kelompok orang", colObtain, "mendapatkan salinan (softcopy)",
					colDelivery, "E-mail", colChannel, "Datang langsung", colDecision, "Dikabulkan sebagian",
					colExemption, "h", colNotice, "2026-01-20"))
			},
			check: func(t *testing.T, rows []Row) {
				r := rows[0]
				if r.Submission.RequesterKind != "kelompok" || r.Submission.ObtainMethod != "softcopy" || r.Submission.DeliveryMethod != "email" ||
					r.Channel != "walk_in" || r.Decision != request.StatusPartial || r.Status != request.StatusPartial {
					t.Errorf("labels not mapped to codes: %+v", r)
				}
			},
		},
		{
			name: "DD/MM/YYYY dates; a date alone is 08:00",
			content: func(t *testing.T) string {
				return csvText(t, ',', fullHeader,
					with(base, colReceived, "15/01/2026 10.30", colDecision, "dikabulkan", colNotice, "20/01/2026", colDelivered, "3/2/2026"),
					with(base, colNumber, "002", colReceived, "16/01/2026"),
					with(base, colNumber, "003", colReceived, "2026-01-17"))
			},
			check: func(t *testing.T, rows []Row) {
				want := []time.Time{time.Date(2026, 1, 15, 10, 30, 0, 0, wib), time.Date(2026, 1, 16, 8, 0, 0, 0, wib), time.Date(2026, 1, 17, 8, 0, 0, 0, wib)}
				for i, w := range want {
					if !rows[i].ReceivedAt.Equal(w) {
						t.Errorf("row %d received %v, want %v", i, rows[i].ReceivedAt, w)
					}
				}
				if rows[0].NoticeDate != calendar.NewDate(2026, 1, 20) || rows[0].DeliveredDate != calendar.NewDate(2026, 2, 3) || rows[0].Status != request.StatusClosed {
					t.Errorf("row %+v", rows[0])
				}
			},
		},
		{
			name: "dates that cannot be",
			content: func(t *testing.T) string {
				return csvText(t, ',', fullHeader,
					with(base, colNumber, "1", colReceived, "2026-06-01 12:01"),                                          // a minute after now
					with(base, colNumber, "2", colReceived, "2026-06-01"),                                                // 08:00 today is fine
					with(decided, colNumber, "3", colNotice, "2026-06-02"),                                               // notice tomorrow
					with(base, colNumber, "4", colReceived, "31/02/2026"),                                                // no such day
					with(base, colNumber, "5", colReceived, "15/01/26"),                                                  // two-digit year
					with(base, colNumber, "6", colReceived, "2009-12-31"),                                                // before UU 14/2008 applied
					with(base, colNumber, "7", colReceived, "2026-01-15 25:00"),                                          // no such hour
					with(decided, colNumber, "8", colNotice, "2026-01-14"),                                               // notice before receipt
					with(decided, colNumber, "9", colDelivered, "2026-01-19"),                                            // delivered before notice
					with(decided, colNumber, "10", colNotice, "", colDelivered, "2026-01-10", colDecision, "dikabulkan"), // delivered before receipt
				)
			},
			want: []wantErr{
				{2, colReceived, "Tanggal diterima tidak boleh di masa depan."},
				{4, colNotice, "Tanggal tidak boleh di masa depan."},
				{5, colReceived, "Tanggal tidak dikenali"},
				{6, colReceived, "Tanggal tidak dikenali"},
				{7, colReceived, "sebelum UU 14/2008 berlaku"},
				{8, colReceived, "Tanggal tidak dikenali"},
				{9, colNotice, "Tanggal pemberitahuan tidak boleh sebelum tanggal diterima (15 Januari 2026)."},
				{10, colDelivered, "Tanggal penyerahan tidak boleh sebelum tanggal pemberitahuan (20 Januari 2026)."},
				{11, colNotice, "Tanggal pemberitahuan tertulis wajib diisi"},
				{11, colDelivered, "Tanggal penyerahan tidak boleh sebelum tanggal diterima (15 Januari 2026)."},
			},
		},
		{
			name: "duplicate registration number names the first line",
			content: func(t *testing.T) string {
				return csvText(t, ',', fullHeader, base, with(base, colNumber, "002"), with(base, colNumber, " 001/ppid/I/2026 "))
			},
			want: []wantErr{{4, colNumber, "Nomor registrasi ini sudah dipakai di baris 2."}},
		},
		{
			name: "NIK Excel wrote in scientific notation",
			content: func(t *testing.T) string {
				return csvText(t, ',', fullHeader, with(base, colNIK, "3.27301450790000E+15"), with(base, colNumber, "2", colNIK, "3,27301E+15"))
			},
			want: []wantErr{
				{2, colNIK, "NIK terbaca sebagai angka ilmiah; format kolom NIK sebagai Teks di Excel."},
				{3, colNIK, "NIK terbaca sebagai angka ilmiah; format kolom NIK sebagai Teks di Excel."},
			},
		},
		{
			name: "decision rules of Pasal 22(7)",
			content: func(t *testing.T) string {
				return csvText(t, ',', fullHeader,
					with(base, colNumber, "1", colDecision, "ditolak", colNotice, "2026-01-20"),                                                // no Pasal 17 letter
					with(base, colNumber, "2", colDecision, "dikabulkan", colNotice, "2026-01-20", colExemption, "h"),                          // letter on a grant
					with(base, colNumber, "3", colDecision, "tidak_dikuasai"),                                                                  // no notice date
					with(base, colNumber, "4", colDecision, "ditolak", colExemption, "h", colNotice, "2026-01-20", colDelivered, "2026-01-21"), // refused yet delivered
					with(base, colNumber, "5", colNotice, "2026-01-20"),                                                                        // notice without decision
					with(base, colNumber, "6", colExemption, "b"),                                                                              // letter on an open case
					with(base, colNumber, "7", colDecision, "ditolak", colExemption, "17h", colNotice, "2026-01-20"),                           // not a letter
					with(base, colNumber, "8", colDecision, "selesai", colNotice, "2026-01-20"),                                                // a status, not a decision
					with(base, colNumber, "9", colDelivered, "2026-01-21"),                                                                     // delivered while open
				)
			},
			want: []wantErr{
				{2, colExemption, "Sebutkan huruf Pasal 17"},
				{3, colExemption, "hanya diisi bila keputusan ditolak atau dikabulkan_sebagian"},
				{4, colNotice, "wajib diisi bila keputusan diisi"},
				{5, colDelivered, "hanya diisi bila keputusan dikabulkan atau dikabulkan_sebagian"},
				{6, colDecision, "Keputusan wajib diisi bila tanggal pemberitahuan diisi."},
				{7, colExemption, "hanya diisi bila keputusan ditolak atau dikabulkan_sebagian"},
				{8, colExemption, `"17h" bukan huruf Pasal 17`},
				{9, colDecision, `"selesai" tidak dikenal; isi salah satu: dikabulkan, dikabulkan_sebagian, ditolak, tidak_dikuasai, belum_didokumentasikan.`},
				{10, colDelivered, "hanya diisi bila keputusan dikabulkan atau dikabulkan_sebagian"},
			},
		},
		{
			name: "decisions, letters and derived status",
			content: func(t *testing.T) string {
				return csvText(t, ',', fullHeader,
					with(base, colNumber, "1", colDecision, "ditolak", colExemption, "h, b;H", colNotice, "2026-01-20"),
					with(base, colNumber, "2", colDecision, "dikabulkan", colNotice, "2026-01-20", colDelivered, "2026-01-20", colCost, "Rp0", colConsent, "Ya"),
					with(base, colNumber, "3", colDecision, "belum_didokumentasikan", colNotice, "2026-01-20", colConsent, "1"),
				)
			},
			check: func(t *testing.T, rows []Row) {
				if r := rows[0]; r.Status != request.StatusRefused || !slices.Equal(r.ExemptionLetters, []string{"b", "h"}) {
					t.Errorf("refused row %+v", r)
				}
				if r := rows[1]; r.Status != request.StatusClosed || r.Decision != request.StatusGranted || r.Cost != "Rp0" || !r.Submission.PublishConsent {
					t.Errorf("delivered row %+v", r)
				}
				if r := rows[2]; r.Status != request.StatusNotDocumented || !r.Submission.PublishConsent {
					t.Errorf("not documented row %+v", r)
				}
			},
		},
		{
			name: "requester rules come from the web form",
			content: func(t *testing.T) string {
				return csvText(t, ',', fullHeader,
					with(base, colNumber, "1", colKind, "badan_hukum"),                       // no SK number
					with(base, colNumber, "2", colKind, "kelompok", colNIK, ""),              // no NIK
					with(base, colNumber, "3", colEmail, ""),                                 // e-mail delivery without address
					with(base, colNumber, "4", colInformation, "data", colPhone, "12345"),    // too short, twice
					with(base, colNumber, "5", colConsent, "mungkin", colChannel, "merpati"), // unclear values
				)
			},
			want: []wantErr{
				{2, colSK, "Nomor SK pengesahan badan hukum wajib diisi."},
				{3, colNIK, "NIK wajib diisi"},
				{4, colEmail, "wajib diisi bila informasi dikirim lewat e-mail"},
				{5, colPhone, "Nomor telepon tidak valid"},
				{5, colInformation, "paling sedikit 10 karakter"},
				{6, colChannel, `"merpati" tidak dikenal`},
				{6, colConsent, "Isi ya atau tidak."},
			},
		},
		{
			name: "a legal entity's stray NIK is ignored; a phone without its leading zero gets it back",
			content: func(t *testing.T) string {
				return csvText(t, ',', fullHeader, with(base, colKind, "Badan hukum", colSK, "AHU-0012345.AH.01.07", colNIK, "3.27E+15", colPhone, "81222334455"))
			},
			check: func(t *testing.T, rows []Row) {
				if s := rows[0].Submission; s.NIK != "" || s.EntitySKNumber != "AHU-0012345.AH.01.07" || s.Phone != "081222334455" {
					t.Errorf("submission %+v", s)
				}
			},
		},
		{
			name:    "empty file",
			content: func(*testing.T) string { return "" },
			want:    []wantErr{{1, "", "File kosong"}},
		},
		{
			name:    "comments only",
			content: func(*testing.T) string { return "# catatan\n\n# lagi\n" },
			want:    []wantErr{{1, "", "File kosong"}},
		},
		{
			name:    "header only",
			content: func(t *testing.T) string { return csvText(t, ',', fullHeader) + "\n,,,\n" },
			want:    []wantErr{{1, "", "File hanya berisi baris judul"}},
		},
		{
			name: "comment lines before the header count in line numbers",
			content: func(t *testing.T) string {
				return "# register 2026\n# dinas pendidikan\n" + csvText(t, ',', append(slices.Clone(fullHeader), "catatan"), with(base, colNIK, "123"))
			},
			want: []wantErr{{3, "catatan", "Kolom tidak dikenal"}},
		},
		{
			name: "line numbers follow the file across blank lines and multi-line cells",
			content: func(t *testing.T) string {
				return csvText(t, ',', fullHeader, with(base, colAddress, "Jl. Cihampelas 12\nBandung")) + "\n\n" +
					strings.SplitN(csvText(t, ',', fullHeader, with(base, colNumber, "2", colNIK, "1")), "\n", 2)[1]
			},
			want: []wantErr{{6, colNIK, "NIK harus 16 digit angka."}},
		},
		{
			name: "broken quotes stop the reading at that line",
			content: func(t *testing.T) string {
				return csvText(t, ',', fullHeader, base) + `002,"2026-01-15 10:30,x` + "\n"
			},
			want: []wantErr{{3, "", "Tanda kutip"}},
		},
		{
			name: "text that is not UTF-8",
			content: func(t *testing.T) string {
				return csvText(t, ',', fullHeader, with(base, colName, "Andr\xe9 Wijaya"))
			},
			want: []wantErr{{2, colName, "simpan ulang file sebagai \"CSV UTF-8\""}},
		},
		{
			name: "data beyond the header",
			content: func(t *testing.T) string {
				return strings.Replace(csvText(t, ',', fullHeader, base), "\n", ",,\n", 1) + "003" + strings.Repeat(",", 21) + "lebih\n"
			},
			want: []wantErr{
				{3, "", "Kolom ke-22 berisi data tetapi tidak punya judul kolom."},
				{3, colReceived, "Tanggal diterima wajib diisi."},
				{3, colKind, "Pilih jenis pemohon."},
				{3, colName, "Nama lengkap wajib diisi."},
				{3, colAddress, "Alamat"}, {3, colPhone, "telepon"}, {3, colOccupation, "Pekerjaan"},
				{3, colInformation, "Rincian"}, {3, colPurpose, "Tujuan"}, {3, colObtain, "memperoleh"}, {3, colDelivery, "salinan"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, "register.csv", tt.content(t))
			rows, errs, err := Parse(path, wib, testNow)
			if err != nil {
				t.Fatal(err)
			}
			checkErrors(t, errs, tt.want)
			if len(tt.want) > 0 {
				if rows != nil {
					t.Errorf("%d rows returned with errors", len(rows))
				}
				return
			}
			if len(rows) == 0 {
				t.Fatal("no rows")
			}
			tt.check(t, rows)
		})
	}
}

func TestRowLimit(t *testing.T) {
	base := validRow("")
	rows := []map[string]string{}
	for i := range 4 {
		rows = append(rows, with(base, colNumber, string(rune('A'+i)), colNIK, "x"))
	}
	content := csvText(t, ',', fullHeader, rows...)
	for _, tt := range []struct {
		limit int
		want  []wantErr
	}{
		{4, []wantErr{{2, colNIK, "NIK"}, {3, colNIK, "NIK"}, {4, colNIK, "NIK"}, {5, colNIK, "NIK"}}},
		{3, []wantErr{{1, "", "File berisi lebih dari 3 baris data"}}},
	} {
		_, errs, err := parse(strings.NewReader(content), "csv", wib, testNow, tt.limit)
		if err != nil {
			t.Fatal(err)
		}
		checkErrors(t, errs, tt.want)
	}
	if got := thousands(maxRows); got != "50.000" {
		t.Errorf("limit reads %q", got)
	}
}

func TestParseFileProblems(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := Parse(dir+"/tidak-ada.csv", wib, testNow); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: err %v", err)
	}
	for _, name := range []string{"register.xls", "register.ods", "register"} {
		rows, errs, err := Parse(writeFile(t, name, "x"), wib, testNow)
		if err != nil || rows != nil {
			t.Fatalf("%s: rows %v err %v", name, rows, err)
		}
		checkErrors(t, errs, []wantErr{{1, "", "simpan register sebagai .xlsx"}})
	}
	upper := writeFile(t, "REGISTER.CSV", csvText(t, ',', fullHeader, validRow("1")))
	if rows, errs, err := Parse(upper, wib, testNow); err != nil || len(errs) > 0 || len(rows) != 1 {
		t.Errorf(".CSV: %d rows, errors %v, err %v", len(rows), errs, err)
	}
	if _, _, err := ParseReader(strings.NewReader(""), "ods", wib, testNow); err == nil {
		t.Error("unknown format accepted")
	}
	if _, _, err := ParseReader(strings.NewReader(""), "csv", nil, testNow); err == nil {
		t.Error("nil location accepted")
	}
}

func TestRowErrorString(t *testing.T) {
	tests := []struct {
		e    RowError
		want string
	}{
		{RowError{7, colNIK, "NIK harus 16 digit angka."}, "baris 7, kolom nik: NIK harus 16 digit angka."},
		{RowError{1, "", "File kosong."}, "baris 1: File kosong."},
	}
	for _, tt := range tests {
		if got := tt.e.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.e, got, tt.want)
		}
	}
}
