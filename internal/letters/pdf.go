package letters

import (
	"bytes"
	"fmt"
	"strconv"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/terbuka-id/terbuka/internal/pdftext"
)

// Page geometry in millimetres (A4 portrait).
const (
	marginLeft   = 25.0
	marginRight  = 20.0
	marginTop    = 15.0
	marginBottom = 20.0
	lineHeight   = 5.0
	bodySize     = 10.5
	fieldLabelW  = 58.0 // label column of a label/value table
	fieldSepW    = 4.0  // the ":" column
	itemIndent   = 4.0
	itemMarkerW  = 7.0
	signerW      = 80.0
	signatureGap = 20.0 // room for the signature and the office stamp
	paragraphGap = 2.5
	fontFamily   = "Helvetica" // core font: no font files to ship, cp1252 covers Indonesian text
)

// pdfOptions are knobs for tests only; the zero value is what RenderPDF uses.
type pdfOptions struct {
	uncompressed bool // leave content streams readable so tests can look for phrases
}

// RenderPDF renders the letter as an A4 PDF. The same letter always gives the same bytes.
func RenderPDF(l Letter) ([]byte, error) {
	return renderPDF(l, pdfOptions{})
}

func renderPDF(l Letter, opts pdfOptions) ([]byte, error) {
	if err := l.Validate(); err != nil {
		return nil, err
	}
	d := compose(l)

	p := fpdf.New("P", "mm", "A4", "")
	p.SetCompression(!opts.uncompressed)
	// Fixed dates and sorted catalogs make the output a function of the letter alone.
	stamp := time.Date(l.Date.Year, l.Date.Month, l.Date.Day, 0, 0, 0, 0, time.UTC)
	p.SetCreationDate(stamp)
	p.SetModificationDate(stamp)
	p.SetCatalogSort(true)
	// Metadata names the letter and the office only: no personal data outside the page.
	p.SetTitle(d.Title, true)
	p.SetSubject("Nomor "+d.Number, true)
	p.SetAuthor(d.OfficeName, true)
	p.SetCreator("Terbuka", false)
	p.SetLang("id")
	p.SetMargins(marginLeft, marginTop, marginRight)
	p.SetAutoPageBreak(true, marginBottom)
	p.AliasNbPages("")

	pageW, pageH := p.GetPageSize()
	w := &pdfWriter{
		p:        p,
		enc:      pdftext.NewEncoder(p),
		trigger:  pageH - marginBottom,
		pageW:    pageW,
		contentW: pageW - marginLeft - marginRight,
	}

	p.SetFooterFunc(func() {
		p.SetY(-13)
		p.SetFont(fontFamily, "", 8)
		p.SetTextColor(90, 90, 90)
		p.CellFormat(0, 4, w.text("Nomor "+d.Number+" – Halaman "+strconv.Itoa(p.PageNo())+" dari {nb}"),
			"", 0, "C", false, 0, "")
		p.SetTextColor(0, 0, 0)
	})
	p.AddPage()

	w.letterhead(d)
	w.title(d)
	for i, b := range d.Blocks {
		if i == len(d.Blocks)-1 && b.Kind == blockParagraph {
			// The closing paragraph goes with the signature: a signature alone on a page invites forgery.
			w.room(w.paragraphHeight(b.Text) + w.signatureHeight(d))
		}
		w.block(b)
	}
	w.signature(d)

	if err := p.Error(); err != nil {
		return nil, fmt.Errorf("letters: unable to render %s PDF: %w", l.Kind, err)
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return nil, fmt.Errorf("letters: unable to write %s PDF: %w", l.Kind, err)
	}
	return buf.Bytes(), nil
}

type pdfWriter struct {
	p        *fpdf.Fpdf
	enc      pdftext.Encoder
	trigger  float64 // y at which the page breaks
	pageW    float64
	contentW float64
}

// text converts UTF-8 to the cp1252 bytes the core fonts use.
func (w *pdfWriter) text(s string) string { return w.enc.Text(s) }

func (w *pdfWriter) font(style string, size float64) { w.p.SetFont(fontFamily, style, size) }

// lines counts how many lines s takes in a column of width width with the current font.
func (w *pdfWriter) lines(s string, width float64) int {
	return len(pdftext.Lines(w.p, s, width))
}

// room starts a new page unless height h fits below the current position.
func (w *pdfWriter) room(h float64) {
	if w.p.GetY()+h > w.trigger {
		w.p.AddPage()
	}
}

func (w *pdfWriter) letterhead(d document) {
	p := w.p
	w.font("B", 14)
	p.MultiCell(0, 6.5, w.text(d.OfficeName), "", "C", false)
	w.font("", 9.5)
	for _, ln := range d.HeadLines {
		p.MultiCell(0, 4.5, w.text(ln), "", "C", false)
	}
	// The double rule under an Indonesian letterhead (garis kop).
	y := p.GetY() + 2
	p.SetLineWidth(0.8)
	p.Line(marginLeft, y, w.pageW-marginRight, y)
	p.SetLineWidth(0.2)
	p.Line(marginLeft, y+1.2, w.pageW-marginRight, y+1.2)
	p.SetY(y + 7)
}

func (w *pdfWriter) title(d document) {
	p := w.p
	w.font("B", 12)
	p.MultiCell(0, 6, w.text(d.Title), "", "C", false)
	w.font("", bodySize)
	p.MultiCell(0, 6, w.text("Nomor: "+d.Number), "", "C", false)
	p.Ln(5)
}

func (w *pdfWriter) block(b block) {
	p := w.p
	switch b.Kind {
	case blockParagraph:
		w.font("", bodySize)
		p.MultiCell(0, lineHeight, w.text(b.Text), "", "J", false)
		p.Ln(paragraphGap)
	case blockStrong:
		w.font("B", bodySize)
		w.room(2 * lineHeight)
		p.MultiCell(0, lineHeight, w.text(b.Text), "", "L", false)
		p.Ln(paragraphGap)
	case blockHeading:
		// Keep a heading with at least three lines of what it heads.
		w.room(4 * lineHeight)
		w.font("B", bodySize+0.5)
		p.Ln(1)
		p.MultiCell(0, lineHeight+0.5, w.text(b.Text), "", "L", false)
		p.Ln(1.5)
	case blockFields:
		w.font("", bodySize)
		for _, f := range b.Fields {
			w.row(0, fieldLabelW, ":", f.Label, f.Value)
			p.Ln(0.8)
		}
		p.Ln(2)
	case blockList:
		w.font("", bodySize)
		for _, it := range b.Items {
			w.row(itemIndent, itemMarkerW, "", it.Marker, it.Text)
			p.Ln(0.8)
		}
		p.Ln(2)
	}
}

// row draws a label (or list marker) beside a wrapped value. A row that fits on a page is
// never split; a longer one flows onto following pages.
func (w *pdfWriter) row(indent, labelW float64, sep, label, value string) {
	p := w.p
	sepW := 0.0
	if sep != "" {
		sepW = fieldSepW
	}
	x := marginLeft + indent
	valueW := w.contentW - indent - labelW - sepW
	label, value = w.text(label), w.text(value)

	h := float64(max(w.lines(label, labelW), w.lines(value, valueW))) * lineHeight
	if p.GetY()+h > w.trigger {
		if h <= w.trigger-marginTop {
			p.AddPage()
		} else {
			w.room(3 * lineHeight)
		}
	}

	y0, page0 := p.GetY(), p.PageNo()
	p.SetXY(x, y0)
	p.MultiCell(labelW, lineHeight, label, "", "L", false)
	yLabel := p.GetY()
	if sep != "" {
		p.SetXY(x+labelW, y0)
		p.CellFormat(sepW, lineHeight, sep, "", 0, "L", false, 0, "")
	}
	p.SetXY(x+labelW+sepW, y0)
	p.MultiCell(valueW, lineHeight, value, "", "L", false)
	if p.PageNo() == page0 {
		p.SetY(max(yLabel, p.GetY()))
	}
	p.SetX(marginLeft)
}

func (w *pdfWriter) paragraphHeight(s string) float64 {
	w.font("", bodySize)
	return float64(w.lines(w.text(s), w.contentW))*lineHeight + paragraphGap
}

func (w *pdfWriter) signatureHeight(d document) float64 {
	w.font("", bodySize)
	n := w.lines(w.text(d.PlaceDate), signerW) + w.lines(w.text(d.Position), signerW) + 1
	return float64(n)*lineHeight + signatureGap + 4
}

// signature draws place and date, position and name, kept together on one page.
func (w *pdfWriter) signature(d document) {
	p := w.p
	w.room(w.signatureHeight(d))
	w.font("", bodySize)
	place, position := w.text(d.PlaceDate), w.text(d.Position)
	x := w.pageW - marginRight - signerW
	p.Ln(4)
	p.SetX(x)
	p.MultiCell(signerW, lineHeight, place, "", "L", false)
	p.SetX(x)
	p.MultiCell(signerW, lineHeight, position, "", "L", false)
	p.Ln(signatureGap)
	p.SetX(x)
	w.font("BU", bodySize)
	p.MultiCell(signerW, lineHeight, w.text(d.SignerName), "", "L", false)
}
