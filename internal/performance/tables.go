package performance

import (
	"strconv"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/internal/dipdik"
)

// The report's PDF and the evaluation's spreadsheet are tables of the registers' writer (dipdik),
// so they print like the office's other lists.

// ReportBasis is the legal basis printed under the report's title.
const ReportBasis = "Peraturan Komisi Informasi No. 1 Tahun 2021 Pasal 56; UU No. 14 Tahun 2008"

// decimalID writes f the Indonesian way: "6,5"; prec -1 is as short as exact.
func decimalID(f float64, prec int) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', prec, 64), ".", ",", 1)
}

// RateText is a 0–1 share as a percentage, "87,5%"; "—" when there is none.
func RateText(r *float64) string {
	if r == nil {
		return "—"
	}
	return decimalID(*r*100, 1) + "%"
}

// DaysText is a median of working days, "6" or "6,5"; "—" when there is none.
func DaysText(d *float64) string {
	if d == nil {
		return "—"
	}
	return decimalID(*d, -1)
}

// SurveyText is the SKM result as one line; "belum ada data survei" without one.
func SurveyText(s *SurveySummary) string {
	if s == nil || s.IKM == nil {
		return "Belum ada data survei"
	}
	return decimalID(*s.IKM, 2) + " (" + s.Grade + ", " + s.GradeLabel + "), " + strconv.Itoa(s.Respondents) + " responden"
}

// Lines are the report's figures as (section, item, value) lines, in the order of Pasal 56.
func (f *ReportFigures) Lines() [][3]string {
	var out [][3]string
	n := strconv.Itoa
	add := func(section, item, value string) { out = append(out, [3]string{section, item, value}) }
	add("Permohonan", "Permohonan diterima", n(f.Received))
	for _, c := range f.ByChannel {
		add("Permohonan menurut saluran", c.Label, n(c.Count))
	}
	for _, c := range f.ByRequesterKind {
		add("Permohonan menurut jenis pemohon", c.Label, n(c.Count))
	}
	for _, c := range f.Decisions {
		add("Keputusan (pemberitahuan tertulis pertama)", c.Label, n(c.Count))
	}
	for _, e := range f.Exemptions {
		add("Penolakan menurut Pasal 17", "Huruf "+e.Label+" (ditolak / dikabulkan sebagian)", n(e.Refused)+" / "+n(e.Partial))
	}
	add("Waktu layanan", "Pemberitahuan tepat waktu", n(f.Notices.OnTime))
	add("Waktu layanan", "Pemberitahuan terlambat", n(f.Notices.Late))
	add("Waktu layanan", "Belum dijawab, melewati tenggat", n(f.Notices.OverdueUnanswered))
	add("Waktu layanan", "Rasio tepat waktu", RateText(f.OnTimeRate))
	add("Waktu layanan", "Median hari kerja sampai pemberitahuan", DaysText(f.MedianDaysTaken))
	add("Waktu layanan", "Perpanjangan waktu (Pasal 22 ayat 8)", n(f.Extensions))
	add("Keberatan", "Keberatan diterima", n(f.Objections.Filed))
	add("Keberatan", "Putusan PPID dikuatkan", n(f.Objections.Upheld))
	add("Keberatan", "Putusan PPID dibatalkan", n(f.Objections.Overturned))
	add("Keberatan", "Menunggu tanggapan", n(f.Objections.Open))
	add("Sengketa Komisi Informasi", "Sengketa diterima", n(f.Disputes.Filed))
	add("Sengketa Komisi Informasi", "Melalui mediasi", n(f.Disputes.Mediation))
	add("Sengketa Komisi Informasi", "Melalui ajudikasi", n(f.Disputes.Adjudication))
	for _, c := range f.Disputes.EndedBy {
		add("Sengketa Komisi Informasi", c.Label, n(c.Count))
	}
	for _, c := range f.Disputes.Rulings {
		add("Sengketa Komisi Informasi", c.Label, n(c.Count))
	}
	add("Gugatan ke pengadilan", "Perkara", n(f.Court.Cases))
	add("Gugatan ke pengadilan", "Sudah diputus", n(f.Court.Decided))
	add("Survei Kepuasan Masyarakat", "Indeks Kepuasan Masyarakat", SurveyText(f.Survey))
	for _, c := range f.Documents {
		add("Dokumen yang diumumkan", c.Label, n(c.Count))
	}
	return out
}

// NarrativeSections are the report's written sections with their headings (Perki 1/2021 Pasal 56).
func (r *Report) NarrativeSections() [][2]string {
	n := r.Narrative
	return [][2]string{{"Kebijakan layanan informasi publik", n.Policy}, {"Sarana, prasarana dan sumber daya manusia", n.Facilities},
		{"Anggaran layanan dan penggunaannya", n.Budget}, {"Kendala dalam pelaksanaan layanan", n.Constraints},
		{"Rekomendasi dan rencana tindak lanjut", n.Recommendations}}
}

// reportTable is the report as the PDF prints it: the figures, then the written sections.
func reportTable(r *Report, office string, generated time.Time) dipdik.Table {
	t := dipdik.Table{Name: "Laporan", Title: "Laporan Tahunan Layanan Informasi Publik Tahun " + strconv.Itoa(r.Year),
		Office: office, Basis: ReportBasis, Generated: generated, Empty: "—",
		Columns: []dipdik.Column{{Title: "Bagian", Width: 0.25, XLSXWidth: 30}, {Title: "Uraian", Width: 0.55, XLSXWidth: 60},
			{Title: "Jumlah", Width: 0.2, XLSXWidth: 16}}}
	for _, l := range r.Figures.Lines() {
		t.Rows = append(t.Rows, []string{l[0], l[1], l[2]})
	}
	for _, s := range r.NarrativeSections() {
		text := s[1]
		if strings.TrimSpace(text) == "" {
			text = "—"
		}
		t.Rows = append(t.Rows, []string{s[0], text, ""})
	}
	return t
}

// reportPDF is the PDF made once when the report is locked; the lock's moment is its date, so
// the same report always gives the same bytes.
func reportPDF(r *Report, office string, lockedAt time.Time) ([]byte, error) {
	return dipdik.PDF(reportTable(r, office, lockedAt))
}

// EvaluationXLSX is the evaluation as a workbook: one line per unit and per officer, this year
// and the year before side by side.
func EvaluationXLSX(ev *Evaluation, office string, generated time.Time) ([]byte, error) {
	t := dipdik.Table{Name: "Evaluasi", Title: "Evaluasi Kinerja Layanan Informasi Tahun " + strconv.Itoa(ev.Year),
		Office: office, Basis: "UU No. 14 Tahun 2008; Perki No. 1 Tahun 2021", Generated: generated, Empty: "Tidak ada data."}
	prev := " " + strconv.Itoa(ev.Year-1)
	for _, c := range []string{"Jenis", "Nama", "Ditangani", "Ditangani" + prev, "Tepat waktu", "Rasio tepat waktu",
		"Rasio tepat waktu" + prev, "Median hari kerja", "Median hari kerja" + prev, "Perpanjangan", "Terlambat saat ini",
		"Keberatan", "Keberatan dibatalkan", "Sengketa kalah", "IKM"} {
		kind := dipdik.Number
		if c == "Jenis" || c == "Nama" || strings.HasPrefix(c, "Rasio") || strings.HasPrefix(c, "Median") || c == "IKM" {
			kind = dipdik.Text
		}
		t.Columns = append(t.Columns, dipdik.Column{Title: c, Kind: kind, Width: 1, XLSXWidth: 14})
	}
	n := strconv.Itoa
	row := func(kind string, l Line, ikm string) []string {
		c, p := l.Current, l.Previous
		return []string{kind, l.Name, n(c.Handled), n(p.Handled), n(c.NoticesOnTime), RateText(c.OnTimeRate), RateText(p.OnTimeRate),
			DaysText(c.MedianDays), DaysText(p.MedianDays), n(c.Extensions), n(c.OverdueNow), n(c.Objections), n(c.Overturned),
			n(c.DisputesLost), ikm}
	}
	for _, u := range ev.Units {
		t.Rows = append(t.Rows, row("Unit", u, SurveyText(u.Survey)))
	}
	for _, o := range ev.Officers {
		t.Rows = append(t.Rows, row("Petugas", o, ""))
	}
	return dipdik.XLSX(t)
}
