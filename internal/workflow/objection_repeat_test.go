package workflow_test

import (
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka/internal/workflow"
)

// An objection already filed against a notice closes the window for that notice: the next step
// is the Komisi Informasi (UU 14/2008 Pasal 37). A later notice (after a reopening) opens a new one.
func TestOneObjectionPerNotice(t *testing.T) {
	c := refCase("ditolak")
	c.NoticeAt = wib(2026, 3, 10, 10, 0)
	now := wib(2026, 3, 12, 10, 0)

	if _, ok, why := workflow.ObjectionWindow(c, now, testCal); !ok {
		t.Fatalf("first objection refused: %s", why)
	}
	c.LastObjectionAt = wib(2026, 3, 11, 9, 0)
	_, ok, why := workflow.ObjectionWindow(c, now, testCal)
	if ok || !strings.Contains(why, "Komisi Informasi") {
		t.Errorf("second objection against the same notice: ok=%v %q", ok, why)
	}
	c.NoticeAt = wib(2026, 3, 12, 9, 0) // a new notice after the case was reopened
	if _, ok, why := workflow.ObjectionWindow(c, now, testCal); !ok {
		t.Errorf("objection against a new notice refused: %s", why)
	}
	lapsed := refCase("diproses")
	lapsed.LastObjectionAt = wib(2026, 3, 20, 9, 0)
	if _, ok, _ := workflow.ObjectionWindow(lapsed, wib(2026, 4, 1, 9, 0), testCal); ok {
		t.Error("second objection on the same lapse allowed")
	}
}
