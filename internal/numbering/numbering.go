// Package numbering formats the office's gapless numbers: registration numbers such as
// "0001/PPID/XI/2026", and the numbers of letters and objections (casework).
//
// Numbers are gapless per year and assigned inside the inserting SQL statement, so Go
// prepares the text around the sequence number and SQL joins it:
//
//	prefix || lpad(seq::text, greatest(width, length(seq::text)), '0') || suffix
//
// Pass prefix, width and suffix as bind parameters; literal text is never spliced into SQL.
package numbering

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DefaultPattern is used when the configuration sets no format.
const DefaultPattern = "{seq:04d}/PPID/{roman_month}/{year}"

type kind int

const (
	kindLiteral kind = iota
	kindSeq
	kindYear
	kindMonth
	kindRomanMonth
)

type segment struct {
	kind  kind
	text  string // literal only
	width int    // seq only; 0 means no padding
}

// Format is a parsed registration number pattern. Build it with Parse; the zero Format
// renders the bare sequence number.
type Format struct {
	pattern string
	segs    []segment
}

// Parse reads a pattern made of literal text and the placeholders {seq}, {seq:0Nd}
// (N from 1 to 9), {year}, {month} and {roman_month}. Exactly one seq is required.
func Parse(pattern string) (Format, error) {
	if pattern == "" {
		return Format{}, errors.New("numbering: pattern is empty")
	}
	var segs []segment
	seqs := 0
	for i := 0; i < len(pattern); {
		switch pattern[i] {
		case '}':
			return Format{}, fmt.Errorf("numbering: pattern %q: '}' at byte %d has no matching '{'", pattern, i)
		case '{':
			end := strings.IndexAny(pattern[i+1:], "{}")
			if end < 0 || pattern[i+1+end] == '{' {
				return Format{}, fmt.Errorf("numbering: pattern %q: '{' at byte %d is not closed", pattern, i)
			}
			name := pattern[i+1 : i+1+end]
			seg, err := placeholder(name)
			if err != nil {
				return Format{}, fmt.Errorf("numbering: pattern %q: %w", pattern, err)
			}
			if seg.kind == kindSeq {
				seqs++
			}
			segs = append(segs, seg)
			i += end + 2
		default:
			end := strings.IndexAny(pattern[i:], "{}")
			if end < 0 {
				end = len(pattern) - i
			}
			segs = append(segs, segment{kind: kindLiteral, text: pattern[i : i+end]})
			i += end
		}
	}
	switch seqs {
	case 0:
		return Format{}, fmt.Errorf("numbering: pattern %q has no {seq} placeholder", pattern)
	case 1:
	default:
		return Format{}, fmt.Errorf("numbering: pattern %q has %d seq placeholders, want exactly one", pattern, seqs)
	}
	return Format{pattern: pattern, segs: segs}, nil
}

func placeholder(name string) (segment, error) {
	switch name {
	case "seq":
		return segment{kind: kindSeq}, nil
	case "year":
		return segment{kind: kindYear}, nil
	case "month":
		return segment{kind: kindMonth}, nil
	case "roman_month":
		return segment{kind: kindRomanMonth}, nil
	}
	if spec, ok := strings.CutPrefix(name, "seq:"); ok {
		// Only the printf form {seq:0Nd} is accepted, so patterns read the same everywhere.
		if len(spec) == 3 && spec[0] == '0' && spec[1] >= '1' && spec[1] <= '9' && spec[2] == 'd' {
			return segment{kind: kindSeq, width: int(spec[1] - '0')}, nil
		}
		return segment{}, fmt.Errorf("{%s}: seq width must look like {seq:04d}, with 1 to 9 digits", name)
	}
	return segment{}, fmt.Errorf("unknown placeholder {%s}; use {seq}, {seq:0Nd}, {year}, {month} or {roman_month}", name)
}

// Pattern returns the text Parse was given.
func (f Format) Pattern() string { return f.pattern }

// Parts returns the text before and after the sequence number of a number issued in
// year/month, and the width seq is zero-padded to (0 = no padding, never truncated).
func (f Format) Parts(year int, month time.Month) (prefix string, width int, suffix string) {
	var pre, suf strings.Builder
	out := &pre
	for _, s := range f.segs {
		if s.kind == kindSeq {
			width = s.width
			out = &suf
			continue
		}
		out.WriteString(s.render(year, month))
	}
	return pre.String(), width, suf.String()
}

// Render returns the registration number for seq (≥ 0) issued in year/month, as SQL builds it.
func (f Format) Render(seq, year int, month time.Month) string {
	if f.segs == nil {
		return strconv.Itoa(seq)
	}
	var b strings.Builder
	for _, s := range f.segs {
		if s.kind == kindSeq {
			fmt.Fprintf(&b, "%0*d", s.width, seq)
			continue
		}
		b.WriteString(s.render(year, month))
	}
	return b.String()
}

func (s segment) render(y int, m time.Month) string {
	switch s.kind {
	case kindYear:
		return fmt.Sprintf("%04d", y)
	case kindMonth:
		return fmt.Sprintf("%02d", int(m))
	case kindRomanMonth:
		return Roman(m)
	}
	return s.text
}

var romans = [...]string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}

// Roman returns the month in Roman numerals, as on Indonesian official letters; "" if m is not 1..12.
func Roman(m time.Month) string {
	if m < time.January || m > time.December {
		return ""
	}
	return romans[m-1]
}
