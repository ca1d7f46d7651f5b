// Package skm is the citizens' satisfaction survey (Survei Kepuasan Masyarakat) of PermenPAN-RB
// No. 14 Tahun 2017: its nine elements with their official answer wording, the index (IKM) and
// its grade, the minimum sample, and the service that records answers and summarises them.
package skm

import "github.com/terbuka-id/terbuka/internal/request"

// Element is one unsur of the survey, asked on the 1–4 scale.
type Element struct {
	Code     string    // U1 … U9, in the regulation's order
	Name     string    // the element's name in the regulation
	Question string    // the question as the questionnaire asks it
	Answers  [4]string // the wording of scores 1, 2, 3 and 4
}

// Elements are the nine elements of PermenPAN-RB 14/2017 (Lampiran), in order, each with the
// per-element wording of its four answers as the regulation's sample questionnaire words them.
var Elements = [9]Element{
	{"U1", "Persyaratan", "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
		[4]string{"Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"}},
	{"U2", "Sistem, mekanisme dan prosedur", "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
		[4]string{"Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"}},
	{"U3", "Waktu penyelesaian", "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
		[4]string{"Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"}},
	{"U4", "Biaya/tarif", "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
		[4]string{"Sangat mahal", "Cukup mahal", "Murah", "Gratis"}},
	{"U5", "Produk spesifikasi jenis pelayanan", "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
		[4]string{"Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"}},
	{"U6", "Kompetensi pelaksana", "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
		[4]string{"Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"}},
	{"U7", "Perilaku pelaksana", "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
		[4]string{"Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"}},
	{"U8", "Penanganan pengaduan, saran dan masukan", "Bagaimana pendapat Saudara tentang penanganan pengaduan, saran dan masukan pengguna layanan?",
		[4]string{"Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"}},
	{"U9", "Sarana dan prasarana", "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
		[4]string{"Buruk", "Cukup", "Baik", "Sangat baik"}},
}

// ElementByCode finds an element; ok is false for an unknown code.
func ElementByCode(code string) (Element, bool) {
	for _, e := range Elements {
		if e.Code == code {
			return e, true
		}
	}
	return Element{}, false
}

// Options are the element's four answers as form choices, score first ("1" … "4").
func (e Element) Options() []request.Option {
	out := make([]request.Option, 4)
	for i, a := range e.Answers {
		out[i] = request.Option{Code: string(rune('1' + i)), Label: a}
	}
	return out
}

// The respondent's optional profile, as the published SKM report groups it.
var (
	Genders   = []request.Option{{Code: "laki_laki", Label: "Laki-laki"}, {Code: "perempuan", Label: "Perempuan"}}
	AgeGroups = []request.Option{{Code: "lt20", Label: "Di bawah 20 tahun"}, {Code: "20_29", Label: "20–29 tahun"},
		{Code: "30_39", Label: "30–39 tahun"}, {Code: "40_49", Label: "40–49 tahun"}, {Code: "50_59", Label: "50–59 tahun"},
		{Code: "60plus", Label: "60 tahun ke atas"}}
	Educations = []request.Option{{Code: "sd", Label: "SD atau di bawahnya"}, {Code: "smp", Label: "SMP/sederajat"},
		{Code: "sma", Label: "SMA/sederajat"}, {Code: "diploma", Label: "Diploma (D1–D4)"}, {Code: "s1", Label: "S1"},
		{Code: "s2plus", Label: "S2 ke atas"}}
	Occupations = []request.Option{{Code: "pns", Label: "PNS/TNI/Polri"}, {Code: "swasta", Label: "Pegawai swasta"},
		{Code: "wiraswasta", Label: "Wiraswasta/usahawan"}, {Code: "pelajar", Label: "Pelajar/mahasiswa"},
		{Code: "lainnya", Label: "Lainnya"}}
)

// ProfileField is one question of the profile with its choices, in the order forms and reports show them.
type ProfileField struct {
	Key     string // the form and JSON key: gender, age_group, education, occupation
	Label   string
	Options []request.Option
}

// ProfileFields are the four optional profile questions.
var ProfileFields = []ProfileField{
	{"gender", "Jenis kelamin", Genders},
	{"age_group", "Usia", AgeGroups},
	{"education", "Pendidikan terakhir", Educations},
	{"occupation", "Pekerjaan", Occupations},
}

// Channels a response comes in by.
const (
	ChannelWeb  = "web"  // the requester answered the invitation online
	ChannelDesk = "desk" // an officer typed in a paper form filled at the desk
)
