package workflow

import (
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
)

// Steps are the moves one user may make on a case now: their role holds the permission and the
// case's state and clocks allow the move. The case page offers exactly these.
type Steps struct {
	Assign, Forward, Withdraw bool // before the written notice
	Extend                    bool // once, while the 10 working days run (UU 14/2008 Pasal 22(8))
	Decide                    bool // the written notice (Pasal 22(7))
	Deliver                   bool // granted information, not yet handed over
	Close                     bool // a notice that needs no more work
	Pay                       bool // the notice's cost, paid before delivery (Pasal 22(7) g)
	FileObjection             bool // at the desk, while the window of Pasal 36(1) is open and none is pending
	AnswerObjection           bool // the atasan's answer to a pending objection (Pasal 36)
	RecordDispute             bool // a KI dispute once the case went to objection (Pasal 37)
	Upload                    bool
	PublishDocuments          bool // a grant's released documents on the portal

	// The objection window, and why it is closed when it is.
	ObjectionWindow Window
	ObjectionWhy    string
}

// Any reports whether any step that changes the case itself is open.
func (s Steps) Any() bool {
	return s.Assign || s.Forward || s.Withdraw || s.Extend || s.Decide || s.Deliver || s.Close
}

// Actions names the open steps that change the case itself, as the officers' API calls them.
func (s Steps) Actions() []Action {
	var out []Action
	for _, st := range []struct {
		open bool
		a    Action
	}{{s.Assign, Assign}, {s.Forward, Forward}, {s.Extend, Extend}, {s.Decide, Decide}, {s.Deliver, Deliver},
		{s.Close, Close}, {s.Withdraw, Withdraw}} {
		if st.open {
			out = append(out, st.a)
		}
	}
	return out
}

// Available works out the Steps for a user of role on case c at now.
func Available(c Case, role access.Role, now time.Time, cal *calendar.Calendar) Steps {
	can := func(p access.Permission) bool { return access.Can(role, p) }
	pending := c.Pending()
	today := calendar.DateOf(now.In(cal.Location()))
	s := Steps{
		Assign:   pending && can(access.AssignCase),
		Forward:  pending && c.OtherActiveUnit && can(access.ForwardCase), // offered only when there is somewhere to forward to
		Withdraw: pending && can(access.RecordWithdrawal),
		// Pasal 22(8): one extension, given before the 10 working days end.
		Extend:          pending && c.ExtendedDue.IsZero() && !today.After(c.ResponseDue) && can(access.ExtendDeadline),
		Decide:          pending && can(access.DecideRequest),
		Deliver:         c.deliverable() && can(access.DeliverInformation),
		Close:           c.closable(today) && can(access.CloseCase),
		Pay:             c.deliverable() && c.CostTotal > 0 && !c.Paid && can(access.DeliverInformation),
		AnswerObjection: c.ObjectionOpen && can(access.AnswerObjection),
		RecordDispute:   (c.HasObjection() || c.HasDispute) && can(access.RecordDispute),
		Upload:          can(access.UploadDocument), // a closed case still takes documents for the archive
		PublishDocuments: (c.Decision == request.StatusGranted || c.Decision == request.StatusPartial) &&
			can(access.PublishDocument),
	}
	var open bool
	s.ObjectionWindow, open, s.ObjectionWhy = ObjectionWindow(c, now, cal)
	s.FileObjection = open && !c.ObjectionOpen && can(access.RegisterObjection)
	return s
}

// Granted reports whether the notice granted information still to be delivered.
func (c Case) Granted() bool {
	return c.Status == request.StatusGranted || c.Status == request.StatusPartial
}

// deliverable: granted information, or information promised by a "not yet documented" notice.
func (c Case) deliverable() bool { return c.Granted() || c.Status == request.StatusNotDocumented }

// closable: a delivered case, a notice that gives nothing to deliver, or a "not yet documented"
// notice whose period has lapsed.
func (c Case) closable(today calendar.Date) bool {
	switch c.Status {
	case request.StatusDelivered, request.StatusRefused, request.StatusNotHeld:
		return true
	case request.StatusNotDocumented:
		return c.DocumentationLapsed(today)
	}
	return false
}

// DocumentationLapsed reports whether the period a "not yet documented" notice promised has passed
// without delivery: the ground of objection of UU 14/2008 Pasal 35(1) e.
func (c Case) DocumentationLapsed(today calendar.Date) bool {
	return c.Status == request.StatusNotDocumented && !c.DocumentationDue.IsZero() && today.After(c.DocumentationDue)
}

// HasObjection reports whether an objection was ever filed against the case.
func (c Case) HasObjection() bool { return !c.LastObjectionAt.IsZero() }

// Overdue reports whether the written notice is still to come after its due date.
func (c Case) Overdue(today calendar.Date) bool { return c.Pending() && today.After(c.DueDate) }
