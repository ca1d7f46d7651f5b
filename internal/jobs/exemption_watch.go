package jobs

import (
	"context"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/store"
)

// ExemptionWatch reminds the PPID before an exemption's period ends (UU 14/2008 Pasal 20; PP 61/2010:
// the decision states how long the information stays exempt), so the office reviews it in time:
// opens the information, or decides a new period on a new consequence test. Exactly once per end
// date: every reminder is a keyed case_notices row inserted with its mails.
type ExemptionWatch struct {
	Store    *store.Store
	Calendar func() *calendar.Calendar
	// NoticeDays is how many calendar days before the end the PPID is reminded (jobs.exemption_notice_days).
	NoticeDays          int
	BaseURL, OfficeName string
}

const (
	kindExemptionEnding = "exemption_ending"
	tmplExemptionEnding = "exemption_ending"
)

// Run reminds of every exemption still in force that ends within NoticeDays from today. A run
// after missed days still catches every exemption that has not ended yet.
func (w ExemptionWatch) Run(ctx context.Context, now time.Time) (Result, error) {
	cal := w.Calendar()
	today := calendar.DateOf(now.In(cal.Location()))
	until := today.AddDays(w.NoticeDays)
	var t watchTally
	err := watchBatches(ctx, w.Store, &t, func(tx *store.NoticeTx) (int, []store.Notice, error) {
		rows, err := tx.ExemptionsEnding(ctx, today, until, watchBatch)
		notices := make([]store.Notice, len(rows))
		for i, e := range rows {
			data := map[string]any{"note": e.Subject, "due_date": e.ExemptUntil.String(), "office_name": w.OfficeName,
				"registration_number": e.RegistrationNumber.String, "days_left": int(e.ExemptUntil.In(time.UTC).Sub(today.In(time.UTC)).Hours() / 24)}
			n := store.Notice{Key: e.Key, Kind: kindExemptionEnding}
			if e.RequestID.Valid {
				// The unit's PPID and the assigned officer of the case that decided it.
				n.RequestID = e.RequestID.Int64
				data["case_url"] = watchCaseURL(w.BaseURL, e.RequestID.Int64)
				n.Staff = &store.StaffMail{Template: tmplExemptionEnding, Audience: store.AudienceCaseOfficers, Data: data}
			} else {
				data["case_url"] = w.BaseURL + "/kantor/pengecualian"
				n.Staff = &store.StaffMail{Template: tmplExemptionEnding, Audience: store.AudienceMainPPID, Data: data}
			}
			notices[i] = n
		}
		return len(rows), notices, err
	})
	return t.result(), err
}
