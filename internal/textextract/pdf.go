package textextract

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"io"
	"regexp"
	"time"

	"github.com/ledongthuc/pdf"
)

// Limits for PDF. The library inflates content streams without bounds and walks the page
// tree without a cycle check, so both are bounded here before and while it runs.
const (
	maxPDFStreamBytes = 32 << 20  // one inflated content, font or object stream
	maxPDFTotalBytes  = 256 << 20 // all inflated non-image streams of one file
	maxPDFPages       = 10_000
	maxPDFTreeNodes   = 50_000
	maxPDFTreeDepth   = 64
	// pdfTimeout bounds a caller that passed no deadline: a file that sends the library
	// into a loop must not block a background job forever.
	pdfTimeout = 2 * time.Minute
)

// extractPDF reads the text of every page. Encrypted files (unless openable with the
// empty user password), damaged files and files the library trips over all return
// ErrUnreadable. The library cannot be interrupted, so it runs in its own goroutine and
// Extract returns when ctx is done even if a hostile file keeps the library busy.
func extractPDF(ctx context.Context, data []byte) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, pdfTimeout)
	defer cancel()
	if err := checkStreams(ctx, data); err != nil {
		return "", err
	}
	type result struct {
		text string
		err  error
	}
	done := make(chan result, 1)
	go func() {
		text, err := readPDF(ctx, data)
		done <- result{text, err}
	}()
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case r := <-done:
		return r.text, r.err
	}
}

func readPDF(ctx context.Context, data []byte) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			text, err = "", fmt.Errorf("%w: %v", ErrUnreadable, r)
		}
	}()
	doc, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	var pages []pdf.Page
	nodes := 0
	collectPages(doc.Trailer().Key("Root").Key("Pages"), 0, &nodes, &pages)
	var t textBuffer
	for _, p := range pages {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		if t.full {
			break
		}
		pageText(p, &t)
		t.newline()
	}
	return t.String(), nil
}

// collectPages walks the page tree in order, bounded in depth, nodes and pages, so a
// tree whose Kids point back at an ancestor ends instead of looping.
func collectPages(node pdf.Value, depth int, nodes *int, pages *[]pdf.Page) {
	*nodes++
	if depth > maxPDFTreeDepth || *nodes > maxPDFTreeNodes || len(*pages) >= maxPDFPages {
		return
	}
	if node.Key("Type").Name() == "Page" {
		*pages = append(*pages, pdf.Page{V: node})
		return
	}
	kids := node.Key("Kids")
	for i := 0; i < kids.Len(); i++ {
		collectPages(kids.Index(i), depth+1, nodes, pages)
	}
}

// pageText interprets one page's content stream, writing the text it shows. Where each run
// starts, against where the previous one ended, decides between nothing (kerning inside a
// word), a space and a newline (pdf_layout.go).
func pageText(p pdf.Page, t *textBuffer) {
	contents := p.V.Key("Contents")
	if contents.Kind() == pdf.Null {
		return
	}
	fonts := map[string]*pdfFont{}
	l := newTextLayout(t)
	num := func(v pdf.Value) float64 { return v.Float64() }
	var args []pdf.Value
	pdf.Interpret(contents, func(stk *pdf.Stack, op string) {
		args = args[:0]
		for stk.Len() > 0 {
			args = append(args, stk.Pop())
		}
		// args is in reverse: args[0] is the operand nearest the operator.
		switch op {
		case "BT":
			l.beginText()
		case "T*":
			l.nextLine()
		case "Td", "TD":
			if len(args) == 2 {
				if op == "TD" {
					l.leading = -num(args[0])
				}
				l.moveLine(num(args[1]), num(args[0]))
			}
		case "Tm":
			if len(args) == 6 {
				l.setMatrix(matrix{num(args[5]), num(args[4]), num(args[3]), num(args[2]), num(args[1]), num(args[0])})
			}
		case "Tc":
			if len(args) == 1 {
				l.charSpace = num(args[0])
			}
		case "Tw":
			if len(args) == 1 {
				l.wordSpace = num(args[0])
			}
		case "Tz":
			if len(args) == 1 {
				l.scale = num(args[0]) / 100
			}
		case "TL":
			if len(args) == 1 {
				l.leading = num(args[0])
			}
		case "Tf":
			if len(args) == 2 {
				name := args[1].Name()
				if _, ok := fonts[name]; !ok {
					fonts[name] = loadFont(resources(p).Key("Font").Key(name))
				}
				l.font, l.size = fonts[name], num(args[0])
			}
		case "Tj":
			if len(args) > 0 {
				l.show(args[0].RawString())
			}
		case "'":
			l.nextLine()
			if len(args) > 0 {
				l.show(args[0].RawString())
			}
		case "\"":
			if len(args) == 3 {
				l.wordSpace, l.charSpace = num(args[2]), num(args[1])
				l.nextLine()
				l.show(args[0].RawString())
			}
		case "TJ":
			if len(args) == 0 {
				return
			}
			arr := args[0]
			for i := 0; i < arr.Len(); i++ {
				switch v := arr.Index(i); v.Kind() {
				case pdf.String:
					l.show(v.RawString())
				case pdf.Integer, pdf.Real:
					l.adjust(v.Float64())
				}
			}
		}
	})
}

// resources finds the page's resource dictionary, which it may inherit from the page
// tree, in at most maxPDFTreeDepth steps: the library's own lookup follows a Parent loop
// forever.
func resources(p pdf.Page) pdf.Value {
	v := p.V
	for range maxPDFTreeDepth {
		if v.IsNull() {
			break
		}
		if r := v.Key("Resources"); !r.IsNull() {
			return r
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}

var (
	pdfStream   = regexp.MustCompile(`>>\s*stream\r?\n`)
	pdfFlate    = regexp.MustCompile(`/FlateDecode\b`)
	pdfImage    = regexp.MustCompile(`/Subtype\s*/Image\b`)
	pdfObjStart = []byte(" obj")
)

// checkStreams inflates, up to the limits, every Flate stream that is not an image, and
// fails with ErrTooLarge for a flate bomb. Images are skipped: the text is never in them,
// the library leaves them alone, and scanned pages legitimately inflate to a lot.
func checkStreams(ctx context.Context, data []byte) error {
	total := int64(0)
	for _, loc := range pdfStream.FindAllIndex(data, -1) {
		if err := ctx.Err(); err != nil {
			return err
		}
		// The stream's dictionary lies between the object header and the keyword.
		head := bytes.LastIndex(data[:loc[0]], pdfObjStart)
		dict := data[max(head, 0):loc[0]]
		if !pdfFlate.Match(dict) || pdfImage.Match(dict) {
			continue
		}
		zr, err := zlib.NewReader(bytes.NewReader(data[loc[1]:]))
		if err != nil {
			continue // encrypted or damaged: the library will judge it
		}
		n, _ := io.Copy(io.Discard, io.LimitReader(zr, maxPDFStreamBytes+1))
		total += n
		if n > maxPDFStreamBytes || total > maxPDFTotalBytes {
			return fmt.Errorf("%w: PDF streams inflate past %d bytes", ErrTooLarge, maxPDFStreamBytes)
		}
	}
	return nil
}
