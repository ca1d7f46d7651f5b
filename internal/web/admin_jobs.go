package web

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/jobs"
	"github.com/terbuka-id/terbuka/internal/store"
)

type adminJobsView struct {
	Jobs []string
	Runs []jobRunRow
	Job  string
}

// jobLabels names each scheduled job (app.JobNames) in Indonesian for the administrator.
var jobLabels = map[string]string{
	"deadline-watch":  "Pemantauan tenggat",
	"objection-watch": "Pemantauan keberatan",
	"exemption-watch": "Pemantauan masa pengecualian",
	"outbox":          "Pengiriman surel dan webhook",
	"retention":       "Penghapusan data pribadi lewat masa simpan",
	"digest":          "Ringkasan harian petugas",
	"blob-sweep":      "Pembersihan berkas tak terpakai",
	"report-watch":    "Pengingat laporan tahunan",
}

// JobLabel is the Indonesian name of job name; ok is false for a job without one (shown as it is).
func JobLabel(name string) (label string, ok bool) {
	label, ok = jobLabels[name]
	return label, ok
}

func jobLabel(name string) string {
	if l, ok := jobLabels[name]; ok {
		return l
	}
	return name
}

// JobLabel is the job's name for the page.
func (adminJobsView) JobLabel(name string) string { return jobLabel(name) }

// RunLabel is the job's run button: "Jalankan pemantauan tenggat sekarang".
func (adminJobsView) RunLabel(name string) string {
	l := jobLabel(name)
	if _, ok := jobLabels[name]; ok {
		l = strings.ToLower(l[:1]) + l[1:]
	}
	return "Jalankan " + l + " sekarang"
}

// jobRunRow is one run; Finished is false until the run records its end.
type jobRunRow struct {
	store.JobRun
	Finished bool
}

func newJobRunRows(runs []store.JobRun) []jobRunRow {
	rows := make([]jobRunRow, 0, len(runs))
	for _, r := range runs {
		rows = append(rows, jobRunRow{JobRun: r, Finished: r.FinishedAt.Valid})
	}
	return rows
}

// adminJobs lists the latest runs of the scheduled jobs on every instance.
func (s *Server) adminJobs(c *gin.Context) {
	job := c.Query("job")
	names := s.jobNames()
	if !slices.Contains(names, job) {
		job = ""
	}
	runs, err := s.store.JobRuns(c.Request.Context(), job, 100)
	if err != nil {
		s.serverError(c, err)
		return
	}
	s.render(c, http.StatusOK, "admin_jobs", pageData{Title: "Tugas terjadwal", Data: adminJobsView{Jobs: names, Runs: newJobRunRows(runs), Job: job}})
}

// adminJobRun runs one job now, as `terbuka jobs run NAME` would.
func (s *Server) adminJobRun(c *gin.Context) {
	name := c.Param("name")
	if s.jobs == nil || !slices.Contains(s.jobNames(), name) {
		s.notFound(c)
		return
	}
	rep, err := s.jobs.RunOnce(c.Request.Context(), name)
	switch {
	case errors.Is(err, jobs.ErrUnknownJob):
		s.notFound(c)
		return
	case rep.Skipped != "":
		s.sessions.Put(c.Request.Context(), "flash", "Tidak dijalankan: "+rep.Skipped+".")
	case err != nil:
		s.sessions.Put(c.Request.Context(), "flash", "Tugas "+jobLabel(name)+" gagal; lihat kolom galat.")
		s.sessions.Put(c.Request.Context(), "flash_kind", "error")
	default:
		s.sessions.Put(c.Request.Context(), "flash", "Tugas "+jobLabel(name)+" selesai.")
	}
	c.Redirect(http.StatusSeeOther, "/kantor/admin/tugas?job="+name)
}

func (s *Server) jobNames() []string {
	if s.jobs == nil {
		return nil
	}
	return s.jobs.Names()
}
