package casework_test

import (
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// TestLateDeliveryOpensGroundG: a grant noticed Thursday 8 October 2026 promises delivery by Friday
// 27 November; its notice's own window closes 19 November. On Monday 30 November the information is
// still not delivered: ground g of Pasal 35(1) has arisen with its own 30-working-day window
// (Pasal 36(1)), so an objection citing g is filed and one citing a is refused on `grounds`. The
// old code had no such ground and refused every objection as out of time.
func TestLateDeliveryOpensGroundG(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	id := o.submit()
	o.set(at(8, 14))
	d := granted(o.clock.Now())
	d.DeliveryDue = calendar.NewDate(2026, 11, 27)
	if errs, err := o.cw.Decide(o.ctx, o.user("ppid-utama"), id, d); err != nil {
		t.Fatal(err, errs)
	}
	if got := o.request(id).DeliveryDue; got != d.DeliveryDue {
		t.Fatalf("stored delivery_due %v, want %v", got, d.DeliveryDue)
	}
	ds, err := o.s.Decisions(o.ctx, id)
	if err != nil || len(ds) != 1 || ds[0].DeliveryDue != d.DeliveryDue {
		t.Fatalf("decision row: %+v, %v", ds, err)
	}

	// The promised day itself: nothing has arisen yet, and the notice's window has closed.
	o.set(at(8, 14).AddDate(0, 1, 19)) // Friday 27 November
	before := o.snapshot()
	_, _, err = o.cw.FileObjection(o.ctx, nil, id, workflow.ObjectionFiling{Grounds: []string{"g"}, Reasons: "Belum diserahkan."}, "web")
	if r := refused(t, err, "objection on the promised day"); !strings.Contains(r.Message, "telah lewat") {
		t.Errorf("refusal %q", r.Message)
	}
	o.unchanged(before, "refused objection")

	o.set(at(8, 14).AddDate(0, 1, 22)) // Monday 30 November
	_, errs, err := o.cw.FileObjection(o.ctx, nil, id, workflow.ObjectionFiling{Grounds: []string{"a", "g"}, Reasons: "Informasi belum diserahkan."}, "web")
	refused(t, err, "ground a in g's window")
	if !strings.Contains(errs["grounds"], "huruf a") {
		t.Errorf("field errors %v, want one on grounds naming a", errs)
	}
	o.unchanged(before, "objection citing a ground whose window is closed")

	filed, errs, err := o.cw.FileObjection(o.ctx, nil, id, workflow.ObjectionFiling{Grounds: []string{"g"}, Reasons: "Informasi belum diserahkan sampai 27 November."}, "web")
	if err != nil {
		t.Fatalf("objection on ground g: %v %v", err, errs)
	}
	if len(filed.Grounds) != 1 || filed.Grounds[0] != "g" {
		t.Errorf("filed grounds %v", filed.Grounds)
	}
}
