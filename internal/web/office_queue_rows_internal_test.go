package web

import (
	"bytes"
	"html/template"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka/internal/store"
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

// TestQueueOptionsEscapeAndSelect: the filter's option lists, written in Go, escape the names an
// administrator typed and select what the URL chose, as the template's ranges did.
func TestQueueOptionsEscapeAndSelect(t *testing.T) {
	v := queueView{Params: queueParams{Unit: "2", Status: "diproses", Officer: "saya"},
		Units:    []store.Unit{{ID: 1, Name: "Utama"}, {ID: 2, Name: `<i>Unit</i> & "Co"`}},
		Officers: []store.User{{ID: 7, Name: `O'Brien <b>`}}}
	for _, tt := range []struct{ got, want string }{
		{string(v.UnitOptions()), `<option value="1">Utama</option><option value="2" selected>&lt;i&gt;Unit&lt;/i&gt; &amp; &#34;Co&#34;</option>`},
		{string(v.OfficerOptions(v.Params.Officer)), `<option value="7">O&#39;Brien &lt;b&gt;</option>`},
		{string(v.OfficerOptions("7")), `<option value="7" selected>O&#39;Brien &lt;b&gt;</option>`},
	} {
		if tt.got != tt.want {
			t.Errorf("got  %s\nwant %s", tt.got, tt.want)
		}
	}
	if s := string(v.StatusOptions()); !strings.Contains(s, `<option value="diproses" selected>`) || strings.Count(s, "selected") != 1 {
		t.Errorf("status options select not exactly the chosen one: %s", s)
	}
}
