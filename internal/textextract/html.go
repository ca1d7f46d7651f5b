package textextract

import (
	"bytes"
	"context"
	"errors"
	"io"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlBlocks are the elements that start a new line; inline ones (b, a, span) may split
// a word and so add nothing.
var htmlBlocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.Tr: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Table: true, atom.Section: true, atom.Article: true, atom.Header: true,
	atom.Footer: true, atom.Title: true, atom.Blockquote: true, atom.Pre: true, atom.Hr: true,
}

// htmlSkipped hold no visible text.
var htmlSkipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
}

// extractHTML reads the text nodes of an HTML page with the tokenizer, which keeps memory
// flat however the markup nests.
func extractHTML(ctx context.Context, data []byte) (string, error) {
	var t textBuffer
	z := html.NewTokenizer(bytes.NewReader(data))
	skip := atom.Atom(0) // the script or style element being skipped, if any
	for n := 0; !t.full; n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return "", err
			}
		}
		switch z.Next() {
		case html.ErrorToken:
			if errors.Is(z.Err(), io.EOF) {
				return t.String(), nil
			}
			return "", ErrUnreadable
		case html.TextToken:
			if skip == 0 {
				t.WriteString(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if htmlSkipped[a] && skip == 0 {
				skip = a
			}
			if htmlBlocks[a] {
				t.newline()
			} else if a == atom.Td || a == atom.Th {
				t.space()
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if a == skip {
				skip = 0
			}
			if htmlBlocks[a] {
				t.newline()
			}
		}
	}
	return t.String(), nil
}
