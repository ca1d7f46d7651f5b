package workflow

import (
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/deadline"
	"github.com/terbuka-id/terbuka/internal/request"
)

// Kinds of the clock the office works to now (CurrentClock); the migration backfilling
// requests.clock_kind applies the same rules in the same order.
const (
	ClockResponse          = "response"           // the written notice, UU 14/2008 Pasal 22(7)
	ClockExtension         = "extension"          // the extended notice, Pasal 22(8)
	ClockObjectionResponse = "objection_response" // the atasan's answer, Pasal 36(2)
	ClockDelivery          = "delivery"           // the delivery day a grant promised, Pasal 22(7)
	ClockDocumentation     = "documentation"      // the day a "not yet documented" notice promised, Pasal 22(7)
)

// ClockLabels name each current clock on the officers' queue.
var ClockLabels = map[string]string{
	ClockResponse:          "Tenggat pemberitahuan tertulis",
	ClockExtension:         "Tenggat perpanjangan",
	ClockObjectionResponse: "Tenggat jawaban keberatan",
	ClockDelivery:          "Tenggat penyerahan informasi",
	ClockDocumentation:     "Tenggat pendokumentasian",
	// The requester's and the Komisi Informasi's windows, when nothing binds the office.
	deadline.ObjectionWindow.Name: "Batas pengajuan keberatan oleh pemohon",
	deadline.DisputeFiling.Name:   "Batas pengajuan sengketa ke Komisi Informasi",
	deadline.KIStart.Name:         "Komisi Informasi mulai menyelesaikan sengketa",
	deadline.KIFinish.Name:        "Komisi Informasi menyelesaikan sengketa",
	deadline.CourtSuit.Name:       "Batas gugatan ke pengadilan",
}

// CurrentClock is the one clock that runs now, taken from Clocks: an objection waiting for the
// atasan first, then the notice still to come, the promised documentation or delivery day, and
// once nothing binds the office, the requester's latest window (never the old response deadline).
// It is computed at each case step; a window that opens with time alone shows at the next step.
func CurrentClock(c Case, objections []ObjectionRecord, disputes []DisputeRecord, now time.Time, cal *calendar.Calendar) Clock {
	clocks := Clocks(c, objections, disputes, now, cal)
	// UU 14/2008 Pasal 36(2): the earliest unanswered objection's 30 working days run first.
	var open calendar.Date
	for _, o := range objections {
		if o.AnsweredAt.IsZero() && (open.IsZero() || o.ResponseDue.Before(open)) {
			open = o.ResponseDue
		}
	}
	if !open.IsZero() {
		if k, ok := find(clocks, deadline.ObjectionResponse.Name, open); ok {
			return k
		}
	}
	switch {
	case c.Pending():
		// DueDate, not ResponseDue: an overturned objection reopens the case with a new 10 days.
		if c.Status == request.StatusExtended {
			return Clock{Kind: ClockExtension, Due: c.DueDate, Article: deadline.Extension.Article, FromEvent: "response_due", FromDate: c.ResponseDue}
		}
		return Clock{Kind: ClockResponse, Due: c.DueDate, Article: deadline.Response.Article, FromEvent: "request_received",
			FromDate: calendar.DateOf(c.ReceivedAt.In(cal.Location()))}
	case c.Status == request.StatusNotDocumented && c.DeliveredAt.IsZero() && !c.DocumentationDue.IsZero():
		return Clock{Kind: ClockDocumentation, Due: c.DocumentationDue, Article: "UU 14/2008 Pasal 22(7) (informasi belum didokumentasikan)",
			FromEvent: "notice", FromDate: calendar.DateOf(c.NoticeAt.In(cal.Location()))}
	case (c.Status == request.StatusGranted || c.Status == request.StatusPartial) && c.DeliveredAt.IsZero():
		if k, ok := find(clocks, ClockDelivery, c.DeliveryDue); ok {
			return k
		}
	}
	// Nothing binds the office: the requester's latest window (objection, KI, court) is what runs.
	for i := len(clocks) - 1; i >= 0; i-- {
		if k := clocks[i]; !OfficeClock(k.Kind, request.StatusClosed) && k.Kind != deadline.ObjectionResponse.Name {
			return k
		}
	}
	return Clock{Kind: ClockResponse, Due: c.DueDate, Article: deadline.Response.Article, FromEvent: "request_received",
		FromDate: calendar.DateOf(c.ReceivedAt.In(cal.Location()))}
}

// OfficeClock says whether a current clock binds the office (and so can be overdue), rather than
// being a window of the requester's or of the Komisi Informasi.
func OfficeClock(kind, status string) bool {
	switch kind {
	case ClockObjectionResponse, ClockDelivery, ClockDocumentation:
		return true
	case ClockResponse, ClockExtension:
		return Case{Status: status}.Pending()
	}
	return false
}

func find(clocks []Clock, kind string, due calendar.Date) (Clock, bool) {
	for _, k := range clocks {
		if k.Kind == kind && k.Due == due {
			return k, true
		}
	}
	return Clock{}, false
}
