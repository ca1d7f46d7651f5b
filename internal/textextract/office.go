package textextract

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// xmlRules says how to read one office XML dialect. Element names are matched without
// their namespace, which also accepts the "strict" OOXML namespaces.
type xmlRules struct {
	// text holds the elements whose character data, at any depth, is document text.
	text map[string]bool
	// breaks maps the elements that separate words (paragraph, cell, tab) to the
	// whitespace they stand for, so neighbouring runs never glue together.
	breaks map[string]rune
}

// wordXML reads WordprocessingML. Deleted tracked changes (delText inside del) stay in a
// published file, so they are read too, as separate words, and reach the personal-data check.
var wordXML = xmlRules{
	text:   map[string]bool{"t": true, "delText": true},
	breaks: map[string]rune{"p": '\n', "br": '\n', "cr": '\n', "tab": ' ', "tc": ' ', "tr": '\n', "del": ' '},
}

// drawingXML reads the DrawingML text of PowerPoint slides and notes.
var drawingXML = xmlRules{
	text:   map[string]bool{"t": true},
	breaks: map[string]rune{"p": '\n', "br": '\n', "tc": ' ', "tr": '\n'},
}

// odfXML reads OpenDocument content: all character data inside paragraphs and headings.
var odfXML = xmlRules{
	text: map[string]bool{"p": true, "h": true},
	breaks: map[string]rune{"p": '\n', "h": '\n', "s": ' ', "tab": ' ', "line-break": '\n',
		"table-cell": ' ', "table-row": '\n', "list-item": '\n'},
}

// wordParts lists a DOCX's text parts: the body, then what a reader also sees or what
// ships inside the file anyway (notes, comments, headers, footers).
func wordParts(a *archive) ([]string, error) {
	if !a.has("word/document.xml") {
		return nil, fmt.Errorf("%w: no word/document.xml", ErrUnreadable)
	}
	parts := []string{"word/document.xml"}
	for _, name := range []string{"word/footnotes.xml", "word/endnotes.xml", "word/comments.xml"} {
		if a.has(name) {
			parts = append(parts, name)
		}
	}
	parts = append(parts, a.numbered("word/header", ".xml")...)
	return append(parts, a.numbered("word/footer", ".xml")...), nil
}

// slideParts lists a PPTX's slides in order, then their speaker notes.
func slideParts(a *archive) ([]string, error) {
	if !a.has("ppt/presentation.xml") {
		return nil, fmt.Errorf("%w: no ppt/presentation.xml", ErrUnreadable)
	}
	return append(a.numbered("ppt/slides/slide", ".xml"), a.numbered("ppt/notesSlides/notesSlide", ".xml")...), nil
}

// extractOOXML reads the parts of a DOCX or PPTX with the given rules.
func extractOOXML(ctx context.Context, data []byte, parts func(*archive) ([]string, error), rules xmlRules) (string, error) {
	a, err := openArchive(ctx, data)
	if err != nil {
		return "", err
	}
	names, err := parts(a)
	if err != nil {
		return "", err
	}
	return readParts(a, names, rules)
}

// extractODF reads an OpenDocument text, spreadsheet or presentation: the body in
// content.xml, then headers and footers, which live in styles.xml.
func extractODF(ctx context.Context, data []byte) (string, error) {
	a, err := openArchive(ctx, data)
	if err != nil {
		return "", err
	}
	if !a.has("content.xml") {
		return "", fmt.Errorf("%w: no content.xml", ErrUnreadable)
	}
	names := []string{"content.xml"}
	if a.has("styles.xml") {
		names = append(names, "styles.xml")
	}
	return readParts(a, names, odfXML)
}

func readParts(a *archive, names []string, rules xmlRules) (string, error) {
	var t textBuffer
	for _, name := range names {
		if t.full {
			break
		}
		err := a.read(name, func(r io.Reader) error { return xmlText(r, rules, &t) })
		if err != nil {
			return "", err
		}
		t.newline()
	}
	return t.String(), nil
}

// xmlText streams one XML part into t. It stops early once t is full.
func xmlText(r io.Reader, rules xmlRules, t *textBuffer) error {
	d := xml.NewDecoder(r)
	depth := 0 // how many text elements enclose the current token
	for !t.full {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if rules.text[tok.Name.Local] {
				depth++
			}
			if sep, ok := rules.breaks[tok.Name.Local]; ok {
				boundary(t, sep)
			}
		case xml.EndElement:
			if rules.text[tok.Name.Local] && depth > 0 {
				depth--
			}
			if sep, ok := rules.breaks[tok.Name.Local]; ok {
				boundary(t, sep)
			}
		case xml.CharData:
			if depth > 0 {
				t.WriteString(string(tok))
			}
		}
	}
	return nil
}

func boundary(t *textBuffer, sep rune) {
	if sep == '\n' {
		t.newline()
	} else {
		t.space()
	}
}
