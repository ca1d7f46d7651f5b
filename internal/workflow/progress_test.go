package workflow_test

import (
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// The status line marks one stage, and the objection path replaces delivery once an objection was filed.
func TestProgressMarksTheStageReached(t *testing.T) {
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta)
	cases := []struct {
		name string
		c    workflow.Case
		want string // the code of the stage marked now
		last string // the last stage of the line
	}{
		{"received", workflow.Case{Status: request.StatusReceived}, "received", "delivered"},
		{"extended", workflow.Case{Status: request.StatusExtended}, "processing", "delivered"},
		{"refused", workflow.Case{Status: request.StatusRefused, NoticeAt: at}, "notice", "delivered"},
		{"delivered", workflow.Case{Status: request.StatusDelivered, NoticeAt: at, DeliveredAt: at}, "delivered", "delivered"},
		{"closed after delivery", workflow.Case{Status: request.StatusClosed, NoticeAt: at, DeliveredAt: at}, "delivered", "delivered"},
		{"objection", workflow.Case{Status: request.StatusRefused, NoticeAt: at, LastObjectionAt: at, ObjectionOpen: true}, "objection", "dispute"},
		{"dispute", workflow.Case{Status: request.StatusRefused, NoticeAt: at, LastObjectionAt: at, HasDispute: true}, "dispute", "dispute"},
	}
	for _, tc := range cases {
		steps := workflow.Progress(tc.c)
		now, done := "", 0
		for _, s := range steps {
			if s.Now {
				if now != "" {
					t.Errorf("%s: two stages marked", tc.name)
				}
				now = s.Code
			}
			if s.Done {
				done++
			}
		}
		if now != tc.want || steps[len(steps)-1].Code != tc.last {
			t.Errorf("%s: marked %q, line ends %q; want %q, %q", tc.name, now, steps[len(steps)-1].Code, tc.want, tc.last)
		}
	}
}

// The clock that runs now, its stable code, and working days left (negative once passed).
func TestRunningClockForTheRequester(t *testing.T) {
	// Monday 2 November 2026; the notice is due Monday 16 November, extended to Wednesday 25 November.
	d := calendar.NewDate
	base := workflow.Case{ResponseDue: d(2026, 11, 16), DueDate: d(2026, 11, 16), ExtendedDue: d(2026, 11, 25)}
	with := func(f func(*workflow.Case)) workflow.Case { c := base; f(&c); return c }
	monday := time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta)
	cases := []struct {
		name      string
		c         workflow.Case
		objection []workflow.ObjectionRecord
		now       time.Time
		code      string
		left      int
	}{
		{"received", with(func(c *workflow.Case) { c.Status = request.StatusReceived }), nil, monday, workflow.RunningResponse, 10},
		{"last day", with(func(c *workflow.Case) { c.Status = request.StatusInProcess }), nil, time.Date(2026, 11, 16, 15, 0, 0, 0, jakarta), workflow.RunningResponse, 0},
		{"late", with(func(c *workflow.Case) { c.Status = request.StatusInProcess }), nil, time.Date(2026, 11, 18, 9, 0, 0, 0, jakarta), workflow.RunningResponse, -2},
		{"extended", with(func(c *workflow.Case) { c.Status, c.DueDate = request.StatusExtended, d(2026, 11, 25) }), nil, time.Date(2026, 11, 23, 9, 0, 0, 0, jakarta), workflow.RunningExtendedResponse, 2},
		{"delivery", with(func(c *workflow.Case) {
			c.Status, c.Decision, c.NoticeAt = request.StatusGranted, request.StatusGranted, monday
			c.DeliveryDue = d(2026, 11, 20)
		}), nil, time.Date(2026, 11, 19, 9, 0, 0, 0, jakarta), workflow.RunningDelivery, 1},
		{"documentation", with(func(c *workflow.Case) { c.Status = request.StatusNotDocumented; c.DocumentationDue = d(2026, 11, 30) }), nil, time.Date(2026, 11, 27, 9, 0, 0, 0, jakarta), workflow.RunningDocumentation, 1},
		{"objection", with(func(c *workflow.Case) { c.Status = request.StatusRefused; c.ObjectionOpen = true }),
			[]workflow.ObjectionRecord{{ReceivedAt: time.Date(2026, 11, 18, 9, 0, 0, 0, jakarta), ResponseDue: d(2026, 12, 31)}}, time.Date(2026, 12, 30, 9, 0, 0, 0, jakarta), workflow.RunningObjectionAnswer, 1},
		{"refused", with(func(c *workflow.Case) { c.Status = request.StatusRefused }), nil, monday, "", 0},
		{"withdrawn", with(func(c *workflow.Case) { c.Status = request.StatusWithdrawn }), nil, monday, "", 0},
	}
	for _, tc := range cases {
		// The queue's rule picks the clock (CurrentClock, from Clocks); Running names it for the requester.
		rc, ok := workflow.Running(workflow.CurrentClock(tc.c, tc.objection, nil, tc.now, testCal), tc.c.Status, tc.now, testCal)
		if ok != (tc.code != "") || rc.Code != tc.code || rc.DaysLeft != tc.left {
			t.Errorf("%s: %+v %v; want %q with %d days left", tc.name, rc, ok, tc.code, tc.left)
		}
	}
	if late := (workflow.RunningClock{DaysLeft: -2}).Late(); late != 2 {
		t.Errorf("Late of -2 days left: %d", late)
	}
}
