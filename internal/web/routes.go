package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/access"
)

// routes registers every route of the application, one block per audience. A route of the
// office names the permission it needs (access's table); the services check the same entry and
// the officer's scope, so a route without its rule is visible here at a glance.
func (s *Server) routes(e *gin.Engine) {
	e.Use(s.requestID(), s.observe(), s.recoverPanics(), s.logRequests(), securityHeaders)
	e.NoRoute(s.notFound)
	e.NoMethod(s.methodNotAllowed)

	// Operations and static files.
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/metrics", s.metricsEndpoint) // no role: metrics.token (Bearer), else not found
	static, err := staticAssets()
	if err != nil { // embedded at build time: cannot fail at run time
		panic(err)
	}
	e.GET("/static/*filepath", static.serve)
	e.HEAD("/static/*filepath", static.serve)
	favicon, _ := static.url("favicon.svg")
	e.GET("/favicon.ico", func(c *gin.Context) { c.Redirect(http.StatusMovedPermanently, favicon) })

	// Machines: feeds and the API description; no sessions.
	e.GET("/dokumen.atom", s.atomFeed)
	e.GET("/sitemap.xml", s.sitemap)
	e.GET("/robots.txt", s.robots)
	e.GET("/api/openapi.json", s.openAPI)

	// Public JSON API: no cookies, no sessions; JSON bodies only, which keeps browsers' forms out.
	api := e.Group("/api/v1", limitBody(64<<10))
	api.GET("/deadlines", s.apiDeadlines)
	api.GET("/requests/*number", noStore, s.apiTrackRequest)
	api.POST("/objections", s.apiFileObjection)
	api.GET("/documents", s.rejectBadText, s.apiDocuments)
	api.GET("/documents/:pid", s.apiDocument)
	api.GET("/register", s.apiRegister)
	api.GET("/statistics", s.apiStatistics)
	api.GET("/reports/:year", s.apiReport) // a published annual report's frozen figures (Perki 1/2021 Pasal 56)
	api.GET("/skm", s.apiSurvey)           // the published satisfaction index (PermenPAN-RB 14/2017)
	// A request may carry an identity document (base64): a body limit of its own.
	intakeAPI := e.Group("/api/v1", limitBody(identityBodyLimit(s.cfg.Files.IdentityMaxBytes(), true)))
	intakeAPI.POST("/requests", noStore, s.apiSubmitRequest) // the receipt carries the tracking code
	// A lost code: 202 alike for every address; the outbox job mails fresh codes, if any.
	api.POST("/requests/recover", noStore, s.apiRecover)

	// Officers' JSON API: the office session, JSON bodies only (no cross-site form can send one).
	officeAPI := e.Group("/api/v1/kantor", noStore, crossOrigin(), limitBody(64<<10), s.sessionsMiddleware(), s.loadUser(),
		s.requirePermission(access.ViewCases))
	officeAPI.POST("/permohonan/:id/:action", s.apiCaseAction) // each action's permission: casework
	officeAPI.GET("/reports/:year", s.requirePermission(access.ViewReport), s.apiOfficeReport)
	officeAPI.POST("/skm", s.requirePermission(access.EnterSurvey), s.apiSurveyEntry)

	// Citizens and the public: the portal, requests, tracking, the office's public lists.
	public := e.Group("/", crossOrigin(), limitBody(64<<10), s.sessionsMiddleware(), s.rejectBadText)
	public.GET("/", s.home)
	public.GET("/dokumen", s.documents)
	public.GET("/dokumen/:pid", s.documentPage)
	public.GET("/dokumen/:pid/:slug", s.documentPage)
	public.GET("/dokumen/:pid/:slug/unduh", s.documentDownload)
	public.GET("/dokumen/:pid/:slug/pratinjau", s.documentPreview)
	public.GET("/dip", s.listDIP)
	public.GET("/dip.pdf", s.listDIPFile("pdf"))
	public.GET("/dip.xlsx", s.listDIPFile("xlsx"))
	public.GET("/dik", s.listDIK)
	public.GET("/dik.pdf", s.listDIKFile("pdf"))
	public.GET("/dik.xlsx", s.listDIKFile("xlsx"))
	public.GET("/register", s.publicRegister)
	public.GET("/register.csv", s.publicRegisterCSV)
	public.GET("/statistik", s.publicStatistics)
	public.GET("/statistik.csv", s.publicStatisticsCSV)
	public.GET("/laporan", s.publicReports)
	public.GET("/laporan/:file", s.publicReportPDF) // "2026.pdf": gin cannot route ":tahun.pdf"
	public.GET("/kalkulator-tenggat", s.deadlineCalculator)
	// The satisfaction survey (PermenPAN-RB 14/2017): the published index and the questionnaire.
	public.GET("/skm", s.publicSurvey)
	public.GET("/skm.xlsx", s.publicSurveyFile("xlsx"))
	public.GET("/skm.pdf", s.publicSurveyFile("pdf"))
	public.GET("/survei/terima-kasih", noStore, s.surveyThanks)
	public.GET("/survei/:token", noStore, s.surveyForm) // the token answers one case's survey: never cached
	public.POST("/survei/:token", noStore, s.surveySubmit)
	public.GET("/permohonan/baru", s.requestForm)
	public.GET("/permohonan/tanda-bukti", noStore, s.requestReceipt)
	// A request's public page, with the requester's consent; the key is random, never the number.
	public.GET("/permohonan/:key", s.requestPage)
	public.GET("/permohonan/:key/:slug", s.requestPage)
	// The request form may carry an identity document (multipart): a body limit of its own.
	intake := e.Group("/", crossOrigin(), limitBody(identityBodyLimit(s.cfg.Files.IdentityMaxBytes(), false)), s.sessionsMiddleware(), s.rejectBadText)
	intake.POST("/permohonan/baru", noStore, s.requestSubmit)
	// Tracking shows a requester's own case: never cached.
	tracking := public.Group("/lacak", noStore)
	tracking.GET("", s.trackForm)
	tracking.POST("", s.track)
	tracking.GET("/status", s.trackStatus)
	tracking.POST("/keberatan", s.trackObjection)
	tracking.POST("/tanda-bukti", s.trackedReceipt)
	tracking.GET("/surat/:lid", s.trackedLetter)
	tracking.GET("/surat/:lid/:format", s.trackedLetter)
	tracking.GET("/dokumen/:did", s.trackedDocument)
	// The requester's answer to a clarification may carry a file: a body limit of its own.
	trackingUploads := e.Group("/lacak", noStore, crossOrigin(), limitBody(uploadLimit(s.casework.MaxUpload)), s.sessionsMiddleware(), s.rejectBadText)
	trackingUploads.POST("/klarifikasi", s.trackClarificationAnswer)
	// A lost code: fresh codes by e-mail; the answer is alike for every address.
	tracking.GET("/lupa", s.recoverForm)
	tracking.POST("/lupa", s.recoverAsk)
	// The requester's own requests, signed in by a one-time link mailed to their address.
	account := public.Group("/akun", noStore)
	account.GET("", s.requesterAccount)
	account.GET("/masuk", s.requesterSignInForm)
	account.POST("/masuk", s.requesterSignInAsk)
	account.GET("/masuk/tautan", s.requesterLink)
	account.POST("/masuk/tautan", s.requesterLinkUse)
	account.POST("/keluar", s.requesterSignOut)
	account.GET("/permohonan/*number", s.requesterOpen)
	tracking.GET("/survei", s.trackSurveyForm)
	tracking.POST("/survei", s.trackSurveySubmit)

	// The office: never cached, session, CSRF token on every form, a permission on every route.
	office := e.Group("/kantor", noStore, crossOrigin(), limitBody(64<<10), s.sessionsMiddleware(), s.rejectBadText, s.csrfToken(), s.loadUser())
	office.GET("/masuk", s.loginForm)
	office.POST("/masuk", s.login)
	office.POST("/keluar", s.logout)
	need := s.requirePermission
	office.GET("/akun", need(access.ManageOwnAccount), s.accountPage)
	office.POST("/akun/pemberitahuan", need(access.ManageOwnAccount), s.accountNoticesSave)
	office.GET("/akun/sandi", need(access.ManageOwnAccount), s.accountPasswordForm)
	office.POST("/akun/sandi", need(access.ManageOwnAccount), s.accountPasswordChange)

	// Cases: the queue, a case and its steps.
	office.GET("", need(access.ViewCases), s.officeQueue)
	// The queue filtered as on its page, as files, on paper, and assigned in bulk (issue 12).
	office.GET("/antrean.csv", need(access.ViewCases), s.officeQueueCSV)
	office.GET("/antrean.xlsx", need(access.ViewCases), s.officeQueueXLSX)
	office.GET("/antrean/cetak", need(access.ViewCases), s.officeQueuePrint)
	office.POST("/antrean/tugaskan", need(access.AssignCase), s.officeQueueAssign)
	office.GET("/keberatan", need(access.ViewCases), s.officeObjections)
	// Imported cases already overdue whose requesters were never told they may object (Pasal 35–36).
	office.GET("/impor", need(access.DecideRequest), s.officeImportBacklog)
	office.POST("/impor/beri-tahu", need(access.DecideRequest), s.officeImportBacklogNotify)
	// The office's registers in the Perki form, with personal data: officers only, by scope.
	office.GET("/register/permohonan.xlsx", need(access.ViewCases), s.officeRegisterFile("permohonan", "xlsx"))
	office.GET("/register/permohonan.pdf", need(access.ViewCases), s.officeRegisterFile("permohonan", "pdf"))
	office.GET("/register/keberatan.xlsx", need(access.ViewCases), s.officeRegisterFile("keberatan", "xlsx"))
	office.GET("/register/keberatan.pdf", need(access.ViewCases), s.officeRegisterFile("keberatan", "pdf"))
	// Exemptions decided in advance, with their consequence test (Perki 1/2021 Pasal 49; PP 61/2010).
	office.GET("/pengecualian", need(access.DecideRequest), s.officeExemptions)
	office.POST("/pengecualian", need(access.DecideRequest), s.officeExemptionCreate)
	office.GET("/permohonan/baru", need(access.RegisterRequest), s.officeRequestForm)
	office.POST("/permohonan/baru", need(access.RegisterRequest), s.officeRequestSubmit)
	office.GET("/permohonan/:id", need(access.ViewCases), s.officeRequest)
	office.POST("/permohonan/:id/tugaskan", need(access.AssignCase), s.caseAssign)
	office.POST("/permohonan/:id/teruskan", need(access.ForwardCase), s.caseForward)
	office.POST("/permohonan/:id/perpanjang", need(access.ExtendDeadline), s.caseExtend)
	office.POST("/permohonan/:id/putuskan", need(access.DecideRequest), s.caseDecide)
	office.POST("/permohonan/:id/serahkan", need(access.DeliverInformation), s.caseDeliver)
	office.POST("/permohonan/:id/pembayaran", need(access.DeliverInformation), s.casePay)
	office.POST("/permohonan/:id/selesai", need(access.CloseCase), s.caseClose)
	office.POST("/permohonan/:id/tarik", need(access.RecordWithdrawal), s.caseWithdraw)
	office.POST("/permohonan/:id/keberatan", need(access.RegisterObjection), s.caseObjection)
	office.POST("/permohonan/:id/keberatan/:oid/tanggapan", need(access.AnswerObjection), s.caseAnswerObjection)
	office.POST("/permohonan/:id/sengketa", need(access.RecordDispute), s.caseDispute)
	office.POST("/permohonan/:id/tanda-bukti", need(access.IssueReceipt), s.officeIssueReceipt)
	office.POST("/permohonan/:id/publikasikan", need(access.PublishDocument), s.casePublish)
	// Show or hide the request's public page after the personal-data check (UU 14/2008 Pasal 13, 17 h).
	office.POST("/permohonan/:id/halaman-publik", need(access.PublishDocument), s.casePublicPage)
	office.GET("/permohonan/:id/surat/:lid", need(access.ViewCases), s.officeLetter)
	office.POST("/permohonan/:id/surat/:lid/kirim", need(access.DeliverInformation), s.caseLetterDelivery)
	office.GET("/permohonan/:id/surat/:lid/:format", need(access.ViewCases), s.officeLetter)
	office.GET("/permohonan/:id/dokumen/:did", need(access.ViewCases), s.officeDocument)
	// The requester's identity documents: officers only, in scope; opened from the sealed copy.
	office.GET("/permohonan/:id/identitas/:iid", need(access.ViewCases), s.officeIdentityDocument)
	office.POST("/permohonan/:id/verifikasi-identitas", need(access.RegisterRequest), s.caseVerifyIdentity)
	// Internal notes (never shown to the requester) and clarification questions to the requester.
	office.POST("/permohonan/:id/catatan", need(access.WriteNote), s.caseNote)
	office.POST("/permohonan/:id/klarifikasi", need(access.AskClarification), s.caseClarify)

	// The satisfaction survey: paper forms typed in at the desk, the index, moderation and follow-up.
	office.GET("/skm", need(access.ViewCases), s.officeSurvey)
	office.GET("/skm/baru", need(access.EnterSurvey), s.officeSurveyForm)
	office.POST("/skm/baru", need(access.EnterSurvey), s.officeSurveySubmit)
	office.POST("/skm/saran", need(access.ManageSurvey), s.officeSurveyModerate)
	office.POST("/skm/tindak-lanjut", need(access.ManageSurvey), s.officeSurveyFollowUp)

	// Publishing on the portal: officers draft, the PPID publishes (UU 14/2008 Pasal 13).
	office.GET("/publikasi", need(access.DraftPublication), s.officePublications)
	office.GET("/publikasi/baru", need(access.DraftPublication), s.publicationForm)
	office.GET("/publikasi/:pubid", need(access.DraftPublication), s.officePublication)
	office.GET("/publikasi/:pubid/ubah", need(access.DraftPublication), s.publicationEditForm)
	office.POST("/publikasi/:pubid/ubah", need(access.DraftPublication), s.publicationUpdate)
	office.POST("/publikasi/:pubid/konfirmasi", need(access.PublishDocument), s.publicationConfirm)
	office.POST("/publikasi/:pubid/terbitkan", need(access.PublishDocument), s.publicationPublish)
	office.POST("/publikasi/:pubid/tarik", need(access.PublishDocument), s.publicationUnpublish)
	// A draft the personal-data check blocked is fixed by replacing its file, or deleted.
	office.POST("/publikasi/:pubid/hapus", need(access.DraftPublication), s.publicationDelete)

	// The yearly evaluation and the annual report (Perki 1/2021 Pasal 56).
	office.GET("/evaluasi", need(access.Evaluate), s.officeEvaluation)
	office.GET("/evaluasi.xlsx", need(access.Evaluate), s.officeEvaluationXLSX)
	office.POST("/evaluasi/catatan", need(access.EvaluationNote), s.officeEvaluationNote)
	office.GET("/evaluasi/saya", need(access.ViewCases), s.officeOwnEvaluation)
	office.GET("/laporan", need(access.ViewReport), s.officeReports)
	office.GET("/laporan/:tahun", need(access.ViewReport), s.officeReport)
	office.GET("/laporan/:tahun/pdf", need(access.ViewReport), s.officeReportPDF)
	office.POST("/laporan/:tahun", need(access.EditReport), s.officeReportStep("save"))
	office.POST("/laporan/:tahun/kunci", need(access.EditReport), s.officeReportStep("lock"))
	office.POST("/laporan/:tahun/umumkan", need(access.EditReport), s.officeReportStep("publish"))
	office.POST("/laporan/:tahun/buka-kunci", need(access.Administer), s.officeReportStep("unlock"))

	// Uploads: the same office middleware with a body limit of their own.
	uploads := e.Group("/kantor", noStore, crossOrigin(), limitBody(uploadLimit(s.casework.MaxUpload)), s.sessionsMiddleware(),
		s.csrfToken(), s.loadUser())
	uploads.POST("/permohonan/:id/dokumen", need(access.UploadDocument), s.caseUpload)
	uploads.POST("/publikasi/baru", need(access.DraftPublication), s.publicationCreate)
	uploads.POST("/publikasi/:pubid/berkas", need(access.DraftPublication), s.publicationReplaceFile)

	// Administration.
	admin := office.Group("/admin", need(access.Administer), s.forgetAfterAdminPost)
	admin.GET("", s.adminIndex)
	admin.GET("/pengguna", s.adminUsers)
	admin.GET("/pengguna/baru", s.adminUserForm)
	admin.POST("/pengguna/baru", s.adminUserInvite)
	admin.POST("/pengguna/:id/nonaktifkan", s.adminUserDeactivate)
	admin.POST("/pengguna/:id/aktifkan", s.adminUserActivate)
	admin.POST("/pengguna/:id/reset-sandi", s.adminUserResetPassword)
	admin.GET("/unit", s.adminUnits) // PPID Utama and PPID Pelaksana
	admin.POST("/unit", s.adminUnitCreate)
	admin.POST("/unit/:id/ubah-nama", s.adminUnitRename)
	admin.POST("/unit/:id/nonaktifkan", s.adminUnitDeactivate)
	admin.POST("/unit/:id/aktifkan", s.adminUnitActivate)
	admin.GET("/hari-libur", s.adminHolidays) // every change moves the open deadlines it pushes later
	admin.POST("/hari-libur", s.adminHolidayAdd)
	admin.POST("/hari-libur/:id/hapus", s.adminHolidayDelete)
	admin.GET("/hari-libur/tahun-baru", s.adminCalendarYearForm)
	admin.POST("/hari-libur/tahun-baru", s.adminCalendarYearImport)
	admin.GET("/biaya", s.adminFees) // the fee table of the notice's cost (UU 14/2008 Pasal 22(7) g)
	admin.POST("/biaya", s.adminFeeCreate)
	admin.POST("/biaya/:code", s.adminFeeSave)
	admin.GET("/kantor", s.adminOffice)
	admin.POST("/kantor", s.adminOfficeSave)
	admin.GET("/surel", s.adminOutbox) // queued mail, readable while no SMTP server is configured
	admin.GET("/surel/:id", s.adminOutboxItem)
	admin.POST("/surel/:id/kirim-ulang", s.adminOutboxRetry)
	// Every failed mail of a kind and period at once, after an outage.
	admin.POST("/surel/kirim-ulang", s.adminOutboxRetryAll)

	admin.GET("/tugas", s.adminJobs) // scheduled jobs' runs on every instance, and run-now
	admin.POST("/tugas/:name/jalankan", s.adminJobRun)
	admin.GET("/masuk", s.adminLogins) // every login attempt, with the client address
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
