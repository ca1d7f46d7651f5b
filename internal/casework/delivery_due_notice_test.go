package casework_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/letters"
	"github.com/terbuka-id/terbuka/internal/mailtext"
)

// TestGrantNoticeAndMailStatePromisedDeliveryDay: a grant noticed Thursday 8 October 2026 promising
// delivery by Monday 4 January 2027 — a year whose SKB is not loaded — states that day in its written
// notice (HTML and PDF come from one model) and in the decision e-mail, each saying it may move. The
// old notice and mail named no day.
func TestGrantNoticeAndMailStatePromisedDeliveryDay(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	id := o.submit()
	o.set(at(8, 14))
	d := granted(o.clock.Now())
	d.DeliveryDue = calendar.NewDate(2027, 1, 4)
	if errs, err := o.cw.Decide(o.ctx, o.user("ppid-utama"), id, d); err != nil {
		t.Fatal(err, errs)
	}
	const promise = "Informasi akan diserahkan paling lambat Senin, 4 Januari 2027."
	const shift = "Tanggal ini dapat bergeser setelah SKB hari libur tahun 2027 ditetapkan."

	var notice int64
	for _, l := range o.letters(id) {
		if letters.Kind(l.Kind) == letters.Notice {
			notice = l.ID
		}
	}
	l, err := o.cw.LetterFor(o.ctx, nil, id, notice)
	o.must(err)
	if l.DeliveryDue != d.DeliveryDue || !slices.Equal(l.DeliveryDueProvisional, []int{2027}) {
		t.Errorf("notice: delivery due %v provisional %v", l.DeliveryDue, l.DeliveryDueProvisional)
	}
	h, err := letters.RenderHTML(l)
	o.must(err)
	if text := strings.Join(strings.Fields(string(h)), " "); !strings.Contains(text, promise) || !strings.Contains(text, shift) {
		t.Errorf("notice HTML lacks the promised day or its shift sentence:\n%s", text)
	}

	m := o.lastMail(id)
	if m.Template != "request_decided" || m.Data["delivery_due"] != "2027-01-04" {
		t.Fatalf("decision mail %s %v", m.Template, m.Data)
	}
	r, err := mailtext.New()
	o.must(err)
	msg, err := r.Render(m.Template, m.Data)
	o.must(err)
	if !strings.Contains(msg.Body, promise+" "+shift) {
		t.Errorf("decision mail:\n%s", msg.Body)
	}
}
