package workflow

import (
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/deadline"
	"github.com/terbuka-id/terbuka/internal/request"
)

// Step is one stage of a request on the requester's status line.
type Step struct {
	Code  string // received, processing, notice, delivered, objection, dispute
	Label string
	Done  bool // passed
	Now   bool // the stage the request is in
}

// Progress is the line of stages a requester sees: received → in process → written notice →
// delivered, or, once an objection was filed, → objection → dispute; the stage reached is marked.
func Progress(c Case) []Step {
	steps := []Step{{Code: "received", Label: "Diterima"}, {Code: "processing", Label: "Diproses"},
		{Code: "notice", Label: "Pemberitahuan tertulis"}}
	objected := !c.LastObjectionAt.IsZero() || c.ObjectionOpen || c.HasDispute
	if objected {
		steps = append(steps, Step{Code: "objection", Label: "Keberatan"}, Step{Code: "dispute", Label: "Sengketa di Komisi Informasi"})
	} else {
		steps = append(steps, Step{Code: "delivered", Label: "Informasi diserahkan"})
	}
	at := 0
	switch {
	case c.HasDispute:
		at = 4
	case objected:
		at = 3
	case c.Status == request.StatusDelivered || !c.DeliveredAt.IsZero():
		at = 3
	case !c.NoticeAt.IsZero() || request.IsDecision(c.Status):
		at = 2
	case c.Status == request.StatusInProcess || c.Status == request.StatusExtended:
		at = 1
	}
	for i := range steps {
		steps[i].Done = i < at
		steps[i].Now = i == at
	}
	return steps
}

// Current clock codes: the office's deadline a requester waits on now (stable, for the API).
const (
	ClockResponse         = "response"          // the written notice, 10 working days (Pasal 22(7))
	ClockExtendedResponse = "extended_response" // the written notice after the extension (Pasal 22(8))
	ClockDelivery         = "delivery"          // the promised delivery of granted information
	ClockDocumentation    = "documentation"     // information not yet documented, promised by a day
	ClockObjectionAnswer  = "objection_answer"  // the atasan PPID's answer, 30 working days (Pasal 36(2))
)

// RunningClock is the office's deadline that runs now and the working days left to it:
// negative once it has passed (that many working days late), 0 on its last day.
type RunningClock struct {
	Code     string
	Label    string
	Due      calendar.Date
	DaysLeft int
}

// CurrentClock says which of the office's deadlines runs now for c and takes its due day from
// clocks (Clocks, the one source of the dates shown); ok is false when the office owes nothing
// dated (closed, withdrawn, refused, delivered).
func CurrentClock(c Case, clocks []Clock, now time.Time, cal *calendar.Calendar) (RunningClock, bool) {
	due := func(kind string) calendar.Date { // the latest clock of kind
		var d calendar.Date
		for _, cl := range clocks {
			if cl.Kind == kind {
				d = cl.Due
			}
		}
		return d
	}
	var rc RunningClock
	switch {
	case c.Closed():
		return RunningClock{}, false
	case c.ObjectionOpen:
		rc = RunningClock{Code: ClockObjectionAnswer, Label: "Tanggapan atasan PPID atas keberatan", Due: due(deadline.ObjectionResponse.Name)}
	case c.Status == request.StatusReceived || c.Status == request.StatusInProcess:
		rc = RunningClock{Code: ClockResponse, Label: "Pemberitahuan tertulis", Due: due(deadline.Response.Name)}
	case c.Status == request.StatusExtended:
		rc = RunningClock{Code: ClockExtendedResponse, Label: "Pemberitahuan tertulis (diperpanjang)", Due: due(deadline.Extension.Name)}
	case (c.Status == request.StatusGranted || c.Status == request.StatusPartial) && c.DeliveredAt.IsZero():
		rc = RunningClock{Code: ClockDelivery, Label: "Penyerahan informasi", Due: due("delivery")}
	case c.Status == request.StatusNotDocumented:
		// Not one of Clocks: the day the "not yet documented" notice promised (Perki 1/2021).
		rc = RunningClock{Code: ClockDocumentation, Label: "Penyediaan informasi yang belum didokumentasikan", Due: c.DocumentationDue}
	default:
		return RunningClock{}, false
	}
	if rc.Due.IsZero() {
		return RunningClock{}, false
	}
	today := calendar.DateOf(now.In(cal.Location()))
	if today.After(rc.Due) {
		rc.DaysLeft = -cal.WorkingDaysBetween(rc.Due, today)
	} else {
		rc.DaysLeft = cal.WorkingDaysBetween(today, rc.Due)
	}
	return rc, true
}

// Late is how many working days the clock has passed its due day; 0 while it runs.
func (rc RunningClock) Late() int { return max(0, -rc.DaysLeft) }
