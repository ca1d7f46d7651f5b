package dipdik

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/go-pdf/fpdf"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/pdftext"
)

// Page geometry in millimetres (A4 landscape).
const (
	margin       = 12.0
	marginBottom = 14.0
	bodySize     = 8.0
	headSize     = 8.0
	lineH        = 3.6 // line height of body and header cells
	padY         = 1.0 // space above and below a cell's text
	minSplit     = 3   // a row split over pages keeps at least this many lines on the first
	fontFamily   = "Helvetica"
)

// pdfOptions are knobs for tests only; the zero value is what PDF uses.
type pdfOptions struct {
	uncompressed bool // leave content streams readable so tests can look for phrases
}

// PDF writes the table as an A4 landscape PDF: the office and title as heading, the date of
// generation, the table with its header repeated on every page, and page numbers.
func PDF(t Table) ([]byte, error) { return renderPDF(t, pdfOptions{}) }

func renderPDF(t Table, opts pdfOptions) ([]byte, error) {
	p := fpdf.New("L", "mm", "A4", "")
	p.SetCompression(!opts.uncompressed)
	p.SetCreationDate(t.Generated)
	p.SetModificationDate(t.Generated)
	p.SetCatalogSort(true)
	p.SetTitle(t.Title+" – "+t.Office, true)
	p.SetAuthor(t.Office, true)
	p.SetCreator("Terbuka", false)
	p.SetLang("id")
	p.SetMargins(margin, margin, margin)
	// Rows are placed by hand so a row's cells break together; fpdf never breaks on its own.
	p.SetAutoPageBreak(false, marginBottom)
	p.AliasNbPages("")

	pageW, pageH := p.GetPageSize()
	w := &pdfWriter{p: p, enc: pdftext.NewEncoder(p), bottom: pageH - marginBottom}
	w.layout(t, pageW-2*margin)

	generated := "Dibuat pada " + calendar.FormatTimeID(t.Generated)
	p.SetFooterFunc(func() {
		p.SetY(-10)
		p.SetFont(fontFamily, "", 7.5)
		p.SetTextColor(90, 90, 90)
		p.CellFormat(0, 4, w.text(t.Title+" – "+t.Office+" – "+generated+" – Halaman "+strconv.Itoa(p.PageNo())+" dari {nb}"),
			"", 0, "C", false, 0, "")
		p.SetTextColor(0, 0, 0)
	})

	p.AddPage()
	p.SetFont(fontFamily, "B", 13)
	p.MultiCell(0, 6, w.text(t.Office), "", "C", false)
	p.SetFont(fontFamily, "B", 12)
	p.MultiCell(0, 6, w.text(t.Title), "", "C", false)
	p.SetFont(fontFamily, "", 8.5)
	if t.Basis != "" {
		p.MultiCell(0, 4, w.text(t.Basis), "", "C", false)
	}
	p.MultiCell(0, 4.5, w.text(generated), "", "C", false)
	p.Ln(3)
	w.header()

	if len(t.Rows) == 0 {
		p.SetFont(fontFamily, "I", bodySize)
		p.CellFormat(w.tableW, lineH+2*padY, w.text(t.Empty), "1", 1, "C", false, 0, "")
	}
	for _, r := range t.Rows {
		w.row(r)
	}

	if err := p.Error(); err != nil {
		return nil, fmt.Errorf("dipdik: unable to render %s PDF: %w", t.Name, err)
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return nil, fmt.Errorf("dipdik: unable to write %s PDF: %w", t.Name, err)
	}
	return buf.Bytes(), nil
}

type pdfWriter struct {
	p      *fpdf.Fpdf
	enc    pdftext.Encoder
	bottom float64  // y below which nothing is drawn
	cols   []Column // the printed columns
	idx    []int    // their index in a row
	widths []float64
	tableW float64
	headH  float64
}

// layout picks the printed columns and scales their widths to the page.
func (w *pdfWriter) layout(t Table, width float64) {
	sum := 0.0
	for i, c := range t.Columns {
		if c.XLSXOnly {
			continue
		}
		w.cols = append(w.cols, c)
		w.idx = append(w.idx, i)
		sum += c.Width
	}
	for _, c := range w.cols {
		w.widths = append(w.widths, c.Width/sum*width)
	}
	w.tableW = width
	w.p.SetFont(fontFamily, "B", headSize)
	n := 1
	for i, c := range w.cols {
		n = max(n, len(pdftext.Lines(w.p, w.text(c.Title), w.widths[i])))
	}
	w.headH = float64(n)*lineH + 2*padY
}

// text converts UTF-8 to the cp1252 bytes the core fonts use.
func (w *pdfWriter) text(s string) string { return w.enc.Text(s) }

// header draws the column titles on a grey band at the current position.
func (w *pdfWriter) header() {
	p := w.p
	p.SetFont(fontFamily, "B", headSize)
	p.SetFillColor(228, 233, 238)
	x, y := margin, p.GetY()
	for i, c := range w.cols {
		p.Rect(x, y, w.widths[i], w.headH, "FD")
		p.SetXY(x, y+padY)
		p.MultiCell(w.widths[i], lineH, w.text(c.Title), "", "L", false)
		x += w.widths[i]
	}
	p.SetXY(margin, y+w.headH)
}

func (w *pdfWriter) newPage() {
	w.p.AddPage()
	w.header()
}

// styledLine is one printed line of a cell.
type styledLine struct {
	text string
	bold bool
}

// cellLines wraps a cell's text to its column; the first line of a BoldFirstLine column is bold.
func (w *pdfWriter) cellLines(c Column, width float64, value string) []styledLine {
	if c.Kind == Date && value != "" {
		if d, err := calendar.ParseDate(value); err == nil {
			value = calendar.FormatID(d)
		}
	}
	value = w.text(value)
	var out []styledLine
	for i, para := range strings.Split(value, "\n") {
		bold := c.BoldFirstLine && i == 0
		style := ""
		if bold {
			style = "B"
		}
		w.p.SetFont(fontFamily, style, bodySize)
		for _, ln := range pdftext.Lines(w.p, para, width) {
			out = append(out, styledLine{text: ln, bold: bold})
		}
	}
	return out
}

// link is the address line j of a cell links to: the first line of a LinkedBy column.
func (w *pdfWriter) link(c Column, r []string, j int) string {
	if c.LinkedBy == 0 || j != 0 || c.LinkedBy >= len(r) {
		return ""
	}
	return r[c.LinkedBy]
}

// row draws one row. A row that fits on a fresh page is never split; a longer one continues on
// the next pages, its cells broken at the same height, under a repeated header.
func (w *pdfWriter) row(r []string) {
	p := w.p
	cells := make([][]styledLine, len(w.cols))
	n := 1
	for i, c := range w.cols {
		v := ""
		if w.idx[i] < len(r) {
			v = r[w.idx[i]]
		}
		cells[i] = w.cellLines(c, w.widths[i], v)
		n = max(n, len(cells[i]))
	}
	fresh := int((w.bottom - margin - w.headH - 2*padY) / lineH) // lines that fit on a page of their own
	room := func() int { return int((w.bottom - p.GetY() - 2*padY) / lineH) }
	if avail := room(); avail < n && (n <= fresh || avail < minSplit) {
		w.newPage()
	}
	for from := 0; from < n; {
		take := min(n-from, room())
		if take < 1 { // cannot happen on a fresh page; guards against an endless loop
			take = 1
		}
		y := p.GetY()
		h := float64(take)*lineH + 2*padY
		x := margin
		for i, c := range w.cols {
			p.Rect(x, y, w.widths[i], h, "D")
			align := "L"
			if c.Kind == Number {
				align = "C"
			}
			for j := from; j < from+take && j < len(cells[i]); j++ {
				ln := cells[i][j]
				style := ""
				if ln.bold {
					style = "B"
				}
				p.SetFont(fontFamily, style, bodySize)
				p.SetXY(x, y+padY+float64(j-from)*lineH)
				if link := w.link(c, r, j); link != "" {
					p.SetTextColor(29, 79, 145)
					p.CellFormat(w.widths[i], lineH, ln.text, "", 0, align, false, 0, link)
					p.SetTextColor(0, 0, 0)
					continue
				}
				p.CellFormat(w.widths[i], lineH, ln.text, "", 0, align, false, 0, "")
			}
			x += w.widths[i]
		}
		p.SetXY(margin, y+h)
		from += take
		if from < n {
			w.newPage()
		}
	}
}
