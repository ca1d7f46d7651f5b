package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/terbuka-id/terbuka/internal/mailsend"
	"github.com/terbuka-id/terbuka/internal/mailtext"
	"github.com/terbuka-id/terbuka/internal/notify"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/store"
)

// OutboxDelivery sends due outbox mail: retried with backoff when refused for now, parked as failed for the admin when it never can go.
type OutboxDelivery struct {
	Store       *store.Store
	Sender      mailsend.Sender // nil: no SMTP configured; mail stays in the outbox, readable on the admin page
	Mail        *mailtext.Renderer
	MaxAttempts int // config jobs.outbox_max_attempts; 0 means no limit: RetryFor alone parks temporary failures
	// Box opens each mail's sealed secrets just before it is rendered, and seals those that mail
	// queued before the secrets column still holds in clear; required.
	Box *secret.Box
	// RetryFor is how long a temporarily refused mail is retried after it was queued before it is
	// parked (config jobs.outbox_retry_hours); 0 means DefaultOutboxRetry.
	RetryFor time.Duration
	// MessageHost is the right-hand side of each mail's Message-ID (the host of server.base_url);
	// "" leaves it to the sender (the domain of its From address).
	MessageHost string
	Batch       int // mails claimed at a time; 0 means DefaultOutboxBatch
	// Prepare, when set, queues the mail asked for since the last run before sending starts:
	// requesters' sign-in links and fresh tracking codes, decided here rather than in the asking
	// request so its answer never depends on the address (intake.DoRequesterMail).
	Prepare func(ctx context.Context, now time.Time) (int, error)
	// Channels deliver the outbox rows of other channels (notify.ChannelWebhook) with the same
	// retries, backoff and parking as mail; a channel not listed keeps its rows waiting.
	Channels map[string]notify.Channel
}

const (
	// DefaultOutboxRetry matches the config default and a common MTA queue lifetime (Postfix: 5 days; Exim: 4).
	DefaultOutboxRetry = 72 * time.Hour
	// DefaultOutboxBatch keeps one claim, and one SMTP connection, well inside the lease.
	DefaultOutboxBatch = 50
)

// markTimeout bounds recording an outcome, which must happen even when the run is being cancelled.
const markTimeout = 5 * time.Second

// Run sends every mail due at now, batch after batch; an unreachable server ends the run with an error so the outage shows on the job runs page.
func (d OutboxDelivery) Run(ctx context.Context, now time.Time) (_ Result, err error) {
	if d.Box == nil {
		return Result{}, errors.New("jobs: outbox delivery needs the data key box")
	}
	// Before the sender check: without SMTP, queued mail waits in the outbox, sealed all the same.
	if _, err := d.Store.SealClearMailSecrets(ctx, func(m map[string]string) ([]byte, error) {
		return mailtext.SealSecrets(d.Box, m)
	}); err != nil {
		return Result{}, err
	}
	if d.Prepare != nil {
		if perr := prepareErr(d.Prepare(ctx, now)); perr != nil {
			// Mail already queued still goes; the failure shows on the job runs page all the same.
			defer func() { err = errors.Join(err, perr) }()
		}
	}
	var res Result
	// Mail first, then each other channel: a webhook gateway that is down must not hold up e-mail, nor the reverse.
	mailErr := d.runMail(ctx, now, &res)
	if ctx.Err() != nil {
		return res, mailErr
	}
	var chErr error
	for _, name := range slices.Sorted(maps.Keys(d.Channels)) {
		if err := d.runChannel(ctx, now, name, d.Channels[name], &res); err != nil {
			if ctx.Err() != nil {
				return res, err
			}
			chErr = err
		}
	}
	return res, errors.Join(mailErr, chErr)
}

// runMail sends the due e-mail batch after batch; without a sender it leaves it in the outbox.
func (d OutboxDelivery) runMail(ctx context.Context, now time.Time, res *Result) error {
	if d.Sender == nil {
		return nil
	}
	if d.Mail == nil {
		return errors.New("jobs: outbox delivery needs the mail renderer")
	}
	batch := d.batch()
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		mails, err := d.Store.ClaimOutbox(ctx, now, batch)
		if err != nil {
			return err
		}
		if len(mails) == 0 {
			return nil
		}
		if err := d.deliver(ctx, now, mails, res); err != nil {
			return err
		}
		if len(mails) < batch {
			return nil
		}
	}
}

func (d OutboxDelivery) batch() int {
	if d.Batch <= 0 {
		return DefaultOutboxBatch
	}
	return d.Batch
}

// runChannel delivers the due rows of one channel, each marked as soon as its outcome is known.
func (d OutboxDelivery) runChannel(ctx context.Context, now time.Time, name string, ch notify.Channel, res *Result) error {
	for {
		rows, err := d.Store.ClaimOutboxOn(ctx, name, now, d.batch())
		if err != nil {
			return err
		}
		leaseEnd := time.Now().Add(store.OutboxLease / 2) // real time, as for mail
		for i, m := range rows {
			if err := ctx.Err(); err != nil {
				return err // the rest keep their lease and come back when it ends
			}
			if time.Now().After(leaseEnd) {
				return nil // a slow receiver: leave the rest to a fresh claim rather than outlive the lease
			}
			res.Handled++
			err := ch.Deliver(ctx, notify.Delivery{ID: m.ID, Event: m.Template, Body: m.Data})
			switch {
			case err != nil && ctx.Err() != nil:
				return ctx.Err()
			case notify.Unreachable(err):
				// The rest of the batch would wait on the same dead receiver: each is rescheduled now.
				for j, r := range rows[i:] {
					if j > 0 {
						res.Handled++
					}
					if err := d.markFailed(ctx, r, now, err.Error(), false, res); err != nil {
						return err
					}
				}
				return fmt.Errorf("jobs: outbox: %s: %d deliveries rescheduled: %w", name, len(rows)-i, err)
			case err == nil:
				res.MailsSent++
				if err := d.markSent(ctx, m, now); err != nil {
					return err
				}
			default:
				if err := d.markFailed(ctx, m, now, err.Error(), notify.Permanent(err), res); err != nil {
					return err
				}
			}
		}
		if len(rows) < d.batch() {
			return nil
		}
	}
}

// deliver marks each mail as soon as its outcome is known, so a crash repeats at most the message in flight.
func (d OutboxDelivery) deliver(ctx context.Context, now time.Time, mails []store.OutboxMail, res *Result) error {
	send := d.Sender.Send
	if b, ok := d.Sender.(mailsend.Batcher); ok {
		conn := b.Batch()
		defer conn.Close()
		send = conn.Send
	}
	// Measured on the real clock: the lease runs in real time whatever now the run was given.
	leaseEnd := time.Now().Add(store.OutboxLease / 2)
	for i, m := range mails {
		if err := ctx.Err(); err != nil {
			return err // the rest keep their lease and come back when it ends
		}
		if time.Now().After(leaseEnd) {
			return nil // a slow server: leave the rest to a fresh claim rather than outlive the lease
		}
		Progress(ctx, *res)
		res.Handled++
		msg, why := d.render(m)
		if why != "" {
			if err := d.markFailed(ctx, m, now, why, true, res); err != nil {
				return err
			}
			continue
		}
		msg.MessageID = d.messageID(m)
		err := send(ctx, m.Recipient, msg)
		switch {
		case err != nil && ctx.Err() != nil:
			return ctx.Err() // shutting down is no fault of the mail: it keeps its lease and no attempt is counted
		case err == nil:
			res.MailsSent++
			if err := d.markSent(ctx, m, now); err != nil {
				return err
			}
		case mailsend.Unreachable(err):
			// Every other mail of the batch would fail the same way: record the attempt on all of them.
			why := "server SMTP tidak dapat dihubungi: " + smtpDetail(err)
			for j, r := range mails[i:] {
				if j > 0 {
					res.Handled++
				}
				if err := d.markFailed(ctx, r, now, why, false, res); err != nil {
					return err
				}
			}
			return fmt.Errorf("jobs: outbox: %d mails rescheduled: %w", len(mails)-i, err)
		case mailsend.Permanent(err):
			if err := d.markFailed(ctx, m, now, "tidak dapat dikirim: "+smtpDetail(err), true, res); err != nil {
				return err
			}
		default:
			if err := d.markFailed(ctx, m, now, "gagal sementara: "+smtpDetail(err), false, res); err != nil {
				return err
			}
		}
	}
	Progress(ctx, *res)
	return nil
}

// prepareErr names a failure of OutboxDelivery.Prepare.
func prepareErr(_ int, err error) error {
	if err != nil {
		return fmt.Errorf("jobs: outbox: preparing requester mail: %w", err)
	}
	return nil
}

// messageID is the same for every delivery of row m, so a mail sent twice (a crash between the
// server's 250 and MarkSent) is one message to the recipient's client (RFC 5322 3.6.4).
func (d OutboxDelivery) messageID(m store.OutboxMail) string {
	id := fmt.Sprintf("outbox-%d.%d", m.ID, m.CreatedAt.Unix())
	if d.MessageHost != "" {
		id += "@" + d.MessageHost
	}
	return id
}

// smtpDetail is the sender's error without its package prefix, which last_error's own wording replaces.
func smtpDetail(err error) string {
	if inner := errors.Unwrap(err); inner != nil {
		return inner.Error()
	}
	return err.Error()
}

// render produces the message of m, or why it cannot be produced (which retrying will not fix).
// The secrets join the data here, in memory only; the message leaves with them and they are not kept.
func (d OutboxDelivery) render(m store.OutboxMail) (mailtext.Message, string) {
	var data map[string]any
	if err := json.Unmarshal(m.Data, &data); err != nil {
		return mailtext.Message{}, "data e-mail tidak terbaca: " + err.Error()
	}
	secrets, err := mailtext.OpenSecrets(d.Box, m.Secrets)
	if err != nil {
		return mailtext.Message{}, "kode rahasia e-mail tidak dapat dibuka dengan kunci data ini"
	}
	msg, err := d.Mail.Render(m.Template, mailtext.WithSecrets(data, secrets))
	if errors.Is(err, mailtext.ErrUnknownTemplate) {
		return mailtext.Message{}, fmt.Sprintf("templat e-mail %q tidak dikenal", m.Template)
	}
	if err != nil {
		return mailtext.Message{}, "e-mail tidak dapat disusun: " + err.Error()
	}
	return msg, ""
}

func (d OutboxDelivery) markSent(ctx context.Context, m store.OutboxMail, now time.Time) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), markTimeout)
	defer cancel()
	// Not found: another sender settled it after this run's lease ran out.
	if err := d.Store.MarkSent(ctx, m.ID, now); err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	return nil
}

func (d OutboxDelivery) markFailed(ctx context.Context, m store.OutboxMail, now time.Time, why string, permanent bool, res *Result) error {
	retryFor := d.RetryFor
	if retryFor <= 0 {
		retryFor = DefaultOutboxRetry
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), markTimeout)
	defer cancel()
	parked, err := d.Store.RecordMailFailure(ctx, store.MailFailure{ID: m.ID, At: now, Error: why, Permanent: permanent,
		MaxAttempts: max(d.MaxAttempts, 0), Lifetime: retryFor})
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if parked {
		res.MailsFailed++
	}
	return nil
}
