package casework_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/letters"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// checkEvent compares a history row with what the step should have written.
func checkEvent(t *testing.T, ev store.Event, kind, from, to string, public bool, actor *store.User) {
	t.Helper()
	if ev.Kind != kind || ev.FromStatus.String != from || ev.ToStatus.String != to || ev.Public != public {
		t.Errorf("event %+v, want kind %s, %q -> %q, public %v", ev, kind, from, to, public)
	}
	if actor != nil && ev.ActorLabel != actor.Name {
		t.Errorf("event actor %q, want %q", ev.ActorLabel, actor.Name)
	}
}

// checkLetter checks the newest letter of a case and its PDF document row, and returns both.
func (o *office) checkLetter(id int64, kind letters.Kind, number string) (store.LetterRecord, store.Document) {
	o.t.Helper()
	ls := o.letters(id)
	if len(ls) == 0 {
		o.t.Fatalf("no letter, want %s", kind)
	}
	l := ls[len(ls)-1]
	if l.Kind != string(kind) || l.Number != number || l.IssuedOn != calendar.DateOf(o.clock.Now().In(jakarta)) {
		o.t.Errorf("letter %+v, want %s %s issued today", l, kind, number)
	}
	if !l.DocumentID.Valid {
		o.t.Fatalf("letter %s has no document", number)
	}
	var doc store.Document
	for _, d := range o.documents(id) {
		if d.ID == l.DocumentID.Int64 {
			doc = d
		}
	}
	if doc.ID == 0 || doc.Kind != "letter" || doc.Visibility != "requester" || doc.ContentType != "application/pdf" ||
		doc.LetterKind.String != string(kind) || doc.LetterNumber.String != number {
		o.t.Errorf("letter document %+v, want the %s PDF numbered %s for the requester", doc, kind, number)
	}
	if doc.ID != 0 && !isPDF(o.readDocument(o.user("ppid-utama"), id, doc.ID)) {
		o.t.Errorf("letter document %d is not a PDF", doc.ID)
	}
	return l, doc
}

// checkMail checks the newest mail of a case.
func (o *office) checkMail(id int64, template string, want int) store.Mail {
	o.t.Helper()
	ms := o.mails(id)
	if len(ms) != want {
		o.t.Errorf("%d mails, want %d: %+v", len(ms), want, ms)
	}
	m := o.lastMail(id)
	if m.Template != template || m.Recipient != requesterEmail {
		o.t.Errorf("mail %s to %s, want %s to %s", m.Template, m.Recipient, template, requesterEmail)
	}
	return m
}

func TestAssign(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	id := o.submit()
	ppid, petugas := o.user("ppid-utama"), o.user("petugas-utama")
	if r := o.request(id); r.Status != request.StatusReceived || r.Version != 1 || len(o.events(id)) != 1 || len(o.mails(id)) != 1 {
		t.Fatalf("fresh request %+v, %d events, %d mails", r, len(o.events(id)), len(o.mails(id)))
	}

	o.set(at(6, 9))
	o.must(o.cw.Assign(o.ctx, ppid, id, petugas.ID))
	r := o.request(id)
	if r.Status != request.StatusInProcess || r.AssignedTo.Int64 != petugas.ID || r.Version != 2 || r.DueDate != r.ResponseDue {
		t.Errorf("after assigning: %+v", r)
	}
	checkEvent(t, o.lastEvent(id), "assigned", request.StatusReceived, request.StatusInProcess, true, ppid)
	if len(o.letters(id)) != 0 || len(o.mails(id)) != 1 {
		t.Errorf("assigning wrote %d letters and %d mails, want none", len(o.letters(id)), len(o.mails(id))-1)
	}

	// Reassigning a case in process keeps its status; the history says who has it, internally.
	o.must(o.cw.Assign(o.ctx, petugas, id, ppid.ID))
	if r := o.request(id); r.Status != request.StatusInProcess || r.AssignedTo.Int64 != ppid.ID || r.Version != 3 {
		t.Errorf("after reassigning: %+v", r)
	}
	ev := o.lastEvent(id)
	checkEvent(t, ev, "assigned", "", "", false, petugas)
	if !strings.Contains(ev.Note, ppid.Name) {
		t.Errorf("note %q does not name the officer", ev.Note)
	}

	// Only an active officer who handles cases can be given one.
	before := o.snapshot()
	for _, name := range []string{"petugas-off", "atasan", "admin"} {
		r := refused(t, o.cw.Assign(o.ctx, ppid, id, o.user(name).ID), "assign to "+name)
		if r.Field != "officer_id" {
			t.Errorf("assign to %s: refusal %+v", name, r)
		}
	}
	refused(t, o.cw.Assign(o.ctx, ppid, id, 999999), "assign to nobody")
	if err := o.cw.Assign(o.ctx, ppid, 999999, petugas.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("assign on a missing case: %v", err)
	}
	o.unchanged(before, "refused assignments")
}

func TestForward(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	id := o.submit()
	petugas := o.user("petugas-utama")
	o.must(o.cw.Assign(o.ctx, petugas, id, petugas.ID))
	due := o.request(id).DueDate

	o.set(at(6, 11))
	o.must(o.cw.Forward(o.ctx, petugas, id, o.dinas))
	r := o.request(id)
	if r.UnitID != o.dinas || r.UnitName != "Dinas Pendidikan" || r.AssignedTo.Valid || r.DueDate != due || r.Status != request.StatusInProcess {
		t.Errorf("after forwarding: %+v", r)
	}
	ev := o.lastEvent(id)
	checkEvent(t, ev, "forwarded", "", "", false, petugas)
	if !strings.Contains(ev.Note, "Dinas Pendidikan") {
		t.Errorf("note %q", ev.Note)
	}
	if len(o.mails(id)) != 1 || len(o.letters(id)) != 0 {
		t.Error("forwarding wrote a mail or a letter")
	}

	before := o.snapshot()
	refused(t, o.cw.Forward(o.ctx, petugas, id, o.dinas), "forward to the unit it is in")
	refused(t, o.cw.Forward(o.ctx, petugas, id, 999999), "forward to no unit")
	o.must(o.s.DeactivateUnit(o.ctx, o.other))
	refused(t, o.cw.Forward(o.ctx, petugas, id, o.other), "forward to an inactive unit")
	o.must(o.s.ActivateUnit(o.ctx, o.other))
	o.unchanged(before, "refused forwards")

	// The receiving unit's officer now sees the case and may hand it on.
	o.must(o.cw.Assign(o.ctx, o.user("ppid-dinas"), id, o.user("petugas-dinas").ID))
	if r := o.request(id); r.AssignedTo.Int64 != o.user("petugas-dinas").ID {
		t.Errorf("assigned to %v", r.AssignedTo)
	}
}

func TestExtend(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	id := o.submit() // Monday 5 October 2026, 10:00: 10 working days from the 6th end on Monday the 19th
	ppid := o.user("ppid-utama")
	if got := o.request(id).ResponseDue; got != calendar.NewDate(2026, 10, 19) {
		t.Fatalf("response due %v", got)
	}

	before := o.snapshot()
	o.set(at(7, 10))
	r := refused(t, o.cw.Extend(o.ctx, ppid, id, "kurang"), "extend without reasons")
	if r.Field != "reason" {
		t.Errorf("refusal %+v", r)
	}
	if err := o.cw.Extend(o.ctx, o.user("petugas-utama"), id, "Dokumen tersebar di tiga bidang"); !errors.Is(err, casework.ErrForbidden) {
		t.Errorf("petugas extends: %v", err)
	}
	o.unchanged(before, "refused extensions")

	reason := "Dokumen tersebar di tiga bidang dan perlu dihimpun"
	o.must(o.cw.Extend(o.ctx, ppid, id, reason))
	// Pasal 22(8): 7 working days from the 19th: 20, 21, 22, 23, 26, 27, 28 October.
	wantDue := calendar.NewDate(2026, 10, 28)
	got := o.request(id)
	if got.Status != request.StatusExtended || got.DueDate != wantDue || got.ExtendedDue != wantDue ||
		got.ExtensionReason.String != reason || got.Version != 2 {
		t.Errorf("after extending: %+v", got)
	}
	ev := o.lastEvent(id)
	checkEvent(t, ev, "extended", request.StatusReceived, request.StatusExtended, true, ppid)
	if !strings.Contains(ev.Note, "28 Oktober 2026") || !strings.Contains(ev.Note, reason) {
		t.Errorf("note %q", ev.Note)
	}
	l, _ := o.checkLetter(id, letters.Extension, letterNumber(1))
	if l.SignerName != ppid.Name || l.DecisionID.Valid || l.ObjectionID.Valid {
		t.Errorf("letter %+v", l)
	}
	m := o.checkMail(id, "request_extended", 2)
	if m.Data["due_date"] != "2026-10-28" || m.Data["status"] != "Diperpanjang" {
		t.Errorf("mail data %v", m.Data)
	}
	if o.counter("letter") != 1 {
		t.Errorf("letter counter %d", o.counter("letter"))
	}

	// Pasal 22(8) allows one extension only.
	before = o.snapshot()
	refused(t, o.cw.Extend(o.ctx, ppid, id, reason), "second extension")
	o.unchanged(before, "a second extension")

	// And only before the 10 days have run out.
	o.set(at(5, 10))
	late := o.submit()
	o.set(at(20, 9))
	before = o.snapshot()
	refused(t, o.cw.Extend(o.ctx, ppid, late, reason), "extension after the 10 days")
	o.unchanged(before, "a late extension")
}

func TestDecideGrantedDeliverClose(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	id := o.submit()
	ppid, petugas := o.user("ppid-utama"), o.user("petugas-utama")

	o.set(at(8, 14))
	if _, err := o.cw.Decide(o.ctx, petugas, id, granted(o.clock.Now())); !errors.Is(err, casework.ErrForbidden) {
		t.Errorf("petugas decides: %v", err)
	}
	errs, err := o.cw.Decide(o.ctx, ppid, id, granted(o.clock.Now()))
	if err != nil {
		t.Fatal(err, errs)
	}
	r := o.request(id)
	if r.Status != request.StatusGranted || r.Decision.String != request.StatusGranted || !r.NoticeAt.Time.Equal(at(8, 14)) ||
		!r.NoticeLate.Valid || r.NoticeLate.Bool || r.ClosedAt.Valid {
		t.Errorf("after deciding: %+v", r)
	}
	checkEvent(t, o.lastEvent(id), "decided", request.StatusReceived, request.StatusGranted, true, ppid)
	ds, err := o.s.Decisions(o.ctx, id)
	o.must(err)
	if len(ds) != 1 || ds[0].Kind != request.StatusGranted || ds[0].DecidedBy.Int64 != ppid.ID || ds[0].InformationGiven != "Salinan RKA 2026" {
		t.Fatalf("decisions %+v", ds)
	}
	l, _ := o.checkLetter(id, letters.Notice, letterNumber(1))
	if l.DecisionID.Int64 != ds[0].ID || len(o.letters(id)) != 1 {
		t.Errorf("notice letter %+v of %d letters", l, len(o.letters(id)))
	}
	o.checkMail(id, "request_decided", 2)

	// Granted information is delivered before the case can close.
	before := o.snapshot()
	refused(t, o.cw.Close(o.ctx, ppid, id), "close before delivery")
	refused(t, o.cw.Deliver(o.ctx, petugas, id, "telepati"), "deliver by an unknown method")
	if _, err := o.cw.Decide(o.ctx, ppid, id, granted(o.clock.Now())); err == nil {
		t.Error("a decided case was decided again")
	}
	o.unchanged(before, "refused steps on a granted case")

	o.set(at(9, 9))
	o.must(o.cw.Deliver(o.ctx, petugas, id, "email"))
	r = o.request(id)
	if r.Status != request.StatusDelivered || !r.DeliveredAt.Time.Equal(at(9, 9)) {
		t.Errorf("after delivering: %+v", r)
	}
	checkEvent(t, o.lastEvent(id), "delivered", request.StatusGranted, request.StatusDelivered, true, petugas)
	o.checkMail(id, "request_delivered", 3)

	if err := o.cw.Close(o.ctx, petugas, id); !errors.Is(err, casework.ErrForbidden) {
		t.Errorf("petugas closes: %v", err)
	}
	o.must(o.cw.Close(o.ctx, ppid, id))
	r = o.request(id)
	if r.Status != request.StatusClosed || !r.ClosedAt.Valid || !r.ClosedAt.Time.Equal(at(9, 9)) {
		t.Errorf("after closing: %+v", r)
	}
	checkEvent(t, o.lastEvent(id), "closed", request.StatusDelivered, request.StatusClosed, true, ppid)
	if len(o.mails(id)) != 3 {
		t.Errorf("closing queued a mail")
	}

	// A closed case takes no more steps, and a refused step writes nothing.
	before = o.snapshot()
	if _, err := o.cw.Decide(o.ctx, ppid, id, refusal(o.clock.Now())); err == nil {
		t.Error("a closed case was decided")
	} else {
		refused(t, err, "decide a closed case")
	}
	refused(t, o.cw.Extend(o.ctx, ppid, id, "Dokumen tersebar di tiga bidang"), "extend a closed case")
	refused(t, o.cw.Withdraw(o.ctx, petugas, id, ""), "withdraw a closed case")
	refused(t, o.cw.Close(o.ctx, ppid, id), "close a closed case")
	refused(t, o.cw.Assign(o.ctx, ppid, id, petugas.ID), "assign a closed case")
	o.unchanged(before, "steps on a closed case")
}

func TestDecideRefusalIssuesNoticeAndRefusalLetters(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	id := o.submit()
	ppid := o.user("ppid-utama")
	o.set(at(8, 14))

	// Pasal 19 and Pasal 2(4): no refusal without the consequence test, each part written down.
	before := o.snapshot()
	incomplete := refusal(o.clock.Now())
	incomplete.Harm, incomplete.ExemptionLetters = " ", []string{"z"}
	errs, err := o.cw.Decide(o.ctx, ppid, id, incomplete)
	refused(t, err, "refusal without its consequence test")
	if errs["harm"] == "" || errs["exemption_letters"] == "" || len(errs) != 2 {
		t.Errorf("field errors %v", errs)
	}
	o.unchanged(before, "an incomplete refusal")

	d := refusal(o.clock.Now())
	if errs, err := o.cw.Decide(o.ctx, ppid, id, d); err != nil {
		t.Fatal(err, errs)
	}
	r := o.request(id)
	if r.Status != request.StatusRefused || r.Decision.String != request.StatusRefused || r.NoticeLate.Bool {
		t.Errorf("after refusing: %+v", r)
	}
	checkEvent(t, o.lastEvent(id), "decided", request.StatusReceived, request.StatusRefused, true, ppid)
	ds, err := o.s.Decisions(o.ctx, id)
	o.must(err)
	if len(ds) != 1 || !slices.Equal(ds[0].ExemptionLetters, []string{"h", "i"}) || ds[0].Harm != d.Harm ||
		ds[0].LegalBasis != d.LegalBasis || ds[0].PublicInterest != d.PublicInterest {
		t.Fatalf("decisions %+v", ds)
	}
	ls := o.letters(id)
	if len(ls) != 2 || ls[0].Kind != string(letters.Notice) || ls[0].Number != letterNumber(1) ||
		ls[1].Kind != string(letters.Refusal) || ls[1].Number != letterNumber(2) {
		t.Fatalf("letters %+v", ls)
	}
	for _, l := range ls {
		if l.DecisionID.Int64 != ds[0].ID {
			t.Errorf("letter %s points at decision %v", l.Number, l.DecisionID)
		}
	}
	o.checkLetter(id, letters.Refusal, letterNumber(2))
	if docs := o.documents(id); len(docs) != 2 {
		t.Errorf("%d documents, want the two letter PDFs", len(docs))
	}
	o.checkMail(id, "request_decided", 2)

	// The refusal letter names the Pasal 17 letters and states the consequence test.
	letter, err := o.cw.LetterFor(o.ctx, ppid, id, ls[1].ID)
	o.must(err)
	if !slices.Equal(letter.ExemptionLetters, []string{"h", "i"}) || letter.Harm != d.Harm || letter.LegalBasis != d.LegalBasis ||
		letter.PublicInterest != d.PublicInterest || letter.Decision != request.StatusRefused {
		t.Errorf("refusal letter %+v", letter)
	}
	html, err := letters.RenderHTML(letter)
	o.must(err)
	for _, want := range []string{"Pasal 17 huruf h", "Pasal 17 huruf i", "Uji Konsekuensi", d.Harm, d.PublicInterest, "DITOLAK"} {
		if !strings.Contains(string(html), want) {
			t.Errorf("refusal letter lacks %q", want)
		}
	}

	// A refused case may close at once.
	o.must(o.cw.Close(o.ctx, ppid, id))
	if r := o.request(id); r.Status != request.StatusClosed {
		t.Errorf("status %s", r.Status)
	}
}

func TestDecideLate(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	id := o.submit()
	o.set(at(21, 10)) // two days after the response due on the 19th
	if errs, err := o.cw.Decide(o.ctx, o.user("ppid-utama"), id, granted(o.clock.Now())); err != nil {
		t.Fatal(err, errs)
	}
	r := o.request(id)
	if !r.NoticeLate.Bool {
		t.Errorf("late notice not marked late: %+v", r)
	}
	if ev := o.lastEvent(id); !strings.Contains(ev.Note, "melewati batas waktu 19 Oktober 2026") {
		t.Errorf("note %q", ev.Note)
	}
}

func TestWithdraw(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	id := o.submit()
	petugas := o.user("petugas-utama")
	o.set(at(7, 13))
	if err := o.cw.Withdraw(o.ctx, o.user("atasan"), id, "x"); !errors.Is(err, casework.ErrForbidden) {
		t.Errorf("atasan withdraws: %v", err)
	}
	o.must(o.cw.Withdraw(o.ctx, petugas, id, "Pemohon sudah mendapat data dari sekolah."))
	r := o.request(id)
	if r.Status != request.StatusWithdrawn || !r.ClosedAt.Time.Equal(at(7, 13)) {
		t.Errorf("after withdrawing: %+v", r)
	}
	ev := o.lastEvent(id)
	checkEvent(t, ev, "withdrawn", request.StatusReceived, request.StatusWithdrawn, true, petugas)
	if !strings.Contains(ev.Note, "Pemohon sudah mendapat data dari sekolah.") {
		t.Errorf("note %q", ev.Note)
	}
	if len(o.mails(id)) != 1 || len(o.letters(id)) != 0 {
		t.Error("withdrawal wrote a mail or a letter")
	}

	// A withdrawn case cannot be objected to, decided or withdrawn again.
	before := o.snapshot()
	refused(t, o.cw.Withdraw(o.ctx, petugas, id, ""), "withdraw twice")
	_, _, err := o.cw.FileObjection(o.ctx, nil, id, workflow.ObjectionFiling{Grounds: []string{"c"}, Reasons: "Tidak ada tanggapan sama sekali."}, "web")
	refused(t, err, "object to a withdrawn case")
	o.unchanged(before, "steps on a withdrawn case")

	// A decided case can no longer be withdrawn.
	other := o.submit()
	if errs, err := o.cw.Decide(o.ctx, o.user("ppid-utama"), other, granted(o.clock.Now())); err != nil {
		t.Fatal(err, errs)
	}
	before = o.snapshot()
	refused(t, o.cw.Withdraw(o.ctx, petugas, other, ""), "withdraw a decided case")
	o.unchanged(before, "withdrawing a decided case")
}

// refusedAndClosed is a case refused on 8 October and closed.
func (o *office) refusedAndClosed() int64 {
	o.t.Helper()
	o.set(at(5, 10))
	id := o.submit()
	o.set(at(8, 14))
	if errs, err := o.cw.Decide(o.ctx, o.user("ppid-utama"), id, refusal(o.clock.Now())); err != nil {
		o.t.Fatal(err, errs)
	}
	o.must(o.cw.Close(o.ctx, o.user("ppid-utama"), id))
	return id
}

var filing = workflow.ObjectionFiling{Grounds: []string{"a"}, Reasons: "Informasi anggaran bukan data pribadi; pengecualian tidak tepat."}

func TestObjectionOverturnedReopens(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	id := o.refusedAndClosed() // letters 0001 (notice) and 0002 (refusal)
	atasan := o.user("atasan")

	// The requester files from the tracking page the next day.
	o.set(at(9, 10))
	before := o.snapshot()
	_, errs, err := o.cw.FileObjection(o.ctx, nil, id, workflow.ObjectionFiling{Grounds: []string{"x"}, Reasons: "pendek"}, "web")
	refused(t, err, "incomplete objection")
	if errs["grounds"] == "" || errs["reasons"] == "" {
		t.Errorf("field errors %v", errs)
	}
	if _, _, err := o.cw.FileObjection(o.ctx, atasan, id, filing, "web"); !errors.Is(err, casework.ErrForbidden) {
		t.Errorf("atasan registers an objection: %v", err)
	}
	o.unchanged(before, "refused filings")

	obj, errs, err := o.cw.FileObjection(o.ctx, nil, id, filing, "web")
	if err != nil {
		t.Fatal(err, errs)
	}
	// Pasal 36(2): 30 working days from Monday 12 October end on Friday 20 November.
	if obj.Number != "KEB/0001/X/2026" || obj.ResponseDue != calendar.NewDate(2026, 11, 20) || obj.Status != workflow.ObjectionOpen || obj.RegisteredBy.Valid {
		t.Errorf("objection %+v", obj)
	}
	stored, err := o.s.Objections(o.ctx, id)
	o.must(err)
	if len(stored) != 1 || stored[0].ID != obj.ID || stored[0].Number != obj.Number {
		t.Fatalf("objections %+v", stored)
	}
	r := o.request(id)
	if r.Status != request.StatusClosed || !r.LastObjectionAt.Valid || r.Version != 4 {
		t.Errorf("after the objection: %+v", r)
	}
	ev := o.lastEvent(id)
	checkEvent(t, ev, "objection_filed", "", "", true, nil)
	if ev.ActorLabel != "Pemohon" || !strings.Contains(ev.Note, obj.Number) || !strings.Contains(ev.Note, "20 November 2026") {
		t.Errorf("event %+v", ev)
	}
	l, _ := o.checkLetter(id, letters.ObjectionReceipt, letterNumber(3))
	if l.ObjectionID.Int64 != obj.ID || l.SignerName != "PPID Uji" {
		t.Errorf("objection receipt %+v", l)
	}
	o.checkMail(id, "objection_received", 3)

	// One objection per notice; the next step would be the Komisi Informasi.
	before = o.snapshot()
	_, _, err = o.cw.FileObjection(o.ctx, o.user("petugas-utama"), id, filing, "walk_in")
	refused(t, err, "second objection")
	if _, err := o.cw.AnswerObjection(o.ctx, o.user("ppid-utama"), id, obj.ID, workflow.ObjectionOverturned, "Keberatan beralasan."); !errors.Is(err, casework.ErrForbidden) {
		t.Errorf("ppid answers an objection: %v", err)
	}
	errs, err = o.cw.AnswerObjection(o.ctx, atasan, id, obj.ID, workflow.ObjectionOverturned, "singkat")
	refused(t, err, "answer without reasons")
	if errs["answer"] == "" {
		t.Errorf("field errors %v", errs)
	}
	if _, err := o.cw.AnswerObjection(o.ctx, atasan, id, 999999, workflow.ObjectionOverturned, "Keberatan beralasan."); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("answer to a missing objection: %v", err)
	}
	o.unchanged(before, "refused objection steps")

	// The atasan PPID overturns the refusal: the case is in process again, with a fresh due date.
	o.set(at(16, 10))
	answer := "Anggaran sekolah adalah informasi yang wajib tersedia setiap saat."
	if errs, err := o.cw.AnswerObjection(o.ctx, atasan, id, obj.ID, workflow.ObjectionOverturned, answer); err != nil {
		t.Fatal(err, errs)
	}
	answered, err := o.s.ObjectionByID(o.ctx, id, obj.ID)
	o.must(err)
	if answered.Status != workflow.ObjectionOverturned || answered.Answer != answer || answered.AnsweredBy.Int64 != atasan.ID ||
		!answered.AnsweredAt.Time.Equal(at(16, 10)) {
		t.Errorf("answered objection %+v", answered)
	}
	r = o.request(id)
	// Ten working days from Monday 19 October end on Friday 30 October.
	if r.Status != request.StatusInProcess || r.ClosedAt.Valid || r.Decision.Valid || r.NoticeAt.Valid || r.NoticeLate.Valid ||
		r.DueDate != calendar.NewDate(2026, 10, 30) {
		t.Errorf("after overturning: %+v", r)
	}
	ev = o.lastEvent(id)
	checkEvent(t, ev, "objection_answered", request.StatusClosed, request.StatusInProcess, true, atasan)
	l, _ = o.checkLetter(id, letters.ObjectionAnswer, letterNumber(4))
	if l.ObjectionID.Int64 != obj.ID || l.SignerName != atasan.Name {
		t.Errorf("answer letter %+v", l)
	}
	o.checkMail(id, "objection_answered", 4)

	// A second answer is refused; the reopened case is decided anew.
	before = o.snapshot()
	errs, err = o.cw.AnswerObjection(o.ctx, atasan, id, obj.ID, workflow.ObjectionUpheld, answer)
	refused(t, err, "second answer")
	if errs["outcome"] == "" {
		t.Errorf("field errors %v", errs)
	}
	o.unchanged(before, "a second answer")
	if errs, err := o.cw.Decide(o.ctx, o.user("ppid-utama"), id, granted(o.clock.Now())); err != nil {
		t.Fatal(err, errs)
	}
	if ds, _ := o.s.Decisions(o.ctx, id); len(ds) != 2 || o.request(id).Status != request.StatusGranted {
		t.Errorf("decisions after reopening: %+v", ds)
	}
}

func TestObjectionUpheldAndDispute(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	id := o.refusedAndClosed()
	atasan, ppid := o.user("atasan"), o.user("ppid-utama")
	o.set(at(9, 10))
	obj, errs, err := o.cw.FileObjection(o.ctx, o.user("petugas-utama"), id, filing, "walk_in")
	if err != nil {
		t.Fatal(err, errs)
	}
	if obj.RegisteredBy.Int64 != o.user("petugas-utama").ID || obj.Channel != "walk_in" {
		t.Errorf("objection %+v", obj)
	}

	o.set(at(16, 10))
	if errs, err := o.cw.AnswerObjection(o.ctx, atasan, id, obj.ID, workflow.ObjectionUpheld, "Pengecualian Pasal 17 huruf h sudah tepat."); err != nil {
		t.Fatal(err, errs)
	}
	r := o.request(id)
	if r.Status != request.StatusClosed || !r.ClosedAt.Valid || r.Decision.String != request.StatusRefused {
		t.Errorf("after upholding: %+v", r)
	}
	ev := o.lastEvent(id)
	checkEvent(t, ev, "objection_answered", "", "", true, atasan)
	// Pasal 37(2): 14 working days from Monday 19 October end on Thursday 5 November.
	if !strings.Contains(ev.Note, "Komisi Informasi") || !strings.Contains(ev.Note, "5 November 2026") {
		t.Errorf("note %q", ev.Note)
	}
	o.checkLetter(id, letters.ObjectionAnswer, letterNumber(4))
	o.checkMail(id, "objection_answered", 4)

	// The dispute at the Komisi Informasi.
	o.set(at(26, 10))
	in := casework.DisputeInput{ObjectionID: obj.ID, KINumber: " 012/REG-PSI/X/2026 ", KIReceived: calendar.NewDate(2026, 10, 26)}
	before := o.snapshot()
	if _, err := o.cw.SaveDispute(o.ctx, o.user("petugas-utama"), id, in); !errors.Is(err, casework.ErrForbidden) {
		t.Errorf("petugas records a dispute: %v", err)
	}
	errs, err = o.cw.SaveDispute(o.ctx, ppid, id, casework.DisputeInput{KIReceived: calendar.NewDate(2026, 10, 26)})
	refused(t, err, "dispute without its number")
	if errs["ki_number"] == "" {
		t.Errorf("field errors %v", errs)
	}
	o.unchanged(before, "refused disputes")

	if errs, err := o.cw.SaveDispute(o.ctx, atasan, id, in); err != nil {
		t.Fatal(err, errs)
	}
	ds, err := o.s.Disputes(o.ctx, id)
	o.must(err)
	// Pasal 38(1): the KI starts within 14 working days of Monday 26 October: Friday 13 November.
	if len(ds) != 1 || ds[0].KINumber != "012/REG-PSI/X/2026" || ds[0].ObjectionID.Int64 != obj.ID ||
		ds[0].KIStartDue != calendar.NewDate(2026, 11, 13) || ds[0].KIFinishDue.IsZero() || ds[0].UpdatedBy.Int64 != atasan.ID {
		t.Fatalf("disputes %+v", ds)
	}
	ev = o.lastEvent(id)
	checkEvent(t, ev, "dispute_recorded", "", "", true, atasan)
	if !strings.Contains(ev.Note, "012/REG-PSI/X/2026") {
		t.Errorf("note %q", ev.Note)
	}
	if len(o.mails(id)) != 4 || len(o.letters(id)) != 4 {
		t.Error("recording a dispute wrote a mail or a letter")
	}

	// Updating it: the adjudication ruling received starts the 14 working days to go to court.
	in.ID, in.RulingDate, in.RulingReceived, in.Ruling = ds[0].ID, calendar.NewDate(2026, 10, 26), calendar.NewDate(2026, 10, 26), "Menolak permohonan sengketa"
	in.AdjudicationDate, in.OutcomeKind = calendar.NewDate(2026, 10, 26), workflow.DisputeAdjudication
	if errs, err := o.cw.SaveDispute(o.ctx, ppid, id, in); err != nil {
		t.Fatal(err, errs)
	}
	ds, err = o.s.Disputes(o.ctx, id)
	o.must(err)
	if len(ds) != 1 || ds[0].CourtDue != calendar.NewDate(2026, 11, 13) || ds[0].Ruling != "Menolak permohonan sengketa" {
		t.Errorf("updated dispute %+v", ds)
	}
	checkEvent(t, o.lastEvent(id), "dispute_updated", "", "", true, ppid)
}

func TestAddDocument(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	id := o.submit()
	petugas := o.user("petugas-utama")
	o.set(at(7, 10))
	body := []byte("Rincian RKA Dinas Pendidikan 2026\nBelanja pegawai: 1.200.000.000\n")
	sum := sha256.Sum256(body)

	before := o.snapshot()
	_, errs, err := o.cw.AddDocument(o.ctx, petugas, id, casework.Upload{Kind: "resep", Visibility: "semua", Filename: "a.txt", Body: bytes.NewReader(body)})
	refused(t, err, "upload of an unknown kind")
	if errs["kind"] == "" || errs["visibility"] == "" {
		t.Errorf("field errors %v", errs)
	}
	_, errs, err = o.cw.AddDocument(o.ctx, petugas, id, casework.Upload{Kind: "response", Visibility: "requester", Filename: "a.exe",
		Body: bytes.NewReader(append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), make([]byte, 64)...))})
	refused(t, err, "upload of an executable")
	if errs["file"] == "" {
		t.Errorf("field errors %v", errs)
	}
	for _, name := range []string{"atasan", "admin"} {
		if _, _, err := o.cw.AddDocument(o.ctx, o.user(name), id, casework.Upload{Kind: "response", Visibility: "requester",
			Filename: "a.txt", Body: bytes.NewReader(body)}); !errors.Is(err, casework.ErrForbidden) {
			t.Errorf("%s uploads: %v", name, err)
		}
	}
	o.unchanged(before, "refused uploads")

	doc, errs, err := o.cw.AddDocument(o.ctx, petugas, id, casework.Upload{Kind: "response", Visibility: "requester",
		Filename: `C:\Users\petugas\RKA 2026.txt`, Body: bytes.NewReader(body)})
	if err != nil {
		t.Fatal(err, errs)
	}
	docs := o.documents(id)
	if len(docs) != 1 || docs[0].ID != doc.ID || docs[0].SHA256 != hex.EncodeToString(sum[:]) || docs[0].Size != int64(len(body)) ||
		docs[0].ContentType != "text/plain" || docs[0].Filename != "RKA 2026.txt" || docs[0].UploadedBy.Int64 != petugas.ID ||
		docs[0].Kind != "response" || docs[0].Visibility != "requester" {
		t.Fatalf("documents %+v", docs)
	}
	if got := o.readDocument(petugas, id, doc.ID); !bytes.Equal(got, body) {
		t.Errorf("stored %q", got)
	}
	ev := o.lastEvent(id)
	checkEvent(t, ev, "document_added", "", "", true, petugas)
	if !strings.Contains(ev.Note, "RKA 2026.txt") {
		t.Errorf("note %q", ev.Note)
	}
	o.checkMail(id, "documents_ready", 2)
	if r := o.request(id); r.Status != request.StatusReceived || r.Version != 2 {
		t.Errorf("after the upload: %+v", r)
	}

	// An internal document tells the requester nothing.
	if _, errs, err := o.cw.AddDocument(o.ctx, petugas, id, casework.Upload{Kind: "other", Visibility: "internal",
		Filename: "catatan.txt", Body: strings.NewReader("Catatan rapat internal bidang anggaran.\n")}); err != nil {
		t.Fatal(err, errs)
	}
	checkEvent(t, o.lastEvent(id), "document_added", "", "", false, petugas)
	if len(o.mails(id)) != 2 || len(o.documents(id)) != 2 {
		t.Errorf("%d mails, %d documents", len(o.mails(id)), len(o.documents(id)))
	}
	// The requester may not open it.
	if _, _, err := o.cw.Document(o.ctx, nil, id, o.documents(id)[1].ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("requester opens an internal document: %v", err)
	}
}

// TestStepsRefuseWrongRoleAndOtherUnit runs every step as an actor whose role may not take it
// (ErrForbidden) and as an officer of another PPID Pelaksana (ErrNotFound, as if the case did
// not exist); neither writes anything.
func TestStepsRefuseWrongRoleAndOtherUnit(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	// A case refused by Dinas Pendidikan, with an objection open: every step has what it needs.
	o.set(at(5, 10))
	id := o.submit()
	o.must(o.cw.Forward(o.ctx, o.user("ppid-utama"), id, o.dinas))
	o.set(at(8, 14))
	if errs, err := o.cw.Decide(o.ctx, o.user("ppid-dinas"), id, refusal(o.clock.Now())); err != nil {
		t.Fatal(err, errs)
	}
	o.set(at(9, 10))
	obj, errs, err := o.cw.FileObjection(o.ctx, nil, id, filing, "web")
	if err != nil {
		t.Fatal(err, errs)
	}
	// And a fresh case in the same unit for the steps before a decision.
	o.set(at(9, 11))
	fresh := o.submit()
	o.must(o.cw.Forward(o.ctx, o.user("ppid-utama"), fresh, o.dinas))

	steps := map[string]func(actor *store.User) error{
		"assign":  func(a *store.User) error { return o.cw.Assign(o.ctx, a, fresh, o.user("petugas-dinas").ID) },
		"forward": func(a *store.User) error { return o.cw.Forward(o.ctx, a, fresh, o.other) },
		"extend":  func(a *store.User) error { return o.cw.Extend(o.ctx, a, fresh, "Dokumen tersebar di tiga bidang") },
		"decide": func(a *store.User) error {
			_, err := o.cw.Decide(o.ctx, a, fresh, granted(o.clock.Now()))
			return err
		},
		"deliver":  func(a *store.User) error { return o.cw.Deliver(o.ctx, a, id, "email") },
		"close":    func(a *store.User) error { return o.cw.Close(o.ctx, a, id) },
		"withdraw": func(a *store.User) error { return o.cw.Withdraw(o.ctx, a, fresh, "") },
		"file objection": func(a *store.User) error {
			_, _, err := o.cw.FileObjection(o.ctx, a, fresh, filing, "walk_in")
			return err
		},
		"answer objection": func(a *store.User) error {
			_, err := o.cw.AnswerObjection(o.ctx, a, id, obj.ID, workflow.ObjectionOverturned, "Keberatan beralasan dan diterima.")
			return err
		},
		"save dispute": func(a *store.User) error {
			_, err := o.cw.SaveDispute(o.ctx, a, id, casework.DisputeInput{KINumber: "1/KI", KIReceived: calendar.NewDate(2026, 10, 9)})
			return err
		},
		"add document": func(a *store.User) error {
			_, _, err := o.cw.AddDocument(o.ctx, a, fresh, casework.Upload{Kind: "response", Visibility: "requester",
				Filename: "a.txt", Body: strings.NewReader("Isi dokumen untuk pemohon.\n")})
			return err
		},
		"issue receipt": func(a *store.User) error { return o.cw.IssueReceipt(o.ctx, a, fresh) },
	}
	cases := []struct {
		step   string
		actors []string
		want   error
	}{
		{"assign", []string{"atasan", "admin", ""}, casework.ErrForbidden},
		{"forward", []string{"atasan", "admin"}, casework.ErrForbidden},
		{"extend", []string{"petugas-utama", "petugas-dinas", "atasan", "admin"}, casework.ErrForbidden},
		{"decide", []string{"petugas-dinas", "atasan", "admin"}, casework.ErrForbidden},
		{"deliver", []string{"atasan", "admin"}, casework.ErrForbidden},
		{"close", []string{"petugas-dinas", "atasan"}, casework.ErrForbidden},
		{"withdraw", []string{"atasan", "admin", ""}, casework.ErrForbidden},
		{"file objection", []string{"atasan", "admin"}, casework.ErrForbidden},
		{"answer objection", []string{"ppid-utama", "ppid-dinas", "petugas-dinas", "admin", ""}, casework.ErrForbidden},
		{"save dispute", []string{"petugas-dinas", "admin", ""}, casework.ErrForbidden},
		{"add document", []string{"atasan", "admin", ""}, casework.ErrForbidden},

		{"assign", []string{"ppid-lain", "petugas-lain"}, store.ErrNotFound},
		{"forward", []string{"ppid-lain", "petugas-lain"}, store.ErrNotFound},
		{"extend", []string{"ppid-lain"}, store.ErrNotFound},
		{"decide", []string{"ppid-lain"}, store.ErrNotFound},
		{"deliver", []string{"petugas-lain"}, store.ErrNotFound},
		{"close", []string{"ppid-lain"}, store.ErrNotFound},
		{"withdraw", []string{"petugas-lain"}, store.ErrNotFound},
		{"file objection", []string{"petugas-lain"}, store.ErrNotFound},
		{"answer objection", []string{"atasan-lain"}, store.ErrNotFound},
		{"save dispute", []string{"ppid-lain", "atasan-lain"}, store.ErrNotFound},
		{"add document", []string{"petugas-lain"}, store.ErrNotFound},
		{"issue receipt", []string{"ppid-lain"}, store.ErrNotFound},
	}
	before := o.snapshot()
	o.blobs.reset(0)
	for _, c := range cases {
		for _, name := range c.actors {
			var actor *store.User
			if name != "" {
				actor = o.user(name)
			}
			if err := steps[c.step](actor); !errors.Is(err, c.want) {
				t.Errorf("%s by %q: %v, want %v", c.step, name, err, c.want)
			}
		}
	}
	o.unchanged(before, "refused actors")
	if len(o.blobs.stored()) != 0 {
		t.Errorf("refused actors stored blobs %v", o.blobs.stored())
	}

	// The unit's own officers, and the PPID Utama who coordinates every unit, may act.
	o.must(o.cw.Extend(o.ctx, o.user("ppid-dinas"), fresh, "Dokumen tersebar di tiga bidang"))
	o.must(o.cw.Assign(o.ctx, o.user("ppid-utama"), fresh, o.user("petugas-dinas").ID))
	if _, err := o.cw.AnswerObjection(o.ctx, o.user("atasan"), id, obj.ID, workflow.ObjectionUpheld, "Pengecualian sudah tepat."); err != nil {
		t.Error(err)
	}
}
