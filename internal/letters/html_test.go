package letters

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

func TestRenderHTMLEscapesUserText(t *testing.T) {
	l := base(t, Notice, decisionRefused)
	l.Information = `<script>alert("x")</script> & <b onclick="y">tebal</b>`
	l.RequesterName = `Budi "<img src=x onerror=alert(1)>"`
	h, err := RenderHTML(l)
	if err != nil {
		t.Fatalf("RenderHTML: %v", err)
	}
	s := string(h)
	for _, bad := range []string{"<script", "<b ", "<img", `onclick="`} {
		if strings.Contains(s, bad) {
			t.Errorf("HTML contains unescaped %q", bad)
		}
	}
	if !strings.Contains(s, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b onclick=&#34;y&#34;&gt;") {
		t.Errorf("Information not escaped as expected:\n%s", s)
	}
	if text := htmlText(s); !strings.Contains(text, l.Information) || !strings.Contains(text, l.RequesterName) {
		t.Error("escaped text does not read back as the original")
	}
}

var (
	inlineStyleRe   = regexp.MustCompile(`(?i)\sstyle\s*=|<style`)
	inlineHandlerRe = regexp.MustCompile(`(?i)\son[a-z]+\s*=|<script|javascript:`)
)

func TestRenderHTMLStructure(t *testing.T) {
	for name, l := range allLetters(t) {
		t.Run(name, func(t *testing.T) {
			h, err := RenderHTML(l)
			if err != nil {
				t.Fatalf("RenderHTML: %v", err)
			}
			s := strings.TrimSpace(string(h))
			if !strings.HasPrefix(s, `<article class="letter letter-`+string(l.Kind)+`">`) || !strings.HasSuffix(s, "</article>") {
				t.Errorf("not one <article class=\"letter\">: %.80q … %q", s, s[max(0, len(s)-20):])
			}
			if inlineStyleRe.MatchString(s) || inlineHandlerRe.MatchString(s) {
				t.Error("HTML has an inline style or script, which the CSP forbids")
			}
			for _, tag := range []string{"<h2 class=\"letter-title\">", "<dl class=\"letter-fields\">", "<dt>", "<dd>"} {
				if !strings.Contains(s, tag) {
					t.Errorf("HTML lacks %s", tag)
				}
			}
		})
	}
}

func TestRenderHTMLKeyFacts(t *testing.T) {
	tests := []struct {
		name   string
		letter Letter
		want   []string
	}{
		{"receipt", base(t, Receipt, ""), []string{
			"TANDA BUKTI PENERIMAAN PERMOHONAN INFORMASI PUBLIK", "Nomor: 001/PPID/XI/2026", "12/PPID/DKI/XI/2026",
			"13 November 2026 14:05 WIB", "Kota Contoh, 27 November 2026", "Jumat, 27 November 2026",
		}},
		{"refusal", base(t, Refusal, ""), []string{"12/PPID/DKI/XI/2026", Pasal17["h"], "Uji Konsekuensi", "DITOLAK"}},
		{"objection upheld", base(t, ObjectionAnswer, outcomeUpheld), []string{
			"DIKUATKAN", "Komisi Informasi", "Rabu, 10 Februari 2027",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := RenderHTML(tt.letter)
			if err != nil {
				t.Fatalf("RenderHTML: %v", err)
			}
			text := htmlText(string(h))
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("HTML text lacks %q", w)
				}
			}
		})
	}
}

// TestRenderHTMLMatchesPDF checks that both renderings carry every piece of the letter's content.
func TestRenderHTMLMatchesPDF(t *testing.T) {
	for name, l := range allLetters(t) {
		t.Run(name, func(t *testing.T) {
			h, err := RenderHTML(l)
			if err != nil {
				t.Fatalf("RenderHTML: %v", err)
			}
			htmlT, pdfT := htmlText(string(h)), pdfText(t, uncompressedPDF(t, l))
			d := compose(l)
			want := append([]string{d.Title, d.Number, d.OfficeName, d.PlaceDate, d.Position, d.SignerName}, d.HeadLines...)
			for _, b := range d.Blocks {
				want = append(want, b.Text)
				for _, f := range b.Fields {
					want = append(want, f.Label, f.Value)
				}
				for _, it := range b.Items {
					want = append(want, it.Marker, it.Text)
				}
			}
			for _, w := range want {
				w = squash(w)
				if !strings.Contains(htmlT, w) {
					t.Errorf("HTML lacks %q", w)
				}
				if !strings.Contains(pdfT, w) {
					t.Errorf("PDF lacks %q", w)
				}
			}
		})
	}
}

func TestRenderHTMLRejectsInvalidLetter(t *testing.T) {
	l := base(t, ObjectionAnswer, outcomeUpheld)
	l.ObjectionAnswer = ""
	h, err := RenderHTML(l)
	var ve *ValidationError
	if !errors.As(err, &ve) || h != "" {
		t.Fatalf("RenderHTML = %q, %v; want empty, *ValidationError", h, err)
	}
}
