package registerimport

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

var wib = mustLocation("Asia/Jakarta")

func mustLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// testNow is the moment most tests import at: every date in validRow is before it.
var testNow = time.Date(2026, 6, 1, 12, 0, 0, 0, wib)

// validRow returns a complete, valid open request keyed by column.
func validRow(number string) map[string]string {
	return map[string]string{
		colNumber:      number,
		colReceived:    "2026-01-15 10:30",
		colKind:        "perorangan",
		colName:        "Siti Aminah",
		colNIK:         "3273014507900003",
		colAddress:     "Jl. Cihampelas No. 12, Bandung",
		colPhone:       "0812 2233 4455",
		colEmail:       "siti@contoh.id",
		colOccupation:  "Guru",
		colInformation: "Salinan RKA Dinas Pendidikan 2026",
		colPurpose:     "Riset",
		colObtain:      "softcopy",
		colDelivery:    "email",
	}
}

// with returns a copy of row with some columns changed.
func with(row map[string]string, changes ...string) map[string]string {
	out := make(map[string]string, len(row))
	for k, v := range row {
		out[k] = v
	}
	for i := 0; i+1 < len(changes); i += 2 {
		out[changes[i]] = changes[i+1]
	}
	return out
}

// csvText writes header and rows as CSV with sep, quoting as Excel would.
func csvText(t *testing.T, sep rune, header []string, rows ...map[string]string) string {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = sep
	if err := w.Write(header); err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		record := make([]string, len(header))
		for i, h := range header {
			record[i] = row[columnKey(h)]
		}
		if err := w.Write(record); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return b.String()
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Cell kinds for writeXLSX beyond plain strings (text cells) and numbers.
type (
	excelDateTime time.Time // a date cell with a time, wall clock as given
	excelDate     time.Time // a date cell without time
	storedNumber  string    // a number cell whose stored text is exactly this
)

// writeXLSX saves rows (header first) on the first sheet of a new workbook in a temp dir.
func writeXLSX(t *testing.T, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Sheet1"
	dateTime, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("dd/mm/yyyy hh:mm")})
	if err != nil {
		t.Fatal(err)
	}
	dateOnly, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		for c, v := range row {
			name, _ := excelize.CoordinatesToCellName(c+1, r+1)
			switch v := v.(type) {
			case nil:
			case string:
				err = f.SetCellStr(sheet, name, v)
			case excelDateTime:
				err = setDate(f, sheet, name, time.Time(v), dateTime)
			case excelDate:
				err = setDate(f, sheet, name, time.Time(v), dateOnly)
			case storedNumber:
				err = f.SetCellDefault(sheet, name, string(v))
			default:
				err = f.SetCellValue(sheet, name, v)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "register.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// setDate stores the wall clock of v as an Excel date number with style.
func setDate(f *excelize.File, sheet, cell string, v time.Time, style int) error {
	wall := time.Date(v.Year(), v.Month(), v.Day(), v.Hour(), v.Minute(), v.Second(), 0, time.UTC)
	if err := f.SetCellValue(sheet, cell, wall); err != nil {
		return err
	}
	return f.SetCellStyle(sheet, cell, cell, style)
}

func ptr[T any](v T) *T { return &v }

// xlsxRows turns a header and rows keyed by column into writeXLSX input.
func xlsxRows(header []string, rows ...map[string]any) [][]any {
	out := [][]any{make([]any, len(header))}
	for i, h := range header {
		out[0][i] = h
	}
	for _, row := range rows {
		record := make([]any, len(header))
		for i, h := range header {
			record[i] = row[columnKey(h)]
		}
		out = append(out, record)
	}
	return out
}

// anyRow widens validRow for xlsxRows.
func anyRow(row map[string]string, changes ...any) map[string]any {
	out := make(map[string]any, len(row))
	for k, v := range row {
		out[k] = v
	}
	for i := 0; i+1 < len(changes); i += 2 {
		out[changes[i].(string)] = changes[i+1]
	}
	return out
}

// wantErr is an expected RowError; msg must occur in its Message.
type wantErr struct {
	line   int
	column string
	msg    string
}

func checkErrors(t *testing.T, got []RowError, want []wantErr) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%s", len(got), len(want), render(got))
	}
	for i, w := range want {
		g := got[i]
		if g.Line != w.line || g.Column != w.column || !strings.Contains(g.Message, w.msg) {
			t.Errorf("error %d = %s\nwant line %d, column %q, message containing %q", i, g, w.line, w.column, w.msg)
		}
	}
}

func render(errs []RowError) string {
	var b strings.Builder
	for _, e := range errs {
		b.WriteString("  " + e.String() + "\n")
	}
	return b.String()
}
