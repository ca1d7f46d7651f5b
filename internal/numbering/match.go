package numbering

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Match reads the sequence number back out of a number issued for year and month in this
// format. Imports use it so numbers typed into an old register keep their place in the
// year's count and the next number issued does not collide with them.
func (f Format) Match(number string, year int, month time.Month) (seq int, ok bool) {
	var b strings.Builder
	b.WriteString("^")
	for _, s := range f.segs {
		if s.kind == kindSeq {
			b.WriteString(`([0-9]+)`)
			continue
		}
		b.WriteString(regexp.QuoteMeta(s.render(year, month)))
	}
	if len(f.segs) == 0 {
		b.WriteString(`([0-9]+)`)
	}
	b.WriteString("$")
	m := regexp.MustCompile(b.String()).FindStringSubmatch(number)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	if err != nil || n < 1 {
		return 0, false
	}
	return n, true
}
