package jobs

import (
	"context"
	"strconv"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/store"
)

// ReportWatch follows the annual public information service report, which the PPID makes within
// three months after the year ends (Perki 1/2021 Pasal 56: by 31 March). While last year's report
// is not locked it reminds the PPID Utama once in February (or later, before 31 March, when the
// job did not run in February) and escalates to every atasan PPID once from 31 March. Each mail
// is a keyed case_notices row, so a repeat, a retry or a second instance sends nothing more.
type ReportWatch struct {
	Store               *store.Store
	Calendar            func() *calendar.Calendar
	BaseURL, OfficeName string
}

const (
	kindReportReminder   = "annual_report_reminder"
	kindReportEscalation = "annual_report_escalation"
)

// Run checks last year's report as of now, in the office's time zone.
func (w ReportWatch) Run(ctx context.Context, now time.Time) (Result, error) {
	today := calendar.DateOf(now.In(w.Calendar().Location()))
	year := today.Year - 1
	deadline := calendar.NewDate(today.Year, time.March, 31)
	var n store.Notice
	switch {
	case today.Month == time.January:
		return Result{}, nil
	case today.Before(deadline):
		n = store.Notice{Key: "annual_report:" + strconv.Itoa(year) + ":reminder", Kind: kindReportReminder,
			Staff: &store.StaffMail{Template: kindReportReminder, Audience: store.AudienceMainPPID}}
	default:
		n = store.Notice{Key: "annual_report:" + strconv.Itoa(year) + ":escalation", Kind: kindReportEscalation, Level: 1,
			Staff: &store.StaffMail{Template: kindReportEscalation, Audience: store.AudienceAtasan}}
	}
	locked, err := w.Store.ReportLocked(ctx, year)
	if err != nil || locked {
		return Result{Handled: 1}, err
	}
	n.Staff.Data = map[string]any{"note": "Laporan tahunan layanan informasi publik tahun " + strconv.Itoa(year),
		"due_date": deadline.String(), "case_url": w.BaseURL + "/kantor/laporan/" + strconv.Itoa(year), "office_name": w.OfficeName}
	res := Result{Handled: 1}
	err = w.Store.WithNotices(ctx, func(tx *store.NoticeTx) error {
		inserted, mails, err := tx.InsertNotices(ctx, []store.Notice{n})
		res.MailsQueued = mails
		switch {
		case len(inserted) == 0:
		case n.Kind == kindReportReminder:
			res.Reminders = 1
		default:
			res.Escalations = 1
		}
		return err
	})
	return res, err
}
