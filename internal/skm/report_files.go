package skm

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/xuri/excelize/v2"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/pdftext"
)

// Decimal writes a two-decimal number as Indonesians do: 79,63.
func Decimal(f float64) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', 2, 64), ".", ",", 1)
}

// Title is the report's heading for its unit.
func (r *Report) Title() string {
	if r.UnitName == "" {
		return "Laporan Survei Kepuasan Masyarakat – " + r.Period.Label
	}
	return "Laporan Survei Kepuasan Masyarakat – " + r.UnitName + " – " + r.Period.Label
}

// facts are the headline figures, label and value, as both files print them.
func (r *Report) facts() [][2]string {
	s := r.Summary
	ikm, grade := "—", "—"
	if s.IKM != nil {
		ikm, grade = Decimal(*s.IKM), s.Grade+" ("+s.GradeLabel+")"
	}
	sample := strconv.FormatInt(s.RequiredSample, 10)
	if s.SampleTooSmall {
		sample += " — responden kurang dari sampel minimum"
	}
	return [][2]string{
		{"Periode", calendar.FormatIDLong(r.Period.From) + " – " + calendar.FormatIDLong(r.Period.Last())},
		{"Permohonan yang dilayani (populasi)", strconv.FormatInt(s.Population, 10)},
		{"Sampel minimum (Krejcie–Morgan)", sample},
		{"Responden", strconv.FormatInt(s.Respondents, 10)},
		{"IKM (konversi, 25–100)", ikm},
		{"Mutu pelayanan", grade},
	}
}

// XLSX writes the report as a workbook: the index and element table, the respondents' profile,
// the approved suggestions and the follow-up plan, one sheet each.
func (r *Report) XLSX(office string, generated time.Time) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	write := func(sheet string, rows [][]any) error {
		for i, row := range rows {
			if err := f.SetSheetRow(sheet, "A"+strconv.Itoa(i+1), &row); err != nil {
				return err
			}
		}
		return f.SetColWidth(sheet, "A", "B", 40)
	}
	ikm := [][]any{{office}, {r.Title()}, {"Dibuat pada " + calendar.FormatTimeID(generated)}, {}}
	for _, fa := range r.facts() {
		ikm = append(ikm, []any{fa[0], fa[1]})
	}
	ikm = append(ikm, []any{}, []any{"Kode", "Unsur pelayanan", "Nilai rata-rata (NRR)"})
	header := len(ikm)
	for _, e := range r.Summary.Elements {
		ikm = append(ikm, []any{e.Code, e.Name, e.Average})
	}
	if err := f.SetSheetName("Sheet1", "IKM"); err != nil {
		return nil, err
	}
	if err := write("IKM", ikm); err != nil {
		return nil, err
	}
	if err := f.SetCellStyle("IKM", "A"+strconv.Itoa(header), "C"+strconv.Itoa(header), bold); err != nil {
		return nil, err
	}
	profile := [][]any{{"Profil responden", "Jumlah"}}
	for _, g := range r.Profile {
		profile = append(profile, []any{g.Label})
		for _, row := range g.Rows {
			profile = append(profile, []any{"  " + row.Label, row.Count})
		}
	}
	suggestions := [][]any{{"Tanggal", "Unit", "Saran"}}
	for _, s := range r.Suggestions {
		suggestions = append(suggestions, []any{s.FilledOn.String(), s.UnitName, s.Text})
	}
	followUps := [][]any{{"Unsur", "Unit", "Rencana tindak lanjut", "Penanggung jawab", "Waktu"}}
	for _, fu := range r.FollowUps {
		followUps = append(followUps, []any{fu.Element + " " + ElementName(fu.Element), fu.UnitName, fu.Action, fu.Responsible, fu.Target})
	}
	for _, sh := range []struct {
		name string
		rows [][]any
	}{{"Profil responden", profile}, {"Saran", suggestions}, {"Tindak lanjut", followUps}} {
		if _, err := f.NewSheet(sh.name); err != nil {
			return nil, err
		}
		if err := write(sh.name, sh.rows); err != nil {
			return nil, err
		}
		if err := f.SetCellStyle(sh.name, "A1", "E1", bold); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("skm: unable to write XLSX: %w", err)
	}
	return buf.Bytes(), nil
}

// PDF writes the report as an A4 portrait PDF in the same order as the workbook.
func (r *Report) PDF(office string, generated time.Time) ([]byte, error) {
	p := fpdf.New("P", "mm", "A4", "")
	p.SetCreationDate(generated)
	p.SetModificationDate(generated)
	p.SetCatalogSort(true)
	p.SetTitle(r.Title(), true)
	p.SetAuthor(office, true)
	p.SetCreator("Terbuka", false)
	p.SetLang("id")
	p.SetMargins(15, 15, 15)
	p.SetAutoPageBreak(true, 15)
	p.AliasNbPages("")
	enc := pdftext.NewEncoder(p)
	t := enc.Text
	p.SetFooterFunc(func() {
		p.SetY(-10)
		p.SetFont("Helvetica", "", 7.5)
		p.CellFormat(0, 4, t(r.Title()+" – Halaman "+strconv.Itoa(p.PageNo())+" dari {nb}"), "", 0, "C", false, 0, "")
	})
	p.AddPage()
	p.SetFont("Helvetica", "B", 13)
	p.MultiCell(0, 6, t(office), "", "C", false)
	p.SetFont("Helvetica", "B", 11)
	p.MultiCell(0, 6, t(r.Title()), "", "C", false)
	p.SetFont("Helvetica", "", 8.5)
	p.MultiCell(0, 4.5, t("PermenPAN-RB No. 14 Tahun 2017 · Dibuat pada "+calendar.FormatTimeID(generated)), "", "C", false)
	p.Ln(3)
	heading := func(s string) {
		p.Ln(2)
		p.SetFont("Helvetica", "B", 10.5)
		p.MultiCell(0, 6, t(s), "", "L", false)
		p.SetFont("Helvetica", "", 9)
	}
	row := func(widths []float64, cells []string, border string) {
		for i, c := range cells {
			align := "L"
			if i == len(cells)-1 && len(cells) > 1 {
				align = "R"
			}
			p.CellFormat(widths[i], 6, t(c), border, 0, align, false, 0, "")
		}
		p.Ln(-1)
	}
	p.SetFont("Helvetica", "", 9)
	for _, fa := range r.facts() {
		row([]float64{70, 110}, []string{fa[0], fa[1]}, "")
	}
	heading("Nilai rata-rata per unsur")
	widths := []float64{15, 130, 35}
	row(widths, []string{"Kode", "Unsur pelayanan", "NRR"}, "1")
	for _, e := range r.Summary.Elements {
		row(widths, []string{e.Code, e.Name, Decimal(e.Average)}, "1")
	}
	heading("Profil responden")
	for _, g := range r.Profile {
		p.SetFont("Helvetica", "B", 9)
		p.MultiCell(0, 5, t(g.Label), "", "L", false)
		p.SetFont("Helvetica", "", 9)
		for _, pr := range g.Rows {
			row([]float64{145, 35}, []string{pr.Label, strconv.FormatInt(pr.Count, 10)}, "1")
		}
	}
	heading("Saran responden")
	if len(r.Suggestions) == 0 {
		p.MultiCell(0, 5, t("Tidak ada saran yang ditampilkan."), "", "L", false)
	}
	for _, s := range r.Suggestions {
		p.MultiCell(0, 5, t(calendar.FormatID(s.FilledOn)+" – "+s.UnitName+": "+s.Text), "", "L", false)
	}
	heading("Rencana tindak lanjut")
	if len(r.FollowUps) == 0 {
		p.MultiCell(0, 5, t("Belum ada rencana tindak lanjut."), "", "L", false)
	}
	for _, fu := range r.FollowUps {
		line := fu.Element + " " + ElementName(fu.Element) + " (" + fu.UnitName + "): " + fu.Action
		if fu.Responsible != "" {
			line += " — penanggung jawab: " + fu.Responsible
		}
		if fu.Target != "" {
			line += " — waktu: " + fu.Target
		}
		p.MultiCell(0, 5, t(line), "", "L", false)
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return nil, fmt.Errorf("skm: unable to write PDF: %w", err)
	}
	return buf.Bytes(), nil
}
