// Package app builds the whole application from configuration — the one place services are
// wired. The CLI, the web and browser tests and the demo all call New, so what they run is what
// `terbuka serve` runs; only the process-level parts (the private cluster, migrations, the data
// key file, the listener, the scheduler) stay with the caller.
package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/config"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/holidays"
	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/jobs"
	"github.com/terbuka-id/terbuka/internal/letters"
	"github.com/terbuka-id/terbuka/internal/mailsend"
	"github.com/terbuka-id/terbuka/internal/mailtext"
	"github.com/terbuka-id/terbuka/internal/notify"
	"github.com/terbuka-id/terbuka/internal/numbering"
	"github.com/terbuka-id/terbuka/internal/officecalendar"
	"github.com/terbuka-id/terbuka/internal/publishing"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/throttle"
	"github.com/terbuka-id/terbuka/internal/transparency"
	"github.com/terbuka-id/terbuka/internal/web"
)

// Job names, as `terbuka jobs run NAME`, the schedules and job_runs know them.
const (
	JobDeadlineWatch  = "deadline-watch"
	JobObjectionWatch = "objection-watch"
	JobOutbox         = "outbox"
	JobRetention      = "retention"
	JobDigest         = "digest"
	JobBlobSweep      = "blob-sweep"
	JobExemptionWatch = "exemption-watch"
)

// JobNames are the standard jobs in the order they are registered.
func JobNames() []string {
	return []string{JobDeadlineWatch, JobObjectionWatch, JobExemptionWatch, JobOutbox, JobRetention, JobDigest, JobBlobSweep}
}

// Options are what configuration does not say: the caller's clock, files, log and data key.
type Options struct {
	// Box encrypts personal data; required (the CLI derives it from security.data_key or var/data.key).
	Box *secret.Box
	// Now is the clock of every service; nil means time.Now.
	Now func() time.Time
	// Blobs keeps uploaded documents and letters; nil means a disk store in files.dir.
	Blobs files.Blobs
	// Log receives every service's log; nil discards it.
	Log *slog.Logger
	// SessionCleanup is how often expired sessions are deleted; 0 starts no sweeper.
	SessionCleanup time.Duration
	// MaxUpload overrides files.max_upload_mb in bytes; tests use limits below one megabyte.
	MaxUpload int64
}

// App is the wired application. The store belongs to the caller, who opened it.
type App struct {
	Config     *config.Config
	Store      *store.Store
	Log        *slog.Logger
	Calendar   *officecalendar.Source
	Intake     *intake.Service
	Casework   *casework.Service
	Publishing *publishing.Service
	Holidays   *holidays.Service
	// Transparency builds the public register and yearly statistics.
	Transparency *transparency.Service
	// Jobs has the standard jobs registered; it runs them on demand, the caller schedules them.
	Jobs *jobs.Runner
	Web  *web.Server
}

// New builds every service from cfg over st. It starts no goroutine beyond the session sweeper
// (opts.SessionCleanup) and serves nothing; Close undoes it.
func New(ctx context.Context, cfg *config.Config, st *store.Store, opts Options) (*App, error) {
	switch {
	case cfg == nil:
		return nil, errors.New("app: no configuration")
	case st == nil:
		return nil, errors.New("app: no store")
	case opts.Box == nil:
		return nil, errors.New("app: no personal-data key box (Options.Box)")
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	log := opts.Log
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	blobs := opts.Blobs
	if blobs == nil {
		disk, err := files.NewDisk(cfg.Files.Dir)
		if err != nil {
			return nil, err
		}
		blobs = disk
	}
	maxUpload := opts.MaxUpload
	if maxUpload == 0 {
		maxUpload = cfg.Files.MaxUploadBytes()
	}
	closes, err := cfg.ClosingTime()
	if err != nil {
		return nil, fmt.Errorf("app: office.closes_at: %w", err)
	}
	format, err := numbering.Parse(cfg.Requests.RegistrationFormat)
	if err != nil {
		return nil, fmt.Errorf("app: requests.registration_format: %w", err)
	}

	a := &App{Config: cfg, Store: st, Log: log}
	a.Calendar, err = officecalendar.Load(ctx, st, calendar.Options{
		Location: cfg.Location(), ClosesAt: closes, CutiBersamaIsHoliday: cfg.Calendar.CutiBersamaIsHoliday,
	})
	if err != nil {
		return nil, err
	}
	baseURL := strings.TrimRight(cfg.Server.BaseURL, "/")
	limits := &throttle.Limiter{Store: st.Throttle(), Rules: throttle.FromConfig(cfg.Security), Now: now}
	a.Intake = &intake.Service{
		Store: st, Calendar: a.Calendar.Current, Box: opts.Box, Format: format, Now: now,
		OfficeName: cfg.Office.Name, BaseURL: baseURL, Throttle: limits, IdentityMaxBytes: cfg.Files.IdentityMaxBytes(),
		Webhook: cfg.Notify.WebhookURL != "",
	}
	a.Casework = &casework.Service{Store: st, Calendar: a.Calendar.Current, Now: now, Office: a.office,
		OfficeName: cfg.Office.Name, BaseURL: baseURL, Blobs: blobs, MaxUpload: maxUpload, Webhook: cfg.Notify.WebhookURL != ""}
	a.Publishing = &publishing.Service{Store: st, Blobs: blobs, MaxUpload: maxUpload, Now: now,
		Location: cfg.Location(), Log: log}
	a.Holidays = &holidays.Service{Store: st, Calendar: a.Calendar, CutiBersamaIsHoliday: cfg.Calendar.CutiBersamaIsHoliday,
		Now: now, Log: log}
	a.Transparency = &transparency.Service{Store: st, Calendar: a.Calendar, Now: now}
	if a.Jobs, err = newRunner(cfg, st, a.Calendar, blobs, opts.Box, baseURL, limits.Rules.Longest(), now, log); err != nil {
		return nil, err
	}
	a.Web, err = web.New(web.Deps{Config: cfg, Store: st, Intake: a.Intake, Casework: a.Casework, Publishing: a.Publishing,
		Holidays: a.Holidays, Transparency: a.Transparency, Throttle: limits,
		Jobs: a.Jobs, Calendar: a.Calendar, Log: log, Now: now, SessionCleanup: opts.SessionCleanup, Box: opts.Box})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// Close stops what New started (the session sweeper); the store stays open for its owner.
func (a *App) Close() {
	if a.Web != nil {
		a.Web.Close()
	}
}

// office is the letterhead: what an administrator saved wins over config.yaml; letters are
// rare, so it is read each time.
func (a *App) office() letters.Office {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	o, err := a.Store.OfficeSettings(ctx)
	if err != nil {
		if !errors.Is(err, store.ErrNotFound) {
			a.Log.Warn("office settings unreadable; using config.yaml", "error", err)
		}
		c := a.Config.Office
		return letters.Office{Name: c.Name, Address: c.Address, City: c.City, Letterhead: c.Letterhead}
	}
	return letters.Office{Name: o.Name, Address: o.Address, City: o.City, Letterhead: o.Letterhead}
}

// Schedules are the cron expressions of the standard jobs, by job name.
func (a *App) Schedules() map[string]string {
	j := a.Config.Jobs
	return map[string]string{JobDeadlineWatch: j.DeadlineWatch, JobObjectionWatch: j.ObjectionWatch, JobOutbox: j.Outbox,
		JobRetention: j.Retention, JobDigest: j.Digest, JobBlobSweep: j.BlobSweep, JobExemptionWatch: j.ExemptionWatch}
}

// ReplayWatches runs the deadline and objection watches as the scheduler would have at a past moment.
func (a *App) ReplayWatches(ctx context.Context, at time.Time) error {
	for _, name := range []string{JobDeadlineWatch, JobObjectionWatch} {
		if _, err := a.Jobs.RunAt(ctx, name, at); err != nil {
			return err
		}
	}
	return nil
}

// newRunner registers every scheduled job of the application.
func newRunner(cfg *config.Config, st *store.Store, cal *officecalendar.Source, blobs files.Blobs, box *secret.Box, baseURL string,
	throttleWindow time.Duration, now func() time.Time, log *slog.Logger) (*jobs.Runner, error) {
	reminders, err := cfg.Jobs.Reminders()
	if err != nil {
		return nil, fmt.Errorf("app: jobs.reminder_days: %w", err)
	}
	mails, err := mailtext.New()
	if err != nil {
		return nil, err
	}
	var sender mailsend.Sender // stays a nil interface without SMTP: mail then waits in the outbox
	if cfg.SMTP.Host != "" {
		password := cfg.SMTP.Password
		if cfg.SMTP.PasswordFile != "" {
			raw, err := os.ReadFile(cfg.SMTP.PasswordFile)
			if err != nil {
				return nil, fmt.Errorf("smtp.password_file: %w", err)
			}
			password = strings.TrimSpace(string(raw)) // without the trailing newline editors add
		}
		smtp, err := mailsend.New(mailsend.Config{Host: cfg.SMTP.Host, Port: cfg.SMTP.Port, Username: cfg.SMTP.Username,
			Password: password, From: cfg.SMTP.From, TLS: cfg.SMTP.TLS})
		if err != nil {
			return nil, err
		}
		sender = smtp
	}
	r := jobs.NewRunner(st, cfg.Jobs.Instance, now, log)
	r.Register(JobDeadlineWatch, jobs.DeadlineWatch{Store: st, Calendar: cal.Current, Reminders: reminders,
		EscalateEvery: cfg.Jobs.EscalateEveryDays, BaseURL: baseURL, OfficeName: cfg.Office.Name})
	r.Register(JobObjectionWatch, jobs.ObjectionWatch{Store: st, Calendar: cal.Current, Reminders: reminders,
		BaseURL: baseURL, OfficeName: cfg.Office.Name})
	r.Register(JobExemptionWatch, jobs.ExemptionWatch{Store: st, Calendar: cal.Current, NoticeDays: cfg.Jobs.ExemptionNoticeDays,
		BaseURL: baseURL, OfficeName: cfg.Office.Name})
	var messageHost string
	if u, err := url.Parse(baseURL); err == nil {
		messageHost = u.Hostname()
	}
	channels := map[string]notify.Channel{}
	if cfg.Notify.WebhookURL != "" {
		secret, err := readSecret(cfg.Notify.WebhookSecret, cfg.Notify.WebhookSecretFile, "notify.webhook_secret_file")
		if err != nil {
			return nil, err
		}
		channels[notify.ChannelWebhook] = &notify.Webhook{URL: cfg.Notify.WebhookURL, Secret: []byte(secret), Now: now}
	}
	r.Register(JobOutbox, jobs.OutboxDelivery{Store: st, Sender: sender, Mail: mails, Box: box, MaxAttempts: cfg.Jobs.OutboxMaxAttempts,
		RetryFor: time.Duration(cfg.Jobs.OutboxRetryHours) * time.Hour, MessageHost: messageHost, Channels: channels})
	r.Register(JobRetention, jobs.Retention{Store: st, Blobs: blobs, After: time.Duration(cfg.Jobs.RetentionDays) * 24 * time.Hour,
		ThrottleWindow: throttleWindow})
	r.Register(JobDigest, jobs.Digest{Store: st, Calendar: cal.Current, SoonDays: 3,
		BaseURL: baseURL, OfficeName: cfg.Office.Name})
	r.Register(JobBlobSweep, jobs.BlobSweep{Store: st, Blobs: blobs})
	return r, nil
}

// readSecret is value, or the trimmed content of file when one is named (without the newline editors add).
func readSecret(value, file, key string) (string, error) {
	if file == "" {
		return value, nil
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("%s: %w", key, err)
	}
	return strings.TrimSpace(string(raw)), nil
}
