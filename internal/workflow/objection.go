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
	today := calendar.DateOf(now.In(cal.Location()))
	// Pasal 35(1) e: the promised period of a "not yet documented" notice lapsing is a new ground,
	// arising the day after that period; its window runs from then.
	if c.DocumentationLapsed(today) {
		ground := c.DocumentationDue.AddDays(1).In(cal.Location())
		if !c.LastObjectionAt.IsZero() && !c.LastObjectionAt.Before(ground) {
			return deadline.Deadline{}, false, "Keberatan atas tidak dipenuhinya informasi sudah diajukan. Bila tidak puas dengan tanggapan atasan PPID, " +
				"sengketa dapat diajukan ke Komisi Informasi (UU 14/2008 Pasal 37)."
		}
		window = deadline.Compute(cal, deadline.ObjectionWindow, ground)
		if today.After(window.Due) {
			return window, false, "Batas pengajuan keberatan (30 hari kerja, UU 14/2008 Pasal 36(1)) telah lewat pada " +
				calendar.FormatID(window.Due) + "."
		}
		return window, true, ""
	}
	if !c.LastObjectionAt.IsZero() && (c.NoticeAt.IsZero() || !c.LastObjectionAt.Before(c.NoticeAt)) {
		return deadline.Deadline{}, false, "Keberatan atas tanggapan ini sudah diajukan. Bila tidak puas dengan tanggapan atasan PPID, " +
			"sengketa dapat diajukan ke Komisi Informasi (UU 14/2008 Pasal 37)."
	}
	switch {
	case !c.NoticeAt.IsZero():
		window = deadline.Compute(cal, deadline.ObjectionWindow, c.NoticeAt)
	case today.After(c.DueDate):
		// The ground (Pasal 35(1) c) arises when the due day has ended without a notice.
		window = deadline.Compute(cal, deadline.ObjectionWindow, c.DueDate.AddDays(1).In(cal.Location()))
	default:
		return deadline.Deadline{}, false, "Keberatan dapat diajukan setelah ada pemberitahuan tertulis, atau bila sampai " +
			calendar.FormatID(c.DueDate) + " belum ada tanggapan (UU 14/2008 Pasal 35(1))."
	}
	if today.After(window.Due) {
		return window, false, "Batas pengajuan keberatan (30 hari kerja, UU 14/2008 Pasal 36(1)) telah lewat pada " +
			calendar.FormatID(window.Due) + "."
	}
	return window, true, ""
}

// ObjectionFiling is what the requester writes.
type ObjectionFiling struct {
	Grounds []string
	Reasons string
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

// DisputeFilingWindow: UU 14/2008 Pasal 37(2), Perki 1/2013 — 14 working days from the atasan's
// written answer, or from the end of the atasan's 30 days when none came.
func DisputeFilingWindow(answeredAt time.Time, objectionDue calendar.Date, cal *calendar.Calendar) deadline.Deadline {
	if !answeredAt.IsZero() {
		return deadline.Compute(cal, deadline.DisputeFiling, answeredAt)
	}
	return deadline.Compute(cal, deadline.DisputeFiling, objectionDue.AddDays(1).In(cal.Location()))
}
