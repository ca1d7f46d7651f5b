package request

import (
	"net/mail"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/terbuka-id/terbuka/internal/nik"
)

// Submission is a request as a requester (or an officer on their behalf) fills it in.
// Field keys in FieldErrors follow the JSON API: "requester.nik", "information", …
type Submission struct {
	RequesterKind  string
	Name           string
	NIK            string
	EntitySKNumber string
	Address        string
	Phone          string
	Email          string
	Occupation     string
	Information    string
	Purpose        string
	ObtainMethod   string
	DeliveryMethod string
	PublishConsent bool
	// Accessibility lists the accessible forms asked for (AccessibilityNeeds codes); optional.
	Accessibility     []string
	AccessibilityNote string
	// Identity is the attached identity document, if any; its type and size are checked at intake.
	Identity *IdentityFile
}

// IdentityFile is an identity document as uploaded.
type IdentityFile struct {
	Kind    string // IdentityKinds
	Content []byte
}

// FieldErrors maps a field key to an Indonesian message for that field.
type FieldErrors map[string]string

// Normalize trims what people type by accident; it is applied before Validate and storage.
func (s *Submission) Normalize() {
	for _, f := range []*string{&s.RequesterKind, &s.Name, &s.EntitySKNumber, &s.Address, &s.Phone,
		&s.Email, &s.Occupation, &s.Information, &s.Purpose, &s.ObtainMethod, &s.DeliveryMethod} {
		*f = strings.TrimSpace(*f)
	}
	s.AccessibilityNote = strings.TrimSpace(s.AccessibilityNote)
	s.Accessibility = uniqueTrimmed(s.Accessibility)
	if !slices.Contains(s.Accessibility, AccessibilityOther) && s.AccessibilityNote != "" {
		s.Accessibility = append(s.Accessibility, AccessibilityOther) // a description is a need of its own
	}
	s.Name = strings.Join(strings.Fields(s.Name), " ")
	s.NIK = nik.Normalize(s.NIK)
	s.Email = strings.ToLower(s.Email)
	if s.RequesterKind == "badan_hukum" {
		s.NIK = ""
	} else {
		s.EntitySKNumber = ""
	}
}

var phonePattern = regexp.MustCompile(`^\+?[0-9 ()-]{8,24}$`)

// Validate checks a normalized submission against Pasal 22(2) UU 14/2008 and Perki 1/2021.
func (s *Submission) Validate() FieldErrors {
	errs := FieldErrors{}
	required := func(key, value, message string) bool {
		if value == "" {
			errs[key] = message
			return false
		}
		return true
	}
	maxLen := func(key, value string, n int) {
		if utf8.RuneCountInString(value) > n {
			errs[key] = "Terlalu panjang: paling banyak " + strconv.Itoa(n) + " karakter."
		}
	}
	textOK := func(key, value string) {
		if !utf8.ValidString(value) || strings.ContainsRune(value, 0) {
			errs[key] = "Berisi karakter yang tidak valid."
		}
	}

	if required("requester.kind", s.RequesterKind, "Pilih jenis pemohon.") && !valid(RequesterKinds, s.RequesterKind) {
		errs["requester.kind"] = "Jenis pemohon tidak dikenal."
	}
	if required("requester.name", s.Name, "Nama lengkap wajib diisi.") {
		maxLen("requester.name", s.Name, 200)
	}
	switch s.RequesterKind {
	case "badan_hukum":
		if required("requester.entity_sk_number", s.EntitySKNumber, "Nomor SK pengesahan badan hukum wajib diisi.") {
			maxLen("requester.entity_sk_number", s.EntitySKNumber, 100)
		}
	case "perorangan", "kelompok":
		if required("requester.nik", s.NIK, "NIK wajib diisi (16 digit, sesuai KTP).") {
			if msg := nik.Validate(s.NIK); msg != "" {
				errs["requester.nik"] = msg
			}
		}
	}
	if required("requester.address", s.Address, "Alamat wajib diisi.") {
		maxLen("requester.address", s.Address, 500)
	}
	if required("requester.phone", s.Phone, "Nomor telepon wajib diisi.") {
		digits := countDigits(s.Phone)
		if !phonePattern.MatchString(s.Phone) || digits < 8 || digits > 15 {
			errs["requester.phone"] = "Nomor telepon tidak valid, contoh: 0812 3456 7890."
		}
	}
	if s.Email != "" {
		if a, err := mail.ParseAddress(s.Email); err != nil || a.Address != s.Email || len(s.Email) > 254 {
			errs["requester.email"] = "Alamat e-mail tidak valid, contoh: nama@contoh.id."
		}
	} else if s.DeliveryMethod == "email" {
		errs["requester.email"] = "Alamat e-mail wajib diisi bila informasi dikirim lewat e-mail."
	}
	if required("requester.occupation", s.Occupation, "Pekerjaan wajib diisi.") {
		maxLen("requester.occupation", s.Occupation, 100)
	}
	if required("information", s.Information, "Rincian informasi yang dibutuhkan wajib diisi.") {
		if utf8.RuneCountInString(s.Information) < 10 {
			errs["information"] = "Jelaskan informasi yang dibutuhkan (paling sedikit 10 karakter)."
		}
		maxLen("information", s.Information, 5000)
	}
	if required("purpose", s.Purpose, "Tujuan penggunaan informasi wajib diisi.") {
		maxLen("purpose", s.Purpose, 2000)
	}
	if required("obtain_method", s.ObtainMethod, "Pilih cara memperoleh informasi.") && !valid(ObtainMethods, s.ObtainMethod) {
		errs["obtain_method"] = "Cara memperoleh informasi tidak dikenal."
	}
	if required("delivery_method", s.DeliveryMethod, "Pilih cara mendapatkan salinan informasi.") && !valid(DeliveryMethods, s.DeliveryMethod) {
		errs["delivery_method"] = "Cara mendapatkan salinan informasi tidak dikenal."
	}
	// Perki 1/2021 Pasal 5(5), 24: accessible forms are offered, never required.
	for _, n := range s.Accessibility {
		if !valid(AccessibilityNeeds, n) {
			errs["accessibility.needs"] = "Bentuk informasi yang mudah diakses tidak dikenal."
		}
	}
	if slices.Contains(s.Accessibility, AccessibilityOther) && s.AccessibilityNote == "" {
		errs["accessibility.note"] = "Jelaskan bentuk lain yang Anda butuhkan."
	}
	maxLen("accessibility.note", s.AccessibilityNote, 500)
	if s.Identity != nil {
		if len(s.Identity.Content) == 0 {
			errs["identity.file"] = "Berkas dokumen identitas kosong."
		}
		if !valid(IdentityKinds, s.Identity.Kind) {
			errs["identity.kind"] = "Pilih jenis dokumen identitas."
		}
	}
	for key, v := range map[string]string{"accessibility.note": s.AccessibilityNote, "requester.name": s.Name, "requester.address": s.Address,
		"requester.occupation": s.Occupation, "information": s.Information, "purpose": s.Purpose,
		"requester.entity_sk_number": s.EntitySKNumber} {
		if _, taken := errs[key]; !taken {
			textOK(key, v)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

func countDigits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// uniqueTrimmed trims each value and drops blanks and repeats, keeping the order.
func uniqueTrimmed(vs []string) []string {
	var out []string
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}
