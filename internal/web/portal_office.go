package web

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/portal"
	"github.com/terbuka-id/terbuka/internal/publishing"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// publicationFormFields are the metadata fields of the publishing form, in form order.
var publicationFormFields = []string{"title", "category", "unit_id", "year", "summary", "keywords", "responsible",
	"made_place", "made_time", "form", "retention"}

// metaFrom reads the metadata fields from form values.
func metaFrom(v url.Values) portal.Meta {
	unit, _ := strconv.ParseInt(v.Get("unit_id"), 10, 64)
	year, _ := strconv.Atoi(strings.TrimSpace(v.Get("year")))
	return portal.Meta{Title: v.Get("title"), Category: v.Get("category"), UnitID: unit, Year: year, Summary: v.Get("summary"),
		Keywords: v.Get("keywords"), Responsible: v.Get("responsible"), MadePlace: v.Get("made_place"), MadeTime: v.Get("made_time"),
		Form: v.Get("form"), Retention: v.Get("retention")}
}

func metaValues(p *store.Publication) url.Values {
	return url.Values{"title": {p.Title}, "category": {p.Category}, "unit_id": {strconv.FormatInt(p.UnitID, 10)},
		"year": {strconv.Itoa(p.Year)}, "summary": {p.Summary}, "keywords": {p.Keywords}, "responsible": {p.Responsible},
		"made_place": {p.MadePlace}, "made_time": {p.MadeTime}, "form": {p.Form}, "retention": {p.Retention}}
}

// publicationFormView is the new/edit form.
type publicationFormView struct {
	Units     []store.Unit
	Editing   *store.Publication
	Findings  []publishing.Finding // found on an edit that needs confirmation
	MaxUpload int64
}

// publicationFacts are a publication's nullable columns as pages show them: "", 0 or nil for none.
type publicationFacts struct {
	RequestID      int64  // 0 when not released through a request
	RegistrationNo string // that request's registration number
	PIIConfirmedAt *time.Time
	PublishedAt    *time.Time
	UnpublishedAt  *time.Time
}

func newPublicationFacts(p *store.Publication) publicationFacts {
	return publicationFacts{
		RequestID:      optInt64(p.RequestID),
		RegistrationNo: optString(p.RegistrationNo),
		PIIConfirmedAt: optTime(p.PIIConfirmedAt),
		PublishedAt:    optTime(p.PublishedAt),
		UnpublishedAt:  optTime(p.UnpublishedAt),
	}
}

// publicationRow is one line of the officers' list.
type publicationRow struct {
	store.Publication
	Facts publicationFacts
}

// officePublicationsView lists publications for officers.
type officePublicationsView struct {
	Items  []publicationRow
	Status string
	Page   int
	More   bool
}

func (s *Server) officePublications(c *gin.Context) {
	status := c.Query("status")
	if status != "" && status != "draft" && status != "published" && status != "unpublished" {
		status = ""
	}
	page, ok := s.officePage(c, 10000)
	if !ok {
		return
	}
	const per = 50
	items, err := s.store.OfficePublications(c.Request.Context(), currentAccount(c).Scope(), status, per+1, offset(page, per))
	if err != nil {
		s.serverError(c, err)
		return
	}
	v := officePublicationsView{Status: status, Page: page}
	items, v.More = cutPage(items, per)
	for i := range items {
		v.Items = append(v.Items, publicationRow{Publication: items[i], Facts: newPublicationFacts(&items[i])})
	}
	s.render(c, http.StatusOK, "office_publications", pageData{Title: "Publikasi dokumen", Data: v})
}

func (s *Server) publicationForm(c *gin.Context) {
	units, err := s.store.Units(c.Request.Context())
	if err != nil {
		s.serverError(c, err)
		return
	}
	u := currentAccount(c)
	values := url.Values{"form": {"softcopy"}, "year": {strconv.Itoa(s.now().In(s.cfg.Location()).Year())},
		"unit_id": {strconv.FormatInt(u.UnitID, 10)}, "made_place": {s.cfg.Office.City}}
	s.render(c, http.StatusOK, "office_publication_form", pageData{Title: "Terbitkan dokumen",
		Form: &formView{Values: values}, Data: publicationFormView{Units: units, MaxUpload: s.publishing.MaxUpload}})
}

// publicationCreate reads the metadata fields, then streams the file (the last part of the
// form) into the blob store through the publishing service, and records a draft.
func (s *Server) publicationCreate(c *gin.Context) {
	values := url.Values{}
	rerender := func(status int, errs request.FieldErrors) {
		units, err := s.store.Units(c.Request.Context())
		if err != nil {
			s.serverError(c, err)
			return
		}
		s.render(c, status, "office_publication_form", pageData{Title: "Terbitkan dokumen",
			Form: &formView{Values: values, Errors: errs}, Data: publicationFormView{Units: units, MaxUpload: s.publishing.MaxUpload}})
	}
	mr, err := multipartReader(c)
	if err != nil {
		rerender(http.StatusBadRequest, request.FieldErrors{"file": "Formulir unggah tidak dapat dibaca."})
		return
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				rerender(http.StatusRequestEntityTooLarge, request.FieldErrors{"file": files.UserMessage(files.ErrTooLarge, s.publishing.MaxUpload)})
				return
			}
			rerender(http.StatusBadRequest, request.FieldErrors{"file": "Unggahan terputus sebelum selesai. Silakan coba lagi."})
			return
		}
		name := part.FormName()
		if name != "file" {
			v, _ := io.ReadAll(io.LimitReader(part, 64<<10))
			values.Set(name, string(v))
			continue
		}
		if part.FileName() == "" {
			break
		}
		if values.Get("offline") != "" {
			rerender(http.StatusUnprocessableEntity, request.FieldErrors{"file": "Entri tanpa berkas tidak disertai berkas: hapus pilihan berkas atau pilihan tanpa berkas."})
			return
		}
		id, errs, err := s.publishing.Draft(c.Request.Context(), currentAccount(c), metaFrom(values),
			publishing.Upload{Filename: part.FileName(), Body: part})
		switch {
		case errors.Is(err, publishing.ErrForbidden):
			s.forbidden(c)
		case err != nil:
			s.serverError(c, err)
		case len(errs) > 0:
			if errs["file"] == "" {
				errs["file"] = "Pilih berkasnya lagi setelah memperbaiki kolom yang ditandai."
			}
			rerender(http.StatusUnprocessableEntity, errs)
		default:
			s.sessions.Put(c.Request.Context(), "flash", "Draf tersimpan. Periksa hasil pemeriksaan data pribadi, lalu terbitkan.")
			c.Redirect(http.StatusSeeOther, "/kantor/publikasi/"+strconv.FormatInt(id, 10))
		}
		return
	}
	if values.Get("offline") != "" {
		// Perki 1/2021: information on paper or in another system is listed in the DIP without a file.
		id, errs, err := s.publishing.DraftOffline(c.Request.Context(), currentAccount(c), metaFrom(values), values.Get("available_at"))
		switch {
		case errors.Is(err, publishing.ErrForbidden):
			s.forbidden(c)
		case err != nil:
			s.serverError(c, err)
		case len(errs) > 0:
			rerender(http.StatusUnprocessableEntity, errs)
		default:
			s.sessions.Put(c.Request.Context(), "flash", "Draf tanpa berkas tersimpan. Periksa isinya, lalu terbitkan.")
			c.Redirect(http.StatusSeeOther, "/kantor/publikasi/"+strconv.FormatInt(id, 10))
		}
		return
	}
	meta := metaFrom(values)
	meta.Normalize()
	fieldErrs := meta.Validate(s.now().In(s.cfg.Location()).Year())
	fieldErrs["file"] = "Pilih berkas yang akan diterbitkan."
	rerender(http.StatusUnprocessableEntity, fieldErrs)
}

// officePublicationView is one publication for officers.
type officePublicationView struct {
	P          *store.Publication
	Facts      publicationFacts
	Findings   []publishing.Finding
	Events     []store.PublicationEvent
	CanPublish bool
	Blocked    bool // findings not yet confirmed
}

func (s *Server) publicationID(c *gin.Context) (int64, bool) {
	id, err := strconv.ParseInt(c.Param("pubid"), 10, 64)
	if err != nil || id <= 0 {
		s.notFound(c)
		return 0, false
	}
	return id, true
}

func (s *Server) officePublication(c *gin.Context) {
	id, ok := s.publicationID(c)
	if !ok {
		return
	}
	s.renderPublication(c, id, http.StatusOK, nil)
}

func (s *Server) renderPublication(c *gin.Context, id int64, status int, form *formView) {
	ctx := c.Request.Context()
	u := currentAccount(c)
	p, err := s.store.Publication(ctx, u.Scope(), id)
	if s.pageFailed(c, err) {
		return
	}
	events, err := s.store.PublicationEvents(ctx, id)
	if err != nil {
		s.serverError(c, err)
		return
	}
	f := publishing.Findings(p)
	v := officePublicationView{P: p, Facts: newPublicationFacts(p), Findings: f, Events: events, CanPublish: u.Can(access.PublishDocument),
		Blocked: len(f) > 0 && !p.PIIConfirmedAt.Valid}
	if form == nil {
		form = &formView{Values: url.Values{}}
	}
	s.render(c, status, "office_publication", pageData{Title: p.Title, Data: v, Form: form})
}

func (s *Server) publicationEditForm(c *gin.Context) {
	id, ok := s.publicationID(c)
	if !ok {
		return
	}
	p, err := s.store.Publication(c.Request.Context(), currentAccount(c).Scope(), id)
	if s.pageFailed(c, err) {
		return
	}
	s.renderPublicationEdit(c, p, http.StatusOK, &formView{Values: metaValues(p)}, nil)
}

func (s *Server) renderPublicationEdit(c *gin.Context, p *store.Publication, status int, form *formView, findings []publishing.Finding) {
	units, err := s.store.Units(c.Request.Context())
	if err != nil {
		s.serverError(c, err)
		return
	}
	s.render(c, status, "office_publication_form", pageData{Title: "Ubah publikasi", Form: form,
		Data: publicationFormView{Units: units, Editing: p, Findings: findings}})
}

func (s *Server) publicationUpdate(c *gin.Context) {
	id, ok := s.publicationID(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	errs, err := s.publishing.Update(ctx, currentAccount(c), id, metaFrom(c.Request.PostForm), c.PostForm("confirm") == "ya", c.PostForm("note"))
	if s.pageFailed(c, err) {
		return
	}
	if len(errs) > 0 {
		p, err := s.store.Publication(ctx, currentAccount(c).Scope(), id)
		if err != nil {
			s.serverError(c, err)
			return
		}
		var findings []publishing.Finding
		if errs["confirm"] != "" {
			findings = s.publishing.Preview(ctx, p, metaFrom(c.Request.PostForm))
		}
		s.renderPublicationEdit(c, p, http.StatusUnprocessableEntity, &formView{Values: c.Request.PostForm, Errors: errs}, findings)
		return
	}
	s.publicationDone(c, id, "Perubahan tersimpan.")
}

func (s *Server) publicationConfirm(c *gin.Context) {
	id, ok := s.publicationID(c)
	if !ok {
		return
	}
	errs, err := s.publishing.ConfirmPII(c.Request.Context(), currentAccount(c), id, c.PostForm("note"))
	if errors.Is(err, publishing.ErrNothingToConfirm) {
		s.publicationRefused(c, id, "Tidak ada data pribadi yang perlu dikonfirmasi.")
		return
	}
	if s.pageFailed(c, err) {
		return
	}
	if len(errs) > 0 {
		s.renderPublication(c, id, http.StatusUnprocessableEntity, &formView{Values: c.Request.PostForm, Errors: errs})
		return
	}
	s.publicationDone(c, id, "Konfirmasi tercatat. Dokumen dapat diterbitkan.")
}

func (s *Server) publicationPublish(c *gin.Context) {
	id, ok := s.publicationID(c)
	if !ok {
		return
	}
	err := s.publishing.Publish(c.Request.Context(), currentAccount(c), id)
	switch {
	case errors.Is(err, publishing.ErrPIIUnconfirmed):
		s.publicationRefused(c, id, "Belum dapat diterbitkan: ada data pribadi yang belum dikonfirmasi atau diperbaiki.")
	case errors.Is(err, store.ErrConflict):
		s.publicationRefused(c, id, "Dokumen ini sudah terbit.")
	default:
		if !s.pageFailed(c, err) {
			s.publicationDone(c, id, "Dokumen terbit di portal publik.")
		}
	}
}

func (s *Server) publicationUnpublish(c *gin.Context) {
	id, ok := s.publicationID(c)
	if !ok {
		return
	}
	errs, err := s.publishing.Unpublish(c.Request.Context(), currentAccount(c), id, c.PostForm("reason"))
	if errors.Is(err, publishing.ErrNotPublished) {
		s.publicationRefused(c, id, "Hanya dokumen yang sedang terbit yang dapat ditarik.")
		return
	}
	if s.pageFailed(c, err) {
		return
	}
	if len(errs) > 0 {
		s.renderPublication(c, id, http.StatusUnprocessableEntity, &formView{Values: c.Request.PostForm, Errors: errs})
		return
	}
	s.publicationDone(c, id, "Dokumen ditarik dari portal. Pengunjung alamatnya kini membaca bahwa dokumen ini ditarik, beserta alasannya.")
}

func (s *Server) publicationDone(c *gin.Context, id int64, msg string) {
	s.portalCache.reset() // what the portal lists may have changed
	s.sessions.Put(c.Request.Context(), "flash", msg)
	c.Redirect(http.StatusSeeOther, "/kantor/publikasi/"+strconv.FormatInt(id, 10))
}

func (s *Server) publicationRefused(c *gin.Context, id int64, msg string) {
	s.sessions.Put(c.Request.Context(), "flash", msg)
	s.sessions.Put(c.Request.Context(), "flash_kind", "error")
	c.Redirect(http.StatusSeeOther, "/kantor/publikasi/"+strconv.FormatInt(id, 10))
}

// casePublish publishes a released case's documents marked for publication, in one action.
func (s *Server) casePublish(c *gin.Context) {
	id, ok := s.caseID(c)
	if !ok {
		return
	}
	cm := publishing.CaseMeta{Title: c.PostForm("title"), Category: c.PostForm("category"), Summary: c.PostForm("summary"),
		Keywords: c.PostForm("keywords"), Responsible: c.PostForm("responsible"), MadePlace: c.PostForm("made_place"),
		MadeTime: c.PostForm("made_time"), Form: c.PostForm("form"), Retention: c.PostForm("retention")}
	outcomes, errs, err := s.publishing.PublishCase(c.Request.Context(), currentAccount(c), id, cm)
	switch {
	case errors.Is(err, publishing.ErrNotReleased):
		s.caseDone(c, id, &workflow.Refusal{Message: "hanya perkara yang informasinya diberikan (seluruhnya atau sebagian) yang dapat dipublikasikan."}, "", "", nil)
		return
	case errors.Is(err, publishing.ErrForbidden):
		s.forbidden(c)
		return
	case err != nil && !errors.Is(err, store.ErrNotFound):
		s.serverError(c, err)
		return
	case err != nil:
		s.notFound(c)
		return
	case len(errs) > 0:
		s.caseDone(c, id, &workflow.Refusal{Message: "periksa kolom publikasi yang ditandai."}, "", "publish", errs)
		return
	}
	var published, held, skipped int
	for _, o := range outcomes {
		switch {
		case o.Published:
			published++
		case o.Skipped != "":
			skipped++
		default:
			held++
		}
	}
	msg := strconv.Itoa(published) + " dokumen terbit di portal publik."
	if held > 0 {
		msg += " " + strconv.Itoa(held) + " dokumen memuat data pribadi dan disimpan sebagai draf untuk diperiksa di menu Publikasi."
	}
	if skipped > 0 {
		msg += " " + strconv.Itoa(skipped) + " dokumen sudah pernah dipublikasikan."
	}
	s.portalCache.reset()
	s.caseDone(c, id, nil, msg, "", nil)
}

var publicationEventLabels = map[string]string{
	"created":       "Draf dibuat",
	"edited":        "Keterangan diubah",
	"pii_confirmed": "Data pribadi dikonfirmasi boleh terbit",
	"published":     "Terbit",
	"unpublished":   "Ditarik dari portal",
	"file_replaced": "Berkas diganti dan diperiksa ulang",
}

func publicationEventLabel(kind string) string {
	if l, ok := publicationEventLabels[kind]; ok {
		return l
	}
	return kind
}

func publicationStatusLabel(status string) string {
	switch status {
	case "draft":
		return "Draf"
	case "published":
		return "Terbit"
	case "unpublished":
		return "Ditarik"
	}
	return status
}
