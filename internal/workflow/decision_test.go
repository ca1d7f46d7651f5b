package workflow_test

import (
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// completeDecision is a decision of the given kind with every field its kind requires.
func completeDecision(kind string, notice time.Time) workflow.Decision {
	d := workflow.Decision{Kind: kind, NoticeAt: notice}
	switch kind {
	case request.StatusGranted, request.StatusPartial:
		d.InformationGiven = "Salinan kontrak pengadaan alat kesehatan 2025"
		d.Form = "softcopy (PDF)"
		d.Cost = "tanpa biaya"
		d.DeliveryTime = "paling lambat 20 Maret 2026"
		if kind == request.StatusPartial {
			d.Withheld = "NIK dan alamat rumah penyedia dihitamkan"
			d.ExemptionLetters = []string{"h"}
			d.LegalBasis = "UU 14/2008 Pasal 17 huruf h; UU 27/2022"
			d.Harm = "Mengungkap data pribadi penyedia perorangan"
			d.PublicInterest = "Nilai dan isi kontrak tetap dibuka; hanya data pribadi yang dihitamkan"
			d.DIKSubject = "Data pribadi penyedia perorangan dalam kontrak pengadaan"
		}
	case request.StatusRefused:
		d.ExemptionLetters = []string{"a", "i"}
		d.LegalBasis = "UU 14/2008 Pasal 17 huruf a dan i"
		d.Harm = "Menghambat penyidikan yang sedang berjalan"
		d.PublicInterest = "Kepentingan penegakan hukum lebih besar sampai penyidikan selesai"
		d.DIKSubject = "Berkas penyidikan yang sedang berjalan"
		d.ExemptUntil = calendar.DateOf(notice).AddDays(365) // Pasal 20: letter a is not permanent
	case request.StatusNotHeld:
		d.HoldingBody = "Badan Pertanahan Nasional"
	case request.StatusNotDocumented:
		d.DocumentedBy = calendar.DateOf(notice).AddDays(14) // Perki 1/2021: the period it will be provided in
	}
	return d
}

// Field error messages of Decision.Validate.
const (
	errKind       = "Pilih isi putusan."
	errNoticeZero = "Isi tanggal pemberitahuan tertulis."
	errNoticeLate = "Tanggal pemberitahuan tidak boleh di masa depan."
	errNoticeEarl = "Tanggal pemberitahuan tidak boleh sebelum permohonan diterima."
	errInfo       = "Sebutkan informasi yang diberikan (Pasal 22(7) huruf d)."
	errForm       = "Sebutkan bentuk informasi yang diberikan (Pasal 22(7) huruf f)."
	errCost       = "Ada biaya: sebutkan cara pembayarannya (Pasal 22(7) huruf g)."
	errDelivery   = "Sebutkan waktu penyerahan informasi."
	errWithheld   = "Sebutkan bagian yang dihitamkan dan alasannya (Pasal 22(7) huruf e)."
	errNotPartial = "Ada bagian yang dihitamkan: pilih \"dikabulkan sebagian\"."
	errLetters    = "Pilih dasar pengecualian (Pasal 17 huruf a–j)."
	errLegalBasis = "Uji konsekuensi: tuliskan dasar hukum pengecualian (Pasal 19)."
	errHarm       = "Uji konsekuensi: tuliskan akibat yang timbul bila informasi dibuka (Pasal 19)."
	errPublic     = "Uji kepentingan publik: tuliskan pertimbangan kepentingan publik (Pasal 2(4))."
	errDIKSubject = "Tuliskan jenis informasi yang dikecualikan, untuk Daftar Informasi yang Dikecualikan."
)

func TestDecisionValidate(t *testing.T) {
	t.Parallel()
	c := refCase("diproses") // received 3 March 2026 09:00 WIB
	now := wib(2026, 3, 10, 12, 0)
	notice := wib(2026, 3, 10, 10, 0)
	with := func(kind string, edit func(*workflow.Decision)) workflow.Decision {
		d := completeDecision(kind, notice)
		edit(&d)
		return d
	}
	blank := func(kind string) workflow.Decision { return workflow.Decision{Kind: kind, NoticeAt: notice} }
	exemptionErrs := map[string]string{"exemption_letters": errLetters, "legal_basis": errLegalBasis, "harm": errHarm, "public_interest": errPublic,
		"dik_subject": errDIKSubject}

	tests := []struct {
		name string
		d    workflow.Decision
		want map[string]string
	}{
		// Complete decisions pass.
		{"granted complete", completeDecision("dikabulkan", notice), nil},
		{"partial complete", completeDecision("dikabulkan_sebagian", notice), nil},
		{"refused complete", completeDecision("ditolak", notice), nil},
		{"not held complete", completeDecision("tidak_dikuasai", notice), nil},
		// Pasal 22(7) b: the holder, or why it is not known (notice_law_test.go covers the edges).
		{"not held without the holding body or a reason", blank("tidak_dikuasai"), map[string]string{
			"holding_body": "Sebutkan Badan Publik yang menguasai informasi, atau alasan belum diketahui setelah penelusuran (Pasal 22(7) huruf b)."}},
		{"not documented complete", completeDecision("belum_didokumentasikan", notice), nil},
		{"every Pasal 17 letter", with("ditolak", func(d *workflow.Decision) {
			d.ExemptionLetters = []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}
		}), nil},

		// Kind.
		{"no kind", workflow.Decision{}, map[string]string{"kind": errKind}},
		{"a status that is no decision", blank("diproses"), map[string]string{"kind": errKind}},
		{"kind in capitals", blank("DITOLAK"), map[string]string{"kind": errKind}},

		// Granted: information given, form, cost, delivery time.
		{"granted, everything missing", blank("dikabulkan"),
			map[string]string{"information_given": errInfo, "form": errForm, "delivery_time": errDelivery}},
		{"granted without information given", with("dikabulkan", func(d *workflow.Decision) { d.InformationGiven = "" }),
			map[string]string{"information_given": errInfo}},
		{"granted with a blank form", with("dikabulkan", func(d *workflow.Decision) { d.Form = " \t\n" }),
			map[string]string{"form": errForm}},
		// Pasal 22(7) g: free by default; a cost needs the way to pay (notice_law_test.go covers the breakdown).
		{"granted free without payment text", with("dikabulkan", func(d *workflow.Decision) { d.Cost = "" }), nil},
		{"granted with a cost but no payment text", with("dikabulkan", func(d *workflow.Decision) { d.Cost, d.Fees.Postage = "", 15000 }),
			map[string]string{"cost": errCost}},
		{"granted without delivery time", with("dikabulkan", func(d *workflow.Decision) { d.DeliveryTime = "" }),
			map[string]string{"delivery_time": errDelivery}},
		{"granted but something withheld", with("dikabulkan", func(d *workflow.Decision) { d.Withheld = "halaman 3" }),
			map[string]string{"withheld": errNotPartial}},

		// Partial: + withheld, exemption letters and the consequence test.
		{"partial, everything missing", blank("dikabulkan_sebagian"),
			map[string]string{"information_given": errInfo, "form": errForm, "delivery_time": errDelivery,
				"withheld": errWithheld, "exemption_letters": errLetters, "legal_basis": errLegalBasis, "harm": errHarm, "public_interest": errPublic,
				"dik_subject": errDIKSubject}},
		{"partial without withheld", with("dikabulkan_sebagian", func(d *workflow.Decision) { d.Withheld = "  " }),
			map[string]string{"withheld": errWithheld}},
		{"partial without exemption letters", with("dikabulkan_sebagian", func(d *workflow.Decision) { d.ExemptionLetters = nil }),
			map[string]string{"exemption_letters": errLetters}},
		{"partial without legal basis", with("dikabulkan_sebagian", func(d *workflow.Decision) { d.LegalBasis = "" }),
			map[string]string{"legal_basis": errLegalBasis}},
		{"partial without harm", with("dikabulkan_sebagian", func(d *workflow.Decision) { d.Harm = "" }),
			map[string]string{"harm": errHarm}},
		{"partial without public interest", with("dikabulkan_sebagian", func(d *workflow.Decision) { d.PublicInterest = "" }),
			map[string]string{"public_interest": errPublic}},

		// Refused: exemption letters and the consequence test.
		{"refused, everything missing", blank("ditolak"), exemptionErrs},
		{"refused with blank consequence test", with("ditolak", func(d *workflow.Decision) {
			d.LegalBasis, d.Harm, d.PublicInterest = " ", "\t", "\n"
		}), map[string]string{"legal_basis": errLegalBasis, "harm": errHarm, "public_interest": errPublic}},
		{"refused with an empty letter list", with("ditolak", func(d *workflow.Decision) { d.ExemptionLetters = []string{} }),
			map[string]string{"exemption_letters": errLetters}},
		{"refused with unknown letter k", with("ditolak", func(d *workflow.Decision) { d.ExemptionLetters = []string{"a", "k"} }),
			map[string]string{"exemption_letters": "Huruf Pasal 17 tidak dikenal: k."}},
		{"refused with a capital letter", with("ditolak", func(d *workflow.Decision) { d.ExemptionLetters = []string{"A"} }),
			map[string]string{"exemption_letters": "Huruf Pasal 17 tidak dikenal: A."}},
		{"partial with the label instead of the code", with("dikabulkan_sebagian", func(d *workflow.Decision) {
			d.ExemptionLetters = []string{"h. mengungkap rahasia pribadi"}
		}), map[string]string{"exemption_letters": "Huruf Pasal 17 tidak dikenal: h. mengungkap rahasia pribadi."}},

		// The notice date.
		{"no notice date", with("tidak_dikuasai", func(d *workflow.Decision) { d.NoticeAt = time.Time{} }),
			map[string]string{"notice_at": errNoticeZero}},
		{"notice tomorrow", with("belum_didokumentasikan", func(d *workflow.Decision) { d.NoticeAt = wib(2026, 3, 11, 9, 0) }),
			map[string]string{"notice_at": errNoticeLate}},
		{"notice two minutes ahead of now", with("belum_didokumentasikan", func(d *workflow.Decision) { d.NoticeAt = now.Add(2 * time.Minute) }),
			map[string]string{"notice_at": errNoticeLate}},
		{"notice 30 s ahead of now (clock skew)", with("belum_didokumentasikan", func(d *workflow.Decision) { d.NoticeAt = now.Add(30 * time.Second) }), nil},
		{"notice equal to now, given in UTC", with("belum_didokumentasikan", func(d *workflow.Decision) { d.NoticeAt = now.UTC() }), nil},
		{"notice the day before receipt", with("belum_didokumentasikan", func(d *workflow.Decision) { d.NoticeAt = wib(2026, 3, 2, 9, 0) }),
			map[string]string{"notice_at": errNoticeEarl}},
		{"notice two minutes before receipt", with("belum_didokumentasikan", func(d *workflow.Decision) { d.NoticeAt = refReceivedAt.Add(-2 * time.Minute) }),
			map[string]string{"notice_at": errNoticeEarl}},
		{"notice at the moment of receipt", with("belum_didokumentasikan", func(d *workflow.Decision) { d.NoticeAt = refReceivedAt }), nil},
		{"notice in the future and fields missing", with("dikabulkan", func(d *workflow.Decision) {
			d.NoticeAt, d.Cost, d.Fees.Pages, d.Fees.PagePrice = wib(2026, 3, 12, 9, 0), "", 10, 500
		}), map[string]string{"notice_at": errNoticeLate, "cost": errCost}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.d.Validate(c, now)
			if got == nil {
				t.Fatal("Validate returned a nil map; callers range over and index it")
			}
			if !maps.Equal(map[string]string(got), tt.want) {
				t.Errorf("Validate =\n%v\nwant\n%v", got, tt.want)
			}
		})
	}
}

func TestExemptionLettersAreAToJ(t *testing.T) {
	t.Parallel()
	var codes []string
	for _, o := range workflow.ExemptionLetters {
		codes = append(codes, o.Code)
		if len(o.Label) < 4 || o.Label[:3] != o.Code+". " {
			t.Errorf("label %q does not start with %q", o.Label, o.Code+". ")
		}
	}
	if want := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}; !slices.Equal(codes, want) {
		t.Errorf("Pasal 17 letters = %v, want %v", codes, want)
	}
}
