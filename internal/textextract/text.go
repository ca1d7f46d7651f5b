package textextract

import (
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// textBuffer collects extracted text already fit for a PostgreSQL text column: NUL bytes
// and invalid UTF-8 are dropped (PostgreSQL refuses both), whitespace runs collapse to one
// space or one newline, and writing stops at MaxText so a huge document costs no more.
type textBuffer struct {
	b       strings.Builder
	pending rune // ' ' or '\n' owed before the next visible rune, 0 if none
	full    bool
}

// WriteString appends s, cleaning it as it goes.
func (t *textBuffer) WriteString(s string) {
	for i := 0; i < len(s) && !t.full; {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1, r == 0, r == '\uFEFF':
			continue
		case isLineBreak(r):
			t.pending = '\n'
		case unicode.IsSpace(r):
			t.space()
		case unicode.IsControl(r):
			continue
		default:
			t.put(r)
		}
	}
}

// space and newline mark a boundary, so words from adjacent cells or paragraphs never glue.
func (t *textBuffer) space() {
	if t.pending == 0 {
		t.pending = ' '
	}
}

func (t *textBuffer) newline() { t.pending = '\n' }

// put writes r after any owed separator, unless that would pass MaxText.
func (t *textBuffer) put(r rune) {
	need := utf8.RuneLen(r)
	if t.pending != 0 && t.b.Len() > 0 {
		need++
	}
	if t.b.Len()+need > MaxText {
		t.full = true
		return
	}
	if t.pending != 0 && t.b.Len() > 0 {
		t.b.WriteRune(t.pending)
	}
	t.pending = 0
	t.b.WriteRune(r)
}

func (t *textBuffer) String() string { return t.b.String() }

func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029':
		return true
	}
	return false
}

// extractPlain reads text/plain and text/csv. Excel's "Unicode text" export is UTF-16
// with a byte-order mark, so that is decoded; anything else is taken as UTF-8.
func extractPlain(data []byte) string {
	var t textBuffer
	switch {
	case len(data) >= 2 && data[0] == 0xFF && data[1] == 0xFE:
		t.WriteString(decodeUTF16(data[2:], func(b []byte) uint16 { return uint16(b[0]) | uint16(b[1])<<8 }))
	case len(data) >= 2 && data[0] == 0xFE && data[1] == 0xFF:
		t.WriteString(decodeUTF16(data[2:], func(b []byte) uint16 { return uint16(b[1]) | uint16(b[0])<<8 }))
	default:
		t.WriteString(string(data))
	}
	return t.String()
}

func decodeUTF16(data []byte, unit func([]byte) uint16) string {
	// Stop decoding once the output could no longer fit anyway.
	units := make([]uint16, 0, min(len(data)/2, 2*MaxText))
	for i := 0; i+1 < len(data) && len(units) < cap(units); i += 2 {
		units = append(units, unit(data[i:i+2]))
	}
	return string(utf16.Decode(units))
}
