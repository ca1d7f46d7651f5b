package jobs

import (
	"context"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// ObjectionWatch keeps the atasan PPID's clock of UU 14/2008 Pasal 36(2): it reminds every atasan
// PPID before an objection's response is due and, once the 30 working days have passed without a
// written answer, tells the requester until when they may take the dispute to the Komisi Informasi
// (Pasal 37(2); Perki 1/2013), escalates to the PPID Utama and records it on the request.
// Exactly once, as DeadlineWatch: every notice is a keyed row inserted with its mails.
type ObjectionWatch struct {
	Store    *store.Store
	Calendar func() *calendar.Calendar
	// Reminders are the working days before the response is due on which the atasan is reminded.
	Reminders           []int
	BaseURL, OfficeName string
}

// Run sends what is due today; nothing on a non-working day (an objection due on a Friday lapses
// on the next working day).
func (w ObjectionWatch) Run(ctx context.Context, now time.Time) (Result, error) {
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
	if err := w.lapse(ctx, cal, now, today, &t); err != nil {
		return t.result(), err
	}
	return t.result(), nil
}

// remind reminds every atasan PPID of each objection whose response is due n working days from today.
func (w ObjectionWatch) remind(ctx context.Context, cal *calendar.Calendar, today calendar.Date, n int, t *watchTally) error {
	dates := watchReminderDates(cal, today, n)
	return watchBatches(ctx, w.Store, t, func(tx *store.NoticeTx) (int, []store.Notice, error) {
		rows, err := tx.ObjectionsDueOn(ctx, dates, n, watchBatch)
		notices := make([]store.Notice, len(rows))
		for i, o := range rows {
			data := w.staffData(o)
			data["days_left"] = n
			notices[i] = store.Notice{Key: o.Key, RequestID: o.RequestID, ObjectionID: o.ID, Kind: kindObjectionReminder, Level: n,
				Staff: &store.StaffMail{Template: tmplObjectionReminder, Audience: store.AudienceAtasan, Data: data}}
		}
		return len(rows), notices, err
	})
}

// lapse handles objections the atasan PPID left unanswered past the 30 working days of Pasal
// 36(2): the requester may now take the dispute to the Komisi Informasi within 14 working days
// (Pasal 37(2); Perki 1/2013), counted from the end of the atasan's period.
func (w ObjectionWatch) lapse(ctx context.Context, cal *calendar.Calendar, now time.Time, today calendar.Date, t *watchTally) error {
	return watchBatches(ctx, w.Store, t, func(tx *store.NoticeTx) (int, []store.Notice, error) {
		rows, err := tx.LapsedObjections(ctx, today, watchBatch)
		notices := make([]store.Notice, len(rows))
		for i, o := range rows {
			window := workflow.DisputeFilingWindow(calendar.Date{}, o.ResponseDue, cal)
			canFile := !today.After(window.Due)
			note := "Atasan PPID tidak menanggapi keberatan " + o.Number + " sampai batas waktu " + calendar.FormatID(o.ResponseDue) +
				" (UU 14/2008 Pasal 36(2)). "
			if canFile {
				note += "Pemohon dapat mengajukan sengketa informasi ke Komisi Informasi paling lambat " + calendar.FormatID(window.Due)
			} else {
				note += "Batas pengajuan sengketa ke Komisi Informasi telah lewat pada " + calendar.FormatID(window.Due)
			}
			note += " (UU 14/2008 Pasal 37(2); Perki 1/2013)."
			data := w.staffData(o)
			data["dispute_deadline"] = window.Due.String()
			n := store.Notice{Key: o.Key, RequestID: o.RequestID, ObjectionID: o.ID, Kind: kindObjectionLapsed,
				Staff: &store.StaffMail{Template: tmplObjectionEscalation, Audience: store.AudienceMainPPID, Data: data},
				Event: &store.NewEvent{At: now, ActorLabel: watchActor, Kind: kindObjectionLapsed, Note: note, Public: true}}
			if canFile && o.Email != "" {
				n.Requester = &store.Mail{Template: tmplObjectionLapsed, Recipient: o.Email, Data: map[string]any{
					"name": o.RequesterName, "registration_number": o.RegistrationNumber, "objection_number": o.Number,
					"due_date": o.ResponseDue.String(), "dispute_deadline": window.Due.String(),
					"tracking_url": w.BaseURL + "/lacak", "office_name": w.OfficeName}}
			}
			notices[i] = n
		}
		return len(rows), notices, err
	})
}

// staffData is what every officer mail about an objection shows; the store adds the recipient's name.
func (w ObjectionWatch) staffData(o store.DueObjection) map[string]any {
	return map[string]any{
		"registration_number": o.RegistrationNumber,
		"objection_number":    o.Number,
		"due_date":            o.ResponseDue.String(),
		"case_url":            watchCaseURL(w.BaseURL, o.RequestID),
		"office_name":         w.OfficeName,
	}
}
