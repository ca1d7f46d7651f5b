package workflow_test

import (
	"testing"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// PP 61/2010, UU 14/2008 Pasal 20: an exemption states its period — required for Pasal 17 a–f, which
// are never permanent, optional for g–j — after the day it is decided, and a DIK subject without
// personal data.
func TestExemptionTermsPeriodAndSubject(t *testing.T) {
	t.Parallel()
	c := refCase("diproses")
	notice := wib(2026, 3, 10, 10, 0)
	for _, tc := range []struct {
		name    string
		letters []string
		until   calendar.Date
		subject string
		wantKey string
	}{
		{"a with an end date", []string{"a"}, day(2027, 3, 10), "Berkas penyidikan", ""},
		{"a without an end date", []string{"a"}, calendar.Date{}, "Berkas penyidikan", "exempt_until"},
		{"f among others without an end date", []string{"h", "f"}, calendar.Date{}, "Perundingan perjanjian", "exempt_until"},
		{"h without an end date", []string{"h"}, calendar.Date{}, "Rekam medis pegawai", ""},
		{"j with an end date", []string{"j"}, day(2026, 12, 31), "Dokumen rahasia negara", ""},
		{"ending on the decision day", []string{"c"}, day(2026, 3, 10), "Rencana pengamanan", "exempt_until"},
		{"ending the next day", []string{"c"}, day(2026, 3, 11), "Rencana pengamanan", ""},
		{"no subject", []string{"h"}, calendar.Date{}, " ", "dik_subject"},
		{"subject with an NIK", []string{"h"}, calendar.Date{}, "Rekam medis 3273014507900003", "dik_subject"},
		{"subject with an e-mail address", []string{"h"}, calendar.Date{}, "Surat dari siti@contoh.id", "dik_subject"},
	} {
		d := completeDecision(request.StatusRefused, notice)
		d.ExemptionLetters, d.ExemptUntil, d.DIKSubject = tc.letters, tc.until, tc.subject
		errs := d.Validate(c, notice)
		if (tc.wantKey == "") != (len(errs) == 0) || (tc.wantKey != "" && (errs[tc.wantKey] == "" || len(errs) != 1)) {
			t.Errorf("%s: errors %v, want %q", tc.name, errs, tc.wantKey)
		}
	}
	// A partial grant is an exemption too.
	d := completeDecision(request.StatusPartial, notice)
	d.ExemptionLetters, d.DIKSubject = []string{"b"}, ""
	if errs := d.Validate(c, notice); errs["exempt_until"] == "" || errs["dik_subject"] == "" {
		t.Errorf("partial grant on letter b without period or subject: %v", errs)
	}
}

// Perki 1/2021 Pasal 49: an exemption decided before any request carries the same test and terms.
func TestAdvanceExemptionValidate(t *testing.T) {
	t.Parallel()
	today := day(2026, 3, 10)
	ok := workflow.AdvanceExemption{Subject: "Rencana operasi pengamanan", ExemptionLetters: []string{"c"},
		LegalBasis: "UU 14/2008 Pasal 17 huruf c", Harm: "Membahayakan pengamanan", PublicInterest: "Keselamatan umum lebih besar",
		DecidedOn: today, ExemptUntil: day(2028, 3, 10)}
	if errs := ok.Validate(today); len(errs) != 0 {
		t.Fatalf("complete: %v", errs)
	}
	for _, tc := range []struct {
		name string
		edit func(a *workflow.AdvanceExemption)
		key  string
	}{
		{"decided tomorrow", func(a *workflow.AdvanceExemption) { a.DecidedOn = today.AddDays(1) }, "decided_on"},
		{"no decision day", func(a *workflow.AdvanceExemption) { a.DecidedOn = calendar.Date{} }, "decided_on"},
		{"letter c without end", func(a *workflow.AdvanceExemption) { a.ExemptUntil = calendar.Date{} }, "exempt_until"},
		{"no subject", func(a *workflow.AdvanceExemption) { a.Subject = "" }, "subject"},
		{"no consequence test", func(a *workflow.AdvanceExemption) { a.Harm = "" }, "harm"},
		{"no letter", func(a *workflow.AdvanceExemption) { a.ExemptionLetters = nil }, "exemption_letters"},
	} {
		a := ok
		tc.edit(&a)
		if errs := a.Validate(today); errs[tc.key] == "" {
			t.Errorf("%s: errors %v, want %s", tc.name, errs, tc.key)
		}
	}
}
