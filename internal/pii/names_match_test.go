package pii

import (
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// scanNamesByRegexp is how names were found before the hand-written matcher: one regular
// expression per name. The matcher must find exactly what it found.
func scanNamesByRegexp(text string, names []string) []match {
	var out []match
	seen := map[string]bool{}
	for _, name := range names {
		parts := nameParts(name)
		key := strings.ToLower(strings.Join(parts, " "))
		if seen[key] || letters(key) < minNameLetters {
			continue
		}
		seen[key] = true
		quoted := make([]string, len(parts))
		for i, p := range parts {
			quoted[i] = regexp.QuoteMeta(p)
		}
		re := regexp.MustCompile(`(?i)` + strings.Join(quoted, `[\s\p{Zs}]+`))
		for _, loc := range re.FindAllStringIndex(text, -1) {
			if wordEdge(text, loc[0], loc[1]) {
				out = append(out, match{Finding{Kind: KindName, Masked: initials(text[loc[0]:loc[1]]), Offset: loc[0]}, loc[1]})
			}
		}
	}
	return out
}

// Random texts over an alphabet chosen for the edges: case pairs, letters whose folds differ in
// length (Kelvin sign, long s, dotted İ), separators that are (NBSP, tab, newline) and are not
// (vertical tab, zero-width space) spaces between name parts, punctuation and word runes.
func TestNameMatcherFindsWhatTheRegexpFound(t *testing.T) {
	alphabet := []string{"s", "S", "ſ", "i", "I", "İ", "ı", "k", "K", "\u212a", "a", "A", "é", "É",
		" ", "  ", "\u00a0", "\t", "\n", "\v", "\u200b", ".", ",", "-", "'", "7", "siti", "Aminah", "SITI"}
	names := [][]string{{"Siti Aminah"}, {"Ki Sasi"}, {"Dr. Siti Aminah, S.H."}, {"Ika", "Sak"},
		{"Îs Ks"}, {"O'Kiss"}, {"Aa-Ii"}, {"siti aminah", "Siti  Aminah"}}
	rng := rand.New(rand.NewPCG(1, 2))
	matched := 0
	separators := []string{" ", "  ", "\u00a0", "\t", "\n ", "\v", "\u200b", "", "-"}
	variants := map[rune][]string{'s': {"s", "S", "ſ"}, 'i': {"i", "I", "İ", "ı"}, 'k': {"k", "K", "\u212a"}, 'a': {"a", "A"}}
	// mention writes a name's parts in random cases and fold variants, with random separators.
	mention := func(b *strings.Builder, name string) {
		for n, part := range nameParts(name) {
			if n > 0 {
				b.WriteString(separators[rng.IntN(len(separators))])
			}
			for _, r := range part {
				if v := variants[unicode.ToLower(r)]; v != nil {
					b.WriteString(v[rng.IntN(len(v))])
				} else {
					b.WriteRune(r)
				}
			}
		}
	}
	for i := range 20000 {
		ns := names[i%len(names)]
		var b strings.Builder
		for range rng.IntN(12) {
			if rng.IntN(3) == 0 {
				mention(&b, ns[rng.IntN(len(ns))])
			} else {
				b.WriteString(alphabet[rng.IntN(len(alphabet))])
			}
		}
		text := b.String()
		got, want := scanNames(text, ns), scanNamesByRegexp(text, ns)
		matched += len(want)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("text %q names %q: matcher found %v, the regexp %v", text, ns, got, want)
		}
	}
	if matched < 100 { // the texts must exercise matches, not only misses
		t.Fatalf("only %d matches in the random texts", matched)
	}
	t.Logf("%d matches", matched)
}

// The same on a realistic text with many mentions, some in other cases and across line breaks.
func TestNameMatcherOnALetter(t *testing.T) {
	text := "Saya, SITI AMINAH, mohon salinan. Siti\u00a0Aminah adalah pemohon; siti\n aminah juga. Sitiaminah bukan."
	names := []string{"Ibu Siti Aminah, S.Pd."}
	got, want := scanNames(text, names), scanNamesByRegexp(text, names)
	if len(got) != 3 || !reflect.DeepEqual(got, want) {
		t.Fatalf("found %v, the regexp %v (want 3)", got, want)
	}
}
