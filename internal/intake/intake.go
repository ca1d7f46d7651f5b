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
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/mailtext"
	"github.com/terbuka-id/terbuka/internal/nik"
	"github.com/terbuka-id/terbuka/internal/notify"
	"github.com/terbuka-id/terbuka/internal/numbering"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/throttle"
)

// nikAD binds sealed NIKs to their column, so a ciphertext moved elsewhere does not open.
var nikAD = []byte("requests.nik_sealed")

// identityAD binds sealed identity documents to their column.
var identityAD = []byte("identity_documents.sealed")

// Service registers and tracks requests.
type Service struct {
	Store      *store.Store
	Calendar   func() *calendar.Calendar
	Box        *secret.Box
	Format     numbering.Format
	Now        func() time.Time
	OfficeName string
	BaseURL    string
	// Throttle limits anonymous submissions, receipt e-mails and tracking-code guesses; nil: no limits.
	Throttle *throttle.Limiter
	// IdentityMaxBytes bounds an attached identity document (config files.identity_max_kb).
	IdentityMaxBytes int64
	// Webhook queues a signed webhook delivery of each new request (config notify.webhook_url is set).
	Webhook bool
}

// Origin says how a request arrived and, for officers, who registered it and when it was received.
type Origin struct {
	Channel    string
	Officer    *store.User
	ReceivedAt time.Time // zero: now
	// Client is the address an anonymous submission came from, for the per-client limit.
	Client string
}

// Receipt is the tanda bukti: what the requester must keep.
type Receipt struct {
	RequestID          int64
	RegistrationNumber string
	TrackingCode       string
	Status             string
	ReceivedAt         time.Time
	// Response is the one clock a receipt shows: the written notice's (UU 14/2008 Pasal 22(7)).
	Response deadline.Deadline
	// EmailSent says a receipt e-mail was queued: false without an address, or when the
	// address had its day's share of receipts (then EmailWithheld is true).
	EmailSent     bool
	EmailWithheld bool
}

// ErrInvalid wraps field errors so callers can tell them from failures.
var ErrInvalid = errors.New("intake: invalid submission")

// Submit validates and registers a request. It returns request.FieldErrors (never nil) with
// ErrInvalid when the submission is not acceptable; nothing is stored then. An anonymous client
// over its hourly share gets a *throttle.Limited.
func (s *Service) Submit(ctx context.Context, sub request.Submission, origin Origin) (Receipt, request.FieldErrors, error) {
	anonymous := origin.Officer == nil && s.Throttle != nil
	if anonymous {
		if err := s.Throttle.AllowSubmission(ctx, origin.Client); err != nil {
			return Receipt{}, nil, err
		}
	}
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
	identity, msg := s.checkIdentity(sub.Identity)
	if msg != "" {
		errs = addError(errs, "identity.file", msg)
	}
	if len(errs) > 0 {
		return Receipt{}, errs, ErrInvalid
	}

	cal := s.Calendar()
	received = received.In(cal.Location())
	clock := deadline.Compute(cal, deadline.Response, received)
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
		CountingFrom:     clock.CountingFrom,
		ResponseDue:      clock.Due,
		ActorLabel:       "Pemohon",
		EventNote:        "Permohonan diterima melalui " + request.Label(request.Channels, origin.Channel) + ".",
	}
	row.Accessibility, row.AccessibilityNote = sub.Accessibility, sub.AccessibilityNote
	if identity != nil {
		// UU 27/2022 Pasal 35: the scan is sealed before it reaches the database.
		sealed, err := s.Box.Seal(sub.Identity.Content, identityAD)
		if err != nil {
			return Receipt{}, nil, fmt.Errorf("intake: %w", err)
		}
		identity.Sealed = sealed
		row.Identity = identity
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
		// The code acts as the requester: sealed like the NIK, never in the mail's readable data (ASVS 8.3.4).
		sealed, err := mailtext.SealSecrets(s.Box, map[string]string{"tracking_code": code})
		if err != nil {
			return Receipt{}, nil, fmt.Errorf("intake: %w", err)
		}
		row.Mail = &store.Mail{Template: "request_received", Recipient: sub.Email, Secrets: sealed, Data: map[string]any{
			"name":         sub.Name,
			"received_at":  received.Format(time.RFC3339),
			"response_due": clock.Due.String(),
			"office_name":  s.OfficeName,
			"tracking_url": s.BaseURL + "/lacak",
		}}
		if anonymous {
			// A typed-in address gets a few receipts a day, not a flood (ASVS 11.1.4).
			row.MailCap = s.Throttle.ReceiptCap(sub.Email)
		}
	}
	// The unit's officers hear of it in the same statement (web, API and desk; an import is old work).
	row.Officers = &store.NewRequestNotice{Template: "officer_new_request", BaseURL: s.BaseURL, Data: map[string]any{
		"channel":      request.Label(request.Channels, origin.Channel),
		"received_on":  calendar.DateOf(received).String(),
		"response_due": clock.Due.String(),
		"office_name":  s.OfficeName,
		"account_url":  s.BaseURL + "/kantor/akun",
	}}
	if s.Webhook {
		row.Officers.Webhook = &notify.Event{Event: notify.NewRequest, Time: received}
	}
	reg, err := s.Store.InsertRequest(ctx, row)
	if err != nil {
		return Receipt{}, nil, err
	}
	if anonymous {
		if err := s.Throttle.Submitted(ctx, origin.Client); err != nil {
			return Receipt{}, nil, err
		}
	}
	return Receipt{
		RequestID:          reg.ID,
		RegistrationNumber: reg.RegistrationNumber,
		TrackingCode:       code,
		Status:             request.StatusReceived,
		ReceivedAt:         received,
		Response:           clock,
		EmailSent:          reg.MailQueued,
		EmailWithheld:      sub.Email != "" && !reg.MailQueued,
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

// TrackFrom is Track for an anonymous client: a client that guessed wrong too often gets a
// *throttle.Limited, and each wrong guess counts against it.
func (s *Service) TrackFrom(ctx context.Context, client, number, code string) (*Tracked, error) {
	if s.Throttle == nil {
		return s.Track(ctx, number, code)
	}
	if err := s.Throttle.AllowTracking(ctx, client); err != nil {
		return nil, err
	}
	t, err := s.Track(ctx, number, code)
	if errors.Is(err, store.ErrNotFound) {
		if err := s.Throttle.TrackingFailed(ctx, client); err != nil {
			return nil, err
		}
	}
	return t, err
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

// checkIdentity checks an attached identity document's size and sniffed type; it returns the
// row to store (not yet sealed), or the field's message.
func (s *Service) checkIdentity(f *request.IdentityFile) (*store.NewIdentityDocument, string) {
	if f == nil || len(f.Content) == 0 {
		return nil, ""
	}
	if s.IdentityMaxBytes > 0 && int64(len(f.Content)) > s.IdentityMaxBytes {
		return nil, fmt.Sprintf("Berkas terlalu besar: paling besar %d KB.", s.IdentityMaxBytes>>10)
	}
	ct := files.Sniff(f.Content) // the content decides, never the file name or the client's type
	if _, ok := files.IdentityTypes[ct]; !ok {
		return nil, "Jenis berkas tidak diterima: unggah PDF, JPG atau PNG."
	}
	return &store.NewIdentityDocument{Kind: f.Kind, ContentType: ct, Size: len(f.Content)}, ""
}

// IdentityDocument opens an identity document for an officer within sc: its row and content.
func (s *Service) IdentityDocument(ctx context.Context, sc access.Scope, requestID, id int64) (*store.IdentityDocument, []byte, error) {
	d, err := s.Store.IdentityDocument(ctx, sc, requestID, id)
	if err != nil {
		return nil, nil, err
	}
	plain, err := s.Box.Open(d.Sealed, identityAD)
	if err != nil {
		return nil, nil, fmt.Errorf("intake: identity document %d: %w", id, err)
	}
	return d, plain, nil
}
