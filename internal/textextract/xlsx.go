package textextract

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxSharedStrings caps the spreadsheet's string table; each entry costs memory even
// when empty, and a real workbook has far fewer distinct strings.
const maxSharedStrings = 2 << 20

// commentXML reads the notes attached to spreadsheet cells.
var commentXML = xmlRules{
	text:   map[string]bool{"t": true},
	breaks: map[string]rune{"comment": '\n'},
}

// extractXLSX reads every worksheet row by row, cells separated by spaces, then the
// cell comments. It is written by hand rather than with excelize so the archive limits
// apply and nothing is spilled to temporary files. Numbers come out raw, unformatted.
func extractXLSX(ctx context.Context, data []byte) (string, error) {
	a, err := openArchive(ctx, data)
	if err != nil {
		return "", err
	}
	if !a.has("xl/workbook.xml") {
		return "", fmt.Errorf("%w: no xl/workbook.xml", ErrUnreadable)
	}
	var shared []string
	if a.has("xl/sharedStrings.xml") {
		err := a.read("xl/sharedStrings.xml", func(r io.Reader) (err error) {
			shared, err = sharedStrings(r)
			return err
		})
		if err != nil {
			return "", err
		}
	}
	var t textBuffer
	for _, name := range a.numbered("xl/worksheets/sheet", ".xml") {
		if t.full {
			break
		}
		if err := a.read(name, func(r io.Reader) error { return sheetText(r, shared, &t) }); err != nil {
			return "", err
		}
		t.newline()
	}
	for _, name := range a.numbered("xl/comments", ".xml") {
		if t.full {
			break
		}
		if err := a.read(name, func(r io.Reader) error { return xmlText(r, commentXML, &t) }); err != nil {
			return "", err
		}
	}
	return t.String(), nil
}

// sharedStrings reads xl/sharedStrings.xml: one entry per <si>, its rich-text runs joined,
// phonetic guides (<rPh>) left out.
func sharedStrings(r io.Reader) ([]string, error) {
	var (
		list     []string
		cur      strings.Builder
		inT, inP bool
	)
	d := xml.NewDecoder(r)
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			return list, nil
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "si":
				cur.Reset()
			case "t":
				inT = true
			case "rPh":
				inP = true
			}
		case xml.EndElement:
			switch tok.Name.Local {
			case "si":
				if len(list) == maxSharedStrings {
					return nil, fmt.Errorf("%w: more than %d shared strings", ErrTooLarge, maxSharedStrings)
				}
				list = append(list, cur.String())
			case "t":
				inT = false
			case "rPh":
				inP = false
			}
		case xml.CharData:
			if inT && !inP {
				cur.Write(tok)
			}
		}
	}
}

// sheetText streams one worksheet into t.
func sheetText(r io.Reader, shared []string, t *textBuffer) error {
	var (
		cellType string
		value    strings.Builder
		inV, inT bool
	)
	d := xml.NewDecoder(r)
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
			switch tok.Name.Local {
			case "c":
				cellType = attr(tok, "t")
				value.Reset()
			case "v":
				inV = true
			case "t": // inline string
				inT = true
			}
		case xml.EndElement:
			switch tok.Name.Local {
			case "c":
				t.WriteString(cellValue(cellType, value.String(), shared))
				t.space()
			case "v":
				inV = false
			case "t":
				inT = false
			case "row":
				t.newline()
			}
		case xml.CharData:
			if inV || inT {
				value.Write(tok)
			}
		}
	}
	return nil
}

// cellValue returns what a cell shows, leaving out booleans and error codes.
func cellValue(cellType, v string, shared []string) string {
	switch cellType {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(shared) {
			return ""
		}
		return shared[i]
	case "b", "e":
		return ""
	}
	return v
}

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
