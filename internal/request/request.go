// Package request holds the rules of a public information request that need no database or
// HTTP: what a valid submission is, its states and the words citizens see for them.
package request

import "strings"

// Option is a coded choice with the label citizens see.
type Option struct {
	Code  string
	Label string
}

// RequesterKinds: UU 14/2008 Pasal 1(12) — an individual, a group of people or a legal entity.
var RequesterKinds = []Option{
	{"perorangan", "Perorangan"},
	{"kelompok", "Kelompok orang"},
	{"badan_hukum", "Badan hukum"},
}

// ObtainMethods: Perki 1/2021 — inspect the information, or receive a copy.
var ObtainMethods = []Option{
	{"melihat", "Melihat/membaca/mendengarkan/mencatat"},
	{"softcopy", "Mendapatkan salinan (softcopy)"},
	{"hardcopy", "Mendapatkan salinan (hardcopy)"},
}

// DeliveryMethods: Perki 1/2021 — how the information reaches the requester.
var DeliveryMethods = []Option{
	{"ambil_langsung", "Mengambil langsung"},
	{"kurir", "Kurir"},
	{"pos", "Pos"},
	{"faksimili", "Faksimili"},
	{"email", "E-mail"},
}

// AccessibilityNeeds: Perki 1/2021 Pasal 5(5) and 24 — the information in a form a requester
// with a disability can use. "lainnya" asks for a description.
var AccessibilityNeeds = []Option{
	{"huruf_besar", "Cetakan huruf besar"},
	{"audio", "Rekaman suara (audio)"},
	{"braille", "Huruf braille"},
	{"bahasa_isyarat", "Bantuan juru bahasa isyarat"},
	{"lainnya", "Lainnya"},
}

// AccessibilityOther is the need that comes with a free-text description.
const AccessibilityOther = "lainnya"

// AccessibilityText describes a request's accessibility needs in one line: their labels, the
// description of "lainnya" in its place; "" when none were asked for.
func AccessibilityText(needs []string, note string) string {
	var parts []string
	for _, o := range AccessibilityNeeds {
		for _, n := range needs {
			if n != o.Code {
				continue
			}
			if n == AccessibilityOther && note != "" {
				parts = append(parts, "Lainnya: "+note)
			} else {
				parts = append(parts, o.Label)
			}
		}
	}
	return strings.Join(parts, "; ")
}

// IdentityKinds are the identity documents a requester may attach (Perki 1/2021: a KTP copy for
// an individual, the deed for a legal entity, a power of attorney when acting for others).
var IdentityKinds = []Option{
	{"ktp", "Pindaian KTP"},
	{"akta", "Akta pendirian badan hukum"},
	{"surat_kuasa", "Surat kuasa (mengajukan atas nama orang lain)"},
}

// Channels are how a request reached the office (UU 14/2008 Pasal 22(1): written or not).
var Channels = []Option{
	{"web", "Formulir daring"},
	{"api", "API"},
	{"walk_in", "Datang langsung"},
	{"letter", "Surat"},
	{"email", "E-mail"},
	{"phone", "Telepon"},
}

// Officer-registered channels; web and api are the citizen's own.
var OfficerChannels = Channels[2:]

// Statuses of a request, in the order a case moves through them.
const (
	StatusReceived      = "diterima"
	StatusInProcess     = "diproses"
	StatusExtended      = "diperpanjang"
	StatusGranted       = "dikabulkan"
	StatusPartial       = "dikabulkan_sebagian"
	StatusRefused       = "ditolak"
	StatusNotHeld       = "tidak_dikuasai"
	StatusNotDocumented = "belum_didokumentasikan"
	StatusDelivered     = "diserahkan"
	StatusClosed        = "selesai"
	StatusWithdrawn     = "ditarik"
)

var Statuses = []Option{
	{StatusReceived, "Diterima"},
	{StatusInProcess, "Diproses"},
	{StatusExtended, "Diperpanjang"},
	{StatusGranted, "Dikabulkan seluruhnya"},
	{StatusPartial, "Dikabulkan sebagian"},
	{StatusRefused, "Ditolak (dikecualikan)"},
	{StatusNotHeld, "Informasi tidak dikuasai"},
	{StatusNotDocumented, "Informasi belum didokumentasikan"},
	{StatusDelivered, "Informasi diserahkan"},
	{StatusClosed, "Selesai"},
	{StatusWithdrawn, "Ditarik pemohon"},
}

// Decisions are the answers a written notice can give (UU 14/2008 Pasal 22(7); Perki 1/2021).
var Decisions = []Option{
	{StatusGranted, "Dikabulkan seluruhnya"},
	{StatusPartial, "Dikabulkan sebagian"},
	{StatusRefused, "Ditolak karena informasi dikecualikan (Pasal 17)"},
	{StatusNotHeld, "Informasi tidak dikuasai badan publik ini"},
	{StatusNotDocumented, "Informasi belum didokumentasikan"},
}

// IsDecision reports whether code is a decision of the written notice.
func IsDecision(code string) bool { return valid(Decisions, code) }

// Label finds the label of code among options, or returns the code itself.
func Label(options []Option, code string) string {
	for _, o := range options {
		if o.Code == code {
			return o.Label
		}
	}
	return code
}

func valid(options []Option, code string) bool {
	for _, o := range options {
		if o.Code == code {
			return true
		}
	}
	return false
}

// IsOfficerChannel reports whether an officer may record a request as arriving by channel.
func IsOfficerChannel(channel string) bool { return valid(OfficerChannels, channel) }

// IsStatus reports whether code is a known status.
func IsStatus(code string) bool { return valid(Statuses, code) }
