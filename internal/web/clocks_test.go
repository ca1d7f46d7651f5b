package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestCasePageRecordsLetterSendingAndTheWindowFollowsReceipt: the case page lists each letter with
// a form to record its sending; a notice sent by post and received on 12 November moves the
// objection deadline shown from Monday 21 December (the notice day) to Monday 28 December 2026
// (Pasal 36(1) counts from receipt). The old page had no such form and showed 21 December.
func TestCasePageRecordsLetterSendingAndTheWindowFollowsReceipt(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	atasan := signIn(t, app, "atasan@uji.test", "atasan", "rahasia-atasan")
	path, _, _ := submitViaAPI(t, app)

	app.Clock.Set(time.Date(2026, 11, 9, 10, 0, 0, 0, jakarta))
	refusal := url.Values{"kind": {"ditolak"}, "notice_date": {"2026-11-09"}, "notice_time": {"10:00"}, "exemption_letters": {"h"}, "dik_subject": {"Data pribadi pemohon lain"},
		"legal_basis": {"UU 14/2008 Pasal 17 huruf h"}, "harm": {"Membuka data kesehatan pribadi pegawai."},
		"public_interest": {"Kepentingan publik tidak lebih besar dari perlindungan data pribadi."}}
	if st, kind, _ := ppid.postStep(path+"/putuskan", refusal); st != 303 || kind != flashDone {
		t.Fatalf("refusal: %d %q", st, kind)
	}
	var lid string
	if err := app.Store.DB().Get(&lid, `SELECT id::text FROM letters WHERE kind = 'pemberitahuan'`); err != nil {
		t.Fatal(err)
	}
	send := path + "/surat/" + lid + "/kirim"
	page := ppid.get(path)
	if !strings.Contains(page, `action="`+send+`"`) || !strings.Contains(page, "Pengiriman belum dicatat") || !strings.Contains(page, "21 Desember 2026") {
		t.Fatalf("case page before the sending lacks the form or the deadline from the notice")
	}
	if strings.Contains(atasan.get(path), `action="`+send+`"`) {
		t.Error("the atasan is offered the sending form")
	}
	if st, _, _ := atasan.post(send, url.Values{"sent_via": {"pos"}, "sent_date": {"2026-11-10"}}); st != http.StatusForbidden {
		t.Errorf("atasan records a sending: %d", st)
	}

	// A bad form is re-rendered with the fields marked and the input kept.
	app.Clock.Set(time.Date(2026, 11, 13, 9, 0, 0, 0, jakarta))
	st, _, page := ppid.post(send, url.Values{"sent_date": {"2026-11-10"}, "received_on": {"2026-11-09"}})
	if st != http.StatusUnprocessableEntity || !hasFieldError(page, "sent_via") || !hasFieldError(page, "received_on") ||
		!strings.Contains(page, `value="2026-11-10"`) {
		t.Fatalf("bad sending: %d, fields %v", st, fieldErrors(page))
	}
	if n := count(t, app, `SELECT count(*) FROM letters WHERE sent_via IS NOT NULL`); n != 0 {
		t.Fatalf("a refused sending was stored")
	}

	st, kind, page := ppid.postStep(send, url.Values{"sent_via": {"pos"}, "sent_date": {"2026-11-10"}, "sent_time": {"08:30"}, "received_on": {"2026-11-12"}})
	if st != 303 || kind != flashDone {
		t.Fatalf("sending: %d %q", st, kind)
	}
	if n := count(t, app, `SELECT count(*) FROM letters WHERE sent_via = 'pos' AND received_on = '2026-11-12'`); n != 1 {
		t.Errorf("%d letters recorded as received on 12 Nov", n)
	}
	if !strings.Contains(page, "diterima pemohon 12 November 2026") || !strings.Contains(page, "28 Desember 2026") {
		t.Errorf("case page after the sending lacks the receipt or the deadline from it")
	}
}

// TestOfficeObjectionFormTakesItsReceivedDate: the office's objection form records when a paper
// objection was received; the atasan's 30 working days run from it (Pasal 36(2)). Received Tuesday
// 10 November 15:00, typed in on Friday 13 November: due Tuesday 22 December 2026 (the old form
// had no such field and counted from 13 November: past cuti bersama and Natal, Tuesday 29 December).
func TestOfficeObjectionFormTakesItsReceivedDate(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	path, _, _ := submitViaAPI(t, app)
	app.Clock.Set(time.Date(2026, 11, 9, 10, 0, 0, 0, jakarta))
	refusal := url.Values{"kind": {"ditolak"}, "notice_date": {"2026-11-09"}, "notice_time": {"10:00"}, "exemption_letters": {"h"}, "dik_subject": {"Data pribadi pemohon lain"},
		"legal_basis": {"UU 14/2008 Pasal 17 huruf h"}, "harm": {"Membuka data kesehatan pribadi pegawai."},
		"public_interest": {"Kepentingan publik tidak lebih besar dari perlindungan data pribadi."}}
	if st, kind, _ := ppid.postStep(path+"/putuskan", refusal); st != 303 || kind != flashDone {
		t.Fatalf("refusal: %d %q", st, kind)
	}
	app.Clock.Set(time.Date(2026, 11, 13, 9, 0, 0, 0, jakarta))
	if page := ppid.get(path); !strings.Contains(page, `name="received_date"`) {
		t.Fatal("the objection form has no received date")
	}
	objection := url.Values{"grounds": {"a"}, "reasons": {"Informasi anggaran bukan data pribadi pegawai."},
		"received_date": {"2026-11-14"}, "received_time": {"09:00"}}
	st, _, page := ppid.post(path+"/keberatan", objection)
	if st != http.StatusUnprocessableEntity || !hasFieldError(page, "received_date") || !strings.Contains(page, `value="2026-11-14"`) {
		t.Fatalf("objection received in the future: %d, fields %v", st, fieldErrors(page))
	}
	objection.Set("received_date", "2026-11-10")
	objection.Set("received_time", "15:00")
	if st, kind, _ := ppid.postStep(path+"/keberatan", objection); st != 303 || kind != flashDone {
		t.Fatalf("objection: %d %q", st, kind)
	}
	if n := count(t, app, `SELECT count(*) FROM objections WHERE received_at = '2026-11-10 15:00+07' AND response_due = '2026-12-22'`); n != 1 {
		t.Errorf("%d objections received 10 Nov 15:00 and due 22 Dec", n)
	}
}
