package registerimport

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
)

func TestParseXLSX(t *testing.T) {
	base := validRow("001/PPID/I/2026")
	tests := []struct {
		name  string
		rows  [][]any
		want  []wantErr
		check func(t *testing.T, rows []Row)
	}{
		{
			name: "Excel date cells, with and without time",
			rows: xlsxRows(fullHeader,
				anyRow(base, colReceived, excelDateTime(time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC)),
					colDecision, "dikabulkan", colNotice, excelDate(time.Date(2026, 1, 20, 0, 0, 0, 0, time.UTC)),
					colDelivered, excelDate(time.Date(2026, 1, 22, 0, 0, 0, 0, time.UTC))),
				anyRow(base, colNumber, "002", colReceived, excelDate(time.Date(2026, 1, 16, 0, 0, 0, 0, time.UTC))),
				anyRow(base, colNumber, "003", colReceived, "17/01/2026 09:05"), // typed as text
			),
			check: func(t *testing.T, rows []Row) {
				want := []time.Time{time.Date(2026, 1, 15, 10, 30, 0, 0, wib), time.Date(2026, 1, 16, 8, 0, 0, 0, wib), time.Date(2026, 1, 17, 9, 5, 0, 0, wib)}
				for i, w := range want {
					if !rows[i].ReceivedAt.Equal(w) || rows[i].ReceivedAt.Location() != wib {
						t.Errorf("row %d received %v, want %v", i, rows[i].ReceivedAt, w)
					}
				}
				if r := rows[0]; r.NoticeDate != calendar.NewDate(2026, 1, 20) || r.DeliveredDate != calendar.NewDate(2026, 1, 22) || r.Status != request.StatusClosed {
					t.Errorf("row %+v", r)
				}
			},
		},
		{
			name: "Excel date cells checked like typed ones",
			rows: xlsxRows(fullHeader,
				anyRow(base, colReceived, excelDateTime(time.Date(2026, 6, 1, 12, 30, 0, 0, time.UTC))),
				anyRow(base, colNumber, "002", colDecision, "dikabulkan", colNotice, excelDate(time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC))),
				anyRow(base, colNumber, "003", colReceived, 0.5), // a time of day with no date
			),
			want: []wantErr{
				{2, colReceived, "tidak boleh di masa depan"},
				{3, colNotice, "tidak boleh sebelum tanggal diterima"},
				{4, colReceived, "Tanggal tidak dikenali"},
			},
		},
		{
			name: "NIK that Excel stored as a number",
			rows: xlsxRows(fullHeader,
				anyRow(base, colNIK, int64(3273014507900000)),                            // Excel kept 15 digits and shows them
				anyRow(base, colNumber, "002", colNIK, storedNumber("3273014507900003")), // formatted as 3.27301450790000E+15
				anyRow(base, colNumber, "003", colNIK, "3273014507900010"),               // text ending in 0 is fine
			),
			want: []wantErr{
				{2, colNIK, "NIK tersimpan sebagai angka di Excel"},
				{3, colNIK, "NIK terbaca sebagai angka ilmiah; format kolom NIK sebagai Teks di Excel."},
			},
		},
		{
			name: "phone that Excel stored as a number",
			rows: xlsxRows(fullHeader,
				anyRow(base, colPhone, 81222334455),
				anyRow(base, colNumber, "002", colPhone, 274512345),
				anyRow(base, colNumber, "003", colPhone, 6281222334455),
			),
			want: []wantErr{
				{3, colPhone, "angka 0 atau tanda + di depannya hilang"},
				{4, colPhone, "angka 0 atau tanda + di depannya hilang"},
			},
		},
		{
			name: "numbers where numbers are harmless; lines are Excel's row numbers",
			rows: append(xlsxRows([]string{"No_Registrasi", " tanggal diterima", colKind, colName, colNIK, colAddress, colPhone, colEmail,
				colOccupation, colInformation, colPurpose, colObtain, colDelivery, colConsent, colCost},
				anyRow(base, colNumber, 17, colPhone, 81222334455, colConsent, true, colCost, 5000)),
				nil, // a blank row
				[]any{18, "2026-01-15", "perorangan", "Siti Aminah", "3273014507900003", "Jl. Dago 1", "0812 2233 4455", "",
					"Guru", "Salinan RKA Dinas Pendidikan 2026", "Riset", "melihat", "ambil_langsung", false}),
			check: func(t *testing.T, rows []Row) {
				if len(rows) != 2 || rows[0].Line != 2 || rows[1].Line != 4 {
					t.Fatalf("rows %+v", rows)
				}
				r := rows[0]
				if r.RegistrationNumber != "17" || r.Submission.Phone != "081222334455" || !r.Submission.PublishConsent || r.Cost != "5000" {
					t.Errorf("row %+v", r)
				}
				if rows[1].Submission.PublishConsent {
					t.Error("FALSE read as consent")
				}
			},
		},
		{
			name: "every bad row is reported",
			rows: xlsxRows(fullHeader,
				anyRow(base, colNumber, "1", colNIK, "123"),
				anyRow(base, colNumber, "2"),
				anyRow(base, colNumber, "1", colKind, "Badan hukum"),
			),
			want: []wantErr{
				{2, colNIK, "NIK harus 16 digit angka."},
				{4, colNumber, "sudah dipakai di baris 2"},
				{4, colSK, "Nomor SK"},
			},
		},
		{
			name: "comment rows before the header",
			rows: append([][]any{{"# Register PPID Dinas Pendidikan", "dibuat 2026"}, nil}, xlsxRows(append(fullHeader[:len(fullHeader):len(fullHeader)], "Keterangan"), anyRow(base))...),
			want: []wantErr{{3, "Keterangan", "Kolom tidak dikenal"}},
		},
		{
			name: "empty sheet",
			rows: nil,
			want: []wantErr{{1, "", "File kosong"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, errs, err := Parse(writeXLSX(t, tt.rows), wib, testNow)
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
			tt.check(t, rows)
		})
	}
}

func TestParseXLSXReadsFirstSheetOnly(t *testing.T) {
	path := writeXLSX(t, xlsxRows(fullHeader, anyRow(validRow("1"))))
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("Petunjuk"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr("Petunjuk", "A1", "bukan kolom register"); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	rows, errs, err := Parse(path, wib, testNow)
	if err != nil || len(errs) > 0 || len(rows) != 1 {
		t.Errorf("%d rows, errors %v, err %v", len(rows), errs, err)
	}
}

func TestParseXLSXUnreadable(t *testing.T) {
	tests := []struct {
		name    string
		content []byte
		want    string
	}{
		{"not a zip", []byte("no_registrasi,tanggal_diterima\n"), "File Excel tidak dapat dibaca"},
		{"old .xls renamed", append([]byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}, make([]byte, 512)...), "Excel lama (.xls)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "register.xlsx")
			if err := os.WriteFile(path, tt.content, 0o600); err != nil {
				t.Fatal(err)
			}
			rows, errs, err := Parse(path, wib, testNow)
			if err != nil || rows != nil {
				t.Fatalf("rows %v err %v", rows, err)
			}
			checkErrors(t, errs, []wantErr{{1, "", tt.want}})
		})
	}
}

func TestParseXLSX1904DateSystem(t *testing.T) {
	path := writeXLSX(t, xlsxRows(fullHeader, anyRow(validRow("1"), colReceived, excelDate(time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)))))
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Switching the date system keeps the stored numbers, which now count from 1904.
	if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: ptr(true)}); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	rows, errs, err := Parse(path, wib, time.Date(2031, 1, 1, 0, 0, 0, 0, wib))
	if err != nil || len(errs) > 0 {
		t.Fatalf("errors %v, err %v", errs, err)
	}
	if want := time.Date(2030, 1, 16, 8, 0, 0, 0, wib); !rows[0].ReceivedAt.Equal(want) {
		t.Errorf("received %v, want %v (1462 days later)", rows[0].ReceivedAt, want)
	}
}
