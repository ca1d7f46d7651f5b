package registerimport

import (
	"strings"
)

// Column names of the register, in the order the package comment documents them.
const (
	colNumber      = "no_registrasi"
	colReceived    = "tanggal_diterima"
	colChannel     = "saluran"
	colKind        = "jenis_pemohon"
	colName        = "nama"
	colNIK         = "nik"
	colSK          = "nomor_sk"
	colAddress     = "alamat"
	colPhone       = "telepon"
	colEmail       = "email"
	colOccupation  = "pekerjaan"
	colInformation = "rincian_informasi"
	colPurpose     = "tujuan"
	colObtain      = "cara_memperoleh"
	colDelivery    = "cara_mendapatkan"
	colDecision    = "keputusan"
	colExemption   = "pasal_pengecualian"
	colNotice      = "tanggal_pemberitahuan"
	colDelivered   = "tanggal_penyerahan"
	colCost        = "biaya"
	colConsent     = "persetujuan_publikasi"
)

var knownColumns = []string{colNumber, colReceived, colChannel, colKind, colName, colNIK, colSK,
	colAddress, colPhone, colEmail, colOccupation, colInformation, colPurpose, colObtain, colDelivery,
	colDecision, colExemption, colNotice, colDelivered, colCost, colConsent}

// requiredColumns must be in the header; nik and nomor_sk are not, since a file may hold only
// one kind of requester, and a row missing its identifier is reported on that row.
var requiredColumns = []string{colNumber, colReceived, colKind, colName, colAddress, colPhone,
	colOccupation, colInformation, colPurpose, colObtain, colDelivery}

// fieldColumns maps request.Submission's FieldErrors keys back to the column the officer typed in.
var fieldColumns = map[string]string{
	"requester.kind":             colKind,
	"requester.name":             colName,
	"requester.nik":              colNIK,
	"requester.entity_sk_number": colSK,
	"requester.address":          colAddress,
	"requester.phone":            colPhone,
	"requester.email":            colEmail,
	"requester.occupation":       colOccupation,
	"information":                colInformation,
	"purpose":                    colPurpose,
	"obtain_method":              colObtain,
	"delivery_method":            colDelivery,
}

// columnKey folds a header cell to a column name: "  Tanggal Diterima " → "tanggal_diterima".
func columnKey(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	return strings.ToLower(strings.Join(strings.Fields(s), "_"))
}

func unknownColumnMessage(key string) string {
	best, bestDist := "", 3 // suggest only what is a typo away
	for _, c := range knownColumns {
		if d := distance(key, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	if best != "" {
		return "Kolom tidak dikenal; mungkin maksudnya " + best + "?"
	}
	return "Kolom tidak dikenal. Kolom yang dikenal: " + strings.Join(knownColumns, ", ") + "."
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	x, y := []rune(a), []rune(b)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(y)]
}
