package registerimport

import (
	"bytes"
	"encoding/csv"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseCSV: whatever bytes an office exports as its register, the parser returns without
// panicking, reads nothing from a file with any problem, and names the line of every problem
// (and its column when it has one) with a message an officer can read.
func FuzzParseCSV(f *testing.F) {
	example, err := os.ReadFile("../../docs/contoh-register.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(example)
	header := []string{colNumber, colReceived, colKind, colName, colNIK, colAddress, colPhone, colEmail, colOccupation,
		colInformation, colPurpose, colObtain, colDelivery}
	f.Add([]byte(seedCSV(',', header, validRow("001/PPID/I/2026"), validRow("002/PPID/I/2026"))))
	f.Add([]byte("\ufeff" + seedCSV(';', header, with(validRow("003/PPID/I/2026"), colNIK, "1234"))))
	f.Add([]byte("# catatan\nno_registrasi,tanggal_diterima\n\"001,2026-01-15\n"))
	f.Add([]byte("no_registrasi;kolom_aneh\n001;x\n"))
	f.Add([]byte("no_registrasi,tanggal_diterima\n001,15/01/2026 10:30,lebih\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, errs, err := ParseReader(bytes.NewReader(data), "csv", wib, testNow)
		if err != nil {
			t.Fatalf("I/O error from an in-memory file: %v", err)
		}
		if len(errs) > 0 && len(rows) > 0 {
			t.Fatalf("%d rows returned with %d problems", len(rows), len(errs))
		}
		for _, e := range errs {
			if e.Line < 1 || e.Message == "" || !utf8.ValidString(e.Message) || !utf8.ValidString(e.Column) ||
				strings.ContainsRune(e.Message, 0) {
				t.Fatalf("problem without a line or a readable message: %+v", e)
			}
			if strings.Contains(e.Message, "parse error") || strings.Contains(e.Message, "csv:") {
				t.Fatalf("problem in Go's words, not the officer's: %q", e.Message)
			}
		}
		for _, r := range rows {
			if r.Line < 2 || r.RegistrationNumber == "" || r.ReceivedAt.IsZero() {
				t.Fatalf("row without its line, number or date: %+v", r)
			}
			if errs := r.Submission.Validate(); errs != nil {
				t.Fatalf("row %d passed with an invalid submission: %v", r.Line, errs)
			}
		}
	})
}

// seedCSV writes header and rows as CSV with sep, as csvText does, for a seed corpus.
func seedCSV(sep rune, header []string, rows ...map[string]string) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Comma = sep
	w.Write(header)
	for _, r := range rows {
		line := make([]string, len(header))
		for i, h := range header {
			line[i] = r[h]
		}
		w.Write(line)
	}
	w.Flush()
	return b.String()
}
