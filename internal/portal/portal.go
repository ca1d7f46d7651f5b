// Package portal holds the rules of the public portal that need no database: what a published
// item must say (its metadata, validated with Indonesian messages), its information category under
// UU 14/2008, the kind of file it is, and how it is named in public URLs.
package portal

import (
	"crypto/rand"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/terbuka-id/terbuka/internal/request"
)

// Option is a code and its Indonesian label.
type Option = request.Option

// Categories of public information.
var Categories = []Option{
	{Code: "berkala", Label: "Informasi berkala"},         // UU 14/2008 Pasal 9: published at least every six months
	{Code: "serta_merta", Label: "Informasi serta merta"}, // Pasal 10: threatens the life of many or public order
	{Code: "setiap_saat", Label: "Informasi setiap saat"}, // Pasal 11: available at any time
}

// Forms in which the information is available (a DIP column).
var Forms = []Option{
	{Code: "softcopy", Label: "Softcopy"},
	{Code: "hardcopy", Label: "Hardcopy"},
	{Code: "softcopy_hardcopy", Label: "Softcopy dan hardcopy"},
}

// DocTypes are the kinds of file a visitor can filter on.
var DocTypes = []Option{
	{Code: "pdf", Label: "PDF"},
	{Code: "dokumen", Label: "Dokumen teks"},
	{Code: "lembar_kerja", Label: "Lembar kerja / data"},
	{Code: "gambar", Label: "Gambar"},
	{Code: "teks", Label: "Teks"},
	{Code: "arsip", Label: "Arsip ZIP"},
	{Code: DocOffline, Label: "Tanpa berkas (cetak atau sistem lain)"},
}

// DocOffline is an entry for information held on paper or in another system (Perki 1/2021: the
// DIP lists it too); it has no file and says where and in what form it is available.
const DocOffline = "offline"

// ValidateAvailableAt checks an offline entry's "where and in what form" text.
func ValidateAvailableAt(where string) FieldErrors {
	errs := FieldErrors{}
	switch n := utf8.RuneCountInString(strings.TrimSpace(where)); {
	case n < 10:
		errs["available_at"] = "Sebutkan di mana dan dalam bentuk apa informasi dapat diperoleh (paling sedikit 10 karakter)."
	case n > maxSummary:
		errs["available_at"] = "Paling panjang " + strconv.Itoa(maxSummary) + " karakter."
	case !utf8.ValidString(where) || strings.ContainsRune(where, 0):
		errs["available_at"] = "Berisi karakter yang tidak valid."
	}
	return errs
}

// DocType names the kind of a sniffed content type.
func DocType(contentType string) string {
	switch contentType {
	case "application/pdf":
		return "pdf"
	case "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.oasis.opendocument.text":
		return "dokumen"
	case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.oasis.opendocument.spreadsheet", "text/csv":
		return "lembar_kerja"
	case "image/png", "image/jpeg":
		return "gambar"
	case "text/plain":
		return "teks"
	default:
		return "arsip"
	}
}

// Previewable reports whether browsers show the type themselves, so the document page can embed it.
func Previewable(contentType string) bool {
	switch contentType {
	case "application/pdf", "image/png", "image/jpeg", "text/plain":
		return true
	}
	return false
}

// Meta is what an officer writes about a published item.
type Meta struct {
	Title       string `json:"title"`
	Category    string `json:"category"`
	UnitID      int64  `json:"unit_id"`
	Year        int    `json:"year"`
	Summary     string `json:"summary"`
	Keywords    string `json:"keywords"`
	Responsible string `json:"responsible"`
	MadePlace   string `json:"made_place"`
	MadeTime    string `json:"made_time"`
	Form        string `json:"form"`
	Retention   string `json:"retention"`
}

// FieldErrors maps a field to an Indonesian message.
type FieldErrors = request.FieldErrors

// Field limits keep pages and the DIP readable; the summary may be a paragraph or two.
const (
	maxTitle    = 300
	maxSummary  = 4000
	maxKeywords = 500
	maxShort    = 200
)

// Normalize trims every field, collapses the keywords into one comma-separated list and fills
// the form's default.
func (m *Meta) Normalize() {
	for _, f := range []*string{&m.Title, &m.Category, &m.Summary, &m.Responsible, &m.MadePlace, &m.MadeTime, &m.Form, &m.Retention} {
		*f = strings.TrimSpace(*f)
	}
	m.Title = strings.Join(strings.Fields(m.Title), " ")
	var kws []string
	seen := map[string]bool{}
	for _, k := range strings.FieldsFunc(m.Keywords, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		k = strings.Join(strings.Fields(k), " ")
		if k != "" && !seen[strings.ToLower(k)] {
			seen[strings.ToLower(k)] = true
			kws = append(kws, k)
		}
	}
	m.Keywords = strings.Join(kws, ", ")
	if m.Form == "" {
		m.Form = "softcopy"
	}
}

// Validate checks a normalized Meta; thisYear bounds the year (nothing is made in the future).
func (m Meta) Validate(thisYear int) FieldErrors {
	errs := FieldErrors{}
	switch {
	case m.Title == "":
		errs["title"] = "Judul wajib diisi."
	case utf8.RuneCountInString(m.Title) > maxTitle:
		errs["title"] = "Judul paling panjang " + strconv.Itoa(maxTitle) + " karakter."
	}
	if !valid(Categories, m.Category) {
		errs["category"] = "Pilih kategori informasi: berkala, serta merta, atau setiap saat."
	}
	if m.UnitID <= 0 {
		errs["unit_id"] = "Pilih unit yang menguasai informasi."
	}
	if m.Year < 1945 || m.Year > thisYear {
		errs["year"] = "Tahun harus antara 1945 dan " + strconv.Itoa(thisYear) + "."
	}
	if m.Summary == "" {
		errs["summary"] = "Ringkasan isi informasi wajib diisi (kolom DIP)."
	} else if utf8.RuneCountInString(m.Summary) > maxSummary {
		errs["summary"] = "Ringkasan paling panjang " + strconv.Itoa(maxSummary) + " karakter."
	}
	if utf8.RuneCountInString(m.Keywords) > maxKeywords {
		errs["keywords"] = "Kata kunci paling panjang " + strconv.Itoa(maxKeywords) + " karakter."
	}
	// The DIP lists seven columns for every entry (UU 14/2008 Pasal 7(3)–(4); Perki 1/2021): with
	// the summary, unit and form above, these four are required too.
	for _, c := range []struct{ key, value, label string }{
		{"responsible", m.Responsible, "Penanggung jawab"}, {"made_place", m.MadePlace, "Tempat pembuatan"},
		{"made_time", m.MadeTime, "Waktu pembuatan"}, {"retention", m.Retention, "Jangka waktu penyimpanan"}} {
		switch {
		case strings.TrimSpace(c.value) == "":
			errs[c.key] = c.label + " wajib diisi (kolom DIP)."
		case utf8.RuneCountInString(c.value) > maxShort:
			errs[c.key] = "Paling panjang " + strconv.Itoa(maxShort) + " karakter."
		}
	}
	if !valid(Forms, m.Form) {
		errs["form"] = "Pilih bentuk informasi: softcopy, hardcopy, atau keduanya."
	}
	// Text PostgreSQL cannot store (NUL, broken UTF-8) is refused here, not at the database.
	for key, v := range map[string]string{"title": m.Title, "summary": m.Summary, "keywords": m.Keywords, "responsible": m.Responsible,
		"made_place": m.MadePlace, "made_time": m.MadeTime, "retention": m.Retention, "category": m.Category, "form": m.Form} {
		if !utf8.ValidString(v) || strings.ContainsRune(v, 0) {
			errs[key] = "Berisi karakter yang tidak valid."
		}
	}
	return errs
}

// ScanText is everything the personal-data check reads besides the extracted body.
func (m Meta) ScanText() string {
	return strings.Join([]string{m.Title, m.Summary, m.Keywords}, "\n")
}

// IsPublicID reports whether s has the shape of a public key, so anything else is not looked up.
func IsPublicID(s string) bool {
	if len(s) != 10 {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// NewPublicID is the random key of a publication in public URLs (50 bits, lower-case base32).
func NewPublicID() string {
	return strings.ToLower(rand.Text()[:10])
}

// maxSlug bounds the readable part of a URL.
const maxSlug = 80

// Slug is the readable part of a canonical URL: lower-case ASCII words of the title joined by
// hyphens, at most 80 characters ("Laporan Keuangan 2025" → "laporan-keuangan-2025").
func Slug(title string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(title) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // accents fall away: "é" → "e"
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				if b.Len() >= maxSlug-1 {
					return strings.TrimRight(b.String(), "-")
				}
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
		if b.Len() >= maxSlug {
			break
		}
	}
	s := strings.TrimRight(b.String(), "-")
	if s == "" {
		return "dokumen"
	}
	return s
}

func valid(options []Option, code string) bool {
	for _, o := range options {
		if o.Code == code {
			return true
		}
	}
	return false
}

// IsCategory, IsDocType and IsForm check filter and form values.
func IsCategory(code string) bool { return valid(Categories, code) }
func IsDocType(code string) bool  { return valid(DocTypes, code) }
func IsForm(code string) bool     { return valid(Forms, code) }
