// Package workflow is the request lifecycle under UU 14/2008 as a pure state machine: given a
// case and a command it returns the transition to record, or refuses with a reason a person
// can act on. It knows nothing of HTTP or SQL; the caller writes the transition, its event and
// its e-mail in one transaction.
package workflow

import (
	"fmt"
	"slices"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/deadline"
	"github.com/terbuka-id/terbuka/internal/request"
)

// Case is what the rules need to know of a request.
type Case struct {
	Status      string
	ReceivedAt  time.Time
	ResponseDue calendar.Date
	ExtendedDue calendar.Date // zero until extended
	DueDate     calendar.Date
	NoticeAt    time.Time // zero until decided
	// LastObjectionAt is when the latest objection was filed; zero when none was.
	LastObjectionAt time.Time
	ObjectionOpen   bool   // an objection waits for the atasan's answer
	HasDispute      bool   // a KI dispute was recorded
	Decision        string // the latest written notice's kind, "" before one
	// NoticeDelivery is how the latest notice's letter reached the requester (zero until recorded).
	NoticeDelivery Delivery
	// DeliveryDue is the day a grant promised delivery by (zero: none promised); DeliveredAt when
	// the information was handed over (zero: not yet). Together they raise Pasal 35(1) g.
	DeliveryDue calendar.Date
	DeliveredAt time.Time
	// DocumentationDue is the day by which information not yet documented is to be provided (zero otherwise).
	DocumentationDue calendar.Date
	// CostTotal is what the notice charges (Pasal 22(7) g); Paid once its payment is recorded.
	CostTotal int64
	Paid      bool
	// OtherActiveUnit: an active unit other than the case's exists, so forwarding can be offered.
	OtherActiveUnit bool
}

// Delivery is how a letter reached the requester: UU 14/2008 Pasal 36(1) and 37(2) count the
// requester's next window from its receipt (DESIGN §2).
type Delivery struct {
	SentAt     time.Time     // zero until the sending is recorded
	ReceivedOn calendar.Date // the recorded receipt; zero while a letter by post or courier is on its way
}

// ReceivedDay is the day the requester received the letter: the recorded day, else the day it was
// sent (e-mail, in person, or post until its receipt is known); zero when its sending is not recorded.
func (d Delivery) ReceivedDay(loc *time.Location) calendar.Date {
	if !d.ReceivedOn.IsZero() {
		return d.ReceivedOn
	}
	if !d.SentAt.IsZero() {
		return calendar.DateOf(d.SentAt.In(loc))
	}
	return calendar.Date{}
}

// Closed reports whether the case needs no more work from the PPID.
func (c Case) Closed() bool {
	return c.Status == request.StatusClosed || c.Status == request.StatusWithdrawn
}

// Refusal is an impossible move, with a message in Indonesian for the officer or requester.
// Field names the input at fault when the move failed for a missing or wrong value rather than
// for the state of the case (an API answers 422 naming it, not 409).
type Refusal struct{ Message, Field string }

func (r *Refusal) Error() string { return r.Message }

func refuse(format string, args ...any) *Refusal {
	return &Refusal{Message: fmt.Sprintf(format, args...)}
}

// missing refuses a move for a value the officer has to give.
func missing(field, msg string) *Refusal { return &Refusal{Message: msg, Field: field} }

// Transition is what a command changes; the caller persists it atomically.
type Transition struct {
	Action      Action
	From, To    string
	DueDate     calendar.Date // the due date after the move (unchanged unless the clock moves)
	ExtendedDue calendar.Date
	Close       bool
	Late        bool   // a decision given after its due date
	EventKind   string // the history row's kind
	Note        string // the history row's text, shown to the requester when Public
	Public      bool
	Mail        string // the requester's e-mail template, "" for none
	// DeliveryDue is the day a grant promises delivery by, which its e-mail states (Pasal 22(7));
	// DeliveryDueShift the sentence that it may move ("" when final). Zero otherwise.
	DeliveryDue      calendar.Date
	DeliveryDueShift string
}

// Action names a command; permissions and the history use it.
type Action string

const (
	Assign   Action = "assign"
	Forward  Action = "forward"
	Extend   Action = "extend"
	Decide   Action = "decide"
	Deliver  Action = "deliver"
	Close    Action = "close"
	Withdraw Action = "withdraw"
	Reopen   Action = "reopen"
)

// PendingStatuses are the states before the written notice, while the 10/17-WD clock runs.
var PendingStatuses = []string{request.StatusReceived, request.StatusInProcess, request.StatusExtended}

// Pending reports whether the written notice is still to come, so the 10/17-WD clock runs.
func (c Case) Pending() bool { return slices.Contains(PendingStatuses, c.Status) }

func (c Case) refuseClosed() *Refusal {
	if c.Closed() {
		return refuse("Permohonan sudah %s; tidak ada lagi yang dapat diubah.", lower(request.Label(request.Statuses, c.Status)))
	}
	return nil
}

func (c Case) unchanged(a Action, kind, note string, public bool) Transition {
	return Transition{Action: a, From: c.Status, To: c.Status, DueDate: c.DueDate, ExtendedDue: c.ExtendedDue,
		EventKind: kind, Note: note, Public: public}
}

// PlanAssign puts the case in an officer's hands; a received case becomes in process.
func PlanAssign(c Case, officerName string) (Transition, error) {
	if r := c.refuseClosed(); r != nil {
		return Transition{}, r
	}
	if !c.Pending() {
		return Transition{}, refuse("Permohonan sudah diputus; penugasan hanya sebelum pemberitahuan tertulis.")
	}
	t := c.unchanged(Assign, "assigned", "Ditangani oleh "+officerName+".", false)
	if c.Status == request.StatusReceived {
		t.To = request.StatusInProcess
		t.Public, t.Note = true, "Permohonan sedang diproses."
	}
	return t, nil
}

// PlanForward hands the case to another unit (PPID Pelaksana); the clock does not restart.
func PlanForward(c Case, unitName string) (Transition, error) {
	if r := c.refuseClosed(); r != nil {
		return Transition{}, r
	}
	if !c.Pending() {
		return Transition{}, refuse("Permohonan sudah diputus; hanya permohonan yang belum diputus dapat diteruskan.")
	}
	return c.unchanged(Forward, "forwarded", "Diteruskan ke "+unitName+"; tenggat tidak berubah.", false), nil
}

// PlanExtend grants the one extension of UU 14/2008 Pasal 22(8): 7 working days after the end of
// the 10-day period, with written reasons, while that period has not yet passed.
func PlanExtend(c Case, reason string, now time.Time, cal *calendar.Calendar) (Transition, error) {
	if r := c.refuseClosed(); r != nil {
		return Transition{}, r
	}
	if c.Status == request.StatusExtended || !c.ExtendedDue.IsZero() {
		return Transition{}, refuse("Perpanjangan hanya dapat diberikan satu kali (UU 14/2008 Pasal 22(8)).")
	}
	if !c.Pending() {
		return Transition{}, refuse("Permohonan sudah diputus; perpanjangan tidak lagi mungkin.")
	}
	today := calendar.DateOf(now.In(cal.Location()))
	if today.After(c.ResponseDue) {
		return Transition{}, refuse("Batas 10 hari kerja sudah lewat pada %s; perpanjangan harus diberikan sebelum batas itu (UU 14/2008 Pasal 22(8)).", calendar.FormatID(c.ResponseDue))
	}
	if len([]rune(trim(reason))) < 10 {
		return Transition{}, missing("reason", "Tuliskan alasan perpanjangan (UU 14/2008 Pasal 22(8) mewajibkan alasan tertulis).")
	}
	ext := deadline.FromDay(cal, deadline.Extension, c.ResponseDue)
	return Transition{Action: Extend, From: c.Status, To: request.StatusExtended, DueDate: ext.Due, ExtendedDue: ext.Due,
		EventKind: "extended", Public: true, Mail: "request_extended",
		Note: "Jangka waktu diperpanjang sampai " + calendar.FormatID(ext.Due) + ". Alasan: " + trim(reason)}, nil
}

// PlanDecide records the written notice of UU 14/2008 Pasal 22(7). Its date stops the clock; a
// notice after the due date is allowed but recorded as late.
func PlanDecide(c Case, d Decision, cal *calendar.Calendar, now time.Time) (Transition, request.FieldErrors, error) {
	if r := c.refuseClosed(); r != nil {
		return Transition{}, nil, r
	}
	if !c.Pending() {
		return Transition{}, nil, refuse("Permohonan sudah diputus (%s). Putusan baru hanya setelah keberatan dikabulkan atasan PPID.",
			lower(request.Label(request.Statuses, c.Status)))
	}
	if errs := d.Validate(c, now); len(errs) > 0 {
		return Transition{}, errs, refuse("Putusan belum lengkap: periksa kolom yang ditandai.")
	}
	noticeDay := calendar.DateOf(d.NoticeAt.In(cal.Location()))
	t := Transition{Action: Decide, From: c.Status, To: d.Kind, DueDate: c.DueDate, ExtendedDue: c.ExtendedDue,
		Late: noticeDay.After(c.DueDate), EventKind: "decided", Public: true, Mail: "request_decided",
		Note: "Pemberitahuan tertulis: " + request.Label(request.Decisions, d.Kind) + "."}
	if t.Late {
		t.Note += " Diberikan melewati batas waktu " + calendar.FormatID(c.DueDate) + "."
	}
	// The requester's history and e-mail carry the promise and the charge the notice states.
	if d.Kind == request.StatusNotDocumented {
		t.Note += " Informasi akan disediakan paling lambat " + calendar.FormatID(d.DocumentedBy) + "."
	}
	if total := d.Fees.Total(); total > 0 && (d.Kind == request.StatusGranted || d.Kind == request.StatusPartial) {
		t.Note += " Biaya salinan " + FormatRupiah(total) + ", dibayar sebelum informasi diserahkan."
	}
	if !d.DeliveryDue.IsZero() && (d.Kind == request.StatusGranted || d.Kind == request.StatusPartial) {
		// As the delivery clock of Clocks: provisional while a year from the notice to it has no SKB.
		t.DeliveryDue, t.DeliveryDueShift = d.DeliveryDue, calendar.ShiftNotice(cal.ProvisionalYears(noticeDay, d.DeliveryDue))
	}
	return t, nil, nil
}

// PlanDeliver records that granted information, or information documented after a "not yet
// documented" notice, was handed over.
func PlanDeliver(c Case, method string) (Transition, error) {
	if r := c.refuseClosed(); r != nil {
		return Transition{}, r
	}
	if !c.deliverable() {
		return Transition{}, refuse("Hanya informasi yang dikabulkan yang dapat diserahkan.")
	}
	// Pasal 22(7) g: the notice's cost is paid before the copies are handed over.
	if c.CostTotal > 0 && !c.Paid {
		return Transition{}, refuse("Biaya %s belum dibayar; catat pembayaran dahulu (UU 14/2008 Pasal 22(7) huruf g).", FormatRupiah(c.CostTotal))
	}
	if !slices.ContainsFunc(request.DeliveryMethods, func(o request.Option) bool { return o.Code == method }) {
		return Transition{}, missing("method", "Pilih cara penyerahan informasi.")
	}
	return Transition{Action: Deliver, From: c.Status, To: request.StatusDelivered, DueDate: c.DueDate, ExtendedDue: c.ExtendedDue,
		EventKind: "delivered", Public: true, Mail: "request_delivered",
		Note: "Informasi diserahkan (" + lower(request.Label(request.DeliveryMethods, method)) + ")."}, nil
}

// PlanClose ends a case whose information was delivered or whose notice needs no delivery.
func PlanClose(c Case, now time.Time, cal *calendar.Calendar) (Transition, error) {
	if r := c.refuseClosed(); r != nil {
		return Transition{}, r
	}
	today := calendar.DateOf(now.In(cal.Location()))
	switch {
	case c.closable(today):
	case c.Status == request.StatusNotDocumented:
		// Perki 1/2021: the promise of the notice stands until the information is delivered or its period lapses.
		return Transition{}, refuse("Informasi dijanjikan tersedia paling lambat %s; catat penyerahannya, atau tutup setelah tanggal itu lewat.",
			calendar.FormatID(c.DocumentationDue))
	case c.Granted():
		return Transition{}, refuse("Informasi yang dikabulkan belum diserahkan; catat penyerahan dahulu.")
	default:
		return Transition{}, refuse("Permohonan belum diputus; berikan pemberitahuan tertulis dahulu.")
	}
	return Transition{Action: Close, From: c.Status, To: request.StatusClosed, DueDate: c.DueDate, ExtendedDue: c.ExtendedDue,
		Close: true, EventKind: "closed", Public: true, Note: "Permohonan selesai."}, nil
}

// PlanWithdraw records that the requester withdrew the request before it was decided.
func PlanWithdraw(c Case, reason string) (Transition, error) {
	if r := c.refuseClosed(); r != nil {
		return Transition{}, r
	}
	if !c.Pending() {
		return Transition{}, refuse("Permohonan yang sudah diputus tidak dapat ditarik.")
	}
	note := "Permohonan ditarik oleh pemohon."
	if r := trim(reason); r != "" {
		note += " " + r
	}
	return Transition{Action: Withdraw, From: c.Status, To: request.StatusWithdrawn, DueDate: c.DueDate, ExtendedDue: c.ExtendedDue,
		Close: true, EventKind: "withdrawn", Public: true, Note: note}, nil
}

// Fulfilment is the office's own period to fulfil a request after the atasan PPID overturned
// its decision: the law names none (UU 14/2008 Pasal 36), so the 10 days of Pasal 22(7) apply.
var Fulfilment = deadline.Rule{Name: "fulfilment", Label: "Pemenuhan setelah keberatan dikabulkan", Days: 10,
	Article: "UU 14/2008 Pasal 36 (tenggat mengikuti Pasal 22(7))"}

// PlanReopen puts a decided case back in process after the atasan PPID overturned the decision.
func PlanReopen(c Case, at time.Time, cal *calendar.Calendar) (Transition, error) {
	if c.Status == request.StatusWithdrawn || c.Pending() {
		return Transition{}, refuse("Hanya permohonan yang sudah diputus dapat dibuka kembali.")
	}
	due := deadline.Compute(cal, Fulfilment, at).Due
	return Transition{Action: Reopen, From: c.Status, To: request.StatusInProcess, DueDate: due, ExtendedDue: c.ExtendedDue,
		EventKind: "reopened", Public: true,
		Note: "Keberatan dikabulkan atasan PPID; permohonan diproses kembali dan wajib dipenuhi paling lambat " + calendar.FormatID(due) + "."}, nil
}
