package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Pasal 22(7) b on the decision form: "not held" needs the holder or the reason it is unknown,
// and the case page shows what was recorded.
func TestDecisionFormNotHeldNeedsHolderOrReason(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	path, _, _ := submitViaAPI(t, app)

	form := url.Values{"kind": {"tidak_dikuasai"}, "notice_date": {"2026-11-02"}, "notice_time": {"09:00"}}
	st, _, page := ppid.post(path+"/putuskan", form)
	if st != http.StatusUnprocessableEntity || !hasFieldError(page, "holding_body") {
		t.Fatalf("bare not-held notice: %d, fields marked %v", st, fieldErrors(page))
	}
	if n := count(t, app, `SELECT count(*) FROM decisions`); n != 0 {
		t.Fatalf("%d decisions stored", n)
	}
	why := "Ditanyakan kepada Dinas PU dan BPN; keduanya tidak menguasai data itu."
	form.Set("holding_unknown_reason", why)
	if st, kind, _ := ppid.postStep(path+"/putuskan", form); st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("not held with the reason: %d %q", st, kind)
	}
	if page := ppid.get(path); !strings.Contains(page, why) {
		t.Errorf("case page does not show the reason the holder is unknown")
	}
	if n := count(t, app, `SELECT count(*) FROM decisions WHERE holding_unknown_reason = $1`, why); n != 1 {
		t.Errorf("%d decisions keep the reason", n)
	}
}

// Perki 1/2021 on the decision form: "not yet documented" needs the promised day, which the case
// page then shows; closing is refused until the day lapses.
func TestDecisionFormNotDocumentedNeedsTheDay(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	path, _, _ := submitViaAPI(t, app)

	form := url.Values{"kind": {"belum_didokumentasikan"}, "notice_date": {"2026-11-02"}, "notice_time": {"09:00"}}
	if st, _, page := ppid.post(path+"/putuskan", form); st != http.StatusUnprocessableEntity || !hasFieldError(page, "documented_by") {
		t.Fatalf("without the day: %d, fields marked %v", st, fieldErrors(page))
	}
	form.Set("documented_by", "2026-11-20")
	if st, kind, _ := ppid.postStep(path+"/putuskan", form); st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("with the day: %d %q", st, kind)
	}
	if page := ppid.get(path); !strings.Contains(page, "20 November 2026") {
		t.Errorf("case page does not show the promised day")
	}
	if _, kind, _ := ppid.postStep(path+"/selesai", url.Values{}); kind != flashRefused {
		t.Errorf("closing before the promised day: flash %q", kind)
	}
	if n := count(t, app, `SELECT count(*) FROM requests WHERE documentation_due = '2026-11-20'`); n != 1 {
		t.Errorf("%d requests keep the promised day", n)
	}
}

// Pasal 22(7) g: the administrator keeps the fee table (only the administrator), the decision form
// itemises the cost from it, and the case page takes the payment before delivery.
func TestFeeTableCostBreakdownAndPaymentBeforeDelivery(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	admin := signIn(t, app, "admin@uji.test", "admin", "rahasia-admin")
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	if st := ppid.status("/kantor/admin/biaya"); st != http.StatusForbidden {
		t.Errorf("a PPID opened the fee table: %d", st)
	}
	if st, _, _ := ppid.post("/kantor/admin/biaya/halaman", url.Values{"label": {"x"}, "price": {"1"}}); st != http.StatusForbidden {
		t.Errorf("a PPID changed the fee table: %d", st)
	}
	if page := admin.get("/kantor/admin/biaya"); !strings.Contains(page, "Salinan cetak per halaman") || !strings.Contains(page, "Rp 0") {
		t.Fatalf("fee table page does not show the free default")
	}
	if st, _, page := admin.post("/kantor/admin/biaya/halaman", url.Values{"label": {"Salinan cetak per halaman"}, "price": {"-5"}}); st != http.StatusUnprocessableEntity ||
		!hasFieldError(page, "price") {
		t.Fatalf("negative price: %d %v", st, fieldErrors(page))
	}
	if st, _, _ := admin.post("/kantor/admin/biaya/halaman", url.Values{"label": {"Salinan cetak per halaman"}, "price": {"Rp 1.000"}}); st != http.StatusSeeOther {
		t.Fatalf("page price: %d", st)
	}
	if st, _, _ := admin.post("/kantor/admin/biaya", url.Values{"code": {"flashdisk"}, "label": {"Flashdisk 8 GB"}, "price": {"60000"}}); st != http.StatusSeeOther {
		t.Fatalf("new medium: %d", st)
	}

	path, _, _ := submitViaAPI(t, app)
	form := url.Values{"kind": {"dikabulkan"}, "notice_date": {"2026-11-02"}, "notice_time": {"09:00"},
		"information_given": {"Salinan RKA 2026"}, "form": {"Hardcopy"}, "delivery_time": {"3 hari kerja"},
		"pages": {"10"}, "media": {"flashdisk"}, "postage": {"abc"}}
	if st, _, page := ppid.post(path+"/putuskan", form); st != http.StatusUnprocessableEntity || !hasFieldError(page, "postage") {
		t.Fatalf("postage not a number: %d %v", st, fieldErrors(page))
	}
	form.Set("postage", "15.000")
	if st, _, page := ppid.post(path+"/putuskan", form); st != http.StatusUnprocessableEntity || !hasFieldError(page, "cost") {
		t.Fatalf("a charge without the way to pay: %d %v", st, fieldErrors(page))
	}
	form.Set("cost", "Tunai di loket PPID")
	if st, kind, _ := ppid.postStep(path+"/putuskan", form); st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("charged grant: %d %q", st, kind)
	}
	if n := count(t, app, `SELECT count(*) FROM decisions WHERE total_cost = 85000 AND page_price = 1000 AND media_price = 60000`); n != 1 {
		t.Fatalf("%d decisions with the breakdown 10 × 1.000 + 60.000 + 15.000", n)
	}
	page := ppid.get(path)
	if !strings.Contains(page, "Rp 85.000") || !strings.Contains(page, "belum dibayar") {
		t.Errorf("case page does not show the unpaid charge")
	}
	if _, kind, _ := ppid.postStep(path+"/serahkan", url.Values{"method": {"email"}}); kind != flashRefused {
		t.Fatalf("delivery before payment: flash %q", kind)
	}
	if _, kind, _ := ppid.postStep(path+"/pembayaran", url.Values{"paid_on": {"2026-11-02"}, "receipt": {"KW-7"}}); kind != flashDone {
		t.Fatalf("payment: flash %q", kind)
	}
	if _, kind, _ := ppid.postStep(path+"/serahkan", url.Values{"method": {"email"}}); kind != flashDone {
		t.Fatalf("delivery after payment: flash %q", kind)
	}
}
