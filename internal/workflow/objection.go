package workflow

import (
	"slices"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/deadline"
	"github.com/terbuka-id/terbuka/internal/request"
)

// ObjectionGrounds of UU 14/2008 Pasal 35(1).
var ObjectionGrounds = []request.Option{
	{Code: "a", Label: "a. penolakan berdasarkan alasan pengecualian Pasal 17"},
	{Code: "b", Label: "b. tidak disediakannya informasi berkala (Pasal 9)"},
	{Code: "c", Label: "c. tidak ditanggapinya permintaan informasi"},
	{Code: "d", Label: "d. permintaan ditanggapi tidak sebagaimana yang diminta"},
	{Code: "e", Label: "e. tidak dipenuhinya permintaan informasi"},
	{Code: "f", Label: "f. pengenaan biaya yang tidak wajar"},
	{Code: "g", Label: "g. penyampaian informasi melebihi waktu yang diatur"},
}

// Window is an objection window (UU 14/2008 Pasal 36(1)) and the grounds of Pasal 35(1) a filing
// in it may cite.
type Window struct {
	deadline.Deadline
	Grounds []string // codes of ObjectionGrounds; empty when no window is open
}

// allGrounds: a notice or an unanswered request may be objected to on any ground of Pasal 35(1).
func allGrounds() []string {
	out := make([]string, len(ObjectionGrounds))
	for i, g := range ObjectionGrounds {
		out[i] = g.Code
	}
	return out
}

// ObjectionWindow is when the requester may object, and on which grounds. UU 14/2008 Pasal 36(1):
// within 30 working days after a ground arose — the written notice, the lapse of the deadline
// without one, or (Pasal 35(1) g) a grant's promised delivery day passing without delivery. Each
// ground opens its own window; the latest open one is returned with the grounds of every open one.
// ok is false with a reason when no objection can be filed now.
func ObjectionWindow(c Case, now time.Time, cal *calendar.Calendar) (window Window, ok bool, reason string) {
	if c.Status == request.StatusWithdrawn {
		return Window{}, false, "Permohonan sudah ditarik; keberatan tidak dapat diajukan."
	}
	today := calendar.DateOf(now.In(cal.Location()))
	type arisen struct {
		w    Window
		used bool // an objection was filed since this ground arose
	}
	var grounds []arisen
	// One objection per ground: once filed against this notice (or this lapse), the next step is the
	// Komisi Informasi (Pasal 37), not a second objection. A new notice after a reopening is a new ground.
	firstUsed := !c.LastObjectionAt.IsZero() && (c.NoticeAt.IsZero() || !c.LastObjectionAt.Before(c.NoticeAt))
	switch {
	case !c.NoticeAt.IsZero():
		// Pasal 36(1): a notice is a ground from the day the requester received its letter; until its
		// sending is recorded, from the notice itself.
		var d deadline.Deadline
		if received := c.NoticeDelivery.ReceivedDay(cal.Location()); !received.IsZero() {
			d = deadline.FromReceipt(cal, deadline.ObjectionWindow, received)
		} else {
			d = deadline.Compute(cal, deadline.ObjectionWindow, c.NoticeAt)
		}
		grounds = append(grounds, arisen{Window{d, allGrounds()}, firstUsed})
	case today.After(c.DueDate):
		// The ground (Pasal 35(1) c) arises when the due day has ended without a notice; D0 = the due day (DESIGN §2).
		grounds = append(grounds, arisen{Window{deadline.AfterLapse(cal, deadline.ObjectionWindow, c.DueDate), allGrounds()}, firstUsed})
	}
	if late, ok := c.lateDelivery(today, cal.Location()); ok {
		// Pasal 35(1) g: the promised day ended without delivery; like any lapse, D0 = that day (DESIGN §2).
		used := !c.LastObjectionAt.IsZero() && calendar.DateOf(c.LastObjectionAt.In(cal.Location())).After(late)
		grounds = append(grounds, arisen{Window{deadline.AfterLapse(cal, deadline.ObjectionWindow, late), []string{"g"}}, used})
	}
	if c.DocumentationLapsed(today) {
		// Pasal 35(1) e: the period a "not yet documented" notice promised ended without the
		// information; like any lapse, D0 = its last day (DESIGN §2).
		used := !c.LastObjectionAt.IsZero() && calendar.DateOf(c.LastObjectionAt.In(cal.Location())).After(c.DocumentationDue)
		grounds = append(grounds, arisen{Window{deadline.AfterLapse(cal, deadline.ObjectionWindow, c.DocumentationDue), []string{"e"}}, used})
	}
	if len(grounds) == 0 {
		return Window{}, false, "Keberatan dapat diajukan setelah ada pemberitahuan tertulis, atau bila sampai " +
			calendar.FormatID(c.DueDate) + " belum ada tanggapan (UU 14/2008 Pasal 35(1))."
	}
	var allowed []string
	for _, g := range grounds {
		if !g.used && g.w.Accepts(today) {
			window, ok = g.w, true
			allowed = append(allowed, g.w.Grounds...)
		}
	}
	if ok {
		window.Grounds = slices.DeleteFunc(allGrounds(), func(code string) bool { return !slices.Contains(allowed, code) })
		return window, true, ""
	}
	latest := grounds[len(grounds)-1]
	if latest.used {
		return Window{}, false, "Keberatan atas tanggapan ini sudah diajukan. Bila tidak puas dengan tanggapan atasan PPID, " +
			"sengketa dapat diajukan ke Komisi Informasi (UU 14/2008 Pasal 37)."
	}
	latest.w.Grounds = nil
	return latest.w, false, "Batas pengajuan keberatan (30 hari kerja, UU 14/2008 Pasal 36(1)) telah lewat pada " +
		calendar.FormatID(latest.w.Due) + "."
}

// lateDelivery returns the delivery day a grant promised when it has passed by today without the
// information delivered by then (UU 14/2008 Pasal 35(1) g).
func (c Case) lateDelivery(today calendar.Date, loc *time.Location) (calendar.Date, bool) {
	if c.DeliveryDue.IsZero() || (c.Decision != request.StatusGranted && c.Decision != request.StatusPartial) {
		return calendar.Date{}, false
	}
	if !today.After(c.DeliveryDue) {
		return calendar.Date{}, false
	}
	if !c.DeliveredAt.IsZero() && !calendar.DateOf(c.DeliveredAt.In(loc)).After(c.DeliveryDue) {
		return calendar.Date{}, false // delivered in time
	}
	return c.DeliveryDue, true
}

// ObjectionFiling is what the requester writes.
type ObjectionFiling struct {
	Grounds []string
	Reasons string
	// ReceivedAt is when the office received a paper objection an officer registers; zero: now.
	// UU 14/2008 Pasal 36(2) counts the atasan's 30 working days from it.
	ReceivedAt time.Time
	// Allowed are the grounds the open window allows (Window.Grounds); nil: any ground of Pasal 35(1).
	Allowed []string
}

// Validate names the fields at fault.
func (f ObjectionFiling) Validate() request.FieldErrors {
	errs := request.FieldErrors{}
	if len(f.Grounds) == 0 {
		errs["grounds"] = "Pilih paling sedikit satu alasan keberatan (Pasal 35(1))."
	}
	for _, g := range f.Grounds {
		if !slices.ContainsFunc(ObjectionGrounds, func(o request.Option) bool { return o.Code == g }) {
			errs["grounds"] = "Alasan keberatan tidak dikenal: " + g + "."
		} else if f.Allowed != nil && !slices.Contains(f.Allowed, g) {
			// Pasal 36(1): each ground has its own window; only a ground whose window is open may be cited.
			errs["grounds"] = "Alasan huruf " + g + " tidak dapat diajukan saat ini; yang dapat diajukan: huruf " +
				strings.Join(f.Allowed, ", ") + " (UU 14/2008 Pasal 35(1), 36(1))."
		}
	}
	if n := len([]rune(strings.TrimSpace(f.Reasons))); n < 10 || n > 5000 {
		errs["reasons"] = "Uraikan alasan keberatan (10–5000 karakter)."
	}
	return errs
}

// Objection outcomes: the atasan PPID upholds the PPID's decision or overturns it.
const (
	ObjectionOpen       = "diterima"
	ObjectionUpheld     = "dikuatkan"
	ObjectionOverturned = "dibatalkan"
)

// ObjectionOutcomes with their labels.
var ObjectionOutcomes = []request.Option{
	{Code: ObjectionUpheld, Label: "Menguatkan putusan PPID (keberatan ditolak)"},
	{Code: ObjectionOverturned, Label: "Membatalkan putusan PPID (keberatan diterima; informasi wajib diberikan)"},
}

// ValidateAnswer: UU 14/2008 Pasal 36(3) — the atasan answers in writing, with reasons.
func ValidateAnswer(status, outcome, answer string) request.FieldErrors {
	errs := request.FieldErrors{}
	if status != ObjectionOpen {
		errs["outcome"] = "Keberatan ini sudah ditanggapi."
		return errs
	}
	if outcome != ObjectionUpheld && outcome != ObjectionOverturned {
		errs["outcome"] = "Pilih tanggapan atasan PPID."
	}
	if len([]rune(strings.TrimSpace(answer))) < 10 {
		errs["answer"] = "Tuliskan alasan tanggapan (UU 14/2008 Pasal 36(3))."
	}
	return errs
}

// DisputeFilingWindow: UU 14/2008 Pasal 37(2), Perki 1/2013 — 14 working days from the day the
// requester received the atasan's written answer, or from the end of the atasan's 30 days when
// none came (answerReceived zero).
func DisputeFilingWindow(answerReceived calendar.Date, objectionDue calendar.Date, cal *calendar.Calendar) deadline.Deadline {
	if !answerReceived.IsZero() {
		return deadline.FromReceipt(cal, deadline.DisputeFiling, answerReceived)
	}
	// The atasan's silence is a lapse: D0 = the last day of the 30 (DESIGN §2).
	return deadline.AfterLapse(cal, deadline.DisputeFiling, objectionDue)
}

// How a dispute at the Komisi Informasi ended (UU 14/2008 Pasal 38–48).
const (
	DisputeMediation    = "mediasi"   // a mediation agreement: final, no court suit (Pasal 47–48 cover adjudication)
	DisputeAdjudication = "ajudikasi" // an adjudication ruling: may be taken to court (Pasal 47–48)
)

// DisputeOutcomeKinds with their labels.
var DisputeOutcomeKinds = []request.Option{
	{Code: DisputeMediation, Label: "Kesepakatan mediasi (final)"},
	{Code: DisputeAdjudication, Label: "Putusan ajudikasi"},
}

// CourtWindow: UU 14/2008 Pasal 47–48(1) — a court suit within 14 working days of receiving a KI
// adjudication ruling. Only an adjudication (its date recorded, outcome kind ajudikasi) with the
// ruling's receipt recorded opens it; a mediation agreement is final, so ok is false.
func CourtWindow(outcomeKind string, adjudication, rulingReceived calendar.Date, cal *calendar.Calendar) (deadline.Deadline, bool) {
	if outcomeKind != DisputeAdjudication || adjudication.IsZero() || rulingReceived.IsZero() {
		return deadline.Deadline{}, false
	}
	return deadline.FromReceipt(cal, deadline.CourtSuit, rulingReceived), true
}
