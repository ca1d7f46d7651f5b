// Package dipdik builds the public lists a PPID keeps — the Daftar Informasi Publik (DIP) and the
// Daftar Informasi yang Dikecualikan (DIK) — from stored rows, and writes them as PDF and XLSX.
// It does no I/O: the web layer reads the rows and serves what this package makes.
package dipdik

import (
	"strconv"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/portal"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// Kind says how a column's cells are written to a spreadsheet.
type Kind int

const (
	Text   Kind = iota
	Number      // an integer, e.g. the row number
	Date        // "2026-11-20"; a date cell in XLSX, "20 November 2026" in PDF
)

// Column is one column of a list.
type Column struct {
	Title string
	Kind  Kind
	// Width is the share of the PDF page's width; widths are scaled to fill the line.
	Width float64
	// XLSXWidth is the spreadsheet column width in characters.
	XLSXWidth float64
	// BoldFirstLine prints a cell's first line (a title above its summary) in bold in the PDF.
	BoldFirstLine bool
	// XLSXOnly columns (a full link) are in the spreadsheet but too wide for the printed page.
	XLSXOnly bool
	// LinkedBy is the index of the column holding the address this cell's first line links to
	// in the PDF (the DIP entry's title → its document page); 0 means no link.
	LinkedBy int
}

// Table is a list as written to a file: a heading, the columns and the rows of text.
type Table struct {
	Name      string // short name: sheet name and file name stem ("DIP")
	Title     string // "Daftar Informasi Publik (DIP)"
	Office    string // the public body, the heading of the PDF
	Basis     string // the legal basis, printed under the title
	Generated time.Time
	Columns   []Column
	Rows      [][]string
	Empty     string // printed when there are no rows
}

// Filename is the download name: the list's name, an optional qualifier and the local date of
// generation ("dip-berkala-2026-11-27.pdf").
func Filename(name, qualifier string, generated time.Time, ext string) string {
	parts := []string{strings.ToLower(name)}
	if qualifier != "" {
		parts = append(parts, strings.ReplaceAll(qualifier, "_", "-"))
	}
	parts = append(parts, generated.Format("2006-01-02"))
	return strings.Join(parts, "-") + "." + ext
}

// DIPEntry is one line of the DIP as every format shows it.
type DIPEntry struct {
	No            int
	Title         string
	Summary       string
	Category      string
	CategoryLabel string
	Unit          string // pejabat/unit yang menguasai informasi
	Responsible   string // penanggung jawab pembuatan/penerbitan
	MadeTime      string
	MadePlace     string
	Form          string // label: "Softcopy", "Hardcopy", "Softcopy dan hardcopy"
	Retention     string
	Path          string // the document page: /dokumen/{public_id}/{slug}
}

// Made is the "waktu dan tempat pembuatan" cell: "2025, Bandung".
func (e DIPEntry) Made() string { return joinNonEmpty(", ", e.MadeTime, e.MadePlace) }

// DIPEntries numbers the published items in the order given.
func DIPEntries(rows []store.DIPRow) []DIPEntry {
	out := make([]DIPEntry, len(rows))
	for i, r := range rows {
		out[i] = DIPEntry{
			No: i + 1, Title: r.Title, Summary: r.Summary, Category: r.Category,
			CategoryLabel: request.Label(portal.Categories, r.Category),
			Unit:          r.UnitName, Responsible: r.Responsible, MadeTime: r.MadeTime, MadePlace: r.MadePlace,
			Form: request.Label(portal.Forms, r.Form), Retention: r.Retention,
			Path: "/dokumen/" + r.PublicID + "/" + portal.Slug(r.Title),
		}
	}
	return out
}

// DIPBasis names the rules the DIP follows.
const DIPBasis = "Disusun menurut standar Daftar Informasi Publik dalam Peraturan Komisi Informasi Nomor 1 Tahun 2021 " +
	"tentang Standar Layanan Informasi Publik. Kategori: informasi berkala (Pasal 9), serta merta (Pasal 10) " +
	"dan tersedia setiap saat (Pasal 11) UU Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik."

// DIPTable lays the entries out for PDF and XLSX; baseURL ("https://ppid.contoh.go.id") makes the
// spreadsheet's links absolute.
func DIPTable(entries []DIPEntry, office string, generated time.Time, baseURL string) Table {
	t := Table{
		Name: "DIP", Title: "Daftar Informasi Publik (DIP)", Office: office, Basis: DIPBasis, Generated: generated,
		Empty: "Belum ada informasi publik yang diterbitkan.",
		Columns: []Column{
			{Title: "No.", Kind: Number, Width: 9, XLSXWidth: 6},
			{Title: "Ringkasan isi informasi", Width: 72, XLSXWidth: 60, BoldFirstLine: true, LinkedBy: 8},
			{Title: "Kategori", Width: 22, XLSXWidth: 22},
			{Title: "Pejabat/unit yang menguasai informasi", Width: 33, XLSXWidth: 28},
			{Title: "Penanggung jawab pembuatan/penerbitan", Width: 33, XLSXWidth: 28},
			{Title: "Waktu dan tempat pembuatan", Width: 30, XLSXWidth: 24},
			{Title: "Bentuk informasi", Width: 22, XLSXWidth: 18},
			{Title: "Jangka waktu penyimpanan/retensi", Width: 30, XLSXWidth: 24},
			{Title: "Tautan", XLSXWidth: 50, XLSXOnly: true},
		},
	}
	base := strings.TrimRight(baseURL, "/")
	for _, e := range entries {
		t.Rows = append(t.Rows, []string{
			strconv.Itoa(e.No), joinNonEmpty("\n", e.Title, e.Summary), e.CategoryLabel, e.Unit, e.Responsible,
			e.Made(), e.Form, e.Retention, base + e.Path,
		})
	}
	return t
}

// DIKEntry is one line of the DIK as every format shows it. It holds nothing about the requester.
type DIKEntry struct {
	No int
	// Information is what was asked for when the requester agreed to publish it, otherwise a
	// reference to the request.
	Information        string
	Disclosed          bool
	Exemption          string // "UU 14/2008 Pasal 17 huruf h (mengungkap rahasia pribadi)"
	LegalBasis         string // the consequence test's statutory analysis
	Harm               string // konsekuensi bila informasi dibuka
	PublicInterest     string // pertimbangan kepentingan publik
	Decided            calendar.Date
	RegistrationNumber string
	// PP 61/2010: who decided, where, and until when the information stays exempt.
	DecidedBy    string
	DecidedPlace string
	ExemptUntil  calendar.Date
}

// Period is the "jangka waktu pengecualian" cell.
func (e DIKEntry) Period() string {
	if e.ExemptUntil.IsZero() {
		return "Tidak ditentukan (Pasal 17 huruf g–j)"
	}
	return "Sampai " + calendar.FormatID(e.ExemptUntil)
}

// Decision is the "ditetapkan oleh" cell: the PPID, the place and the date (PP 61/2010).
func (e DIKEntry) Decision() string {
	return joinNonEmpty(", ", e.DecidedBy, e.DecidedPlace, calendar.FormatID(e.Decided))
}

// Basis is the "dasar hukum" cell: the Pasal 17 letters and the recorded legal basis.
func (e DIKEntry) Basis() string { return joinNonEmpty("\n", e.Exemption, e.LegalBasis) }

// DIKEntries numbers the refusals in the order given; loc is the office's time zone.
func DIKEntries(rows []store.DIKRow, loc *time.Location) []DIKEntry {
	out := make([]DIKEntry, len(rows))
	for i, r := range rows {
		// Without the requester's consent the DIK still says what kind of information is exempt.
		info := strings.TrimSpace(r.Information)
		if !r.Disclosed || info == "" {
			info = "Informasi yang dimohon pada permohonan " + r.RegistrationNumber
		}
		registration := r.RegistrationNumber
		if r.Advance {
			info, registration = "", "Ditetapkan tanpa permohonan (uji konsekuensi sebelumnya)"
		}
		if subject := strings.TrimSpace(r.Subject); subject != "" {
			if info == "" || !r.Disclosed {
				info = subject
			} else {
				info = subject + "\n" + info
			}
		}
		out[i] = DIKEntry{
			No: i + 1, Information: info, Disclosed: r.Disclosed, Exemption: Exemption(r.ExemptionLetters),
			LegalBasis: r.LegalBasis, Harm: r.Harm, PublicInterest: r.PublicInterest,
			Decided: calendar.DateOf(r.NoticeAt.In(loc)), RegistrationNumber: registration,
			DecidedBy: r.DecidedBy, DecidedPlace: r.DecidedPlace, ExemptUntil: r.ExemptUntil,
		}
	}
	return out
}

// Exemption cites the Pasal 17 letters with what each protects:
// "UU 14/2008 Pasal 17 huruf a (menghambat proses penegakan hukum); huruf h (mengungkap rahasia pribadi)".
func Exemption(letters []string) string {
	var parts []string
	for _, l := range letters {
		label := request.Label(workflow.ExemptionLetters, l)
		label = strings.TrimSpace(strings.TrimPrefix(label, l+"."))
		if label == "" || label == l {
			parts = append(parts, "huruf "+l)
			continue
		}
		parts = append(parts, "huruf "+l+" ("+label+")")
	}
	if len(parts) == 0 {
		return ""
	}
	return "UU 14/2008 Pasal 17 " + strings.Join(parts, "; ")
}

// DIKBasis names the rules the DIK follows.
const DIKBasis = "Informasi yang dikecualikan berdasarkan Pasal 17 UU Nomor 14 Tahun 2008 tentang Keterbukaan " +
	"Informasi Publik, setelah uji konsekuensi (Pasal 19) dan pertimbangan kepentingan publik (Pasal 2 ayat (4)). " +
	"Rincian informasi yang dimohon hanya ditampilkan bila pemohon menyetujuinya; identitas pemohon tidak pernah ditampilkan."

// DIKTable lays the entries out for PDF and XLSX.
func DIKTable(entries []DIKEntry, office string, generated time.Time) Table {
	t := Table{
		Name: "DIK", Title: "Daftar Informasi yang Dikecualikan (DIK)", Office: office, Basis: DIKBasis, Generated: generated,
		Empty: "Belum ada informasi yang ditetapkan sebagai informasi yang dikecualikan.",
		Columns: []Column{
			{Title: "No.", Kind: Number, Width: 8, XLSXWidth: 6},
			{Title: "Informasi yang dikecualikan", Width: 44, XLSXWidth: 45},
			{Title: "Dasar hukum", Width: 40, XLSXWidth: 40},
			{Title: "Konsekuensi bila informasi dibuka", Width: 42, XLSXWidth: 45},
			{Title: "Pertimbangan kepentingan publik", Width: 42, XLSXWidth: 45},
			{Title: "Tanggal penetapan", Kind: Date, Width: 21, XLSXWidth: 14},
			{Title: "Ditetapkan oleh, tempat", Width: 26, XLSXWidth: 26},
			{Title: "Jangka waktu pengecualian", Width: 24, XLSXWidth: 22},
			{Title: "Nomor registrasi permohonan", Width: 30, XLSXWidth: 24},
		},
	}
	for _, e := range entries {
		t.Rows = append(t.Rows, []string{
			strconv.Itoa(e.No), e.Information, e.Basis(), e.Harm, e.PublicInterest, e.Decided.String(),
			joinNonEmpty(", ", e.DecidedBy, e.DecidedPlace), e.Period(), e.RegistrationNumber,
		})
	}
	return t
}

func joinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}
