package workflow_test

import (
	"testing"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// "Teruskan ke unit lain" is offered only when another active unit exists to take the case.
func TestForwardOfferedOnlyWithAnotherActiveUnit(t *testing.T) {
	t.Parallel()
	c := stepCase(request.StatusInProcess)
	c.OtherActiveUnit = false
	if workflow.Available(c, access.PPID, tableNow, testCal).Forward {
		t.Error("forwarding offered with no other active unit")
	}
	c.OtherActiveUnit = true
	if !workflow.Available(c, access.PPID, tableNow, testCal).Forward {
		t.Error("forwarding not offered though another active unit exists")
	}
}

// A notice dated without a time on the day the request came in is not "before the request": the
// day is compared, and the notice is recorded at the receipt.
func TestDateOnlyNoticeOnTheReceiptDay(t *testing.T) {
	t.Parallel()
	c := stepCase(request.StatusInProcess)
	c.ReceivedAt = wib(2026, 3, 10, 10, 30)
	d := workflow.Decision{Kind: request.StatusNotHeld, HoldingBody: "Dinas Pekerjaan Umum",
		NoticeAt: wib(2026, 3, 10, 0, 0), NoticeDateOnly: true}
	if errs := d.Validate(c, wib(2026, 3, 10, 11, 0)); errs["notice_at"] != "" {
		t.Errorf("date-only notice on the receipt day refused: %s", errs["notice_at"])
	}
	if got := d.SettleNoticeTime(c).NoticeAt; !got.Equal(c.ReceivedAt) {
		t.Errorf("settled notice time %v, want the receipt %v", got, c.ReceivedAt)
	}
	d.NoticeAt = wib(2026, 3, 9, 0, 0)
	if errs := d.Validate(c, wib(2026, 3, 10, 11, 0)); errs["notice_at"] == "" {
		t.Error("a date-only notice the day before the request was accepted")
	}
	// With a time typed, the moment counts: 09:00 is before a request received at 10:30.
	d.NoticeAt, d.NoticeDateOnly = wib(2026, 3, 10, 9, 0), false
	if errs := d.Validate(c, wib(2026, 3, 10, 11, 0)); errs["notice_at"] == "" {
		t.Error("a notice timed before the request was accepted")
	}
}
