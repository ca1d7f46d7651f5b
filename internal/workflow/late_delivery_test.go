package workflow_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// A grant noticed Tuesday 10 March 2026 (its own window closes 29 April) promising delivery by
// Tuesday 7 July 2026. Ground g of Pasal 35(1) arises when 7 July ends undelivered; D0 = 7 July:
// 8–10, 13–17, 20–24, 27–31 July, 3–7, 10–14 August are 28 working days, 17 August is skipped
// (Proklamasi), 18 and 19 August make 30: due Wednesday 19 August, Thursday 20 August accepted.
var (
	lateDue      = day(2026, 7, 7)
	lateWindowTo = day(2026, 8, 19)
	lateGrace    = day(2026, 8, 20)
)

func lateGrant() workflow.Case {
	c := objectionCaseAfter(request.StatusGranted)
	c.Decision, c.DeliveryDue = request.StatusGranted, lateDue
	return c
}

func TestObjectionWindowLateDelivery(t *testing.T) {
	t.Parallel()
	delivered := func(at calendar.Date) workflow.Case {
		c := lateGrant()
		c.Status, c.DeliveredAt = request.StatusDelivered, wib(at.Year, at.Month, at.Day, 11, 0)
		return c
	}
	objectedOn := func(c workflow.Case, at calendar.Date) workflow.Case {
		c.LastObjectionAt = wib(at.Year, at.Month, at.Day, 9, 0)
		return c
	}
	partial := lateGrant()
	partial.Status, partial.Decision = request.StatusPartial, request.StatusPartial
	refused := lateGrant()
	refused.Status, refused.Decision = request.StatusRefused, request.StatusRefused
	noDate := lateGrant()
	noDate.DeliveryDue = calendar.Date{}
	tests := []struct {
		name    string
		c       workflow.Case
		today   calendar.Date
		ok      bool
		grounds []string
		reason  string
	}{
		{"the promised day itself", lateGrant(), lateDue, false, nil, msgObjectionLapsed("29 April 2026")},
		{"the day after, undelivered", lateGrant(), day(2026, 7, 8), true, []string{"g"}, ""},
		{"partial grant, undelivered", partial, day(2026, 7, 8), true, []string{"g"}, ""},
		{"the last day of the window", lateGrant(), lateWindowTo, true, []string{"g"}, ""},
		{"the grace day", lateGrant(), lateGrace, true, []string{"g"}, ""},
		{"after the grace day", lateGrant(), lateGrace.AddDays(1), false, nil, msgObjectionLapsed("19 Agustus 2026")},
		{"delivered on the promised day", delivered(lateDue), day(2026, 7, 8), false, nil, msgObjectionLapsed("29 April 2026")},
		{"delivered a day late", delivered(day(2026, 7, 8)), day(2026, 7, 9), true, []string{"g"}, ""},
		{"no promised date", noDate, day(2026, 7, 8), false, nil, msgObjectionLapsed("29 April 2026")},
		{"a refusal has no delivery", refused, day(2026, 7, 8), false, nil, msgObjectionLapsed("29 April 2026")},
		// An objection against the notice does not use up the later ground; one filed after it arose does.
		{"objected to the notice earlier", objectedOn(lateGrant(), day(2026, 3, 20)), day(2026, 7, 8), true, []string{"g"}, ""},
		{"objected after the ground arose", objectedOn(lateGrant(), day(2026, 7, 8)), day(2026, 7, 9), false, nil,
			"Keberatan atas tanggapan ini sudah diajukan. Bila tidak puas dengan tanggapan atasan PPID, sengketa dapat diajukan ke Komisi Informasi (UU 14/2008 Pasal 37)."},
		{"withdrawn", func() workflow.Case { c := lateGrant(); c.Status = request.StatusWithdrawn; return c }(), day(2026, 7, 8), false, nil, msgObjectionWithdrawn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, ok, reason := workflow.ObjectionWindow(tt.c, wib(tt.today.Year, tt.today.Month, tt.today.Day, 10, 0), testCal)
			if ok != tt.ok || reason != tt.reason || !slices.Equal(w.Grounds, tt.grounds) {
				t.Fatalf("ok %v grounds %v reason %q\nwant %v %v %q", ok, w.Grounds, reason, tt.ok, tt.grounds, tt.reason)
			}
			if ok && (w.CountingFrom != tt.c.DeliveryDue || w.Due != lateWindowTo || w.GraceUntil != lateGrace) {
				t.Errorf("D0 %v due %v grace %v; want %v %v %v", w.CountingFrom, w.Due, w.GraceUntil, tt.c.DeliveryDue, lateWindowTo, lateGrace)
			}
		})
	}
}

// While the notice's own window is still open, a lapsed delivery adds ground g to it: every ground
// may be cited, and the later window is shown.
func TestObjectionWindowLateDeliveryBothOpen(t *testing.T) {
	t.Parallel()
	c := lateGrant()
	c.DeliveryDue = day(2026, 3, 26)
	w, ok, why := workflow.ObjectionWindow(c, wib(2026, 3, 27, 10, 0), testCal)
	if !ok || len(w.Grounds) != len(workflow.ObjectionGrounds) {
		t.Fatalf("ok %v (%s) grounds %v; want every ground", ok, why, w.Grounds)
	}
	if w.CountingFrom != c.DeliveryDue || !w.Due.After(refObjectionDue) {
		t.Errorf("window D0 %v due %v; want the later window, from %v", w.CountingFrom, w.Due, c.DeliveryDue)
	}
	// The notice's window alone allows every ground but g's own window is not yet open the day before.
	w, ok, _ = workflow.ObjectionWindow(c, wib(2026, 3, 26, 10, 0), testCal)
	if !ok || w.Due != refObjectionDue {
		t.Errorf("before the promised day ended: ok %v due %v; want the notice's window to %v", ok, w.Due, refObjectionDue)
	}
}

func TestObjectionFilingAllowedGrounds(t *testing.T) {
	t.Parallel()
	reasons := "Informasi belum diserahkan sampai tanggal yang dijanjikan."
	f := workflow.ObjectionFiling{Grounds: []string{"a", "g"}, Reasons: reasons, Allowed: []string{"g"}}
	if msg := f.Validate()["grounds"]; !strings.Contains(msg, "huruf a") || !strings.Contains(msg, "huruf g") {
		t.Errorf("ground a outside its window: grounds error %q", msg)
	}
	f.Grounds = []string{"g"}
	if errs := f.Validate(); len(errs) > 0 {
		t.Errorf("ground g in its window: %v", errs)
	}
	f.Allowed = nil
	f.Grounds = []string{"a", "c"}
	if errs := f.Validate(); len(errs) > 0 {
		t.Errorf("no window restriction: %v", errs)
	}
}

func TestDecisionDeliveryDue(t *testing.T) {
	t.Parallel()
	c := refCase(request.StatusInProcess)
	now := wib(2026, 3, 16, 12, 0)
	grant := workflow.Decision{Kind: request.StatusGranted, NoticeAt: wib(2026, 3, 16, 10, 0), InformationGiven: "RKA 2026",
		Form: "softcopy", Cost: "tanpa biaya", DeliveryTime: "dua minggu"}
	for _, tt := range []struct {
		name string
		kind string
		due  calendar.Date
		want string
	}{
		{"none", request.StatusGranted, calendar.Date{}, ""},
		{"the notice day", request.StatusGranted, day(2026, 3, 16), ""},
		{"before the notice", request.StatusGranted, day(2026, 3, 15), "Tanggal penyerahan tidak boleh sebelum tanggal pemberitahuan."},
		{"more than a year on", request.StatusGranted, day(2027, 3, 18), "Tanggal penyerahan terlalu jauh dari tanggal pemberitahuan."},
		{"on a refusal", request.StatusNotHeld, day(2026, 3, 30), "Tanggal penyerahan hanya untuk informasi yang dikabulkan."},
	} {
		d := grant
		d.Kind, d.DeliveryDue, d.HoldingBody = tt.kind, tt.due, "Dinas Pendidikan"
		if got := d.Validate(c, now)["delivery_due"]; got != tt.want {
			t.Errorf("%s: delivery_due error %q, want %q", tt.name, got, tt.want)
		}
	}
}
