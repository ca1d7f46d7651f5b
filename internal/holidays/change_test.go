package holidays

import (
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/deadline"
	"github.com/terbuka-id/terbuka/internal/store"
)

var jakarta = time.FixedZone("WIB", 7*3600)

func testCalendar(days ...calendar.Holiday) *calendar.Calendar {
	return calendar.New(days, []int{2026}, calendar.Options{Location: jakarta, ClosesAt: 16 * time.Hour, CutiBersamaIsHoliday: true})
}

func date(s string) calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestPlanMovesOnlyLater(t *testing.T) {
	before := testCalendar()
	after := testCalendar(calendar.Holiday{Date: date("2026-11-10"), Name: "Hari Libur Uji", Kind: calendar.National})
	// Monday 2 November: due Monday 16 November (10 WD), extended to Wednesday 25 November (+7 WD).
	clocks := []store.RunningClock{
		{ID: 1, CountingFrom: date("2026-11-02"), ResponseDue: date("2026-11-16"), DueDate: date("2026-11-16")},
		{ID: 2, CountingFrom: date("2026-11-02"), ResponseDue: date("2026-11-16"), ExtendedDue: date("2026-11-25"), DueDate: date("2026-11-25")},
		// Due before the new holiday: nothing to move.
		{ID: 3, CountingFrom: date("2026-10-20"), ResponseDue: date("2026-11-03"), DueDate: date("2026-11-03")},
	}
	objections := []store.ObjectionClock{{ID: 9, Number: "KEB/0001/XI/2026", CountingFrom: date("2026-11-02"),
		ResponseDue: deadline.FromDay(before, deadline.ObjectionResponse, date("2026-11-02")).Due}}

	reqs, objs := planMoves(before, after, clocks, objections, "uji")
	if len(reqs) != 2 {
		t.Fatalf("%d request moves, want 2: %+v", len(reqs), reqs)
	}
	if m := reqs[0]; m.RequestID != 1 || m.DueDate != date("2026-11-17") || m.ResponseDue != date("2026-11-17") || !m.ExtendedDue.IsZero() {
		t.Errorf("plain request: %+v", m)
	}
	if m := reqs[1]; m.RequestID != 2 || m.ResponseDue != date("2026-11-17") || m.ExtendedDue != date("2026-11-26") || m.DueDate != date("2026-11-26") {
		t.Errorf("extended request: %+v", m)
	}
	if n := reqs[0].Note; !strings.Contains(n, "Pasal 22(7)") || !strings.Contains(n, "Senin, 16 November 2026") ||
		!strings.Contains(n, "Selasa, 17 November 2026") || !strings.HasSuffix(n, "perubahan kalender hari libur: uji.") {
		t.Errorf("note: %q", n)
	}
	if !strings.Contains(reqs[1].Note, "Pasal 22(8)") {
		t.Errorf("extended note: %q", reqs[1].Note)
	}
	if len(objs) != 1 || !objs[0].ResponseDue.After(objections[0].ResponseDue) || !strings.Contains(objs[0].Note, "KEB/0001/XI/2026") {
		t.Errorf("objection moves: %+v", objs)
	}

	// The reverse change (a day removed) would bring every date earlier: nothing moves.
	reqs, objs = planMoves(after, before, clocks, objections, "uji")
	if len(reqs) != 0 || len(objs) != 0 {
		t.Errorf("removing a day moved %d requests and %d objections", len(reqs), len(objs))
	}
}

func TestPlanMovesStartDayBecomingHoliday(t *testing.T) {
	before := testCalendar()
	after := testCalendar(calendar.Holiday{Date: date("2026-11-02"), Name: "Libur Kota", Kind: calendar.Regional})
	clocks := []store.RunningClock{{ID: 1, CountingFrom: date("2026-11-02"), ResponseDue: date("2026-11-16"), DueDate: date("2026-11-16")}}
	reqs, _ := planMoves(before, after, clocks, nil, "uji")
	// D0 gives way to Tuesday 3 November; ten working days later is Tuesday 17 November.
	if len(reqs) != 1 || reqs[0].CountingFrom != date("2026-11-03") || reqs[0].DueDate != date("2026-11-17") {
		t.Fatalf("moves: %+v", reqs)
	}
}

func TestPlanMovesReopenedCaseOnlyByTheChange(t *testing.T) {
	before := testCalendar()
	after := testCalendar(calendar.Holiday{Date: date("2026-11-10"), Name: "Hari Libur Uji", Kind: calendar.National})
	reopened := sql.NullTime{Time: time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta), Valid: true}
	// A due date later than the recomputation (set by hand, say) stays where it is.
	was := deadline.FromDay(before, deadline.Response, date("2026-11-02")).Due
	clocks := []store.RunningClock{{ID: 1, CountingFrom: date("2026-10-01"), ResponseDue: date("2026-10-15"), DueDate: was, ReopenedAt: reopened}}
	reqs, _ := planMoves(before, after, clocks, nil, "uji")
	if len(reqs) != 1 || !reqs[0].DueDate.After(was) || reqs[0].CountingFrom != date("2026-10-01") ||
		!strings.Contains(reqs[0].Note, "setelah keberatan dikabulkan") {
		t.Fatalf("reopened move: %+v", reqs)
	}
	if reqs, _ := planMoves(before, before, clocks, nil, "uji"); len(reqs) != 0 {
		t.Errorf("an unchanged calendar moved a reopened case: %+v", reqs)
	}
}
