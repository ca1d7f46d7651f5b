package web_test

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

// TestQueueRowsEscapeWhatRequestersTyped: the queue's rows are written in Go, not by the page's
// template, so markup a requester or an administrator typed must still arrive as text in every
// place it is shown (cell text and the checkbox's aria-label), and a row keeps its cells and flags.
func TestQueueRowsEscapeWhatRequestersTyped(t *testing.T) {
	t.Parallel()
	w := newQueueWorld(t)
	hostileName := `Nakal" onmouseover="alert(1)`
	hostileText := `<script>alert('x')</script> & <b>tebal</b>`
	id := w.register(t, hostileName, "nakal@contoh.id", hostileText, "email", "2026-11-30")
	w.app.Store.DB().MustExec(`UPDATE units SET name = '<i>Unit</i> & "Co"' WHERE kind = 'utama'`)
	page := w.ppid.get("/kantor?q=nakal")
	row := regexp.MustCompile(`(?s)<tr class="[a-z]*">\s*<td data-label="Pilih">.*?</tr>`).FindString(page)
	if row == "" {
		t.Fatalf("no row with a checkbox for the PPID:\n%s", page)
	}
	for _, raw := range []string{`<script>`, `<b>`, `<i>`, `" onmouseover="`} {
		if strings.Contains(row, raw) {
			t.Errorf("row carries %q unescaped:\n%s", raw, row)
		}
	}
	for _, shown := range []string{hostileName, "<script>alert('x')</script> &amp; <b>tebal</b>", `<i>Unit</i> & "Co"`} {
		if !strings.Contains(html.UnescapeString(row), strings.ReplaceAll(shown, "&amp;", "&")) {
			t.Errorf("row does not show %q as text:\n%s", shown, row)
		}
	}
	if !strings.Contains(row, `aria-label="Pilih `+html.EscapeString(w.number[id])+`"`) ||
		!strings.Contains(row, `<a href="/kantor/permohonan/`+itoa(id)+`">`) {
		t.Errorf("row lacks its checkbox label or link:\n%s", row)
	}
	// Every cell names its column (the phone's cards), and the flags follow the clock.
	if n := len(regexp.MustCompile(`<td data-label="[^"]+">`).FindAllString(row, -1)); n != 8 {
		t.Errorf("%d labelled cells, want 8", n)
	}
	overdue := w.ppid.get("/kantor?tenggat=lewat")
	if !strings.Contains(overdue, `<tr class="overdue">`) || !strings.Contains(overdue, `<span class="flag overdue">lewat waktu</span>`) {
		t.Error("an overdue row is not flagged")
	}
	soon := w.ppid.get("/kantor?tenggat=segera")
	if !strings.Contains(soon, `<tr class="soon">`) || !strings.Contains(soon, `<span class="flag soon">segera</span>`) {
		t.Error("a row due soon is not flagged")
	}
	// A role without the assignment permission gets no checkboxes.
	atasan := signIn(t, w.app, "atasan-rows@uji.test", "atasan", "rahasia-atasan")
	if page := atasan.get("/kantor"); strings.Contains(page, `name="id"`) || !strings.Contains(page, `data-label="Pemohon"`) {
		t.Error("the atasan's queue shows checkboxes, or no rows")
	}
}
