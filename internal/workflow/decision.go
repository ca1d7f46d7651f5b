package workflow

import (
	"slices"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/pii"
	"github.com/terbuka-id/terbuka/internal/request"
)

// Decision is the content of a written notice (UU 14/2008 Pasal 22(7) a–g).
type Decision struct {
	Kind     string
	NoticeAt time.Time
	// NoticeDateOnly: the officer gave the day of the notice without its time, so NoticeAt is
	// that day's midnight and only the day can be compared with the request's receipt.
	NoticeDateOnly   bool
	InformationGiven string   // Pasal 22(7) d: what is given
	Withheld         string   // Pasal 22(7) e: what is blacked out, and why
	ExemptionLetters []string // Pasal 17 a–j
	LegalBasis       string   // the consequence test (Pasal 19, Pasal 2(4)): statutory basis
	Harm             string   // … the harm disclosure would cause
	PublicInterest   string   // … and the public-interest balance
	HoldingBody      string   // Pasal 22(7) b: who holds it, when not this body
	// HoldingUnknownReason says why the holder is not known after inquiry; required when no body is named.
	HoldingUnknownReason string
	Form                 string // Pasal 22(7) f: form of the information
	Cost                 string // Pasal 22(7) g: copying cost only; electronic copies are free
	DeliveryTime         string
	// DeliveryDue is the day a grant promises delivery by (optional): once it passes without
	// delivery, ground g of Pasal 35(1) arises with its own objection window (Pasal 36(1)).
	DeliveryDue calendar.Date
	// DocumentedBy is the day by which information not yet documented will be provided (Pasal 22(7); Perki 1/2021 form).
	DocumentedBy calendar.Date
	// Fees itemise the cost of Pasal 22(7) g; Cost then says how to pay.
	Fees Fees
	// PP 61/2010: an exemption states how long it lasts (never permanent for Pasal 17 a–f, Pasal 20)
	// and, for the DIK, what kind of information is exempt, written without personal data.
	ExemptUntil calendar.Date
	DIKSubject  string
}

// TemporaryExemptions are the Pasal 17 letters that UU 14/2008 Pasal 20 says are not permanent.
var TemporaryExemptions = []string{"a", "b", "c", "d", "e", "f"}

// NeedsEndDate reports whether an exemption on letters must state when it ends (Pasal 20).
func NeedsEndDate(letters []string) bool {
	return slices.ContainsFunc(letters, func(l string) bool { return slices.Contains(TemporaryExemptions, l) })
}

// ValidateExemptionTerms checks the period and the DIK subject of an exemption decided on day:
// an end date after that day, required for Pasal 17 a–f (Pasal 20); a subject without personal
// data (UU 14/2008 Pasal 17 h; names are checked by the caller, who knows them).
func ValidateExemptionTerms(letters []string, until calendar.Date, subject string, day calendar.Date, errs request.FieldErrors) {
	switch {
	case until.IsZero() && NeedsEndDate(letters):
		errs["exempt_until"] = "Pengecualian Pasal 17 huruf a–f tidak permanen: isi tanggal berakhirnya (Pasal 20; PP 61/2010)."
	case !until.IsZero() && !until.After(day):
		errs["exempt_until"] = "Tanggal berakhirnya pengecualian harus setelah tanggal penetapan."
	}
	switch n := len([]rune(trim(subject))); {
	case n == 0:
		errs["dik_subject"] = "Tuliskan jenis informasi yang dikecualikan, untuk Daftar Informasi yang Dikecualikan."
	case n > 500:
		errs["dik_subject"] = "Jenis informasi terlalu panjang (paling banyak 500 karakter)."
	default:
		if found := pii.Scan(subject); len(found) > 0 {
			errs["dik_subject"] = "Jenis informasi memuat data pribadi (" + found[0].Label() + "); tulis tanpa data pribadi."
		}
	}
}

// ExemptionLetters of UU 14/2008 Pasal 17.
var ExemptionLetters = []request.Option{
	{Code: "a", Label: "a. menghambat proses penegakan hukum"},
	{Code: "b", Label: "b. mengganggu perlindungan HKI dan persaingan usaha tidak sehat"},
	{Code: "c", Label: "c. membahayakan pertahanan dan keamanan negara"},
	{Code: "d", Label: "d. mengungkapkan kekayaan alam Indonesia"},
	{Code: "e", Label: "e. merugikan ketahanan ekonomi nasional"},
	{Code: "f", Label: "f. merugikan kepentingan hubungan luar negeri"},
	{Code: "g", Label: "g. mengungkap isi akta otentik pribadi dan wasiat"},
	{Code: "h", Label: "h. mengungkap rahasia pribadi"},
	{Code: "i", Label: "i. memorandum atau surat antar/intra badan publik yang dirahasiakan"},
	{Code: "j", Label: "j. informasi yang tidak boleh diungkap berdasarkan undang-undang"},
}

// SettleNoticeTime gives a notice dated without a time its moment: a notice on the day the
// request was received cannot precede it, so it is recorded at the receipt; any other day keeps
// its start. A notice with its time is left as it is.
func (d Decision) SettleNoticeTime(c Case) Decision {
	if d.NoticeDateOnly && !d.NoticeAt.IsZero() && d.NoticeAt.Before(c.ReceivedAt) &&
		calendar.DateOf(d.NoticeAt) == calendar.DateOf(c.ReceivedAt.In(d.NoticeAt.Location())) {
		d.NoticeAt = c.ReceivedAt.In(d.NoticeAt.Location())
	}
	return d
}

// Validate names every missing or wrong field; keys are the form's field names.
func (d Decision) Validate(c Case, now time.Time) request.FieldErrors {
	errs := request.FieldErrors{}
	if !request.IsDecision(d.Kind) {
		errs["kind"] = "Pilih isi putusan."
		return errs
	}
	switch {
	case d.NoticeAt.IsZero():
		errs["notice_at"] = "Isi tanggal pemberitahuan tertulis."
	case d.NoticeAt.After(now.Add(time.Minute)):
		errs["notice_at"] = "Tanggal pemberitahuan tidak boleh di masa depan."
	case d.NoticeDateOnly && calendar.DateOf(d.NoticeAt).Before(calendar.DateOf(c.ReceivedAt.In(d.NoticeAt.Location()))):
		errs["notice_at"] = "Tanggal pemberitahuan tidak boleh sebelum permohonan diterima."
	case !d.NoticeDateOnly && d.NoticeAt.Before(c.ReceivedAt.Add(-time.Minute)):
		errs["notice_at"] = "Tanggal pemberitahuan tidak boleh sebelum permohonan diterima."
	}
	need := func(key, value, msg string) {
		if strings.TrimSpace(value) == "" {
			errs[key] = msg
		}
	}
	switch d.Kind {
	case request.StatusGranted, request.StatusPartial:
		need("information_given", d.InformationGiven, "Sebutkan informasi yang diberikan (Pasal 22(7) huruf d).")
		need("form", d.Form, "Sebutkan bentuk informasi yang diberikan (Pasal 22(7) huruf f).")
		d.Fees.validate(d.Cost, errs)
		need("delivery_time", d.DeliveryTime, "Sebutkan waktu penyerahan informasi.")
		if !d.DeliveryDue.IsZero() && !d.NoticeAt.IsZero() {
			notice := calendar.DateOf(d.NoticeAt)
			if d.DeliveryDue.Before(notice) {
				errs["delivery_due"] = "Tanggal penyerahan tidak boleh sebelum tanggal pemberitahuan."
			} else if d.DeliveryDue.After(notice.AddDays(366)) {
				errs["delivery_due"] = "Tanggal penyerahan terlalu jauh dari tanggal pemberitahuan."
			}
		}
		if d.Kind == request.StatusPartial {
			need("withheld", d.Withheld, "Sebutkan bagian yang dihitamkan dan alasannya (Pasal 22(7) huruf e).")
			d.validateExemption(errs)
		} else if strings.TrimSpace(d.Withheld) != "" {
			errs["withheld"] = "Ada bagian yang dihitamkan: pilih \"dikabulkan sebagian\"."
		}
	case request.StatusRefused:
		d.validateExemption(errs)
	case request.StatusNotHeld:
		d.validateHolder(errs)
	case request.StatusNotDocumented:
		// Perki 1/2021 notice form: "belum didokumentasikan" states the period within which it will be provided.
		switch {
		case d.DocumentedBy.IsZero():
			errs["documented_by"] = "Sebutkan tanggal paling lambat informasi akan disediakan."
		case !d.NoticeAt.IsZero() && !d.DocumentedBy.After(calendar.DateOf(d.NoticeAt)):
			errs["documented_by"] = "Tanggal penyediaan informasi harus setelah tanggal pemberitahuan."
		}
	}
	if !d.DeliveryDue.IsZero() && d.Kind != request.StatusGranted && d.Kind != request.StatusPartial {
		errs["delivery_due"] = "Tanggal penyerahan hanya untuk informasi yang dikabulkan."
	}
	return errs
}

// validateHolder: UU 14/2008 Pasal 22(7) b — a "not held" notice names the body that holds the
// information or, when the office does not know after inquiry, says so with the reason.
func (d Decision) validateHolder(errs request.FieldErrors) {
	body, why := trim(d.HoldingBody), trim(d.HoldingUnknownReason)
	switch {
	case body == "" && why == "":
		errs["holding_body"] = "Sebutkan Badan Publik yang menguasai informasi, atau alasan belum diketahui setelah penelusuran (Pasal 22(7) huruf b)."
	case body != "" && why != "":
		errs["holding_unknown_reason"] = "Badan Publik yang menguasai sudah disebut: kosongkan alasan \"tidak diketahui\"."
	case body == "" && len([]rune(why)) < 10:
		errs["holding_unknown_reason"] = "Uraikan penelusuran yang dilakukan dan mengapa pemegang informasi tidak diketahui."
	}
}

// validateExemption: UU 14/2008 Pasal 19 and Pasal 2(4) — no exemption without the
// consequence test and the public-interest balance, each written down.
func (d Decision) validateExemption(errs request.FieldErrors) {
	if len(d.ExemptionLetters) == 0 {
		errs["exemption_letters"] = "Pilih dasar pengecualian (Pasal 17 huruf a–j)."
	}
	for _, l := range d.ExemptionLetters {
		if !slices.ContainsFunc(ExemptionLetters, func(o request.Option) bool { return o.Code == l }) {
			errs["exemption_letters"] = "Huruf Pasal 17 tidak dikenal: " + l + "."
		}
	}
	if strings.TrimSpace(d.LegalBasis) == "" {
		errs["legal_basis"] = "Uji konsekuensi: tuliskan dasar hukum pengecualian (Pasal 19)."
	}
	if strings.TrimSpace(d.Harm) == "" {
		errs["harm"] = "Uji konsekuensi: tuliskan akibat yang timbul bila informasi dibuka (Pasal 19)."
	}
	if strings.TrimSpace(d.PublicInterest) == "" {
		errs["public_interest"] = "Uji kepentingan publik: tuliskan pertimbangan kepentingan publik (Pasal 2(4))."
	}
	var day calendar.Date
	if !d.NoticeAt.IsZero() {
		day = calendar.DateOf(d.NoticeAt)
	}
	ValidateExemptionTerms(d.ExemptionLetters, d.ExemptUntil, d.DIKSubject, day, errs)
}

func trim(s string) string { return strings.TrimSpace(s) }

func lower(s string) string { return strings.ToLower(s) }
