package stem

import "testing"

func TestRoot(t *testing.T) {
	for w, want := range map[string]string{
		"perencanaan": "rencana", "merencanakan": "rencana", "direncanakan": "rencana", "rencana": "rencana",
		"pengelolaan": "kelola", "mengelola": "kelola", "dikelola": "kelola", "pembangunan": "bangun", "membangun": "bangun",
		"pendidikan": "didik", "kesehatan": "sehat", "keuangan": "uang", "perizinan": "izin", "penerimaan": "terima",
		"pemeliharaan": "pelihara", "penanggulangan": "tanggulang", "tanggulangi": "tanggulang", "perekaman": "rekam",
		"penyalurannya": "salur", "pemberdayaan": "daya", "pengukuran": "ukur", "penyedia": "sedia", "pemeriksa": "periksa",
		"pelatihan": "latih", "pelatihan-pelatihan": "latih", "belajar": "ajar", "menulis": "tulis", "memilih": "pilih",
		"menyusun": "susun", "penganggaran": "anggaran", "anggaran": "anggaran", "bantuannya": "bantu",
	} {
		if got, ok := Root(w); got != want || !ok {
			t.Errorf("Root(%q) = %q, %v; want %q", w, got, ok, want)
		}
	}
	for _, w := range []string{"kabupaten", "mikro", "stunting", "apbd", "2026"} {
		if got, ok := Root(w); ok || got != w {
			t.Errorf("Root(%q) = %q, %v; an unknown word stays as it is", w, got, ok)
		}
	}
	if got, ok := Root("kegiatan-kegiatan"); got != "kegiatan" || !ok {
		t.Errorf("reduplication with an unknown root: %q %v", got, ok)
	}
}

func TestRootsAndQuery(t *testing.T) {
	if got := Roots("Musyawarah Perencanaan Pembangunan: rencana dan perencanaan.", 1000); got != "rencana bangun" {
		t.Errorf("Roots = %q", got)
	}
	for q, want := range map[string]string{
		"perencanaan pembangunan":          "rencana bangun",
		`"perencanaan pembangunan" daerah`: `"perencanaan pembangunan" daerah`,
		"pengelolaan or -pembangunan":      "kelola or -bangun",
		"Stunting":                         "stunting",
	} {
		if got := Query(q); got != want {
			t.Errorf("Query(%q) = %q, want %q", q, got, want)
		}
	}
}
