// Package intake registers information requests and answers the tracking page: the one path
// every channel (web form, JSON API, officer at the desk) goes through.
package intake

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/deadline"
	"github.com/terbuka-id/terbuka/internal/nik"
	"github.com/terbuka-id/terbuka/internal/numbering"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/store"
)

// nikAD binds sealed NIKs to their column, so a ciphertext moved elsewhere does not open.
var nikAD = []byte("requests.nik_sealed")

// Service registers and tracks requests.
type Service struct {
	Store      *store.Store
	Calendar   func() *calendar.Calendar
	Box        *secret.Box
	Format     numbering.Format
	Now        func() time.Time
	OfficeName string
	BaseURL    string
}

// Origin says how a request arrived and, for officers, who registered it and when it was received.
type Origin struct {
	Channel    string
	Officer    *store.User
	ReceivedAt time.Time // zero: now
}

// Receipt is the tanda bukti: what the requester must keep.
type Receipt struct {
	RequestID          int64
	RegistrationNumber string
	TrackingCode       string
	Status             string
	ReceivedAt         time.Time
	Clocks             deadline.RequestClocks
}

// ErrInvalid wraps field errors so callers can tell them from failures.
var ErrInvalid = errors.New("intake: invalid submission")

// Submit validates and registers a request. It returns request.FieldErrors (never nil) with
// ErrInvalid when the submission is not acceptable; nothing is stored then.
func (s *Service) Submit(ctx context.Context, sub request.Submission, origin Origin) (Receipt, request.FieldErrors, error) {
	sub.Normalize()
	errs := sub.Validate()
	now := s.Now()
	received := now
	if !origin.ReceivedAt.IsZero() {
		received = origin.ReceivedAt
		if received.After(now.Add(time.Minute)) {
			errs = addError(errs, "received_at", "Waktu diterima tidak boleh di masa depan.")
		}
	}
	if origin.Officer != nil && !request.IsOfficerChannel(origin.Channel) {
		errs = addError(errs, "channel", "Pilih saluran penerimaan permohonan.")
	}
	if len(errs) > 0 {
		return Receipt{}, errs, ErrInvalid
	}

	cal := s.Calendar()
	received = received.In(cal.Location())
	clocks := deadline.ForRequest(cal, received)
	code := secret.TrackingCode()
	prefix, width, suffix := s.Format.Parts(received.Year(), received.Month())
	row := store.NewRequest{
		Year: received.Year(), NumberPrefix: prefix, NumberWidth: width, NumberSuffix: suffix,
		TrackingCodeHash: s.Box.TrackingCodeDigest(code),
		Channel:          origin.Channel,
		RequesterKind:    sub.RequesterKind,
		RequesterName:    sub.Name,
		Address:          sub.Address,
		Phone:            sub.Phone,
		Email:            sub.Email,
		Occupation:       sub.Occupation,
		Information:      sub.Information,
		Purpose:          sub.Purpose,
		ObtainMethod:     sub.ObtainMethod,
		DeliveryMethod:   sub.DeliveryMethod,
		PublishConsent:   sub.PublishConsent,
		ReceivedAt:       received,
		CountingFrom:     clocks.CountingFrom,
		ResponseDue:      clocks.ResponseDue,
		ActorLabel:       "Pemohon",
		EventNote:        "Permohonan diterima melalui " + request.Label(request.Channels, origin.Channel) + ".",
	}
	if sub.NIK != "" {
		sealed, err := s.Box.Seal([]byte(sub.NIK), nikAD)
		if err != nil {
			return Receipt{}, nil, fmt.Errorf("intake: %w", err)
		}
		row.NIKSealed, row.NIKLookup = sealed, s.Box.Lookup([]byte(sub.NIK))
	}
	if sub.EntitySKNumber != "" {
		row.EntitySKNumber = sql.NullString{String: sub.EntitySKNumber, Valid: true}
	}
	if origin.Officer != nil {
		row.RegisteredBy = sql.NullInt64{Int64: origin.Officer.ID, Valid: true}
		row.ActorLabel = origin.Officer.Name
	}
	if sub.Email != "" {
		row.Mail = &store.Mail{Template: "request_received", Recipient: sub.Email, Data: map[string]any{
			"name":          sub.Name,
			"tracking_code": code,
			"received_at":   received.Format(time.RFC3339),
			"response_due":  clocks.ResponseDue.String(),
			"office_name":   s.OfficeName,
			"tracking_url":  s.BaseURL + "/lacak",
		}}
	}
	reg, err := s.Store.InsertRequest(ctx, row)
	if err != nil {
		return Receipt{}, nil, err
	}
	return Receipt{
		RequestID:          reg.ID,
		RegistrationNumber: reg.RegistrationNumber,
		TrackingCode:       code,
		Status:             request.StatusReceived,
		ReceivedAt:         received,
		Clocks:             clocks,
	}, nil, nil
}

func addError(errs request.FieldErrors, key, msg string) request.FieldErrors {
	if errs == nil {
		errs = request.FieldErrors{}
	}
	errs[key] = msg
	return errs
}

// Tracked is what a requester may see of their case.
type Tracked struct {
	Request *store.Request
	Events  []store.Event
}

// Track returns the case only when number and code match; otherwise store.ErrNotFound, the
// same answer for a wrong code as for an unknown number.
func (s *Service) Track(ctx context.Context, number, code string) (*Tracked, error) {
	code = secret.NormalizeTrackingCode(code)
	// What no registration number can contain (NUL, broken UTF-8, a novel's length) is
	// unknown, not a database error.
	if number == "" || code == "" || len(number) > 100 || !utf8.ValidString(number) || strings.ContainsRune(number, 0) {
		return nil, store.ErrNotFound
	}
	r, err := s.Store.TrackRequest(ctx, number, s.Box.TrackingCodeDigest(code))
	if err != nil {
		return nil, err
	}
	events, err := s.Store.Events(ctx, r.ID, true)
	if err != nil {
		return nil, err
	}
	return &Tracked{Request: r, Events: events}, nil
}

// TrackByID is the requester's view of a case they already proved they may see.
func (s *Service) TrackByID(ctx context.Context, id int64) (*Tracked, error) {
	r, err := s.Store.RequestByID(ctx, access.Everything, id)
	if err != nil {
		return nil, err
	}
	events, err := s.Store.Events(ctx, r.ID, true)
	if err != nil {
		return nil, err
	}
	return &Tracked{Request: r, Events: events}, nil
}

// MaskedNIK opens a sealed NIK and masks it for an officer's screen; the full NIK never leaves.
func (s *Service) MaskedNIK(sealed []byte) string {
	if sealed == nil {
		return ""
	}
	plain, err := s.Box.Open(sealed, nikAD)
	if err != nil {
		return "(tidak dapat dibuka)"
	}
	return nik.Mask(string(plain))
}
