package dipdik

import (
	"strconv"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// The office's registers (buku register) in the Perki 1/2010 form, the form Perki 1/2021 kept:
// the request register and the objection register. They carry personal data and are written
// for officers only; the public register is register.go's anonymised list.

// RequestRegisterBasis and ObjectionRegisterBasis name the form each register follows.
const (
	RequestRegisterBasis = "Register permohonan informasi publik menurut format Peraturan Komisi Informasi Nomor 1 Tahun 2010 " +
		"(dipertahankan Perki Nomor 1 Tahun 2021). Memuat data pribadi (UU 27/2022): hanya untuk petugas PPID; NIK disamarkan."
	ObjectionRegisterBasis = "Register keberatan atas permohonan informasi publik menurut format Peraturan Komisi Informasi " +
		"Nomor 1 Tahun 2010 (UU 14/2008 Pasal 35–36). Memuat data pribadi (UU 27/2022): hanya untuk petugas PPID."
)

// RequestRegisterTable lays out the request register of year. maskNIK turns a sealed NIK into
// its masked form; the full NIK never reaches a register (UU 27/2022, data minimisation).
func RequestRegisterTable(rows []store.OfficeRegisterRow, year int, office string, generated time.Time,
	loc *time.Location, maskNIK func([]byte) string) Table {
	t := Table{
		Name: "Register-Permohonan", Title: "Register Permohonan Informasi Publik Tahun " + strconv.Itoa(year),
		Office: office, Basis: RequestRegisterBasis, Generated: generated,
		Empty: "Belum ada permohonan yang teregistrasi pada tahun ini.",
		Columns: []Column{
			{Title: "No.", Kind: Number, Width: 7, XLSXWidth: 6},
			{Title: "Nomor registrasi", Width: 22, XLSXWidth: 22},
			{Title: "Tanggal permohonan", Kind: Date, Width: 17, XLSXWidth: 13},
			{Title: "Nama pemohon", Width: 22, XLSXWidth: 24, BoldFirstLine: true},
			{Title: "NIK / nomor SK badan hukum", Width: 20, XLSXWidth: 20},
			{Title: "Alamat", Width: 24, XLSXWidth: 30},
			{Title: "Nomor kontak (telepon/e-mail)", Width: 24, XLSXWidth: 28},
			{Title: "Pekerjaan", Width: 15, XLSXWidth: 16},
			{Title: "Informasi yang diminta", Width: 34, XLSXWidth: 45},
			{Title: "Tujuan penggunaan informasi", Width: 24, XLSXWidth: 30},
			{Title: "Status informasi (dikuasai / tidak dikuasai / di badan publik lain)", Width: 22, XLSXWidth: 26},
			{Title: "Bentuk informasi yang dikuasai (softcopy/hardcopy)", Width: 16, XLSXWidth: 20},
			{Title: "Jenis permohonan (melihat/mengetahui; meminta salinan)", Width: 19, XLSXWidth: 26},
			{Title: "Keputusan", Width: 18, XLSXWidth: 22},
			{Title: "Alasan penolakan", Width: 22, XLSXWidth: 30},
			{Title: "Tanggal pemberitahuan tertulis", Kind: Date, Width: 17, XLSXWidth: 14},
			{Title: "Tanggal penyerahan informasi", Kind: Date, Width: 17, XLSXWidth: 14},
			{Title: "Biaya dan cara pembayaran", Width: 18, XLSXWidth: 22},
			{Title: "Unit (PPID)", Width: 16, XLSXWidth: 18},
		},
	}
	for i, r := range rows {
		identity := r.EntitySKNumber.String
		if r.RequesterKind != "badan_hukum" {
			identity = maskNIK(r.NIKSealed)
		}
		decision, reason, notice := "Belum diputuskan", "", ""
		if r.Decision.Valid {
			decision = request.Label(request.Decisions, r.Decision.String)
			notice = dateIn(r.NoticeAt.Time, loc)
			if len(r.ExemptionLetters) > 0 {
				reason = exemptionReason(r.ExemptionLetters, r.LegalBasis)
			}
		}
		delivered := ""
		if r.DeliveredAt.Valid {
			delivered = dateIn(r.DeliveredAt.Time, loc)
		}
		t.Rows = append(t.Rows, []string{
			strconv.Itoa(i + 1), r.RegistrationNumber, dateIn(r.ReceivedAt, loc),
			r.RequesterName + "\n" + request.Label(request.RequesterKinds, r.RequesterKind), identity, r.Address,
			joinNonEmpty("\n", r.Phone, r.Email), r.Occupation, r.Information, r.Purpose,
			informationStatus(r), r.Form, request.Label(request.ObtainMethods, r.ObtainMethod) + "\nDikirim: " +
				request.Label(request.DeliveryMethods, r.DeliveryMethod),
			decision, reason, notice, delivered, r.Cost, r.UnitName,
		})
	}
	return t
}

// informationStatus is the register's "status informasi" (UU 14/2008 Pasal 22(7) a–b): held,
// not held (and which body holds it), or not yet documented; empty before the notice.
func informationStatus(r store.OfficeRegisterRow) string {
	switch r.Decision.String {
	case "":
		return ""
	case request.StatusNotHeld:
		if r.HoldingBody != "" {
			return "Tidak dikuasai; dikuasai oleh " + r.HoldingBody
		}
		return "Tidak dikuasai"
	case request.StatusNotDocumented:
		return "Dikuasai, belum didokumentasikan"
	default:
		return "Dikuasai"
	}
}

// exemptionReason names the Pasal 17 letters and the legal basis of a refusal or partial grant.
func exemptionReason(letters []string, basis string) string {
	var parts []string
	for _, l := range letters {
		parts = append(parts, "Pasal 17 huruf "+request.Label(workflow.ExemptionLetters, l))
	}
	return joinNonEmpty("\n", strings.Join(parts, "; "), basis)
}

// ObjectionRegisterTable lays out the objection register of year.
func ObjectionRegisterTable(rows []store.ObjectionRegisterRow, year int, office string, generated time.Time, loc *time.Location) Table {
	t := Table{
		Name: "Register-Keberatan", Title: "Register Keberatan Informasi Publik Tahun " + strconv.Itoa(year),
		Office: office, Basis: ObjectionRegisterBasis, Generated: generated,
		Empty: "Belum ada keberatan yang diterima pada tahun ini.",
		Columns: []Column{
			{Title: "No.", Kind: Number, Width: 7, XLSXWidth: 6},
			{Title: "Nomor keberatan", Width: 22, XLSXWidth: 22},
			{Title: "Tanggal diterima", Kind: Date, Width: 17, XLSXWidth: 13},
			{Title: "Identitas pemohon / kuasa pemohon", Width: 30, XLSXWidth: 36, BoldFirstLine: true},
			{Title: "Nomor registrasi permohonan", Width: 22, XLSXWidth: 22},
			{Title: "Informasi yang diminta", Width: 32, XLSXWidth: 45},
			{Title: "Tujuan penggunaan informasi", Width: 24, XLSXWidth: 30},
			{Title: "Alasan pengajuan keberatan (Pasal 35 ayat 1)", Width: 32, XLSXWidth: 40},
			{Title: "Keputusan atasan PPID", Width: 30, XLSXWidth: 40},
			{Title: "Tanggal tanggapan", Kind: Date, Width: 17, XLSXWidth: 14},
			{Title: "Nama dan jabatan atasan PPID", Width: 20, XLSXWidth: 24},
			{Title: "Tanggapan pemohon", Width: 24, XLSXWidth: 30},
			{Title: "Unit (PPID)", Width: 16, XLSXWidth: 18},
		},
	}
	for i, r := range rows {
		var grounds []string
		for _, g := range r.Grounds {
			grounds = append(grounds, request.Label(workflow.ObjectionGrounds, g))
		}
		decision, answered, by := "Belum ditanggapi", "", ""
		if r.AnsweredAt.Valid {
			decision = request.Label(workflow.ObjectionOutcomes, r.Status) + "\n" + r.Answer
			answered = dateIn(r.AnsweredAt.Time, loc)
		}
		if r.AnsweredByName.Valid {
			by = r.AnsweredByName.String + "\n" + access.Role(r.AnsweredByRole.String).Label()
		}
		response := ""
		if r.DisputeNumber.Valid {
			response = "Mengajukan sengketa ke Komisi Informasi (nomor " + r.DisputeNumber.String + ")"
		}
		t.Rows = append(t.Rows, []string{
			strconv.Itoa(i + 1), r.Number, dateIn(r.ReceivedAt, loc),
			joinNonEmpty("\n", r.RequesterName, request.Label(request.RequesterKinds, r.RequesterKind), r.Address, r.Phone, r.Email),
			r.RegistrationNumber, r.Information, r.Purpose, joinNonEmpty("\n", strings.Join(grounds, "\n"), r.Reasons),
			decision, answered, by, response, r.UnitName,
		})
	}
	return t
}

func dateIn(t time.Time, loc *time.Location) string { return calendar.DateOf(t.In(loc)).String() }
