// Package pii finds personal data in text that is about to become public, so the portal can
// hold a publication until an officer confirms or removes it. Information that would reveal
// personal data is exempt from disclosure (UU 14/2008 Pasal 17 huruf h) and its processing
// is bound by UU 27/2022 on personal data protection.
//
// The checks are deliberately plain patterns: a finding is a prompt for a person, so a few
// false alarms are acceptable, while numbers that fill every budget table and decree
// (amounts, dates, years, letter and article numbers) must not raise any.
package pii

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kinds of personal data.
const (
	KindNIK   = "nik"
	KindEmail = "email"
	KindPhone = "phone"
	KindName  = "name"
)

// Finding is one piece of personal data in the scanned text. Masked and Context never
// contain the data itself, so a finding can be shown, logged and stored.
type Finding struct {
	Kind    string // KindNIK, KindEmail, KindPhone or KindName
	Masked  string // e.g. "3273********0003", "s***@contoh.id", "0812****4455", "S. A."
	Context string // about 40 characters around the match, every match in it masked
	Offset  int    // byte offset of the match in the scanned text
}

// Label names the kind in Bahasa Indonesia for the officer's screen.
func (f Finding) Label() string {
	switch f.Kind {
	case KindNIK:
		return "NIK"
	case KindEmail:
		return "alamat surel"
	case KindPhone:
		return "nomor telepon"
	case KindName:
		return "nama pemohon"
	}
	return f.Kind
}

// match is a finding with the end of its span, which is needed for masking context.
type match struct {
	Finding
	end int
}

// contextRadius is how many bytes of text are shown on each side of a match.
const contextRadius = 20

// Scan returns the personal data in text, in order of offset: NIK-like numbers, e-mail
// addresses, Indonesian phone numbers, and each of names (typically the requester's).
// Where matches overlap only the first kind in that list is kept, so a NIK is never
// also reported as a phone number.
func Scan(text string, names ...string) []Finding {
	kept := scan(text, names)
	out := make([]Finding, len(kept))
	for i, m := range kept {
		out[i] = m.Finding
	}
	return out
}

// Redact returns text with every finding replaced by replacement: for showing text that must
// stay readable, such as a request's subject, without the personal data in it.
func Redact(text, replacement string, names ...string) string {
	kept := scan(text, names)
	var b strings.Builder
	last := 0
	for _, m := range kept {
		b.WriteString(text[last:m.Offset])
		b.WriteString(replacement)
		last = m.end
	}
	b.WriteString(text[last:])
	return b.String()
}

func scan(text string, names []string) []match {
	var found []match
	found = append(found, scanNumbers(text)...) // NIKs, then phones
	found = append(found, scanEmails(text)...)
	found = append(found, scanNames(text, names)...)
	kept := dropOverlaps(text, found)
	for i := range kept {
		kept[i].Context = around(text, kept, i)
	}
	return kept
}

// rank orders the kinds for overlaps: the stronger identifier wins.
var rank = map[string]int{KindNIK: 0, KindEmail: 1, KindPhone: 2, KindName: 3}

// dropOverlaps keeps, among overlapping matches, the one of the highest-ranked kind (then
// the earliest), and returns the kept ones sorted by offset. Coverage is tracked per byte,
// so the cost stays linear however many matches a hostile text holds.
func dropOverlaps(text string, found []match) []match {
	slices.SortStableFunc(found, func(a, b match) int {
		if a.Kind != b.Kind {
			return rank[a.Kind] - rank[b.Kind]
		}
		return a.Offset - b.Offset
	})
	covered := make([]bool, len(text))
	var kept []match
	for _, m := range found {
		if slices.Contains(covered[m.Offset:m.end], true) {
			continue
		}
		for i := m.Offset; i < m.end; i++ {
			covered[i] = true
		}
		kept = append(kept, m)
	}
	slices.SortFunc(kept, func(a, b match) int { return a.Offset - b.Offset })
	return kept
}

// around returns the text around kept[i], with it and any neighbour in the window masked,
// on one line.
func around(text string, kept []match, i int) string {
	winFrom := runeStart(text, max(kept[i].Offset-contextRadius, 0))
	winTo := runeStart(text, min(kept[i].end+contextRadius, len(text)))
	// A neighbour cut by the window edge is masked whole, widening the window to it.
	first, from, to := i, winFrom, winTo
	for first > 0 && kept[first-1].end > winFrom {
		first--
		from = min(from, kept[first].Offset)
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	pos := from
	for j := first; j < len(kept) && kept[j].Offset < winTo; j++ {
		b.WriteString(text[pos:kept[j].Offset])
		b.WriteString(kept[j].Masked)
		pos = kept[j].end
		to = max(to, pos)
	}
	b.WriteString(text[pos:to])
	if to < len(text) {
		b.WriteString("…")
	}
	return strings.Join(strings.FieldsFunc(strings.ToValidUTF8(b.String(), ""), unicode.IsSpace), " ")
}

// runeStart moves i back to the start of the rune it falls in.
func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// emailPattern is pragmatic, not RFC 5322: what people actually type in letters and forms.
var emailPattern = regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}`)

func scanEmails(text string) []match {
	var out []match
	for _, loc := range emailPattern.FindAllStringIndex(text, -1) {
		addr := text[loc[0]:loc[1]]
		at := strings.IndexByte(addr, '@')
		out = append(out, match{Finding{Kind: KindEmail, Masked: addr[:1] + "***" + addr[at:], Offset: loc[0]}, loc[1]})
	}
	return out
}
