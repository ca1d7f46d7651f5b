package web

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
)

type adminOfficeView struct {
	// Saved is false until the settings are first saved; the form then shows the configuration file's values.
	Saved     bool
	UpdatedAt time.Time
}

func officeValues(o store.OfficeSettings) url.Values {
	return url.Values{"name": {o.Name}, "address": {o.Address}, "city": {o.City}, "letterhead": {o.Letterhead},
		"timezone": {o.Timezone}, "closes_at": {o.ClosesAt}}
}

func (s *Server) adminOffice(c *gin.Context) {
	o, err := s.store.OfficeSettings(c.Request.Context())
	v := adminOfficeView{}
	switch {
	case errors.Is(err, store.ErrNotFound):
		cfg := s.cfg.Office
		o = &store.OfficeSettings{Name: cfg.Name, Address: cfg.Address, City: cfg.City, Letterhead: cfg.Letterhead,
			Timezone: cfg.Timezone, ClosesAt: cfg.ClosesAt}
	case err != nil:
		s.serverError(c, err)
		return
	default:
		v.Saved, v.UpdatedAt = true, o.UpdatedAt
	}
	s.render(c, http.StatusOK, "admin_office", pageData{Title: "Pengaturan kantor", Form: &formView{Values: officeValues(*o)}, Data: v})
}

var clockPattern = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// validateOffice reads the settings form; the zone must be an IANA name this server knows.
func validateOffice(f url.Values) (store.OfficeSettings, request.FieldErrors) {
	o := store.OfficeSettings{Name: strings.TrimSpace(f.Get("name")), Address: strings.TrimSpace(f.Get("address")),
		City: strings.TrimSpace(f.Get("city")), Letterhead: strings.TrimSpace(strings.ReplaceAll(f.Get("letterhead"), "\r\n", "\n")),
		Timezone: strings.TrimSpace(f.Get("timezone")), ClosesAt: strings.TrimSpace(f.Get("closes_at"))}
	errs := request.FieldErrors{}
	switch {
	case o.Name == "":
		errs["name"] = "Nama kantor wajib diisi."
	case utf8.RuneCountInString(o.Name) > 200:
		errs["name"] = "Nama kantor terlalu panjang (paling banyak 200 karakter)."
	}
	if o.City == "" {
		errs["city"] = "Kota wajib diisi: surat ditanggali \"<kota>, <tanggal>\"."
	}
	for key, v := range map[string]string{"address": o.Address, "city": o.City, "letterhead": o.Letterhead} {
		if utf8.RuneCountInString(v) > 2000 {
			errs[key] = "Terlalu panjang (paling banyak 2.000 karakter)."
		}
	}
	// "Local" and "" load too, but mean the server's zone, not the office's.
	if _, err := time.LoadLocation(o.Timezone); err != nil || o.Timezone == "" || o.Timezone == "Local" {
		errs["timezone"] = "Zona waktu tidak dikenal. Gunakan nama IANA: Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT)."
	}
	if !clockPattern.MatchString(o.ClosesAt) {
		errs["closes_at"] = "Jam tutup tidak valid, gunakan format JJ:MM, contoh 16:00."
	}
	return o, errs
}

func (s *Server) adminOfficeSave(c *gin.Context) {
	if !s.adminForm(c) {
		return
	}
	form := c.Request.PostForm
	o, errs := validateOffice(form)
	if len(errs) > 0 {
		v := adminOfficeView{}
		saved, err := s.store.OfficeSettings(c.Request.Context())
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			s.serverError(c, err)
			return
		}
		if saved != nil {
			v.Saved, v.UpdatedAt = true, saved.UpdatedAt
		}
		s.render(c, http.StatusUnprocessableEntity, "admin_office", pageData{Title: "Pengaturan kantor",
			Form: &formView{Values: form, Errors: errs}, Data: v})
		return
	}
	if err := s.store.SaveOfficeSettings(c.Request.Context(), o); err != nil {
		s.serverError(c, err)
		return
	}
	s.adminDone(c, "/kantor/admin/kantor", "Pengaturan kantor tersimpan.", false)
}
