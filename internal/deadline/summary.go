package deadline

import (
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
)

// Summary is the JSON answer of GET /api/v1/deadlines and `terbuka deadlines`.
type Summary struct {
	ReceivedAt   string             `json:"received_at"`
	CountingFrom calendar.Date      `json:"counting_from"`
	ResponseDue  calendar.Date      `json:"response_due"`
	ExtendedDue  calendar.Date      `json:"extended_due"`
	Skipped      []calendar.Skipped `json:"skipped"`
	Warnings     []string           `json:"warnings"`
	Rules        []RuleSummary      `json:"rules"`
}

// RuleSummary explains one clock: its article, start day and due date.
type RuleSummary struct {
	Name         string        `json:"name"`
	Article      string        `json:"article"`
	Days         int           `json:"working_days"`
	CountingFrom calendar.Date `json:"counting_from"`
	Due          calendar.Date `json:"due"`
	Explanation  string        `json:"explanation"`
}

// Summary renders the clocks for JSON; slices are never null.
func (rc RequestClocks) Summary() Summary {
	out := Summary{
		ReceivedAt:   rc.ReceivedAt.Format(time.RFC3339),
		CountingFrom: rc.CountingFrom,
		ResponseDue:  rc.ResponseDue,
		ExtendedDue:  rc.ExtendedDue,
		Skipped:      append([]calendar.Skipped{}, rc.Skipped...),
		Warnings:     append([]string{}, rc.Warnings...),
	}
	for _, d := range []Deadline{rc.Response, rc.Extended} {
		out.Rules = append(out.Rules, RuleSummary{Name: d.Rule.Name, Article: d.Rule.Article, Days: d.Rule.Days,
			CountingFrom: d.CountingFrom, Due: d.Due, Explanation: d.Explain()})
	}
	return out
}
