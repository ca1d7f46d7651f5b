package mailtext

import (
	"strings"
	"testing"
)

// TestDecisionMailStatesPromisedDeliveryDay: the request_decided mail of a grant naming a delivery
// day says "Informasi akan diserahkan paling lambat …", with the shift sentence when the date is
// provisional; without delivery_due it says nothing of it. The old mail never named the day.
func TestDecisionMailStatesPromisedDeliveryDay(t *testing.T) {
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	data := map[string]any{"name": "Siti", "registration_number": "0001/PPID/XI/2026", "status": "Dikabulkan seluruhnya",
		"note": "Pemberitahuan tertulis: Dikabulkan seluruhnya.", "tracking_url": "u", "office_name": "o"}
	m, err := r.Render("request_decided", data)
	if err != nil || strings.Contains(m.Body, "paling lambat") {
		t.Errorf("without delivery_due: %v\n%s", err, m.Body)
	}
	data["delivery_due"] = "2027-01-04"
	m, err = r.Render("request_decided", data)
	if err != nil || !strings.Contains(m.Body, "Informasi akan diserahkan paling lambat Senin, 4 Januari 2027.\n") {
		t.Errorf("with delivery_due: %v\n%s", err, m.Body)
	}
	data["delivery_due_shift"] = "Tanggal ini dapat bergeser setelah SKB hari libur tahun 2027 ditetapkan."
	m, err = r.Render("request_decided", data)
	if err != nil || !strings.Contains(m.Body, "paling lambat Senin, 4 Januari 2027. Tanggal ini dapat bergeser setelah SKB hari libur tahun 2027 ditetapkan.\n") {
		t.Errorf("provisional: %v\n%s", err, m.Body)
	}
}
