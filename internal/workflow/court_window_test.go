package workflow_test

import (
	"testing"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/deadline"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// TestCourtWindowOnlyAfterAdjudication: Pasal 47–48 give 14 working days to sue after receiving a
// KI adjudication ruling; a mediation agreement is final. A ruling received Saturday 24 October 2026
// counts from Monday 26 October (DESIGN §2: receipt on a day off): due Friday 13 November.
func TestCourtWindowOnlyAfterAdjudication(t *testing.T) {
	t.Parallel()
	adjudicated, received := day(2026, 10, 20), day(2026, 10, 24)
	tests := []struct {
		name         string
		kind         string
		adjudication calendar.Date
		received     calendar.Date
		want         calendar.Date
	}{
		{"adjudication ruling received", workflow.DisputeAdjudication, adjudicated, received, day(2026, 11, 13)},
		{"mediation agreement", workflow.DisputeMediation, adjudicated, received, calendar.Date{}},
		{"outcome not yet known", "", adjudicated, received, calendar.Date{}},
		{"adjudication without its date", workflow.DisputeAdjudication, calendar.Date{}, received, calendar.Date{}},
		{"ruling not yet received", workflow.DisputeAdjudication, adjudicated, calendar.Date{}, calendar.Date{}},
	}
	for _, tt := range tests {
		w, ok := workflow.CourtWindow(tt.kind, tt.adjudication, tt.received, testCal)
		if ok != !tt.want.IsZero() || w.Due != tt.want {
			t.Errorf("%s: ok %v due %v, want %v", tt.name, ok, w.Due, tt.want)
		}
		if ok && (w.Rule != deadline.CourtSuit || w.CountingFrom != day(2026, 10, 26)) {
			t.Errorf("%s: rule %v D0 %v", tt.name, w.Rule.Name, w.CountingFrom)
		}
	}
}
