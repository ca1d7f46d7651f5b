package casework_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/letters"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// dikSubjects lists the "Informasi yang dikecualikan" subjects the DIK shows now.
func (o *office) dikSubjects() []string {
	o.t.Helper()
	rows, err := o.s.DIKRows(o.ctx)
	o.must(err)
	var out []string
	for _, r := range rows {
		out = append(out, r.Subject)
	}
	return out
}

// PP 61/2010: the refusal states the kind of information, how long it stays exempt (Pasal 20: a–f
// never permanent), the deciding PPID and the place and date; the DIK shows the same.
func TestRefusalStatesExemptionTermsAndTheDIKShowsThem(t *testing.T) {
	o := newOffice(t)
	ppid := o.user("ppid-utama")
	id := o.submit()

	d := refusal(at(5, 10))
	d.ExemptionLetters = []string{"a", "h"}
	errs, err := o.cw.Decide(o.ctx, ppid, id, d)
	refused(t, err, "letter a without an end date")
	if errs["exempt_until"] == "" {
		t.Fatalf("field errors %v, want exempt_until", errs)
	}
	d.ExemptUntil = calendar.NewDate(2027, time.October, 5)
	d.DIKSubject = "Catatan konseling milik Siti Aminah" // the requester's own name: personal data (Pasal 17 h)
	errs, err = o.cw.Decide(o.ctx, ppid, id, d)
	refused(t, err, "DIK subject naming the requester")
	if errs["dik_subject"] == "" {
		t.Fatalf("field errors %v, want dik_subject", errs)
	}
	d.DIKSubject = "Berkas penyidikan dan catatan konseling siswa"
	if errs, err := o.cw.Decide(o.ctx, ppid, id, d); err != nil {
		t.Fatal(err, errs)
	}
	for _, kind := range []letters.Kind{letters.Notice, letters.Refusal} {
		text := o.letterText(id, kind)
		for _, want := range []string{"Berkas penyidikan dan catatan konseling siswa", "Sampai dengan Selasa, 5 Oktober 2027",
			"PP Nomor 61 Tahun 2010", ppid.Name, "Bandung, 5 Oktober 2026"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s letter lacks %q:\n%s", kind, want, text)
			}
		}
	}
	rows, err := o.s.DIKRows(o.ctx)
	o.must(err)
	if len(rows) != 1 || rows[0].Subject != d.DIKSubject || rows[0].DecidedBy != ppid.Name || rows[0].DecidedPlace != "Bandung" ||
		rows[0].ExemptUntil != d.ExemptUntil {
		t.Errorf("DIK rows %+v", rows)
	}
}

// Pasal 37–38: a KI ruling that opens the information (ruling code "dibuka") takes it off the DIK;
// one that upholds the exemption leaves it there.
func TestKIRulingThatOpensTheInformationLeavesTheDIK(t *testing.T) {
	o := newOffice(t)
	ppid := o.user("ppid-utama")
	id := o.submit()
	if errs, err := o.cw.Decide(o.ctx, ppid, id, refusal(at(5, 10))); err != nil {
		t.Fatal(err, errs)
	}
	if got := o.dikSubjects(); len(got) != 1 {
		t.Fatalf("DIK %v before the dispute", got)
	}
	o.set(at(26, 10))
	in := casework.DisputeInput{KINumber: "002/X/KI-Jabar-PS/2026", KIReceived: calendar.NewDate(2026, time.October, 26)}
	if _, err := o.cw.SaveDispute(o.ctx, ppid, id, in); err != nil {
		t.Fatal(err)
	}
	disputes, err := o.s.Disputes(o.ctx, id)
	o.must(err)
	in.ID = disputes[0].ID
	in.RulingCode = "dibuka"
	if errs, err := o.cw.SaveDispute(o.ctx, ppid, id, in); err == nil || errs["ruling_date"] == "" {
		t.Fatalf("a ruling code without the ruling date: %v %v", errs, err)
	}
	in.RulingCode, in.RulingDate = "dikecualikan", calendar.NewDate(2026, time.October, 26)
	if errs, err := o.cw.SaveDispute(o.ctx, ppid, id, in); err != nil {
		t.Fatal(err, errs)
	}
	if got := o.dikSubjects(); len(got) != 1 {
		t.Errorf("an upheld exemption left the DIK: %v", got)
	}
	in.RulingCode = "dibuka"
	if errs, err := o.cw.SaveDispute(o.ctx, ppid, id, in); err != nil {
		t.Fatal(err, errs)
	}
	if got := o.dikSubjects(); len(got) != 0 {
		t.Errorf("information the KI opened is still on the DIK: %v", got)
	}
}

// Perki 1/2021 Pasal 49: a PPID records an exemption decided before any request, and the DIK lists it.
func TestAdvanceExemptionCompletesTheDIK(t *testing.T) {
	o := newOffice(t)
	a := workflow.AdvanceExemption{Subject: "Rencana pengamanan gedung arsip", ExemptionLetters: []string{"c"},
		LegalBasis: "UU 14/2008 Pasal 17 huruf c", Harm: "Membuka celah pengamanan", PublicInterest: "Keselamatan arsip lebih besar",
		DecidedOn: calendar.NewDate(2026, time.October, 5)}
	if _, err := o.cw.AddAdvanceExemption(o.ctx, o.user("petugas-utama"), a); !errors.Is(err, casework.ErrForbidden) {
		t.Fatalf("a petugas decided an exemption: %v", err)
	}
	errs, err := o.cw.AddAdvanceExemption(o.ctx, o.user("ppid-dinas"), a)
	refused(t, err, "letter c without an end")
	if errs["exempt_until"] == "" {
		t.Fatalf("field errors %v", errs)
	}
	a.ExemptUntil = calendar.NewDate(2028, time.October, 5)
	if errs, err := o.cw.AddAdvanceExemption(o.ctx, o.user("ppid-dinas"), a); err != nil {
		t.Fatal(err, errs)
	}
	rows, err := o.s.DIKRows(o.ctx)
	o.must(err)
	if len(rows) != 1 || !rows[0].Advance || rows[0].Subject != a.Subject || rows[0].DecidedPlace != "Bandung" ||
		rows[0].DecidedBy != o.user("ppid-dinas").Name || rows[0].ExemptUntil != a.ExemptUntil {
		t.Errorf("DIK rows %+v", rows)
	}
	// Scoped like every officer read: another unit's PPID does not see it on the office page.
	if list, err := o.s.AdvanceExemptions(o.ctx, o.user("ppid-lain").Scope()); err != nil || len(list) != 0 {
		t.Errorf("another unit sees %v (%v)", list, err)
	}
	if list, err := o.s.AdvanceExemptions(o.ctx, o.user("ppid-dinas").Scope()); err != nil || len(list) != 1 {
		t.Errorf("own unit sees %v (%v)", list, err)
	}
}
