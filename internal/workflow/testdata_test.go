package workflow_test

import (
	"errors"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/calendar/caltest"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// jakarta is the office zone of every test (WIB, UTC+7, no DST).
var jakarta = mustLocation("Asia/Jakarta")

func mustLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// testCal is the office calendar of the tests: the official 2025–2026 holidays, cuti bersama closed, 16:00 closing.
// Calendar is immutable, so one value is shared by parallel tests.
var testCal = caltest.Calendar(calendar.Options{Location: jakarta, CutiBersamaIsHoliday: true})

// wib is a wall-clock time in Jakarta.
func wib(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, jakarta)
}

// utc is a wall-clock time in UTC (Jakarta is seven hours ahead).
func utc(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, time.UTC)
}

func day(y int, m time.Month, d int) calendar.Date { return calendar.NewDate(y, m, d) }

// The reference request: received Tuesday 3 March 2026 09:00 WIB. D0 = 3 March; the 10 working
// days are 4, 5, 6, 9, 10, 11, 12, 13, 16, 17 March, so the written notice is due Tuesday 17 March.
// The extension then runs 7 working days from 17 March: 18 (cuti bersama Nyepi), 19 (Nyepi),
// 20 (cuti bersama Idulfitri), 21–22 (weekend, also Idulfitri), 23–24 (cuti bersama Idulfitri) are
// skipped, so the days are 25, 26, 27, 30, 31 March, 1 and 2 April: due Thursday 2 April 2026
// (Friday 3 April is Good Friday).
var (
	refReceivedAt  = wib(2026, 3, 3, 9, 0)
	refResponseDue = day(2026, 3, 17)
	refExtendedDue = day(2026, 4, 2)
	// refDocumentationDue is the day a "not yet documented" notice promised the information by.
	refDocumentationDue = day(2026, 3, 31)
)

// refCase is the reference request in the given status, with the dates that status implies.
func refCase(status string) workflow.Case {
	c := workflow.Case{Status: status, ReceivedAt: refReceivedAt, ResponseDue: refResponseDue, DueDate: refResponseDue}
	switch status {
	case "diperpanjang":
		c.ExtendedDue, c.DueDate = refExtendedDue, refExtendedDue
	case "dikabulkan", "dikabulkan_sebagian", "ditolak", "tidak_dikuasai", "belum_didokumentasikan", "diserahkan", "selesai":
		c.NoticeAt = wib(2026, 3, 16, 10, 0)
	}
	if status == "belum_didokumentasikan" {
		c.DocumentationDue = refDocumentationDue
	}
	return c
}

// refusal returns err as a *workflow.Refusal, failing the test when it is not one.
func refusal(t *testing.T, err error) *workflow.Refusal {
	t.Helper()
	var r *workflow.Refusal
	if !errors.As(err, &r) {
		t.Fatalf("error = %v (%T), want *workflow.Refusal", err, err)
	}
	return r
}

// wantRefusal fails unless err is a *workflow.Refusal with exactly msg.
func wantRefusal(t *testing.T, err error, msg string) {
	t.Helper()
	r := refusal(t, err)
	if r.Message != msg {
		t.Errorf("refusal = %q\nwant      %q", r.Message, msg)
	}
	if r.Error() != r.Message {
		t.Errorf("Error() = %q, want the Message %q", r.Error(), r.Message)
	}
}
