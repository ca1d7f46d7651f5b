package portal_test

import (
	"maps"
	"regexp"
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka/internal/portal"
)

const thisYear = 2026

// complete is a Meta with every required field valid.
func complete() portal.Meta {
	return portal.Meta{Title: "Laporan Keuangan 2025", Category: "berkala", UnitID: 3, Year: 2025,
		Summary: "Laporan realisasi anggaran semester kedua.", Keywords: "keuangan, anggaran", Form: "softcopy",
		Responsible: "Kepala BPKAD", MadePlace: "Bandung", MadeTime: "Maret 2026", Retention: "10 tahun"}
}

func TestMetaNormalize(t *testing.T) {
	t.Parallel()
	m := portal.Meta{
		Title:       "  Laporan \t Keuangan\n 2025  ",
		Category:    " berkala ",
		Summary:     "\n Ringkasan  isi. \n",
		Keywords:    " Anggaran ;keuangan,\n anggaran , ,  Dana   Desa;KEUANGAN;;dana desa\n",
		Responsible: "  Sekretaris Dinas ",
		MadePlace:   " Bandung ",
		MadeTime:    " Januari 2026 ",
		Retention:   " 5 tahun ",
	}
	m.Normalize()
	want := portal.Meta{
		Title:       "Laporan Keuangan 2025",
		Category:    "berkala",
		Summary:     "Ringkasan  isi.", // trimmed only: the summary keeps its inner spacing
		Keywords:    "Anggaran, keuangan, Dana Desa",
		Responsible: "Sekretaris Dinas",
		MadePlace:   "Bandung",
		MadeTime:    "Januari 2026",
		Form:        "softcopy",
		Retention:   "5 tahun",
	}
	if m != want {
		t.Errorf("Normalize:\n got %+v\nwant %+v", m, want)
	}

	// A chosen form is kept (trimmed), not replaced by the default.
	h := portal.Meta{Form: " hardcopy "}
	h.Normalize()
	if h.Form != "hardcopy" || h.Keywords != "" {
		t.Errorf("form %q keywords %q, want hardcopy and no keywords", h.Form, h.Keywords)
	}

	// Normalizing twice changes nothing.
	again := m
	again.Normalize()
	if again != m {
		t.Errorf("second Normalize changed %+v into %+v", m, again)
	}
}

func TestMetaValidate(t *testing.T) {
	t.Parallel()
	long := func(n int) string { return strings.Repeat("é", n) } // runes, not bytes, are counted
	tests := []struct {
		name string
		edit func(*portal.Meta)
		want map[string]string
	}{
		{"complete", func(*portal.Meta) {}, map[string]string{}},
		{"title empty", func(m *portal.Meta) { m.Title = "" }, map[string]string{"title": "Judul wajib diisi."}},
		{"title at limit", func(m *portal.Meta) { m.Title = long(300) }, map[string]string{}},
		{"title too long", func(m *portal.Meta) { m.Title = long(301) },
			map[string]string{"title": "Judul paling panjang 300 karakter."}},
		{"category empty", func(m *portal.Meta) { m.Category = "" },
			map[string]string{"category": "Pilih kategori informasi: berkala, serta merta, atau setiap saat."}},
		{"category as label", func(m *portal.Meta) { m.Category = "Serta merta" },
			map[string]string{"category": "Pilih kategori informasi: berkala, serta merta, atau setiap saat."}},
		{"serta merta", func(m *portal.Meta) { m.Category = "serta_merta" }, map[string]string{}},
		{"setiap saat", func(m *portal.Meta) { m.Category = "setiap_saat" }, map[string]string{}},
		{"no unit", func(m *portal.Meta) { m.UnitID = 0 }, map[string]string{"unit_id": "Pilih unit yang menguasai informasi."}},
		{"negative unit", func(m *portal.Meta) { m.UnitID = -1 }, map[string]string{"unit_id": "Pilih unit yang menguasai informasi."}},
		{"year 1944", func(m *portal.Meta) { m.Year = 1944 }, map[string]string{"year": "Tahun harus antara 1945 dan 2026."}},
		{"year 1945", func(m *portal.Meta) { m.Year = 1945 }, map[string]string{}},
		{"year this year", func(m *portal.Meta) { m.Year = thisYear }, map[string]string{}},
		{"year next year", func(m *portal.Meta) { m.Year = thisYear + 1 }, map[string]string{"year": "Tahun harus antara 1945 dan 2026."}},
		{"year missing", func(m *portal.Meta) { m.Year = 0 }, map[string]string{"year": "Tahun harus antara 1945 dan 2026."}},
		{"summary empty", func(m *portal.Meta) { m.Summary = "" },
			map[string]string{"summary": "Ringkasan isi informasi wajib diisi (kolom DIP)."}},
		{"summary at limit", func(m *portal.Meta) { m.Summary = long(4000) }, map[string]string{}},
		{"summary too long", func(m *portal.Meta) { m.Summary = long(4001) },
			map[string]string{"summary": "Ringkasan paling panjang 4000 karakter."}},
		{"keywords empty", func(m *portal.Meta) { m.Keywords = "" }, map[string]string{}},
		{"keywords at limit", func(m *portal.Meta) { m.Keywords = long(500) }, map[string]string{}},
		{"keywords too long", func(m *portal.Meta) { m.Keywords = long(501) },
			map[string]string{"keywords": "Kata kunci paling panjang 500 karakter."}},
		{"responsible too long", func(m *portal.Meta) { m.Responsible = long(201) },
			map[string]string{"responsible": "Paling panjang 200 karakter."}},
		{"made place too long", func(m *portal.Meta) { m.MadePlace = long(201) },
			map[string]string{"made_place": "Paling panjang 200 karakter."}},
		{"made time too long", func(m *portal.Meta) { m.MadeTime = long(201) },
			map[string]string{"made_time": "Paling panjang 200 karakter."}},
		{"retention too long", func(m *portal.Meta) { m.Retention = long(201) },
			map[string]string{"retention": "Paling panjang 200 karakter."}},
		{"short fields at limit", func(m *portal.Meta) {
			m.Responsible, m.MadePlace, m.MadeTime, m.Retention = long(200), long(200), long(200), long(200)
		}, map[string]string{}},
		{"a DIP column empty", func(m *portal.Meta) { m.MadePlace = "  " },
			map[string]string{"made_place": "Tempat pembuatan wajib diisi (kolom DIP)."}},
		{"form empty", func(m *portal.Meta) { m.Form = "" },
			map[string]string{"form": "Pilih bentuk informasi: softcopy, hardcopy, atau keduanya."}},
		{"form unknown", func(m *portal.Meta) { m.Form = "mikrofilm" },
			map[string]string{"form": "Pilih bentuk informasi: softcopy, hardcopy, atau keduanya."}},
		{"form both", func(m *portal.Meta) { m.Form = "softcopy_hardcopy" }, map[string]string{}},
		{"everything wrong", func(m *portal.Meta) { *m = portal.Meta{} }, map[string]string{
			"title":       "Judul wajib diisi.",
			"category":    "Pilih kategori informasi: berkala, serta merta, atau setiap saat.",
			"unit_id":     "Pilih unit yang menguasai informasi.",
			"year":        "Tahun harus antara 1945 dan 2026.",
			"summary":     "Ringkasan isi informasi wajib diisi (kolom DIP).",
			"responsible": "Penanggung jawab wajib diisi (kolom DIP).",
			"made_place":  "Tempat pembuatan wajib diisi (kolom DIP).",
			"made_time":   "Waktu pembuatan wajib diisi (kolom DIP).",
			"retention":   "Jangka waktu penyimpanan wajib diisi (kolom DIP).",
			"form":        "Pilih bentuk informasi: softcopy, hardcopy, atau keduanya.",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := complete()
			tt.edit(&m)
			got := m.Validate(thisYear)
			if !maps.Equal(map[string]string(got), tt.want) {
				t.Errorf("Validate = %v, want %v", got, tt.want)
			}
		})
	}
}

// The form a visitor leaves empty is filled by Normalize, so a normalized empty form passes.
func TestMetaNormalizeThenValidate(t *testing.T) {
	t.Parallel()
	m := complete()
	m.Form = ""
	m.Title = "   "
	m.Normalize()
	got := m.Validate(thisYear)
	want := map[string]string{"title": "Judul wajib diisi."}
	if !maps.Equal(map[string]string(got), want) {
		t.Errorf("Validate after Normalize = %v, want %v", got, want)
	}
	// Duplicate keywords collapse before the length is counted: 100 copies of one word are one word.
	k := complete()
	k.Keywords = strings.Repeat("anggaran, ", 100)
	k.Normalize()
	if k.Keywords != "anggaran" {
		t.Fatalf("keywords %q, want one", k.Keywords)
	}
	if errs := k.Validate(thisYear); len(errs) != 0 {
		t.Errorf("Validate = %v, want none", errs)
	}
}

func TestMetaScanText(t *testing.T) {
	t.Parallel()
	m := portal.Meta{Title: "Judul", Summary: "Ringkasan", Keywords: "a, b", Responsible: "Tidak dipindai"}
	if got, want := m.ScanText(), "Judul\nRingkasan\na, b"; got != want {
		t.Errorf("ScanText = %q, want %q", got, want)
	}
}

var slugShape = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func TestSlug(t *testing.T) {
	t.Parallel()
	tests := []struct{ title, want string }{
		{"Laporan Keuangan 2025", "laporan-keuangan-2025"},
		{"Rencana Strategis (Renstra) 2025–2029: Dinas Pendidikan!", "rencana-strategis-renstra-2025-2029-dinas-pendidikan"},
		{"Déjà vu à Bogor — Édition spéciale", "deja-vu-a-bogor-edition-speciale"},
		{"ﬁnal", "final"}, // compatibility forms decompose: the ligature becomes "fi"
		{"  --Laporan__Tahunan--  ", "laporan-tahunan"},
		{"SK No. 12/KPTS/2026", "sk-no-12-kpts-2026"},
		{"APBD 2026", "apbd-2026"},
		{"", "dokumen"},
		{"   ", "dokumen"},
		{"!!! ??? ...", "dokumen"},
		{"数据公开", "dokumen"}, // letters without an ASCII form fall away
		{"Data 数据 2026", "data-2026"},
		{strings.Repeat("a", 100), strings.Repeat("a", 80)},
		// Thirteen five-letter words: the cut falls inside the fourteenth word, at 80 characters.
		{strings.Repeat("kasus ", 20), strings.TrimSuffix(strings.Repeat("kasus-", 13), "-") + "-ka"},
	}
	for _, tt := range tests {
		got := portal.Slug(tt.title)
		if got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.title, got, tt.want)
		}
		if !slugShape.MatchString(got) || len(got) > 80 {
			t.Errorf("Slug(%q) = %q: not lower-case ASCII words joined by single hyphens, at most 80", tt.title, got)
		}
	}
}

// The cap is 80 characters even when a word ends at character 79 (a hyphen and one more letter
// used to make 81).
func TestSlugCapWhenAWordEndsJustBeforeTheLimit(t *testing.T) {
	t.Parallel()
	title := strings.Repeat("abcd ", 16) + "xyz" // 16 words of 4 letters = 79 characters with hyphens
	got := portal.Slug(title)
	if len(got) > 80 {
		t.Errorf("Slug gave %d characters %q, want at most 80", len(got), got)
	}
	if want := strings.TrimSuffix(strings.Repeat("abcd-", 16), "-"); got != want {
		t.Errorf("Slug = %q, want %q", got, want)
	}
}

func TestPortalDocType(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"application/pdf": "pdf",
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document": "dokumen",
		"application/vnd.oasis.opendocument.text":                                 "dokumen",
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":       "lembar_kerja",
		"application/vnd.oasis.opendocument.spreadsheet":                          "lembar_kerja",
		"text/csv":        "lembar_kerja",
		"image/png":       "gambar",
		"image/jpeg":      "gambar",
		"text/plain":      "teks",
		"application/zip": "arsip",
		"image/gif":       "arsip",
		"":                "arsip",
	}
	for ct, want := range tests {
		got := portal.DocType(ct)
		if got != want {
			t.Errorf("DocType(%q) = %q, want %q", ct, got, want)
		}
		if !portal.IsDocType(got) {
			t.Errorf("DocType(%q) = %q is not a filter value", ct, got)
		}
	}
}

func TestPortalPreviewableAndCodes(t *testing.T) {
	t.Parallel()
	for ct, want := range map[string]bool{"application/pdf": true, "image/png": true, "image/jpeg": true, "text/plain": true,
		"text/csv": false, "application/zip": false, "application/vnd.oasis.opendocument.text": false} {
		if got := portal.Previewable(ct); got != want {
			t.Errorf("Previewable(%q) = %v, want %v", ct, got, want)
		}
	}
	checks := []struct {
		fn   func(string) bool
		code string
		want bool
	}{
		{portal.IsCategory, "berkala", true}, {portal.IsCategory, "serta_merta", true}, {portal.IsCategory, "setiap_saat", true},
		{portal.IsCategory, "dikecualikan", false}, {portal.IsCategory, "", false},
		{portal.IsForm, "softcopy", true}, {portal.IsForm, "hardcopy", true}, {portal.IsForm, "softcopy_hardcopy", true},
		{portal.IsForm, "Softcopy", false},
		{portal.IsDocType, "pdf", true}, {portal.IsDocType, "arsip", true}, {portal.IsDocType, "exe", false},
	}
	for _, c := range checks {
		if got := c.fn(c.code); got != c.want {
			t.Errorf("check of %q = %v, want %v", c.code, got, c.want)
		}
	}
}

var publicID = regexp.MustCompile(`^[a-z0-9]{10}$`)

func TestPortalNewPublicID(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 2000 {
		id := portal.NewPublicID()
		if !publicID.MatchString(id) {
			t.Fatalf("NewPublicID() = %q, want ^[a-z0-9]{10}$ (the database CHECK)", id)
		}
		// rand.Text is base32 (A–Z, 2–7), lower-cased: 0, 1, 8 and 9 never appear.
		if strings.ContainsAny(id, "0189") {
			t.Fatalf("NewPublicID() = %q has a digit outside base32", id)
		}
		if seen[id] {
			t.Fatalf("NewPublicID() repeated %q within 2000 draws", id)
		}
		seen[id] = true
	}
}
