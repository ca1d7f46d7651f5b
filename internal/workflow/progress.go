package workflow

import (
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
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

// Codes of the running clock in the tracking API: stable names of the office's deadline a
// requester waits on now (CurrentClock decides which; these name it for the outside world).
const (
	RunningResponse         = "response"          // the written notice, 10 working days (Pasal 22(7))
	RunningExtendedResponse = "extended_response" // the written notice after the extension (Pasal 22(8))
	RunningDelivery         = "delivery"          // the promised delivery of granted information
	RunningDocumentation    = "documentation"     // information not yet documented, promised by a day
	RunningObjectionAnswer  = "objection_answer"  // the atasan PPID's answer, 30 working days (Pasal 36(2))
)

// runningNames give each office clock of CurrentClock its API code and the requester's label.
var runningNames = map[string][2]string{
	ClockResponse:          {RunningResponse, "Pemberitahuan tertulis"},
	ClockExtension:         {RunningExtendedResponse, "Pemberitahuan tertulis (diperpanjang)"},
	ClockDelivery:          {RunningDelivery, "Penyerahan informasi"},
	ClockDocumentation:     {RunningDocumentation, "Penyediaan informasi yang belum didokumentasikan"},
	ClockObjectionResponse: {RunningObjectionAnswer, "Tanggapan atasan PPID atas keberatan"},
}

// RunningClock is the office's deadline that runs now and the working days left to it:
// negative once it has passed (that many working days late), 0 on its last day.
type RunningClock struct {
	Code     string
	Label    string
	Due      calendar.Date
	DaysLeft int
}

// Running is the requester's view of current, the case's CurrentClock: ok is false when it does
// not bind the office (closed, withdrawn, refused, delivered: only the requester's own windows run).
func Running(current Clock, status string, now time.Time, cal *calendar.Calendar) (RunningClock, bool) {
	names, office := runningNames[current.Kind]
	if !office || !OfficeClock(current.Kind, status) || current.Due.IsZero() || (Case{Status: status}).Closed() {
		return RunningClock{}, false
	}
	rc := RunningClock{Code: names[0], Label: names[1], Due: current.Due}
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
