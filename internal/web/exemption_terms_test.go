package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// PP 61/2010 on the office pages: the refusal form needs the DIK subject and, for Pasal 17 a–f, the end
// of the exemption; /kantor/pengecualian records an exemption decided in advance (PPID only); the DIK
// shows both with the deciding PPID, place and period.
func TestExemptionTermsOnTheFormsAndTheDIK(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	petugas := signIn(t, app, "petugas@uji.test", "petugas", "rahasia-petugas")
	path, _, _ := submitViaAPI(t, app)

	refusal := url.Values{"kind": {"ditolak"}, "notice_date": {"2026-11-02"}, "notice_time": {"09:00"}, "exemption_letters": {"a"},
		"legal_basis": {"UU 14/2008 Pasal 17 huruf a"}, "harm": {"Menghambat penyidikan."}, "public_interest": {"Penyidikan belum selesai."}}
	st, _, page := ppid.post(path+"/putuskan", refusal)
	if st != http.StatusUnprocessableEntity || !hasFieldError(page, "dik_subject") || !hasFieldError(page, "exempt_until") {
		t.Fatalf("refusal without terms: %d %v", st, fieldErrors(page))
	}
	refusal.Set("dik_subject", "Berkas penyidikan pengadaan alat kesehatan")
	refusal.Set("exempt_until", "2027-11-02")
	if st, kind, _ := ppid.postStep(path+"/putuskan", refusal); st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("refusal: %d %q", st, kind)
	}

	if st := petugas.status("/kantor/pengecualian"); st != http.StatusForbidden {
		t.Errorf("a petugas opened the advance exemptions: %d", st)
	}
	advance := url.Values{"subject": {"Rencana pengamanan gedung arsip"}, "exemption_letters": {"c"},
		"legal_basis": {"UU 14/2008 Pasal 17 huruf c"}, "harm": {"Membuka celah pengamanan."},
		"public_interest": {"Keselamatan arsip lebih besar."}, "decided_on": {"2026-11-02"}}
	if st, _, _ := petugas.post("/kantor/pengecualian", advance); st != http.StatusForbidden {
		t.Errorf("a petugas recorded an exemption: %d", st)
	}
	if st, _, page := ppid.post("/kantor/pengecualian", advance); st != http.StatusUnprocessableEntity || !hasFieldError(page, "exempt_until") ||
		!strings.Contains(page, "Rencana pengamanan gedung arsip") {
		t.Fatalf("letter c without an end: %d %v", st, fieldErrors(page))
	}
	advance.Set("exempt_until", "2028-11-02")
	if st, _, page := ppid.post("/kantor/pengecualian", advance); st != http.StatusSeeOther || !strings.Contains(page, "Rencana pengamanan gedung arsip") {
		t.Fatalf("advance exemption: %d", st)
	}

	dik := ppid.get("/dik")
	for _, want := range []string{"Berkas penyidikan pengadaan alat kesehatan", "Sampai 2 November 2027", "Rencana pengamanan gedung arsip",
		"Sampai 2 November 2028", "Ditetapkan tanpa permohonan", "Bandung", "Jangka waktu pengecualian"} {
		if !strings.Contains(dik, want) {
			t.Errorf("DIK lacks %q", want)
		}
	}
}
