package casework_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/notify"
	"github.com/terbuka-id/terbuka/internal/request"
)

// officerMails are the recipients of template's mails about case id, sorted.
func (o *office) officerMails(id int64, template string) []string {
	o.t.Helper()
	var rs []string
	o.must(o.s.DB().Select(&rs, `SELECT recipient FROM outbox WHERE request_id = $1 AND template = $2 AND channel = 'email' ORDER BY recipient`, id, template))
	return rs
}

func (o *office) webhooks(id int64) []map[string]any {
	o.t.Helper()
	var bodies [][]byte
	o.must(o.s.DB().Select(&bodies, `SELECT data FROM outbox WHERE request_id = $1 AND channel = 'webhook' ORDER BY id`, id))
	out := make([]map[string]any, len(bodies))
	for i, b := range bodies {
		o.must(json.Unmarshal(b, &out[i]))
	}
	return out
}

// A citizen's web request mails every active officer who may view the PPID Utama, where it lands;
// none of a PPID Pelaksana, none of an inactive account.
func TestWebRequestMailsTheUnitsOfficers(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	id := o.submit()
	want := []string{"admin@uji.test", "atasan@uji.test", "petugas-utama@uji.test", "ppid-utama@uji.test"}
	if got := o.officerMails(id, "officer_new_request"); !slices.Equal(got, want) {
		t.Errorf("new request mailed %v, want %v", got, want)
	}
	if hooks := o.webhooks(id); len(hooks) != 0 {
		t.Errorf("webhook deliveries without a webhook configured: %v", hooks)
	}
}

// A request registered at the desk does not mail the officer who typed it in; with the webhook
// configured one delivery is queued with it; an officer who turned the notice off gets none.
func TestDeskRequestSkipsItsOfficerAndQueuesWebhook(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	o.in.Webhook = true
	o.must(o.s.SetNoticeOptOuts(o.ctx, o.user("admin").ID, []notify.Kind{notify.NewRequest}))
	receipt, errs, err := o.in.Submit(o.ctx, request.Submission{RequesterKind: "perorangan", Name: "Budi",
		NIK: "3273014507900003", Address: "Jl. Braga 1, Bandung", Phone: "0812 1111 2222",
		Occupation: "Wiraswasta", Information: "Daftar sekolah penerima BOS 2026", Purpose: "Pengawasan",
		ObtainMethod: "softcopy", DeliveryMethod: "ambil_langsung"}, intake.Origin{Channel: "walk_in", Officer: o.user("petugas-utama")})
	if err != nil {
		t.Fatal(err, errs)
	}
	want := []string{"atasan@uji.test", "ppid-utama@uji.test"}
	if got := o.officerMails(receipt.RequestID, "officer_new_request"); !slices.Equal(got, want) {
		t.Errorf("desk request mailed %v, want %v", got, want)
	}
	hooks := o.webhooks(receipt.RequestID)
	if len(hooks) != 1 || hooks[0]["event"] != "new_request" || hooks[0]["registration_number"] != receipt.RegistrationNumber {
		t.Errorf("webhook deliveries %v", hooks)
	}
}

// An objection mails the atasan PPID over the case's unit (not another unit's atasan) with the
// objection, in the filing's own transaction; the webhook gets a new_objection event.
func TestObjectionMailsTheAtasan(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	id := o.refusedAndClosed()
	o.cw.Webhook = true
	o.set(at(9, 10))
	if _, errs, err := o.cw.FileObjection(o.ctx, nil, id, filing, "web"); err != nil {
		t.Fatal(err, errs)
	}
	if got := o.officerMails(id, "officer_new_objection"); !slices.Equal(got, []string{"atasan@uji.test"}) {
		t.Errorf("objection mailed %v, want the atasan PPID of the PPID Utama only", got)
	}
	var data map[string]any
	var raw []byte
	o.must(o.s.DB().Get(&raw, `SELECT data FROM outbox WHERE request_id = $1 AND template = 'officer_new_objection'`, id))
	o.must(json.Unmarshal(raw, &data))
	if data["objection_number"] == "" || data["response_due"] != "2026-11-20" || data["nik"] != nil {
		t.Errorf("objection notice data %v", data)
	}
	hooks := o.webhooks(id)
	if len(hooks) != 1 || hooks[0]["event"] != "new_objection" || hooks[0]["case_id"] != float64(id) || hooks[0]["unit"] != "PPID Utama" {
		t.Errorf("webhook deliveries %v", hooks)
	}
}

// The clarification hook mails the assigned officer once, however often it is called.
func TestClarificationAnsweredMailsTheAssignedOfficerOnce(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	id := o.submit()
	o.must(o.cw.Assign(o.ctx, o.user("ppid-utama"), id, o.user("petugas-utama").ID))
	for range 3 {
		o.must(o.cw.ClarificationAnswered(o.ctx, id, 42))
	}
	if got := o.officerMails(id, "officer_clarification_answer"); !slices.Equal(got, []string{"petugas-utama@uji.test"}) {
		t.Errorf("clarification answer mailed %v, want the assigned officer once", got)
	}
	o.must(o.cw.ClarificationAnswered(o.ctx, id, 43))
	if got := o.officerMails(id, "officer_clarification_answer"); len(got) != 2 {
		t.Errorf("a second clarification's answer: %v", got)
	}
	o.must(o.s.SetNoticeOptOuts(o.ctx, o.user("petugas-utama").ID, []notify.Kind{notify.ClarificationAnswer}))
	o.must(o.cw.ClarificationAnswered(o.ctx, id, 44))
	if got := o.officerMails(id, "officer_clarification_answer"); len(got) != 2 {
		t.Errorf("after turning it off: %v", got)
	}
}
