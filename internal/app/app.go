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
	"github.com/terbuka-id/terbuka/internal/metrics"
	"github.com/terbuka-id/terbuka/internal/notify"
	"github.com/terbuka-id/terbuka/internal/numbering"
	"github.com/terbuka-id/terbuka/internal/officecalendar"
	"github.com/terbuka-id/terbuka/internal/performance"
	"github.com/terbuka-id/terbuka/internal/publishing"
	"github.com/terbuka-id/terbuka/internal/reqlog"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/skm"
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
	JobReportWatch    = "report-watch"
)

// JobNames are the standard jobs in the order they are registered.
func JobNames() []string {
	return []string{JobDeadlineWatch, JobObjectionWatch, JobExemptionWatch, JobOutbox, JobRetention, JobDigest, JobBlobSweep, JobReportWatch}
}

// Options are what configuration does not say: the caller's clock, files, log and data key.
type Options struct {
	// Box encrypts personal data; required (the CLI derives it from security.data_key or var/data.key).
	Box *secret.Box
	// Now is the clock of every service; nil means time.Now.
	Now func() time.Time
	// Blobs keeps uploaded documents and letters; nil means the store files.backend names.
	Blobs files.Blobs
	// Log receives every service's log; nil discards it.
	Log *slog.Logger
	// SessionCleanup is how often expired sessions are deleted; 0 starts no sweeper.
	SessionCleanup time.Duration
	// MaxUpload overrides files.max_upload_mb in bytes; tests use limits below one megabyte.
	MaxUpload int64
	// Portal serves the public portal's read-only queries (a streaming replica, store.OpenReader);
	// nil means the primary store.
	Portal *store.Store
	// Survey gives the SKM results to the evaluation and the annual report; nil shows "no survey data".
	Survey performance.SurveyResults
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
	// Performance is the yearly evaluation and the annual report.
	Performance *performance.Service
	// SKM is the satisfaction survey and its index (PermenPAN-RB 14/2017).
	SKM *skm.Service
	// Jobs has the standard jobs registered; it runs them on demand, the caller schedules them.
	Jobs *jobs.Runner
	Web  *web.Server
	// Metrics are the Prometheus figures; `serve` exposes them per metrics.addr / metrics.token.
	Metrics *metrics.Metrics
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
	log = slog.New(reqlog.Handler(log.Handler())) // a request's lines carry its request_id
	blobs := opts.Blobs
	if blobs == nil {
		var err error
		if blobs, err = OpenBlobs(ctx, cfg); err != nil {
			return nil, err
		}
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
		OfficeName: cfg.Office.Name, BaseURL: baseURL, Blobs: blobs, MaxUpload: maxUpload, Box: opts.Box,
		Webhook: cfg.Notify.WebhookURL != ""}
	a.Casework.Clarifications = clarificationNotice{cases: a.Casework, log: log}
	a.Publishing = &publishing.Service{Store: st, Blobs: blobs, MaxUpload: maxUpload, Now: now,
		Location: cfg.Location(), Log: log}
	a.Holidays = &holidays.Service{Store: st, Calendar: a.Calendar, CutiBersamaIsHoliday: cfg.Calendar.CutiBersamaIsHoliday,
		Now: now, Log: log}
	portal := opts.Portal
	if portal == nil {
		portal = st
	}
	// The public register and statistics read from the portal's store (a replica when set);
	// the office's evaluation and annual report count on the primary.
	a.Transparency = &transparency.Service{Store: portal, Calendar: a.Calendar, Now: now}
	officeFigures := &transparency.Service{Store: st, Calendar: a.Calendar, Now: now}
	a.SKM = &skm.Service{Store: st, Box: opts.Box, Now: now, Location: cfg.Location()}
	survey := opts.Survey
	if survey == nil {
		survey = surveyResults{a.SKM}
	}
	a.Performance = &performance.Service{Store: st, Calendar: a.Calendar, Transparency: officeFigures, Blobs: blobs,
		Survey: survey, Office: func() string { return a.office().Name }, Now: now}
	a.Metrics = metrics.New(st, func() (calendar.Date, calendar.Date) {
		cal := a.Calendar.Current()
		today := calendar.DateOf(now().In(cal.Location()))
		return today, cal.AddWorkingDays(today, 3).Due // the queue's "due soon" flag
	})
	if a.Jobs, err = newRunner(cfg, st, a.Calendar, blobs, opts.Box, baseURL, limits.Rules.Longest(), now, log, a.Intake); err != nil {
		return nil, err
	}
	a.Jobs.Observe = a.Metrics.ObserveJob
	a.Web, err = web.New(web.Deps{Config: cfg, Store: st, Portal: portal, Intake: a.Intake, Casework: a.Casework, Publishing: a.Publishing,
		Holidays: a.Holidays, Transparency: a.Transparency, Performance: a.Performance, Throttle: limits, SKM: a.SKM,
		Jobs: a.Jobs, Calendar: a.Calendar, Log: log, Now: now, SessionCleanup: opts.SessionCleanup, Box: opts.Box,
		Metrics: a.Metrics})
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
		JobRetention: j.Retention, JobDigest: j.Digest, JobBlobSweep: j.BlobSweep, JobExemptionWatch: j.ExemptionWatch,
		JobReportWatch: j.ReportWatch}
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
	throttleWindow time.Duration, now func() time.Time, log *slog.Logger, in *intake.Service) (*jobs.Runner, error) {
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
		RetryFor: time.Duration(cfg.Jobs.OutboxRetryHours) * time.Hour, MessageHost: messageHost, Prepare: in.DoRequesterMail,
		Channels: channels})
	r.Register(JobRetention, jobs.Retention{Store: st, Blobs: blobs, After: time.Duration(cfg.Jobs.RetentionDays) * 24 * time.Hour,
		ThrottleWindow: throttleWindow})
	r.Register(JobDigest, jobs.Digest{Store: st, Calendar: cal.Current, SoonDays: 3,
		BaseURL: baseURL, OfficeName: cfg.Office.Name})
	r.Register(JobBlobSweep, jobs.BlobSweep{Store: st, Blobs: blobs})
	r.Register(JobReportWatch, jobs.ReportWatch{Store: st, Calendar: cal.Current, BaseURL: baseURL, OfficeName: cfg.Office.Name})
	return r, nil
}

// surveyResults gives the evaluation and the annual report the SKM's index (PermenPAN-RB 14/2017).
type surveyResults struct{ survey *skm.Service }

func (r surveyResults) Summary(ctx context.Context, unitID *int64, from, to time.Time) (performance.SurveySummary, error) {
	s, err := r.survey.Summary(ctx, unitID, from, to)
	if err != nil {
		return performance.SurveySummary{}, err
	}
	return performance.SurveySummary{Respondents: int(s.Respondents), IKM: s.IKM, Grade: s.Grade, GradeLabel: s.GradeLabel}, nil
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

// clarificationNotice mails the assigned officer when a requester answers a clarification; the
// mail is keyed per answer, so a repeated call sends one. A failure is logged: the answer stands.
type clarificationNotice struct {
	cases *casework.Service
	log   *slog.Logger
}

func (n clarificationNotice) ClarificationAnswered(ctx context.Context, caseID, clarificationID int64) {
	if err := n.cases.ClarificationAnswered(ctx, caseID, clarificationID); err != nil {
		n.log.ErrorContext(ctx, "clarification answer notice not queued", "case", caseID, "clarification", clarificationID, "error", err)
	}
}
