// Package registerimport reads an office's existing request register for `terbuka import`, so that
// past and open cases keep their original registration numbers, received dates and decisions.
//
// # File format
//
// A CSV file (UTF-8, with or without BOM; delimiter "," or ";", detected from the header line)
// or an XLSX workbook (first sheet only). Lines before the header that start with "#" are
// comments. The header is one row of column names, in any order, matched case-insensitively
// after trimming (inner spaces count as "_"). An unknown column is an error, to catch typos.
// Each further row is one request; blank rows are skipped; at most 50,000 rows.
//
//	column                 required                    meaning
//	no_registrasi          yes                         original registration number, kept as is, unique in the file
//	tanggal_diterima       yes                         "YYYY-MM-DD HH:MM", "YYYY-MM-DD" (08:00) or "DD/MM/YYYY [HH:MM]"
//	                                                   in the office time zone, or an Excel date cell
//	saluran                no                          request.Channels code or label; default "letter"
//	jenis_pemohon          yes                         request.RequesterKinds code or label
//	nama, alamat, telepon, pekerjaan,
//	rincian_informasi, tujuan   yes                    as in the web form
//	nik                    perorangan/kelompok rows    16 digits (format the column as Text in Excel)
//	nomor_sk               badan_hukum rows            SK number of the legal entity
//	email                  when delivered by e-mail
//	cara_memperoleh        yes                         request.ObtainMethods code or label
//	cara_mendapatkan       yes                         request.DeliveryMethods code or label
//	keputusan              no                          request.Decisions code or label; empty = still open
//	pasal_pengecualian     ditolak/dikabulkan_sebagian Pasal 17 letters a–j, comma separated
//	tanggal_pemberitahuan  when keputusan is set       date of the written notice
//	tanggal_penyerahan     no                          date the information was handed over
//	                                                   (dikabulkan/dikabulkan_sebagian only)
//	biaya                  no                          free text
//	persetujuan_publikasi  no                          ya/tidak/true/false/1/0; default tidak
//
// Validation is all or nothing: Parse reports every problem it finds, in Indonesian, and returns
// rows only when there is none. docs/contoh-register.csv and .xlsx are worked examples.
package registerimport

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
)

// Row is one validated request of the register.
type Row struct {
	Line               int // 1-based line in the file (header is line 1 unless "#" notes precede it); Excel's row number for XLSX
	RegistrationNumber string
	ReceivedAt         time.Time // in the given location
	Channel            string
	Submission         request.Submission // normalized, valid
	Decision           string             // "" when open
	ExemptionLetters   []string
	NoticeDate         calendar.Date // zero when none
	DeliveredDate      calendar.Date // zero when none
	Cost               string
	Status             string // derived: delivered → request.StatusClosed; decision without delivery → the decision code; else request.StatusReceived
}

// RowError is one problem in the file; Message is shown to the officer as is.
type RowError struct {
	Line    int
	Column  string // "" when the problem is not about one column
	Message string // in Bahasa Indonesia
}

// String renders the error the way the officer reads it: "baris 7, kolom nik: NIK harus 16 digit angka."
func (e RowError) String() string {
	if e.Column == "" {
		return "baris " + strconv.Itoa(e.Line) + ": " + e.Message
	}
	return "baris " + strconv.Itoa(e.Line) + ", kolom " + e.Column + ": " + e.Message
}

const (
	maxRows       = 50000
	maxFileBytes  = 100 << 20 // far above 50,000 rows of real registers
	maxUnzipBytes = 1 << 30   // an XLSX is a zip: bound what it may expand to
	defaultHour   = 8         // a date without time counts from the start of office hours
)

// Parse reads a whole register file, CSV or XLSX by its extension, and validates every row.
// It returns every problem it finds and no rows when there is any; the error is for I/O only.
func Parse(path string, loc *time.Location, now time.Time) ([]Row, []RowError, error) {
	var format string
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".csv":
		format = "csv"
	case ".xlsx":
		format = "xlsx"
	default:
		msg := "Format file tidak dikenal; simpan register sebagai .xlsx (Excel Workbook) atau .csv (CSV UTF-8)."
		if ext != "" {
			msg = "Format file " + ext + " tidak dikenal; simpan register sebagai .xlsx (Excel Workbook) atau .csv (CSV UTF-8)."
		}
		return nil, []RowError{{Line: 1, Message: msg}}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("registerimport: %w", err)
	}
	defer f.Close()
	return ParseReader(f, format, loc, now)
}

// ParseReader is Parse for a stream whose format ("csv" or "xlsx") the caller knows.
func ParseReader(r io.Reader, format string, loc *time.Location, now time.Time) ([]Row, []RowError, error) {
	return parse(r, format, loc, now, maxRows)
}

func parse(r io.Reader, format string, loc *time.Location, now time.Time, limit int) ([]Row, []RowError, error) {
	if loc == nil {
		return nil, nil, errors.New("registerimport: nil location")
	}
	p := &parser{
		loc:     loc,
		now:     now,
		today:   calendar.DateOf(now.In(loc)),
		limit:   limit,
		numbers: map[string]int{},
	}
	var err error
	switch format {
	case "csv":
		err = p.readCSV(r)
	case "xlsx":
		err = p.readXLSX(r)
	default:
		return nil, nil, fmt.Errorf("registerimport: unknown format %q", format)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("registerimport: %w", err)
	}
	if p.headerLine == 0 && len(p.errs) == 0 {
		p.fileError("", "File kosong: tidak ada baris judul kolom.")
	} else if len(p.errs) == 0 && len(p.rows) == 0 {
		p.fileError("", "File hanya berisi baris judul; tidak ada permohonan untuk diimpor.")
	}
	if len(p.errs) > 0 {
		slices.SortStableFunc(p.errs, func(a, b RowError) int {
			if a.Line != b.Line {
				return a.Line - b.Line
			}
			return p.position(a.Column) - p.position(b.Column)
		})
		return nil, p.errs, nil
	}
	return p.rows, nil, nil
}

// cell is one value as the office sees it, plus what Excel stored when it was a number.
type cell struct {
	text    string // the CSV field, or Excel's formatted value
	numeric bool   // an Excel number cell (never set for CSV)
	raw     string // the stored number of a numeric cell, e.g. "46037.4375"
}

type record struct {
	line  int
	cells []cell
}

// parser collects rows and errors across one file.
type parser struct {
	loc      *time.Location
	now      time.Time
	today    calendar.Date
	limit    int
	date1904 bool // the XLSX counts dates from 1904 (old Mac Excel)

	headerLine int
	columns    []string       // header position → canonical column name ("" when blank)
	index      map[string]int // canonical column name → header position

	numbers map[string]int // registration number (folded) → first line
	count   int            // non-blank data rows seen
	rows    []Row
	errs    []RowError
	full    bool // the row limit was exceeded
}

func (p *parser) fileError(column, msg string) {
	line := p.headerLine
	if line == 0 {
		line = 1
	}
	p.errs = append(p.errs, RowError{Line: line, Column: column, Message: msg})
}

// position orders a row's errors like the columns of the file, row-wide ones first.
func (p *parser) position(column string) int {
	if i, ok := p.index[column]; ok {
		return i
	}
	if column == "" {
		return -1
	}
	return len(p.columns)
}

// header reads the column names; it reports false when the file cannot be read further.
func (p *parser) header(names []string, line int) bool {
	p.headerLine = line
	p.columns = make([]string, len(names))
	p.index = map[string]int{}
	for i, name := range names {
		key := columnKey(name)
		if key == "" {
			continue
		}
		if !slices.Contains(knownColumns, key) {
			// The name is echoed to the officer's terminal: broken bytes become U+FFFD.
			p.fileError(strings.ToValidUTF8(strings.TrimSpace(name), "\uFFFD"), unknownColumnMessage(key))
			continue
		}
		if j, dup := p.index[key]; dup {
			p.fileError(key, fmt.Sprintf("Kolom ini muncul dua kali (kolom ke-%d dan ke-%d).", j+1, i+1))
			continue
		}
		p.columns[i] = key
		p.index[key] = i
	}
	for _, c := range requiredColumns {
		if _, ok := p.index[c]; !ok {
			p.fileError(c, "Kolom wajib ini tidak ada di baris judul.")
		}
	}
	return len(p.errs) == 0
}

// row validates one data row; it reports false once the row limit is exceeded.
func (p *parser) row(rec record) bool {
	if blank(rec.cells) {
		return true
	}
	p.count++
	if p.count > p.limit {
		// Row errors so far do not matter until the file is split.
		p.errs = p.errs[:0]
		p.rows = nil
		p.fileError("", fmt.Sprintf("File berisi lebih dari %s baris data; bagi menjadi beberapa file.", thousands(p.limit)))
		p.full = true
		return false
	}
	row, errs := p.validate(rec)
	if len(errs) > 0 {
		p.errs = append(p.errs, errs...)
		return true
	}
	if len(p.errs) == 0 {
		p.rows = append(p.rows, row)
	}
	return true
}

// get returns the cell of column in rec; a short row or an absent column reads as empty.
func (p *parser) get(rec record, column string) cell {
	i, ok := p.index[column]
	if !ok || i >= len(rec.cells) {
		return cell{}
	}
	c := rec.cells[i]
	c.text = strings.TrimSpace(c.text)
	return c
}

func blank(cells []cell) bool {
	for _, c := range cells {
		if strings.TrimSpace(c.text) != "" {
			return false
		}
	}
	return true
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}
