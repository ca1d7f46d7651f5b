package dipdik

import (
	"bytes"
	"fmt"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/terbuka-id/terbuka/internal/calendar"
)

// XLSX writes the table as a workbook: the list on the first sheet with a bold, frozen header
// row, column widths and a filter, so it can be sorted by category or date; a second sheet
// ("Keterangan") names the office, the list, its legal basis and when it was made.
func XLSX(t Table) ([]byte, error) {
	b, err := writeXLSX(t)
	if err != nil {
		return nil, fmt.Errorf("dipdik: unable to write %s XLSX: %w", t.Name, err)
	}
	return b, nil
}

func writeXLSX(t Table) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := t.Name
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	top := excelize.Alignment{Vertical: "top", WrapText: true}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E4E9EE"}},
		Alignment: &top})
	if err != nil {
		return nil, err
	}
	body, err := f.NewStyle(&excelize.Style{Alignment: &top})
	if err != nil {
		return nil, err
	}
	dateFmt := "yyyy-mm-dd"
	date, err := f.NewStyle(&excelize.Style{Alignment: &top, CustomNumFmt: &dateFmt})
	if err != nil {
		return nil, err
	}

	last, err := excelize.ColumnNumberToName(max(len(t.Columns), 1))
	if err != nil {
		return nil, err
	}
	titles := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		titles[i] = c.Title
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, c.XLSXWidth); err != nil {
			return nil, err
		}
	}
	if err := f.SetSheetRow(sheet, "A1", &titles); err != nil {
		return nil, err
	}
	if err := f.SetCellStyle(sheet, "A1", last+"1", head); err != nil {
		return nil, err
	}
	for i, r := range t.Rows {
		line := i + 2
		values := make([]any, len(t.Columns))
		for j, c := range t.Columns {
			v := ""
			if j < len(r) {
				v = r[j]
			}
			values[j] = cellValue(c.Kind, v)
		}
		cell := "A" + strconv.Itoa(line)
		if err := f.SetSheetRow(sheet, cell, &values); err != nil {
			return nil, err
		}
	}
	if n := len(t.Rows); n > 0 {
		end := strconv.Itoa(n + 1)
		if err := f.SetCellStyle(sheet, "A2", last+end, body); err != nil {
			return nil, err
		}
		for j, c := range t.Columns {
			if c.Kind == Date {
				col, _ := excelize.ColumnNumberToName(j + 1)
				if err := f.SetCellStyle(sheet, col+"2", col+end, date); err != nil {
					return nil, err
				}
			}
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return nil, err
	}
	if err := f.AutoFilter(sheet, "A1:"+last+strconv.Itoa(max(len(t.Rows), 1)+1), nil); err != nil {
		return nil, err
	}

	if err := about(f, t, head, body); err != nil {
		return nil, err
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: t.Title, Subject: t.Office, Creator: "Terbuka",
		Created: t.Generated.UTC().Format(time.RFC3339), Language: "id-ID"}); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// cellValue types a cell: numbers and dates as such, so a spreadsheet sorts them right.
func cellValue(k Kind, v string) any {
	switch k {
	case Number:
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	case Date:
		if d, err := calendar.ParseDate(v); err == nil {
			return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
		}
	}
	return v
}

// about writes the "Keterangan" sheet: what the list is, whose, and as of when.
func about(f *excelize.File, t Table, head, body int) error {
	const sheet = "Keterangan"
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	rows := [][]any{
		{"Daftar", t.Title},
		{"Badan publik", t.Office},
		{"Dibuat pada", calendar.FormatTimeID(t.Generated)},
		{"Jumlah baris", len(t.Rows)},
		{"Dasar hukum", t.Basis},
	}
	for i, r := range rows {
		if err := f.SetSheetRow(sheet, "A"+strconv.Itoa(i+1), &r); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(sheet, "A", "A", 16); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "B", "B", 100); err != nil {
		return err
	}
	end := strconv.Itoa(len(rows))
	if err := f.SetCellStyle(sheet, "A1", "A"+end, head); err != nil {
		return err
	}
	return f.SetCellStyle(sheet, "B1", "B"+end, body)
}
