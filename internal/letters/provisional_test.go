package letters

import (
	"strings"
	"testing"
)

// TestProvisionalDates: each date resting on a year without SKB carries the sentence that it may
// move, in both renderings; a final date carries none (DESIGN §2).
func TestProvisionalDates(t *testing.T) {
	const shift2027 = "Tanggal ini dapat bergeser setelah SKB hari libur tahun 2027 ditetapkan."
	tests := []struct {
		name  string
		l     Letter
		set   func(*Letter)
		after string // the text the sentence follows
	}{
		{"receipt", base(t, Receipt, ""), func(l *Letter) { l.ResponseDueProvisional = []int{2027} }, "Jumat, 27 November 2026."},
		{"extension, new due date", base(t, Extension, ""), func(l *Letter) { l.ExtendedDueProvisional = []int{2027} }, "Selasa, 8 Desember 2026"},
		{"objection receipt", base(t, ObjectionReceipt, ""), func(l *Letter) { l.ObjectionDueProvisional = []int{2027} }, "Jumat, 22 Januari 2027."},
		{"objection answer", base(t, ObjectionAnswer, outcomeUpheld), func(l *Letter) { l.DisputeDueProvisional = []int{2027} }, "Pasal 37 ayat (2) UU KIP."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, provisional := range []bool{false, true} {
				l := tt.l
				if provisional {
					tt.set(&l)
				}
				h, err := RenderHTML(l)
				if err != nil {
					t.Fatal(err)
				}
				htmlT, pdfT := htmlText(string(h)), pdfText(t, uncompressedPDF(t, l))
				want := squash(tt.after + " " + shift2027)
				for name, got := range map[string]string{"HTML": htmlT, "PDF": pdfT} {
					if strings.Contains(got, want) != provisional || strings.Contains(got, "dapat bergeser") != provisional {
						t.Errorf("provisional=%v: %s says %q", provisional, name, got)
					}
				}
			}
		})
	}
	// Only the provisional one of the extension letter's two dates carries the sentence.
	l := base(t, Extension, "")
	l.ExtendedDueProvisional = []int{2027}
	for _, b := range compose(l).Blocks {
		for _, f := range b.Fields {
			if has := strings.Contains(f.Value, shift2027); has != (f.Label == "Batas waktu setelah perpanjangan") {
				t.Errorf("%s = %q", f.Label, f.Value)
			}
		}
	}
}
