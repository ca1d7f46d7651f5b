package pii

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// honorifics are forms of address and titles written before a name; a document may or may
// not repeat them, so they are not part of what is matched.
var honorifics = map[string]bool{
	"bapak": true, "bpk": true, "pak": true, "ibu": true, "bu": true, "saudara": true, "saudari": true,
	"sdr": true, "sdri": true, "tn": true, "ny": true, "nn": true, "dr": true, "drs": true, "dra": true,
	"ir": true, "prof": true, "h": true, "hj": true, "kh": true,
}

// minNameLetters: shorter names would match ordinary words everywhere.
const minNameLetters = 3

// scanNames finds each of names, e.g. the requester's (a full name is personal data:
// UU 27/2022 Pasal 4 ayat (3) huruf a), as whole words, case-insensitively, with any run
// of whitespace between the parts. Honorifics before the name and academic degrees after
// it ("Dr. Siti Aminah, S.H.") are left out of what is matched.
func scanNames(text string, names []string) []match {
	var out []match
	seen := map[string]bool{}
	for _, name := range names {
		parts := nameParts(name)
		key := strings.ToLower(strings.Join(parts, " "))
		if seen[key] || letters(key) < minNameLetters {
			continue
		}
		seen[key] = true
		for start := 0; start < len(text); {
			end, ok := matchName(text, start, parts)
			if !ok || end == start {
				_, size := utf8.DecodeRuneInString(text[start:])
				start += size
				continue
			}
			if wordEdge(text, start, end) {
				out = append(out, match{Finding{Kind: KindName, Masked: initials(text[start:end]), Offset: start}, end})
			}
			start = end // matches do not overlap
		}
	}
	return out
}

// matchName reports whether the name's parts start at text[start:], case-insensitively and
// separated by runs of spaces, and where the match ends. Hand-written: a regular expression per
// name was compiled for every scanned text.
func matchName(text string, start int, parts []string) (end int, ok bool) {
	i := start
	for n, part := range parts {
		if n > 0 {
			spaces := i
			for i < len(text) {
				r, size := utf8.DecodeRuneInString(text[i:])
				if !isNameSpace(r) {
					break
				}
				i += size
			}
			if i == spaces {
				return 0, false
			}
		}
		for _, want := range part {
			r, size := utf8.DecodeRuneInString(text[i:])
			if size == 0 || !equalFold(r, want) {
				return 0, false
			}
			i += size
		}
	}
	return i, true
}

// isNameSpace is what may separate a name's parts: ASCII white space or a Unicode space separator.
func isNameSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r' || unicode.Is(unicode.Zs, r)
}

// equalFold reports whether a and b are the same letter under simple Unicode case folding.
func equalFold(a, b rune) bool {
	if a == b {
		return true
	}
	for f := unicode.SimpleFold(a); f != a; f = unicode.SimpleFold(f) {
		if f == b {
			return true
		}
	}
	return false
}

// nameParts drops degrees (after the first comma, or trailing words with dots such as
// "S.Pd.") and leading honorifics, and returns the words of the name itself.
func nameParts(name string) []string {
	name, _, _ = strings.Cut(name, ",")
	parts := strings.Fields(name)
	for len(parts) > 0 && honorifics[strings.ToLower(strings.TrimSuffix(parts[0], "."))] {
		parts = parts[1:]
	}
	for len(parts) > 1 && strings.Contains(parts[len(parts)-1], ".") {
		parts = parts[:len(parts)-1]
	}
	return parts
}

// wordEdge reports whether text[start:end] is not part of a longer word.
func wordEdge(text string, start, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:start])
	after, _ := utf8.DecodeRuneInString(text[end:])
	return !isWordRune(before) && !isWordRune(after)
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
}

// initials masks a name as "S. A.".
func initials(name string) string {
	var b strings.Builder
	for i, word := range strings.Fields(name) {
		r, _ := utf8.DecodeRuneInString(word)
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(unicode.ToUpper(r))
		b.WriteByte('.')
	}
	return b.String()
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}
