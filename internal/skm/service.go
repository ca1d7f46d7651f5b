package skm

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/pii"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// Service records survey answers and summarises them.
type Service struct {
	Store *store.Store
	// Box hashes invitation tokens with the data key, as tracking codes are hashed.
	Box      *secret.Box
	Now      func() time.Time
	Location *time.Location
}

// ErrAnswered: the invitation was answered already (one answer per case).
var ErrAnswered = store.ErrSurveyAnswered

// tokenBytes is the invitation token's randomness: 160 bits, unguessable.
const tokenBytes = 20

// NewToken makes an invitation token and the keyed hash the database keeps of it.
func NewToken(box *secret.Box) (token string, hash []byte) {
	token = secret.Token(tokenBytes)
	return token, TokenHash(box, token)
}

// TokenHash is what the database keeps of a token: a keyed hash, like a tracking code's digest,
// so a leaked table answers no survey.
func TokenHash(box *secret.Box, token string) []byte {
	return box.Lookup([]byte("survey-token\x00" + strings.ToUpper(strings.TrimSpace(token))))
}

// Invite creates case requestID's invitation inside the case step's transaction; token is "" when
// the case has one already.
func Invite(ctx context.Context, tx *store.CaseTx, box *secret.Box, requestID, unitID int64, at time.Time) (token string, err error) {
	token, hash := NewToken(box)
	created, err := tx.InviteSurvey(ctx, requestID, unitID, hash, at)
	if err != nil || !created {
		return "", err
	}
	return token, nil
}

// Invitation finds the invitation of token; store.ErrNotFound for an unknown one.
func (s *Service) Invitation(ctx context.Context, token string) (*store.SurveyInvitation, error) {
	if token == "" || len(token) > 64 {
		return nil, store.ErrNotFound
	}
	return s.Store.SurveyInvitationByToken(ctx, TokenHash(s.Box, token))
}

// InvitationOfRequest finds the invitation of a case the requester proved is theirs.
func (s *Service) InvitationOfRequest(ctx context.Context, requestID int64) (*store.SurveyInvitation, error) {
	return s.Store.SurveyInvitationOfRequest(ctx, requestID)
}

// Form is one questionnaire as a person filled it. A score of 0 is unanswered; anything outside
// 1–4 (a handler puts -1 for what is not a number) is refused.
type Form struct {
	Scores     map[string]int // by element code
	Gender     string
	AgeGroup   string
	Education  string
	Occupation string
	Suggestion string
}

// maxSuggestion bounds a suggestion, in characters.
const maxSuggestion = 2000

// validate checks the form; field keys are those of the JSON API (answers.U3, respondent.gender).
func (f *Form) validate(errs request.FieldErrors) (scores [9]int) {
	for i, e := range Elements {
		v := f.Scores[e.Code]
		switch {
		case v == 0:
			errs["answers."+e.Code] = "Pilih salah satu jawaban untuk unsur " + e.Name + "."
		case v < 1 || v > 4:
			errs["answers."+e.Code] = "Jawaban unsur " + e.Name + " harus bernilai 1 sampai 4."
		}
		scores[i] = v
	}
	for code := range f.Scores {
		if _, ok := ElementByCode(code); !ok {
			errs["answers."+code] = "Unsur tidak dikenal; gunakan U1 sampai U9."
		}
	}
	for _, p := range []struct {
		key   string
		value *string
		opts  []request.Option
	}{{"gender", &f.Gender, Genders}, {"age_group", &f.AgeGroup, AgeGroups},
		{"education", &f.Education, Educations}, {"occupation", &f.Occupation, Occupations}} {
		*p.value = strings.TrimSpace(*p.value)
		if *p.value != "" && !slices.ContainsFunc(p.opts, func(o request.Option) bool { return o.Code == *p.value }) {
			errs["respondent."+p.key] = "Pilihan tidak dikenal."
		}
	}
	f.Suggestion = strings.TrimSpace(f.Suggestion)
	switch {
	case !utf8.ValidString(f.Suggestion) || strings.ContainsRune(f.Suggestion, 0):
		errs["suggestion"] = "Saran berisi karakter yang tidak valid."
	case utf8.RuneCountInString(f.Suggestion) > maxSuggestion:
		errs["suggestion"] = fmt.Sprintf("Saran terlalu panjang: paling banyak %d karakter.", maxSuggestion)
	}
	return scores
}

func (f Form) response(scores [9]int) store.SurveyResponse {
	return store.SurveyResponse{Scores: scores, Gender: f.Gender, AgeGroup: f.AgeGroup, Education: f.Education,
		Occupation: f.Occupation, Suggestion: f.Suggestion,
		// The personal-data check runs on every suggestion; a finding keeps it off public pages for good.
		SuggestionPII: f.Suggestion != "" && len(pii.Scan(f.Suggestion)) > 0}
}

// msgFields is the refusal of a form with field errors.
const msgFields = "Periksa kembali isian yang ditandai."

// Answer stores the requester's answer to invitation inv, dated today in office time.
func (s *Service) Answer(ctx context.Context, inv *store.SurveyInvitation, f Form) (request.FieldErrors, error) {
	errs := request.FieldErrors{}
	scores := f.validate(errs)
	if len(errs) > 0 {
		return errs, &workflow.Refusal{Message: msgFields}
	}
	r := f.response(scores)
	r.FilledOn, r.Channel = calendar.DateOf(s.Now().In(s.Location)), ChannelWeb
	return nil, s.Store.AnswerSurvey(ctx, inv.ID, r)
}

// DeskEntry is a paper form an officer types in.
type DeskEntry struct {
	UnitID   int64
	FilledAt string // YYYY-MM-DD
	Form
}

// EnterDesk stores a paper form for a unit in the officer's scope and returns the response's id.
func (s *Service) EnterDesk(ctx context.Context, actor *store.User, e DeskEntry) (int64, request.FieldErrors, error) {
	if !actor.Can(access.EnterSurvey) {
		return 0, nil, access.ErrForbidden
	}
	errs := request.FieldErrors{}
	if e.UnitID < 1 {
		errs["unit_id"] = "Pilih unit yang disurvei."
	}
	filled, err := calendar.ParseDate(strings.TrimSpace(e.FilledAt))
	today := calendar.DateOf(s.Now().In(s.Location))
	switch {
	case strings.TrimSpace(e.FilledAt) == "":
		errs["filled_at"] = "Isi tanggal pengisian kuesioner."
	case err != nil:
		errs["filled_at"] = "Tanggal tidak valid, gunakan format TTTT-BB-HH."
	case filled.After(today):
		errs["filled_at"] = "Tanggal pengisian tidak boleh di masa depan."
	}
	scores := e.validate(errs)
	if len(errs) > 0 {
		return 0, errs, &workflow.Refusal{Message: msgFields}
	}
	r := e.response(scores)
	r.UnitID, r.FilledOn, r.Channel = e.UnitID, filled, ChannelDesk
	r.EnteredBy = sql.NullInt64{Int64: actor.ID, Valid: true}
	id, err := s.Store.InsertDeskResponse(ctx, actor.Scope(), r)
	if errors.Is(err, store.ErrNotFound) {
		// Unknown, inactive or another unit's: the officer may enter forms only for units in scope.
		errs["unit_id"] = "Unit tidak dikenal atau di luar wewenang Anda."
		return 0, errs, &workflow.Refusal{Message: msgFields}
	}
	return id, nil, err
}

// Moderate approves or rejects a suggestion for the public page.
func (s *Service) Moderate(ctx context.Context, actor *store.User, approve bool, id int64) error {
	if !actor.Can(access.ManageSurvey) {
		return access.ErrForbidden
	}
	return s.Store.ModerateSuggestion(ctx, actor.Scope(), id, approve, actor.ID, s.Now())
}

// FollowUp is a rencana tindak lanjut as an officer types it.
type FollowUp struct {
	UnitID      int64
	Element     string
	Period      Period
	Action      string
	Responsible string
	Target      string
}

// AddFollowUp records a follow-up action for a unit in the officer's scope.
func (s *Service) AddFollowUp(ctx context.Context, actor *store.User, f FollowUp) (request.FieldErrors, error) {
	if !actor.Can(access.ManageSurvey) {
		return nil, access.ErrForbidden
	}
	errs := request.FieldErrors{}
	if _, ok := ElementByCode(f.Element); !ok {
		errs["element"] = "Pilih unsur yang ditindaklanjuti."
	}
	for key, v := range map[string]*string{"action": &f.Action, "responsible": &f.Responsible, "target": &f.Target} {
		*v = strings.TrimSpace(*v)
		if utf8.RuneCountInString(*v) > 1000 || !utf8.ValidString(*v) {
			errs[key] = "Terlalu panjang: paling banyak 1000 karakter."
		}
	}
	if f.Action == "" {
		errs["action"] = "Uraikan tindak lanjutnya."
	}
	if f.UnitID < 1 {
		errs["unit_id"] = "Pilih unit."
	}
	if len(errs) > 0 {
		return errs, &workflow.Refusal{Message: msgFields}
	}
	_, err := s.Store.AddSurveyFollowUp(ctx, actor.Scope(), store.SurveyFollowUp{UnitID: f.UnitID, Element: f.Element,
		PeriodFrom: f.Period.From, PeriodTo: f.Period.To, Action: f.Action, Responsible: f.Responsible, Target: f.Target,
		CreatedBy: actor.ID, CreatedAt: s.Now()})
	if errors.Is(err, store.ErrNotFound) {
		return request.FieldErrors{"unit_id": "Unit di luar wewenang Anda."}, &workflow.Refusal{Message: msgFields}
	}
	return nil, err
}
