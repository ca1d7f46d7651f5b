package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/performance"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/skm"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// Services are what SeedService goes through, as `terbuka serve --demo` wires them.
type Services struct {
	Store       *store.Store
	Intake      *intake.Service
	Casework    *casework.Service
	SKM         *skm.Service
	Performance *performance.Service
}

// demoUnits are the PPID Pelaksana the demo's past requests and survey forms spread over.
var demoUnits = []string{"Dinas Pendidikan", "Dinas Kesehatan"}

// SeedService fills the demo's service pages, idempotently and after Seed: two PPID Pelaksana,
// last year's requests taken through their notices (so last year's annual report has figures),
// this year's satisfaction survey (desk forms over the units, web answers of finished cases,
// suggestions moderated, a follow-up action), last year's annual report written, locked and
// published by the demo PPID, and the public page of a consenting request made visible.
func SeedService(ctx context.Context, sv Services) error {
	ppid, err := sv.Store.UserByEmail(ctx, Accounts[0].Email)
	if err != nil {
		return fmt.Errorf("demo: %w (run Seed first)", err)
	}
	units, err := ensureUnits(ctx, sv.Store)
	if err != nil {
		return err
	}
	cal := sv.Intake.Calendar()
	today := calendar.DateOf(sv.Intake.Now().In(cal.Location()))
	lastYear := today.Year - 1
	if err := seedLastYear(ctx, sv, ppid, units, lastYear); err != nil {
		return fmt.Errorf("demo: %d requests: %w", lastYear, err)
	}
	if err := seedSurvey(ctx, sv, ppid, units, today); err != nil {
		return fmt.Errorf("demo: survey: %w", err)
	}
	if err := seedReport(ctx, sv, ppid, lastYear); err != nil {
		return fmt.Errorf("demo: annual report %d: %w", lastYear, err)
	}
	if err := showPublicPage(ctx, sv, ppid); err != nil {
		return fmt.Errorf("demo: public page: %w", err)
	}
	return nil
}

// ensureUnits returns the ids of PPID Utama followed by the demo's PPID Pelaksana, created when missing.
func ensureUnits(ctx context.Context, s *store.Store) ([]int64, error) {
	all, err := s.Units(ctx)
	if err != nil {
		return nil, err
	}
	byName := map[string]int64{}
	var ids []int64
	for _, u := range all {
		byName[u.Name] = u.ID
		if u.Kind == "utama" && ids == nil {
			ids = append(ids, u.ID)
		}
	}
	for _, name := range demoUnits {
		id, ok := byName[name]
		if !ok {
			if id, err = s.CreateUnit(ctx, name); err != nil {
				return nil, err
			}
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// pastRequest is one of last year's requests and how the office answered it.
type pastRequest struct {
	month, day int
	unit       int // index into the units: 0 PPID Utama
	channel    string
	noticeDays int // working days from receipt to the written notice; over 10 is late
	kind       string
	sub        request.Submission
}

// The NIKs below are synthetic: valid in form, issued to nobody.
var pastRequests = []pastRequest{
	{1, 14, 1, "web", 6, request.StatusGranted, request.Submission{RequesterKind: "perorangan", Name: "Dewi Lestari", NIK: "3273015204880001",
		Address: "Jl. Melati No. 4, Kecamatan Sukamaju, Kabupaten Contoh", Phone: "0812 3000 4001", Email: "dewi.lestari@contoh.id", Occupation: "Orang tua murid",
		Information: "Daftar sekolah dasar penerima dana BOS daerah tahun 2024 beserta besaran dana per sekolah.",
		Purpose:     "Pengawasan penggunaan dana pendidikan oleh komite sekolah.", ObtainMethod: "softcopy", DeliveryMethod: "email", PublishConsent: true}},
	{2, 20, 0, "walk_in", 4, request.StatusGranted, request.Submission{RequesterKind: "perorangan", Name: "Agus Wibowo", NIK: "3273011703790002",
		Address: "Jl. Kenanga No. 18, Kecamatan Mekarsari, Kabupaten Contoh", Phone: "0813 2100 3344", Occupation: "Wiraswasta",
		Information: "Peraturan bupati tentang standar pelayanan perizinan usaha mikro yang berlaku tahun 2025.",
		Purpose:     "Persiapan pengurusan izin usaha.", ObtainMethod: "hardcopy", DeliveryMethod: "ambil_langsung"}},
	{3, 11, 2, "api", 9, request.StatusPartial, request.Submission{RequesterKind: "badan_hukum", Name: "Perkumpulan Sehat Bersama", EntitySKNumber: "AHU-0004567.AH.01.07.Tahun 2018",
		Address: "Jl. Anggrek No. 2, Kecamatan Sukamaju, Kabupaten Contoh", Phone: "(0261) 520 111", Email: "sekretariat@sehatbersama.contoh.id", Occupation: "Lembaga swadaya masyarakat",
		Information: "Laporan realisasi anggaran program imunisasi Dinas Kesehatan tahun 2024 per puskesmas.",
		Purpose:     "Kajian pembiayaan layanan kesehatan dasar.", ObtainMethod: "softcopy", DeliveryMethod: "email", PublishConsent: true}},
	{4, 23, 0, "email", 12, request.StatusGranted, request.Submission{RequesterKind: "perorangan", Name: "Rahmat Hidayat", NIK: "3273010905910003",
		Address: "Jl. Cempaka No. 7, Kecamatan Sukamaju, Kabupaten Contoh", Phone: "0857 1234 9000", Email: "rahmat.hidayat@contoh.id", Occupation: "Wartawan",
		Information: "Rekapitulasi pengaduan masyarakat yang diterima pemerintah kabupaten selama tahun 2024.",
		Purpose:     "Bahan liputan tentang pelayanan publik.", ObtainMethod: "softcopy", DeliveryMethod: "email", PublishConsent: true}},
	{6, 10, 1, "letter", 7, request.StatusRefused, request.Submission{RequesterKind: "perorangan", Name: "Hendra Gunawan", NIK: "3273012211830004",
		Address: "Jl. Flamboyan No. 9, Kecamatan Mekarsari, Kabupaten Contoh", Phone: "0812 7788 1200", Occupation: "Karyawan swasta",
		Information: "Nilai rapor dan data pribadi seluruh siswa SMP Negeri 1 Sukamaju tahun ajaran 2024/2025.",
		Purpose:     "Penelitian.", ObtainMethod: "softcopy", DeliveryMethod: "pos"}},
	{8, 5, 2, "web", 5, request.StatusGranted, request.Submission{RequesterKind: "perorangan", Name: "Maria Simanjuntak", NIK: "1271024606920005",
		Address: "Jl. Dahlia No. 21, Kecamatan Sukamaju, Kabupaten Contoh", Phone: "0821 5566 7788", Email: "maria.s@contoh.id", Occupation: "Mahasiswa",
		Information: "Jumlah tenaga kesehatan per puskesmas di Kabupaten Contoh pada tahun 2025.",
		Purpose:     "Bahan skripsi tentang pemerataan layanan kesehatan.", ObtainMethod: "softcopy", DeliveryMethod: "email", PublishConsent: true}},
	{9, 16, 0, "web", 8, request.StatusGranted, request.Submission{RequesterKind: "kelompok", Name: "Forum Warga Peduli Sungai (diwakili Joko Susilo)", NIK: "3273010101750006",
		Address: "Jl. Bantaran No. 1, Kecamatan Mekarsari, Kabupaten Contoh", Phone: "0812 9090 1010", Email: "forum.sungai@contoh.id", Occupation: "Kelompok masyarakat",
		Information: "Dokumen perencanaan normalisasi sungai di Kecamatan Mekarsari tahun anggaran 2025.",
		Purpose:     "Pemantauan warga atas rencana pembangunan.", ObtainMethod: "softcopy", DeliveryMethod: "email", PublishConsent: true}},
	{11, 3, 1, "walk_in", 3, request.StatusGranted, request.Submission{RequesterKind: "perorangan", Name: "Lina Marlina", NIK: "3273016808950007",
		Address: "Jl. Teratai No. 3, Kecamatan Sukamaju, Kabupaten Contoh", Phone: "0878 4455 6677", Occupation: "Guru",
		Information: "Jadwal dan persyaratan seleksi penerimaan peserta didik baru tingkat SMP tahun 2025.",
		Purpose:     "Informasi bagi orang tua murid.", ObtainMethod: "hardcopy", DeliveryMethod: "ambil_langsung"}},
}

// seedLastYear registers pastRequests when year has no request yet, and answers each as the PPID did.
func seedLastYear(ctx context.Context, sv Services, ppid *store.User, units []int64, year int) error {
	cal := sv.Intake.Calendar()
	loc := cal.Location()
	var n int
	if err := sv.Store.DB().GetContext(ctx, &n, `SELECT count(*) FROM requests WHERE received_at >= $1 AND received_at < $2`,
		time.Date(year, 1, 1, 0, 0, 0, 0, loc), time.Date(year+1, 1, 1, 0, 0, 0, 0, loc)); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	for i, p := range pastRequests {
		received := time.Date(year, time.Month(p.month), p.day, 9, 30+i*3, 0, 0, loc)
		origin := intake.Origin{Channel: p.channel, ReceivedAt: received}
		if p.channel != "web" && p.channel != "api" {
			origin.Officer = ppid
		}
		receipt, errs, err := sv.Intake.Submit(ctx, p.sub, origin)
		if err != nil {
			return fmt.Errorf("request %d: %w %v", i, err, errs)
		}
		id := receipt.RequestID
		if p.unit > 0 {
			if err := sv.Casework.Forward(ctx, ppid, id, units[p.unit]); err != nil {
				return fmt.Errorf("forward %d: %w", i, err)
			}
		}
		notice := cal.AddWorkingDays(calendar.DateOf(received), p.noticeDays).Due.In(loc).Add(10 * time.Hour)
		d := workflow.Decision{Kind: p.kind, NoticeAt: notice}
		switch p.kind {
		case request.StatusGranted:
			d.InformationGiven, d.Form, d.DeliveryTime = "Salinan dokumen sesuai permohonan.", "Salinan elektronik (PDF)", "Bersamaan dengan pemberitahuan ini."
		case request.StatusPartial:
			d.InformationGiven, d.Form, d.DeliveryTime = "Laporan realisasi anggaran imunisasi per puskesmas.", "Salinan elektronik (PDF)", "Bersamaan dengan pemberitahuan ini."
			d.Withheld = "Nama dan nomor telepon petugas vaksinator pada lampiran dihitamkan: data pribadi."
			d.ExemptionLetters = []string{"h"}
			d.LegalBasis = "UU 14/2008 Pasal 17 huruf h: identitas pribadi petugas."
			d.Harm = "Petugas dapat dihubungi atau dirundung di luar kedinasan."
			d.PublicInterest = "Kepentingan publik terpenuhi oleh angka anggaran per puskesmas, yang diberikan utuh."
			d.DIKSubject = "Identitas pribadi petugas vaksinator"
		case request.StatusRefused:
			d.ExemptionLetters = []string{"h"}
			d.LegalBasis = "UU 14/2008 Pasal 17 huruf h: nilai dan data pribadi peserta didik."
			d.Harm = "Membuka nilai dan identitas anak dapat merugikan dan membahayakan mereka."
			d.PublicInterest = "Kepentingan publik terpenuhi dengan rata-rata nilai per sekolah yang sudah diumumkan."
			d.DIKSubject = "Nilai rapor dan data pribadi peserta didik"
		}
		if _, err := sv.Casework.Decide(ctx, ppid, id, d); err != nil {
			return fmt.Errorf("decide %d: %w", i, err)
		}
		if p.kind == request.StatusRefused {
			continue
		}
		method := p.sub.DeliveryMethod
		if err := sv.Casework.Deliver(ctx, ppid, id, method); err != nil {
			return fmt.Errorf("deliver %d: %w", i, err)
		}
		if err := sv.Casework.Close(ctx, ppid, id); err != nil {
			return fmt.Errorf("close %d: %w", i, err)
		}
	}
	return nil
}

// rng is a small fixed-seed generator: the demo's survey answers are the same on every machine.
type rng uint64

func (r *rng) next(n int) int {
	*r = *r*6364136223846793005 + 1442695040888963407
	return int((uint64(*r) >> 33) % uint64(n))
}

// answers draws a plausible questionnaire: mostly 3 and 4, waiting time (U3) and facilities (U9) weaker.
func (r *rng) answers() map[string]int {
	scores := map[string]int{}
	for _, e := range skm.Elements {
		v := 3
		switch roll := r.next(10); {
		case roll < 4:
			v = 4
		case roll == 9 && (e.Code == "U3" || e.Code == "U9"):
			v = 2
		case roll >= 7 && (e.Code == "U3" || e.Code == "U9"):
			v = 2 + r.next(2)
		}
		if e.Code == "U4" && r.next(3) > 0 {
			v = 4 // requests are free of charge; most say so
		}
		scores[e.Code] = v
	}
	return scores
}

func pick(r *rng, opts []request.Option) string { return opts[r.next(len(opts))].Code }

// deskSuggestions are some paper forms' suggestions, by form number.
var deskSuggestions = map[int]string{
	3:  "Ruang tunggu layanan informasi perlu kursi tambahan dan papan antrean yang jelas.",
	9:  "Petugas sangat membantu menjelaskan cara mengajukan keberatan. Terima kasih.",
	17: "Mohon jam layanan loket PPID diperpanjang sampai sore untuk pekerja.",
	24: "Petugas bernama Pak Hendra di loket 2 kurang ramah, tolong hubungi saya di 0812 3456 7890 atau rudi.hartono@contoh.id.",
	31: "Formulir daring sudah mudah dipakai lewat ponsel.",
}

const (
	approvedForm = 9  // its suggestion is shown on /skm
	piiForm      = 24 // the personal-data check holds its suggestion back for good
)

// seedSurvey enters this year's and some of last year's paper forms over the units, the web
// answers of finished cases' invitations, moderates two suggestions and records a follow-up,
// when the survey is empty.
func seedSurvey(ctx context.Context, sv Services, ppid *store.User, units []int64, today calendar.Date) error {
	var n int
	if err := sv.Store.DB().GetContext(ctx, &n, `SELECT count(*) FROM survey_responses`); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	r := rng(2026)
	const forms = 36
	start := calendar.Date{Year: today.Year, Month: 1, Day: 6}
	span := int(today.In(time.UTC).Sub(start.In(time.UTC)).Hours() / 24)
	var approved, held int64
	for i := range forms {
		filled := start.AddDays(span * i / forms)
		if filled.After(today) {
			filled = today
		}
		f := skm.Form{Scores: r.answers(), Gender: pick(&r, skm.Genders), AgeGroup: pick(&r, skm.AgeGroups[1:]),
			Education: pick(&r, skm.Educations[2:]), Occupation: pick(&r, skm.Occupations), Suggestion: deskSuggestions[i]}
		id, errs, err := sv.SKM.EnterDesk(ctx, ppid, skm.DeskEntry{UnitID: units[i%len(units)], FilledAt: filled.String(), Form: f})
		if err != nil {
			return fmt.Errorf("form %d: %w %v", i, err, errs)
		}
		switch i {
		case approvedForm:
			approved = id
		case piiForm:
			held = id
		}
	}
	if err := sv.SKM.Moderate(ctx, ppid, true, approved); err != nil {
		return err
	}
	// The PPID rejects the suggestion that names an officer and carries a phone number (UU 27/2022 Pasal 16).
	if err := sv.SKM.Moderate(ctx, ppid, false, held); err != nil {
		return err
	}
	// Last year's paper forms: its annual report and per-unit lines then carry an index too.
	lastStart := calendar.Date{Year: today.Year - 1, Month: 2, Day: 3}
	for i := range 15 {
		f := skm.Form{Scores: r.answers(), Gender: pick(&r, skm.Genders), AgeGroup: pick(&r, skm.AgeGroups[1:]),
			Education: pick(&r, skm.Educations[2:]), Occupation: pick(&r, skm.Occupations)}
		filled := lastStart.AddDays(i * 21)
		if _, errs, err := sv.SKM.EnterDesk(ctx, ppid, skm.DeskEntry{UnitID: units[i%len(units)], FilledAt: filled.String(), Form: f}); err != nil {
			return fmt.Errorf("form %d of %d: %w %v", i, today.Year-1, err, errs)
		}
	}
	// Finished cases' requesters answer their invitations on the web.
	var ids []int64
	if err := sv.Store.DB().SelectContext(ctx, &ids, `SELECT request_id FROM survey_invitations WHERE NOT answered ORDER BY request_id`); err != nil {
		return err
	}
	for i, id := range ids {
		inv, err := sv.SKM.InvitationOfRequest(ctx, id)
		if err != nil {
			return err
		}
		f := skm.Form{Scores: r.answers(), Gender: pick(&r, skm.Genders), AgeGroup: pick(&r, skm.AgeGroups[1:]),
			Education: pick(&r, skm.Educations[2:]), Occupation: pick(&r, skm.Occupations)}
		if i == 0 {
			f.Suggestion = "Informasi dikirim lebih cepat dari yang saya perkirakan."
		}
		if errs, err := sv.SKM.Answer(ctx, inv, f); err != nil {
			return fmt.Errorf("web answer %d: %w %v", i, err, errs)
		}
	}
	_, err := sv.SKM.AddFollowUp(ctx, ppid, skm.FollowUp{UnitID: units[0], Element: "U9", Period: skm.YearPeriod(today.Year),
		Action:      "Menambah kursi ruang tunggu, memasang papan nomor antrean dan menyediakan satu komputer swalayan untuk permohonan daring.",
		Responsible: "Sekretariat PPID Utama", Target: fmt.Sprintf("Triwulan I %d", today.Year+1)})
	return err
}

// reportNarrative is the demo PPID's text of year's annual report (Perki 1/2021 Pasal 56).
func reportNarrative(year int) store.ReportNarrative {
	return store.ReportNarrative{
		Policy: fmt.Sprintf("Sepanjang tahun %d PPID Kabupaten Contoh menjalankan Peraturan Bupati tentang Pedoman Pengelolaan Informasi "+
			"dan Dokumentasi. Daftar Informasi Publik dimutakhirkan setiap triwulan, uji konsekuensi atas informasi yang dikecualikan "+
			"ditetapkan secara tertulis, dan dua Dinas ditetapkan sebagai PPID Pelaksana agar permohonan ditangani oleh unit yang menguasai informasinya.", year),
		Facilities: "Layanan informasi dibuka di meja layanan PPID pada hari kerja pukul 08.00–16.00 WIB, melalui situs web, surat elektronik, " +
			"dan surat tercatat. Permohonan daring dapat diajukan dari ponsel tanpa aplikasi tambahan. Meja layanan dilengkapi jalur landai " +
			"bagi pengguna kursi roda, dan petugas siap membacakan formulir bagi pemohon dengan hambatan penglihatan.",
		Budget: "Layanan informasi dibiayai dari DPA Sekretariat Daerah dan DPA masing-masing PPID Pelaksana, mencakup honorarium " +
			"petugas layanan, pemeliharaan situs web, serta pelatihan uji konsekuensi bagi petugas. Salinan elektronik diberikan tanpa biaya.",
		Constraints: "Kendala utama adalah dokumen yang tersebar di beberapa bidang sehingga satu permohonan dijawab melewati sepuluh hari kerja, " +
			"serta ruang tunggu layanan yang sempit menurut hasil survei kepuasan. Pengarsipan elektronik belum merata di semua PPID Pelaksana.",
		Recommendations: fmt.Sprintf("Pada tahun %d PPID akan mengumumkan secara berkala lebih banyak dokumen anggaran agar permohonan berulang "+
			"berkurang, melatih petugas PPID Pelaksana tentang tenggat pemberitahuan tertulis, dan menindaklanjuti saran survei kepuasan "+
			"tentang ruang tunggu dan jam layanan.", year+1),
	}
}

// seedReport writes, locks and publishes year's annual report unless it exists already.
func seedReport(ctx context.Context, sv Services, ppid *store.User, year int) error {
	a, err := sv.Store.AnnualReport(ctx, year)
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return err
	case a.Status == "published":
		return nil
	}
	if a == nil || a.Status == "draft" {
		if errs, err := sv.Performance.SaveNarrative(ctx, ppid, year, reportNarrative(year)); err != nil {
			return fmt.Errorf("%w %v", err, errs)
		}
		if err := sv.Performance.Lock(ctx, ppid, year); err != nil {
			return err
		}
	}
	return sv.Performance.Publish(ctx, ppid, year)
}

// showPublicPage: the demo PPID reviews the first demo request whose requester consented and
// shows its page when the personal-data check held it back (UU 14/2008 Pasal 13, 17 huruf h).
func showPublicPage(ctx context.Context, sv Services, ppid *store.User) error {
	var id int64
	err := sv.Store.DB().GetContext(ctx, &id, `SELECT id FROM requests WHERE publish_consent ORDER BY received_at DESC, id LIMIT 1`)
	if err != nil {
		return err
	}
	st, err := sv.Store.PublicPageState(ctx, ppid.Scope(), id)
	if err != nil {
		return err
	}
	if st.Public || st.Review == "hidden" {
		return nil
	}
	return sv.Casework.SetPublicPage(ctx, ppid, id, true)
}
