package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/deadline"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// caseView is everything the case page shows and the forms it offers.
type caseView struct {
	Request    *store.Request
	MaskedNIK  string
	Events     []store.Event
	Decisions  []store.DecisionRecord
	Objections []store.Objection
	Disputes   []store.Dispute
	Letters    []store.LetterRecord
	Documents  []store.Document
	MaxUpload  int64
	Units      []store.Unit
	Officers   []store.User
	Account    *store.User

	// Which steps the case and the officer's role allow now.
	CanHandle, CanDecide, CanAnswer, CanDispute, CanObject bool
	Pending, Decided, Granted, Closable                    bool
	Warnings                                               []string
	Extendable, Overdue                                    bool
	ObjectionOpen                                          bool
	ObjectionWindow                                        deadline.Deadline
	ObjectionWhy                                           string

	// Publishing the released documents on the portal.
	Publications   []store.Publication
	PublicDocs     int
	CanPublishCase bool

	// The form that failed validation, re-rendered with the officer's input.
	FailedForm string
	Form       *formView
}

// FormFor is the named form: re-filled when it just failed, blank otherwise, with ids of its own.
func (v caseView) FormFor(name string) *formView {
	if v.FailedForm == name && v.Form != nil {
		v.Form.Prefix = name + "-"
		return v.Form
	}
	return &formView{Values: url.Values{}, Prefix: name + "-"}
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
	r, err := s.store.RequestByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) || err == nil && !casework.Visible(account, r) {
		s.notFound(c)
		return
	}
	if err != nil {
		s.serverError(c, err)
		return
	}
	v := caseView{Request: r, MaskedNIK: s.intake.MaskedNIK(r.NIKSealed), Account: account, FailedForm: failedForm, Form: form,
		MaxUpload: s.casework.MaxUpload}
	if v.Events, err = s.store.Events(ctx, id, false); err == nil {
		if v.Decisions, err = s.store.Decisions(ctx, id); err == nil {
			if v.Objections, err = s.store.Objections(ctx, id); err == nil {
				if v.Disputes, err = s.store.Disputes(ctx, id); err == nil {
					v.Letters, err = s.store.Letters(ctx, id)
				}
				if err == nil {
					v.Documents, err = s.store.Documents(ctx, id)
				}
				if err == nil {
					if v.Units, err = s.store.Units(ctx); err == nil {
						v.Officers, err = s.store.Officers(ctx)
					}
				}
			}
		}
	}
	if err == nil {
		v.Publications, err = s.store.CasePublications(ctx, id)
	}
	if err != nil {
		s.serverError(c, err)
		return
	}
	wc := casework.Case(r)
	v.CanHandle = workflow.Can(account.Role, workflow.HandleCase)
	v.CanDecide = workflow.Can(account.Role, workflow.DecideCase)
	v.CanAnswer = workflow.Can(account.Role, workflow.AnswerObjection)
	v.CanDispute = workflow.Can(account.Role, workflow.RecordDispute)
	v.Pending = !wc.Closed() && (r.Status == request.StatusReceived || r.Status == request.StatusInProcess || r.Status == request.StatusExtended)
	v.Decided = r.Decision.Valid
	v.Granted = r.Status == request.StatusGranted || r.Status == request.StatusPartial
	for _, d := range v.Documents {
		if d.Visibility == "public" {
			v.PublicDocs++
		}
	}
	v.CanPublishCase = account.Role == "ppid" && (r.Decision.String == request.StatusGranted || r.Decision.String == request.StatusPartial)
	v.Closable = r.Status == request.StatusDelivered || r.Status == request.StatusRefused || r.Status == request.StatusNotHeld || r.Status == request.StatusNotDocumented
	today := calendar.DateOf(s.now().In(s.calendar.Current().Location()))
	// UU 14/2008 Pasal 22(8): one extension, offered only while the 10 days run.
	v.Extendable = v.Pending && r.ExtendedDue.IsZero() && !today.After(r.ResponseDue)
	v.Overdue = v.Pending && today.After(r.DueDate)
	for _, o := range v.Objections {
		v.ObjectionOpen = v.ObjectionOpen || o.Status == workflow.ObjectionOpen
	}
	v.ObjectionWindow, v.CanObject, v.ObjectionWhy = workflow.ObjectionWindow(wc, s.now(), s.calendar.Current())
	v.CanObject = v.CanObject && !v.ObjectionOpen && workflow.Can(account.Role, workflow.RegisterObjection)
	dates := []calendar.Date{r.ResponseDue, r.ExtendedDue, r.DueDate, v.ObjectionWindow.Due}
	for _, o := range v.Objections {
		dates = append(dates, o.ResponseDue)
	}
	for _, d := range v.Disputes {
		dates = append(dates, d.KIStartDue, d.KIFinishDue, d.CourtDue)
	}
	v.Warnings = calendarWarnings(s.calendar.Current(), dates...)
	s.render(c, status, "office_request", pageData{Title: "Permohonan " + r.RegistrationNumber, Data: v})
}

// caseDone ends every case action: success and refusals go back to the case page with a
// message (a refusal keeps the officer where they were); field errors re-render the form.
func (s *Server) caseDone(c *gin.Context, id int64, err error, success, formName string, fieldErrs request.FieldErrors) {
	var refusal *workflow.Refusal
	var uploadErr *refusalError
	switch {
	case err == nil:
		s.sessions.Put(c.Request.Context(), "flash", success)
	case errors.Is(err, store.ErrNotFound):
		s.notFound(c)
		return
	case errors.Is(err, casework.ErrForbidden):
		s.render(c, http.StatusForbidden, "error", pageData{Title: "Akses ditolak",
			Data: errorView{Heading: "Akses ditolak", Message: "Peran Anda tidak berwenang melakukan langkah ini."}})
		return
	case errors.As(err, &refusal) && len(fieldErrs) > 0:
		s.renderCase(c, id, http.StatusUnprocessableEntity, formName, &formView{Values: c.Request.PostForm, Errors: fieldErrs})
		return
	case errors.As(err, &refusal):
		s.sessions.Put(c.Request.Context(), "flash", "Tidak dapat dilakukan: "+refusal.Message)
		s.sessions.Put(c.Request.Context(), "flash_kind", "error")
	case errors.As(err, &uploadErr) && len(fieldErrs) > 0:
		s.renderCase(c, id, http.StatusUnprocessableEntity, formName, &formView{Values: url.Values{}, Errors: fieldErrs})
		return
	case errors.As(err, &uploadErr):
		s.sessions.Put(c.Request.Context(), "flash", "Tidak dapat dilakukan: "+uploadErr.msg)
		s.sessions.Put(c.Request.Context(), "flash_kind", "error")
	default:
		s.serverError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/kantor/permohonan/"+strconv.FormatInt(id, 10))
}

func formInt(c *gin.Context, key string) int64 {
	n, _ := strconv.ParseInt(c.PostForm(key), 10, 64)
	return n
}

func (s *Server) caseAssign(c *gin.Context) {
	if id, ok := s.caseID(c); ok {
		err := s.casework.Assign(c.Request.Context(), currentAccount(c), id, formInt(c, "officer_id"))
		s.caseDone(c, id, err, "Permohonan ditugaskan.", "", nil)
	}
}

func (s *Server) caseForward(c *gin.Context) {
	if id, ok := s.caseID(c); ok {
		err := s.casework.Forward(c.Request.Context(), currentAccount(c), id, formInt(c, "unit_id"))
		s.caseDone(c, id, err, "Permohonan diteruskan; tenggat tidak berubah.", "", nil)
	}
}

func (s *Server) caseExtend(c *gin.Context) {
	if id, ok := s.caseID(c); ok {
		err := s.casework.Extend(c.Request.Context(), currentAccount(c), id, c.PostForm("reason"))
		s.caseDone(c, id, err, "Jangka waktu diperpanjang 7 hari kerja (UU 14/2008 Pasal 22(8)).", "", nil)
	}
}

// parseLocalTime reads a date and time typed in the office's zone; zero when empty or malformed.
func (s *Server) parseLocalTime(day, clock string) time.Time {
	if strings.TrimSpace(clock) == "" {
		clock = "00:00"
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(day)+" "+strings.TrimSpace(clock), s.cfg.Location())
	if err != nil {
		return time.Time{}
	}
	return t
}

func (s *Server) caseDecide(c *gin.Context) {
	id, ok := s.caseID(c)
	if !ok {
		return
	}
	c.Request.ParseForm()
	f := c.Request.PostForm
	d := workflow.Decision{
		Kind:             f.Get("kind"),
		NoticeAt:         s.parseLocalTime(f.Get("notice_date"), f.Get("notice_time")),
		InformationGiven: strings.TrimSpace(f.Get("information_given")),
		Withheld:         strings.TrimSpace(f.Get("withheld")),
		ExemptionLetters: f["exemption_letters"],
		LegalBasis:       strings.TrimSpace(f.Get("legal_basis")),
		Harm:             strings.TrimSpace(f.Get("harm")),
		PublicInterest:   strings.TrimSpace(f.Get("public_interest")),
		HoldingBody:      strings.TrimSpace(f.Get("holding_body")),
		Form:             strings.TrimSpace(f.Get("form")),
		Cost:             strings.TrimSpace(f.Get("cost")),
		DeliveryTime:     strings.TrimSpace(f.Get("delivery_time")),
	}
	fieldErrs, err := s.casework.Decide(c.Request.Context(), currentAccount(c), id, d)
	s.caseDone(c, id, err, "Pemberitahuan tertulis tercatat.", "decide", fieldErrs)
}

func (s *Server) caseDeliver(c *gin.Context) {
	if id, ok := s.caseID(c); ok {
		err := s.casework.Deliver(c.Request.Context(), currentAccount(c), id, c.PostForm("method"))
		s.caseDone(c, id, err, "Penyerahan informasi tercatat.", "", nil)
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
	c.Request.ParseForm()
	filing := workflow.ObjectionFiling{Grounds: c.Request.PostForm["grounds"], Reasons: c.PostForm("reasons")}
	channel := c.PostForm("channel")
	if !request.IsOfficerChannel(channel) {
		channel = "walk_in"
	}
	o, fieldErrs, err := s.casework.FileObjection(c.Request.Context(), currentAccount(c), id, filing, channel)
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

func (s *Server) caseDispute(c *gin.Context) {
	id, ok := s.caseID(c)
	if !ok {
		return
	}
	date := func(key string) calendar.Date {
		d, _ := calendar.ParseDate(strings.TrimSpace(c.PostForm(key)))
		return d
	}
	in := casework.DisputeInput{ID: formInt(c, "dispute_id"), ObjectionID: formInt(c, "objection_id"),
		KINumber: c.PostForm("ki_number"), KIReceived: date("ki_received"), MediationDate: date("mediation_date"),
		AdjudicationDate: date("adjudication_date"), Outcome: c.PostForm("outcome"), RulingDate: date("ruling_date"),
		RulingReceived: date("ruling_received"), Ruling: c.PostForm("ruling"), CourtCase: c.PostForm("court_case"),
		CourtOutcome: c.PostForm("court_outcome")}
	formName := "dispute-new"
	if in.ID != 0 {
		formName = "dispute-" + strconv.FormatInt(in.ID, 10)
	}
	fieldErrs, err := s.casework.SaveDispute(c.Request.Context(), currentAccount(c), id, in)
	s.caseDone(c, id, err, "Data sengketa tersimpan.", formName, fieldErrs)
}
