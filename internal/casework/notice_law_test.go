package casework_test

import (
	"html"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/letters"
	"github.com/terbuka-id/terbuka/internal/request"
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
