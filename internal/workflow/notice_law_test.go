package workflow_test

import (
	"slices"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// Pasal 22(7) b: a "not held" notice names the holder, or says, with the reason, that it is not
// known after inquiry — never a bare "not known".
func TestNotHeldNamesTheHolderOrWhyNot(t *testing.T) {
	t.Parallel()
	c := refCase("diproses")
	notice := wib(2026, 3, 10, 10, 0)
	for _, tc := range []struct {
		name, body, why string
		wantKey         string
	}{
		{"body named", "Badan Pertanahan Nasional", "", ""},
		{"unknown with reason", "", "Ditanyakan ke Dinas PU dan BPN; keduanya tidak menguasai data tersebut.", ""},
		{"neither", "", "", "holding_body"},
		{"blank body and blank reason", "  ", " \n", "holding_body"},
		{"reason too short", "", "entah", "holding_unknown_reason"},
		{"both", "Badan Pertanahan Nasional", "Tidak diketahui setelah penelusuran panjang.", "holding_unknown_reason"},
	} {
		d := completeDecision(request.StatusNotHeld, notice)
		d.HoldingBody, d.HoldingUnknownReason = tc.body, tc.why
		errs := d.Validate(c, notice)
		if tc.wantKey == "" {
			if len(errs) != 0 {
				t.Errorf("%s: errors %v, want none", tc.name, errs)
			}
			continue
		}
		if len(errs) != 1 || errs[tc.wantKey] == "" {
			t.Errorf("%s: errors %v, want one on %s", tc.name, errs, tc.wantKey)
		}
	}
}

// Perki 1/2021 notice form: "not yet documented" states the day by which the information will be
// provided, after the notice itself.
func TestNotDocumentedStatesTheDay(t *testing.T) {
	t.Parallel()
	c := refCase("diproses")
	notice := wib(2026, 3, 10, 10, 0)
	for _, tc := range []struct {
		name string
		by   calendar.Date
		ok   bool
	}{
		{"no day", calendar.Date{}, false},
		{"the day before the notice", day(2026, 3, 9), false},
		{"the notice day itself", day(2026, 3, 10), false},
		{"the day after the notice", day(2026, 3, 11), true},
		{"a month on", day(2026, 4, 10), true},
	} {
		d := workflow.Decision{Kind: request.StatusNotDocumented, NoticeAt: notice, DocumentedBy: tc.by}
		errs := d.Validate(c, notice)
		if tc.ok != (len(errs) == 0) || (!tc.ok && errs["documented_by"] == "") {
			t.Errorf("%s: errors %v, ok want %v", tc.name, errs, tc.ok)
		}
	}
}

// The promised day is a clock: the case can be delivered at any time, but closed only after
// delivery or once the day has passed (31 March 2026 in refCase).
func TestNotDocumentedClosesOnlyAfterDeliveryOrLapse(t *testing.T) {
	t.Parallel()
	c := refCase("belum_didokumentasikan")
	for _, tc := range []struct {
		now time.Time
		ok  bool
	}{
		{wib(2026, 3, 20, 10, 0), false},
		{wib(2026, 3, 31, 23, 59), false}, // the promised day is whole
		{utc(2026, 3, 31, 16, 59), false}, // 23:59 WIB
		{utc(2026, 3, 31, 17, 0), true},   // 1 April 00:00 WIB
		{wib(2026, 4, 1, 8, 0), true},
	} {
		_, err := workflow.PlanClose(c, tc.now, testCal)
		if tc.ok != (err == nil) {
			t.Errorf("close at %v: err %v, want ok %v", tc.now, err, tc.ok)
		}
		steps := workflow.Available(c, access.PPID, tc.now, testCal)
		if steps.Close != tc.ok || !steps.Deliver {
			t.Errorf("steps at %v: close %v deliver %v", tc.now, steps.Close, steps.Deliver)
		}
	}
	tr, err := workflow.PlanDeliver(c, "email")
	if err != nil || tr.To != request.StatusDelivered {
		t.Fatalf("deliver once documented: %+v %v", tr, err)
	}
	delivered := c
	delivered.Status = request.StatusDelivered
	if _, err := workflow.PlanClose(delivered, wib(2026, 3, 20, 10, 0), testCal); err != nil {
		t.Errorf("close after delivery before the promised day: %v", err)
	}
}

// Pasal 35(1) e: the promised day passing without delivery is a new ground of objection; like any
// lapse its 30 working days count from that last day itself (DESIGN §2), even when the notice
// itself was already objected to, and it allows ground e only.
func TestNotDocumentedLapseOpensObjectionGroundE(t *testing.T) {
	t.Parallel()
	c := refCase("belum_didokumentasikan") // notice 16 March, promised by 31 March 2026
	c.LastObjectionAt = wib(2026, 3, 18, 9, 0)
	if _, ok, _ := workflow.ObjectionWindow(c, wib(2026, 3, 30, 10, 0), testCal); ok {
		t.Errorf("a second objection against the same notice before the lapse is open")
	}
	w, ok, why := workflow.ObjectionWindow(c, wib(2026, 4, 1, 10, 0), testCal)
	if !ok {
		t.Fatalf("after the lapse: closed (%s)", why)
	}
	want := testCal.AddWorkingDays(day(2026, 3, 31), 30).Due
	if w.Due != want || !slices.Equal(w.Grounds, []string{"e"}) {
		t.Errorf("window due %s on grounds %v, want %s on [e] (30 WD from 31 March)", w.Due, w.Grounds, want)
	}
	c.LastObjectionAt = wib(2026, 4, 2, 9, 0)
	if _, ok, _ := workflow.ObjectionWindow(c, wib(2026, 4, 6, 10, 0), testCal); ok {
		t.Errorf("a second objection on ground e is open")
	}
}

// Pasal 22(7) g: the cost is itemised — copies (pages × price), media, postage, other — and adds
// up; free unless the fee table prices something; a charge says how to pay.
func TestFeesAreItemisedAndAddUp(t *testing.T) {
	t.Parallel()
	f := workflow.Fees{Pages: 12, PagePrice: 500, MediaCode: "cd", MediaLabel: "CD-R", MediaPrice: 5000, Postage: 18000, Other: 2500, OtherNote: "map"}
	if f.CopyCost() != 6000 || f.Total() != 31500 {
		t.Errorf("copy %d total %d, want 6000 and 31500", f.CopyCost(), f.Total())
	}
	if got := workflow.FormatRupiah(1234567); got != "Rp 1.234.567" {
		t.Errorf("FormatRupiah = %q", got)
	}
	if got := workflow.FormatRupiah(0); got != "Rp 0" {
		t.Errorf("FormatRupiah(0) = %q", got)
	}
	c := refCase("diproses")
	notice := wib(2026, 3, 10, 10, 0)
	for _, tc := range []struct {
		name    string
		edit    func(d *workflow.Decision)
		wantKey string
	}{
		{"free, no payment text", func(d *workflow.Decision) { d.Cost = "" }, ""},
		{"pages priced at zero are free", func(d *workflow.Decision) { d.Cost, d.Fees = "", workflow.Fees{Pages: 40} }, ""},
		{"a charge without the way to pay", func(d *workflow.Decision) { d.Cost, d.Fees = "", f }, "cost"},
		{"a charge with the way to pay", func(d *workflow.Decision) { d.Cost, d.Fees = "Tunai di loket PPID", f }, ""},
		{"negative pages", func(d *workflow.Decision) { d.Fees = workflow.Fees{Pages: -1} }, "pages"},
		{"negative postage", func(d *workflow.Decision) { d.Fees = workflow.Fees{Postage: -1} }, "postage"},
		{"other cost without saying what", func(d *workflow.Decision) { d.Cost, d.Fees = "Tunai", workflow.Fees{Other: 1000} }, "other_note"},
	} {
		d := completeDecision(request.StatusGranted, notice)
		tc.edit(&d)
		errs := d.Validate(c, notice)
		if (tc.wantKey == "") != (len(errs) == 0) || (tc.wantKey != "" && errs[tc.wantKey] == "") {
			t.Errorf("%s: errors %v, want %q", tc.name, errs, tc.wantKey)
		}
	}
}

// Pasal 22(7) g: a charged notice is paid, and the payment recorded, before delivery.
func TestChargedInformationIsPaidBeforeDelivery(t *testing.T) {
	t.Parallel()
	c := refCase("dikabulkan") // notice 16 March 2026
	c.CostTotal = 31500
	now := wib(2026, 3, 20, 10, 0)
	if _, err := workflow.PlanDeliver(c, "email"); err == nil {
		t.Fatal("delivered before payment")
	}
	if s := workflow.Available(c, access.PPID, now, testCal); !s.Pay {
		t.Errorf("payment step not offered")
	}
	for _, tc := range []struct {
		name    string
		paidOn  calendar.Date
		receipt string
		field   string
	}{
		{"no date", calendar.Date{}, "KW-1", "paid_on"},
		{"tomorrow", day(2026, 3, 21), "KW-1", "paid_on"},
		{"before the notice", day(2026, 3, 13), "KW-1", "paid_on"},
		{"no receipt", day(2026, 3, 18), " ", "receipt"},
	} {
		_, err := workflow.PlanPay(c, tc.paidOn, tc.receipt, now, testCal)
		if r := refusal(t, err); r.Field != tc.field {
			t.Errorf("%s: refusal on %q (%s), want %q", tc.name, r.Field, r.Message, tc.field)
		}
	}
	tr, err := workflow.PlanPay(c, day(2026, 3, 16), "KW-001/2026", now, testCal)
	if err != nil || tr.To != c.Status || !tr.Public || tr.EventKind != "paid" {
		t.Fatalf("pay on the notice day: %+v %v", tr, err)
	}
	c.Paid = true
	if _, err := workflow.PlanPay(c, day(2026, 3, 17), "KW-2", now, testCal); err == nil {
		t.Error("a second payment was accepted")
	}
	if _, err := workflow.PlanDeliver(c, "email"); err != nil {
		t.Errorf("deliver after payment: %v", err)
	}
	free := refCase("dikabulkan")
	if _, err := workflow.PlanPay(free, day(2026, 3, 17), "KW-3", now, testCal); err == nil {
		t.Error("a payment recorded for a free notice")
	}
	if _, err := workflow.PlanDeliver(free, "email"); err != nil {
		t.Errorf("free information not deliverable: %v", err)
	}
}

// The requester's history and mail repeat what the notice promises and charges.
func TestDecisionNoteCarriesPromiseAndCharge(t *testing.T) {
	t.Parallel()
	c := refCase("diproses")
	notice := wib(2026, 3, 10, 10, 0)
	d := workflow.Decision{Kind: request.StatusNotDocumented, NoticeAt: notice, DocumentedBy: day(2026, 3, 31)}
	tr, _, err := workflow.PlanDecide(c, d, testCal, notice)
	if err != nil || tr.Note != "Pemberitahuan tertulis: Informasi belum didokumentasikan. Informasi akan disediakan paling lambat 31 Maret 2026." {
		t.Errorf("note %q (%v)", tr.Note, err)
	}
	g := completeDecision(request.StatusGranted, notice)
	g.Fees = workflow.Fees{Pages: 3, PagePrice: 1000}
	tr, _, err = workflow.PlanDecide(c, g, testCal, notice)
	if err != nil || tr.Note != "Pemberitahuan tertulis: Dikabulkan seluruhnya. Biaya salinan Rp 3.000, dibayar sebelum informasi diserahkan." {
		t.Errorf("note %q (%v)", tr.Note, err)
	}
}
