// Package letters renders the official letters of a case (receipts, written notices,
// extensions, refusals and objection letters) as PDF and as an HTML fragment.
// It is pure: input is plain data, output is bytes; no database and no HTTP.
package letters

import (
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
)

// Kind says which official letter is produced.
type Kind string

// The letters of a case.
const (
	Receipt          Kind = "tanda_bukti"           // tanda bukti penerimaan permohonan (UU 14/2008 Pasal 22(4))
	Notice           Kind = "pemberitahuan"         // pemberitahuan tertulis (Pasal 22(7), Perki 1/2021 form)
	Extension        Kind = "perpanjangan"          // pemberitahuan perpanjangan (Pasal 22(8))
	Refusal          Kind = "penolakan"             // surat keputusan penolakan with the consequence test (Pasal 17, 19; Pasal 2(4))
	ObjectionReceipt Kind = "tanda_bukti_keberatan" // tanda bukti penerimaan keberatan (Pasal 35–36)
	ObjectionAnswer  Kind = "tanggapan_keberatan"   // tanggapan atasan PPID atas keberatan (Pasal 36(2)-(3))
)

// Title returns the Indonesian title printed on the letter, or "" for an unknown kind.
func (k Kind) Title() string {
	switch k {
	case Receipt:
		return "TANDA BUKTI PENERIMAAN PERMOHONAN INFORMASI PUBLIK"
	case Notice:
		return "PEMBERITAHUAN TERTULIS"
	case Extension:
		return "PEMBERITAHUAN PERPANJANGAN JANGKA WAKTU PEMBERITAHUAN TERTULIS"
	case Refusal:
		return "SURAT KEPUTUSAN PPID TENTANG PENOLAKAN PERMOHONAN INFORMASI PUBLIK"
	case ObjectionReceipt:
		return "TANDA BUKTI PENERIMAAN KEBERATAN ATAS PERMOHONAN INFORMASI PUBLIK"
	case ObjectionAnswer:
		return "TANGGAPAN ATASAN PPID ATAS KEBERATAN"
	}
	return ""
}

// Office is the public body whose letterhead the letter carries.
type Office struct {
	Name       string
	Address    string
	Letterhead string // free text lines under the name, e.g. "Jl. ... Telp ..."
	City       string // place printed before the date
}

// Signer is the official who signs the letter.
type Signer struct {
	Name     string // e.g. "Rina Kusumawati"
	Position string // e.g. "Pejabat Pengelola Informasi dan Dokumentasi"
}

// Letter is everything one letter shows. Which fields a kind needs is checked by Validate.
type Letter struct {
	Kind   Kind
	Number string        // letter number, e.g. "001/PPID/XI/2026" (assigned by the caller)
	Date   calendar.Date // date of the letter
	Office Office
	Signer Signer

	// The case.
	RegistrationNumber string
	RequesterName      string
	RequesterAddress   string
	ReceivedAt         time.Time // receipt time of the request, shown in its own location
	Information        string
	Purpose            string
	ObtainMethod       string // already-human label, e.g. "Mendapatkan salinan (softcopy)"
	DeliveryMethod     string // already-human label, e.g. "E-mail"
	ResponseDue        calendar.Date
	ExtendedDue        calendar.Date

	// Accessibility: the accessible forms asked for, as text ("Huruf braille"); "" for none
	// (Perki 1/2021 Pasal 24).
	Accessibility string

	// Decision (Notice, Refusal).
	Decision         string   // "dikabulkan", "dikabulkan_sebagian", "ditolak", "tidak_dikuasai", "belum_didokumentasikan"
	InformationGiven string   // what is given (Pasal 22(7) d)
	Withheld         string   // what is blacked out and why (Pasal 22(7) e)
	ExemptionLetters []string // Pasal 17 letters, e.g. ["h", "i"]
	LegalBasis       string   // consequence test: the statutory basis (Pasal 19)
	Harm             string   // consequence test: the harm if disclosed (Pasal 19)
	PublicInterest   string   // consequence test: the public-interest balance (Pasal 2(4))
	HoldingBody      string   // for tidak_dikuasai: the body that holds it, if known (Pasal 22(7) b)
	// HoldingUnknownReason: for tidak_dikuasai without a HoldingBody, why the holder is not known after inquiry.
	HoldingUnknownReason string
	Form                 string // form of the information (Pasal 22(7) f)
	Cost                 string // cost and payment; copying only, electronic copies free (Pasal 22(7) g)
	DeliveryTime         string // when the information is delivered
	// DeliveryDue is the day a grant promises delivery by (zero: none named); its passing without
	// delivery is ground g of Pasal 35(1), so the notice states it.
	DeliveryDue calendar.Date
	// DocumentedBy: for belum_didokumentasikan, the day by which the information will be provided (Perki 1/2021 form).
	DocumentedBy calendar.Date
	// The itemised cost (Pasal 22(7) g; Perki 1/2021 form), in rupiah; Cost then says how to pay.
	CopyPages  int
	PagePrice  int64
	MediaLabel string
	MediaPrice int64
	Postage    int64
	OtherCost  int64
	OtherNote  string
	TotalCost  int64
	// PP 61/2010: how long the exemption lasts (zero: not limited, Pasal 17 g–j only) and what kind of information it is.
	ExemptUntil calendar.Date
	DIKSubject  string

	// Extension.
	ExtensionReason string

	// Objection.
	ObjectionNumber     string
	ObjectionGrounds    []string // Pasal 35(1) letters a–g
	ObjectionReasons    string
	ObjectionReceivedAt time.Time
	ObjectionDue        calendar.Date // atasan's 30 WD (Pasal 36(2))
	ObjectionOutcome    string        // "dikuatkan" (PPID decision upheld) or "dibatalkan" (overturned)
	ObjectionAnswer     string        // the atasan's written reasons (Pasal 36(3))
	DisputeDue          calendar.Date // 14 WD to take it to the Komisi Informasi (Pasal 37(2))

	// Years without a loaded SKB each date above depends on; a non-empty list puts
	// "Tanggal ini dapat bergeser setelah SKB hari libur tahun … ditetapkan." beside that date (DESIGN §2).
	ResponseDueProvisional  []int
	ExtendedDueProvisional  []int
	ObjectionDueProvisional []int
	DisputeDueProvisional   []int
	DeliveryDueProvisional  []int
}

// Decisions of a written notice (Pasal 22(7); Perki 1/2021).
const (
	decisionGranted      = "dikabulkan"
	decisionPartial      = "dikabulkan_sebagian"
	decisionRefused      = "ditolak"
	decisionNotHeld      = "tidak_dikuasai"
	decisionUndocumented = "belum_didokumentasikan"
)

// Outcomes of an objection (Pasal 36(2)-(3)).
const (
	outcomeUpheld     = "dikuatkan"
	outcomeOverturned = "dibatalkan"
)

// Pasal17 gives the meaning of each exemption letter of UU 14/2008 Pasal 17.
var Pasal17 = map[string]string{
	"a": "informasi yang apabila dibuka dapat menghambat proses penegakan hukum",
	"b": "informasi yang apabila dibuka dapat mengganggu kepentingan perlindungan hak atas kekayaan intelektual dan perlindungan dari persaingan usaha tidak sehat",
	"c": "informasi yang apabila dibuka dapat membahayakan pertahanan dan keamanan negara",
	"d": "informasi yang apabila dibuka dapat mengungkapkan kekayaan alam Indonesia",
	"e": "informasi yang apabila dibuka dapat merugikan ketahanan ekonomi nasional",
	"f": "informasi yang apabila dibuka dapat merugikan kepentingan hubungan luar negeri",
	"g": "informasi yang apabila dibuka dapat mengungkapkan isi akta otentik yang bersifat pribadi dan kemauan terakhir ataupun wasiat seseorang",
	"h": "informasi yang apabila dibuka dapat mengungkap rahasia pribadi",
	"i": "memorandum atau surat-surat antar-Badan Publik atau intra-Badan Publik yang menurut sifatnya dirahasiakan",
	"j": "informasi yang tidak boleh diungkapkan berdasarkan undang-undang",
}

// Pasal35 gives the meaning of each objection ground of UU 14/2008 Pasal 35(1).
var Pasal35 = map[string]string{
	"a": "penolakan atas permintaan informasi berdasarkan alasan pengecualian sebagaimana dimaksud dalam Pasal 17",
	"b": "tidak disediakannya informasi berkala sebagaimana dimaksud dalam Pasal 9",
	"c": "tidak ditanggapinya permintaan informasi",
	"d": "permintaan informasi ditanggapi tidak sebagaimana yang diminta",
	"e": "tidak dipenuhinya permintaan informasi",
	"f": "pengenaan biaya yang tidak wajar",
	"g": "penyampaian informasi yang melebihi waktu yang diatur dalam Undang-Undang Nomor 14 Tahun 2008",
}
