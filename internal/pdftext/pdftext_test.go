package pdftext

import (
	"slices"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
)

func newDoc(t *testing.T) *fpdf.Fpdf {
	t.Helper()
	p := fpdf.New("P", "mm", "A4", "")
	p.SetFont("Helvetica", "", 10)
	return p
}

func TestText(t *testing.T) {
	e := NewEncoder(newDoc(t))
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"ASCII unchanged", "Permohonan informasi publik No. 12/PPID/2026", "Permohonan informasi publik No. 12/PPID/2026"},
		{"Indonesian typography", "“Anggaran” 2025–2026 … Rp 1.500.000", "\x93Anggaran\x94 2025\x962026 \x85 Rp 1.500.000"},
		{"Latin-1 letters", "Café Señora Müller", "Caf\xe9 Se\xf1ora M\xfcller"},
		{"cp1252 outside Latin-1", "€ Š œ • ‘a’", "\x80 \x8a \x9c \x95 \x91a\x92"},
		{"folded to cp1252", "a\u2011b\u2212c\u2012d \u2032\u2033 e\u202ff\u2009g\u200bh\ufeff", "a-b-c\x96d '\" e f gh"},
		{"no glyph becomes ?", "日本 سلام 👍 Ω", "?? ???? ? ?"},
		{"tab and CRLF", "Nama:\tRina\r\nNIK:\t-", "Nama: Rina\nNIK: -"},
		{"a dot stays a dot", "Jl. Merdeka No. 1.", "Jl. Merdeka No. 1."},
	}
	for _, tt := range tests {
		if got := e.Text(tt.in); got != tt.want {
			t.Errorf("%s: Text(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestLines(t *testing.T) {
	p := newDoc(t)
	e := NewEncoder(p)
	const width = 40.0
	long := strings.Repeat("Pertanggungjawaban", 4)
	tests := []struct {
		name string
		in   string
		want []string // nil: only check that the lines fit and keep the text
		min  int      // at least this many lines
	}{
		{"empty", "", []string{""}, 1},
		{"blank", " \t\n ", []string{""}, 1},
		{"short", "Dikabulkan", []string{"Dikabulkan"}, 1},
		{"explicit breaks", "Baris satu\n\nBaris tiga", []string{"Baris satu", "", "Baris tiga"}, 3},
		{"trailing break", "Satu\n", []string{"Satu"}, 1},
		{"Indonesian sentence", "Salinan keputusan kepala daerah tentang penetapan anggaran pendapatan dan belanja daerah tahun 2026", nil, 3},
		{"long word", long, nil, 2},
		{"long word in a sentence", "Kata " + long + " selesai", nil, 3},
		{"non-Latin-1", "Permohonan “informasi” – 日本語 € 2026", nil, 1},
	}
	for _, tt := range tests {
		in := e.Text(tt.in)
		got := Lines(p, in, width)
		if tt.want != nil && !slices.Equal(got, tt.want) {
			t.Errorf("%s: Lines = %q, want %q", tt.name, got, tt.want)
			continue
		}
		if len(got) < tt.min {
			t.Errorf("%s: %d lines %q, want at least %d", tt.name, len(got), got, tt.min)
		}
		for _, ln := range got {
			if w := p.GetStringWidth(ln); w > width {
				t.Errorf("%s: line %q is %.1f mm wide, column %.1f", tt.name, ln, w, width)
			}
		}
		// Wrapping only ever removes the spaces and breaks it wraps at.
		squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
		if squash(strings.Join(got, "")) != squash(in) {
			t.Errorf("%s: lines %q lose text of %q", tt.name, got, in)
		}
	}
}
