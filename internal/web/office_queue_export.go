package web

import (
	"encoding/csv"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/xuri/excelize/v2"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
)

// queueExportMax bounds an export or print of the queue; a longer list is cut with a note, and a
// filter finds the rest (a download must not cost the server in proportion to a million rows).
const queueExportMax = 5000

// queuePrintMax bounds the print view, which is read on paper.
const queuePrintMax = 500

// errQueueCut stops the rows at the bound; the file then says it was cut.
var errQueueCut = errors.New("web: queue export cut at its bound")

// queueExportHeader are the export's columns.
var queueExportHeader = []string{"Nomor registrasi", "Diterima", "Pemohon", "Informasi", "Status", "Saluran", "Unit",
	"Petugas", "Tenggat berjalan", "Tanggal tenggat", "Keterangan"}

func queueExportCut(n int) string {
	return "Daftar dipotong: hanya " + strconv.Itoa(n) + " baris pertama. Persempit pencarian atau saringan untuk melihat sisanya."
}

// record is the row under queueExportHeader, the requester's text made safe for spreadsheets.
func (r queueRow) record() []string {
	note := ""
	switch {
	case r.Overdue:
		note = "lewat waktu"
	case r.DueSoon:
		note = "segera"
	}
	return []string{r.RegistrationNumber, calendar.DateOf(r.ReceivedAt).String(), spreadsheetSafe(r.RequesterName), spreadsheetSafe(r.Subject),
		request.Label(request.Statuses, r.Status), request.Label(request.Channels, r.Channel), spreadsheetSafe(r.UnitName),
		spreadsheetSafe(r.AssignedName.String), r.ClockLabel(), r.ClockDue.String(), note}
}

// spreadsheetSafe keeps typed text from running as a spreadsheet formula (CSV injection, OWASP).
func spreadsheetSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// queueExport reads the filter of an export or print view; a bad one answers 400 with the
// messages, as the queue page does.
func (s *Server) queueExport(c *gin.Context, max int, each func(queueRow) error) (started bool, cut bool, err error) {
	today, soon := s.queueDates()
	filter, _, errs := s.readQueueFilter(c, today, soon)
	if len(errs) > 0 {
		msgs := make([]string, 0, len(errs))
		for _, k := range []string{"q", "status", "unit", "petugas", "saluran", "tenggat", "dari", "sampai"} {
			if m, ok := errs[k]; ok {
				msgs = append(msgs, m)
			}
		}
		s.render(c, http.StatusBadRequest, "error", pageData{Title: "Saringan tidak valid",
			Data: errorView{Heading: "Saringan tidak valid", Message: strings.Join(msgs, " ")}})
		return false, false, nil
	}
	filter.Limit = max + 1 // one more tells whether the list was cut
	rows := 0
	err = s.store.EachQueueItem(c.Request.Context(), currentAccount(c).Scope(), filter, func(it *store.QueueItem) error {
		if rows++; rows > max {
			return errQueueCut
		}
		return each(queueRows([]store.QueueItem{*it}, today, soon)[0])
	})
	if errors.Is(err, errQueueCut) {
		return true, true, nil
	}
	return true, false, err
}

func (s *Server) queueFilename(ext string) string {
	return "antrean-" + calendar.DateOf(s.now().In(s.cfg.Location())).String() + "." + ext
}

// officeQueueCSV streams the filtered queue as CSV, in the queue's order, never cached.
func (s *Server) officeQueueCSV(c *gin.Context) {
	w := csv.NewWriter(c.Writer)
	loc := s.cfg.Location()
	wrote := false
	start := func() {
		if !wrote {
			wrote = true
			c.Header("Content-Type", "text/csv; charset=utf-8")
			c.Header("Content-Disposition", `attachment; filename="`+s.queueFilename("csv")+`"`)
			c.Status(http.StatusOK)
			w.Write(queueExportHeader)
		}
	}
	rows := 0
	ran, cut, err := s.queueExport(c, queueExportMax, func(r queueRow) error {
		start()
		r.ReceivedAt = r.ReceivedAt.In(loc)
		if err := w.Write(r.record()); err != nil {
			return err
		}
		if rows++; rows%500 == 0 {
			w.Flush()
		}
		return w.Error()
	})
	if !ran {
		return
	}
	if err != nil {
		if !wrote {
			s.serverError(c, err)
			return
		}
		// Half a file is already sent; the log says why it stops there.
		s.log.Error("queue csv interrupted", "rows", rows, "error", err)
		c.Abort()
		return
	}
	start()
	if cut {
		w.Write([]string{queueExportCut(queueExportMax)})
	}
	w.Flush()
}

// officeQueueXLSX writes the filtered queue as a workbook: a bold, frozen header row and a filter.
func (s *Server) officeQueueXLSX(c *gin.Context) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Antrean"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		s.serverError(c, err)
		return
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		s.serverError(c, err)
		return
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		s.serverError(c, err)
		return
	}
	for i, w := range []float64{22, 12, 24, 50, 18, 16, 22, 20, 28, 14, 12} {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			s.serverError(c, err)
			return
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		s.serverError(c, err)
		return
	}
	head := make([]any, len(queueExportHeader))
	for i, h := range queueExportHeader {
		head[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", head); err != nil {
		s.serverError(c, err)
		return
	}
	loc := s.cfg.Location()
	n := 1
	ran, cut, err := s.queueExport(c, queueExportMax, func(r queueRow) error {
		n++
		r.ReceivedAt = r.ReceivedAt.In(loc)
		rec := r.record()
		cells := make([]any, len(rec))
		for i, v := range rec {
			cells[i] = v // strings only: a cell never becomes a formula
		}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		return sw.SetRow(cell, cells)
	})
	if !ran {
		return
	}
	if err != nil {
		s.serverError(c, err)
		return
	}
	if cut {
		n++
		cell, _ := excelize.CoordinatesToCellName(1, n)
		if err := sw.SetRow(cell, []any{queueExportCut(queueExportMax)}); err != nil {
			s.serverError(c, err)
			return
		}
	}
	if err := sw.Flush(); err != nil {
		s.serverError(c, err)
		return
	}
	last, _ := excelize.CoordinatesToCellName(len(queueExportHeader), max(n, 2))
	if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		s.serverError(c, err)
		return
	}
	c.Header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.Header("Content-Disposition", `attachment; filename="`+s.queueFilename("xlsx")+`"`)
	c.Status(http.StatusOK)
	if _, err := f.WriteTo(c.Writer); err != nil {
		s.log.Error("queue xlsx interrupted", "error", err)
	}
}

// officeQueuePrint is the filtered queue on paper: the whole table, no form, the print stylesheet.
func (s *Server) officeQueuePrint(c *gin.Context) {
	today, soon := s.queueDates()
	_, params, _ := s.readQueueFilter(c, today, soon)
	view := queueView{Params: params, Today: today, SoonDate: soon, MaxRows: queuePrintMax}
	ran, cut, err := s.queueExport(c, queuePrintMax, func(r queueRow) error {
		view.Items = append(view.Items, r)
		return nil
	})
	if !ran {
		return
	}
	if err != nil {
		s.serverError(c, err)
		return
	}
	view.Truncated = cut
	s.render(c, http.StatusOK, "office_queue_print", pageData{Title: "Antrean permohonan (cetak)", Data: view})
}

// queueAssignMax bounds one bulk assignment: about a page of the queue.
const queueAssignMax = 200

// officeQueueAssign assigns the selected cases to one officer. Each case goes through the
// casework assign step on its own (its scope, its state, its history row), so the answer is a
// per-case summary: assigned ones stay assigned when another is refused.
func (s *Server) officeQueueAssign(c *gin.Context) {
	form := postForm(c)
	back := form.Get("kembali")
	if !strings.HasPrefix(back, "/kantor") || strings.HasPrefix(back, "//") || strings.ContainsAny(back, "\\\r\n") {
		back = "/kantor" // only a queue address of this site: never an open redirect
	}
	officerID, err := strconv.ParseInt(form.Get("officer_id"), 10, 64)
	if err != nil || officerID < 1 {
		s.adminDone(c, back, "Pilih petugas yang akan ditugaskan.", true)
		return
	}
	raw := form["id"]
	if len(raw) == 0 {
		s.adminDone(c, back, "Pilih permohonan yang akan ditugaskan.", true)
		return
	}
	if len(raw) > queueAssignMax {
		s.adminDone(c, back, "Paling banyak "+strconv.Itoa(queueAssignMax)+" permohonan sekali tugaskan.", true)
		return
	}
	ids := make([]int64, 0, len(raw))
	for _, r := range raw {
		id, err := strconv.ParseInt(r, 10, 64)
		if err != nil || id < 1 {
			s.adminDone(c, back, "Pilihan permohonan tidak valid.", true)
			return
		}
		ids = append(ids, id)
	}
	ctx, actor := c.Request.Context(), currentAccount(c)
	done := 0
	var order []string
	refused := map[string][]string{}
	for _, id := range ids {
		err := s.casework.Assign(ctx, actor, id, officerID)
		f := classify(err, nil)
		switch f.Status {
		case 0:
			done++
			continue
		case http.StatusInternalServerError:
			s.serverError(c, err)
			return
		case http.StatusNotFound:
			f.Message = "tidak ditemukan di antrean Anda."
		}
		if _, ok := refused[f.Message]; !ok {
			order = append(order, f.Message)
		}
		refused[f.Message] = append(refused[f.Message], "#"+strconv.FormatInt(id, 10))
	}
	msg := strconv.Itoa(done) + " permohonan ditugaskan."
	for _, m := range order {
		msg += " Tidak ditugaskan " + strings.Join(refused[m], ", ") + ": " + m
	}
	s.adminDone(c, back, msg, len(order) > 0)
}
