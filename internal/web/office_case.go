package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// caseView is everything the case page shows and the forms it offers.
type caseView struct {
	Request    *store.Request
	Facts      caseFacts
	MaskedNIK  string
	Events     []eventRow
	Decisions  []store.DecisionRecord
	Objections []objectionRow
	Disputes   []store.Dispute
	Letters    []letterRow
	Documents  []store.Document
	MaxUpload  int64
	Units      []store.Unit
	Officers   []store.User
	Fees       []store.Fee // the fee table, for the notice's cost breakdown

	// IdentityDocs are the requester's identity documents (content sealed; downloaded one by one).
	IdentityDocs []store.IdentityDocument

	// Steps are the moves this officer may make now (workflow.Available).
	Steps    workflow.Steps
	Overdue  bool
	Warnings []string
	// Clocks are every running or finished clock (workflow.Clocks), as the tracking page and API list them.
	Clocks []workflow.Clock

	// Publishing the released documents on the portal.
	Publications []store.Publication
	PublicDocs   int
	// PublicPage is the request's public page and its personal-data check (issue 13).
	PublicPage publicPageView

	// Zone is the office's time zone, for the times the forms are pre-filled with.
	Zone *time.Location
	// Now is the moment the page was made, for the forms pre-filled with "now".
	Now time.Time
	// Clarifications are the questions asked of the requester, with their answers.
	Clarifications    []store.Clarification
	ClarificationOpen bool

	// The form that failed validation, re-rendered with the officer's input.
	FailedForm string
	Form       *formView
}

// caseFacts are the case's nullable columns as the page shows them: "", 0, false or nil for none.
type caseFacts struct {
	AssignedTo      int64 // 0 while nobody is assigned
	AssignedName    string
	ExtensionReason string
	NoticeAt        *time.Time
	NoticeLate      bool
	DeliveredAt     *time.Time
	EntitySKNumber  string
	// IdentityVerified is when an officer marked the requester's identity verified; nil before.
	IdentityVerified *time.Time
}

func newCaseFacts(r *store.Request) caseFacts {
	return caseFacts{
		AssignedTo:       optInt64(r.AssignedTo),
		AssignedName:     optString(r.AssignedName),
		ExtensionReason:  optString(r.ExtensionReason),
		NoticeAt:         optTime(r.NoticeAt),
		NoticeLate:       r.NoticeLate.Valid && r.NoticeLate.Bool,
		DeliveredAt:      optTime(r.DeliveredAt),
		EntitySKNumber:   optString(r.EntitySKNumber),
		IdentityVerified: optTime(r.IdentityVerifiedAt),
	}
}

// eventRow is one history entry; NewStatus is "" when the event left the status as it was.
type eventRow struct {
	store.Event
	NewStatus string
}

func newEventRows(events []store.Event) []eventRow {
	rows := make([]eventRow, 0, len(events))
	for _, e := range events {
		rows = append(rows, eventRow{Event: e, NewStatus: optString(e.ToStatus)})
	}
	return rows
}

// objectionRow is one objection, on the case page and the requester's status page.
type objectionRow struct {
	store.Objection
	Answered *time.Time // nil until the atasan answers
}

func newObjectionRows(objections []store.Objection) []objectionRow {
	rows := make([]objectionRow, 0, len(objections))
	for _, o := range objections {
		rows = append(rows, objectionRow{Objection: o, Answered: optTime(o.AnsweredAt)})
	}
	return rows
}

// FormFor is the named form: re-filled when it just failed, blank otherwise, with ids of its own.
func (v caseView) FormFor(name string) *formView {
	if v.FailedForm == name && v.Form != nil {
		v.Form.Prefix = name + "-"
		return v.Form
	}
	return &formView{Values: url.Values{}, Prefix: name + "-"}
}

// DecideForm is the decision form; a fresh one has the notice dated now in the office's time
// zone, so a notice given today is recorded without typing its date and time.
func (v caseView) DecideForm() *formView {
	f := v.FormFor("decide")
	if v.FailedForm != "decide" && v.Zone != nil {
		now := v.Now.In(v.Zone)
		f.Values.Set("notice_date", now.Format("2006-01-02"))
		f.Values.Set("notice_time", now.Format("15:04"))
	}
	return f
}

// ObjectionForm is the office's objection form: it offers only the grounds the open window allows
// (UU 14/2008 Pasal 36(1): each ground has its own window), as the requester's status page does.
func (v caseView) ObjectionForm() *formView {
	f := v.FormFor("objection")
	f.Choices = map[string][]string{"grounds": v.Steps.ObjectionWindow.Grounds}
	return f
}

func (s *Server) caseID(c *gin.Context) (int64, bool) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id < 1 {
		s.notFound(c)
		return 0, false
	}
	return id, true
}

// officeRequest shows a case: every field (the NIK masked), its history, its notices,
// objections and disputes, and the steps the officer may take now.
func (s *Server) officeRequest(c *gin.Context) {
	id, ok := s.caseID(c)
	if !ok {
		return
	}
	s.renderCase(c, id, http.StatusOK, "", nil)
}

func (s *Server) renderCase(c *gin.Context, id int64, status int, failedForm string, form *formView) {
	ctx := c.Request.Context()
	account := currentAccount(c)
	r, err := s.store.RequestByID(ctx, account.Scope(), id)
	if s.pageFailed(c, err) {
		return
	}
	v := caseView{Request: r, Facts: newCaseFacts(r), MaskedNIK: s.intake.MaskedNIK(r.NIKSealed), FailedForm: failedForm, Form: form,
		MaxUpload: s.casework.MaxUpload}
	// The case was read within the officer's scope; what hangs off it is read by its id.
	var events []store.Event
	var objections []store.Objection
	err = firstError(
		func() (err error) { events, err = s.store.Events(ctx, id, false); return },
		func() (err error) { v.Decisions, err = s.store.Decisions(ctx, id); return },
		func() (err error) { objections, err = s.store.Objections(ctx, id); return },
		func() (err error) { v.Disputes, err = s.store.Disputes(ctx, id); return },
		func() error { ls, err := s.store.Letters(ctx, id); v.Letters = newLetterRows(ls); return err },
		func() (err error) { v.Documents, err = s.store.Documents(ctx, id); return },
		func() (err error) { v.Units, err = s.store.Units(ctx); return },
		func() (err error) { v.Officers, err = s.store.Officers(ctx); return },
		func() (err error) { v.Fees, err = s.store.Fees(ctx); return },
		func() (err error) { v.Publications, err = s.store.CasePublications(ctx, id); return },
		func() (err error) { v.IdentityDocs, err = s.store.IdentityDocuments(ctx, account.Scope(), id); return },
		func() (err error) { v.Clarifications, err = s.store.Clarifications(ctx, account.Scope(), id); return },
		func() (err error) { v.PublicPage, err = s.publicPageView(ctx, account, id); return },
	)
	if err != nil {
		s.serverError(c, err)
		return
	}
	v.Events, v.Objections = newEventRows(events), newObjectionRows(objections)
	for _, cl := range v.Clarifications {
		v.ClarificationOpen = v.ClarificationOpen || cl.Open()
	}
	for _, d := range v.Documents {
		if d.Visibility == "public" {
			v.PublicDocs++
		}
	}
	cal, now := s.calendar.Current(), s.now()
	v.Zone, v.Now = cal.Location(), now
	wc := casework.Case(r)
	for _, u := range v.Units {
		wc.OtherActiveUnit = wc.OtherActiveUnit || (u.Active && u.ID != r.UnitID)
	}
	v.Steps = workflow.Available(wc, account.Role, now, cal)
	v.Overdue = wc.Overdue(calendar.DateOf(now.In(cal.Location())))
	v.Clocks = casework.Clocks(r, objections, v.Disputes, now, cal)
	// The request's clocks all run on from its receipt (Pasal 22(7)-(8)); the others from their own event.
	received := calendar.DateOf(r.ReceivedAt.In(cal.Location()))
	dates := []shownDate{
		{"Batas pemberitahuan tertulis", received, r.ResponseDue},
		{"Diperpanjang sampai", received, r.ExtendedDue},
		{"Tenggat berjalan", received, r.DueDate},
	}
	if v.Steps.FileObjection {
		dates = append(dates, shownDeadline("Batas pengajuan keberatan", v.Steps.ObjectionWindow.Deadline, cal))
	}
	for _, o := range v.Objections {
		dates = append(dates, shownDate{"Batas tanggapan atasan atas keberatan " + o.Number, calendar.DateOf(o.ReceivedAt.In(cal.Location())), o.ResponseDue})
	}
	for _, d := range v.Disputes {
		ruling := d.RulingReceived
		if ruling.IsZero() {
			ruling = d.RulingDate
		}
		dates = append(dates, shownDate{"KI mulai paling lambat", d.KIReceived, d.KIStartDue},
			shownDate{"KI selesai paling lambat", d.KIReceived, d.KIFinishDue},
			shownDate{"Batas gugatan ke pengadilan", ruling, d.CourtDue})
	}
	v.Warnings = calendarWarnings(cal, dates...)
	s.render(c, status, "office_request", pageData{Title: "Permohonan " + r.RegistrationNumber, Data: v})
}

// firstError runs reads in order and stops at the first that fails.
func firstError(reads ...func() error) error {
	for _, read := range reads {
		if err := read(); err != nil {
			return err
		}
	}
	return nil
}

// caseDone ends every case action: success and refusals go back to the case page with a
// message (a refusal keeps the officer where they were); field errors re-render the named form.
func (s *Server) caseDone(c *gin.Context, id int64, err error, success, formName string, fieldErrs request.FieldErrors) {
	f := classify(err, fieldErrs)
	ctx := c.Request.Context()
	switch {
	case f.Status == 0:
		s.sessions.Put(ctx, "flash", success)
	case f.Status == http.StatusNotFound:
		s.notFound(c)
		return
	case f.Status == http.StatusForbidden:
		s.forbidden(c)
		return
	case f.Status == http.StatusInternalServerError:
		s.serverError(c, err)
		return
	case len(fieldErrs) > 0 && formName != "":
		s.renderCase(c, id, http.StatusUnprocessableEntity, formName, &formView{Values: c.Request.PostForm, Errors: fieldErrs})
		return
	default: // a refusal, or one bad field of a form that shows no inline errors
		s.sessions.Put(ctx, "flash", "Tidak dapat dilakukan: "+f.Message)
		s.sessions.Put(ctx, "flash_kind", "error")
	}
	c.Redirect(http.StatusSeeOther, "/kantor/permohonan/"+strconv.FormatInt(id, 10))
}

func (s *Server) caseAssign(c *gin.Context) {
	if id, ok := s.caseID(c); ok {
		f := newFormReader(postForm(c))
		officerID := f.id("officer_id", true, "Pilih petugas atau PPID yang aktif.")
		err := f.fieldRefusal()
		if err == nil {
			err = s.casework.Assign(c.Request.Context(), currentAccount(c), id, officerID)
		}
		s.caseDone(c, id, err, "Permohonan ditugaskan.", "", nil)
	}
}

func (s *Server) caseForward(c *gin.Context) {
	if id, ok := s.caseID(c); ok {
		f := newFormReader(postForm(c))
		unitID := f.id("unit_id", true, "Pilih unit tujuan yang aktif.")
		err := f.fieldRefusal()
		if err == nil {
			err = s.casework.Forward(c.Request.Context(), currentAccount(c), id, unitID)
		}
		if err == nil && !currentAccount(c).Scope().Includes(unitID) {
			// The case left the officer's unit: its page is no longer theirs, the queue is.
			s.sessions.Put(c.Request.Context(), "flash", "Permohonan diteruskan ke unit lain; tenggat tidak berubah.")
			c.Redirect(http.StatusSeeOther, "/kantor")
			return
		}
		s.caseDone(c, id, err, "Permohonan diteruskan; tenggat tidak berubah.", "", nil)
	}
}

func (s *Server) caseExtend(c *gin.Context) {
	if id, ok := s.caseID(c); ok {
		err := s.casework.Extend(c.Request.Context(), currentAccount(c), id, c.PostForm("reason"))
		s.caseDone(c, id, err, "Jangka waktu diperpanjang 7 hari kerja (UU 14/2008 Pasal 22(8)).", "", nil)
	}
}

func (s *Server) caseDecide(c *gin.Context) {
	id, ok := s.caseID(c)
	if !ok {
		return
	}
	d, f := readDecisionForm(postForm(c), s.cfg.Location())
	fieldErrs, err := f.refusal("Putusan belum lengkap: periksa kolom yang ditandai.")
	if err == nil {
		fieldErrs, err = s.casework.Decide(c.Request.Context(), currentAccount(c), id, d)
	}
	s.caseDone(c, id, err, "Pemberitahuan tertulis tercatat.", "decide", fieldErrs)
}

func (s *Server) caseDeliver(c *gin.Context) {
	if id, ok := s.caseID(c); ok {
		err := s.casework.Deliver(c.Request.Context(), currentAccount(c), id, c.PostForm("method"))
		s.caseDone(c, id, err, "Penyerahan informasi tercatat.", "", nil)
	}
}

// casePay records the payment of the notice's cost (UU 14/2008 Pasal 22(7) g), before delivery.
func (s *Server) casePay(c *gin.Context) {
	if id, ok := s.caseID(c); ok {
		f := newFormReader(postForm(c))
		paidOn := f.date("paid_on")
		err := f.fieldRefusal()
		if err == nil {
			err = s.casework.Pay(c.Request.Context(), currentAccount(c), id, paidOn, f.text("receipt"))
		}
		s.caseDone(c, id, err, "Pembayaran biaya tercatat.", "", nil)
	}
}

func (s *Server) caseClose(c *gin.Context) {
	if id, ok := s.caseID(c); ok {
		err := s.casework.Close(c.Request.Context(), currentAccount(c), id)
		s.caseDone(c, id, err, "Permohonan selesai.", "", nil)
	}
}

func (s *Server) caseWithdraw(c *gin.Context) {
	if id, ok := s.caseID(c); ok {
		err := s.casework.Withdraw(c.Request.Context(), currentAccount(c), id, c.PostForm("reason"))
		s.caseDone(c, id, err, "Penarikan permohonan tercatat.", "", nil)
	}
}

func (s *Server) caseObjection(c *gin.Context) {
	id, ok := s.caseID(c)
	if !ok {
		return
	}
	form := newFormReader(postForm(c))
	filing := workflow.ObjectionFiling{Grounds: postForm(c)["grounds"], Reasons: c.PostForm("reasons"),
		ReceivedAt: form.localTime("received_date", "received_time", "received_date", s.cfg.Location())}
	channel := c.PostForm("channel")
	if !request.IsOfficerChannel(channel) {
		channel = "walk_in"
	}
	fieldErrs, err := form.refusal("Keberatan belum lengkap: periksa kolom yang ditandai.")
	var o *store.Objection
	if err == nil {
		o, fieldErrs, err = s.casework.FileObjection(c.Request.Context(), currentAccount(c), id, filing, channel)
	}
	// A refusal about the receipt time is shown on that field, keeping the form's input.
	var r *workflow.Refusal
	if errors.As(err, &r) && r.Field == "received_date" && len(fieldErrs) == 0 {
		fieldErrs = request.FieldErrors{"received_date": r.Message}
	}
	msg := ""
	if o != nil {
		msg = "Keberatan " + o.Number + " tercatat; batas tanggapan atasan PPID " + calendar.FormatID(o.ResponseDue) + "."
	}
	s.caseDone(c, id, err, msg, "objection", fieldErrs)
}

func (s *Server) caseAnswerObjection(c *gin.Context) {
	id, ok := s.caseID(c)
	if !ok {
		return
	}
	oid, err := strconv.ParseInt(c.Param("oid"), 10, 64)
	if err != nil {
		s.notFound(c)
		return
	}
	fieldErrs, err := s.casework.AnswerObjection(c.Request.Context(), currentAccount(c), id, oid, c.PostForm("outcome"), c.PostForm("answer"))
	s.caseDone(c, id, err, "Tanggapan atas keberatan tercatat.", "answer-"+c.Param("oid"), fieldErrs)
}

// caseLetterDelivery records how a letter went to the requester and when they received it.
func (s *Server) caseLetterDelivery(c *gin.Context) {
	id, ok := s.caseID(c)
	if !ok {
		return
	}
	lid, err := strconv.ParseInt(c.Param("lid"), 10, 64)
	if err != nil || lid < 1 {
		s.notFound(c)
		return
	}
	f := newFormReader(postForm(c))
	d := casework.LetterDelivery{Via: f.text("sent_via"), SentAt: f.localTime("sent_date", "sent_time", "sent_date", s.cfg.Location()),
		ReceivedOn: f.date("received_on")}
	fieldErrs, err := f.refusal("Pengiriman surat belum lengkap: periksa kolom yang ditandai.")
	if err == nil {
		fieldErrs, err = s.casework.RecordLetterDelivery(c.Request.Context(), currentAccount(c), id, lid, d)
	}
	s.caseDone(c, id, err, "Pengiriman surat tercatat.", "letter-"+c.Param("lid"), fieldErrs)
}

func (s *Server) caseDispute(c *gin.Context) {
	id, ok := s.caseID(c)
	if !ok {
		return
	}
	in, f := readDisputeForm(postForm(c))
	formName := "dispute-new"
	if in.ID != 0 {
		formName = "dispute-" + strconv.FormatInt(in.ID, 10)
	}
	fieldErrs, err := f.refusal("Data sengketa belum lengkap: periksa kolom yang ditandai.")
	if err == nil {
		fieldErrs, err = s.casework.SaveDispute(c.Request.Context(), currentAccount(c), id, in)
	}
	s.caseDone(c, id, err, "Data sengketa tersimpan.", formName, fieldErrs)
}
