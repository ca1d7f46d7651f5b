package transparency

import (
	"context"
	"math"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// Statistics is one year's statistics, as the API, the CSV and the page give them. The
// requests are those registered in the year; objections and disputes those received in it.
type Statistics struct {
	Year             int           `json:"year"`
	AsOf             calendar.Date `json:"as_of"` // the day "overdue" and "pending" were judged on
	Received         int           `json:"received"`
	ReceivedPerMonth []MonthCount  `json:"received_per_month"`
	// Decisions counts each request's first written notice by its decision (Pasal 22(7)).
	Decisions []CodeCount  `json:"decisions"`
	Notices   NoticeCounts `json:"notices"`
	// OnTimeRate is on_time / (on_time + late + overdue_unanswered), 0–1; null when no period has ended.
	OnTimeRate *float64 `json:"on_time_rate"`
	// MedianDaysTaken is the median of working days from D0 to the first notice; null without notices.
	MedianDaysTaken *float64        `json:"median_days_taken"`
	Objections      ObjectionCounts `json:"objections"`
	Disputes        DisputeCounts   `json:"disputes"`
	// ExemptionsByLetter is the yearly announcement's count of refusals per Pasal 17 letter
	// (Perki 1/2021 Pasal 56): first notices, refusals and partial grants' withheld parts apart.
	ExemptionsByLetter []ExemptionCount `json:"exemptions_by_letter"`
}

// ExemptionCount is how many first notices cited one Pasal 17 letter: refusals, partial grants
// (for the withheld part) and both together. A notice citing several letters counts under each.
type ExemptionCount struct {
	Letter  string `json:"letter"`
	Label   string `json:"label"`
	Refused int    `json:"refused"`
	Partial int    `json:"partial"`
	Total   int    `json:"total"`
}

// MonthCount is the requests received in one month (1–12).
type MonthCount struct {
	Month int    `json:"month"`
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// CodeCount is how many carry one code: a decision or an objection ground.
type CodeCount struct {
	Code  string `json:"code"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// NoticeCounts split the year's requests by their first written notice, or its absence.
type NoticeCounts struct {
	OnTime              int `json:"on_time"`
	Late                int `json:"late"`
	OverdueUnanswered   int `json:"overdue_unanswered"`
	Pending             int `json:"pending"`
	ClosedWithoutNotice int `json:"closed_without_notice"`
}

// ObjectionCounts are the objections received in the year and the atasan PPID's answers.
type ObjectionCounts struct {
	Filed      int         `json:"filed"`
	Open       int         `json:"open"`
	Upheld     int         `json:"upheld"`
	Overturned int         `json:"overturned"`
	ByGround   []CodeCount `json:"by_ground"`
}

// DisputeCounts are the disputes received by the Komisi Informasi in the year.
type DisputeCounts struct {
	Filed   int `json:"filed"`
	Ruled   int `json:"ruled"`
	InCourt int `json:"in_court"`
}

// Statistics aggregates year in SQL and counts the working days taken with the calendar.
func (s *Service) Statistics(ctx context.Context, year int) (*Statistics, error) {
	cal, today := s.today()
	st, err := s.Store.Statistics(ctx, year, cal.Location(), today)
	if err != nil {
		return nil, err
	}
	out := &Statistics{Year: year, AsOf: today, Received: st.Received,
		Notices: NoticeCounts{OnTime: st.NoticesOnTime, Late: st.NoticesLate, OverdueUnanswered: st.OverdueUnanswered,
			Pending: st.Pending, ClosedWithoutNotice: st.ClosedWithoutNotice},
		Objections: ObjectionCounts{Filed: st.Objections.Filed, Open: st.Objections.Open, Upheld: st.Objections.Upheld,
			Overturned: st.Objections.Overturned},
		Disputes: DisputeCounts{Filed: st.Disputes.Filed, Ruled: st.Disputes.Ruled, InCourt: st.Disputes.InCourt}}
	for m := range 12 {
		month := calendar.MonthName(time.Month(m + 1))
		out.ReceivedPerMonth = append(out.ReceivedPerMonth, MonthCount{Month: m + 1, Name: month, Count: st.PerMonth[m]})
	}
	for _, o := range request.Decisions {
		out.Decisions = append(out.Decisions, CodeCount{Code: o.Code, Label: o.Label, Count: st.Decisions[o.Code]})
	}
	for _, o := range workflow.ExemptionLetters {
		e := st.Exemptions[o.Code]
		out.ExemptionsByLetter = append(out.ExemptionsByLetter, ExemptionCount{Letter: o.Code, Label: o.Label,
			Refused: e.Refused, Partial: e.Partial, Total: e.Refused + e.Partial})
	}
	for _, o := range workflow.ObjectionGrounds {
		out.Objections.ByGround = append(out.Objections.ByGround, CodeCount{Code: o.Code, Label: o.Label, Count: st.Objections.ByGround[o.Code]})
	}
	// UU 14/2008 Pasal 22(7)–(8): the period ends 10 working days after D0, or 17 once extended.
	if rate, ok := OnTimeRate(st.NoticesOnTime, st.NoticesLate, st.OverdueUnanswered); ok {
		rate = math.Round(rate*10000) / 10000
		out.OnTimeRate = &rate
	}
	byDays := map[int]int{}
	for _, p := range st.NoticeDays {
		byDays[DaysTaken(cal, p.CountingFrom, p.Notice)] += p.N
	}
	counts := make([]Count, 0, len(byDays))
	for days, n := range byDays {
		counts = append(counts, Count{Value: days, N: n})
	}
	if median, ok := MedianOfCounts(counts); ok {
		out.MedianDaysTaken = &median
	}
	return out, nil
}
