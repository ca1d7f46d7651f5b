package web_test

import (
	"net/http"
	"testing"
	"time"
)

// Every DIP entry carries its seven columns (UU 14/2008 Pasal 7; Perki 1/2021): a draft missing
// one is refused with the field marked, its input kept, and nothing stored.
func TestPublicationNeedsEveryDIPColumn(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 24, 10, 0, 0, 0, jakarta))
	pub := newPublisher(t, app, "penerbit.dip@uji.test", "ppid")
	for _, key := range []string{"responsible", "made_place", "made_time", "retention"} {
		fields := pub.cleanFields()
		fields[key] = " "
		st, _, page := pub.draft(fields, "dpa.txt", []byte("Rincian penganggaran sekolah.\n"))
		if st != http.StatusUnprocessableEntity || !hasFieldError(page, key) {
			t.Errorf("draft without %s: %d, marked %v", key, st, fieldErrors(page))
		}
	}
	if n := count(t, app, `SELECT count(*) FROM publications`); n != 0 {
		t.Errorf("%d drafts stored without their DIP columns", n)
	}
}
