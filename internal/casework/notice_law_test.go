package casework_test

import (
	"html"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/letters"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// noticeText is the text of the case's latest letter of kind, as the HTML rendering shows it.
func (o *office) letterText(id int64, kind letters.Kind) string {
	o.t.Helper()
	ls := o.letters(id)
	for i := len(ls) - 1; i >= 0; i-- {
		if ls[i].Kind != string(kind) {
			continue
		}
		l, err := o.cw.LetterFor(o.ctx, o.user("ppid-utama"), id, ls[i].ID)
		o.must(err)
		h, err := letters.RenderHTML(l)
		o.must(err)
		return html.UnescapeString(string(h))
	}
	o.t.Fatalf("no %s letter on case %d", kind, id)
	return ""
}

// Pasal 22(7) b: the "not held" notice says who holds the information or, when that is not known
// after inquiry, says so with the reason; it never says a bare "Belum diketahui".
func TestNotHeldNoticeNamesHolderOrReason(t *testing.T) {
	o := newOffice(t)
	ppid := o.user("ppid-utama")

	bare := o.submit()
	errs, err := o.cw.Decide(o.ctx, ppid, bare, workflow.Decision{Kind: request.StatusNotHeld, NoticeAt: at(5, 10)})
	refused(t, err, "not held without holder or reason")
	if errs["holding_body"] == "" {
		t.Errorf("field errors %v, want holding_body", errs)
	}
	if n := len(o.letters(bare)); n != 0 {
		t.Errorf("%d letters issued for a refused decision", n)
	}

	unknown := o.submit()
	why := "Ditanyakan kepada Dinas PU dan BPN; keduanya menyatakan tidak menguasai data tersebut."
	if errs, err := o.cw.Decide(o.ctx, ppid, unknown, workflow.Decision{Kind: request.StatusNotHeld, NoticeAt: at(5, 10),
		HoldingUnknownReason: why}); err != nil {
		t.Fatal(err, errs)
	}
	text := o.letterText(unknown, letters.Notice)
	if !strings.Contains(text, why) || !strings.Contains(text, "Tidak diketahui setelah penelusuran") {
		t.Errorf("notice lacks the reason the holder is unknown:\n%s", text)
	}
	if strings.Contains(text, "Belum diketahui") {
		t.Errorf("notice says a bare \"Belum diketahui\":\n%s", text)
	}

	named := o.submit()
	if errs, err := o.cw.Decide(o.ctx, ppid, named, workflow.Decision{Kind: request.StatusNotHeld, NoticeAt: at(5, 10),
		HoldingBody: "Kantor Pertanahan Kota Bandung"}); err != nil {
		t.Fatal(err, errs)
	}
	if text := o.letterText(named, letters.Notice); !strings.Contains(text, "Kantor Pertanahan Kota Bandung") {
		t.Errorf("notice does not name the holder:\n%s", text)
	}
	ds, err := o.s.Decisions(o.ctx, unknown)
	o.must(err)
	if len(ds) != 1 || ds[0].HoldingUnknownReason != why {
		t.Errorf("stored decision %+v, want the reason kept", ds)
	}
}

// Perki 1/2021 notice form: "not yet documented" promises a day; the case keeps it as a clock,
// cannot be closed before delivery or the day lapsing, and the notice says the requester may
// object once it lapses (Pasal 35(1) e).
func TestNotDocumentedPromiseIsAClockOfTheCase(t *testing.T) {
	o := newOffice(t)
	ppid := o.user("ppid-utama")
	promised := calendar.NewDate(2026, time.October, 20)
	notDocumented := workflow.Decision{Kind: request.StatusNotDocumented, NoticeAt: at(5, 10), DocumentedBy: promised}

	id := o.submit()
	errs, err := o.cw.Decide(o.ctx, ppid, id, workflow.Decision{Kind: request.StatusNotDocumented, NoticeAt: at(5, 10)})
	refused(t, err, "no promised day")
	if errs["documented_by"] == "" {
		t.Fatalf("field errors %v, want documented_by", errs)
	}
	if errs, err := o.cw.Decide(o.ctx, ppid, id, notDocumented); err != nil {
		t.Fatal(err, errs)
	}
	if r := o.request(id); r.DocumentationDue != promised {
		t.Errorf("documentation_due = %v, want %v", r.DocumentationDue, promised)
	}
	text := o.letterText(id, letters.Notice)
	for _, want := range []string{"paling lambat Selasa, 20 Oktober 2026", "Pasal 35 ayat (1) huruf e"} {
		if !strings.Contains(text, want) {
			t.Errorf("notice lacks %q:\n%s", want, text)
		}
	}
	o.set(at(20, 15))
	refused(t, o.cw.Close(o.ctx, ppid, id), "close on the promised day")
	o.set(at(21, 9))
	if err := o.cw.Close(o.ctx, ppid, id); err != nil {
		t.Fatalf("close after the promised day lapsed: %v", err)
	}

	o.set(at(5, 10))
	delivered := o.submit()
	if errs, err := o.cw.Decide(o.ctx, ppid, delivered, notDocumented); err != nil {
		t.Fatal(err, errs)
	}
	o.set(at(12, 10))
	if err := o.cw.Deliver(o.ctx, ppid, delivered, "email"); err != nil {
		t.Fatalf("deliver once documented: %v", err)
	}
	if err := o.cw.Close(o.ctx, ppid, delivered); err != nil {
		t.Fatalf("close after delivery: %v", err)
	}
}

// Pasal 22(7) g: the notice itemises the cost from the fee table (free by default, electronic
// copies free), keeps the prices of its day, and delivery waits for the recorded payment.
func TestCostBreakdownFromTheFeeTableAndPaymentBeforeDelivery(t *testing.T) {
	o := newOffice(t)
	ppid, admin := o.user("ppid-utama"), o.user("admin")

	free := o.submit()
	d := granted(at(5, 10))
	d.Cost, d.Fees = "", workflow.Fees{Pages: 30} // the page price is 0 until the administrator sets one
	if errs, err := o.cw.Decide(o.ctx, ppid, free, d); err != nil {
		t.Fatal(err, errs)
	}
	if text := o.letterText(free, letters.Notice); !strings.Contains(text, "Rp 0") || !strings.Contains(text, "elektronik tidak dikenakan biaya") {
		t.Errorf("free notice:\n%s", text)
	}
	if err := o.cw.Deliver(o.ctx, ppid, free, "email"); err != nil {
		t.Fatalf("free information delivered: %v", err)
	}

	o.must(o.s.SaveFee(o.ctx, store.Fee{Code: "halaman", Kind: store.FeePage, Label: "Salinan cetak per halaman", Price: 500, Active: true}, admin.ID))
	o.must(o.s.SaveFee(o.ctx, store.Fee{Code: "cd", Kind: store.FeeMedia, Label: "CD-R", Price: 5000, Active: true}, admin.ID))
	o.must(o.s.SaveFee(o.ctx, store.Fee{Code: "disket", Kind: store.FeeMedia, Label: "Disket", Price: 100, Active: false}, admin.ID))

	id := o.submit()
	d = granted(at(5, 10))
	d.Cost = "Tunai di loket PPID atau transfer ke rekening kas daerah"
	d.Fees = workflow.Fees{Pages: 12, MediaCode: "disket", Postage: 18000}
	errs, err := o.cw.Decide(o.ctx, ppid, id, d)
	refused(t, err, "an inactive medium")
	if errs["media"] == "" {
		t.Errorf("field errors %v, want media", errs)
	}
	d.Fees.MediaCode, d.Fees.PagePrice = "cd", 1 // the officer's price is ignored: the table decides
	if errs, err := o.cw.Decide(o.ctx, ppid, id, d); err != nil {
		t.Fatal(err, errs)
	}
	ds, err := o.s.Decisions(o.ctx, id)
	o.must(err)
	if got := ds[0]; got.CopyPages != 12 || got.PagePrice != 500 || got.MediaLabel != "CD-R" || got.MediaPrice != 5000 ||
		got.PostageCost != 18000 || got.TotalCost != 29000 {
		t.Errorf("stored breakdown %+v", got)
	}
	if r := o.request(id); r.CostTotal != 29000 || !r.PaidOn.IsZero() {
		t.Errorf("request charge %d paid %v", r.CostTotal, r.PaidOn)
	}
	// A later price change does not rewrite the notice.
	o.must(o.s.SaveFee(o.ctx, store.Fee{Code: "halaman", Kind: store.FeePage, Label: "Salinan cetak per halaman", Price: 900, Active: true}, admin.ID))
	text := o.letterText(id, letters.Notice)
	for _, want := range []string{"12 halaman × Rp 500 = Rp 6.000", "CD-R: Rp 5.000", "Rp 18.000", "Rp 29.000", "transfer ke rekening kas daerah"} {
		if !strings.Contains(text, want) {
			t.Errorf("notice lacks %q:\n%s", want, text)
		}
	}

	refused(t, o.cw.Deliver(o.ctx, ppid, id, "email"), "delivery before payment")
	refused(t, o.cw.Pay(o.ctx, ppid, id, calendar.NewDate(2026, time.October, 6), ""), "payment without a receipt")
	o.set(at(7, 10))
	if err := o.cw.Pay(o.ctx, ppid, id, calendar.NewDate(2026, time.October, 6), "KW-0012/2026"); err != nil {
		t.Fatal(err)
	}
	if r := o.request(id); r.PaidOn != calendar.NewDate(2026, time.October, 6) || r.PaymentReceipt != "KW-0012/2026" {
		t.Errorf("payment stored as %v %q", r.PaidOn, r.PaymentReceipt)
	}
	if ev := o.lastEvent(id); ev.Kind != "paid" || !strings.Contains(ev.Note, "Rp 29.000") {
		t.Errorf("payment event %+v", ev)
	}
	if err := o.cw.Deliver(o.ctx, ppid, id, "email"); err != nil {
		t.Fatalf("delivery after payment: %v", err)
	}
}
