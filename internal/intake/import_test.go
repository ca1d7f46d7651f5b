package intake_test

import (
	"context"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/numbering"
	"github.com/terbuka-id/terbuka/internal/registerimport"
)

func TestImportKeepsNumbersAndMovesTheCounterPastThem(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta)
	svc := newService(t, numbering.DefaultPattern, now)
	ctx := context.Background()
	rows, rowErrs, err := registerimport.Parse("../../docs/contoh-register.csv", jakarta, now)
	if err != nil || len(rowErrs) > 0 {
		t.Fatalf("example register: %v %v", err, rowErrs)
	}
	n, rowErrs, err := svc.Import(ctx, rows)
	if err != nil || len(rowErrs) > 0 || n.Imported != len(rows) {
		t.Fatalf("import: %d %v %v", n, rowErrs, err)
	}

	var got struct {
		Open, Closed, Decisions, Events int
	}
	db := svc.Store.DB()
	db.Get(&got.Open, `SELECT count(*) FROM requests WHERE closed_at IS NULL`)
	db.Get(&got.Closed, `SELECT count(*) FROM requests WHERE closed_at IS NOT NULL`)
	db.Get(&got.Decisions, `SELECT count(*) FROM decisions`)
	db.Get(&got.Events, `SELECT count(*) FROM request_events WHERE kind = 'imported'`)
	if got.Open+got.Closed != len(rows) || got.Events != len(rows) || got.Decisions == 0 || got.Closed == 0 {
		t.Errorf("imported state %+v", got)
	}
	var maxSeq int
	db.Get(&maxSeq, `SELECT max(reg_seq) FROM requests WHERE reg_year = 2026`)
	// The next request of 2026 is numbered after the highest imported number of that year.
	receipt, _, err := svc.Submit(ctx, submission(), intake.Origin{Channel: "web"})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := numbering.Parse(numbering.DefaultPattern)
	if receipt.RegistrationNumber != want.Render(maxSeq+1, 2026, time.November) {
		t.Errorf("next number %s after imported maximum %d", receipt.RegistrationNumber, maxSeq)
	}

	// Importing the same register again is refused row by row, and writes nothing.
	before := got.Open + got.Closed + 1
	_, rowErrs, err = svc.Import(ctx, rows)
	if err != nil || len(rowErrs) != len(rows) || rowErrs[0].Column != "no_registrasi" {
		t.Fatalf("second import: %v %v", rowErrs, err)
	}
	var after int
	db.Get(&after, `SELECT count(*) FROM requests`)
	if after != before {
		t.Errorf("%d requests after a refused import, want %d", after, before)
	}
}
