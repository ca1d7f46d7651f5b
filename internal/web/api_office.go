package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// actionJSON carries the fields of every case action; each action reads its own.
type actionJSON struct {
	OfficerID            int64         `json:"officer_id"`
	UnitID               int64         `json:"unit_id"`
	Reason               string        `json:"reason"`
	Method               string        `json:"method"`
	Kind                 string        `json:"kind"`
	NoticeAt             string        `json:"notice_at"`
	InformationGiven     string        `json:"information_given"`
	Withheld             string        `json:"withheld"`
	ExemptionLetters     []string      `json:"exemption_letters"`
	LegalBasis           string        `json:"legal_basis"`
	Harm                 string        `json:"harm"`
	PublicInterest       string        `json:"public_interest"`
	HoldingBody          string        `json:"holding_body"`
	HoldingUnknownReason string        `json:"holding_unknown_reason"`
	Form                 string        `json:"form"`
	Cost                 string        `json:"cost"`
	DeliveryTime         string        `json:"delivery_time"`
	DeliveryDue          string        `json:"delivery_due"` // YYYY-MM-DD, optional
	DocumentedBy         calendar.Date `json:"documented_by"`
	Pages                int           `json:"pages"`
	Media                string        `json:"media"`
	Postage              int64         `json:"postage"`
	OtherCost            int64         `json:"other_cost"`
	OtherNote            string        `json:"other_note"`
	ExemptUntil          calendar.Date `json:"exempt_until"`
	DIKSubject           string        `json:"dik_subject"`
}

type caseJSON struct {
	RegistrationNumber string        `json:"registration_number"`
	Status             string        `json:"status"`
	StatusLabel        string        `json:"status_label"`
	Unit               string        `json:"unit"`
	ResponseDue        calendar.Date `json:"response_due"`
	ExtendedDue        calendar.Date `json:"extended_due,omitzero"`
	DueDate            calendar.Date `json:"due_date"`
	Decision           string        `json:"decision,omitempty"`
	NoticeLate         bool          `json:"notice_late"`
	Closed             bool          `json:"closed"`
	// AvailableSteps are what this officer may do next (workflow.Available), as action names.
	AvailableSteps []workflow.Action `json:"available_steps"`
}

// apiCaseAction runs one step of a case for a signed-in officer: 200 with the case after the
// step, 409 when the law or the case's state does not allow it, 422 naming fields, 403 for a
// role that may not, 404 for a case outside the officer's unit.
func (s *Server) apiCaseAction(c *gin.Context) {
	account := currentAccount(c)
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id < 1 {
		c.JSON(http.StatusNotFound, gin.H{"error": msgCaseNotFound})
		return
	}
	var body actionJSON
	if !readJSON(c, &body) {
		return
	}
	ctx := c.Request.Context()
	var fieldErrs request.FieldErrors
	switch c.Param("action") {
	case "assign":
		err = s.casework.Assign(ctx, account, id, body.OfficerID)
	case "forward":
		err = s.casework.Forward(ctx, account, id, body.UnitID)
	case "extend":
		err = s.casework.Extend(ctx, account, id, body.Reason)
	case "decide":
		d := workflow.Decision{Kind: body.Kind, InformationGiven: body.InformationGiven, Withheld: body.Withheld,
			ExemptionLetters: body.ExemptionLetters, LegalBasis: body.LegalBasis, Harm: body.Harm,
			PublicInterest: body.PublicInterest, HoldingBody: body.HoldingBody, HoldingUnknownReason: body.HoldingUnknownReason, Form: body.Form, Cost: body.Cost,
			DeliveryTime: body.DeliveryTime, DocumentedBy: body.DocumentedBy,
			Fees:        workflow.Fees{Pages: body.Pages, MediaCode: body.Media, Postage: body.Postage, Other: body.OtherCost, OtherNote: body.OtherNote},
			ExemptUntil: body.ExemptUntil, DIKSubject: body.DIKSubject}
		if body.NoticeAt != "" {
			if d.NoticeAt, err = time.Parse(time.RFC3339, body.NoticeAt); err != nil {
				c.JSON(http.StatusUnprocessableEntity, gin.H{"error": "Putusan belum lengkap.",
					"fields": gin.H{"notice_at": "Format RFC 3339, contoh 2026-11-27T10:00:00+07:00."}})
				return
			}
		}
		if body.DeliveryDue != "" {
			if d.DeliveryDue, err = calendar.ParseDate(body.DeliveryDue); err != nil {
				c.JSON(http.StatusUnprocessableEntity, gin.H{"error": "Putusan belum lengkap.",
					"fields": gin.H{"delivery_due": "Format TTTT-BB-HH, contoh 2026-12-07."}})
				return
			}
		}
		fieldErrs, err = s.casework.Decide(ctx, account, id, d)
	case "deliver":
		err = s.casework.Deliver(ctx, account, id, body.Method)
	case "close":
		err = s.casework.Close(ctx, account, id)
	case "withdraw":
		err = s.casework.Withdraw(ctx, account, id, body.Reason)
	default:
		c.JSON(http.StatusNotFound, gin.H{"error": "Langkah tidak dikenal."})
		return
	}
	if s.apiFailed(c, err, fieldErrs, msgCaseNotFound) {
		return
	}
	// The step succeeded within the officer's scope; a forward may just have moved the case out
	// of it, so the answer reads it whole and offers no further step then.
	r, err := s.store.RequestByID(ctx, access.Everything, id)
	if err != nil {
		s.serverError(c, err)
		return
	}
	var steps []workflow.Action
	if account.Scope().Includes(r.UnitID) {
		wc := casework.Case(r)
		if wc.OtherActiveUnit, err = s.store.OtherActiveUnit(ctx, r.UnitID); err != nil {
			s.serverError(c, err)
			return
		}
		steps = workflow.Available(wc, account.Role, s.now(), s.calendar.Current()).Actions()
	}
	c.JSON(http.StatusOK, caseJSON{RegistrationNumber: r.RegistrationNumber, Status: r.Status,
		StatusLabel: request.Label(request.Statuses, r.Status), Unit: r.UnitName, ResponseDue: r.ResponseDue,
		ExtendedDue: r.ExtendedDue, DueDate: r.DueDate, Decision: r.Decision.String,
		NoticeLate: r.NoticeLate.Bool, Closed: r.ClosedAt.Valid, AvailableSteps: append([]workflow.Action{}, steps...)})
}

const msgCaseNotFound = "Permohonan tidak ditemukan."
