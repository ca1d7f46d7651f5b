package workflow_test

import (
	"reflect"
	"testing"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// stepCase is the reference request in a status, with the decision that status implies.
func stepCase(status string) workflow.Case {
	c := refCase(status)
	c.OtherActiveUnit = true // the office has a second unit to forward to
	switch status {
	case request.StatusDelivered, request.StatusClosed:
		c.Decision = request.StatusGranted
	case request.StatusReceived, request.StatusInProcess, request.StatusExtended, request.StatusWithdrawn:
	default:
		c.Decision = status
	}
	return c
}

// The case page offers a step exactly when the role holds its permission and the case's state
// allows it; every other combination is absent.
func TestAvailable(t *testing.T) {
	t.Parallel()
	type steps = workflow.Steps
	cases := []struct {
		name string
		c    workflow.Case
		role access.Role
		want steps
	}{
		{name: "received, petugas", c: stepCase(request.StatusReceived), role: access.Petugas,
			want: steps{Assign: true, Forward: true, Withdraw: true, Upload: true}},
		{name: "received, PPID within the 10 days", c: stepCase(request.StatusInProcess), role: access.PPID,
			want: steps{Assign: true, Forward: true, Withdraw: true, Extend: true, Decide: true, Upload: true}},
		{name: "received, atasan", c: stepCase(request.StatusReceived), role: access.Atasan, want: steps{}},
		{name: "received, administrator", c: stepCase(request.StatusReceived), role: access.Admin, want: steps{}},
		{name: "extended once: no second extension (Pasal 22(8))", c: func() workflow.Case {
			c := stepCase(request.StatusExtended)
			return c
		}(), role: access.PPID, want: steps{Assign: true, Forward: true, Withdraw: true, Decide: true, Upload: true}},
		{name: "granted: deliver, publish", c: stepCase(request.StatusGranted), role: access.PPID,
			want: steps{Deliver: true, Upload: true, PublishDocuments: true, FileObjection: true}},
		{name: "granted, petugas: deliver but not publish", c: stepCase(request.StatusGranted), role: access.Petugas,
			want: steps{Deliver: true, Upload: true, FileObjection: true}},
		{name: "refused: close, objection at the desk", c: stepCase(request.StatusRefused), role: access.PPID,
			want: steps{Close: true, Upload: true, FileObjection: true}},
		{name: "refused with a pending objection: the atasan answers", c: func() workflow.Case {
			c := stepCase(request.StatusRefused)
			c.LastObjectionAt, c.ObjectionOpen = wib(2026, 3, 10, 9, 0), true
			return c
		}(), role: access.Atasan, want: steps{AnswerObjection: true, RecordDispute: true}},
		{name: "pending objection: no second objection", c: func() workflow.Case {
			c := stepCase(request.StatusRefused)
			c.LastObjectionAt, c.ObjectionOpen = wib(2026, 3, 10, 9, 0), true
			return c
		}(), role: access.PPID, want: steps{Close: true, Upload: true, RecordDispute: true}},
		{name: "closed: nothing but documents", c: stepCase(request.StatusClosed), role: access.PPID,
			want: steps{Upload: true, PublishDocuments: true, FileObjection: true}},
		{name: "withdrawn", c: stepCase(request.StatusWithdrawn), role: access.PPID, want: steps{Upload: true}},
	}
	for _, tc := range cases {
		got := workflow.Available(tc.c, tc.role, tableNow, testCal)
		got.ObjectionWindow, got.ObjectionWhy = tc.want.ObjectionWindow, tc.want.ObjectionWhy
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.name, got, tc.want)
		}
	}
}

// UU 14/2008 Pasal 22(8): the extension is offered up to and including the last of the 10
// working days (Tuesday 17 March 2026), and no longer from the day after.
func TestAvailableExtendEndsWithTheTenDays(t *testing.T) {
	t.Parallel()
	c := stepCase(request.StatusInProcess)
	if !workflow.Available(c, access.PPID, wib(2026, 3, 17, 15, 59), testCal).Extend {
		t.Error("not offered on the last day")
	}
	if !workflow.Available(c, access.PPID, wib(2026, 3, 17, 23, 0), testCal).Extend {
		t.Error("not offered late on the last day (the day ends at midnight)")
	}
	if workflow.Available(c, access.PPID, wib(2026, 3, 18, 8, 0), testCal).Extend {
		t.Error("offered after the 10 working days")
	}
	if workflow.Available(c, access.PPID, utc(2026, 3, 17, 17, 30), testCal).Extend {
		t.Error("offered at 00:30 WIB on 18 March, given in UTC")
	}
}

// The objection window (Pasal 36(1)) decides whether the desk may register one, and the page
// says why when it may not.
func TestAvailableObjectionWindow(t *testing.T) {
	t.Parallel()
	c := stepCase(request.StatusRefused)
	open := workflow.Available(c, access.Petugas, tableNow, testCal)
	if !open.FileObjection || open.ObjectionWindow.Due.IsZero() {
		t.Fatalf("window closed on a fresh refusal: %+v", open)
	}
	later := open.ObjectionWindow.Due.AddDays(1)
	closed := workflow.Available(c, access.Petugas, wib(later.Year, later.Month, later.Day, 10, 0), testCal)
	if closed.FileObjection || closed.ObjectionWhy == "" {
		t.Errorf("after %s: FileObjection=%v why=%q", open.ObjectionWindow.Due, closed.FileObjection, closed.ObjectionWhy)
	}
}
