package workflow_test

import (
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

// Pasal 35(1) e: the promised day passing without delivery is a new ground of objection; its 30
// working days run from the next day, even when the notice itself was already objected to.
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
	want := testCal.AddWorkingDays(day(2026, 4, 1), 30).Due
	if w.Due != want {
		t.Errorf("window due %s, want %s (30 WD from 1 April)", w.Due, want)
	}
	c.LastObjectionAt = wib(2026, 4, 2, 9, 0)
	if _, ok, _ := workflow.ObjectionWindow(c, wib(2026, 4, 6, 10, 0), testCal); ok {
		t.Errorf("a second objection on ground e is open")
	}
}
