package casework

import (
	"context"
	"strconv"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/notify"
	"github.com/terbuka-id/terbuka/internal/store"
)

// officerNotice is notice kind about case r for audience; the acting officer never hears of their own act.
func (s *Service) officerNotice(r *store.Request, kind notify.Kind, audience string, actor *store.User, data map[string]any) store.OfficerNotice {
	if data == nil {
		data = map[string]any{}
	}
	// Only what an officer of the case sees on its page anyway, never the NIK (UU 27/2022 Pasal 16(2): minimisation).
	data["registration_number"] = r.RegistrationNumber
	data["unit"] = r.UnitName
	data["case_url"] = s.BaseURL + "/kantor/permohonan/" + strconv.FormatInt(r.ID, 10)
	data["account_url"] = s.BaseURL + "/kantor/akun"
	data["office_name"] = s.OfficeName
	n := store.OfficerNotice{Kind: kind, Template: "officer_" + string(kind), Audience: audience, Data: data}
	if actor != nil {
		n.Exclude = actor.ID
	}
	if s.Webhook {
		n.Webhook = &notify.Event{Event: kind, CaseID: r.ID, RegistrationNumber: r.RegistrationNumber, Unit: r.UnitName, Time: s.Now()}
	}
	return n
}

// ClarificationAnswered e-mails the officer a case is assigned to that the requester answered
// clarification clarificationID. It is the clarification service's hook, called once the answer is
// committed; the notice's key makes a repeated call send nothing twice.
func (s *Service) ClarificationAnswered(ctx context.Context, caseID, clarificationID int64) error {
	r, err := s.Store.RequestByID(ctx, access.Everything, caseID)
	if err != nil {
		return err
	}
	n := s.officerNotice(r, notify.ClarificationAnswer, store.AudienceAssigned, nil, map[string]any{"due_date": r.DueDate.String()})
	key := "clarification:" + strconv.FormatInt(clarificationID, 10) + ":answered"
	_, err = s.Store.QueueOfficerNoticeOnce(ctx, key, r.ID, n)
	return err
}
