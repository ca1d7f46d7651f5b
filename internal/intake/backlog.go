package intake

import (
	"context"
	"errors"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/deadline"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// ErrForbidden: the actor's role may not notify requesters on the office's behalf.
var ErrForbidden = access.ErrForbidden

// ImportSummary is what an import did, and what it leaves the PPID to do.
type ImportSummary struct {
	Imported int
	// Backlog counts the imported cases that were already overdue without a written notice: their
	// requesters were never told they may object, since the deadline watch never saw them become overdue.
	Backlog BacklogCounts
}

// BacklogCounts splits the overdue imported cases whose requester has not been told by their
// objection window (UU 14/2008 Pasal 35(1) huruf c, Pasal 36(1): 30 working days from the lapse).
type BacklogCounts struct {
	Closed, Open               int // the window has already closed / still runs
	ClosedNoEmail, OpenNoEmail int // of those, the requesters without an e-mail address
}

// Total is every untold case.
func (b BacklogCounts) Total() int { return b.Closed + b.Open }

// NoEmail is every untold case that no e-mail can reach.
func (b BacklogCounts) NoEmail() int { return b.ClosedNoEmail + b.OpenNoEmail }

func (b *BacklogCounts) add(open bool, email string) {
	switch {
	case open:
		b.Open++
		if email == "" {
			b.OpenNoEmail++
		}
	default:
		b.Closed++
		if email == "" {
			b.ClosedNoEmail++
		}
	}
}

// lapseWindow is the objection window a request left unanswered until due opened (Pasal 36(1),
// counted from the lapsed due day as workflow counts it everywhere); ok is false when the due date
// has not passed by now.
func lapseWindow(cal *calendar.Calendar, status string, due calendar.Date, now time.Time) (window deadline.Deadline, open, ok bool) {
	w, open, _ := workflow.ObjectionWindow(workflow.Case{Status: status, DueDate: due}, now, cal)
	return w.Deadline, open, !w.Due.IsZero()
}

// BacklogCase is an untold overdue imported case with its objection window as of now.
type BacklogCase struct {
	store.BacklogCase
	Window deadline.Deadline
	Open   bool
}

// Backlog is the import backlog as the PPID sees it.
type Backlog struct {
	Counts BacklogCounts
	Told   int           // cases whose requester has already been told
	Cases  []BacklogCase // the untold ones, earliest due date first
}

// ImportBacklog reads the overdue imported cases within sc and sorts them by whether the requester
// was told and whether their objection window still runs.
func (s *Service) ImportBacklog(ctx context.Context, sc access.Scope) (Backlog, error) {
	cal := s.Calendar()
	rows, err := s.Store.ImportBacklog(ctx, sc, cal.Location().String(), workflow.PendingStatuses)
	if err != nil {
		return Backlog{}, err
	}
	now := s.Now()
	var b Backlog
	for _, r := range rows {
		window, open, ok := lapseWindow(cal, r.Status, r.DueDate, now)
		switch {
		case !ok: // a calendar change moved the due date to today or later: not overdue now
		case r.Told:
			b.Told++
		default:
			b.Counts.add(open, r.Email)
			b.Cases = append(b.Cases, BacklogCase{BacklogCase: r, Window: window, Open: open})
		}
	}
	return b, nil
}

// BacklogNotified is what pressing the button did.
type BacklogNotified struct {
	Mails        int // mails queued now
	WithoutEmail int // untold cases left for the office to reach by letter or telephone
}

// NotifyImportBacklog queues one mail per untold overdue imported case within the actor's scope
// whose requester gave an e-mail address: the due date, that no notice came, and the last day to
// object or that the 30 working days have passed (UU 14/2008 Pasal 35(1) huruf c, Pasal 36(1)).
// Each is a keyed notice written with its mail and event in one statement, so pressing twice,
// or two PPIDs at once, queues each mail once.
func (s *Service) NotifyImportBacklog(ctx context.Context, actor *store.User) (BacklogNotified, error) {
	if !actor.Can(access.DecideRequest) {
		return BacklogNotified{}, ErrForbidden
	}
	cal := s.Calendar()
	now := s.Now()
	today := calendar.DateOf(now.In(cal.Location()))
	office := map[string]any{"office_name": s.OfficeName, "ppid_name": actor.Name, "ppid_email": actor.Email}
	if o, err := s.Store.OfficeSettings(ctx); err == nil {
		if o.Name != "" {
			office["office_name"] = o.Name
		}
		office["office_address"] = o.Address
	} else if !errors.Is(err, store.ErrNotFound) {
		return BacklogNotified{}, err
	}
	var res BacklogNotified
	err := s.Store.WithNotices(ctx, func(tx *store.NoticeTx) error {
		rows, err := tx.LockImportBacklog(ctx, actor.Scope(), cal.Location().String(), workflow.PendingStatuses)
		if err != nil {
			return err
		}
		res = BacklogNotified{}
		var notices []store.Notice
		for _, r := range rows {
			window, open, ok := lapseWindow(cal, r.Status, r.DueDate, now)
			if !ok || r.Told {
				continue
			}
			if r.Email == "" {
				res.WithoutEmail++ // nothing to send; the page names these cases
				continue
			}
			notices = append(notices, s.backlogNotice(r, window, open, today, now, actor, office))
		}
		_, res.Mails, err = tx.InsertNotices(ctx, notices)
		return err
	})
	return res, err
}

// backlogNotice tells one requester the facts of their lapsed request, and records that on the case.
func (s *Service) backlogNotice(r store.BacklogCase, window deadline.Deadline, open bool, today calendar.Date, now time.Time,
	actor *store.User, office map[string]any) store.Notice {
	data := map[string]any{"name": r.RequesterName, "registration_number": r.RegistrationNumber,
		"received_date": r.ReceivedAt.String(), "due_date": r.DueDate.String(),
		"objection_deadline": window.Due.String(), "window_open": open}
	for k, v := range office {
		data[k] = v
	}
	told := " PPID " + actor.Name + " memberi tahu pemohon melalui e-mail bahwa permohonan tidak dijawab tepat waktu dan bahwa " +
		"masa pengajuan keberatan "
	if open {
		told += "berakhir " + calendar.FormatID(window.Due) + " (UU 14/2008 Pasal 35(1) huruf c dan Pasal 36(1))."
	} else {
		told += "(30 hari kerja, UU 14/2008 Pasal 36(1)) telah berakhir " + calendar.FormatID(window.Due) + "."
	}
	n := store.Notice{Key: r.Key, RequestID: r.ID, Kind: r.Kind,
		Requester: &store.Mail{Template: store.TemplateImportedOverdueRequester, Recipient: r.Email, Data: data}}
	if r.Kind == "overdue" {
		// The deadline watch's own notice for this case: it marks the case overdue as the watch would.
		n.MarkOverdue = today
		n.Event = &store.NewEvent{At: now, ActorLabel: actor.Name, Kind: "overdue", Public: true,
			Note: "Batas waktu pemberitahuan tertulis " + calendar.FormatID(r.DueDate) +
				" terlewati tanpa tanggapan; permohonan tercatat lewat waktu (UU 14/2008 Pasal 22(7))." + told}
	} else {
		n.Event = &store.NewEvent{At: now, ActorLabel: actor.Name, Kind: "backlog_notice", Note: told[1:]}
	}
	return n
}
