// Package pdftext prepares UTF-8 text for fpdf's core fonts: it folds and transliterates it to
// the cp1252 bytes those fonts print, and wraps it to a column.
package pdftext

import (
	"strings"

	"github.com/go-pdf/fpdf"
)

// fold maps common characters outside cp1252 to their nearest cp1252 form, and tabs to a space.
var fold = strings.NewReplacer(
	"\r\n", "\n", "\t", " ",
	"\u2010", "-", "\u2011", "-", "\u2012", "–", "\u2212", "-", "\u2015", "—",
	"\u2032", "'", "\u2033", "\"", "\u2009", " ", "\u200a", " ", "\u202f", " ", "\u2007", " ",
	"\u200b", "", "\ufeff", "",
)

// Encoder converts UTF-8 to cp1252 for one document; its table comes from the document so a
// failure to load it surfaces in p.Error() with every other rendering error.
type Encoder struct {
	tr func(string) string
}

// NewEncoder returns the encoder for the core fonts of p.
func NewEncoder(p *fpdf.Fpdf) Encoder {
	return Encoder{tr: p.UnicodeTranslatorFromDescriptor("")}
}

// Text converts s to the cp1252 bytes the core fonts use. A character with no cp1252 glyph
// becomes "?" rather than fpdf's silent ".", so a reader sees that something is missing.
func (e Encoder) Text(s string) string {
	s = fold.Replace(s)
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 {
			b.WriteRune(r)
			continue
		}
		if c := e.tr(string(r)); c != "." {
			b.WriteString(c)
		} else {
			b.WriteByte('?')
		}
	}
	return b.String()
}

// Lines wraps encoded text s to a column of width w in p's current font, as MultiCell would:
// at spaces, at "\n", and inside a word wider than the column. Blank text is one empty line,
// so an empty cell still takes its row.
func Lines(p *fpdf.Fpdf, s string, w float64) []string {
	if strings.TrimSpace(s) == "" {
		return []string{""}
	}
	split := p.SplitLines([]byte(s), w)
	out := make([]string, len(split))
	for i, ln := range split {
		out[i] = string(ln)
	}
	return out
}
