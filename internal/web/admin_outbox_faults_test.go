package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// After an outage the failed list reaches every failed mail, page by page, and one action sends
// again all failed mail of a kind and period.
func TestAdminOutboxPagesFailedMailAndRetriesAPeriod(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta)
	app := newApp(t, now)
	admin := signInAdmin(t, app)
	// 130 failed receipts on 25 November, 20 failed invitations on 26 November, one sent receipt.
	app.Store.DB().MustExec(`INSERT INTO outbox (template, recipient, data, status, attempts, created_at, next_attempt_at, last_error)
		SELECT 'request_received', 'warga' || g || '@contoh.id', '{}', 'failed', 8, $1::timestamptz + g * interval '1 second', $1, '451 coba lagi'
		FROM generate_series(1, 130) g`, time.Date(2026, 11, 25, 9, 0, 0, 0, jakarta))
	app.Store.DB().MustExec(`INSERT INTO outbox (template, recipient, data, status, attempts, created_at, next_attempt_at, last_error)
		SELECT 'user_invited', 'petugas' || g || '@uji.test', '{}', 'failed', 8, $1, $1, '451 coba lagi'
		FROM generate_series(1, 20) g`, time.Date(2026, 11, 26, 9, 0, 0, 0, jakarta))
	app.Store.DB().MustExec(`INSERT INTO outbox (template, recipient, data, status, created_at, sent_at)
		VALUES ('request_received', 'terkirim@contoh.id', '{}', 'sent', $1, $1)`, time.Date(2026, 11, 25, 9, 0, 0, 0, jakarta))

	// The oldest failed mail is on the second page of the failed list, not lost beyond the newest 100.
	first := admin.get("/kantor/admin/surel?status=failed")
	if strings.Contains(first, "warga1@contoh.id<") || !strings.Contains(first, "Berikutnya") {
		t.Error("first page: the oldest mail shown, or no next page")
	}
	second := admin.get("/kantor/admin/surel?status=failed&halaman=2")
	if !strings.Contains(second, "warga1@contoh.id<") || strings.Contains(second, "Berikutnya") {
		t.Error("second page lacks the oldest failed mail, or offers a third")
	}
	if st := admin.status("/kantor/admin/surel?status=failed&halaman=nol"); st != http.StatusBadRequest {
		t.Errorf("a bad page number: %d", st)
	}
	if st := admin.status("/kantor/admin/surel?dari=25-11-2026"); st != http.StatusBadRequest {
		t.Errorf("a bad date: %d", st)
	}

	// Retry the receipts of 25 November only: the invitations stay failed, the sent one sent.
	st, flash, _ := admin.post("/kantor/admin/surel/kirim-ulang", url.Values{"jenis": {"request_received"},
		"dari": {"2026-11-25"}, "sampai": {"2026-11-25"}})
	if st != http.StatusSeeOther || !strings.Contains(flash, "130 surel gagal dimasukkan kembali") {
		t.Fatalf("bulk retry: %d %q", st, flash)
	}
	count := func(q string) int {
		var n int
		if err := app.Store.DB().Get(&n, q); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(`SELECT count(*) FROM outbox WHERE template = 'request_received' AND status = 'pending' AND next_attempt_at = '2026-11-27 10:00+07'`); n != 130 {
		t.Errorf("%d receipts queued again, want 130", n)
	}
	if n := count(`SELECT count(*) FROM outbox WHERE template = 'user_invited' AND status = 'failed'`); n != 20 {
		t.Errorf("%d invitations still failed, want 20", n)
	}
	if n := count(`SELECT count(*) FROM outbox WHERE status = 'sent'`); n != 1 {
		t.Errorf("%d sent, want 1", n)
	}
	// The period of 26 November has no failed receipts.
	if _, flash, _ := admin.post("/kantor/admin/surel/kirim-ulang", url.Values{"jenis": {"request_received"},
		"dari": {"2026-11-26"}, "sampai": {"2026-11-26"}}); !strings.Contains(flash, "Tidak ada surel gagal") {
		t.Errorf("empty period: %q", flash)
	}
	if _, flash, _ := admin.post("/kantor/admin/surel/kirim-ulang", url.Values{"dari": {"2026-11-27"}, "sampai": {"2026-11-26"}}); !strings.Contains(flash, "tidak boleh sebelum") {
		t.Errorf("reversed period: %q", flash)
	}
	if _, flash, _ := admin.post("/kantor/admin/surel/kirim-ulang", url.Values{"jenis": {"user_invited"}}); !strings.Contains(flash, fmt.Sprintf("%d surel gagal", 20)) {
		t.Errorf("retry by kind: %q", flash)
	}
}
