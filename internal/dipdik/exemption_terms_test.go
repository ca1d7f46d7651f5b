package dipdik

import (
	"strings"
	"testing"
	"time"

	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/store"
)

// PP 61/2010: every DIK line says what kind of information is exempt (even without the requester's
// consent), who decided it, where, and until when; an exemption decided in advance has no request.
func TestDIKShowsKindDeciderPlaceAndPeriod(t *testing.T) {
	rows := []store.DIKRow{
		{RegistrationNumber: "0007/PPID/XI/2026", ExemptionLetters: pq.StringArray{"a"}, LegalBasis: "Pasal 17 huruf a",
			Harm: "Menghambat penyidikan.", PublicInterest: "Penyidikan berjalan.", NoticeAt: time.Date(2026, 11, 3, 3, 0, 0, 0, time.UTC),
			Subject: "Berkas penyidikan pengadaan", DecidedBy: "Rina Kusumawati", DecidedPlace: "Bandung",
			ExemptUntil: calendar.NewDate(2027, 11, 3)},
		{ExemptionLetters: pq.StringArray{"h"}, LegalBasis: "Pasal 17 huruf h", Harm: "Membuka rekam medis.",
			PublicInterest: "Data agregat dibuka.", NoticeAt: time.Date(2026, 11, 4, 0, 0, 0, 0, time.UTC),
			Subject: "Rekam medis pegawai", DecidedBy: "Rina Kusumawati", DecidedPlace: "Bandung", Advance: true},
	}
	es := DIKEntries(rows, wib)
	if es[0].Information != "Berkas penyidikan pengadaan" || es[0].Period() != "Sampai 3 November 2027" {
		t.Errorf("entry 1: %+v period %q", es[0], es[0].Period())
	}
	if es[1].Information != "Rekam medis pegawai" || es[1].Period() != "Tidak ditentukan (Pasal 17 huruf g–j)" ||
		!strings.HasPrefix(es[1].RegistrationNumber, "Ditetapkan tanpa permohonan") {
		t.Errorf("advance entry: %+v", es[1])
	}
	if got := es[0].Decision(); got != "Rina Kusumawati, Bandung, 3 November 2026" {
		t.Errorf("decision cell %q", got)
	}
	tb := DIKTable(es, "PPID Kota Contoh", generated)
	if got := tb.Rows[0]; got[6] != "Rina Kusumawati, Bandung" || got[7] != "Sampai 3 November 2027" || got[8] != "0007/PPID/XI/2026" {
		t.Errorf("row %q", got)
	}
	if _, err := PDF(tb); err != nil {
		t.Fatal(err)
	}
	if _, err := XLSX(tb); err != nil {
		t.Fatal(err)
	}
}
