package nik

import (
	"slices"
	"testing"
)

const (
	valid   = ""
	bad     = "NIK harus 16 digit angka."
	badReg  = "Kode wilayah NIK tidak dikenal."
	badDate = "Tanggal lahir pada NIK tidak valid."
	badSer  = "Nomor urut NIK tidak boleh 0000."
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		nik  string
		want string
	}{
		{"male 15 Jan 1990", "3201011501900001", valid},
		{"female 15 Jan 1990", "3201015501900002", valid},
		{"female day 41", "3201014101900001", valid},
		{"female day 71", "3171037112850123", valid},
		{"male day 31", "3171033112859999", valid},
		{"Papua Barat Daya", "9601010101010001", valid},
		{"Kalimantan Utara", "6501010101010001", valid},
		{"Kepulauan Riau", "2171010101010001", valid},
		{"Aceh", "1101010101010001", valid},

		{"empty", "", bad},
		{"15 digits", "320101150190000", bad},
		{"17 digits", "32010115019000011", bad},
		{"letter", "32010115019O0001", bad},
		{"space inside", "3201 01150190001", bad},
		{"dashes not normalized", "32-01-01-1501900", bad},
		{"Arabic-Indic digit, 16 bytes", "32010115019000\u0661", bad},
		{"full-width digit, 16 bytes", "3201011501900\uff11", bad},

		{"province 00", "0001011501900001", badReg},
		{"province 10", "1001011501900001", badReg},
		{"province 20", "2001011501900001", badReg},
		{"province 22", "2201011501900001", badReg},
		{"province 37", "3701011501900001", badReg},
		{"province 98", "9801011501900001", badReg},
		{"province 99", "9901011501900001", badReg},
		{"regency 00", "3200011501900001", badReg},
		{"district 00", "3201001501900001", badReg},

		{"day 00", "3201010001900001", badDate},
		{"day 32", "3201013201900001", badDate},
		{"day 40", "3201014001900001", badDate},
		{"day 72", "3201017201900001", badDate},
		{"day 99", "3201019901900001", badDate},
		{"month 00", "3201011500900001", badDate},
		{"month 13", "3201011513900001", badDate},
		{"31 April", "3201013104900001", badDate},
		{"female 31 April", "3201017104900001", badDate},
		{"30 February", "3201013002900001", badDate},

		{"29 Feb 2004", "3201012902040001", valid},
		{"female 29 Feb 1996", "3201016902960001", valid},
		{"29 Feb 00 leap in 2000 though not 1900", "3201012902000001", valid},
		{"29 Feb 01 in neither century", "3201012902010001", badDate},
		{"female 29 Feb 99", "3201016902990001", badDate},
		{"28 Feb 01", "3201012802010001", valid},

		{"serial 0000", "3201011501900000", badSer},
		{"serial 0001", "3201011501900001", valid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Validate(tt.nik); got != tt.want {
				t.Errorf("Validate(%q) = %q, want %q", tt.nik, got, tt.want)
			}
		})
	}
}

func TestValidateProvinces(t *testing.T) {
	known := []int{
		11, 12, 13, 14, 15, 16, 17, 18, 19, 21,
		31, 32, 33, 34, 35, 36,
		51, 52, 53,
		61, 62, 63, 64, 65,
		71, 72, 73, 74, 75, 76,
		81, 82,
		91, 92, 93, 94, 95, 96, 97,
	}
	for code := 0; code <= 99; code++ {
		n := string([]byte{byte('0' + code/10), byte('0' + code%10)}) + "01011501900001"
		want := badReg
		if slices.Contains(known, code) {
			want = valid
		}
		if got := Validate(n); got != want {
			t.Errorf("Validate(%q) = %q, want %q", n, got, want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"3201011501900001", "3201011501900001"},
		{"3201 0115 0190 0001", "3201011501900001"},
		{" 32.01.01.150190.0001 ", "3201011501900001"},
		{"32-01-01-150190-0001", "3201011501900001"},
		{"3201\t011501900001\n", "3201011501900001"},
		{"3201\u00a0011501900001", "3201011501900001"},
		{"32O1", "32O1"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeThenValidate(t *testing.T) {
	if got := Validate(Normalize("3201.0115-0190 0001")); got != "" {
		t.Errorf("typed NIK rejected after Normalize: %q", got)
	}
}

func TestMask(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"3201011501900001", "32**********0001"},
		{"9601015501999876", "96**********9876"},
		{"", "****************"},
		{"3201", "****************"},
		{"32010115019000011", "****************"},
	}
	for _, tt := range tests {
		if got := Mask(tt.in); got != tt.want {
			t.Errorf("Mask(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
