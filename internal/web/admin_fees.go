package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
)

// The fee table of UU 14/2008 Pasal 22(7) g: the head of the body decides the price of a printed
// page and of each medium; the administrator keeps it here. Electronic copies are always free.

type adminFeesView struct {
	Fees []store.Fee
	// The form that failed validation ("fee-<code>" or "new"), re-rendered with the input.
	FailedForm string
	Form       *formView
}

func (v adminFeesView) FormFor(name string) *formView {
	if v.FailedForm == name && v.Form != nil {
		return v.Form
	}
	return &formView{Values: url.Values{}}
}

func (s *Server) adminFees(c *gin.Context) { s.renderFees(c, http.StatusOK, "", nil) }

func (s *Server) renderFees(c *gin.Context, status int, failedForm string, form *formView) {
	fees, err := s.store.Fees(c.Request.Context())
	if err != nil {
		s.serverError(c, err)
		return
	}
	s.render(c, status, "admin_fees", pageData{Title: "Daftar biaya salinan",
		Data: adminFeesView{Fees: fees, FailedForm: failedForm, Form: form}})
}

var feeCode = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

// readFee reads a fee row's label, price and active flag.
func readFee(v url.Values) (store.Fee, request.FieldErrors) {
	f := newFormReader(v)
	fee := store.Fee{Label: strings.Join(strings.Fields(f.text("label")), " "), Price: f.amount("price"),
		Active: v.Get("active") != ""}
	switch n := utf8.RuneCountInString(fee.Label); {
	case n == 0:
		f.errs["label"] = "Nama biaya wajib diisi."
	case n > 200:
		f.errs["label"] = "Nama biaya terlalu panjang (paling banyak 200 karakter)."
	}
	return fee, f.errs
}

// adminFeeSave changes one row: its label, price and whether it is offered.
func (s *Server) adminFeeSave(c *gin.Context) {
	if !s.adminForm(c) {
		return
	}
	ctx := c.Request.Context()
	old, err := s.store.FeeByCode(ctx, c.Param("code"))
	if err != nil {
		s.classifyAdmin(c, err)
		return
	}
	fee, errs := readFee(c.Request.PostForm)
	if len(errs) > 0 {
		s.renderFees(c, http.StatusUnprocessableEntity, "fee-"+old.Code, &formView{Values: c.Request.PostForm, Errors: errs})
		return
	}
	fee.Code, fee.Kind = old.Code, old.Kind
	if fee.Kind == store.FeePage {
		fee.Active = true // the page price always applies; zero makes copies free
	}
	if err := s.store.SaveFee(ctx, fee, currentAccount(c).ID); err != nil {
		s.serverError(c, err)
		return
	}
	s.adminDone(c, "/kantor/admin/biaya", "Biaya "+fee.Label+" disimpan.", false)
}

// adminFeeCreate adds a medium (CD, flash disk) with its price.
func (s *Server) adminFeeCreate(c *gin.Context) {
	if !s.adminForm(c) {
		return
	}
	ctx := c.Request.Context()
	form := c.Request.PostForm
	fee, errs := readFee(form)
	fee.Code, fee.Kind, fee.Active = strings.TrimSpace(form.Get("code")), store.FeeMedia, true
	if !feeCode.MatchString(fee.Code) {
		errs["code"] = "Kode hanya huruf kecil, angka dan garis bawah, paling banyak 32 karakter."
	} else if _, err := s.store.FeeByCode(ctx, fee.Code); err == nil {
		errs["code"] = "Kode ini sudah dipakai."
	}
	if len(errs) > 0 {
		s.renderFees(c, http.StatusUnprocessableEntity, "new", &formView{Values: form, Errors: errs})
		return
	}
	if err := s.store.SaveFee(ctx, fee, currentAccount(c).ID); err != nil {
		s.serverError(c, err)
		return
	}
	s.adminDone(c, "/kantor/admin/biaya", "Media "+fee.Label+" ditambahkan.", false)
}

// classifyAdmin answers a failed look-up on an admin page.
func (s *Server) classifyAdmin(c *gin.Context, err error) {
	if f := classify(err, nil); f.Status == http.StatusNotFound {
		s.notFound(c)
		return
	}
	s.serverError(c, err)
}
