package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// The yearly announcement counts refusals per Pasal 17 letter a–j on the page, in the CSV and in
// the API: refusals and partial grants' withheld parts apart, with their total, labelled so.
func TestStatisticsCountRefusalsPerPasal17Letter(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 4, 9, 0, 0, 0, jakarta))
	var ids []int64
	for range 3 {
		path, _, _ := submitViaAPI(t, app)
		ids = append(ids, caseIDOf(path))
	}
	for i, d := range []struct{ kind, letters string }{{"ditolak", "{h}"}, {"ditolak", "{a,h}"}, {"dikabulkan_sebagian", "{h}"}} {
		app.Store.DB().MustExec(`INSERT INTO decisions (request_id, kind, notice_at, late, exemption_letters, legal_basis, harm, public_interest)
			VALUES ($1, $2, '2026-11-05 10:00+07', false, $3, 'UU 14/2008 Pasal 17', 'kerugian', 'tidak ada')`, ids[i], d.kind, d.letters)
		app.Store.DB().MustExec(`UPDATE requests SET status = $2, decision = $2, notice_at = '2026-11-05 10:00+07', notice_late = false WHERE id = $1`, ids[i], d.kind)
	}

	resp, body := trGet(t, app.URL+"/api/v1/statistics?year=2026")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("statistics: %d %s", resp.StatusCode, body)
	}
	var st struct {
		Exemptions []struct {
			Letter                  string
			Label                   string
			Refused, Partial, Total int
		} `json:"exemptions_by_letter"`
	}
	if err := json.Unmarshal([]byte(body), &st); err != nil {
		t.Fatal(err)
	}
	if len(st.Exemptions) != 10 || st.Exemptions[0].Letter != "a" || st.Exemptions[9].Letter != "j" {
		t.Fatalf("exemptions_by_letter is not a–j: %+v", st.Exemptions)
	}
	a, h := st.Exemptions[0], st.Exemptions[7]
	if a.Refused != 1 || a.Partial != 0 || a.Total != 1 || h.Refused != 2 || h.Partial != 1 || h.Total != 3 {
		t.Errorf("a %+v, h %+v", a, h)
	}

	_, csv := trGet(t, app.URL+"/statistik.csv?tahun=2026")
	for _, line := range []string{"2026,exemptions_refused,h,", "2026,exemptions_partial,h,", "2026,exemptions_total,h,"} {
		if !strings.Contains(csv, line) {
			t.Errorf("CSV lacks %q", line)
		}
	}
	if !strings.Contains(csv, "exemptions_total,h,\"Ditolak dan dikabulkan sebagian, Pasal 17 huruf h. mengungkap rahasia pribadi\",3") {
		t.Errorf("CSV total for h:\n%s", csv)
	}

	_, page := trGet(t, app.URL+"/statistik?tahun=2026")
	if !strings.Contains(page, "Penolakan per huruf Pasal 17") || !strings.Contains(page, "Dikabulkan sebagian (bagian yang dihitamkan)") ||
		!strings.Contains(page, `<th scope="row">h. mengungkap rahasia pribadi</th><td class="num">2</td><td class="num">1</td><td class="num">3</td>`) {
		t.Errorf("the statistics page lacks the Pasal 17 table")
	}
}
