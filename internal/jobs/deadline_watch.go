package jobs

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// DeadlineWatch keeps the written-notice clock of UU 14/2008 Pasal 22(7)–(8): it reminds the
// officers before a request's due date and, once the date has passed without a notice, marks the
// case overdue, escalates it to the atasan PPID and the PPID Utama and tells the requester they may
// now object (Pasal 35(1) huruf c).
//
// Only requests whose clock runs count (open and in workflow.PendingStatuses): a decided case is
// never late. Every reminder and escalation is a case_notices row with a unique key, inserted with
// its mails in one statement, so a repeat, a retry or a second instance sends nothing twice.
//
// Catching up: a run after missed days sends, per case, only what is due now — the overdue notice
// if it never went out, and one escalation at the highest level reached, not every level skipped.
// A reminder day that was missed entirely is not made up later: by then the next reminder is close.
type DeadlineWatch struct {
	Store    *store.Store
	Calendar func() *calendar.Calendar
	// Reminders are the working days before the due date on which officers are reminded (jobs.reminder_days).
	Reminders []int
	// EscalateEvery is the working days between repeated escalations of an overdue case
	// (jobs.escalate_every_days); 0 escalates only once.
	EscalateEvery       int
	BaseURL, OfficeName string
}

// Notice kinds (case_notices.kind) and the mail templates they send.
const (
	kindReminder          = "reminder"
	kindOverdue           = "overdue"
	kindEscalation        = "escalation"
	kindObjectionReminder = "objection_reminder"
	kindObjectionLapsed   = "objection_lapsed"
	kindDocReminder       = "documentation_reminder"
	kindDocLapsed         = "documentation_lapsed"

	tmplReminderOfficer     = "reminder_officer"
	tmplOverdueEscalation   = "overdue_escalation"
	tmplOverdueRequester    = "overdue_requester"
	tmplObjectionReminder   = "objection_reminder"
	tmplObjectionLapsed     = "objection_lapsed_requester"
	tmplObjectionEscalation = "objection_escalation"
	tmplDocReminder         = "documentation_reminder"
	tmplDocEscalation       = "documentation_escalation"
	tmplDocLapsed           = "documentation_lapsed_requester"
)

// watchBatch bounds the cases one statement handles, so a large backlog never makes one huge
// transaction; a run takes batch after batch until one comes back short.
const watchBatch = 1000

// watchActor names the scheduler in a case's history.
const watchActor = "Sistem"

// Run sends what is due today. Nothing is sent on a non-working day: reminders go out on working
// days, and a case due on a Friday becomes overdue on the next working day, not on Saturday.
func (w DeadlineWatch) Run(ctx context.Context, now time.Time) (Result, error) {
	cal := w.Calendar()
	today := calendar.DateOf(now.In(cal.Location()))
	var t watchTally
	if !cal.IsWorkingDay(today) {
		return t.result(), nil
	}
	for _, n := range watchReminderOffsets(w.Reminders) {
		if err := w.remind(ctx, cal, today, n, &t); err != nil {
			return t.result(), err
		}
	}
	if err := w.markOverdue(ctx, cal, now, today, &t); err != nil {
		return t.result(), err
	}
	if err := w.escalate(ctx, cal, today, &t); err != nil {
		return t.result(), err
	}
	for _, n := range watchReminderOffsets(w.Reminders) {
		if err := w.remindDocumentation(ctx, cal, today, n, &t); err != nil {
			return t.result(), err
		}
	}
	if err := w.lapseDocumentation(ctx, cal, now, today, &t); err != nil {
		return t.result(), err
	}
	return t.result(), nil
}

// remindDocumentation reminds the case officers of every "not yet documented" case whose promised
// day (Perki 1/2021 notice form) is n working days from today.
func (w DeadlineWatch) remindDocumentation(ctx context.Context, cal *calendar.Calendar, today calendar.Date, n int, t *watchTally) error {
	return w.remindDue(ctx, cal, today, n, t, kindDocReminder, tmplDocReminder,
		func(tx *store.NoticeTx, dates []calendar.Date) ([]store.DueRequest, error) {
			return tx.DocumentationDueOn(ctx, dates, n, watchBatch)
		})
}

// lapseDocumentation handles "not yet documented" cases whose promised day passed without delivery:
// a public event, an escalation to the atasan PPID and the PPID Utama, and the requester told until
// when they may object for the request not being fulfilled (UU 14/2008 Pasal 35(1) huruf e, Pasal 36(1)).
func (w DeadlineWatch) lapseDocumentation(ctx context.Context, cal *calendar.Calendar, now time.Time, today calendar.Date, t *watchTally) error {
	return watchBatches(ctx, w.Store, t, func(tx *store.NoticeTx) (int, []store.Notice, error) {
		rows, err := tx.DocumentationLapsed(ctx, today, watchBatch)
		notices := make([]store.Notice, len(rows))
		for i, r := range rows {
			c := workflow.Case{Status: r.Status, DocumentationDue: r.DueDate, DueDate: r.DueDate}
			if r.NoticeAt.Valid {
				c.NoticeAt = r.NoticeAt.Time
			}
			if r.LastObjectionAt.Valid {
				c.LastObjectionAt = r.LastObjectionAt.Time
			}
			window, canObject, why := workflow.ObjectionWindow(c, now, cal)
			note := "Informasi yang dijanjikan tersedia paling lambat " + calendar.FormatID(r.DueDate) +
				" belum diserahkan (pemberitahuan tertulis: informasi belum didokumentasikan)."
			if canObject {
				note += " Pemohon berhak mengajukan keberatan kepada atasan PPID paling lambat " + calendar.FormatID(window.Due) +
					" (UU 14/2008 Pasal 35(1) huruf e dan Pasal 36(1))."
			} else {
				note += " " + why
			}
			data := w.staffData(r)
			data["overdue_days"] = cal.WorkingDaysBetween(r.DueDate, today)
			n := store.Notice{Key: r.Key, RequestID: r.ID, Kind: kindDocLapsed,
				Staff: &store.StaffMail{Template: tmplDocEscalation, Audience: store.AudienceOversight, Data: data},
				Event: &store.NewEvent{At: now, ActorLabel: watchActor, Kind: kindDocLapsed, Note: note, Public: true}}
			if canObject && r.Email != "" {
				n.Requester = &store.Mail{Template: tmplDocLapsed, Recipient: r.Email, Data: map[string]any{
					"name": r.RequesterName, "registration_number": r.RegistrationNumber, "due_date": r.DueDate.String(),
					"objection_deadline": window.Due.String(), "tracking_url": w.BaseURL + "/lacak", "office_name": w.OfficeName}}
			}
			notices[i] = n
		}
		return len(rows), notices, err
	})
}

// remind reminds the assigned officer and the unit's PPID of every case due n working days from
// today. The key holds the due date, so an extension or a calendar change that moves it reminds again.
func (w DeadlineWatch) remind(ctx context.Context, cal *calendar.Calendar, today calendar.Date, n int, t *watchTally) error {
	return w.remindDue(ctx, cal, today, n, t, kindReminder, tmplReminderOfficer,
		func(tx *store.NoticeTx, dates []calendar.Date) ([]store.DueRequest, error) {
			return tx.RequestsDueOn(ctx, dates, workflow.PendingStatuses, n, watchBatch)
		})
}

// remindDue queues one keyed reminder of kind to the case officers for every case that due finds
// falling n working days from today.
func (w DeadlineWatch) remindDue(ctx context.Context, cal *calendar.Calendar, today calendar.Date, n int, t *watchTally,
	kind, template string, due func(tx *store.NoticeTx, dates []calendar.Date) ([]store.DueRequest, error)) error {
	dates := watchReminderDates(cal, today, n)
	return watchBatches(ctx, w.Store, t, func(tx *store.NoticeTx) (int, []store.Notice, error) {
		rows, err := due(tx, dates)
		notices := make([]store.Notice, len(rows))
		for i, r := range rows {
			data := w.staffData(r)
			data["days_left"] = n
			notices[i] = store.Notice{Key: r.Key, RequestID: r.ID, Kind: kind, Level: n,
				Staff: &store.StaffMail{Template: template, Audience: store.AudienceCaseOfficers, Data: data}}
		}
		return len(rows), notices, err
	})
}

// markOverdue handles cases whose due date passed without a written notice (UU 14/2008 Pasal
// 22(7)–(8)): it marks them overdue, records a public event, tells the requester until when they
// may object (Pasal 35(1) huruf c, Pasal 36(1)) and escalates to the atasan PPID and the PPID Utama.
func (w DeadlineWatch) markOverdue(ctx context.Context, cal *calendar.Calendar, now time.Time, today calendar.Date, t *watchTally) error {
	return watchBatches(ctx, w.Store, t, func(tx *store.NoticeTx) (int, []store.Notice, error) {
		rows, err := tx.OverdueRequests(ctx, today, workflow.PendingStatuses, watchBatch)
		notices := make([]store.Notice, len(rows))
		for i, r := range rows {
			late := cal.WorkingDaysBetween(r.DueDate, today)
			c := workflow.Case{Status: r.Status, DueDate: r.DueDate}
			if r.NoticeAt.Valid {
				c.NoticeAt = r.NoticeAt.Time
			}
			if r.LastObjectionAt.Valid {
				c.LastObjectionAt = r.LastObjectionAt.Time
			}
			// The ground of Pasal 35(1) huruf c arises when the due day ends; the window is Pasal 36(1)'s 30 working days.
			window, canObject, why := workflow.ObjectionWindow(c, now, cal)
			note := "Batas waktu pemberitahuan tertulis " + calendar.FormatID(r.DueDate) +
				" terlewati tanpa tanggapan; permohonan tercatat lewat waktu (UU 14/2008 Pasal 22(7))."
			if canObject {
				note += " Pemohon berhak mengajukan keberatan kepada atasan PPID paling lambat " + calendar.FormatID(window.Due) +
					" (UU 14/2008 Pasal 35(1) huruf c dan Pasal 36(1))."
			} else {
				note += " " + why
			}
			n := store.Notice{Key: r.Key, RequestID: r.ID, Kind: kindOverdue, Level: 0, MarkOverdue: today,
				Event: &store.NewEvent{At: now, ActorLabel: watchActor, Kind: kindOverdue, Note: note, Public: true}}
			// A run that comes late (missed days) escalates once, at the highest level reached: escalate sends it.
			if w.level(late) == 0 {
				data := w.staffData(r)
				data["overdue_days"], data["level"] = late, 0
				n.Staff = &store.StaffMail{Template: tmplOverdueEscalation, Audience: store.AudienceOversight, Data: data}
			}
			if canObject && r.Email != "" {
				n.Requester = &store.Mail{Template: tmplOverdueRequester, Recipient: r.Email, Data: map[string]any{
					"name": r.RequesterName, "registration_number": r.RegistrationNumber, "due_date": r.DueDate.String(),
					"overdue_days": late, "objection_deadline": window.Due.String(),
					"tracking_url": w.BaseURL + "/lacak", "office_name": w.OfficeName}}
			}
			notices[i] = n
		}
		return len(rows), notices, err
	})
}

// escalate repeats the escalation every EscalateEvery working days while a case stays overdue:
// level k once the delay WorkingDaysBetween(due, today) reaches k × EscalateEvery. A run that was
// missed for days catches up with one mail at the highest level reached, never with every level
// it skipped: the query looks only for the notice of each case's current level.
func (w DeadlineWatch) escalate(ctx context.Context, cal *calendar.Calendar, today calendar.Date, t *watchTally) error {
	if w.EscalateEvery <= 0 {
		return nil
	}
	oldest, ok, err := w.Store.OldestDueBefore(ctx, today, workflow.PendingStatuses)
	if err != nil || !ok {
		return err
	}
	starts := escalationLevelStarts(cal, today, w.EscalateEvery, oldest)
	if len(starts) == 0 {
		return nil
	}
	return watchBatches(ctx, w.Store, t, func(tx *store.NoticeTx) (int, []store.Notice, error) {
		rows, err := tx.RequestsToEscalate(ctx, starts, workflow.PendingStatuses, watchBatch)
		notices := make([]store.Notice, len(rows))
		for i, r := range rows {
			data := w.staffData(r)
			data["overdue_days"], data["level"] = cal.WorkingDaysBetween(r.DueDate, today), r.Level
			notices[i] = store.Notice{Key: r.Key, RequestID: r.ID, Kind: kindEscalation, Level: r.Level,
				Staff: &store.StaffMail{Template: tmplOverdueEscalation, Audience: store.AudienceOversight, Data: data}}
		}
		return len(rows), notices, err
	})
}

// level is the escalation level a delay of late working days has reached.
func (w DeadlineWatch) level(late int) int {
	if w.EscalateEvery <= 0 {
		return 0
	}
	return late / w.EscalateEvery
}

// staffData is what every officer mail about a request shows; the store adds the recipient's name.
func (w DeadlineWatch) staffData(r store.DueRequest) map[string]any {
	return map[string]any{
		"registration_number": r.RegistrationNumber,
		"due_date":            r.DueDate.String(),
		"status":              request.Label(request.Statuses, r.Status),
		"officer_name":        r.OfficerName.String,
		"case_url":            watchCaseURL(w.BaseURL, r.ID),
		"office_name":         w.OfficeName,
	}
}

func watchCaseURL(base string, requestID int64) string {
	return base + "/kantor/permohonan/" + strconv.FormatInt(requestID, 10)
}

// escalationLevelStarts lists, for k = 1, 2, …, the earliest due date not yet at escalation level k: the
// (k × every)-th working day back from today, counting today. A case due before it has at least
// k × every working days in (due, today]. The list stops once a start is on or before oldest, the
// earliest open due date, so it covers every case and no more.
func escalationLevelStarts(cal *calendar.Calendar, today calendar.Date, every int, oldest calendar.Date) []calendar.Date {
	var starts []calendar.Date
	for d, count := today, 0; ; d = d.AddDays(-1) {
		if !cal.IsWorkingDay(d) {
			continue
		}
		if count++; count%every == 0 {
			if !d.After(oldest) {
				return starts
			}
			starts = append(starts, d)
		}
	}
}

// watchReminderOffsets are the configured offsets, positive, without duplicates.
func watchReminderOffsets(ns []int) []int {
	out := slices.DeleteFunc(slices.Clone(ns), func(n int) bool { return n <= 0 })
	slices.Sort(out)
	return slices.Compact(out)
}

// watchReminderDates are the due dates that are n working days from today: the n-th working day after
// today and the non-working days right after it, since a deadline on a day off leaves the same
// working days to act.
func watchReminderDates(cal *calendar.Calendar, today calendar.Date, n int) []calendar.Date {
	first, next := cal.AddWorkingDays(today, n).Due, cal.AddWorkingDays(today, n+1).Due
	var dates []calendar.Date
	for d := first; d.Before(next); d = d.AddDays(1) {
		dates = append(dates, d)
	}
	return dates
}

// watchTally counts what a run produced, from the notices that were actually inserted.
type watchTally struct {
	res   Result
	cases map[[2]int64]bool
}

func (t *watchTally) add(notices []store.Notice, inserted []string, mails int) {
	t.res.MailsQueued += mails
	fresh := make(map[string]bool, len(inserted))
	for _, k := range inserted {
		fresh[k] = true
	}
	if t.cases == nil {
		t.cases = map[[2]int64]bool{}
	}
	for _, n := range notices {
		if !fresh[n.Key] {
			continue
		}
		t.cases[[2]int64{n.RequestID, n.ObjectionID}] = true
		switch {
		case n.Kind == kindReminder || n.Kind == kindObjectionReminder || n.Kind == kindDocReminder || n.Kind == kindExemptionEnding:
			t.res.Reminders++
		case n.Staff != nil:
			t.res.Escalations++
		}
		if n.Requester != nil && n.Requester.Recipient != "" {
			t.res.Notices++
		}
	}
}

func (t *watchTally) result() Result {
	r := t.res
	r.Handled = len(t.cases)
	return r
}

// watchBatches produces notices batch by batch, each batch in one transaction that holds its cases
// locked from the query to the insert, until a batch finds fewer cases than watchBatch. Every case
// a batch finds gets its notice inserted (or finds it inserted by another instance), so the next
// batch's NOT EXISTS no longer finds it and the loop ends.
func watchBatches(ctx context.Context, s *store.Store, t *watchTally, batch func(tx *store.NoticeTx) (found int, notices []store.Notice, err error)) error {
	for {
		var found int
		var notices []store.Notice
		var inserted []string
		var mails int
		err := s.WithNotices(ctx, func(tx *store.NoticeTx) error {
			var err error
			if found, notices, err = batch(tx); err != nil {
				return err
			}
			inserted, mails, err = tx.InsertNotices(ctx, notices)
			return err
		})
		if err != nil {
			return err
		}
		t.add(notices, inserted, mails)
		Progress(ctx, t.result())
		if found < watchBatch {
			return nil
		}
	}
}
