package deadline

import (
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
)

// Summary is the JSON answer of GET /api/v1/deadlines and `terbuka deadlines`.
type Summary struct {
	ReceivedAt   string        `json:"received_at"`
	CountingFrom calendar.Date `json:"counting_from"`
	ResponseDue  calendar.Date `json:"response_due"`
	ExtendedDue  calendar.Date `json:"extended_due"`
	// The last day to object when no notice comes by response_due / extended_due (Pasal 35(1)c, 36(1)).
	ObjectionIfUnanswered         calendar.Date      `json:"objection_until_if_unanswered"`
	ObjectionIfExtendedUnanswered calendar.Date      `json:"objection_until_if_extended_unanswered"`
	Skipped                       []calendar.Skipped `json:"skipped"`
	Warnings                      []string           `json:"warnings"`
	Rules                         []RuleSummary      `json:"rules"`
}

// RuleSummary explains one clock: its article, start day and due date, and whether that date is
// provisional (it depends on a year without SKB). Name is the clock: response, extension,
// objection_if_unanswered or objection_if_extended_unanswered.
type RuleSummary struct {
	Name         string        `json:"name"`
	Article      string        `json:"article"`
	Days         int           `json:"working_days"`
	CountingFrom calendar.Date `json:"counting_from"`
	Due          calendar.Date `json:"due"`
	Provisional  bool          `json:"provisional"`
	Explanation  string        `json:"explanation"`
}

// Summary renders the clocks for JSON; slices are never null.
func (rc RequestClocks) Summary() Summary {
	out := Summary{
		ReceivedAt:                    rc.ReceivedAt.Format(time.RFC3339),
		CountingFrom:                  rc.CountingFrom,
		ResponseDue:                   rc.ResponseDue,
		ExtendedDue:                   rc.ExtendedDue,
		ObjectionIfUnanswered:         rc.ObjectionIfUnanswered.Due,
		ObjectionIfExtendedUnanswered: rc.ObjectionIfExtendedUnanswered.Due,
		Skipped:                       append([]calendar.Skipped{}, rc.Skipped...),
		Warnings:                      append([]string{}, rc.Warnings...),
	}
	for _, c := range []struct {
		name string
		d    Deadline
	}{
		{rc.Response.Rule.Name, rc.Response},
		{rc.Extended.Rule.Name, rc.Extended},
		{"objection_if_unanswered", rc.ObjectionIfUnanswered},
		{"objection_if_extended_unanswered", rc.ObjectionIfExtendedUnanswered},
	} {
		d := c.d
		out.Rules = append(out.Rules, RuleSummary{Name: c.name, Article: d.Rule.Article, Days: d.Rule.Days,
			CountingFrom: d.CountingFrom, Due: d.Due, Provisional: d.Provisional(), Explanation: d.Explain()})
	}
	return out
}
