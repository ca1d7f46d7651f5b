package web

import (
	"bytes"
	"html/template"
	"testing"
)

// TestWriteEscapedMatchesTemplateEscaping: the queue's rows escape requesters' text with their own
// writer; it must encode exactly what template.HTMLEscapeString does, in text and in attributes.
func TestWriteEscapedMatchesTemplateEscaping(t *testing.T) {
	for _, s := range []string{"", "Wulan Siregar", `Nakal" onmouseover="alert(1)`, `<script>alert('x')</script> & <b>`,
		"a\x00b", "&&<<>>\"\"''", "Ünïcödé · 12/PPID/XII/2026", "<", "x&"} {
		var b bytes.Buffer
		b.WriteString("pre|")
		writeEscaped(&b, s)
		if got, want := b.String(), "pre|"+template.HTMLEscapeString(s); got != want {
			t.Errorf("writeEscaped(%q) = %q, want %q", s, got, want)
		}
	}
}
