package intake

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/internal/mailtext"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/store"
)

// SignInLinkLife is how long a sign-in link works after it was made; it works once.
const SignInLinkLife = 30 * time.Minute

// requesterMailKeep is how long a done ask or an expired link is kept before it is forgotten.
const requesterMailKeep = 24 * time.Hour

// NormalizeEmail is the form a requester's address is matched in: trimmed and lower-cased.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// AskRequesterMail queues a sign-in link (store.AskSignIn) or fresh tracking codes
// (store.AskRecover) for address, asked by client. Whether the address made any request is
// decided later by the outbox job, so every well-formed address gets the same answer here
// (nil) in the same time: nothing tells an asker whose address it is. A malformed address
// gets field errors with ErrInvalid, a client over its share a *throttle.Limited.
func (s *Service) AskRequesterMail(ctx context.Context, kind, client, address string) (request.FieldErrors, error) {
	address = NormalizeEmail(address)
	if a, err := mail.ParseAddress(address); address == "" || err != nil || a.Address != address || len(address) > 254 {
		return request.FieldErrors{"email": "Tulis alamat e-mail yang benar, contoh: nama@contoh.id."}, ErrInvalid
	}
	send := true
	if s.Throttle != nil {
		var err error
		if send, err = s.Throttle.AskAccountMail(ctx, client, address); err != nil {
			return nil, err
		}
	}
	if !send {
		return nil, nil // over the address's share: the same answer, no mail (ASVS 11.1.4)
	}
	return nil, s.Store.AskRequesterMail(ctx, kind, address, s.Now())
}

// DoRequesterMail fulfils every queued ask at now; the outbox job runs it before it sends, so
// the mail it queues leaves in the same run. An address without requests gets no mail.
func (s *Service) DoRequesterMail(ctx context.Context, now time.Time) (int, error) {
	done := 0
	for {
		found, err := s.Store.WorkRequesterMail(ctx, now, func(ask store.RequesterMailAsk, own []store.OwnRequest) (store.RequesterMailWork, error) {
			if len(own) == 0 {
				return store.RequesterMailWork{}, nil
			}
			switch ask.Kind {
			case store.AskSignIn:
				return s.signInWork(ask, now)
			case store.AskRecover:
				return s.recoverWork(ask, own)
			}
			return store.RequesterMailWork{}, fmt.Errorf("intake: unknown requester mail %q", ask.Kind)
		})
		if err != nil {
			return done, err
		}
		if !found {
			break
		}
		done++
	}
	return done, s.Store.PurgeRequesterMail(ctx, now.Add(-requesterMailKeep))
}

// signInWork makes a one-time link for ask's address: only its digest is stored, the link
// itself travels sealed in the outbox (ASVS 8.3.4) and leaves it when the mail is sent.
func (s *Service) signInWork(ask store.RequesterMailAsk, now time.Time) (store.RequesterMailWork, error) {
	token := secret.Token(32)
	sealed, err := mailtext.SealSecrets(s.Box, map[string]string{"signin_url": s.BaseURL + "/akun/masuk/tautan?t=" + token})
	if err != nil {
		return store.RequesterMailWork{}, fmt.Errorf("intake: %w", err)
	}
	return store.RequesterMailWork{
		Token: &store.SignInToken{Hash: s.signInDigest(token), Email: ask.Email, CreatedAt: now, ExpiresAt: now.Add(SignInLinkLife)},
		Mail: &store.Mail{Template: "requester_signin", Recipient: ask.Email, Secrets: sealed,
			Data: map[string]any{"office_name": s.OfficeName, "tracking_url": s.BaseURL + "/lacak"}},
	}, nil
}

// recoverWork gives each of the address's requests a fresh tracking code: the old ones stop
// working with this transaction, the new ones travel sealed in the outbox as receipts' do.
func (s *Service) recoverWork(ask store.RequesterMailAsk, own []store.OwnRequest) (store.RequesterMailWork, error) {
	work := store.RequesterMailWork{CodeHashes: map[int64][]byte{}}
	var lines []string
	for _, r := range own {
		code := secret.TrackingCode()
		work.CodeHashes[r.ID] = s.Box.TrackingCodeDigest(code)
		lines = append(lines, r.RegistrationNumber+"   "+code)
	}
	sealed, err := mailtext.SealSecrets(s.Box, map[string]string{"tracking_codes": strings.Join(lines, "\n")})
	if err != nil {
		return store.RequesterMailWork{}, fmt.Errorf("intake: %w", err)
	}
	work.Mail = &store.Mail{Template: "tracking_codes_renewed", Recipient: ask.Email, Secrets: sealed,
		Data: map[string]any{"office_name": s.OfficeName, "tracking_url": s.BaseURL + "/lacak", "count": len(own)}}
	return work, nil
}

// signInDigest is what the database keeps of a sign-in token: a keyed hash, as of tracking codes.
func (s *Service) signInDigest(token string) []byte {
	return s.Box.Lookup([]byte("signin-token\x00" + strings.TrimSpace(token)))
}

// SignIn spends a sign-in link's token and returns the address it signs in; store.ErrNotFound
// for a token unknown, already used or older than SignInLinkLife.
func (s *Service) SignIn(ctx context.Context, token string) (string, error) {
	if token == "" || len(token) > 100 {
		return "", store.ErrNotFound
	}
	return s.Store.UseSignInToken(ctx, s.signInDigest(token), s.Now())
}

// SignInFrom is SignIn for an anonymous client: wrong links count as wrong tracking codes do, so
// a client guessing tokens waits (ASVS 11.1.4).
func (s *Service) SignInFrom(ctx context.Context, client, token string) (string, error) {
	if s.Throttle == nil {
		return s.SignIn(ctx, token)
	}
	if err := s.Throttle.AllowTracking(ctx, client); err != nil {
		return "", err
	}
	email, err := s.SignIn(ctx, token)
	if errors.Is(err, store.ErrNotFound) {
		if err := s.Throttle.TrackingFailed(ctx, client); err != nil {
			return "", err
		}
	}
	return email, err
}

// RequestsOf lists what a signed-in requester asked for with their address, each with its
// objections, as the tracking view needs them.
func (s *Service) RequestsOf(ctx context.Context, email string) ([]*store.Request, error) {
	return s.Store.RequestsOfEmail(ctx, NormalizeEmail(email))
}

// TrackOwn is the tracking view of the request numbered number, if it was made with email.
func (s *Service) TrackOwn(ctx context.Context, email, number string) (*Tracked, error) {
	r, err := s.Store.RequestOfEmail(ctx, NormalizeEmail(email), number)
	if err != nil {
		return nil, err
	}
	return s.TrackByID(ctx, r.ID)
}
