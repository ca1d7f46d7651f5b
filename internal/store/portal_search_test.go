package store_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/portal"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

// portalDoc is a publication as the search tests need it; zero values take the defaults of add.
type portalDoc struct {
	title, category, summary, keywords, body, docType string
	unit                                              int64
	year                                              int
	status                                            string // "published" (default), "draft" or "unpublished"
}

// portalFixture is a database with two units; each item added is published an hour after the last,
// so the newest is the last added.
type portalFixture struct {
	t            *testing.T
	s            *store.Store
	unitA, unitB int64
	ppid         int64 // a PPID of unit A
	at           time.Time
}

func newPortalFixture(t *testing.T) *portalFixture {
	t.Helper()
	f := &portalFixture{t: t, s: testdb.Store(t), at: time.Date(2026, 1, 5, 9, 0, 0, 0, wib)}
	var err error
	if f.unitA, err = f.s.CreateUnit(context.Background(), "Dinas Pendidikan"); err != nil {
		t.Fatal(err)
	}
	if f.unitB, err = f.s.CreateUnit(context.Background(), "Dinas Kesehatan"); err != nil {
		t.Fatal(err)
	}
	if f.ppid, err = f.s.CreateUser(context.Background(), store.NewUser{Email: "ppid@uji.test", Name: "PPID",
		Role: "ppid", UnitID: f.unitA, PasswordHash: "x"}, nil); err != nil {
		t.Fatal(err)
	}
	return f
}

var portalContentTypes = map[string]string{"pdf": "application/pdf", "teks": "text/plain", "lembar_kerja": "text/csv",
	"dokumen": "application/vnd.oasis.opendocument.text", "gambar": "image/png", "arsip": "application/zip"}

func (f *portalFixture) add(d portalDoc) int64 {
	f.t.Helper()
	ctx := context.Background()
	if d.category == "" {
		d.category = "berkala"
	}
	if d.unit == 0 {
		d.unit = f.unitA
	}
	if d.year == 0 {
		d.year = 2025
	}
	if d.summary == "" {
		d.summary = "Ringkasan."
	}
	if d.docType == "" {
		d.docType = "pdf"
	}
	f.at = f.at.Add(time.Hour)
	sum := sha256.Sum256([]byte(d.title + d.body))
	id, err := f.s.CreatePublication(ctx, store.NewPublication{
		PublicationFields: store.PublicationFields{Title: d.title, Category: d.category, UnitID: d.unit, Year: d.year,
			Summary: d.summary, Keywords: d.keywords, Form: "softcopy", PIIFindings: json.RawMessage("[]")},
		PublicID: portal.NewPublicID(), SHA256: hex.EncodeToString(sum[:]), ContentType: portalContentTypes[d.docType],
		Filename: "berkas", DocType: d.docType, Size: int64(len(d.body)), BodyText: d.body, TextChecked: true, ActorLabel: "Uji", At: f.at,
	})
	if err != nil {
		f.t.Fatal(err)
	}
	if d.status == "draft" {
		return id
	}
	if err := f.s.PublishPublication(ctx, id, sql.NullInt64{}, "Uji", f.at); err != nil {
		f.t.Fatal(err)
	}
	if d.status == "unpublished" {
		if err := f.s.UnpublishPublication(ctx, id, f.ppid, "PPID", "ditarik", f.at); err != nil {
			f.t.Fatal(err)
		}
	}
	return id
}

func (f *portalFixture) search(q store.PortalFilter) store.PortalPage {
	f.t.Helper()
	if q.Limit == 0 {
		q.Limit = 20
	}
	page, err := f.s.PortalSearch(context.Background(), q)
	if err != nil {
		f.t.Fatalf("PortalSearch(%+v): %v", q, err)
	}
	return page
}

func portalTitles(p store.PortalPage) []string {
	var ts []string
	for _, h := range p.Hits {
		ts = append(ts, h.Title)
	}
	return ts
}

// expect checks a page's titles in order, its total and whether it came from the title fallback.
func (f *portalFixture) expect(q store.PortalFilter, titles []string, total int, fuzzy bool) store.PortalPage {
	f.t.Helper()
	p := f.search(q)
	if got := portalTitles(p); !slices.Equal(got, titles) || p.Total != total || p.Fuzzy != fuzzy || p.Capped {
		f.t.Errorf("%+v:\n got %q total %d fuzzy %v capped %v\nwant %q total %d fuzzy %v", q, got, p.Total, p.Fuzzy, p.Capped,
			titles, total, fuzzy)
	}
	return p
}

func TestPortalSearchIndonesianStemming(t *testing.T) {
	f := newPortalFixture(t)
	f.add(portalDoc{title: "Penganggaran daerah tahun 2025", body: "Dokumen ini memuat rincian belanja pegawai."})
	f.add(portalDoc{title: "Profil Dinas Pendidikan", body: "Profil kegiatan sekolah."})
	f.add(portalDoc{title: "Jadwal pelayanan informasi", body: "Senin sampai Jumat."})

	f.expect(store.PortalFilter{Query: "anggaran"}, []string{"Penganggaran daerah tahun 2025"}, 1, false)
	f.expect(store.PortalFilter{Query: "pendidikan"}, []string{"Profil Dinas Pendidikan"}, 1, false)
	f.expect(store.PortalFilter{Query: "Pendidikan"}, []string{"Profil Dinas Pendidikan"}, 1, false)
	f.expect(store.PortalFilter{Query: "melayani"}, []string{"Jadwal pelayanan informasi"}, 1, false)
	// Words in the body only are found too.
	f.expect(store.PortalFilter{Query: "belanja rincian"}, []string{"Penganggaran daerah tahun 2025"}, 1, false)
	// Every word must match; with no full-text match the title fallback answers, here with nothing.
	f.expect(store.PortalFilter{Query: "anggaran sekolah"}, nil, 0, true)
}

func TestPortalSearchRanksTitleBeforeSummaryBeforeBody(t *testing.T) {
	f := newPortalFixture(t)
	// Added oldest first: ranking, not date, must put the title match on top.
	f.add(portalDoc{title: "Laporan irigasi desa", body: "Laporan tahunan."})
	f.add(portalDoc{title: "Program kerja dinas", summary: "Pembangunan jaringan irigasi tersier.", body: "Program."})
	f.add(portalDoc{title: "Rencana kerja tahunan", body: "Pemerintah desa memperbaiki saluran irigasi di tiga dusun."})

	p := f.expect(store.PortalFilter{Query: "irigasi"},
		[]string{"Laporan irigasi desa", "Program kerja dinas", "Rencana kerja tahunan"}, 3, false)
	if len(p.Hits) == 3 && !(p.Hits[0].Rank > p.Hits[1].Rank && p.Hits[1].Rank > p.Hits[2].Rank && p.Hits[2].Rank == 0) {
		t.Errorf("ranks %v %v %v: want title > summary > body-only (0)", p.Hits[0].Rank, p.Hits[1].Rank, p.Hits[2].Rank)
	}
	// Keywords weigh as much as the title.
	f.add(portalDoc{title: "Data pertanian", keywords: "irigasi, sawah", body: "Data."})
	p = f.search(store.PortalFilter{Query: "irigasi"})
	if got := portalTitles(p); len(got) != 4 || got[3] != "Rencana kerja tahunan" || p.Hits[0].Rank != p.Hits[1].Rank {
		t.Errorf("with a keyword match: %q ranks %v %v", got, p.Hits[0].Rank, p.Hits[1].Rank)
	}
	// Equal ranks: the newer first.
	if got := portalTitles(p); len(got) == 4 && (got[0] != "Data pertanian" || got[1] != "Laporan irigasi desa") {
		t.Errorf("equal ranks order %q, want the newer first", got)
	}
}

func TestPortalSearchFilters(t *testing.T) {
	f := newPortalFixture(t)
	f.add(portalDoc{title: "Anggaran pendidikan 2025", category: "berkala", unit: f.unitA, year: 2025, docType: "pdf"})
	f.add(portalDoc{title: "Anggaran kesehatan 2024", category: "serta_merta", unit: f.unitB, year: 2024, docType: "teks"})
	f.add(portalDoc{title: "Anggaran jalan 2025", category: "setiap_saat", unit: f.unitB, year: 2025, docType: "lembar_kerja"})
	f.add(portalDoc{title: "Anggaran air 2024", category: "berkala", unit: f.unitA, year: 2024, docType: "teks"})

	tests := []struct {
		name   string
		filter store.PortalFilter
		want   []string
	}{
		{"none", store.PortalFilter{}, []string{"Anggaran air 2024", "Anggaran jalan 2025", "Anggaran kesehatan 2024", "Anggaran pendidikan 2025"}},
		{"category", store.PortalFilter{Category: "berkala"}, []string{"Anggaran air 2024", "Anggaran pendidikan 2025"}},
		{"unit", store.PortalFilter{UnitID: f.unitB}, []string{"Anggaran jalan 2025", "Anggaran kesehatan 2024"}},
		{"year", store.PortalFilter{Year: 2025}, []string{"Anggaran jalan 2025", "Anggaran pendidikan 2025"}},
		{"doc type", store.PortalFilter{DocType: "teks"}, []string{"Anggaran air 2024", "Anggaran kesehatan 2024"}},
		{"all four", store.PortalFilter{Category: "berkala", UnitID: f.unitA, Year: 2025, DocType: "pdf"}, []string{"Anggaran pendidikan 2025"}},
		{"no match", store.PortalFilter{Category: "serta_merta", UnitID: f.unitA}, nil},
		{"unknown unit", store.PortalFilter{UnitID: f.unitB + 100}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, query := range []string{"", "anggaran"} {
				q := tt.filter
				q.Query = query
				page := f.search(q)
				// A search that finds nothing falls back to similar titles, under the same filters.
				fuzzy := query != "" && len(tt.want) == 0
				if got := portalTitles(page); !slices.Equal(got, tt.want) || page.Total != len(tt.want) || page.Fuzzy != fuzzy {
					t.Errorf("query %q: %q total %d fuzzy %v, want %q", query, got, page.Total, page.Fuzzy, tt.want)
				}
			}
		})
	}
	// A hit carries what the list shows.
	page := f.search(store.PortalFilter{Query: "kesehatan"})
	if len(page.Hits) != 1 {
		t.Fatalf("hits %+v", page.Hits)
	}
	h := page.Hits[0]
	if h.Category != "serta_merta" || h.UnitName != "Dinas Kesehatan" || h.Year != 2024 || h.DocType != "teks" ||
		h.ContentType != "text/plain" || h.Summary != "Ringkasan." || !h.PublishedAt.Equal(time.Date(2026, 1, 5, 11, 0, 0, 0, wib)) ||
		len(h.PublicID) != 10 {
		t.Errorf("hit %+v", h)
	}
}

func TestPortalSearchPagination(t *testing.T) {
	f := newPortalFixture(t)
	months := []string{"Januari", "Februari", "Maret", "April", "Mei"}
	for _, m := range months {
		f.add(portalDoc{title: "Laporan bulanan " + m, body: "Isi laporan."})
	}
	f.add(portalDoc{title: "Jadwal pelayanan", body: "Tidak terkait."})
	for _, query := range []string{"laporan", ""} {
		total := 5
		want := [][]string{{"Laporan bulanan Mei", "Laporan bulanan April"}, {"Laporan bulanan Maret", "Laporan bulanan Februari"},
			{"Laporan bulanan Januari"}}
		if query == "" {
			total = 6
			want = [][]string{{"Jadwal pelayanan", "Laporan bulanan Mei"}, {"Laporan bulanan April", "Laporan bulanan Maret"},
				{"Laporan bulanan Februari", "Laporan bulanan Januari"}}
		}
		for i, titles := range want {
			f.expect(store.PortalFilter{Query: query, Limit: 2, Offset: 2 * i}, titles, total, false)
		}
		// Past the last page there are no hits, and the total still says how many there are.
		f.expect(store.PortalFilter{Query: query, Limit: 2, Offset: 10}, nil, total, false)
	}
}

func TestPortalSearchOnlyPublished(t *testing.T) {
	f := newPortalFixture(t)
	f.add(portalDoc{title: "Anggaran rahasia draf", body: "Anggaran yang belum terbit.", status: "draft"})
	f.add(portalDoc{title: "Anggaran yang ditarik", body: "Anggaran lama.", status: "unpublished", year: 2023, unit: f.unitB})
	f.add(portalDoc{title: "Anggaran terbuka", body: "Anggaran yang terbit."})

	f.expect(store.PortalFilter{Query: "anggaran"}, []string{"Anggaran terbuka"}, 1, false)
	f.expect(store.PortalFilter{Query: "rahasia"}, nil, 0, true)
	f.expect(store.PortalFilter{Query: "ditarik"}, nil, 0, true)
	f.expect(store.PortalFilter{}, []string{"Anggaran terbuka"}, 1, false)
	// The title fallback does not reach them either.
	f.expect(store.PortalFilter{Query: "angaran"}, []string{"Anggaran terbuka"}, 1, true)

	counts, err := f.s.PortalCounts(context.Background())
	if err != nil || counts != (store.PortalCounts{Published: 1, Berkala: 1}) {
		t.Errorf("counts %+v %v", counts, err)
	}
	facets, err := f.s.PortalFacets(context.Background())
	if err != nil || len(facets.Units) != 1 || facets.Units[0].ID != f.unitA || !slices.Equal(facets.Years, []int{2025}) {
		t.Errorf("facets %+v %v", facets, err)
	}
	items, err := f.s.PublishedItems(context.Background(), 10)
	if err != nil || len(items) != 1 || items[0].Title != "Anggaran terbuka" {
		t.Errorf("published items %+v %v", items, err)
	}
}

func TestPortalSearchTrigramFallback(t *testing.T) {
	f := newPortalFixture(t)
	f.add(portalDoc{title: "Anggaran daerah 2025", body: "Rincian belanja."})
	f.add(portalDoc{title: "Jadwal pelayanan informasi", body: "Senin sampai Jumat."})

	p := f.expect(store.PortalFilter{Query: "angaran"}, []string{"Anggaran daerah 2025"}, 1, true)
	if len(p.Hits) == 1 && (p.Hits[0].Snippet != "" || p.Hits[0].Rank < 0.6 || p.Hits[0].Rank > 1) {
		t.Errorf("fuzzy hit snippet %q rank %v", p.Hits[0].Snippet, p.Hits[0].Rank)
	}
	f.expect(store.PortalFilter{Query: "pelayann"}, []string{"Jadwal pelayanan informasi"}, 1, true)
	// The fallback keeps the filters.
	f.expect(store.PortalFilter{Query: "angaran", Year: 2024}, nil, 0, true)
	// Nothing near: an empty fuzzy page.
	f.expect(store.PortalFilter{Query: "zzqx"}, nil, 0, true)
}

func TestPortalSearchSnippetMarksMatches(t *testing.T) {
	f := newPortalFixture(t)
	f.add(portalDoc{title: "Rencana kerja tahunan", summary: "Ringkasan kegiatan desa.",
		body: "Pemerintah desa memperbaiki saluran irigasi di tiga dusun pada musim kemarau tahun ini."})
	f.add(portalDoc{title: "Dokumen keuangan", summary: "Ringkasan.", body: "Bagian ini menjelaskan proses penganggaran daerah."})

	p := f.search(store.PortalFilter{Query: "irigasi"})
	if len(p.Hits) != 1 {
		t.Fatalf("hits %+v", p.Hits)
	}
	want := "Ringkasan kegiatan desa.\nPemerintah desa memperbaiki saluran " + store.SnippetStart + "irigasi" + store.SnippetStop +
		" di tiga dusun pada musim kemarau tahun"
	if got := p.Hits[0].Snippet; got != want {
		t.Errorf("snippet %q, want %q", got, want)
	}
	// The stemmed match is marked as the text writes it.
	p = f.search(store.PortalFilter{Query: "anggaran"})
	if len(p.Hits) != 1 || !strings.Contains(p.Hits[0].Snippet, store.SnippetStart+"penganggaran"+store.SnippetStop) {
		t.Errorf("stemmed snippet %+v", p.Hits)
	}
}

func TestPortalSearchWebsearchSyntax(t *testing.T) {
	f := newPortalFixture(t)
	f.add(portalDoc{title: "Penganggaran daerah", body: "Dokumen perencanaan."})
	f.add(portalDoc{title: "Anggaran pendidikan dasar", body: "Dokumen yang disusun dan disahkan."})
	f.add(portalDoc{title: "Jadwal pelayanan", body: "Informasi jam buka."})

	f.expect(store.PortalFilter{Query: "anggaran -daerah"}, []string{"Anggaran pendidikan dasar"}, 1, false)
	f.expect(store.PortalFilter{Query: `"anggaran pendidikan"`}, []string{"Anggaran pendidikan dasar"}, 1, false)
	f.expect(store.PortalFilter{Query: "daerah or jadwal"}, []string{"Jadwal pelayanan", "Penganggaran daerah"}, 2, false)
	// The indonesian configuration has no stop-word list: common words are ordinary words.
	f.expect(store.PortalFilter{Query: "yang dan"}, []string{"Anggaran pendidikan dasar"}, 1, false)

	// Only excluded words: everything without them.
	f.expect(store.PortalFilter{Query: "-anggaran"}, []string{"Jadwal pelayanan"}, 1, false)

	// Operators, quotes and punctuation alone never make the query fail.
	for _, q := range []string{"!!! ???", "-", `"`, `""`, "&|!():*", "'", `\`, "or", "<->", "%", "anggaran &"} {
		p, err := f.s.PortalSearch(context.Background(), store.PortalFilter{Query: q, Limit: 20})
		if err != nil {
			t.Errorf("query %q: %v", q, err)
			continue
		}
		switch q {
		case "anggaran &":
			if got := portalTitles(p); !slices.Equal(got, []string{"Anggaran pendidikan dasar", "Penganggaran daerah"}) || p.Fuzzy {
				t.Errorf("query %q: %q", q, got)
			}
		default:
			if len(p.Hits) != 0 || p.Total != 0 {
				t.Errorf("query %q: %q total %d", q, portalTitles(p), p.Total)
			}
		}
	}
}

// An edit that brings unconfirmed findings to an item that is out (published or unpublished) sends
// it back to draft, which the CHECK requires, and so out of search.
func TestUpdatePublicationWithUnconfirmedFindingsReturnsToDraft(t *testing.T) {
	f := newPortalFixture(t)
	ctx := context.Background()
	for _, status := range []string{"published", "unpublished"} {
		id := f.add(portalDoc{title: "Anggaran " + status, body: "Isi.", status: status})
		fields := store.PublicationFields{Title: "Anggaran " + status, Category: "berkala", UnitID: f.unitA, Year: 2025,
			Summary: "Kontak a@contoh.id", Form: "softcopy",
			PIIFindings: json.RawMessage(`[{"kind":"email","label":"alamat surel","masked":"a***@contoh.id","context":"Kontak a***@contoh.id"}]`)}
		if err := f.s.UpdatePublication(ctx, id, fields, false, f.ppid, "PPID", "", f.at); err != nil {
			t.Fatalf("%s: %v", status, err)
		}
		p, err := f.s.Publication(ctx, access.Everything, id)
		if err != nil {
			t.Fatal(err)
		}
		if p.Status != "draft" || p.PIIConfirmedAt.Valid || p.Summary != "Kontak a@contoh.id" {
			t.Errorf("%s after the edit: %s %v %q", status, p.Status, p.PIIConfirmedAt, p.Summary)
		}
	}
	f.expect(store.PortalFilter{Query: "anggaran"}, nil, 0, true)
}
