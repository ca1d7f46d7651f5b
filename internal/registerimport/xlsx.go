package registerimport

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// oleSignature starts an OLE compound file: an .xls workbook, or an encrypted .xlsx.
var oleSignature = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}

const msgUnreadableXLSX = "File Excel tidak dapat dibaca; buka di Excel lalu simpan ulang sebagai Excel Workbook (.xlsx)."

func (p *parser) readXLSX(r io.Reader) error {
	data, err := io.ReadAll(&limitedReader{r: r, n: maxFileBytes})
	if err != nil {
		return p.ioError(err)
	}
	if bytes.HasPrefix(data, oleSignature) {
		p.fileError("", "File ini berformat Excel lama (.xls) atau dilindungi kata sandi; buka di Excel, lepas kata sandinya bila ada, lalu simpan sebagai Excel Workbook (.xlsx).")
		return nil
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipBytes})
	if f != nil {
		defer f.Close()
	}
	if err != nil {
		p.fileError("", msgUnreadableXLSX)
		return nil
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil
	}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		p.date1904 = *props.Date1904
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		p.fileError("", msgUnreadableXLSX)
		return nil
	}
	defer rows.Close()

	var numbers *numericCells
	defer func() { numbers.close() }()
	line := 0
	for !p.full && rows.Next() {
		line++ // Next visits every row number, so line is the row Excel shows
		values, err := rows.Columns()
		if err != nil {
			p.errs = append(p.errs, RowError{Line: line, Message: msgUnreadableXLSX})
			return nil
		}
		cells := make([]cell, len(values))
		for i, v := range values {
			cells[i] = cell{text: v}
		}
		if p.headerLine == 0 {
			if blank(cells) || strings.HasPrefix(strings.TrimSpace(firstText(cells)), "#") {
				continue
			}
			if !p.header(values, line) {
				return nil
			}
			numbers = openNumericCells(data, p.typedColumns())
			continue
		}
		for col, raw := range numbers.of(line) {
			if col-1 < len(cells) {
				cells[col-1].numeric, cells[col-1].raw = true, raw
			}
		}
		p.row(record{line: line, cells: cells})
	}
	if err := rows.Error(); err != nil && !p.full {
		p.errs = append(p.errs, RowError{Line: line + 1, Message: msgUnreadableXLSX})
	}
	return nil
}

func firstText(cells []cell) string {
	for _, c := range cells {
		if strings.TrimSpace(c.text) != "" {
			return c.text
		}
	}
	return ""
}

// typedColumns are the 1-based columns where it matters whether Excel stored a number.
func (p *parser) typedColumns() map[int]bool {
	want := map[int]bool{}
	for _, c := range []string{colNIK, colPhone, colReceived, colNotice, colDelivered} {
		if i, ok := p.index[c]; ok {
			want[i+1] = true
		}
	}
	return want
}

// numericCells streams the first worksheet's XML beside excelize, row by row, for the stored
// value of number cells in some columns. excelize's formatted text cannot tell the number
// 3273014507900000 from the text "3273014507900000", and only the number has lost a digit.
type numericCells struct {
	rc    io.Closer
	dec   *xml.Decoder
	want  map[int]bool
	row   int            // the row cells belongs to
	cells map[int]string // column → stored value
	done  bool
}

// openNumericCells returns nil when it cannot find the sheet; then no cell counts as a number,
// and a mangled NIK is caught only when Excel shows it in scientific notation.
func openNumericCells(data []byte, want map[int]bool) *numericCells {
	if len(want) == 0 {
		return nil
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "/")] = f
	}
	sheet, ok := firstSheetPath(files)
	if !ok {
		return nil
	}
	rc, err := files[sheet].Open()
	if err != nil {
		return nil
	}
	return &numericCells{rc: rc, dec: xml.NewDecoder(io.LimitReader(rc, maxUnzipBytes)), want: want}
}

func (n *numericCells) close() {
	if n != nil {
		_ = n.rc.Close()
	}
}

// of returns the number cells of row; rows must be asked for in increasing order.
func (n *numericCells) of(row int) map[int]string {
	if n == nil {
		return nil
	}
	for !n.done && n.row < row {
		n.next()
	}
	if n.row == row {
		return n.cells
	}
	return nil
}

func (n *numericCells) next() {
	n.cells = nil
	for {
		tok, err := n.dec.Token()
		if err != nil {
			n.done = true
			return
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "row" {
			if r, err := strconv.Atoi(attr(se, "r")); err == nil {
				n.row = r
			} else {
				n.row++
			}
			n.readRow()
			return
		}
	}
}

func (n *numericCells) readRow() {
	n.cells = map[int]string{}
	col := 0
	for {
		tok, err := n.dec.Token()
		if err != nil {
			n.done = true
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "c" {
				continue
			}
			col++
			if ref := attr(t, "r"); ref != "" {
				if c, _, err := excelize.CellNameToCoordinates(ref); err == nil {
					col = c
				}
			}
			// A cell without a type, or of type n, is a number (ECMA-376 §18.18.11).
			if typ := attr(t, "t"); !n.want[col] || (typ != "" && typ != "n") {
				if err := n.dec.Skip(); err != nil {
					n.done = true
					return
				}
				continue
			}
			var body struct {
				V string `xml:"v"`
			}
			if err := n.dec.DecodeElement(&body, &t); err != nil {
				n.done = true
				return
			}
			if v := strings.TrimSpace(body.V); v != "" {
				n.cells[col] = v
			}
		case xml.EndElement:
			if t.Name.Local == "row" {
				return
			}
		}
	}
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// firstSheetPath follows the package relationships to the first sheet of the workbook, the
// sheet excelize's GetSheetList lists first.
func firstSheetPath(files map[string]*zip.File) (string, bool) {
	workbook := "xl/workbook.xml"
	if target, ok := relationship(files, "_rels/.rels", func(id, typ string) bool {
		return strings.HasSuffix(typ, "/officeDocument")
	}); ok {
		workbook = resolve("", target)
	}
	id, ok := firstSheetID(files[workbook])
	if !ok {
		return "", false
	}
	rels := path.Join(path.Dir(workbook), "_rels", path.Base(workbook)+".rels")
	target, ok := relationship(files, rels, func(rid, _ string) bool { return rid == id })
	if !ok {
		return "", false
	}
	sheet := resolve(path.Dir(workbook), target)
	_, ok = files[sheet]
	return sheet, ok
}

func resolve(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(target, "/")
	}
	return path.Join(dir, target)
}

// firstSheetID returns the relationship id of the first <sheet> in workbook.xml.
func firstSheetID(f *zip.File) (string, bool) {
	if f == nil {
		return "", false
	}
	rc, err := f.Open()
	if err != nil {
		return "", false
	}
	defer rc.Close()
	dec := xml.NewDecoder(io.LimitReader(rc, maxUnzipBytes))
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", false
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "sheet" {
			for _, a := range se.Attr {
				// r:id, in the transitional or the strict relationships namespace.
				if a.Name.Local == "id" && a.Name.Space != "" {
					return a.Value, true
				}
			}
			return "", false
		}
	}
}

// relationship returns the Target of the first Relationship in name that match accepts.
func relationship(files map[string]*zip.File, name string, match func(id, typ string) bool) (string, bool) {
	f := files[name]
	if f == nil {
		return "", false
	}
	rc, err := f.Open()
	if err != nil {
		return "", false
	}
	defer rc.Close()
	dec := xml.NewDecoder(io.LimitReader(rc, maxUnzipBytes))
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", false
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "Relationship" && match(attr(se, "Id"), attr(se, "Type")) {
			return attr(se, "Target"), true
		}
	}
}
