package web

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// submitJSON is the body of POST /api/v1/requests.
type submitJSON struct {
	Requester struct {
		Kind           string `json:"kind"`
		Name           string `json:"name"`
		NIK            string `json:"nik"`
		EntitySKNumber string `json:"entity_sk_number"`
		Address        string `json:"address"`
		Phone          string `json:"phone"`
		Email          string `json:"email"`
		Occupation     string `json:"occupation"`
	} `json:"requester"`
	Information    string `json:"information"`
	Purpose        string `json:"purpose"`
	ObtainMethod   string `json:"obtain_method"`
	DeliveryMethod string `json:"delivery_method"`
	PublishConsent bool   `json:"publish_consent"`
	// Accessibility: the accessible forms asked for (Perki 1/2021 Pasal 24); optional.
	Accessibility struct {
		Needs []string `json:"needs"`
		Note  string   `json:"note"`
	} `json:"accessibility"`
	// IdentityDocument: the KTP scan, deed or power of attorney, base64; optional.
	IdentityDocument *identityJSON `json:"identity_document"`
}

func (b submitJSON) submission() request.Submission {
	return request.Submission{
		RequesterKind: b.Requester.Kind, Name: b.Requester.Name, NIK: b.Requester.NIK,
		EntitySKNumber: b.Requester.EntitySKNumber, Address: b.Requester.Address,
		Phone: b.Requester.Phone, Email: b.Requester.Email, Occupation: b.Requester.Occupation,
		Information: b.Information, Purpose: b.Purpose, ObtainMethod: b.ObtainMethod,
		DeliveryMethod: b.DeliveryMethod, PublishConsent: b.PublishConsent,
		Accessibility: b.Accessibility.Needs, AccessibilityNote: b.Accessibility.Note,
	}
}

type receiptJSON struct {
	RegistrationNumber string        `json:"registration_number"`
	TrackingCode       string        `json:"tracking_code"`
	Status             string        `json:"status"`
	ReceivedAt         string        `json:"received_at"`
	ResponseDue        calendar.Date `json:"response_due"`
	// ReceiptEmailSent is false without an address, or when the address had its day's share.
	ReceiptEmailSent bool `json:"receipt_email_sent"`
}

func (s *Server) apiSubmitRequest(c *gin.Context) {
	var body submitJSON
	if !readJSON(c, &body) {
		return
	}
	sub := body.submission()
	identity, msg := body.IdentityDocument.file()
	if msg != "" {
		c.JSON(http.StatusUnprocessableEntity, gin.H{"error": "Data permohonan belum lengkap atau tidak valid.",
			"fields": gin.H{"identity_document.content_base64": msg}})
		return
	}
	sub.Identity = identity
	receipt, fieldErrs, err := s.intake.Submit(c.Request.Context(), sub, intake.Origin{Channel: "api", Client: c.ClientIP()})
	if errors.Is(err, intake.ErrInvalid) {
		renameIdentityFields(fieldErrs)
		c.JSON(http.StatusUnprocessableEntity, gin.H{"error": "Data permohonan belum lengkap atau tidak valid.", "fields": fieldErrs})
		return
	}
	if s.apiFailed(c, err, nil, "") {
		return
	}
	c.Header("Location", "/api/v1/requests/"+url.PathEscape(receipt.RegistrationNumber))
	c.JSON(http.StatusCreated, receiptJSON{
		RegistrationNumber: receipt.RegistrationNumber,
		TrackingCode:       receipt.TrackingCode,
		Status:             receipt.Status,
		ReceivedAt:         receipt.ReceivedAt.Format(time.RFC3339),
		ResponseDue:        receipt.Response.Due,
		ReceiptEmailSent:   receipt.EmailSent,
	})
}

// isJSON: the API takes JSON bodies only, which also keeps cross-site HTML forms out.
func isJSON(c *gin.Context) bool {
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	return err == nil && mt == "application/json"
}

// readJSON decodes a JSON body into v. On a wrong content type or a bad body it answers the
// request itself (400, 413 or 422 naming the field) and returns false.
func readJSON(c *gin.Context, v any) bool {
	if !isJSON(c) {
		c.JSON(http.StatusBadRequest, gin.H{"error": "Content-Type harus application/json."})
		return false
	}
	if status, msg, fields := decodeJSON(c.Request.Body, v); status != 0 {
		resp := gin.H{"error": msg}
		if fields != nil {
			resp["fields"] = fields
		}
		c.JSON(status, resp)
		return false
	}
	return true
}

// decodeJSON reads exactly one JSON object. It answers 400 for a body that is not JSON, 422
// naming the field for a value of the wrong type or an unknown field.
func decodeJSON(r io.Reader, v any) (status int, msg string, fields map[string]string) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.More() {
		return http.StatusBadRequest, "Badan permintaan harus berisi satu objek JSON saja.", nil
	}
	var typeErr *json.UnmarshalTypeError
	var tooBig *http.MaxBytesError
	switch {
	case err == nil:
		return 0, "", nil
	case errors.As(err, &tooBig):
		return http.StatusRequestEntityTooLarge, "Badan permintaan terlalu besar.", nil
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return http.StatusUnprocessableEntity, "Data permohonan belum lengkap atau tidak valid.",
			map[string]string{typeErr.Field: "Jenis nilai salah: seharusnya " + jsonKind(typeErr.Type.Kind().String()) + "."}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return http.StatusUnprocessableEntity, "Data permohonan belum lengkap atau tidak valid.",
			map[string]string{field: "Kolom tidak dikenal."}
	default:
		return http.StatusBadRequest, "Badan permintaan bukan JSON yang valid.", nil
	}
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "teks"
	case "bool":
		return "true atau false"
	case "struct", "map":
		return "objek"
	}
	return goKind
}

// trackJSON is what a requester sees of their case through the API.
type trackJSON struct {
	RegistrationNumber string        `json:"registration_number"`
	Status             string        `json:"status"`
	StatusLabel        string        `json:"status_label"`
	ReceivedAt         string        `json:"received_at"`
	CountingFrom       calendar.Date `json:"counting_from"`
	ResponseDue        calendar.Date `json:"response_due"`
	DueDate            calendar.Date `json:"due_date"`
	Information        string        `json:"information"`
	Events             []eventJSON   `json:"events"`
	// Clocks are every running or finished clock with the event it runs from (workflow.Clocks).
	Clocks []workflow.Clock `json:"clocks"`
	// CurrentClock is the office's deadline that runs now (workflow.CurrentClock's code) and
	// WorkingDaysLeft the working days to it, negative when passed; both null when none runs.
	CurrentClock    *string `json:"current_clock"`
	WorkingDaysLeft *int    `json:"working_days_left"`
}

type eventJSON struct {
	At    string `json:"at"`
	Kind  string `json:"kind"`
	Label string `json:"label"`
	Note  string `json:"note"`
}

func (s *Server) apiTrackRequest(c *gin.Context) {
	number := strings.TrimPrefix(c.Param("number"), "/")
	tracked, err := s.intake.TrackFrom(c.Request.Context(), c.ClientIP(), number, c.Query("code"))
	if s.apiFailed(c, err, nil, msgRequestNotFound) {
		return
	}
	r := tracked.Request
	ctx := c.Request.Context()
	objections, err := s.store.Objections(ctx, r.ID)
	if err != nil {
		s.serverError(c, err)
		return
	}
	disputes, err := s.store.Disputes(ctx, r.ID)
	if err != nil {
		s.serverError(c, err)
		return
	}
	out := trackJSON{
		RegistrationNumber: r.RegistrationNumber, Status: r.Status,
		StatusLabel: request.Label(request.Statuses, r.Status), ReceivedAt: r.ReceivedAt.In(s.cfg.Location()).Format(time.RFC3339),
		CountingFrom: r.CountingFrom, ResponseDue: r.ResponseDue, DueDate: r.DueDate,
		Information: r.Information, Events: []eventJSON{},
		Clocks: append([]workflow.Clock{}, casework.Clocks(r, objections, disputes, s.now(), s.calendar.Current())...),
	}
	if rc, ok := runningClock(r, objections, disputes, s.now(), s.calendar.Current()); ok {
		out.CurrentClock, out.WorkingDaysLeft = &rc.Code, &rc.DaysLeft
	}
	for _, e := range tracked.Events {
		out.Events = append(out.Events, eventJSON{At: e.At.In(s.cfg.Location()).Format(time.RFC3339),
			Kind: e.Kind, Label: eventLabel(e.Kind), Note: e.Note})
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, out)
}
