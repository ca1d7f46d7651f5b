package transparency

import (
	"database/sql"
	"slices"
	"testing"

	"github.com/terbuka-id/terbuka/internal/store"
)

func TestRegisterItemFromEntry(t *testing.T) {
	cal := testCal(true)
	// D0 Monday 2 March 2026, notice Monday 16 March: ten working days.
	e := store.RegisterEntry{RegistrationNumber: "0001/PPID/III/2026", ReceivedOn: d(2026, 3, 2), Status: "dikabulkan",
		Subject: sql.NullString{String: "=SUM(A1)", Valid: true}, Decision: sql.NullString{String: "dikabulkan", Valid: true},
		CountingFrom: d(2026, 3, 2), DueOn: d(2026, 3, 16), NoticeOn: d(2026, 3, 16), NoticeLate: sql.NullBool{Bool: false, Valid: true}}
	it := newRegisterItem(e, cal)
	if it.SubjectText() != "=SUM(A1)" || it.DecisionLabel == nil || *it.DaysTaken != 10 || it.OnTimeText() != "Ya" || it.Late() {
		t.Fatalf("item: %+v", it)
	}
	rec := it.CSVRecord()
	if len(rec) != len(RegisterCSVHeader) || rec[2] != "'=SUM(A1)" || rec[9] != "2026-03-16" || rec[10] != "10" || rec[11] != "true" {
		t.Errorf("csv record: %q", rec)
	}

	// Without consent, decision or notice every optional field is empty.
	bare := newRegisterItem(store.RegisterEntry{RegistrationNumber: "0002/PPID/III/2026", ReceivedOn: d(2026, 3, 2),
		Status: "diterima", CountingFrom: d(2026, 3, 2), DueOn: d(2026, 3, 16)}, cal)
	if bare.Subject != nil || bare.Decision != nil || bare.NoticeDate != nil || bare.DaysTaken != nil || bare.OnTime != nil {
		t.Fatalf("bare item: %+v", bare)
	}
	if got := bare.CSVRecord(); !slices.Equal(got[5:7], []string{"", ""}) || !slices.Equal(got[9:], []string{"", "", ""}) {
		t.Errorf("bare csv record: %q", got)
	}
	if bare.DaysText() != "—" || bare.NoticeText() != "—" || bare.DecisionText() != "—" || bare.OnTimeText() != "—" {
		t.Errorf("bare cells: %q %q %q %q", bare.DaysText(), bare.NoticeText(), bare.DecisionText(), bare.OnTimeText())
	}
}

func TestRegisterQueryPages(t *testing.T) {
	f := RegisterQuery{Year: 2026, Status: "diterima", Page: 3}.filter()
	// One row more than a page tells whether another page follows.
	if f.Limit != RegisterPageSize+1 || f.Offset != 2*RegisterPageSize || f.Year != 2026 || f.Status != "diterima" {
		t.Errorf("filter: %+v", f)
	}
}
