// Package throttle holds the limits on what one client, account or e-mail address may do in a
// window — failed logins, submissions, receipt e-mails, tracking-code guesses — counted in
// PostgreSQL (store.Throttle) so they hold across instances, and says how long to wait.
package throttle

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/internal/config"
	"github.com/terbuka-id/terbuka/internal/store"
)

// Kinds of counted events, as throttle_events.kind stores them.
const (
	LoginPair    = "login_pair"    // failed logins of one account from one client: "<account> <client>"
	LoginClient  = "login_client"  // failed logins of one client on any account
	LoginAccount = "login_account" // failed logins of one account from every client
	Submission   = "submission"    // requests registered from one client
	Receipt      = "receipt"       // receipt e-mails queued to one address
	Tracking     = "tracking"      // wrong number/code pairs from one client
	// AccountMailAddress and AccountMailClient count sign-in links and code recoveries asked
	// for one address, and by one client.
	AccountMailAddress = "account_mail_address"
	AccountMailClient  = "account_mail_client"
)

// Rule is one limit: at most Limit events of Kind per subject within Window; Limit 0 is none.
type Rule struct {
	Kind   string
	Limit  int
	Window time.Duration
}

// Rules are every limit of the application.
type Rules struct {
	LoginPair, LoginClient, LoginAccount Rule
	// AccountWait is the pause an account over its limit imposes on each client that failed on it.
	AccountWait                   time.Duration
	Submission, Receipt, Tracking Rule
	// AccountMailAddress and AccountMailClient bound sign-in links and code recoveries.
	AccountMailAddress, AccountMailClient Rule
}

// FromConfig reads the limits of the security section.
func FromConfig(sec config.Security) Rules {
	window := time.Duration(sec.LoginWindowMinutes) * time.Minute
	return Rules{
		LoginPair:    Rule{LoginPair, sec.LoginMaxFailures, window},
		LoginClient:  Rule{LoginClient, sec.LoginClientMaxFailures, window},
		LoginAccount: Rule{LoginAccount, sec.LoginAccountMaxFailures, window},
		AccountWait:  time.Duration(sec.LoginAccountWaitSeconds) * time.Second,
		Submission:   Rule{Submission, sec.SubmissionsPerHour, time.Hour},
		Receipt:      Rule{Receipt, sec.ReceiptsPerAddressPerDay, 24 * time.Hour},
		Tracking:     Rule{Tracking, sec.TrackingFailuresPerWindow, window},

		AccountMailAddress: Rule{AccountMailAddress, sec.AccountMailsPerAddressPerHour, time.Hour},
		AccountMailClient:  Rule{AccountMailClient, sec.AccountMailsPerClientPerHour, time.Hour},
	}
}

// Longest is the longest window of any rule: older events are of no use and may be purged.
func (r Rules) Longest() time.Duration {
	longest := r.AccountWait
	for _, rule := range []Rule{r.LoginPair, r.LoginClient, r.LoginAccount, r.Submission, r.Receipt, r.Tracking, r.AccountMailAddress, r.AccountMailClient} {
		longest = max(longest, rule.Window)
	}
	return longest
}

// Limited is the refusal of an action over its limit; RetryAfter is how long until it is allowed.
type Limited struct {
	Kind       string
	RetryAfter time.Duration
}

func (l *Limited) Error() string {
	return fmt.Sprintf("throttle: %s limit reached, retry after %s", l.Kind, l.RetryAfter)
}

// Seconds is the Retry-After header's value: whole seconds, rounded up, at least 1.
func (l *Limited) Seconds() int { return max(1, int(math.Ceil(l.RetryAfter.Seconds()))) }

// Minutes is the wait in whole minutes, rounded up, at least 1, for a message to a person.
func (l *Limited) Minutes() int { return max(1, int(math.Ceil(l.RetryAfter.Minutes()))) }

// Limiter applies the rules over the store's counters at the injected clock.
type Limiter struct {
	Store *store.Throttle
	Rules Rules
	Now   func() time.Time
}

// check answers a *Limited when subject has reached rule's limit within its window.
func (l *Limiter) check(ctx context.Context, rule Rule, subject string) error {
	if rule.Limit <= 0 {
		return nil
	}
	now := l.Now()
	n, err := l.Store.Count(ctx, store.ThrottleKey{Kind: rule.Kind, Subject: subject}, now.Add(-rule.Window), rule.Limit)
	if err != nil {
		return err
	}
	if n.N < rule.Limit {
		return nil
	}
	// The oldest of the newest Limit events leaves the window first; then one more is allowed.
	return &Limited{Kind: rule.Kind, RetryAfter: n.Oldest.Add(rule.Window).Sub(now)}
}

// Allow answers a *Limited when subject has used up rule within its window; nil otherwise.
func (l *Limiter) Allow(ctx context.Context, rule Rule, subject string) error {
	return l.check(ctx, rule, subject)
}

// Hit counts one event of rule for subject now.
func (l *Limiter) Hit(ctx context.Context, rule Rule, subject string) error {
	if rule.Limit <= 0 {
		return nil
	}
	return l.Store.Hit(ctx, l.Now(), store.ThrottleKey{Kind: rule.Kind, Subject: subject})
}

// AllowSubmission: a client registers at most Submission.Limit requests an hour (ASVS 11.1.4).
func (l *Limiter) AllowSubmission(ctx context.Context, client string) error {
	return l.Allow(ctx, l.Rules.Submission, client)
}

// Submitted counts a registered request of the client.
func (l *Limiter) Submitted(ctx context.Context, client string) error {
	return l.Hit(ctx, l.Rules.Submission, client)
}

// AllowTracking: a client that guessed wrong Tracking.Limit times waits; only failures count,
// so the rightful requester on another address is never held back (ASVS 11.1.4).
func (l *Limiter) AllowTracking(ctx context.Context, client string) error {
	return l.Allow(ctx, l.Rules.Tracking, client)
}

// TrackingFailed counts a wrong number/code pair from the client.
func (l *Limiter) TrackingFailed(ctx context.Context, client string) error {
	return l.Hit(ctx, l.Rules.Tracking, client)
}

// AskAccountMail decides on a sign-in link or a code recovery asked for address by client: a
// client over its share gets a *Limited (429); an address over its share is not mailed (send is
// false) but the asker hears the same as ever, so the limit tells nothing about the address (ASVS 11.1.4).
func (l *Limiter) AskAccountMail(ctx context.Context, client, address string) (send bool, err error) {
	if err := l.check(ctx, l.Rules.AccountMailClient, client); err != nil {
		return false, err
	}
	var limited *Limited
	switch err := l.check(ctx, l.Rules.AccountMailAddress, address); {
	case errors.As(err, &limited):
		send = false
	case err != nil:
		return false, err
	default:
		send = true
	}
	if err := l.Hit(ctx, l.Rules.AccountMailClient, client); err != nil {
		return false, err
	}
	if err := l.Hit(ctx, l.Rules.AccountMailAddress, address); err != nil {
		return false, err
	}
	return send, nil
}

// ReceiptCap is the limit on receipt e-mails to address, decided inside the intake statement.
func (l *Limiter) ReceiptCap(address string) store.MailCap {
	r := l.Rules.Receipt
	if r.Limit <= 0 {
		return store.MailCap{}
	}
	now := l.Now()
	return store.MailCap{ThrottleKey: store.ThrottleKey{Kind: r.Kind, Subject: strings.ToLower(address)},
		Limit: r.Limit, Since: now.Add(-r.Window), At: now}
}

// pairSubject is the subject of one account's failures from one client.
func pairSubject(account, client string) string { return account + " " + client }

// AllowLogin decides whether client may try to sign in to account (a lower-cased e-mail).
// Failures lock only the pair and the failing client out (ASVS 2.2.1): an attacker can slow an
// account down for the clients that fail on it, never lock the real officer out of it.
func (l *Limiter) AllowLogin(ctx context.Context, account, client string) error {
	if err := l.check(ctx, l.Rules.LoginPair, pairSubject(account, client)); err != nil {
		return err
	}
	if err := l.check(ctx, l.Rules.LoginClient, client); err != nil {
		return err
	}
	if l.Rules.AccountWait <= 0 {
		return nil
	}
	var limited *Limited
	if err := l.check(ctx, l.Rules.LoginAccount, account); !errors.As(err, &limited) {
		return err
	}
	// The account is under attack: a client that failed on it waits between its attempts.
	now := l.Now()
	pair, err := l.Store.Count(ctx, store.ThrottleKey{Kind: LoginPair, Subject: pairSubject(account, client)},
		now.Add(-l.Rules.LoginPair.Window), 1)
	if err != nil || pair.N == 0 {
		return err
	}
	if wait := pair.Newest.Add(l.Rules.AccountWait).Sub(now); wait > 0 {
		return &Limited{Kind: LoginAccount, RetryAfter: wait}
	}
	return nil
}

// LoginFailed counts a failed login of account from client, under all three rules.
func (l *Limiter) LoginFailed(ctx context.Context, account, client string) error {
	return l.Store.Hit(ctx, l.Now(),
		store.ThrottleKey{Kind: LoginPair, Subject: pairSubject(account, client)},
		store.ThrottleKey{Kind: LoginClient, Subject: client},
		store.ThrottleKey{Kind: LoginAccount, Subject: account})
}

// AccountReset forgets an account's failures from every client, after an administrator set a
// new password, so it can be used at once.
func (l *Limiter) AccountReset(ctx context.Context, account string) error {
	if err := l.Store.ClearPrefix(ctx, LoginPair, account+" "); err != nil {
		return err
	}
	return l.Store.Clear(ctx, store.ThrottleKey{Kind: LoginAccount, Subject: account})
}
