package workflow_test

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/deadline"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

const msgObjectionWithdrawn = "Permohonan sudah ditarik; keberatan tidak dapat diajukan."

func msgObjectionTooEarly(due string) string {
	return "Keberatan dapat diajukan setelah ada pemberitahuan tertulis, atau bila sampai " + due +
		" belum ada tanggapan (UU 14/2008 Pasal 35(1))."
}

func msgObjectionLapsed(due string) string {
	return "Batas pengajuan keberatan (30 hari kerja, UU 14/2008 Pasal 36(1)) telah lewat pada " + due + "."
}

// The reference notice: Tuesday 10 March 2026 10:00 WIB, so D0 = 10 March. Thirty working days:
//
//	11, 12, 13, 16, 17 March                    1–5
//	18–24 March skipped: 18 cuti bersama Nyepi, 19 Nyepi, 20 cuti bersama Idulfitri,
//	  21–22 weekend (Idulfitri), 23–24 cuti bersama Idulfitri
//	25, 26, 27, 30, 31 March                    6–10
//	1, 2 April                                  11–12
//	3 April skipped: Wafat Yesus Kristus
//	6–10, 13–17, 20–24 April                    13–27
//	27, 28, 29 April                            28–30
//
// The window closes at the end of Wednesday 29 April 2026.
var (
	refNoticeAt        = wib(2026, 3, 10, 10, 0)
	refObjectionDue    = day(2026, 4, 29)
	refObjectionSkips  = []calendar.Date{day(2026, 3, 18), day(2026, 3, 19), day(2026, 3, 20), day(2026, 3, 23), day(2026, 3, 24), day(2026, 4, 3)}
	objectionCaseAfter = func(status string) workflow.Case {
		c := refCase(status)
		c.NoticeAt = refNoticeAt
		return c
	}
)

func skippedDates(s []calendar.Skipped) []calendar.Date {
	var out []calendar.Date
	for _, k := range s {
		out = append(out, k.Date)
	}
	return out
}

func TestObjectionWindow(t *testing.T) {
	t.Parallel()
	type want struct {
		ok       bool
		reason   string
		d0, due  calendar.Date // zero due: no window returned
		event    time.Time
		skipped  []calendar.Date
		startNot bool // StartNotes expected
	}
	lapsedJune := workflow.Case{Status: "diproses", ReceivedAt: wib(2026, 5, 26, 9, 0), ResponseDue: day(2026, 6, 9), DueDate: day(2026, 6, 9)}
	lapsedMay := workflow.Case{Status: "diproses", ReceivedAt: wib(2026, 4, 28, 9, 0), ResponseDue: day(2026, 5, 13), DueDate: day(2026, 5, 13)}

	tests := []struct {
		name string
		c    workflow.Case
		now  time.Time
		want want
	}{
		{"pending, before the due date", refCase("diproses"), wib(2026, 3, 10, 12, 0),
			want{reason: msgObjectionTooEarly("17 Maret 2026")}},
		{"pending, on the due date at 23:59", refCase("diproses"), wib(2026, 3, 17, 23, 59),
			want{reason: msgObjectionTooEarly("17 Maret 2026")}},
		{"pending extended, after the 10 days but before the extended due date", refCase("diperpanjang"), wib(2026, 3, 30, 9, 0),
			want{reason: msgObjectionTooEarly("2 April 2026")}},

		{"after the notice, same day", objectionCaseAfter("ditolak"), wib(2026, 3, 10, 14, 0),
			want{ok: true, d0: day(2026, 3, 10), due: refObjectionDue, event: refNoticeAt, skipped: refObjectionSkips}},
		{"after the notice, on the last day", objectionCaseAfter("selesai"), wib(2026, 4, 29, 23, 59),
			want{ok: true, d0: day(2026, 3, 10), due: refObjectionDue, event: refNoticeAt, skipped: refObjectionSkips}},
		{"after the notice, the day after the window", objectionCaseAfter("selesai"), wib(2026, 4, 30, 0, 0),
			want{reason: msgObjectionLapsed("29 April 2026"), d0: day(2026, 3, 10), due: refObjectionDue, event: refNoticeAt, skipped: refObjectionSkips}},
		// 17:00 UTC on 29 April is already 00:00 WIB on 30 April.
		{"after the notice, window over in Jakarta while UTC is still on the last day", objectionCaseAfter("dikabulkan_sebagian"), utc(2026, 4, 29, 17, 0),
			want{reason: msgObjectionLapsed("29 April 2026"), d0: day(2026, 3, 10), due: refObjectionDue, event: refNoticeAt, skipped: refObjectionSkips}},
		// A notice at 16:30 comes after closing time: D0 moves to Wednesday 11 March and
		// the thirtieth working day to Thursday 30 April.
		{"notice after closing time", func() workflow.Case {
			c := objectionCaseAfter("ditolak")
			c.NoticeAt = wib(2026, 3, 10, 16, 30)
			return c
		}(), wib(2026, 4, 30, 12, 0),
			want{ok: true, d0: day(2026, 3, 11), due: day(2026, 4, 30), event: wib(2026, 3, 10, 16, 30), skipped: refObjectionSkips, startNot: true}},
		// A late notice (after the due date) still opens its own window from the notice.
		{"late notice", func() workflow.Case {
			c := objectionCaseAfter("ditolak")
			c.DueDate = day(2026, 3, 5)
			return c
		}(), wib(2026, 3, 12, 9, 0),
			want{ok: true, d0: day(2026, 3, 10), due: refObjectionDue, event: refNoticeAt, skipped: refObjectionSkips}},

		// Lapse without a notice: the ground (Pasal 35(1) c) arises once the due day has ended, and
		// the window counts from the due day itself (D0 = due day, DESIGN §2; no event time).
		// Due Tuesday 9 June 2026 → D0 9 June. Thirty working days: 10, 11, 12, 15 June,
		// 16 June skipped (1 Muharam), 17–19, 22–26, 29–30 June, 1–3, 6–10, 13–17, 20–22 July.
		// The window closes on Wednesday 22 July 2026; a filing on Thursday 23 July is still accepted.
		{"lapsed without notice", lapsedJune, wib(2026, 6, 10, 8, 0),
			want{ok: true, d0: day(2026, 6, 9), due: day(2026, 7, 22), skipped: []calendar.Date{day(2026, 6, 16)}}},
		{"lapsed without notice, on the last day of the window", lapsedJune, wib(2026, 7, 22, 18, 0),
			want{ok: true, d0: day(2026, 6, 9), due: day(2026, 7, 22), skipped: []calendar.Date{day(2026, 6, 16)}}},
		{"lapsed without notice, on the grace day", lapsedJune, wib(2026, 7, 23, 18, 0),
			want{ok: true, d0: day(2026, 6, 9), due: day(2026, 7, 22), skipped: []calendar.Date{day(2026, 6, 16)}}},
		{"lapsed without notice, after the window", lapsedJune, wib(2026, 7, 24, 8, 0),
			want{reason: msgObjectionLapsed("22 Juli 2026"), d0: day(2026, 6, 9), due: day(2026, 7, 22), skipped: []calendar.Date{day(2026, 6, 16)}}},
		// Due Wednesday 13 May 2026 = D0. Thirty working days: 14 May (Kenaikan) and 15 May (cuti
		// bersama) skipped, 18–22, 25–26 May, 27 May (Iduladha) and 28 May (cuti bersama) skipped,
		// 29 May, 1 June (Pancasila) skipped, 2–5, 8–12, 15 June, 16 June (1 Muharam) skipped,
		// 17–19, 22–26, 29–30 June, 1–2 July. Closes Thursday 2 July 2026.
		{"lapsed without notice, the day after the due date is a holiday", lapsedMay, wib(2026, 5, 14, 10, 0),
			want{ok: true, d0: day(2026, 5, 13), due: day(2026, 7, 2),
				skipped: []calendar.Date{day(2026, 5, 14), day(2026, 5, 15), day(2026, 5, 27), day(2026, 5, 28), day(2026, 6, 1), day(2026, 6, 16)}}},

		{"withdrawn", refCase("ditarik"), wib(2026, 3, 10, 12, 0), want{reason: msgObjectionWithdrawn}},
		{"withdrawn after the due date lapsed", refCase("ditarik"), wib(2026, 3, 30, 12, 0), want{reason: msgObjectionWithdrawn}},
		{"withdrawn with a notice on record", objectionCaseAfter("ditarik"), wib(2026, 3, 12, 12, 0), want{reason: msgObjectionWithdrawn}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, ok, reason := workflow.ObjectionWindow(tt.c, tt.now, testCal)
			if ok != tt.want.ok || reason != tt.want.reason {
				t.Errorf("ok, reason = %v, %q\nwant       %v, %q", ok, reason, tt.want.ok, tt.want.reason)
			}
			if tt.want.due.IsZero() {
				if w.Rule != (deadline.Rule{}) || !w.Due.IsZero() {
					t.Errorf("window = %+v, want zero", w)
				}
				return
			}
			if w.Rule != deadline.ObjectionWindow {
				t.Errorf("Rule = %+v, want deadline.ObjectionWindow", w.Rule)
			}
			if w.CountingFrom != tt.want.d0 || w.Due != tt.want.due {
				t.Errorf("D0, Due = %v, %v; want %v, %v", w.CountingFrom, w.Due, tt.want.d0, tt.want.due)
			}
			if !w.EventAt.Equal(tt.want.event) {
				t.Errorf("EventAt = %v, want %v", w.EventAt, tt.want.event)
			}
			if got := skippedDates(w.Skipped); !slices.Equal(got, tt.want.skipped) {
				t.Errorf("Skipped = %v, want %v", got, tt.want.skipped)
			}
			if (len(w.StartNotes) > 0) != tt.want.startNot {
				t.Errorf("StartNotes = %q, want notes: %v", w.StartNotes, tt.want.startNot)
			}
			if len(w.Warnings) != 0 {
				t.Errorf("Warnings = %q, want none", w.Warnings)
			}
			if want := tt.want.due.AddDays(1).In(jakarta); !w.DueBefore.Equal(want) {
				t.Errorf("DueBefore = %v, want %v", w.DueBefore, want)
			}
		})
	}
}

func TestObjectionWindowYearBoundary(t *testing.T) {
	t.Parallel()
	// Notice Monday 21 December 2026 10:00 WIB (D0 = 21 December). Thirty working days:
	// 22, 23 December (1–2); 24 (cuti bersama) and 25 December (Natal) skipped; 28–31 December
	// (3–6); 2027 has no SKB loaded, so Friday 1 January 2027 is a provisional holiday (New Year, fixed
	// by law); 4–8, 11–15, 18–22, 25–29 January (7–26); 1, 2, 3, 4 February (27–30).
	// The window closes on Thursday 4 February 2027, provisionally, with a warning that 2027 is not loaded.
	c := refCase("ditolak")
	c.NoticeAt = wib(2026, 12, 21, 10, 0)
	w, ok, reason := workflow.ObjectionWindow(c, wib(2026, 12, 22, 9, 0), testCal)
	if !ok || reason != "" {
		t.Fatalf("ok, reason = %v, %q; want true, \"\"", ok, reason)
	}
	if w.CountingFrom != day(2026, 12, 21) || w.Due != day(2027, 2, 4) || !w.Provisional() {
		t.Errorf("D0, Due = %v, %v (provisional %v); want 2026-12-21, 2027-02-04, provisional", w.CountingFrom, w.Due, w.Provisional())
	}
	if got, want := skippedDates(w.Skipped), []calendar.Date{day(2026, 12, 24), day(2026, 12, 25), day(2027, 1, 1)}; !slices.Equal(got, want) {
		t.Errorf("Skipped = %v, want %v", got, want)
	}
	if len(w.Warnings) != 1 || !strings.HasPrefix(w.Warnings[0], "SKB hari libur tahun 2027 belum dimuat") {
		t.Errorf("Warnings = %q", w.Warnings)
	}
	if !strings.Contains(w.Explain(), "Peringatan: SKB hari libur tahun 2027 belum dimuat") {
		t.Errorf("Explain() does not carry the 2027 warning:\n%s", w.Explain())
	}

	// Still open in 2027, closed the day after.
	if _, ok, _ := workflow.ObjectionWindow(c, wib(2027, 2, 4, 20, 0), testCal); !ok {
		t.Error("4 February 2027 20:00: window closed, want open")
	}
	_, ok, reason = workflow.ObjectionWindow(c, wib(2027, 2, 5, 8, 0), testCal)
	if ok || reason != msgObjectionLapsed("4 Februari 2027") {
		t.Errorf("5 February 2027: ok, reason = %v, %q", ok, reason)
	}
}

func TestObjectionFilingValidate(t *testing.T) {
	t.Parallel()
	const (
		errGrounds = "Pilih paling sedikit satu alasan keberatan (Pasal 35(1))."
		errReasons = "Uraikan alasan keberatan (10–5000 karakter)."
		reasons    = "Permohonan saya tidak ditanggapi sampai batas waktu."
	)
	tests := []struct {
		name string
		f    workflow.ObjectionFiling
		want map[string]string
	}{
		{"one ground", workflow.ObjectionFiling{Grounds: []string{"c"}, Reasons: reasons}, nil},
		{"every ground", workflow.ObjectionFiling{Grounds: []string{"a", "b", "c", "d", "e", "f", "g"}, Reasons: reasons}, nil},
		{"no ground", workflow.ObjectionFiling{Reasons: reasons}, map[string]string{"grounds": errGrounds}},
		{"empty ground list", workflow.ObjectionFiling{Grounds: []string{}, Reasons: reasons}, map[string]string{"grounds": errGrounds}},
		{"unknown ground h", workflow.ObjectionFiling{Grounds: []string{"a", "h"}, Reasons: reasons},
			map[string]string{"grounds": "Alasan keberatan tidak dikenal: h."}},
		{"ground in capitals", workflow.ObjectionFiling{Grounds: []string{"C"}, Reasons: reasons},
			map[string]string{"grounds": "Alasan keberatan tidak dikenal: C."}},
		{"empty ground code", workflow.ObjectionFiling{Grounds: []string{""}, Reasons: reasons},
			map[string]string{"grounds": "Alasan keberatan tidak dikenal: ."}},
		{"empty reasons", workflow.ObjectionFiling{Grounds: []string{"a"}}, map[string]string{"reasons": errReasons}},
		{"blank reasons", workflow.ObjectionFiling{Grounds: []string{"a"}, Reasons: " \n\t "}, map[string]string{"reasons": errReasons}},
		{"9 characters", workflow.ObjectionFiling{Grounds: []string{"a"}, Reasons: "terlambat"}, map[string]string{"reasons": errReasons}},
		{"9 characters padded", workflow.ObjectionFiling{Grounds: []string{"a"}, Reasons: "   terlambat   "}, map[string]string{"reasons": errReasons}},
		{"10 characters", workflow.ObjectionFiling{Grounds: []string{"a"}, Reasons: "terlambat!"}, nil},
		// Five two-byte runes: 10 bytes but 5 characters.
		{"5 characters in 10 bytes", workflow.ObjectionFiling{Grounds: []string{"a"}, Reasons: "ééééé"}, map[string]string{"reasons": errReasons}},
		{"5000 characters", workflow.ObjectionFiling{Grounds: []string{"a"}, Reasons: strings.Repeat("é", 5000)}, nil},
		{"5001 characters", workflow.ObjectionFiling{Grounds: []string{"a"}, Reasons: strings.Repeat("a", 5001)}, map[string]string{"reasons": errReasons}},
		{"nothing", workflow.ObjectionFiling{}, map[string]string{"grounds": errGrounds, "reasons": errReasons}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.f.Validate()
			if got == nil {
				t.Fatal("Validate returned a nil map")
			}
			if !maps.Equal(map[string]string(got), tt.want) {
				t.Errorf("Validate =\n%v\nwant\n%v", got, tt.want)
			}
		})
	}
}

func TestObjectionGroundsAreAToG(t *testing.T) {
	t.Parallel()
	var codes []string
	for _, o := range workflow.ObjectionGrounds {
		codes = append(codes, o.Code)
	}
	if want := []string{"a", "b", "c", "d", "e", "f", "g"}; !slices.Equal(codes, want) {
		t.Errorf("Pasal 35(1) grounds = %v, want %v", codes, want)
	}
	var outcomes []string
	for _, o := range workflow.ObjectionOutcomes {
		outcomes = append(outcomes, o.Code)
	}
	if want := []string{"dikuatkan", "dibatalkan"}; !slices.Equal(outcomes, want) {
		t.Errorf("outcomes = %v, want %v", outcomes, want)
	}
}

func TestValidateAnswer(t *testing.T) {
	t.Parallel()
	const (
		errAnswered = "Keberatan ini sudah ditanggapi."
		errOutcome  = "Pilih tanggapan atasan PPID."
		errAnswer   = "Tuliskan alasan tanggapan (UU 14/2008 Pasal 36(3))."
		answer      = "Informasi tidak termasuk yang dikecualikan; wajib diberikan."
	)
	tests := []struct {
		name                    string
		status, outcome, answer string
		want                    map[string]string
	}{
		{"upheld", "diterima", "dikuatkan", answer, nil},
		{"overturned", "diterima", "dibatalkan", answer, nil},
		{"already upheld", "dikuatkan", "dibatalkan", answer, map[string]string{"outcome": errAnswered}},
		{"already overturned", "dibatalkan", "dikuatkan", answer, map[string]string{"outcome": errAnswered}},
		// Once answered, nothing else is checked: the one message is the one that matters.
		{"already answered, empty form", "dikuatkan", "", "", map[string]string{"outcome": errAnswered}},
		{"unknown status", "", "dikuatkan", answer, map[string]string{"outcome": errAnswered}},
		{"no outcome", "diterima", "", answer, map[string]string{"outcome": errOutcome}},
		{"the open status is no outcome", "diterima", "diterima", answer, map[string]string{"outcome": errOutcome}},
		{"outcome in capitals", "diterima", "DIKUATKAN", answer, map[string]string{"outcome": errOutcome}},
		{"empty answer", "diterima", "dikuatkan", "", map[string]string{"answer": errAnswer}},
		{"9-character answer padded", "diterima", "dikuatkan", "  ditolak.  ", map[string]string{"answer": errAnswer}},
		{"5 characters in 10 bytes", "diterima", "dikuatkan", "ééééé", map[string]string{"answer": errAnswer}},
		{"10-character answer", "diterima", "dibatalkan", "dibatalkan", nil},
		{"nothing", "diterima", "", "", map[string]string{"outcome": errOutcome, "answer": errAnswer}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := workflow.ValidateAnswer(tt.status, tt.outcome, tt.answer)
			if got == nil {
				t.Fatal("ValidateAnswer returned a nil map")
			}
			if !maps.Equal(map[string]string(got), tt.want) {
				t.Errorf("ValidateAnswer =\n%v\nwant\n%v", got, tt.want)
			}
		})
	}
}

func TestDisputeFilingWindow(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name           string
		answerReceived calendar.Date
		objectionDue   calendar.Date
		d0, due        calendar.Date
		skipped        []calendar.Date
		startNotes     bool
	}{
		// Answer received Monday 11 May 2026: D0 = 11 May (Pasal 37(2) counts from receipt). Fourteen
		// working days: 12, 13 May; 14 (Kenaikan) and 15 May (cuti bersama) skipped; 18–22, 25, 26 May;
		// 27 (Iduladha) and 28 May (cuti bersama) skipped; 29 May; 1 June (Pancasila) skipped; 2–5 June.
		// Due Friday 5 June 2026.
		{"from the answer's receipt", day(2026, 5, 11), day(2026, 6, 30),
			day(2026, 5, 11), day(2026, 6, 5), []calendar.Date{day(2026, 5, 14), day(2026, 5, 15), day(2026, 5, 27), day(2026, 5, 28), day(2026, 6, 1)}, false},
		// Received on Kenaikan (Thursday 14 May): D0 is the next working day, Monday 18 May. Fourteen
		// working days: 19–22, 25, 26, 29 May, 2–5, 8–10 June. Due Wednesday 10 June 2026.
		{"answer received on a holiday", day(2026, 5, 14), day(2026, 6, 30),
			day(2026, 5, 18), day(2026, 6, 10), []calendar.Date{day(2026, 5, 27), day(2026, 5, 28), day(2026, 6, 1)}, true},
		// No answer; the atasan's 30 days ended on Monday 11 May 2026: D0 = that day (DESIGN §2).
		// Same fourteen working days as from a receipt on 11 May: due Friday 5 June 2026.
		{"from the lapse of the objection due date", calendar.Date{}, day(2026, 5, 11),
			day(2026, 5, 11), day(2026, 6, 5), []calendar.Date{day(2026, 5, 14), day(2026, 5, 15), day(2026, 5, 27), day(2026, 5, 28), day(2026, 6, 1)}, false},
		// No answer; objection due Wednesday 13 May = D0. Fourteen working days: 14, 15 May skipped,
		// 18–22, 25, 26, 29 May, 2–5, 8, 9 June. Due Tuesday 9 June 2026.
		{"from a lapse followed by holidays", calendar.Date{}, day(2026, 5, 13),
			day(2026, 5, 13), day(2026, 6, 9), []calendar.Date{day(2026, 5, 14), day(2026, 5, 15), day(2026, 5, 27), day(2026, 5, 28), day(2026, 6, 1)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := workflow.DisputeFilingWindow(tt.answerReceived, tt.objectionDue, testCal)
			if w.Rule != deadline.DisputeFiling {
				t.Errorf("Rule = %+v, want deadline.DisputeFiling", w.Rule)
			}
			if w.CountingFrom != tt.d0 || w.Due != tt.due {
				t.Errorf("D0, Due = %v, %v; want %v, %v", w.CountingFrom, w.Due, tt.d0, tt.due)
			}
			if !w.EventAt.IsZero() {
				t.Errorf("EventAt = %v, want zero (a day, not an event time)", w.EventAt)
			}
			if got := skippedDates(w.Skipped); !slices.Equal(got, tt.skipped) {
				t.Errorf("Skipped = %v, want %v", got, tt.skipped)
			}
			if (len(w.StartNotes) > 0) != tt.startNotes {
				t.Errorf("StartNotes = %q", w.StartNotes)
			}
			if len(w.Warnings) != 0 {
				t.Errorf("Warnings = %q, want none", w.Warnings)
			}
		})
	}
}
