package textextract

import (
	"math"
	"strings"
	"sync"

	"github.com/go-pdf/fpdf"
	"github.com/ledongthuc/pdf"
)

// A PDF places glyph runs at positions; it has no spaces unless a run contains one. Word
// processors break a word into runs for kerning ("T" moved left, then "ahun"), and every
// position operator used to count as a word break, so search snippets read "T ahun 2026". The
// layout below follows the text state (PDF 32000-1 §9.3–9.4): each run's start is compared with
// where the previous run ended, and only a gap wider than a fraction of the font size is a space.

const (
	// pdfSpaceGap is the gap, in ems of the font size, from which two runs on a line are two
	// words: a space glyph is 0.25–0.33 em wide, kerning and tracking stay well under 0.1 em.
	pdfSpaceGap = 0.15
	// pdfLineGap is the vertical move, in ems, from which a run starts a new line.
	pdfLineGap = 0.5
	// pdfDefaultWidth is a glyph's advance, in thousandths of an em, when the font gives none.
	pdfDefaultWidth = 500
)

// matrix is a PDF transformation [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul is m × n (m applied first).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func translate(x, y float64) matrix { return matrix{1, 0, 0, 1, x, y} }

// pdfFont is what the layout needs of a font: how to decode its codes and how wide each is.
type pdfFont struct {
	enc      pdf.TextEncoding
	twoByte  bool            // a Type0 (CID) font: two-byte codes
	widths   map[int]float64 // thousandths of an em, by code
	fallback float64
}

func (f *pdfFont) width(code int) float64 {
	if w, ok := f.widths[code]; ok {
		return w
	}
	return f.fallback
}

// loadFont reads a font dictionary's encoding and widths: /Widths from /FirstChar for simple
// fonts, the descendant's /W and /DW for CID fonts, the standard 14 fonts' metrics otherwise.
func loadFont(v pdf.Value) *pdfFont {
	pf := pdf.Font{V: v}
	f := &pdfFont{enc: pf.Encoder(), widths: map[int]float64{}, fallback: pdfDefaultWidth}
	if v.Key("Subtype").Name() == "Type0" {
		f.twoByte = true
		d := v.Key("DescendantFonts").Index(0)
		f.fallback = 1000
		if dw := d.Key("DW"); !dw.IsNull() {
			f.fallback = dw.Float64()
		}
		w := d.Key("W")
		for i := 0; i+1 < w.Len() && i < 100_000; {
			first := int(w.Index(i).Int64())
			if next := w.Index(i + 1); next.Kind() == pdf.Array {
				for j := 0; j < next.Len() && j < 65536; j++ {
					f.widths[first+j] = next.Index(j).Float64()
				}
				i += 2
				continue
			}
			if i+2 >= w.Len() {
				break
			}
			last, width := int(w.Index(i+1).Int64()), w.Index(i+2).Float64()
			for c := first; c <= last && c-first < 65536; c++ {
				f.widths[c] = width
			}
			i += 3
		}
		return f
	}
	if ws := v.Key("Widths"); ws.Kind() == pdf.Array {
		first := int(v.Key("FirstChar").Int64())
		for i := 0; i < ws.Len() && i < 256; i++ {
			f.widths[first+i] = ws.Index(i).Float64()
		}
		if mw := v.Key("FontDescriptor").Key("MissingWidth"); !mw.IsNull() && mw.Float64() > 0 {
			f.fallback = mw.Float64()
		}
		return f
	}
	if core := coreWidths(v.Key("BaseFont").Name()); core != nil {
		for c, w := range core {
			if w > 0 {
				f.widths[c] = float64(w)
			}
		}
	}
	return f
}

var (
	coreOnce   sync.Once
	coreTables map[string]*[256]int
)

// coreWidths are the metrics of a standard 14 font (which a PDF may use without /Widths, as fpdf
// does), read from fpdf's tables; nil for another font.
func coreWidths(base string) *[256]int {
	coreOnce.Do(func() {
		coreTables = map[string]*[256]int{}
		doc := fpdf.New("P", "pt", "A4", "")
		for _, c := range []struct{ family, style string }{{"Helvetica", ""}, {"Helvetica", "B"}, {"Helvetica", "I"}, {"Helvetica", "BI"},
			{"Times", ""}, {"Times", "B"}, {"Times", "I"}, {"Times", "BI"}, {"Courier", ""}, {"Courier", "B"}, {"Courier", "I"}, {"Courier", "BI"}} {
			doc.SetFont(c.family, c.style, 10)
			var t [256]int
			for ch := 1; ch < 256; ch++ {
				t[ch] = doc.GetStringSymbolWidth(string([]byte{byte(ch)}))
			}
			coreTables[c.family+c.style] = &t
		}
	})
	name := base
	if i := strings.IndexByte(name, '+'); i == 6 {
		name = name[i+1:] // a subset's tag, "ABCDEF+Helvetica"
	}
	family := "Helvetica"
	switch {
	case strings.HasPrefix(name, "Times"):
		family = "Times"
	case strings.HasPrefix(name, "Courier"):
		family = "Courier"
	case strings.HasPrefix(name, "Helvetica"), strings.HasPrefix(name, "Arial"):
	default:
		return nil
	}
	style := ""
	if strings.Contains(name, "Bold") {
		style += "B"
	}
	if strings.Contains(name, "Italic") || strings.Contains(name, "Oblique") {
		style += "I"
	}
	return coreTables[family+style]
}

// textLayout is the text state of one page and where the last run ended.
type textLayout struct {
	out            *textBuffer
	tm, tlm        matrix
	font           *pdfFont
	size           float64
	charSpace      float64
	wordSpace      float64
	scale          float64 // horizontal scaling, 1 = 100%
	leading        float64
	hasEnd         bool
	endX, endY, em float64 // where the previous run ended, and its em in user space
}

func newTextLayout(out *textBuffer) *textLayout {
	return &textLayout{out: out, tm: identity, tlm: identity, scale: 1, size: 1}
}

func (l *textLayout) beginText()         { l.tm, l.tlm = identity, identity }
func (l *textLayout) setMatrix(m matrix) { l.tm, l.tlm = m, m }
func (l *textLayout) moveLine(tx, ty float64) {
	l.tlm = translate(tx, ty).mul(l.tlm)
	l.tm = l.tlm
}
func (l *textLayout) nextLine() { l.moveLine(0, -l.leading) }

// emOf is the font size in user space under the text matrix.
func (l *textLayout) emOf() float64 {
	return math.Abs(l.size) * math.Sqrt(math.Abs(l.tm[0]*l.tm[3]-l.tm[1]*l.tm[2]))
}

// show writes a run: first the break its position implies, then the text, then moves the pen.
func (l *textLayout) show(raw string) {
	if raw == "" {
		return
	}
	x, y, em := l.tm[4], l.tm[5], l.emOf()
	if l.hasEnd {
		// The line direction may be rotated: measure the gap along the text matrix's axes.
		ux, uy := l.tm[0], l.tm[1]
		norm := math.Hypot(ux, uy)
		if norm == 0 {
			ux, uy, norm = 1, 0, 1
		}
		ux, uy = ux/norm, uy/norm
		dx, dy := x-l.endX, y-l.endY
		along, across := dx*ux+dy*uy, -dx*uy+dy*ux
		ref := math.Max(em, l.em)
		switch {
		case ref == 0:
			l.out.space()
		case math.Abs(across) > pdfLineGap*ref:
			l.out.newline()
		case along > pdfSpaceGap*ref || along < -pdfLineGap*ref:
			l.out.space() // a word gap, or a jump back left (a new column or cell)
		}
	}
	f := l.font
	if f == nil {
		f = &pdfFont{fallback: pdfDefaultWidth}
	}
	if f.enc != nil {
		l.out.WriteString(f.enc.Decode(raw))
	} else {
		l.out.WriteString(raw)
	}
	// Advance by each glyph (PDF 32000-1 §9.4.4): (w0 × size + Tc + Tw for code 32) × Th.
	adv := 0.0
	step := 1
	if f.twoByte {
		step = 2
	}
	for i := 0; i+step <= len(raw); i += step {
		code := int(raw[i])
		if step == 2 {
			code = code<<8 | int(raw[i+1])
		}
		a := f.width(code)/1000*l.size + l.charSpace
		if step == 1 && code == 32 {
			a += l.wordSpace
		}
		adv += a * l.scale
	}
	l.tm = translate(adv, 0).mul(l.tm)
	l.hasEnd, l.endX, l.endY, l.em = true, l.tm[4], l.tm[5], em
}

// adjust applies a TJ number: thousandths of an em, moving the pen left when positive.
func (l *textLayout) adjust(n float64) {
	l.tm = translate(-n/1000*l.size*l.scale, 0).mul(l.tm)
}
