// Package stem finds the root word (kata dasar) of Indonesian words, for search. PostgreSQL's
// `indonesian` snowball stemmer strips affixes by rule without a dictionary, so "perencanaan"
// becomes "encana" and a search for "rencana" misses it. This stemmer follows Nazief and
// Adriani's confix-stripping algorithm (as Sastrawi does): it removes particles, possessives,
// suffixes and up to three prefixes, with the recodings of the nasal prefixes (me-/pe- + k, p,
// s, t), and accepts a result only when it is a known root (roots.txt). A word whose root is not
// known is left alone, so the search falls back to snowball for it.
package stem

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode"
)

//go:embed roots.txt
var rootsFile string

var (
	rootsOnce sync.Once
	roots     map[string]bool
)

func dictionary() map[string]bool {
	rootsOnce.Do(func() {
		roots = map[string]bool{}
		for _, line := range strings.Split(rootsFile, "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
				roots[line] = true
			}
		}
	})
	return roots
}

// IsRoot reports whether w (lower case) is a known root.
func IsRoot(w string) bool { return dictionary()[w] }

// Root returns the root of a lower-case word and whether one was found. Reduplication
// ("kegiatan-kegiatan", "pelatihan-pelatihan") is stemmed from its first part, or returns that
// part when its root is unknown.
func Root(w string) (string, bool) {
	if i := strings.IndexByte(w, '-'); i > 0 {
		first, second := w[:i], w[i+1:]
		r1, ok1 := Root(first)
		r2, ok2 := Root(second)
		if ok1 && (!ok2 || r1 == r2 || strings.HasSuffix(first, second) || strings.HasSuffix(second, first)) {
			return r1, true
		}
		if first == second || strings.HasSuffix(second, first) {
			return first, true // a plural whose root is unknown: the single form
		}
		return w, false
	}
	if len(w) < 3 || IsRoot(w) {
		return w, IsRoot(w)
	}
	// Inflectional suffixes: a particle, then a possessive pronoun.
	for _, base := range inflections(w) {
		if IsRoot(base) {
			return base, true
		}
		for _, suffix := range []string{"", "kan", "an", "i"} {
			if suffix != "" && (!strings.HasSuffix(base, suffix) || len(base)-len(suffix) < 3) {
				continue
			}
			if r, ok := prefixes(strings.TrimSuffix(base, suffix), 0); ok {
				return r, true
			}
		}
	}
	return w, false
}

// inflections lists w with no, one and both inflectional suffixes removed.
func inflections(w string) []string {
	out := []string{w}
	base := w
	for _, p := range []string{"lah", "kah", "tah", "pun"} {
		if strings.HasSuffix(base, p) && len(base) > len(p)+2 {
			base = strings.TrimSuffix(base, p)
			out = append(out, base)
			break
		}
	}
	for _, p := range []string{"nya", "ku", "mu"} {
		if strings.HasSuffix(base, p) && len(base) > len(p)+2 {
			out = append(out, strings.TrimSuffix(base, p))
			break
		}
	}
	return out
}

// prefixes removes up to three derivational prefixes, trying every recoding, until a root is found.
func prefixes(w string, depth int) (string, bool) {
	if IsRoot(w) {
		return w, true
	}
	if depth == 3 || len(w) < 4 {
		return "", false
	}
	for _, c := range prefixCandidates(w) {
		if len(c) < 2 {
			continue
		}
		if r, ok := prefixes(c, depth+1); ok {
			return r, true
		}
	}
	return "", false
}

func vowel(b byte) bool { return strings.IndexByte("aiueo", b) >= 0 }

// prefixCandidates are the words w may be with one prefix removed (Nazief–Adriani, with the
// recodings of confix stripping: "menulis" → "tulis", "memilih" → "pilih", "mengelola" → "kelola").
func prefixCandidates(w string) []string {
	var out []string
	add := func(s ...string) { out = append(out, s...) }
	has := func(p string) bool { return strings.HasPrefix(w, p) && len(w) > len(p)+1 }
	rest := func(p string) string { return w[len(p):] }
	switch {
	case has("di"), has("ke"), has("se"):
		add(w[2:])
	}
	switch {
	case has("meng"), has("peng"):
		r := rest(w[:4])
		add(r, "k"+r)
	case has("meny"), has("peny"):
		r := rest(w[:4])
		if vowel(r[0]) {
			add("s"+r, "ny"+r)
		}
	case has("mem"), has("pem"):
		r := rest(w[:3])
		add(r)
		if vowel(r[0]) {
			add("p"+r, "m"+r)
		}
	case has("men"), has("pen"):
		r := rest(w[:3])
		add(r)
		if vowel(r[0]) {
			add("t"+r, "n"+r)
		}
	}
	switch {
	case has("mem"), has("men"), has("meng"), has("meny"):
	case has("me"):
		add(rest("me"))
	}
	switch {
	case has("ber"):
		add(rest("ber"))
		if vowel(w[3]) {
			add("r" + rest("ber"))
		}
	case has("bel") && strings.HasPrefix(w, "belajar"):
		add(rest("bel"))
	case has("be"):
		add(rest("be"))
	}
	switch {
	case has("ter"):
		add(rest("ter"))
		if vowel(w[3]) {
			add("r" + rest("ter"))
		}
	case has("te"):
		add(rest("te"))
	}
	switch {
	case has("per"):
		add(rest("per"))
		if vowel(w[3]) {
			add("r" + rest("per"))
		}
	case has("pel") && strings.HasPrefix(w, "pelajar"):
		add(rest("pel"))
	}
	switch {
	case has("pem"), has("pen"), has("peng"), has("peny"):
	case has("pe"):
		add(rest("pe"))
	}
	return out
}

// Words splits text into lower-case words (letters, digits and inner hyphens).
func Words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
	})
}

// Roots is the known roots of the words of text that differ from the words themselves, each
// once, space-separated: what the search indexes beside the text, so "rencana" finds
// "perencanaan". At most max bytes of text are read.
func Roots(text string, max int) string {
	if len(text) > max {
		text = text[:max]
	}
	seen := map[string]bool{}
	var out []string
	for _, w := range Words(text) {
		w = strings.Trim(w, "-")
		if w == "" || seen[w] {
			continue
		}
		seen[w] = true
		if r, ok := Root(w); ok && r != w && !seen["="+r] {
			seen["="+r] = true
			out = append(out, r)
		}
	}
	return strings.Join(out, " ")
}

// stopWords are Indonesian function words: a query's rewrite leaves them out, since a title
// rarely repeats them ("laporan tentang sampah" finds "Laporan Pengelolaan Sampah").
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`yang dan atau di ke dari untuk pada dengan dalam atas oleh ini itu
		serta bagi para adalah sebagai agar bisa dapat akan sudah belum juga tidak secara tentang terhadap
		kepada antara sejak hingga sampai karena bahwa maka namun tetapi jika apabila saat ketika yaitu
		yakni se per tiap setiap semua seluruh mohon saya kami kita anda`) {
		stopWords[w] = true
	}
}

// IsStopWord reports whether w (lower case) is an Indonesian function word.
func IsStopWord(w string) bool { return stopWords[w] }

// Query rewrites a websearch query with each plain word replaced by its known root and function
// words left out (unless the query has nothing else); quoted phrases, operators ("or", "-word")
// and unknown words stay as typed. The portal searches with both the query and this rewrite, so
// a result is never lost to it.
func Query(q string) string {
	fields := strings.Fields(q)
	content := slices.ContainsFunc(fields, func(f string) bool { return !stopWords[strings.ToLower(f)] })
	var b strings.Builder
	inQuote := false
	for _, field := range fields {
		if !inQuote && content && stopWords[strings.ToLower(field)] {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		quotes := strings.Count(field, `"`)
		if inQuote || quotes > 0 || strings.EqualFold(field, "or") {
			b.WriteString(field)
			if quotes%2 == 1 {
				inQuote = !inQuote
			}
			continue
		}
		neg := strings.HasPrefix(field, "-")
		w := strings.ToLower(strings.TrimLeft(field, "-"))
		if r, ok := Root(strings.Trim(w, "-.,;:!?()")); ok {
			w = r
		}
		if neg {
			b.WriteByte('-')
		}
		b.WriteString(w)
	}
	return b.String()
}
