package web

import "github.com/gin-gonic/gin"

// adminRoutes registers the administrator's pages under /kantor/admin.
func (s *Server) adminRoutes(g *gin.RouterGroup) {
	g.GET("", s.adminIndex)

	// Accounts.
	g.GET("/pengguna", s.adminUsers)
	g.GET("/pengguna/baru", s.adminUserForm)
	g.POST("/pengguna/baru", s.adminUserInvite)
	g.POST("/pengguna/:id/nonaktifkan", s.adminUserDeactivate)
	g.POST("/pengguna/:id/aktifkan", s.adminUserActivate)
	g.POST("/pengguna/:id/reset-sandi", s.adminUserResetPassword)

	// Units (PPID Utama and PPID Pelaksana).
	g.GET("/unit", s.adminUnits)
	g.POST("/unit", s.adminUnitCreate)
	g.POST("/unit/:id/ubah-nama", s.adminUnitRename)
	g.POST("/unit/:id/nonaktifkan", s.adminUnitDeactivate)
	g.POST("/unit/:id/aktifkan", s.adminUnitActivate)

	// Holidays: every change moves the open deadlines it pushes later.
	g.GET("/hari-libur", s.adminHolidays)
	g.POST("/hari-libur", s.adminHolidayAdd)
	g.POST("/hari-libur/:id/hapus", s.adminHolidayDelete)
	g.GET("/hari-libur/tahun-baru", s.adminCalendarYearForm)
	g.POST("/hari-libur/tahun-baru", s.adminCalendarYearImport)

	// Office settings.
	g.GET("/kantor", s.adminOffice)
	g.POST("/kantor", s.adminOfficeSave)

	// Outbox: where queued mail can be read while no SMTP server is configured.
	g.GET("/surel", s.adminOutbox)
	g.GET("/surel/:id", s.adminOutboxItem)
	g.POST("/surel/:id/kirim-ulang", s.adminOutboxRetry)

	// Scheduled jobs: their runs on every instance, and a button to run one now.
	g.GET("/tugas", s.adminJobs)
	g.POST("/tugas/:name/jalankan", s.adminJobRun)
}
