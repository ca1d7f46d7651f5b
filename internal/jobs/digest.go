package jobs

import (
	"context"
	"strconv"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
)

// Digest sends each officer, once per local day, the list of their open cases that are overdue
// or due soon: the cases assigned to them and, for a PPID, the unassigned cases of their unit
// (every unit for the PPID Utama).
type Digest struct {
	Store               *store.Store
	Calendar            func() *calendar.Calendar
	SoonDays            int // due within this many working days counts as "due soon"; 0 means DefaultSoonDays
	BaseURL, OfficeName string
}

// DefaultSoonDays matches the "due soon" flag of the officers' queue.
const DefaultSoonDays = 3

// digestTemplate is the mail template in internal/mail/templates.
const digestTemplate = "officer_digest"

// Run queues today's digests; Handled counts the officers who get one, Notices the digest records
// and MailsQueued their mails (one each). Officers with nothing to report get none,
// and none are sent on a day that is not a working day: nobody is at the office to act on them,
// and the next working day's digest lists the same cases.
func (d Digest) Run(ctx context.Context, now time.Time) (Result, error) {
	cal := d.Calendar()
	today := calendar.DateOf(now.In(cal.Location()))
	if !cal.IsWorkingDay(today) {
		return Result{}, nil
	}
	soonDays := d.SoonDays
	if soonDays <= 0 {
		soonDays = DefaultSoonDays
	}
	dueBy := cal.AddWorkingDays(today, soonDays).Due
	digests, err := d.Store.OfficerDigests(ctx, today, dueBy)
	if err != nil {
		return Result{}, err
	}
	mails := make([]store.DigestMail, 0, len(digests))
	for _, o := range digests {
		mails = append(mails, store.DigestMail{UserID: o.UserID, Mail: store.Mail{
			Template: digestTemplate, Recipient: o.Email, Data: d.mailData(o, today, soonDays)}})
	}
	n, err := d.Store.QueueDigests(ctx, today, mails)
	return Result{Handled: n, Notices: n, MailsQueued: n}, err
}

func (d Digest) mailData(o store.OfficerDigest, today calendar.Date, soonDays int) map[string]any {
	cases := make([]map[string]any, len(o.Cases))
	overdue := 0
	for i, c := range o.Cases {
		status := request.Label(request.Statuses, c.Status)
		if c.DueDate.Before(today) {
			status += ", lewat waktu"
			overdue++
		}
		cases[i] = map[string]any{"registration_number": c.RegistrationNumber, "due_date": c.DueDate.String(),
			"status": status, "url": d.BaseURL + "/kantor/permohonan/" + strconv.FormatInt(c.ID, 10)}
	}
	return map[string]any{"name": o.Name, "office_name": d.OfficeName, "date": today.String(), "cases": cases,
		"count": len(cases), "overdue_count": overdue, "soon_days": soonDays}
}
