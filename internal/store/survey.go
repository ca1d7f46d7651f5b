package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
)

// The satisfaction survey (PermenPAN-RB 14/2017): invitations tied to cases, responses tied to
// nothing but a unit and a day, and the units' follow-up actions.

// ErrSurveyAnswered: the invitation was answered already; one answer per case.
var ErrSurveyAnswered = errors.New("store: survey already answered")

// SurveyInvitation is a case's invitation, without its token (only its hash is stored).
type SurveyInvitation struct {
	ID       int64 `db:"id"`
	UnitID   int64 `db:"unit_id"`
	Answered bool  `db:"answered"`
}

// InviteSurvey creates the case's invitation in the step's transaction; created is false when the
// case has one already (delivered, then closed: still one invitation per case).
func (t *CaseTx) InviteSurvey(ctx context.Context, requestID, unitID int64, tokenHash []byte, at time.Time) (created bool, err error) {
	res, err := t.tx.ExecContext(ctx, `INSERT INTO survey_invitations (request_id, unit_id, token_hash, created_at)
		VALUES ($1, $2, $3, $4) ON CONFLICT (request_id) DO NOTHING`, requestID, unitID, tokenHash, at)
	if err != nil {
		return false, fmt.Errorf("store: unable to create survey invitation: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// SurveyInvitationByToken finds an invitation by its token's hash; ErrNotFound when none.
func (s *Store) SurveyInvitationByToken(ctx context.Context, tokenHash []byte) (*SurveyInvitation, error) {
	return s.surveyInvitation(ctx, `token_hash = $1`, tokenHash)
}

// SurveyInvitationOfRequest finds the invitation of case requestID; ErrNotFound when none.
func (s *Store) SurveyInvitationOfRequest(ctx context.Context, requestID int64) (*SurveyInvitation, error) {
	return s.surveyInvitation(ctx, `request_id = $1`, requestID)
}

func (s *Store) surveyInvitation(ctx context.Context, where string, arg any) (*SurveyInvitation, error) {
	var inv SurveyInvitation
	err := s.db.GetContext(ctx, &inv, `SELECT id, unit_id, answered FROM survey_invitations WHERE `+where, arg)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch survey invitation: %w", err)
	}
	return &inv, nil
}

// SurveyResponse is one filled questionnaire.
type SurveyResponse struct {
	UnitID     int64
	FilledOn   calendar.Date
	Channel    string
	EnteredBy  sql.NullInt64
	Scores     [9]int
	Gender     string
	AgeGroup   string
	Education  string
	Occupation string
	Suggestion string
	// SuggestionPII: the personal-data check found something in the suggestion.
	SuggestionPII bool
}

const insertResponseColumns = `(unit_id, filled_on, channel, entered_by, u1, u2, u3, u4, u5, u6, u7, u8, u9,
	gender, age_group, education, occupation, suggestion, suggestion_pii, suggestion_status)`

func (r SurveyResponse) args() []any {
	status := "none"
	if r.Suggestion != "" {
		status = "pending"
	}
	out := []any{r.UnitID, r.FilledOn, r.Channel, r.EnteredBy}
	for _, s := range r.Scores {
		out = append(out, s)
	}
	return append(out, r.Gender, r.AgeGroup, r.Education, r.Occupation, r.Suggestion, r.SuggestionPII, status)
}

// AnswerSurvey marks invitation id answered and stores the response under the invitation's unit,
// in one transaction; the conditional update is what keeps it to one answer per case, even when
// two answers race. ErrSurveyAnswered when it was answered already.
func (s *Store) AnswerSurvey(ctx context.Context, invitationID int64, r SurveyResponse) error {
	return s.withTx(ctx, func(tx *sqlx.Tx) error {
		var unitID int64
		err := tx.GetContext(ctx, &unitID, `UPDATE survey_invitations SET answered = true
			WHERE id = $1 AND NOT answered RETURNING unit_id`, invitationID)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrSurveyAnswered
		}
		if err != nil {
			return fmt.Errorf("store: unable to mark survey answered: %w", err)
		}
		r.UnitID, r.EnteredBy = unitID, sql.NullInt64{}
		if _, err := tx.ExecContext(ctx, `INSERT INTO survey_responses `+insertResponseColumns+`
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`, r.args()...); err != nil {
			return fmt.Errorf("store: unable to store survey response: %w", err)
		}
		return nil
	})
}

// InsertDeskResponse stores a paper form typed in by an officer, for a unit inside the officer's
// scope only (checked in the statement); ErrNotFound when the unit is unknown, inactive or outside it.
func (s *Store) InsertDeskResponse(ctx context.Context, sc access.Scope, r SurveyResponse) (int64, error) {
	var id int64
	err := s.db.GetContext(ctx, &id, `INSERT INTO survey_responses `+insertResponseColumns+`
		SELECT u.id, $2::date, $3::text, $4::bigint, $5::smallint, $6::smallint, $7::smallint, $8::smallint, $9::smallint,
			$10::smallint, $11::smallint, $12::smallint, $13::smallint, $14::text, $15::text, $16::text, $17::text, $18::text,
			$19::boolean, $20::text
		FROM (SELECT id, id AS unit_id, active FROM units) u WHERE u.id = $1 AND u.active AND `+inScope("u", 21)+` RETURNING id`, scoped(sc, r.args()...)...)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("store: unable to store survey response: %w", err)
	}
	return id, nil
}

// SurveyFilter picks the responses of a period [From, To) and, when UnitID is set, of one unit.
type SurveyFilter struct {
	UnitID   *int64
	From, To calendar.Date // To exclusive
}

func (f SurveyFilter) args() []any { return []any{f.UnitID, f.From, f.To} }

// surveyWhere keeps the responses aliased r inside filter arguments $1–$3.
const surveyWhere = `($1::bigint IS NULL OR r.unit_id = $1) AND r.filled_on >= $2 AND r.filled_on < $3`

// SurveyTally is how many responses the filter holds and their score sums per element.
func (s *Store) SurveyTally(ctx context.Context, f SurveyFilter) (respondents int64, sums [9]int64, err error) {
	var row struct {
		N  int64 `db:"n"`
		U1 int64 `db:"u1"`
		U2 int64 `db:"u2"`
		U3 int64 `db:"u3"`
		U4 int64 `db:"u4"`
		U5 int64 `db:"u5"`
		U6 int64 `db:"u6"`
		U7 int64 `db:"u7"`
		U8 int64 `db:"u8"`
		U9 int64 `db:"u9"`
	}
	if err := s.db.GetContext(ctx, &row, `SELECT count(*) AS n, coalesce(sum(u1), 0) AS u1, coalesce(sum(u2), 0) AS u2,
		coalesce(sum(u3), 0) AS u3, coalesce(sum(u4), 0) AS u4, coalesce(sum(u5), 0) AS u5, coalesce(sum(u6), 0) AS u6,
		coalesce(sum(u7), 0) AS u7, coalesce(sum(u8), 0) AS u8, coalesce(sum(u9), 0) AS u9
		FROM survey_responses r WHERE `+surveyWhere, f.args()...); err != nil {
		return 0, sums, fmt.Errorf("store: unable to tally survey: %w", err)
	}
	return row.N, [9]int64{row.U1, row.U2, row.U3, row.U4, row.U5, row.U6, row.U7, row.U8, row.U9}, nil
}

// SurveyPopulation counts the requests served in [from, to): a request is served once, when its
// written notice was given (UU 14/2008 Pasal 22(7)) or, withdrawn before any notice, when it was
// withdrawn. Deliveries and closings follow a notice, so they are not counted again.
func (s *Store) SurveyPopulation(ctx context.Context, unitID *int64, from, to time.Time) (int64, error) {
	var n int64
	if err := s.db.GetContext(ctx, &n, `SELECT count(*) FROM requests r
		WHERE ($1::bigint IS NULL OR r.unit_id = $1)
		AND ((r.notice_at >= $2 AND r.notice_at < $3)
			OR (r.notice_at IS NULL AND r.status = 'ditarik' AND r.closed_at >= $2 AND r.closed_at < $3))`,
		unitID, from, to); err != nil {
		return 0, fmt.Errorf("store: unable to count requests served: %w", err)
	}
	return n, nil
}

// ProfileCount is how many respondents gave one answer to a profile question ("" is unanswered).
type ProfileCount struct {
	Field string `db:"field"`
	Code  string `db:"code"`
	Count int64  `db:"n"`
}

// SurveyProfile counts the respondents' profile answers of the filter.
func (s *Store) SurveyProfile(ctx context.Context, f SurveyFilter) ([]ProfileCount, error) {
	var out []ProfileCount
	if err := s.db.SelectContext(ctx, &out, `SELECT p.field, p.code, count(*) AS n
		FROM survey_responses r, LATERAL (VALUES ('gender', r.gender), ('age_group', r.age_group),
			('education', r.education), ('occupation', r.occupation)) AS p (field, code)
		WHERE `+surveyWhere+` GROUP BY p.field, p.code ORDER BY p.field, p.code`, f.args()...); err != nil {
		return nil, fmt.Errorf("store: unable to count survey profile: %w", err)
	}
	return out, nil
}

// SurveySuggestion is a respondent's suggestion with its moderation state.
type SurveySuggestion struct {
	ID       int64         `db:"id"`
	UnitID   int64         `db:"unit_id"`
	UnitName string        `db:"unit_name"`
	FilledOn calendar.Date `db:"filled_on"`
	Text     string        `db:"suggestion"`
	PII      bool          `db:"suggestion_pii"`
	Status   string        `db:"suggestion_status"`
}

const suggestionColumns = `r.id, r.unit_id, u.name AS unit_name, r.filled_on, r.suggestion, r.suggestion_pii, r.suggestion_status
	FROM survey_responses r JOIN units u ON u.id = r.unit_id`

// PublicSurveySuggestions are the suggestions of the filter an officer approved and in which the
// personal-data check found nothing: the only ones ever shown publicly.
func (s *Store) PublicSurveySuggestions(ctx context.Context, f SurveyFilter) ([]SurveySuggestion, error) {
	var out []SurveySuggestion
	if err := s.db.SelectContext(ctx, &out, `SELECT `+suggestionColumns+`
		WHERE `+surveyWhere+` AND r.suggestion_status = 'approved' AND NOT r.suggestion_pii
		ORDER BY r.filled_on, r.id`, f.args()...); err != nil {
		return nil, fmt.Errorf("store: unable to fetch suggestions: %w", err)
	}
	return out, nil
}

// SurveySuggestions are every suggestion of the filter within the officer's scope, for moderation.
func (s *Store) SurveySuggestions(ctx context.Context, sc access.Scope, f SurveyFilter) ([]SurveySuggestion, error) {
	var out []SurveySuggestion
	if err := s.db.SelectContext(ctx, &out, `SELECT `+suggestionColumns+`
		WHERE `+surveyWhere+` AND r.suggestion_status <> 'none' AND `+inScope("r", 4)+`
		ORDER BY r.suggestion_status <> 'pending', r.filled_on, r.id`, scoped(sc, f.args()...)...); err != nil {
		return nil, fmt.Errorf("store: unable to fetch suggestions: %w", err)
	}
	return out, nil
}

// ModerateSuggestion approves or rejects suggestion id within the scope. A suggestion the
// personal-data check flagged cannot be approved; ErrNotFound for none in scope (or a flagged one).
func (s *Store) ModerateSuggestion(ctx context.Context, sc access.Scope, id int64, approve bool, by int64, at time.Time) error {
	status := "rejected"
	if approve {
		status = "approved"
	}
	res, err := s.db.ExecContext(ctx, `UPDATE survey_responses r SET suggestion_status = $2, moderated_by = $3, moderated_at = $4
		WHERE r.id = $1 AND r.suggestion_status <> 'none' AND NOT ($2 = 'approved' AND r.suggestion_pii) AND `+inScope("r", 5),
		scoped(sc, id, status, by, at)...)
	if err != nil {
		return fmt.Errorf("store: unable to moderate suggestion: %w", err)
	}
	return affectedOne(res)
}

// SurveyFollowUp is a rencana tindak lanjut: what a unit will do about one element.
type SurveyFollowUp struct {
	ID          int64         `db:"id"`
	UnitID      int64         `db:"unit_id"`
	UnitName    string        `db:"unit_name"`
	Element     string        `db:"element"`
	PeriodFrom  calendar.Date `db:"period_from"`
	PeriodTo    calendar.Date `db:"period_to"`
	Action      string        `db:"action"`
	Responsible string        `db:"responsible"`
	Target      string        `db:"target"`
	CreatedBy   int64         `db:"created_by"`
	CreatedAt   time.Time     `db:"created_at"`
}

// AddSurveyFollowUp records a follow-up action for a unit inside the scope; ErrNotFound otherwise.
func (s *Store) AddSurveyFollowUp(ctx context.Context, sc access.Scope, f SurveyFollowUp) (int64, error) {
	var id int64
	err := s.db.GetContext(ctx, &id, `INSERT INTO survey_followups
		(unit_id, element, period_from, period_to, action, responsible, target, created_by, created_at)
		SELECT u.id, $2::text, $3::date, $4::date, $5::text, $6::text, $7::text, $8::bigint, $9::timestamptz
		FROM (SELECT id, id AS unit_id FROM units) u WHERE u.id = $1 AND `+inScope("u", 10)+` RETURNING id`,
		scoped(sc, f.UnitID, f.Element, f.PeriodFrom, f.PeriodTo, f.Action, f.Responsible, f.Target, f.CreatedBy, f.CreatedAt)...)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("store: unable to add follow-up: %w", err)
	}
	return id, nil
}

// SurveyFollowUps are the follow-up actions of periods overlapping the filter's, public.
func (s *Store) SurveyFollowUps(ctx context.Context, f SurveyFilter) ([]SurveyFollowUp, error) {
	var out []SurveyFollowUp
	if err := s.db.SelectContext(ctx, &out, `SELECT r.id, r.unit_id, u.name AS unit_name, r.element, r.period_from, r.period_to,
		r.action, r.responsible, r.target, r.created_by, r.created_at
		FROM survey_followups r JOIN units u ON u.id = r.unit_id
		WHERE ($1::bigint IS NULL OR r.unit_id = $1) AND r.period_from < $3 AND r.period_to > $2
		ORDER BY r.element, r.period_from, r.id`, f.args()...); err != nil {
		return nil, fmt.Errorf("store: unable to fetch follow-ups: %w", err)
	}
	return out, nil
}
