package web

import (
	"io/fs"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/templates"
)

// routes registers every route, grouped by audience and middleware.
func (s *Server) routes(e *gin.Engine) {
	e.Use(s.recoverPanics(), s.logRequests(), securityHeaders)
	e.NoRoute(s.notFound)
	e.NoMethod(s.methodNotAllowed)

	// Operations.
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)

	static, _ := fs.Sub(templates.FS, "static")
	e.StaticFS("/static", http.FS(static))
	e.GET("/favicon.ico", func(c *gin.Context) { c.Redirect(http.StatusMovedPermanently, "/static/favicon.svg") })

	// JSON API: no cookies, no sessions; JSON bodies only, which keeps browsers' forms out.
	api := e.Group("/api/v1", limitBody(64<<10))
	api.GET("/deadlines", s.apiDeadlines)
	api.POST("/requests", s.apiSubmitRequest)
	api.GET("/requests/*number", s.apiTrackRequest)
	api.POST("/objections", s.apiFileObjection)
	api.GET("/documents", s.rejectBadText, s.apiDocuments)
	api.GET("/documents/:pid", s.apiDocument)
	e.GET("/api/openapi.json", s.openAPI)

	// Feeds for machines: no sessions.
	e.GET("/dokumen.atom", s.atomFeed)
	e.GET("/sitemap.xml", s.sitemap)
	e.GET("/robots.txt", s.robots)

	// Officers' JSON API: the office session, JSON bodies only (no cross-site form can send one).
	officeAPI := e.Group("/api/v1/kantor", crossOrigin(), limitBody(64<<10), s.sessionsMiddleware(), s.loadUser())
	officeAPI.POST("/permohonan/:id/:action", s.apiCaseAction)

	// Citizens' pages.
	public := e.Group("/", crossOrigin(), limitBody(64<<10), s.sessionsMiddleware(), s.rejectBadText)
	public.GET("/", s.home)
	public.GET("/dokumen", s.documents)
	public.GET("/dokumen/:pid", s.documentPage)
	public.GET("/dokumen/:pid/:slug", s.documentPage)
	public.GET("/dokumen/:pid/:slug/unduh", s.documentDownload)
	public.GET("/dokumen/:pid/:slug/pratinjau", s.documentPreview)
	public.GET("/permohonan/baru", s.requestForm)
	public.POST("/permohonan/baru", s.requestSubmit)
	public.GET("/permohonan/tanda-bukti", s.requestReceipt)
	public.GET("/lacak", s.trackForm)
	public.POST("/lacak", s.track)
	public.GET("/lacak/status", s.trackStatus)
	public.POST("/lacak/keberatan", s.trackObjection)
	public.GET("/lacak/surat/:lid", s.trackedLetter)
	public.GET("/lacak/dokumen/:did", s.trackedDocument)
	public.GET("/lacak/surat/:lid/:format", s.trackedLetter)
	public.POST("/lacak/tanda-bukti", s.trackedReceipt)
	public.GET("/kalkulator-tenggat", s.deadlineCalculator)
	s.listRoutes(public)
	s.transparencyRoutes(public, api)

	// Officers' office: session, CSRF token on every form, role checks per route.
	office := e.Group("/kantor", crossOrigin(), limitBody(64<<10), s.sessionsMiddleware(), s.rejectBadText, s.csrfToken(), s.loadUser())
	office.GET("/masuk", s.loginForm)
	office.POST("/masuk", s.login)
	office.POST("/keluar", s.logout)

	officers := office.Group("", s.requireRole("petugas", "ppid", "atasan", "admin"))
	officers.GET("", s.officeQueue)
	officers.GET("/keberatan", s.officeObjections)
	officers.GET("/permohonan/:id", s.officeRequest)
	// Case steps: the role each needs is checked by the casework service.
	officers.POST("/permohonan/:id/tugaskan", s.caseAssign)
	officers.POST("/permohonan/:id/teruskan", s.caseForward)
	officers.POST("/permohonan/:id/perpanjang", s.caseExtend)
	officers.POST("/permohonan/:id/putuskan", s.caseDecide)
	officers.POST("/permohonan/:id/serahkan", s.caseDeliver)
	officers.POST("/permohonan/:id/selesai", s.caseClose)
	officers.POST("/permohonan/:id/tarik", s.caseWithdraw)
	officers.POST("/permohonan/:id/keberatan", s.caseObjection)
	officers.POST("/permohonan/:id/keberatan/:oid/tanggapan", s.caseAnswerObjection)
	officers.POST("/permohonan/:id/sengketa", s.caseDispute)
	officers.POST("/permohonan/:id/tanda-bukti", s.officeIssueReceipt)
	officers.GET("/permohonan/:id/surat/:lid", s.officeLetter)
	officers.GET("/permohonan/:id/surat/:lid/:format", s.officeLetter)

	s.adminRoutes(office.Group("/admin", s.requireRole("admin")))

	// Uploads get a body limit of their own; everything else stays small.
	uploads := e.Group("/kantor", crossOrigin(), limitBody(uploadLimit(s.casework.MaxUpload)), s.sessionsMiddleware(),
		s.csrfToken(), s.loadUser(), s.requireRole("petugas", "ppid", "atasan", "admin"))
	uploads.POST("/permohonan/:id/dokumen", s.caseUpload)
	uploads.POST("/publikasi/baru", s.requireRole("petugas", "ppid"), s.publicationCreate)
	officers.GET("/permohonan/:id/dokumen/:did", s.officeDocument)

	publishers := office.Group("/publikasi", s.requireRole("petugas", "ppid"))
	publishers.GET("", s.officePublications)
	publishers.GET("/baru", s.publicationForm)
	publishers.GET("/:pubid", s.officePublication)
	publishers.GET("/:pubid/ubah", s.publicationEditForm)
	publishers.POST("/:pubid/ubah", s.publicationUpdate)
	publishers.POST("/:pubid/konfirmasi", s.publicationConfirm)
	publishers.POST("/:pubid/terbitkan", s.publicationPublish)
	publishers.POST("/:pubid/tarik", s.publicationUnpublish)
	officers.POST("/permohonan/:id/publikasikan", s.casePublish)

	registrars := office.Group("", s.requireRole("petugas", "ppid"))
	registrars.GET("/permohonan/baru", s.officeRequestForm)
	registrars.POST("/permohonan/baru", s.officeRequestSubmit)
}

type errorView struct {
	Heading string
	Message string
}

func (s *Server) notFound(c *gin.Context) {
	if isAPI(c) {
		c.JSON(http.StatusNotFound, gin.H{"error": "Tidak ditemukan."})
		return
	}
	s.render(c, http.StatusNotFound, "error", pageData{Title: "Tidak ditemukan",
		Data: errorView{Heading: "Halaman tidak ditemukan", Message: "Alamat yang Anda buka tidak ada."}})
}

func (s *Server) methodNotAllowed(c *gin.Context) {
	if isAPI(c) {
		c.JSON(http.StatusMethodNotAllowed, gin.H{"error": "Metode tidak diizinkan."})
		return
	}
	c.String(http.StatusMethodNotAllowed, "Metode tidak diizinkan.")
}
