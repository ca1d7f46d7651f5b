package registerimport

import (
	"bufio"
	"encoding/csv"
	"flag"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/terbuka-id/terbuka/internal/request"
)

var update = flag.Bool("update", false, "regenerate docs/contoh-register.xlsx from docs/contoh-register.csv")

const (
	exampleCSV  = "../../docs/contoh-register.csv"
	exampleXLSX = "../../docs/contoh-register.xlsx"
)

func TestExampleFiles(t *testing.T) {
	if *update {
		writeExampleXLSX(t)
	}
	want := map[string]string{ // registration number → status
		"014/PPID/XI/2025":  request.StatusClosed,
		"015/PPID/XI/2025":  request.StatusClosed,
		"016/PPID/XII/2025": request.StatusRefused,
		"017/PPID/XII/2025": request.StatusNotHeld,
		"002/PPID/I/2026":   request.StatusGranted,
		"009/PPID/III/2026": request.StatusReceived,
	}
	parsed := map[string][]Row{}
	for _, path := range []string{exampleCSV, exampleXLSX} {
		rows, errs, err := Parse(path, wib, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if len(errs) > 0 {
			t.Fatalf("%s:\n%s", path, render(errs))
		}
		if len(rows) != len(want) {
			t.Fatalf("%s: %d rows, want %d", path, len(rows), len(want))
		}
		kinds := map[string]bool{}
		for _, r := range rows {
			if r.Status != want[r.RegistrationNumber] {
				t.Errorf("%s %s: status %q, want %q", path, r.RegistrationNumber, r.Status, want[r.RegistrationNumber])
			}
			kinds[r.Submission.RequesterKind] = true
		}
		if len(kinds) != len(request.RequesterKinds) {
			t.Errorf("%s shows requester kinds %v, want all of them", path, kinds)
		}
		parsed[path] = rows
	}
	// The workbook is the CSV in Excel's clothes: same requests, other line numbers.
	csvRows, xlsxRows := parsed[exampleCSV], parsed[exampleXLSX]
	for i := range csvRows {
		c, x := csvRows[i], xlsxRows[i]
		c.Line, x.Line = 0, 0
		if !reflect.DeepEqual(c, x) {
			t.Errorf("row %d differs:\ncsv  %+v\nxlsx %+v", i, c, x)
		}
	}
}

// TestExampleDocumentsFormat keeps the notes at the top of the CSV in step with the code.
func TestExampleDocumentsFormat(t *testing.T) {
	notes, _ := readExampleCSV(t)
	text := strings.Join(notes, "\n")
	for _, c := range knownColumns {
		if !strings.Contains(text, c) {
			t.Errorf("column %s is not documented", c)
		}
	}
	for _, options := range [][]request.Option{request.Channels, request.RequesterKinds, request.ObtainMethods, request.DeliveryMethods, request.Decisions} {
		for _, o := range options {
			if !strings.Contains(text, o.Code) {
				t.Errorf("code %s is not documented", o.Code)
			}
		}
	}
}

// readExampleCSV returns the comment lines (without "# ") and the records of the example.
func readExampleCSV(t *testing.T) (notes []string, records [][]string) {
	t.Helper()
	f, err := os.Open(exampleCSV)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	br := bufio.NewReader(f)
	for {
		b, err := br.Peek(1)
		if err != nil || b[0] != '#' {
			break
		}
		line, _ := br.ReadString('\n')
		notes = append(notes, strings.TrimPrefix(strings.TrimPrefix(strings.TrimRight(line, "\r\n"), "#"), " "))
	}
	records, err = csv.NewReader(br).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return notes, records
}

// writeExampleXLSX builds the workbook an office would fill in: dates as Excel dates,
// identifiers as text so Excel keeps every digit, and the notes on a second sheet.
func writeExampleXLSX(t *testing.T) {
	notes, records := readExampleCSV(t)
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Register"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": Excel keeps what is typed
	must(err)
	dateTime, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd hh:mm")})
	must(err)
	dateOnly, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd")})
	must(err)
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	must(err)

	header := records[0]
	for i, name := range header {
		col, _ := excelize.ColumnNumberToName(i + 1)
		must(f.SetColWidth(sheet, col, col, 18))
		switch name {
		case colNumber, colNIK, colPhone, colSK:
			must(f.SetColStyle(sheet, col, text))
		case colReceived:
			must(f.SetColStyle(sheet, col, dateTime))
		case colNotice, colDelivered:
			must(f.SetColStyle(sheet, col, dateOnly))
		}
	}
	for r, record := range records {
		for c, v := range record {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if v == "" {
				continue
			}
			switch {
			case r == 0:
				must(f.SetCellStr(sheet, cell, v))
				must(f.SetCellStyle(sheet, cell, cell, bold))
			case header[c] == colReceived || header[c] == colNotice || header[c] == colDelivered:
				layout := "2006-01-02"
				if len(v) > len(layout) {
					layout = "2006-01-02 15:04"
				}
				when, err := time.Parse(layout, v)
				must(err)
				must(f.SetCellValue(sheet, cell, when))
				style := dateOnly
				if header[c] == colReceived {
					style = dateTime
				}
				must(f.SetCellStyle(sheet, cell, cell, style))
			default:
				must(f.SetCellStr(sheet, cell, v))
			}
		}
	}
	if _, err := f.NewSheet("Petunjuk"); err != nil {
		t.Fatal(err)
	}
	for i, note := range notes {
		must(f.SetCellStr("Petunjuk", "A"+strconv.Itoa(i+1), note))
	}
	must(f.SaveAs(exampleXLSX))
}
