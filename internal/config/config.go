// Package config reads config.yaml, applies TERBUKA_* environment overrides and validates
// the result once at start-up, so a bad setting stops the program before it serves anyone.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
	"go.yaml.in/yaml/v3"

	"github.com/terbuka-id/terbuka/internal/numbering"
)

// Config is the whole configuration; it is passed by value or pointer, never kept in a global.
type Config struct {
	Office   Office   `yaml:"office"`
	Calendar Calendar `yaml:"calendar"`
	Requests Requests `yaml:"requests"`
	Server   Server   `yaml:"server"`
	Database Database `yaml:"database"`
	Files    Files    `yaml:"files"`
	Jobs     Jobs     `yaml:"jobs"`
	SMTP     SMTP     `yaml:"smtp"`
	Notify   Notify   `yaml:"notify"`
	Security Security `yaml:"security"`
	Log      Log      `yaml:"log"`
	Metrics  Metrics  `yaml:"metrics"`
}

type Office struct {
	Name       string `yaml:"name"`
	Address    string `yaml:"address"`
	City       string `yaml:"city"`
	Letterhead string `yaml:"letterhead"`
	Timezone   string `yaml:"timezone"`
	ClosesAt   string `yaml:"closes_at"`
}

type Calendar struct {
	CutiBersamaIsHoliday bool `yaml:"cuti_bersama_is_holiday"`
}

type Requests struct {
	RegistrationFormat string `yaml:"registration_format"`
}

type Server struct {
	Addr            string `yaml:"addr"`
	BaseURL         string `yaml:"base_url"`
	SecureCookies   bool   `yaml:"secure_cookies"`
	ShutdownTimeout int    `yaml:"shutdown_timeout"`
	// TrustedProxies are the addresses or CIDRs whose X-Forwarded-For is believed; empty: none.
	TrustedProxies []string `yaml:"trusted_proxies"`
}

type Database struct {
	URL          string `yaml:"url"`
	LocalDir     string `yaml:"local_dir"`
	MaxOpenConns int    `yaml:"max_open_conns"`
	// ReadURL, when set, is a streaming replica the public portal's read-only queries go to.
	ReadURL string `yaml:"read_url"`
}

type Files struct {
	Dir         string `yaml:"dir"`
	MaxUploadMB int    `yaml:"max_upload_mb"`
	// IdentityMaxKB bounds a requester's identity document (KTP scan, deed, power of attorney).
	IdentityMaxKB int `yaml:"identity_max_kb"`
	// Backend is where documents and letters live: "disk" (Dir) or "s3" (S3).
	Backend string `yaml:"backend"`
	S3      S3     `yaml:"s3"`
}

// S3 is an S3-compatible bucket for the blobs (files.backend: s3).
type S3 struct {
	Endpoint      string `yaml:"endpoint"`
	Bucket        string `yaml:"bucket"`
	Region        string `yaml:"region"`
	Prefix        string `yaml:"prefix"`
	AccessKey     string `yaml:"access_key"`
	AccessKeyFile string `yaml:"access_key_file"`
	SecretKey     string `yaml:"secret_key"`
	SecretKeyFile string `yaml:"secret_key_file"`
	PathStyle     bool   `yaml:"path_style"`
	TLS           bool   `yaml:"tls"`
	// PartSizeMB is the multipart part size: the most one upload holds in memory.
	PartSizeMB int `yaml:"part_size_mb"`
}

// Metrics exposes /metrics: on a listener of its own (Addr) and/or on the main one behind Token.
type Metrics struct {
	Addr  string `yaml:"addr"`
	Token string `yaml:"token"`
}

// MaxUploadBytes is the upload limit in bytes.
func (f Files) MaxUploadBytes() int64 { return int64(f.MaxUploadMB) << 20 }

// IdentityMaxBytes is the identity document limit in bytes.
func (f Files) IdentityMaxBytes() int64 { return int64(f.IdentityMaxKB) << 10 }

// Jobs configures the scheduler. Schedules are cron expressions in the office time zone.
type Jobs struct {
	Enabled           bool   `yaml:"enabled"`
	Instance          string `yaml:"instance"`
	DeadlineWatch     string `yaml:"deadline_watch"`
	ObjectionWatch    string `yaml:"objection_watch"`
	Outbox            string `yaml:"outbox"`
	Retention         string `yaml:"retention"`
	Digest            string `yaml:"digest"`
	BlobSweep         string `yaml:"blob_sweep"`
	ExemptionWatch    string `yaml:"exemption_watch"`
	ReportWatch       string `yaml:"report_watch"`
	ReminderDays      string `yaml:"reminder_days"`
	EscalateEveryDays int    `yaml:"escalate_every_days"`
	OutboxMaxAttempts int    `yaml:"outbox_max_attempts"`
	OutboxRetryHours  int    `yaml:"outbox_retry_hours"`
	RetentionDays     int    `yaml:"retention_days"`
	// ExemptionNoticeDays: calendar days before an exemption ends that the PPID is reminded (PP 61/2010).
	ExemptionNoticeDays int `yaml:"exemption_notice_days"`
}

// SMTP is the mail server; with no host, mail stays in the outbox for the admin to read.
type SMTP struct {
	Host         string `yaml:"host"`
	Port         int    `yaml:"port"`
	Username     string `yaml:"username"`
	Password     string `yaml:"password"`
	PasswordFile string `yaml:"password_file"`
	From         string `yaml:"from"`
	// TLS is "starttls" (port 587), "tls" (implicit, port 465) or "none" (a local relay).
	TLS string `yaml:"tls"`
}

// Notify configures channels of officer notices besides e-mail.
type Notify struct {
	// WebhookURL receives each notice as signed JSON; "" sends none.
	WebhookURL        string `yaml:"webhook_url"`
	WebhookSecret     string `yaml:"webhook_secret"`
	WebhookSecretFile string `yaml:"webhook_secret_file"`
}

// minWebhookSecret keeps the HMAC key from being guessable (ASVS 6.4.1: secrets of sufficient strength).
const minWebhookSecret = 16

type Security struct {
	DataKey            string `yaml:"data_key"`
	DataKeyFile        string `yaml:"data_key_file"`
	LoginMaxFailures   int    `yaml:"login_max_failures"`
	LoginWindowMinutes int    `yaml:"login_window_minutes"`
	// LoginClientMaxFailures bounds one client's failed logins on any account within the window.
	LoginClientMaxFailures int `yaml:"login_client_max_failures"`
	// LoginAccountMaxFailures failures of one account from all clients within the window make
	// every client that failed on it wait LoginAccountWaitSeconds between its attempts.
	LoginAccountMaxFailures int `yaml:"login_account_max_failures"`
	LoginAccountWaitSeconds int `yaml:"login_account_wait_seconds"`
	// Limits on anonymous use; 0 means no limit.
	SubmissionsPerHour        int `yaml:"submissions_per_hour"`
	ReceiptsPerAddressPerDay  int `yaml:"receipts_per_address_per_day"`
	TrackingFailuresPerWindow int `yaml:"tracking_failures_per_window"`
	// Sign-in links and lost-code recoveries asked for per address and per client per hour.
	AccountMailsPerAddressPerHour int `yaml:"account_mails_per_address_per_hour"`
	AccountMailsPerClientPerHour  int `yaml:"account_mails_per_client_per_hour"`
}

type Log struct {
	Level string `yaml:"level"`
}

// Default is the configuration used for keys the file leaves out, with the base URL resolved.
func Default() Config {
	cfg := defaults()
	cfg.resolveBaseURL()
	return cfg
}

// defaults leaves server.base_url empty, so that Load can tell "not set" and follow server.addr.
func defaults() Config {
	return Config{
		Office:   Office{Name: "PPID", City: "Jakarta", Timezone: "Asia/Jakarta", ClosesAt: "16:00"},
		Calendar: Calendar{CutiBersamaIsHoliday: true},
		Requests: Requests{RegistrationFormat: "{seq:04d}/PPID/{roman_month}/{year}"},
		Server:   Server{Addr: "localhost:8080", ShutdownTimeout: 15},
		Database: Database{LocalDir: "var/postgres", MaxOpenConns: 8},
		Files: Files{Dir: "var/files", MaxUploadMB: 50, IdentityMaxKB: 5120, Backend: "disk",
			S3: S3{Region: "us-east-1", Prefix: "blobs/", TLS: true, PartSizeMB: 8}},
		Jobs: Jobs{Enabled: true, DeadlineWatch: "*/15 * * * *", ObjectionWatch: "*/15 * * * *", Outbox: "* * * * *",
			Retention: "30 2 * * *", Digest: "0 7 * * 1-5", BlobSweep: "45 3 * * *", ExemptionWatch: "0 7 * * *", ReportWatch: "0 8 * * *", ExemptionNoticeDays: 30, ReminderDays: "3,1", EscalateEveryDays: 5,
			OutboxRetryHours: 72, RetentionDays: 730},
		SMTP: SMTP{Port: 587, TLS: "starttls"},
		Security: Security{LoginMaxFailures: 5, LoginWindowMinutes: 15, LoginClientMaxFailures: 20,
			LoginAccountMaxFailures: 10, LoginAccountWaitSeconds: 30,
			SubmissionsPerHour: 20, ReceiptsPerAddressPerDay: 5, TrackingFailuresPerWindow: 10,
			AccountMailsPerAddressPerHour: 3, AccountMailsPerClientPerHour: 10},
		Log: Log{Level: "info"},
	}
}

// Load reads path (a missing file means defaults), then the environment, then validates.
func Load(path string, environ []string) (*Config, error) {
	cfg := defaults()
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("config: %w", err)
	default:
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(&cfg); err != nil {
			return nil, fmt.Errorf("config: %s: %w", path, err)
		}
	}
	if err := applyEnv(&cfg, environ); err != nil {
		return nil, err
	}
	cfg.resolveBaseURL()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &cfg, nil
}

// resolveBaseURL makes an unset server.base_url follow server.addr, so that e-mails and the
// start-up banner name the address the server really listens on.
func (c *Config) resolveBaseURL() {
	if strings.TrimSpace(c.Server.BaseURL) != "" {
		return
	}
	host, port, err := net.SplitHostPort(c.Server.Addr)
	if err != nil {
		return // Validate reports the bad address
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost" // listening on every interface: this machine's name is the safe guess
	}
	c.Server.BaseURL = "http://" + net.JoinHostPort(host, port)
}

// applyEnv sets every field whose TERBUKA_SECTION_KEY variable is present.
func applyEnv(cfg *Config, environ []string) error {
	env := map[string]string{}
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok && strings.HasPrefix(k, "TERBUKA_") {
			env[k] = v
		}
	}
	root := reflect.ValueOf(cfg).Elem()
	for i := range root.NumField() {
		if err := applyEnvSection(root.Field(i), "TERBUKA_"+strings.ToUpper(yamlName(root.Type().Field(i))), env); err != nil {
			return err
		}
	}
	return nil
}

// applyEnvSection sets the fields of one section; a nested section (files.s3) adds its name
// to the variable's: TERBUKA_FILES_S3_BUCKET.
func applyEnvSection(section reflect.Value, prefix string, env map[string]string) error {
	for j := range section.NumField() {
		name := prefix + "_" + strings.ToUpper(yamlName(section.Type().Field(j)))
		if section.Field(j).Kind() == reflect.Struct {
			if err := applyEnvSection(section.Field(j), name, env); err != nil {
				return err
			}
			continue
		}
		raw, ok := env[name]
		if !ok {
			continue
		}
		if err := setField(section.Field(j), raw); err != nil {
			return fmt.Errorf("config: %s: %w", name, err)
		}
	}
	return nil
}

func yamlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	return name
}

func setField(v reflect.Value, raw string) error {
	switch v.Kind() {
	case reflect.String:
		v.SetString(raw)
	case reflect.Bool:
		b, err := strconv.ParseBool(raw)
		if err != nil {
			return fmt.Errorf("want true or false, got %q", raw)
		}
		v.SetBool(b)
	case reflect.Int:
		n, err := strconv.Atoi(raw)
		if err != nil {
			return fmt.Errorf("want a whole number, got %q", raw)
		}
		v.SetInt(int64(n))
	case reflect.Slice:
		if v.Type().Elem().Kind() != reflect.String {
			return fmt.Errorf("unsupported kind %s", v.Kind())
		}
		// A list is comma separated; an empty variable is an empty list.
		var items []string
		for _, f := range strings.Split(raw, ",") {
			if f = strings.TrimSpace(f); f != "" {
				items = append(items, f)
			}
		}
		v.Set(reflect.ValueOf(items))
	default:
		return fmt.Errorf("unsupported kind %s", v.Kind())
	}
	return nil
}

// Validate reports every problem at once, so an operator fixes the file in one go.
func (c *Config) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if strings.TrimSpace(c.Office.Name) == "" {
		bad("office.name is empty")
	}
	if strings.TrimSpace(c.Office.City) == "" {
		bad("office.city is empty (letters are dated \"<city>, <date>\")")
	}
	if _, err := time.LoadLocation(c.Office.Timezone); err != nil || c.Office.Timezone == "" {
		bad("office.timezone %q is not an IANA time zone", c.Office.Timezone)
	}
	if _, err := c.ClosingTime(); err != nil {
		bad("office.closes_at: %v", err)
	}
	if _, err := numbering.Parse(c.Requests.RegistrationFormat); err != nil {
		bad("requests.registration_format: %v", err)
	}
	if c.Server.Addr == "" {
		bad("server.addr is empty")
	}
	if c.Server.ShutdownTimeout < 0 {
		bad("server.shutdown_timeout must not be negative")
	}
	for _, p := range c.Server.TrustedProxies {
		if _, _, err := net.ParseCIDR(p); err != nil && net.ParseIP(p) == nil {
			bad("server.trusted_proxies: %q is not an IP address or CIDR", p)
		}
	}
	if c.Database.URL == "" && c.Database.LocalDir == "" {
		bad("database: set url, or local_dir for the private cluster")
	}
	if c.Database.MaxOpenConns < 1 {
		bad("database.max_open_conns must be at least 1")
	}
	if c.Files.Dir == "" {
		bad("files.dir is empty")
	}
	if c.Files.MaxUploadMB < 1 || c.Files.MaxUploadMB > 2048 {
		bad("files.max_upload_mb must be between 1 and 2048")
	}
	// The identity document travels in the request body (base64 in the API): keep it small.
	if c.Files.IdentityMaxKB < 16 || c.Files.IdentityMaxKB > 20480 {
		bad("files.identity_max_kb must be between 16 and 20480")
	}
	switch c.Files.Backend {
	case "disk":
	case "s3":
		s3 := c.Files.S3
		if s3.Endpoint == "" || strings.Contains(s3.Endpoint, "://") {
			bad("files.s3.endpoint must be host[:port] without a scheme (files.s3.tls says https or http)")
		}
		if s3.Bucket == "" {
			bad("files.s3.bucket is empty")
		}
		if s3.AccessKey != "" && s3.AccessKeyFile != "" || s3.SecretKey != "" && s3.SecretKeyFile != "" {
			bad("files.s3: set access_key or access_key_file (and secret_key or secret_key_file), not both")
		}
		if s3.AccessKey == "" && s3.AccessKeyFile == "" || s3.SecretKey == "" && s3.SecretKeyFile == "" {
			bad("files.s3: access_key (or access_key_file) and secret_key (or secret_key_file) are required")
		}
		// S3 refuses parts under 5 MB; an upload holds one part in memory.
		if s3.PartSizeMB < 5 || s3.PartSizeMB > 512 {
			bad("files.s3.part_size_mb must be between 5 and 512")
		}
	default:
		bad("files.backend %q: want disk or s3", c.Files.Backend)
	}
	// A short token could be guessed; the metrics reveal case volumes and the office's activity.
	if t := c.Metrics.Token; t != "" && len(t) < 16 {
		bad("metrics.token must be at least 16 characters")
	}
	if c.Metrics.Addr != "" && c.Metrics.Addr == c.Server.Addr {
		bad("metrics.addr must differ from server.addr (set metrics.token to serve /metrics there)")
	}
	for name, spec := range map[string]string{"deadline_watch": c.Jobs.DeadlineWatch, "objection_watch": c.Jobs.ObjectionWatch,
		"outbox": c.Jobs.Outbox, "retention": c.Jobs.Retention, "digest": c.Jobs.Digest, "blob_sweep": c.Jobs.BlobSweep,
		"exemption_watch": c.Jobs.ExemptionWatch, "report_watch": c.Jobs.ReportWatch} {
		if _, err := cron.ParseStandard(spec); err != nil {
			bad("jobs.%s %q: %v", name, spec, err)
		}
	}
	if _, err := c.Jobs.Reminders(); err != nil {
		bad("jobs.reminder_days: %v", err)
	}
	if c.Jobs.EscalateEveryDays < 1 || c.Jobs.OutboxRetryHours < 1 || c.Jobs.RetentionDays < 1 {
		bad("jobs.escalate_every_days, outbox_retry_hours and retention_days must be at least 1")
	}
	if c.Jobs.ExemptionNoticeDays < 1 || c.Jobs.ExemptionNoticeDays > 366 {
		bad("jobs.exemption_notice_days must be between 1 and 366")
	}
	if c.Jobs.OutboxMaxAttempts < 0 {
		bad("jobs.outbox_max_attempts must be 0 (no limit) or more")
	}
	if c.SMTP.Host != "" {
		if c.SMTP.From == "" {
			bad("smtp.from is required with smtp.host")
		}
		switch c.SMTP.TLS {
		case "starttls", "tls", "none":
		default:
			bad("smtp.tls %q: want starttls, tls or none", c.SMTP.TLS)
		}
		if c.SMTP.Port < 1 || c.SMTP.Port > 65535 {
			bad("smtp.port %d is not a port", c.SMTP.Port)
		}
	}
	if c.Notify.WebhookURL != "" {
		if u, err := url.Parse(c.Notify.WebhookURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			bad("notify.webhook_url %q: want an http(s) URL", c.Notify.WebhookURL)
		}
		switch {
		case c.Notify.WebhookSecret != "" && c.Notify.WebhookSecretFile != "":
			bad("notify: set webhook_secret or webhook_secret_file, not both")
		case c.Notify.WebhookSecretFile == "" && len(c.Notify.WebhookSecret) < minWebhookSecret:
			bad("notify.webhook_secret (or webhook_secret_file) of at least %d characters is required with webhook_url", minWebhookSecret)
		}
	}
	if c.Security.DataKey != "" && c.Security.DataKeyFile != "" {
		bad("security: set data_key or data_key_file, not both")
	}
	if c.Database.URL != "" && c.Security.DataKey == "" && c.Security.DataKeyFile == "" {
		bad("security.data_key (or data_key_file) is required with an external database")
	}
	if c.Security.LoginMaxFailures < 1 || c.Security.LoginWindowMinutes < 1 {
		bad("security.login_max_failures and login_window_minutes must be at least 1")
	}
	if c.Security.LoginClientMaxFailures < 1 || c.Security.LoginAccountMaxFailures < 1 || c.Security.LoginAccountWaitSeconds < 0 {
		bad("security.login_client_max_failures and login_account_max_failures must be at least 1, login_account_wait_seconds not negative")
	}
	if c.Security.SubmissionsPerHour < 0 || c.Security.ReceiptsPerAddressPerDay < 0 || c.Security.TrackingFailuresPerWindow < 0 {
		bad("security.submissions_per_hour, receipts_per_address_per_day and tracking_failures_per_window must not be negative (0: no limit)")
	}
	if c.Security.AccountMailsPerAddressPerHour < 0 || c.Security.AccountMailsPerClientPerHour < 0 {
		bad("security.account_mails_per_address_per_hour and account_mails_per_client_per_hour must not be negative (0: no limit)")
	}
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		bad("log.level %q: want debug, info, warn or error", c.Log.Level)
	}
	if len(errs) > 0 {
		return fmt.Errorf("config: %w", errors.Join(errs...))
	}
	return nil
}

// Location is the office time zone; Validate has checked it loads.
func (c *Config) Location() *time.Location {
	loc, err := time.LoadLocation(c.Office.Timezone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// ClosingTime parses office.closes_at ("HH:MM") as an offset from local midnight.
func (c *Config) ClosingTime() (time.Duration, error) {
	t, err := time.Parse("15:04", c.Office.ClosesAt)
	if err != nil {
		return 0, fmt.Errorf("%q is not HH:MM", c.Office.ClosesAt)
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

// UsesPrivateCluster reports whether Terbuka must start its own PostgreSQL.
func (c *Config) UsesPrivateCluster() bool { return c.Database.URL == "" }

// Reminders are the working days before a due date at which officers are reminded, largest first.
func (j Jobs) Reminders() ([]int, error) {
	var days []int
	for _, f := range strings.Split(j.ReminderDays, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > 30 {
			return nil, fmt.Errorf("%q: want working-day counts from 1 to 30, comma separated", j.ReminderDays)
		}
		days = append(days, n)
	}
	slices.Sort(days)
	slices.Reverse(days)
	return slices.Compact(days), nil
}
