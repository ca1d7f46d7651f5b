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

// ObjectionWindow is when the requester may object. UU 14/2008 Pasal 36(1): within 30 working
// days after the ground arose — the written notice, or the lapse of the deadline without one.
// ok is false with a reason when no objection can be filed now.
func ObjectionWindow(c Case, now time.Time, cal *calendar.Calendar) (window deadline.Deadline, ok bool, reason string) {
	if c.Status == request.StatusWithdrawn {
		return deadline.Deadline{}, false, "Permohonan sudah ditarik; keberatan tidak dapat diajukan."
	}
	// One objection per ground: once filed against this notice (or this lapse), the next step is the
	// Komisi Informasi (Pasal 37), not a second objection. A new notice after a reopening is a new ground.
	if !c.LastObjectionAt.IsZero() && (c.NoticeAt.IsZero() || !c.LastObjectionAt.Before(c.NoticeAt)) {
		return deadline.Deadline{}, false, "Keberatan atas tanggapan ini sudah diajukan. Bila tidak puas dengan tanggapan atasan PPID, " +
			"sengketa dapat diajukan ke Komisi Informasi (UU 14/2008 Pasal 37)."
	}
	today := calendar.DateOf(now.In(cal.Location()))
	switch {
	case !c.NoticeAt.IsZero():
		// Pasal 36(1): a notice is a ground from the day the requester received its letter; until its
		// sending is recorded, from the notice itself.
		if received := c.NoticeDelivery.ReceivedDay(cal.Location()); !received.IsZero() {
			window = deadline.FromReceipt(cal, deadline.ObjectionWindow, received)
		} else {
			window = deadline.Compute(cal, deadline.ObjectionWindow, c.NoticeAt)
		}
	case today.After(c.DueDate):
		// The ground (Pasal 35(1) c) arises when the due day has ended without a notice; D0 = the due day (DESIGN §2).
		window = deadline.AfterLapse(cal, deadline.ObjectionWindow, c.DueDate)
	default:
		return deadline.Deadline{}, false, "Keberatan dapat diajukan setelah ada pemberitahuan tertulis, atau bila sampai " +
			calendar.FormatID(c.DueDate) + " belum ada tanggapan (UU 14/2008 Pasal 35(1))."
	}
	if !window.Accepts(today) {
		return window, false, "Batas pengajuan keberatan (30 hari kerja, UU 14/2008 Pasal 36(1)) telah lewat pada " +
			calendar.FormatID(window.Due) + "."
	}
	return window, true, ""
}

// ObjectionFiling is what the requester writes.
type ObjectionFiling struct {
	Grounds []string
	Reasons string
	// ReceivedAt is when the office received a paper objection an officer registers; zero: now.
	// UU 14/2008 Pasal 36(2) counts the atasan's 30 working days from it.
	ReceivedAt time.Time
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
