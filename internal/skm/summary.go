package skm

import (
	"context"
	"strconv"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/store"
)

// ElementAverage is one element's average score (NRR) over a period, two decimals.
type ElementAverage struct {
	Code    string  `json:"code"`
	Name    string  `json:"name"`
	Average float64 `json:"average"`
}

// Summary is the survey's result for a unit (or the office) and period.
type Summary struct {
	Respondents int64 `json:"respondents"`
	// Population is the number of requests served in the period: those whose written notice was
	// given in it, plus those withdrawn in it before any notice (store.SurveyPopulation).
	Population     int64            `json:"population"`
	RequiredSample int64            `json:"required_sample"`
	Elements       []ElementAverage `json:"elements"`
	// IKM is the converted index (IKM × 25), two decimals; nil without respondents.
	IKM *float64 `json:"ikm"`
	// Grade is A–D and GradeLabel its name (Sangat Baik …); both "" without respondents.
	Grade      string `json:"grade"`
	GradeLabel string `json:"grade_label"`
	// SampleTooSmall: fewer respondents than the Krejcie–Morgan minimum for the population.
	SampleTooSmall bool `json:"sample_too_small"`
}

// cents turns hundredths into the two-decimal number they stand for.
func cents(c int64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatInt(c/100, 10)+"."+pad2(c%100), 64)
	return v
}

func pad2(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// Summarize turns a tally and a population into the summary (pure; Summary reads them from the store).
func Summarize(t Tally, population int64) Summary {
	sum := Summary{Respondents: t.Respondents, Population: population, RequiredSample: RequiredSample(population),
		Elements: make([]ElementAverage, len(Elements))}
	for i, e := range Elements {
		sum.Elements[i] = ElementAverage{Code: e.Code, Name: e.Name, Average: cents(t.AverageCents(i))}
	}
	if c, ok := t.IndexCents(); ok {
		ikm, g := cents(c), GradeOf(c)
		sum.IKM, sum.Grade, sum.GradeLabel = &ikm, g.Letter, g.Label
	}
	sum.SampleTooSmall = sum.Respondents < sum.RequiredSample
	return sum
}

// Summary is the survey's result for unit unitID (nil: the whole office) over [from, to): the
// respondents whose questionnaire is dated in the period (office time), the requests served in
// it, the element averages, the converted IKM and its grade. It reads public figures only, so
// it takes no scope: the IKM is published (PermenPAN-RB 14/2017).
func (s *Service) Summary(ctx context.Context, unitID *int64, from, to time.Time) (Summary, error) {
	f := store.SurveyFilter{UnitID: unitID, From: s.date(from), To: s.date(to)}
	var t Tally
	var err error
	if t.Respondents, t.Sums, err = s.Store.SurveyTally(ctx, f); err != nil {
		return Summary{}, err
	}
	population, err := s.Store.SurveyPopulation(ctx, unitID, from, to)
	if err != nil {
		return Summary{}, err
	}
	return Summarize(t, population), nil
}

func (s *Service) date(t time.Time) calendar.Date { return calendar.DateOf(t.In(s.Location)) }

// ProfileRow is how many respondents gave one profile answer.
type ProfileRow struct {
	Label string
	Count int64
}

// ProfileGroup is one profile question's answers, with those who left it empty last.
type ProfileGroup struct {
	Label string
	Rows  []ProfileRow
}

// Report is everything the published SKM report holds for a unit (or the office) and period.
type Report struct {
	Period      Period
	UnitID      *int64
	UnitName    string // "" for the whole office
	Summary     Summary
	Profile     []ProfileGroup
	Suggestions []store.SurveySuggestion // approved and free of personal data only
	FollowUps   []store.SurveyFollowUp
}

// Report gathers the published report of unit unitID (nil: the office) for period p.
func (s *Service) Report(ctx context.Context, unitID *int64, p Period) (*Report, error) {
	from, to := p.Times(s.Location)
	sum, err := s.Summary(ctx, unitID, from, to)
	if err != nil {
		return nil, err
	}
	r := &Report{Period: p, UnitID: unitID, Summary: sum}
	if unitID != nil {
		u, err := s.Store.UnitByID(ctx, *unitID)
		if err != nil {
			return nil, err
		}
		r.UnitName = u.Name
	}
	f := store.SurveyFilter{UnitID: unitID, From: p.From, To: p.To}
	counts, err := s.Store.SurveyProfile(ctx, f)
	if err != nil {
		return nil, err
	}
	for _, pf := range ProfileFields {
		g := ProfileGroup{Label: pf.Label}
		byCode := map[string]int64{}
		for _, c := range counts {
			if c.Field == pf.Key {
				byCode[c.Code] = c.Count
			}
		}
		for _, o := range pf.Options {
			g.Rows = append(g.Rows, ProfileRow{Label: o.Label, Count: byCode[o.Code]})
		}
		g.Rows = append(g.Rows, ProfileRow{Label: "Tidak diisi", Count: byCode[""]})
		r.Profile = append(r.Profile, g)
	}
	if r.Suggestions, err = s.Store.PublicSurveySuggestions(ctx, f); err != nil {
		return nil, err
	}
	if r.FollowUps, err = s.Store.SurveyFollowUps(ctx, f); err != nil {
		return nil, err
	}
	return r, nil
}

// ElementName is the name of element code, or the code itself.
func ElementName(code string) string {
	if e, ok := ElementByCode(code); ok {
		return e.Name
	}
	return code
}
