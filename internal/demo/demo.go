// Package demo loads the demo office: three accounts and a spread of requests whose deadlines
// are past, near and far, so every flag of the queue shows. Only `terbuka serve --demo` calls it.
package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/password"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// Account is a demo login, printed at start-up.
type Account struct {
	Email, Password, Name, Role string
}

// Accounts are the demo logins listed in the README.
var Accounts = []Account{
	{"ppid@terbuka.test", "ppid-demo", "Rina Kusumawati", "ppid"},
	{"atasan@terbuka.test", "atasan-demo", "Drs. Bambang Santoso", "atasan"},
	{"admin@terbuka.test", "admin-demo", "Admin Demo", "admin"},
}

// Watches runs the scheduled deadline and objection watches as they would have run at a past moment.
type Watches func(ctx context.Context, at time.Time) error

// Seed is idempotent: accounts are created when missing, requests only into an empty register.
// The demo's past is then replayed: the watches run at 08:00 on every working day since the first
// request (so reminders, the overdue mark and escalations are in the outbox and the case
// histories whatever day `make run` starts on), and some cases are taken a few steps (assigned,
// extended, refused and objected to) so every screen has something to show. watches may be nil.
func Seed(ctx context.Context, s *store.Store, in *intake.Service, cw *casework.Service, watches Watches) ([]Account, error) {
	for _, a := range Accounts {
		hash, err := password.Hash(a.Password)
		if err != nil {
			return nil, err
		}
		if _, err := s.EnsureUser(ctx, a.Email, a.Name, a.Role, hash); err != nil {
			return nil, err
		}
	}
	n, err := s.CountRequests(ctx)
	if err != nil {
		return nil, err
	}
	if n > 0 {
		return Accounts, nil
	}
	officer, err := s.UserByEmail(ctx, Accounts[0].Email)
	if err != nil {
		return nil, err
	}
	cal := in.Calendar()
	today := calendar.DateOf(in.Now().In(cal.Location()))
	ids := make([]int64, len(requests))
	first := today
	for i, r := range requests {
		// Received so many working days ago: 12 is overdue, 8–9 due soon, 1 far off.
		received := workingDaysBefore(cal, today, r.daysAgo).In(cal.Location()).Add(9*time.Hour + time.Duration(i)*17*time.Minute)
		origin := intake.Origin{Channel: r.channel, ReceivedAt: received}
		if r.channel != "web" && r.channel != "api" {
			origin.Officer = officer
		}
		receipt, errs, err := in.Submit(ctx, r.sub, origin)
		if err != nil {
			return nil, fmt.Errorf("demo: request %d: %w %v", i, err, errs)
		}
		ids[i] = receipt.RequestID
		if d := calendar.DateOf(received); d.Before(first) {
			first = d
		}
	}
	if watches != nil {
		for d := first.AddDays(1); !d.After(today); d = d.AddDays(1) {
			at := d.In(cal.Location()).Add(8 * time.Hour)
			if !cal.IsWorkingDay(d) || at.After(in.Now()) {
				continue
			}
			if err := watches(ctx, at); err != nil {
				return nil, fmt.Errorf("demo: replaying the scheduler on %s: %w", d, err)
			}
		}
	}
	if err := progress(ctx, cw, officer, ids); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	return Accounts, nil
}

// progress takes demo cases through the workflow as the demo PPID would.
func progress(ctx context.Context, cw *casework.Service, ppid *store.User, ids []int64) error {
	if err := cw.Assign(ctx, ppid, ids[1], ppid.ID); err != nil {
		return err
	}
	if err := cw.Extend(ctx, ppid, ids[2], "Dokumen realisasi belanja tersebar di tiga bidang dan perlu dihimpun."); err != nil {
		return err
	}
	_, err := cw.Decide(ctx, ppid, ids[3], workflow.Decision{
		Kind: request.StatusRefused, NoticeAt: cw.Now(), ExemptionLetters: []string{"h"},
		LegalBasis:     "UU 14/2008 Pasal 17 huruf h: data pribadi anggota kelompok tani (NIK dan luas lahan per orang).",
		Harm:           "Membuka NIK dan data lahan setiap petani dapat disalahgunakan untuk penipuan bantuan.",
		PublicInterest: "Kepentingan publik terpenuhi dengan data agregat per kelompok yang dipublikasikan setiap triwulan.",
		DIKSubject:     "Data kesehatan pribadi per pegawai",
	})
	if err != nil {
		return err
	}
	_, _, err = cw.FileObjection(ctx, nil, ids[3], workflow.ObjectionFiling{Grounds: []string{"a"},
		Reasons: "Kami hanya meminta jumlah alokasi per kelompok, bukan data pribadi anggota."}, "web")
	return err
}

func workingDaysBefore(cal *calendar.Calendar, d calendar.Date, n int) calendar.Date {
	for n > 0 {
		d = d.AddDays(-1)
		if cal.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

type demoRequest struct {
	daysAgo int
	channel string
	sub     request.Submission
}

// The NIKs below are synthetic: valid in form, issued to nobody.
var requests = []demoRequest{
	{12, "web", request.Submission{RequesterKind: "perorangan", Name: "Siti Aminah", NIK: "3273014507900003",
		Address: "Jl. Pahlawan No. 12, Kecamatan Sukamaju, Kabupaten Contoh", Phone: "0812 2233 4455", Email: "siti.aminah@contoh.id", Occupation: "Guru",
		Information: "Salinan dokumen Rencana Kerja dan Anggaran Dinas Pendidikan tahun anggaran 2026 beserta rinciannya.",
		Purpose:     "Bahan diskusi komite sekolah tentang dana BOS daerah.", ObtainMethod: "softcopy", DeliveryMethod: "email", PublishConsent: true}},
	{9, "walk_in", request.Submission{RequesterKind: "perorangan", Name: "Yohanes Manurung", NIK: "1271021203850002",
		Address: "Jl. Pasar Baru No. 5, Kecamatan Mekarsari, Kabupaten Contoh", Phone: "0813 6000 1122", Occupation: "Wiraswasta",
		Information: "Daftar penerima izin usaha mikro di Kecamatan Mekarsari periode Januari–Juni 2026.",
		Purpose:     "Riset pasar untuk koperasi.", ObtainMethod: "hardcopy", DeliveryMethod: "ambil_langsung"}},
	{8, "api", request.Submission{RequesterKind: "badan_hukum", Name: "Yayasan Lingkar Data Terbuka", EntitySKNumber: "AHU-0012345.AH.01.04.Tahun 2019",
		Address: "Jl. Veteran No. 7, Kecamatan Sukamaju, Kabupaten Contoh", Phone: "(0261) 512 345", Email: "redaksi@lingkardata.contoh.id", Occupation: "Lembaga swadaya masyarakat",
		Information: "Laporan realisasi belanja perjalanan dinas Sekretariat Daerah triwulan III 2026.",
		Purpose:     "Pemantauan anggaran publik.", ObtainMethod: "softcopy", DeliveryMethod: "email", PublishConsent: true}},
	{3, "letter", request.Submission{RequesterKind: "kelompok", Name: "Kelompok Tani Sri Rejeki (diwakili Sutrisno)", NIK: "3402151008700001",
		Address: "Dusun Karangsari RT 03, Kecamatan Karangsari, Kabupaten Contoh", Phone: "0857 4321 9876", Occupation: "Petani",
		Information: "Data alokasi pupuk bersubsidi per kelompok tani di Kabupaten Contoh tahun 2026.",
		Purpose:     "Memastikan alokasi pupuk sesuai usulan RDKK.", ObtainMethod: "melihat", DeliveryMethod: "ambil_langsung", PublishConsent: true}},
	{1, "web", request.Submission{RequesterKind: "perorangan", Name: "Dewi Lestari Putri", NIK: "5171046112980004",
		Address: "Desa Tanjungjaya RT 02, Kecamatan Pesisir, Kabupaten Contoh", Phone: "+62 811 3900 800", Email: "dewi.putri@contoh.id", Occupation: "Mahasiswa",
		Information: "Dokumen AMDAL proyek penataan kawasan Pantai Tanjungjaya yang diterbitkan tahun 2025.",
		Purpose:     "Penulisan skripsi tentang tata ruang pesisir.", ObtainMethod: "softcopy", DeliveryMethod: "email"}},
}
