package registerimport

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
)

// errTooLarge stops reading a file above maxFileBytes; it becomes a RowError, not an I/O error.
var errTooLarge = errors.New("file larger than the import limit")

// limitedReader is io.LimitReader that tells a file of exactly n bytes from a longer one.
type limitedReader struct {
	r io.Reader
	n int64
}

func (l *limitedReader) Read(b []byte) (int, error) {
	if l.n < 0 {
		return 0, errTooLarge
	}
	if int64(len(b)) > l.n+1 {
		b = b[:l.n+1]
	}
	n, err := l.r.Read(b)
	l.n -= int64(n)
	if l.n < 0 {
		return n, errTooLarge
	}
	return n, err
}

// ioError turns the size limit into a RowError and passes real I/O errors on.
func (p *parser) ioError(err error) error {
	if errors.Is(err, errTooLarge) {
		p.fileError("", "File lebih besar dari 100 MB; bagi menjadi beberapa file.")
		return nil
	}
	return err
}

func (p *parser) readCSV(r io.Reader) error {
	br := bufio.NewReaderSize(&limitedReader{r: r, n: maxFileBytes}, 64<<10)
	head, err := br.Peek(3)
	if err != nil && err != io.EOF {
		return p.ioError(err)
	}
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		_, _ = br.Discard(3) // Excel's "CSV UTF-8" starts with a BOM
	case bytes.HasPrefix(head, []byte("\xff\xfe")), bytes.HasPrefix(head, []byte("\xfe\xff")):
		p.fileError("", "File tersimpan sebagai Unicode (UTF-16); simpan ulang sebagai \"CSV UTF-8\".")
		return nil
	}

	// Comment lines may only precede the header: a data row never loses a "#12" number.
	skipped := 0
	for {
		b, err := br.Peek(1)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return p.ioError(err)
		}
		if b[0] != '#' && b[0] != '\n' && b[0] != '\r' {
			break
		}
		if _, err := br.ReadString('\n'); err == io.EOF {
			return nil
		} else if err != nil {
			return p.ioError(err)
		}
		skipped++
	}

	first, _ := br.Peek(br.Size()) // a short file ends the peek early; errors resurface below
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	cr := csv.NewReader(br)
	cr.Comma = delimiter(first)
	cr.FieldsPerRecord = -1 // spreadsheets drop trailing empty cells

	for !p.full {
		fields, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				p.errs = append(p.errs, RowError{Line: pe.StartLine + skipped,
					Message: "Tanda kutip (\") tidak berpasangan atau salah letak; baris ini dan sesudahnya tidak dapat dibaca."})
				return nil
			}
			return p.ioError(err)
		}
		line, _ := cr.FieldPos(0)
		line += skipped
		cells := make([]cell, len(fields))
		for i, f := range fields {
			cells[i] = cell{text: f}
		}
		if p.headerLine == 0 {
			if blank(cells) {
				continue
			}
			if !p.header(fields, line) {
				return nil
			}
			continue
		}
		p.row(record{line: line, cells: cells})
	}
	return nil
}

// delimiter picks ";" when the header has more of them than commas outside quotes, as
// Excel writes with an Indonesian list separator.
func delimiter(header []byte) rune {
	commas, semicolons, quoted := 0, 0, false
	for _, b := range header {
		switch {
		case b == '"':
			quoted = !quoted
		case quoted:
		case b == ',':
			commas++
		case b == ';':
			semicolons++
		}
	}
	if semicolons > commas {
		return ';'
	}
	return ','
}
