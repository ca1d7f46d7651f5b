// Package web is Terbuka's HTTP face: the citizens' pages, the JSON API and the officers'
// office, on one Gin engine with explicit middleware.
package web

import (
	"encoding/gob"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/alexedwards/scs/postgresstore"
	"github.com/alexedwards/scs/v2"
	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/config"
	"github.com/terbuka-id/terbuka/internal/holidays"
	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/jobs"
	"github.com/terbuka-id/terbuka/internal/mailtext"
	"github.com/terbuka-id/terbuka/internal/metrics"
	"github.com/terbuka-id/terbuka/internal/officecalendar"
	"github.com/terbuka-id/terbuka/internal/performance"
	"github.com/terbuka-id/terbuka/internal/publishing"
	"github.com/terbuka-id/terbuka/internal/secret"
	"github.com/terbuka-id/terbuka/internal/skm"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/throttle"
	"github.com/terbuka-id/terbuka/internal/transparency"
	"github.com/terbuka-id/terbuka/templates"
)

// Server holds what the handlers need; build it with New.
type Server struct {
	cfg      *config.Config
	store    *store.Store
	portal   *store.Store // the public portal's read-only queries (a replica, or store)
	intake   *intake.Service
	casework *casework.Service
	calendar *officecalendar.Source
	sessions *scs.SessionManager
	sweeper  *postgresstore.PostgresStore
	renderer *renderer
	mail     *mailtext.Renderer
	jobs     *jobs.Runner
	log      *slog.Logger
	now      func() time.Time

	publishing   *publishing.Service
	holidays     *holidays.Service
	transparency *transparency.Service
	performance  *performance.Service
	portalCache  portalCache
	throttle     *throttle.Limiter
	metrics      *metrics.Metrics
	skm          *skm.Service
	officeNames  ttlCache[struct{}, string]
	choices      ttlCache[access.Scope, queueChoiceSet]
}

// Deps are the parts the server is wired from.
type Deps struct {
	Config *config.Config
	Store  *store.Store
	// Portal serves the public portal's read-only queries: a replica's pool, or Store itself.
	Portal   *store.Store
	Intake   *intake.Service
	Casework *casework.Service
	// Jobs, when set, lets administrators see and start scheduled jobs.
	Jobs     *jobs.Runner
	Calendar *officecalendar.Source
	Log      *slog.Logger
	Now      func() time.Time
	// SessionCleanup is how often expired sessions are deleted; 0 disables it.
	SessionCleanup time.Duration
	// Publishing puts documents on the portal.
	Publishing *publishing.Service
	// Holidays changes the calendar; Transparency builds the public register and statistics.
	Holidays     *holidays.Service
	Transparency *transparency.Service
	// Performance is the yearly evaluation and the annual report.
	Performance *performance.Service
	// Throttle limits failed logins per client and account (and, through Intake, anonymous use).
	Throttle *throttle.Limiter
	// Box seals session data at rest: it carries a receipt's tracking code and a temporary password.
	Box *secret.Box
	// Metrics, when set, counts every request and serves /metrics behind metrics.token.
	Metrics *metrics.Metrics
	// SKM is the satisfaction survey (PermenPAN-RB 14/2017).
	SKM *skm.Service
}

// New builds the server; it fails when a dependency is missing or a template does not parse.
func New(d Deps) (*Server, error) {
	if err := d.check(); err != nil {
		return nil, err
	}
	r, err := newRenderer(templates.FS, d.Config.Location())
	if err != nil {
		return nil, err
	}
	mails, err := mailtext.New()
	if err != nil {
		return nil, err
	}
	gob.Register(receiptSession{}) // a receipt in a session is gob-encoded (sealedCodec); idempotent
	sm := scs.New()
	// Expired sessions are swept by postgresstore (the same table); tests pass 0 to start no sweeper.
	sweeper := postgresstore.NewWithCleanupInterval(d.Store.DB().DB, d.SessionCleanup)
	sm.Store = sessionStore{store: d.Store}
	sm.Lifetime = 12 * time.Hour
	// The idle limit is keepAlive's (middleware.go): scs's IdleTimeout would write the session on every request.
	sm.Codec = sealedCodec{box: d.Box, lifetime: sm.Lifetime}
	sm.Cookie.Name = "terbuka_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = d.Config.Server.SecureCookies
	sm.Cookie.Persist = false
	return &Server{
		cfg: d.Config, store: d.Store, portal: d.Portal, intake: d.Intake, casework: d.Casework, calendar: d.Calendar,
		sessions: sm, sweeper: sweeper, renderer: r, mail: mails, jobs: d.Jobs, log: d.Log, now: d.Now,
		publishing: d.Publishing, holidays: d.Holidays, transparency: d.Transparency, throttle: d.Throttle,
		performance: d.Performance,
		metrics:     d.Metrics, skm: d.SKM,
	}, nil
}

// check names every missing dependency; only Jobs is optional.
func (d Deps) check() error {
	var missing []string
	for name, absent := range map[string]bool{"Config": d.Config == nil, "Store": d.Store == nil, "Portal": d.Portal == nil, "Intake": d.Intake == nil,
		"Casework": d.Casework == nil, "Publishing": d.Publishing == nil,
		"Holidays": d.Holidays == nil, "Transparency": d.Transparency == nil, "Performance": d.Performance == nil, "Calendar": d.Calendar == nil,
		"Log": d.Log == nil, "Now": d.Now == nil, "Throttle": d.Throttle == nil, "Box": d.Box == nil, "SKM": d.SKM == nil} {
		if absent {
			missing = append(missing, name)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	slices.Sort(missing)
	return fmt.Errorf("web: missing dependencies: %s", strings.Join(missing, ", "))
}

// Handler is the whole HTTP application: the routes, public text responses compressed.
func (s *Server) Handler() http.Handler {
	h, err := withCompression(s.engine())
	if err != nil { // only a bad option list, fixed at compile time
		panic(err)
	}
	return h
}

// engine is the router with every route registered.
func (s *Server) engine() *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.RedirectTrailingSlash = true
	e.HandleMethodNotAllowed = true
	e.ContextWithFallback = true
	// The client address every per-client limit counts is the TCP peer, unless that peer is a
	// configured proxy: Gin's default believes anyone's X-Forwarded-For (ASVS 11.1.4).
	if err := e.SetTrustedProxies(s.cfg.Server.TrustedProxies); err != nil {
		s.log.Error("server.trusted_proxies unusable; trusting no proxy", "error", err)
		_ = e.SetTrustedProxies(nil)
	}
	s.routes(e)
	return e
}

// Close stops the session sweeper.
func (s *Server) Close() {
	if s.sweeper != nil {
		s.sweeper.StopCleanup()
	}
}
