package letters

import (
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
)

// TestNoticeStatesPromisedDeliveryDay: a grant (in full or in part) that names a delivery day states
// it in both renderings — "Informasi akan diserahkan paling lambat …" — with the sentence that it may
// move when a year it rests on has no SKB; without one, the notice says nothing of it. The old letter
// had no such date: the requester could not tell from the notice when ground g (Pasal 35(1)) arises.
func TestNoticeStatesPromisedDeliveryDay(t *testing.T) {
	const promise = "Informasi akan diserahkan paling lambat Senin, 4 Januari 2027."
	const shift2027 = "Tanggal ini dapat bergeser setelah SKB hari libur tahun 2027 ditetapkan."
	for _, d := range []string{decisionGranted, decisionPartial} {
		for _, tc := range []struct {
			name        string
			due         calendar.Date
			provisional []int
			want        []string
			not         []string
		}{
			{"none named", calendar.Date{}, nil, nil, []string{"diserahkan paling lambat", "dapat bergeser"}},
			{"final", calendar.Date{Year: 2027, Month: time.January, Day: 4}, nil, []string{promise}, []string{"dapat bergeser"}},
			{"provisional", calendar.Date{Year: 2027, Month: time.January, Day: 4}, []int{2027}, []string{squash(promise + " " + shift2027)}, nil},
		} {
			t.Run(d+"/"+tc.name, func(t *testing.T) {
				l := base(t, Notice, d)
				l.DeliveryDue, l.DeliveryDueProvisional = tc.due, tc.provisional
				h, err := RenderHTML(l)
				if err != nil {
					t.Fatal(err)
				}
				for name, got := range map[string]string{"HTML": htmlText(string(h)), "PDF": pdfText(t, uncompressedPDF(t, l))} {
					for _, w := range tc.want {
						if !strings.Contains(got, w) {
							t.Errorf("%s lacks %q:\n%s", name, w, got)
						}
					}
					for _, n := range tc.not {
						if strings.Contains(got, n) {
							t.Errorf("%s says %q:\n%s", name, n, got)
						}
					}
				}
			})
		}
	}
}
