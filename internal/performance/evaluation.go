package performance

import (
	"context"
	"errors"
	"math"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/transparency"
)

// Figures are one unit's or one officer's figures of a year.
type Figures struct {
	Handled           int      `json:"handled"`
	NoticesOnTime     int      `json:"notices_on_time"`
	NoticesLate       int      `json:"notices_late"`
	OverdueUnanswered int      `json:"overdue_unanswered"`
	OnTimeRate        *float64 `json:"on_time_rate"` // as the statistics: on time / (on time + late + overdue unanswered)
	MedianDays        *float64 `json:"median_days"`
	Extensions        int      `json:"extensions"`
	OverdueNow        int      `json:"overdue_now"` // this year only: the cases past due without a notice today
	Objections        int      `json:"objections"`
	Overturned        int      `json:"overturned"`
	DisputesLost      int      `json:"disputes_lost"`
}

// Line is a unit or an officer with this year's figures and last year's, for the trend.
type Line struct {
	ID       int64          `json:"id"`
	Name     string         `json:"name"`
	Role     string         `json:"role,omitempty"`
	Current  Figures        `json:"current"`
	Previous Figures        `json:"previous"`
	Survey   *SurveySummary `json:"survey,omitempty"` // units only
}

// Evaluation is a year's evaluation within the reader's scope.
type Evaluation struct {
	Year     int    `json:"year"`
	Units    []Line `json:"units"`
	Officers []Line `json:"officers"`
	// SurveyAvailable is false when no survey source is wired: the IKM column says so.
	SurveyAvailable bool `json:"survey_available"`
}

func (s *Service) figures(rows []store.EvaluationRow) (units, officers map[int64]Figures, names map[[2]int64][2]string) {
	cal := s.Calendar.Current()
	units, officers, names = map[int64]Figures{}, map[int64]Figures{}, map[[2]int64][2]string{}
	for _, r := range rows {
		f := Figures{Handled: r.Handled, NoticesOnTime: r.NoticesOnTime, NoticesLate: r.NoticesLate,
			OverdueUnanswered: r.OverdueUnanswered, Extensions: r.Extensions, OverdueNow: r.OverdueNow,
			Objections: r.Objections, Overturned: r.Overturned, DisputesLost: r.DisputesLost,
			MedianDays: medianDays(cal, r.NoticeDays)}
		// UU 14/2008 Pasal 22(7)–(8): on time within 10 working days, or 17 once extended.
		if rate, ok := transparency.OnTimeRate(r.NoticesOnTime, r.NoticesLate, r.OverdueUnanswered); ok {
			rate = math.Round(rate*10000) / 10000
			f.OnTimeRate = &rate
		}
		if r.OfficerID.Valid {
			officers[r.OfficerID.Int64] = f
			names[[2]int64{1, r.OfficerID.Int64}] = [2]string{r.OfficerName.String, r.OfficerRole.String}
		} else {
			units[r.UnitID.Int64] = f
			names[[2]int64{0, r.UnitID.Int64}] = [2]string{r.UnitName.String, ""}
		}
	}
	return units, officers, names
}

// evaluate reads year, and with trend the year before, for the officer (0: everyone,
// EvaluationUnitsOnly: the units alone) within scope.
func (s *Service) evaluate(ctx context.Context, sc access.Scope, year int, officerID int64, trend bool) (*Evaluation, error) {
	cal, today := s.today()
	cur, err := s.Store.Evaluation(ctx, sc, year, officerID, cal.Location(), today)
	if err != nil {
		return nil, err
	}
	var prev []store.EvaluationRow
	if trend {
		if prev, err = s.Store.Evaluation(ctx, sc, year-1, officerID, cal.Location(), today); err != nil {
			return nil, err
		}
	}
	cu, co, names := s.figures(cur)
	pu, po, prevNames := s.figures(prev)
	for k, v := range prevNames {
		if _, ok := names[k]; !ok {
			names[k] = v
		}
	}
	ev := &Evaluation{Year: year, SurveyAvailable: s.Survey != nil}
	// The order of the rows as SQL gave them (by name), this year's first, then last year's only.
	seen := map[[2]int64]bool{}
	for _, rows := range [][]store.EvaluationRow{cur, prev} {
		for _, r := range rows {
			key := [2]int64{0, r.UnitID.Int64}
			if r.OfficerID.Valid {
				key = [2]int64{1, r.OfficerID.Int64}
			}
			if seen[key] {
				continue
			}
			seen[key] = true
			n := names[key]
			if key[0] == 1 {
				ev.Officers = append(ev.Officers, Line{ID: key[1], Name: n[0], Role: n[1], Current: co[key[1]], Previous: po[key[1]]})
				continue
			}
			line := Line{ID: key[1], Name: n[0], Current: cu[key[1]], Previous: pu[key[1]]}
			unit := key[1]
			if line.Survey, err = s.survey(ctx, &unit, year); err != nil {
				return nil, err
			}
			ev.Units = append(ev.Units, line)
		}
	}
	return ev, nil
}

// Evaluation is year's evaluation of every unit and officer within the actor's scope: for the
// atasan PPID and administrators (access.Evaluate).
func (s *Service) Evaluation(ctx context.Context, actor *store.User, year int) (*Evaluation, error) {
	if !actor.Can(access.Evaluate) {
		return nil, access.ErrForbidden
	}
	return s.evaluate(ctx, actor.Scope(), year, 0, true)
}

// OwnEvaluation is the actor's own figures of year, with the atasan's notes on them.
func (s *Service) OwnEvaluation(ctx context.Context, actor *store.User, year int) (*Evaluation, error) {
	if !actor.Can(access.ViewCases) {
		return nil, access.ErrForbidden
	}
	return s.evaluate(ctx, actor.Scope(), year, actor.ID, true)
}

// PublicUnits are year's figures per unit for the public statistics: units only, never an
// officer (individual performance is personal data, UU 27/2022).
func (s *Service) PublicUnits(ctx context.Context, year int) ([]Line, error) {
	ev, err := s.evaluate(ctx, access.Everything, year, store.EvaluationUnitsOnly, false)
	if err != nil {
		return nil, err
	}
	return ev.Units, nil
}

// Notes lists year's evaluation notes: every officer's within scope for the evaluators, the
// actor's own otherwise.
func (s *Service) Notes(ctx context.Context, actor *store.User, year int) ([]store.EvaluationNote, error) {
	switch {
	case actor.Can(access.Evaluate):
		return s.Store.EvaluationNotes(ctx, actor.Scope(), year, 0)
	case actor.Can(access.ViewCases):
		return s.Store.EvaluationNotes(ctx, actor.Scope(), year, actor.ID)
	}
	return nil, access.ErrForbidden
}

// NoteInput is an atasan's note on an officer.
type NoteInput struct {
	OfficerID    int64
	Strengths    string
	Improvements string
}

// AddNote records an atasan's yearly note on an officer (strengths, what to improve); notes are
// appended, never changed. Field errors are in Indonesian.
func (s *Service) AddNote(ctx context.Context, actor *store.User, year int, in NoteInput) (request.FieldErrors, error) {
	if !actor.Can(access.EvaluationNote) {
		return nil, access.ErrForbidden
	}
	errs := request.FieldErrors{}
	if in.OfficerID <= 0 {
		errs["officer_id"] = "Pilih petugas yang dinilai."
	}
	if len([]rune(in.Strengths)) < 3 || len([]rune(in.Strengths)) > 4000 {
		errs["strengths"] = "Tuliskan kekuatan petugas (3–4.000 karakter)."
	}
	if len([]rune(in.Improvements)) < 3 || len([]rune(in.Improvements)) > 4000 {
		errs["improvements"] = "Tuliskan hal yang perlu diperbaiki (3–4.000 karakter)."
	}
	if len(errs) > 0 {
		return invalid(errs)
	}
	err := s.Store.AddEvaluationNote(ctx, actor.Scope(), year, in.OfficerID, actor, in.Strengths, in.Improvements, s.Now())
	if errors.Is(err, store.ErrNotFound) {
		return invalid(request.FieldErrors{"officer_id": "Petugas tidak ditemukan di unit Anda."})
	}
	return nil, err
}
