package demo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/go-pdf/fpdf"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/portal"
	"github.com/terbuka-id/terbuka/internal/publishing"
	"github.com/terbuka-id/terbuka/internal/store"
)

// demoDocument is a document of the demo portal; body is its text, made into a PDF unless the
// file name says otherwise.
type demoDocument struct {
	meta     portal.Meta
	filename string
	body     string
}

var demoDocuments = []demoDocument{
	{portal.Meta{Title: "Laporan Realisasi Anggaran Dinas Pendidikan Semester I 2026", Category: "berkala", Year: 2026,
		Summary:  "Realisasi pendapatan dan belanja Dinas Pendidikan Januari–Juni 2026, per program dan kegiatan.",
		Keywords: "anggaran, realisasi, pendidikan, LRA", Responsible: "Kepala Subbagian Keuangan", MadeTime: "Juli 2026",
		Form: "softcopy_hardcopy", Retention: "10 tahun"}, "lra-disdik-s1-2026.pdf",
		"Laporan Realisasi Anggaran Semester I Tahun 2026.\nPenganggaran program wajib belajar dua belas tahun terealisasi 47,3 persen.\n" +
			"Belanja pegawai Rp 41.250.000.000; belanja barang dan jasa Rp 12.480.000.000; belanja modal Rp 6.100.000.000.\n" +
			"Realisasi bantuan operasional sekolah daerah disalurkan kepada 214 sekolah dasar dan 61 sekolah menengah pertama."},
	{portal.Meta{Title: "Rencana Kerja Pemerintah Daerah (RKPD) Tahun 2027", Category: "berkala", Year: 2026,
		Summary:  "Prioritas pembangunan daerah tahun 2027: pendidikan, kesehatan, jalan kabupaten, dan pengendalian banjir.",
		Keywords: "RKPD, perencanaan, pembangunan", Responsible: "Kepala Bappeda", MadeTime: "Mei 2026", Retention: "Permanen"},
		"rkpd-2027.pdf",
		"Rencana Kerja Pemerintah Daerah Tahun 2027.\nPrioritas pertama: peningkatan mutu pendidikan dasar.\n" +
			"Prioritas kedua: pelayanan kesehatan primer di puskesmas.\nPrioritas ketiga: pemeliharaan jalan kabupaten sepanjang 128 kilometer."},
	{portal.Meta{Title: "Peringatan Dini Banjir Kecamatan Sukamaju", Category: "serta_merta", Year: 2026,
		Summary:  "Status siaga banjir Sungai Cibening dan lokasi pengungsian sementara.",
		Keywords: "banjir, siaga, pengungsian", Responsible: "Kepala Pelaksana BPBD", MadeTime: "November 2026", Retention: "2 tahun"},
		"peringatan-banjir-sukamaju.txt",
		"PERINGATAN DINI BANJIR\nStatus: SIAGA. Tinggi muka air Sungai Cibening 180 cm.\n" +
			"Lokasi pengungsian sementara: GOR Sukamaju dan SD Negeri Sukamaju 2.\nWarga bantaran sungai diminta bersiap mengungsi."},
	{portal.Meta{Title: "Standar Layanan Informasi Publik PPID", Category: "setiap_saat", Year: 2025,
		Summary:  "Tata cara permohonan informasi, keberatan, jangka waktu, dan biaya layanan informasi publik.",
		Keywords: "standar layanan, permohonan informasi, keberatan", Responsible: "PPID Utama", MadeTime: "Januari 2025",
		Retention: "Selama berlaku"}, "standar-layanan-ppid.pdf",
		"Standar Layanan Informasi Publik.\nPermohonan dijawab paling lambat 10 hari kerja dan dapat diperpanjang 7 hari kerja.\n" +
			"Keberatan diajukan kepada atasan PPID paling lambat 30 hari kerja.\nSalinan elektronik tidak dipungut biaya."},
	{portal.Meta{Title: "Jumlah Sekolah per Kecamatan Tahun 2025", Category: "setiap_saat", Year: 2025,
		Summary:  "Data jumlah SD, SMP, dan SMA negeri dan swasta di setiap kecamatan.",
		Keywords: "data, sekolah, kecamatan, pendidikan", Responsible: "Kepala Dinas Pendidikan", MadeTime: "Desember 2025",
		Retention: "5 tahun"}, "jumlah-sekolah-2025.csv",
		"kecamatan,sd,smp,sma\nSukamaju,34,12,6\nMekarsari,28,9,5\nKarangsari,25,8,4\nPesisir,19,7,5\n"},
	// Kept as a draft by the personal-data check: the demo shows the PPID what blocks it.
	{portal.Meta{Title: "Daftar Hadir Rapat Koordinasi Layanan Informasi", Category: "setiap_saat", Year: 2026,
		Summary: "Daftar hadir rapat koordinasi PPID pelaksana.", Keywords: "rapat, koordinasi",
		Responsible: "Sekretariat PPID", MadeTime: "Oktober 2026", Retention: "1 tahun"}, "daftar-hadir-rapat.txt",
		"Daftar hadir rapat koordinasi.\n1. Rina Kusumawati, rina.k@contoh.id, 0812 2233 4455\n2. Andi Saputra, andi.s@contoh.id, 0813 9988 7766\n"},
}

// SeedPortal publishes the demo documents when nothing was ever published, as the demo PPID.
// The last one holds personal data and stays a draft: the demo shows the check at work.
func SeedPortal(ctx context.Context, s *store.Store, pub *publishing.Service) error {
	existing, err := s.OfficePublications(ctx, access.Everything, "", 1, 0)
	if err != nil || len(existing) > 0 {
		return err
	}
	ppid, err := s.UserByEmail(ctx, Accounts[0].Email)
	if err != nil {
		return err
	}
	for _, d := range demoDocuments {
		content := []byte(d.body)
		if strings.HasSuffix(d.filename, ".pdf") {
			if content, err = demoPDF(d.meta.Title, d.body); err != nil {
				return err
			}
		}
		meta := d.meta
		meta.UnitID = ppid.UnitID
		meta.MadePlace = "Contoh" // the office's own town (config.yaml office.city)
		id, errs, err := pub.Draft(ctx, ppid, meta, publishing.Upload{Filename: d.filename, Body: bytes.NewReader(content)})
		if err != nil || len(errs) > 0 {
			return fmt.Errorf("demo: document %q: %v %v", d.meta.Title, err, errs)
		}
		if err := pub.Publish(ctx, ppid, id); err != nil && !errors.Is(err, publishing.ErrPIIUnconfirmed) {
			return fmt.Errorf("demo: publishing %q: %w", d.meta.Title, err)
		}
	}
	return nil
}

// demoPDF lays the text out on an A4 page with the standard fonts (Latin-1 covers Indonesian).
func demoPDF(title, body string) ([]byte, error) {
	p := fpdf.New("P", "mm", "A4", "")
	tr := p.UnicodeTranslatorFromDescriptor("")
	p.SetTitle(title, true)
	p.AddPage()
	p.SetFont("Helvetica", "B", 14)
	p.MultiCell(0, 7, tr(title), "", "L", false)
	p.Ln(4)
	p.SetFont("Helvetica", "", 11)
	p.MultiCell(0, 6, tr(strings.ReplaceAll(body, "–", "-")), "", "L", false)
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
