// Package notify names the notices officers get about new work, the channels they travel on
// besides e-mail, and the signed webhook that lets an office connect its WhatsApp or SMS gateway.
// Notices are queued in the outbox with the event they report; this package only delivers them.
package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// Kind is a notice an officer can turn off on the profile page; it is also the webhook's event.
type Kind string

const (
	NewRequest          Kind = "new_request"          // a request landed in the officer's unit
	NewObjection        Kind = "new_objection"        // an objection for the atasan PPID (UU 14/2008 Pasal 36)
	ClarificationAnswer Kind = "clarification_answer" // the requester answered the officer's question
	Digest              Kind = "digest"               // the daily list of due and overdue cases
	Reminder            Kind = "reminder"             // a case's deadline is near (escalations stay on: they are the safety net)
)

// Kinds lists every kind in the order the profile page shows them.
var Kinds = []Kind{NewRequest, NewObjection, ClarificationAnswer, Digest, Reminder}

// WebhookEvents are the kinds posted to the webhook; the digest and reminders are e-mail only.
var WebhookEvents = []Kind{NewRequest, NewObjection, ClarificationAnswer}

var kindLabels = map[Kind]string{
	NewRequest:          "Permohonan baru di unit saya",
	NewObjection:        "Keberatan baru (atasan PPID)",
	ClarificationAnswer: "Jawaban pemohon atas klarifikasi saya",
	Digest:              "Ringkasan harian perkara yang jatuh tempo",
	Reminder:            "Pengingat batas waktu perkara saya",
}

// Label is the kind's Indonesian name.
func (k Kind) Label() string { return kindLabels[k] }

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool { _, ok := kindLabels[k]; return ok }

// Channels an outbox row may travel on.
const (
	ChannelEmail   = "email"
	ChannelWebhook = "webhook"
)

// Event is the webhook's JSON body: no personal data beyond the registration number (UU 27/2022 Pasal 16(2): data minimisation).
type Event struct {
	Event              Kind      `json:"event"`
	CaseID             int64     `json:"case_id"`
	RegistrationNumber string    `json:"registration_number"`
	Unit               string    `json:"unit"`
	Time               time.Time `json:"time"`
}

// Webhook header names; the receiver checks the signature before trusting the body.
const (
	HeaderSignature = "X-Terbuka-Signature"
	HeaderEvent     = "X-Terbuka-Event"
	HeaderTimestamp = "X-Terbuka-Timestamp"
	HeaderDelivery  = "X-Terbuka-Delivery"
)

// Sign is the signature header's value: HMAC-SHA256 of the raw body with the shared secret.
func Sign(secret, body []byte) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Verify reports whether header is body's signature under secret, in constant time (ASVS 6.2.1 style MAC check).
func Verify(secret, body []byte, header string) bool {
	return hmac.Equal([]byte(Sign(secret, body)), []byte(header))
}

// Delivery is one queued notice on a channel other than e-mail.
type Delivery struct {
	ID    int64  // the outbox row: the same on every retry, so a receiver can drop a repeat
	Event string // the event kind
	Body  []byte // the JSON payload exactly as queued
}

// Channel delivers notices somewhere other than e-mail; an error marked Permanent is not retried.
type Channel interface {
	Deliver(ctx context.Context, d Delivery) error
}

// PermanentError is a refusal that retrying will not change (a 4xx from the receiver).
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// UnreachableError is a receiver that gave no answer at all: every other delivery would fail the same way.
type UnreachableError struct{ Err error }

func (e *UnreachableError) Error() string { return e.Err.Error() }
func (e *UnreachableError) Unwrap() error { return e.Err }

// Unreachable reports whether err means the receiver could not be reached.
func Unreachable(err error) bool {
	var u *UnreachableError
	return errors.As(err, &u)
}

// Permanent reports whether err should park the delivery instead of retrying it.
func Permanent(err error) bool {
	var p *PermanentError
	return errors.As(err, &p)
}

// Webhook POSTs each notice as signed JSON to one URL (config notify.webhook_url).
type Webhook struct {
	URL    string
	Secret []byte
	Client *http.Client // nil: a client with a 10 s timeout
	Now    func() time.Time
}

// Deliver posts d; 2xx is delivered, 408/429/5xx and network errors are retried, other answers park it.
func (w *Webhook) Deliver(ctx context.Context, d Delivery) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(d.Body))
	if err != nil {
		return &PermanentError{Err: fmt.Errorf("alamat webhook tidak valid: %w", err)}
	}
	now := time.Now
	if w.Now != nil {
		now = w.Now
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Terbuka-Webhook/1")
	req.Header.Set(HeaderEvent, d.Event)
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(now().Unix(), 10))
	req.Header.Set(HeaderDelivery, strconv.FormatInt(d.ID, 10))
	req.Header.Set(HeaderSignature, Sign(w.Secret, d.Body))
	client := w.Client
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return &UnreachableError{Err: fmt.Errorf("penerima webhook tidak dapat dihubungi: %w", err)}
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // drained so the connection is reused
	switch code := resp.StatusCode; {
	case code >= 200 && code < 300:
		return nil
	case code == http.StatusRequestTimeout || code == http.StatusTooManyRequests || code >= 500:
		return fmt.Errorf("penerima webhook menolak sementara (kode %d)", code)
	default:
		return &PermanentError{Err: fmt.Errorf("penerima webhook menolak (kode %d)", code)}
	}
}
