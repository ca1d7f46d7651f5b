package pii

import (
	"strings"

	"github.com/terbuka-id/terbuka/internal/nik"
)

// digitGroup is a maximal string of ASCII digits within a number run.
type digitGroup struct {
	start, end int    // byte offsets of the digits
	sep        string // what joins it to the group before; "" for the first
}

func (g digitGroup) len() int { return g.end - g.start }

// joiners may join two digit groups of one written number: a single space, dot or dash,
// or, after a leading "(", the parenthesis closing an area code as in "(021) 555 1234".
var joiners = []string{") ", ")-", ")", " ", ".", "-"}

// nikGroupings are the ways people group the 16 digits of a NIK: in fours, as
// region-birth date-serial (6-6-4), or with the region split into province, regency and
// district (2-2-2-6-4).
var nikGroupings = [][]int{{4, 4, 4, 4}, {6, 6, 4}, {2, 2, 2, 6, 4}}

// scanNumbers finds NIK-like and phone numbers, data that identify a person (UU 27/2022
// Pasal 4 ayat (3)). It reads each run of digit groups once and, from each group,
// tries a NIK first, so sixteen digits are never also reported as a phone.
func scanNumbers(text string) []match {
	var out []match
	for i := 0; i < len(text); {
		if !isDigit(text[i]) {
			i++
			continue
		}
		groups, next := readRun(text, i)
		for s := 0; s < len(groups); {
			if m, e, ok := nikAt(text, groups, s); ok {
				out = append(out, m)
				s = e + 1
			} else if m, e, ok := phoneAt(text, groups, s); ok {
				out = append(out, m)
				s = e + 1
			} else {
				s++
			}
		}
		i = next
	}
	return out
}

// readRun reads the digit groups starting at i (text[i] is a digit not preceded by one)
// and returns them with the offset just past the run.
func readRun(text string, i int) ([]digitGroup, int) {
	opened := strings.HasSuffix(text[:i], "(") || strings.HasSuffix(text[:i], "(+")
	var groups []digitGroup
	sep := ""
	for {
		j := i
		for j < len(text) && isDigit(text[j]) {
			j++
		}
		groups = append(groups, digitGroup{i, j, sep})
		sep = ""
		for _, jn := range joiners {
			if jn[0] == ')' && !(opened && len(groups) == 1) {
				continue
			}
			if strings.HasPrefix(text[j:], jn) && j+len(jn) < len(text) && isDigit(text[j+len(jn)]) {
				sep = jn
				break
			}
		}
		if sep == "" {
			return groups, j
		}
		i = j + len(sep)
	}
}

// nikAt reports a NIK starting at group s: sixteen digits in one group, whatever comes
// around them, or one of nikGroupings with a single consistent separator. Grouped digits
// must not be glued by a dot or dash to more digits (account codes such as
// "5.1.02.01.01.0024" are), and space-grouped ones must have a NIK's structure, since
// spaces also separate the cells of a table of years or amounts.
func nikAt(text string, groups []digitGroup, s int) (match, int, bool) {
	if g := groups[s]; g.len() == nik.Length {
		return nikMatch(text[g.start:g.end], g.start, g.end), s, true
	}
	if s > 0 && groups[s].sep != " " {
		return match{}, 0, false
	}
	for _, lens := range nikGroupings {
		e := s + len(lens) - 1
		if e >= len(groups) || !sameSeps(groups[s+1:e+1]) || !canEnd(groups, e) {
			continue
		}
		ok := true
		for k, n := range lens {
			ok = ok && groups[s+k].len() == n
		}
		digits := digitsOf(text, groups[s:e+1])
		if !ok || groups[s+1].sep == " " && nik.Validate(digits) != "" {
			continue
		}
		return nikMatch(digits, groups[s].start, groups[e].end), e, true
	}
	return match{}, 0, false
}

func nikMatch(digits string, start, end int) match {
	masked := digits[:4] + strings.Repeat("*", 8) + digits[12:]
	return match{Finding{Kind: KindNIK, Masked: masked, Offset: start}, end}
}

// phoneAt reports the longest Indonesian phone number starting at group s: a mobile
// number (08…, 62 8…, +62 8…) of 9–13 digits or a landline with its area code (021…,
// (021) …, +62 21 …) of 9–12 digits, counted in national form with the leading 0. Groups
// after the first hold at least three digits (the area code after 62 excepted) and share
// one separator, which keeps dates, times and lists of small numbers out; amounts written
// with thousand dots are left alone.
func phoneAt(text string, groups []digitGroup, s int) (match, int, bool) {
	if s > 0 && groups[s].sep != " " {
		return match{}, 0, false
	}
	start := groups[s].start
	if s == 0 {
		switch before := text[:start]; { // the match covers a leading "+", "(" or "(+"
		case strings.HasSuffix(before, "(+"):
			start -= 2
		case strings.HasSuffix(before, "+"), strings.HasSuffix(before, "("):
			start--
		}
		if afterCurrency(text[:start]) {
			return match{}, 0, false
		}
	}
	best, national := -1, ""
	digits := ""
	for e := s; e < len(groups) && len(digits) < 15; e++ {
		g := groups[e]
		digits += text[g.start:g.end]
		if e > s && g.len() < 3 && !(e == s+1 && groups[s].len() == 2 && digits[:2] == "62") {
			break
		}
		if e > s+1 && !sameSeps(groups[s+2:e+1]) {
			break
		}
		if n, ok := phoneNumber(digits); ok && canEnd(groups, e) && !thousands(groups[s:e+1]) {
			best, national = e, n
		}
	}
	if best < 0 {
		return match{}, 0, false
	}
	tail := min(4, len(national)-8)
	masked := national[:4] + strings.Repeat("*", len(national)-4-tail) + national[len(national)-tail:]
	return match{Finding{Kind: KindPhone, Masked: masked, Offset: start}, groups[best].end}, best, true
}

// phoneNumber returns digits in national form ("0…") when they make a phone number.
func phoneNumber(digits string) (string, bool) {
	national := digits
	switch {
	case strings.HasPrefix(digits, "62"):
		national = "0" + digits[2:]
	case !strings.HasPrefix(digits, "0"):
		return "", false
	}
	n := len(national)
	switch {
	case n < 2:
		return "", false
	case national[1] == '8':
		return national, n >= 9 && n <= 13
	case national[1] >= '2' && national[1] <= '7', national[1] == '9':
		return national, n >= 9 && n <= 12
	}
	return "", false
}

// sameSeps reports whether groups are all joined by one and the same single character.
func sameSeps(groups []digitGroup) bool {
	for _, g := range groups {
		if len(g.sep) != 1 || g.sep != groups[0].sep {
			return false
		}
	}
	return true
}

// canEnd reports whether a number may end after group e: the run ends there or goes on
// after a space, not after a dot or dash that would make it part of a longer code.
func canEnd(groups []digitGroup, e int) bool {
	return e+1 == len(groups) || groups[e+1].sep == " "
}

// thousands reports an amount such as "62.812.345.678": dot-separated groups of three.
func thousands(groups []digitGroup) bool {
	if len(groups) < 2 {
		return false
	}
	for _, g := range groups[1:] {
		if g.sep != "." || g.len() != 3 {
			return false
		}
	}
	return true
}

// afterCurrency reports whether before ends with a currency sign such as "Rp" or "IDR".
func afterCurrency(before string) bool {
	t := strings.ToLower(strings.TrimRight(before, " .:\u00a0"))
	return strings.HasSuffix(t, "rp") || strings.HasSuffix(t, "idr")
}

func digitsOf(text string, groups []digitGroup) string {
	var b strings.Builder
	for _, g := range groups {
		b.WriteString(text[g.start:g.end])
	}
	return b.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
