package request

import (
	"strings"
	"testing"
)

func validSubmission() Submission {
	return Submission{RequesterKind: "perorangan", Name: "Siti Aminah", NIK: "3273014507900003",
		Address: "Jl. Cihampelas 12", Phone: "0812 2233 4455", Email: "siti@contoh.id", Occupation: "Guru",
		Information: "Salinan RKA Dinas Pendidikan 2026", Purpose: "Riset", ObtainMethod: "softcopy", DeliveryMethod: "email"}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Submission)
		want   []string // keys with errors; none means valid
	}{
		{"valid individual", func(*Submission) {}, nil},
		{"NIK typed with spaces and dots", func(s *Submission) { s.NIK = "3273.0145 0790-0003" }, nil},
		{"group identifies by NIK", func(s *Submission) { s.RequesterKind = "kelompok" }, nil},
		{"legal entity by SK number", func(s *Submission) {
			s.RequesterKind = "badan_hukum"
			s.NIK = ""
			s.EntitySKNumber = "AHU-0012345.AH.01.04"
		}, nil},
		{"legal entity without SK", func(s *Submission) { s.RequesterKind = "badan_hukum" }, []string{"requester.entity_sk_number"}},
		{"individual without NIK", func(s *Submission) { s.NIK = "" }, []string{"requester.nik"}},
		{"NIK with impossible birth date", func(s *Submission) { s.NIK = "3273013202900003" }, []string{"requester.nik"}},
		{"unknown kind", func(s *Submission) { s.RequesterKind = "robot" }, []string{"requester.kind"}},
		{"everything empty", func(s *Submission) { *s = Submission{} }, []string{"requester.kind", "requester.name", "requester.address",
			"requester.phone", "requester.occupation", "information", "purpose", "obtain_method", "delivery_method"}},
		{"landline with area code in brackets", func(s *Submission) { s.Phone = "(0274) 512 345" }, nil},
		{"international mobile", func(s *Submission) { s.Phone = "+62 811 3900 800" }, nil},
		{"phone too short", func(s *Submission) { s.Phone = "12345" }, []string{"requester.phone"}},
		{"phone with letters", func(s *Submission) { s.Phone = "0812-CALL-ME" }, []string{"requester.phone"}},
		{"bad e-mail", func(s *Submission) { s.Email = "siti@" }, []string{"requester.email"}},
		{"e-mail with display name", func(s *Submission) { s.Email = "Siti <siti@contoh.id>" }, []string{"requester.email"}},
		{"no e-mail, delivered by hand", func(s *Submission) { s.Email = ""; s.DeliveryMethod = "ambil_langsung" }, nil},
		{"no e-mail but delivery by e-mail", func(s *Submission) { s.Email = "" }, []string{"requester.email"}},
		{"information too short", func(s *Submission) { s.Information = "data" }, []string{"information"}},
		{"information too long", func(s *Submission) { s.Information = strings.Repeat("a", 5001) }, []string{"information"}},
		{"unknown obtain method", func(s *Submission) { s.ObtainMethod = "fax" }, []string{"obtain_method"}},
		{"unknown delivery method", func(s *Submission) { s.DeliveryMethod = "drone" }, []string{"delivery_method"}},
		{"NUL byte in text", func(s *Submission) { s.Purpose = "riset\x00" }, []string{"purpose"}},
		{"invalid UTF-8", func(s *Submission) { s.Name = "Siti \xff" }, []string{"requester.name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSubmission()
			tt.change(&s)
			s.Normalize()
			errs := s.Validate()
			if len(errs) != len(tt.want) {
				t.Fatalf("errors %v, want keys %v", errs, tt.want)
			}
			for _, k := range tt.want {
				if errs[k] == "" {
					t.Errorf("no message for %s in %v", k, errs)
				}
			}
		})
	}
}

func TestNormalizeDropsTheIdentifierOfTheOtherKind(t *testing.T) {
	s := validSubmission()
	s.RequesterKind = "badan_hukum"
	s.EntitySKNumber = " AHU-1 "
	s.Normalize()
	if s.NIK != "" || s.EntitySKNumber != "AHU-1" {
		t.Errorf("legal entity keeps NIK %q / SK %q", s.NIK, s.EntitySKNumber)
	}
	s = validSubmission()
	s.EntitySKNumber = "AHU-1"
	s.Name = "  Siti   Aminah "
	s.Email = "Siti@Contoh.ID"
	s.Normalize()
	if s.EntitySKNumber != "" || s.Name != "Siti Aminah" || s.Email != "siti@contoh.id" {
		t.Errorf("normalized %+v", s)
	}
}
