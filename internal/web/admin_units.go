package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
)

type adminUnitsView struct {
	Units []store.UnitSummary
	// The form that failed validation ("new" or "rename-<id>"), re-rendered with the input.
	FailedForm string
	Form       *formView
}

func (v adminUnitsView) FormFor(name string) *formView {
	if v.FailedForm == name && v.Form != nil {
		return v.Form
	}
	return &formView{Values: url.Values{}}
}

func (s *Server) adminUnits(c *gin.Context) { s.renderUnits(c, http.StatusOK, "", nil) }

func (s *Server) renderUnits(c *gin.Context, status int, failedForm string, form *formView) {
	units, err := s.store.UnitSummaries(c.Request.Context())
	if err != nil {
		s.serverError(c, err)
		return
	}
	s.render(c, status, "admin_units", pageData{Title: "Unit PPID",
		Data: adminUnitsView{Units: units, FailedForm: failedForm, Form: form}})
}

func unitName(f url.Values) (string, request.FieldErrors) {
	name := strings.Join(strings.Fields(f.Get("name")), " ")
	switch {
	case name == "":
		return "", request.FieldErrors{"name": "Nama unit wajib diisi."}
	case utf8.RuneCountInString(name) > 200:
		return "", request.FieldErrors{"name": "Nama unit terlalu panjang (paling banyak 200 karakter)."}
	}
	return name, nil
}

var duplicateUnit = request.FieldErrors{"name": "Nama unit ini sudah dipakai unit lain."}

// adminUnitCreate adds a PPID Pelaksana.
func (s *Server) adminUnitCreate(c *gin.Context) {
	if !s.adminForm(c) {
		return
	}
	form := c.Request.PostForm
	name, errs := unitName(form)
	if errs == nil {
		_, err := s.store.CreateUnit(c.Request.Context(), name)
		switch {
		case errors.Is(err, store.ErrConflict):
			errs = duplicateUnit
		case err != nil:
			s.serverError(c, err)
			return
		}
	}
	if errs != nil {
		s.renderUnits(c, http.StatusUnprocessableEntity, "new", &formView{Values: form, Errors: errs})
		return
	}
	s.adminDone(c, "/kantor/admin/unit", name+" ditambahkan.", false)
}

func (s *Server) adminUnitRename(c *gin.Context) {
	id, ok := s.adminID(c)
	if !ok || !s.adminForm(c) {
		return
	}
	form := c.Request.PostForm
	formName := "rename-" + strconv.FormatInt(id, 10)
	name, errs := unitName(form)
	if errs == nil {
		err := s.store.RenameUnit(c.Request.Context(), id, name)
		switch {
		case errors.Is(err, store.ErrNotFound):
			s.notFound(c)
			return
		case errors.Is(err, store.ErrConflict):
			errs = duplicateUnit
		case err != nil:
			s.serverError(c, err)
			return
		}
	}
	if errs != nil {
		s.renderUnits(c, http.StatusUnprocessableEntity, formName, &formView{Values: form, Errors: errs})
		return
	}
	s.adminDone(c, "/kantor/admin/unit", "Nama unit diubah menjadi "+name+".", false)
}

// adminUnitDeactivate takes a PPID Pelaksana out of service once it holds no open request.
func (s *Server) adminUnitDeactivate(c *gin.Context) {
	id, ok := s.adminID(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	u, err := s.store.UnitByID(ctx, id)
	if err == nil {
		err = s.store.DeactivateUnit(ctx, id)
	}
	var inUse *store.UnitInUseError
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.notFound(c)
	case errors.Is(err, store.ErrMainUnit):
		s.adminDone(c, "/kantor/admin/unit", "PPID Utama tidak dapat dinonaktifkan: PPID Utama mengoordinasikan semua unit.", true)
	case errors.As(err, &inUse):
		s.adminDone(c, "/kantor/admin/unit", u.Name+" masih menangani "+strconv.Itoa(inUse.OpenRequests)+
			" permohonan terbuka; teruskan atau selesaikan permohonan itu dahulu.", true)
	case err != nil:
		s.serverError(c, err)
	default:
		s.adminDone(c, "/kantor/admin/unit", u.Name+" dinonaktifkan.", false)
	}
}

func (s *Server) adminUnitActivate(c *gin.Context) {
	id, ok := s.adminID(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	u, err := s.store.UnitByID(ctx, id)
	if err == nil {
		err = s.store.ActivateUnit(ctx, id)
	}
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.notFound(c)
	case err != nil:
		s.serverError(c, err)
	default:
		s.adminDone(c, "/kantor/admin/unit", u.Name+" diaktifkan kembali.", false)
	}
}
