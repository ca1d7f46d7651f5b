package registerimport

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
)

// effectiveDate: UU 14/2008 Pasal 64(1) — in force two years after its promulgation on
// 30 April 2008; an earlier date in a register is a typo in the year.
var effectiveDate = calendar.NewDate(2010, time.April, 30)

// Layouts accepted in text cells. "2" and "1" take one or two digits; "2006" takes exactly four,
// so a two-digit year is refused rather than read as year 26. Indonesian Excel writes 10.30.
var (
	dateTimeLayouts = []string{
		"2006-1-2 15:04", "2006-1-2 15:04:05", "2006-1-2T15:04", "2006-1-2T15:04:05", "2006-1-2 15.04", "2006-1-2 15.04.05",
		"2/1/2006 15:04", "2/1/2006 15:04:05", "2/1/2006 15.04", "2/1/2006 15.04.05",
	}
	dateLayouts = []string{"2006-1-2", "2/1/2006"}
)

const msgDateFormat = "Tanggal tidak dikenali; tulis seperti 2026-01-15 10:30, 2026-01-15 atau 15/01/2026."

// receivedAt reads tanggal_diterima: a date alone means the start of office hours.
func (p *parser) receivedAt(c cell, errs rowErrors) (time.Time, bool) {
	if c.text == "" && !c.numeric {
		errs.add(colReceived, "Tanggal diterima wajib diisi.")
		return time.Time{}, false
	}
	t, hasTime, ok := p.when(c)
	if !ok {
		errs.add(colReceived, msgDateFormat)
		return time.Time{}, false
	}
	if !hasTime {
		y, m, d := t.Date()
		t = time.Date(y, m, d, defaultHour, 0, 0, 0, p.loc)
	}
	switch {
	case t.After(p.now):
		errs.add(colReceived, "Tanggal diterima tidak boleh di masa depan.")
		return time.Time{}, false
	case calendar.DateOf(t).Before(effectiveDate):
		errs.add(colReceived, msgTooEarly)
		return time.Time{}, false
	}
	return t, true
}

const msgTooEarly = "Tanggal ini sebelum UU 14/2008 berlaku (30 April 2010); periksa tahunnya."

// date reads an optional date column; ok is false when the cell holds something unusable.
func (p *parser) date(c cell, column string, errs rowErrors) (calendar.Date, bool) {
	if c.text == "" && !c.numeric {
		return calendar.Date{}, true
	}
	t, _, ok := p.when(c)
	if !ok {
		errs.add(column, msgDateFormat)
		return calendar.Date{}, false
	}
	d := calendar.DateOf(t)
	switch {
	case d.After(p.today):
		errs.add(column, "Tanggal tidak boleh di masa depan.")
		return calendar.Date{}, false
	case d.Before(effectiveDate):
		errs.add(column, msgTooEarly)
		return calendar.Date{}, false
	}
	return d, true
}

// when parses a date cell as local time in the office zone; hasTime says whether it had a clock time.
func (p *parser) when(c cell) (t time.Time, hasTime, ok bool) {
	if c.numeric {
		return p.serial(c.raw)
	}
	s := strings.Join(strings.Fields(c.text), " ")
	for _, layout := range dateTimeLayouts {
		if t, err := time.ParseInLocation(layout, s, p.loc); err == nil {
			return t, true, true
		}
	}
	for _, layout := range dateLayouts {
		if t, err := time.ParseInLocation(layout, s, p.loc); err == nil {
			return t, false, true
		}
	}
	return time.Time{}, false, false
}

// serial converts an Excel date number; Excel stores wall-clock time with no zone.
func (p *parser) serial(raw string) (time.Time, bool, bool) {
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsNaN(v) || v < 1 || v > 2958465 { // 2958465 is 9999-12-31
		return time.Time{}, false, false
	}
	u, err := excelize.ExcelDateToTime(v, p.date1904)
	if err != nil {
		return time.Time{}, false, false
	}
	u = u.Round(time.Second)
	y, m, d := u.Date()
	hh, mm, ss := u.Clock()
	return time.Date(y, m, d, hh, mm, ss, 0, p.loc), hh != 0 || mm != 0 || ss != 0, true
}

// option finds the code of a value written as a code or a label, in any case.
func option(options []request.Option, column, value string, errs rowErrors) string {
	if code, ok := lookup(options, value); ok {
		return code
	}
	errs.add(column, unknownValueMessage(options, value))
	return ""
}

// optionOrRaw is option for fields request.Validate also checks: an empty value is left for its
// message ("Pilih jenis pemohon."), an unknown one gets the list of accepted codes.
func optionOrRaw(options []request.Option, column, value string, errs rowErrors) string {
	if value == "" {
		return ""
	}
	if code, ok := lookup(options, value); ok {
		return code
	}
	errs.add(column, unknownValueMessage(options, value))
	return value
}

// codeFolder lets "badan hukum" or "walk-in" stand for badan_hukum and walk_in.
var codeFolder = strings.NewReplacer(" ", "_", "-", "_")

func lookup(options []request.Option, value string) (string, bool) {
	key := strings.ToLower(strings.Join(strings.Fields(value), " "))
	code := codeFolder.Replace(key)
	for _, o := range options {
		if o.Code == code || strings.ToLower(o.Label) == key {
			return o.Code, true
		}
	}
	return "", false
}

func unknownValueMessage(options []request.Option, value string) string {
	codes := make([]string, len(options))
	for i, o := range options {
		codes[i] = o.Code
	}
	return "\"" + shorten(value, 40) + "\" tidak dikenal; isi salah satu: " + strings.Join(codes, ", ") + "."
}

func shorten(s string, n int) string {
	if !utf8.ValidString(s) {
		return strings.ToValidUTF8(s, "?")
	}
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// scientific matches a number Excel displayed in scientific notation, e.g. 3,27301E+15.
var scientific = regexp.MustCompile(`^[0-9]+([.,][0-9]*)?[eE][+-]?[0-9]+$`)

// nikValue returns the NIK as typed, refusing what Excel turned into a number: a double keeps
// only 15 significant digits, so the 16th digit of such a NIK is already lost.
func nikValue(c cell, errs rowErrors) string {
	switch {
	case scientific.MatchString(c.text):
		errs.add(colNIK, "NIK terbaca sebagai angka ilmiah; format kolom NIK sebagai Teks di Excel.")
		return ""
	case c.numeric:
		errs.add(colNIK, "NIK tersimpan sebagai angka di Excel sehingga digit terakhirnya bisa berubah; format kolom NIK sebagai Teks di Excel lalu ketik ulang NIK-nya.")
		return ""
	}
	return c.text
}

// phoneValue restores the leading zero Excel drops from a number cell. Only 8… is certain:
// Indonesian mobile numbers are 08…, and 8 starts no area code; 62… may be +62 or an 062x area.
func phoneValue(c cell, errs rowErrors) string {
	s := c.text
	if c.numeric && !strings.HasPrefix(s, "0") && !strings.HasPrefix(s, "+") {
		if v, err := strconv.ParseFloat(c.raw, 64); err == nil && v >= 1 && v < 1e15 && v == math.Trunc(v) {
			s = strconv.FormatFloat(v, 'f', 0, 64)
		}
		if !strings.HasPrefix(s, "8") {
			errs.add(colPhone, "Nomor telepon tersimpan sebagai angka di Excel sehingga angka 0 atau tanda + di depannya hilang; format kolom telepon sebagai Teks di Excel lalu ketik ulang nomornya.")
			return ""
		}
		return "0" + s
	}
	if s != "" && s[0] == '8' && allDigits(s) {
		return "0" + s
	}
	return s
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// consent reads persetujuan_publikasi; anything unclear is an error, since it decides what is published.
func consent(s string, errs rowErrors) bool {
	switch strings.ToLower(s) {
	case "", "tidak", "false", "0":
		return false
	case "ya", "true", "1":
		return true
	}
	errs.add(colConsent, "Isi ya atau tidak.")
	return false
}

// exemptionLetters reads Pasal 17 letters ("h" or "b, h"), sorted and without duplicates;
// ok is false when the cell holds something else.
func exemptionLetters(s string, errs rowErrors) ([]string, bool) {
	parts := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ',' || r == ';' || unicode.IsSpace(r)
	})
	var letters []string
	for _, part := range parts {
		if len(part) != 1 || part[0] < 'a' || part[0] > 'j' {
			errs.add(colExemption, "\""+shorten(part, 20)+"\" bukan huruf Pasal 17 UU 14/2008; isi huruf a–j dipisah koma, contoh: h atau b, h.")
			return nil, false
		}
		letters = append(letters, part)
	}
	slices.Sort(letters)
	return slices.Compact(letters), true
}
