package workflow

import (
	"strconv"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
)

// Fees is the itemised cost of a notice (UU 14/2008 Pasal 22(7) g; Perki 1/2021 notice form):
// copies (pages × price per page), media, postage or courier, other. Prices come from the fee table
// the administrator keeps; electronic copies are free, so only printed pages and physical media cost.
type Fees struct {
	Pages      int    // printed pages copied
	PagePrice  int64  // rupiah per page, from the fee table at the time of the decision
	MediaCode  string // a fee-table medium (CD, flash disk), "" for none
	MediaLabel string
	MediaPrice int64
	Postage    int64 // postage or courier, rupiah
	Other      int64 // any other cost, rupiah, with OtherNote saying what it is
	OtherNote  string
}

// CopyCost is pages × price per page.
func (f Fees) CopyCost() int64 { return int64(f.Pages) * f.PagePrice }

// Total is what the requester pays.
func (f Fees) Total() int64 { return f.CopyCost() + f.MediaPrice + f.Postage + f.Other }

// validate names the cost fields at fault; payment is the notice's "how to pay" text.
func (f Fees) validate(payment string, errs request.FieldErrors) {
	if f.Pages < 0 || f.Pages > 1_000_000 {
		errs["pages"] = "Jumlah halaman tidak boleh negatif."
	}
	if f.Postage < 0 {
		errs["postage"] = "Ongkos kirim tidak boleh negatif."
	}
	if f.Other < 0 {
		errs["other_cost"] = "Biaya lain tidak boleh negatif."
	}
	if f.Other > 0 && strings.TrimSpace(f.OtherNote) == "" {
		errs["other_note"] = "Sebutkan untuk apa biaya lain dikenakan."
	}
	// Pasal 22(7) g: a notice that charges says how to pay.
	if f.Total() > 0 && strings.TrimSpace(payment) == "" {
		errs["cost"] = "Ada biaya: sebutkan cara pembayarannya (Pasal 22(7) huruf g)."
	}
}

// Pay is the command recording that the requester paid the notice's cost.
const Pay Action = "pay"

// PlanPay records the payment of the notice's cost (Pasal 22(7) g), which delivery waits for.
func PlanPay(c Case, paidOn calendar.Date, receipt string, now time.Time, cal *calendar.Calendar) (Transition, error) {
	if r := c.refuseClosed(); r != nil {
		return Transition{}, r
	}
	switch {
	case !c.deliverable():
		return Transition{}, refuse("Pembayaran hanya dicatat untuk informasi yang akan diserahkan.")
	case c.CostTotal <= 0:
		return Transition{}, refuse("Pemberitahuan tertulis tidak mengenakan biaya; tidak ada pembayaran yang dicatat.")
	case c.Paid:
		return Transition{}, refuse("Pembayaran sudah tercatat.")
	}
	today := calendar.DateOf(now.In(cal.Location()))
	switch {
	case paidOn.IsZero():
		return Transition{}, missing("paid_on", "Isi tanggal pembayaran.")
	case paidOn.After(today):
		return Transition{}, missing("paid_on", "Tanggal pembayaran tidak boleh di masa depan.")
	case !c.NoticeAt.IsZero() && paidOn.Before(calendar.DateOf(c.NoticeAt.In(cal.Location()))):
		return Transition{}, missing("paid_on", "Tanggal pembayaran tidak boleh sebelum pemberitahuan tertulis.")
	}
	if trim(receipt) == "" {
		return Transition{}, missing("receipt", "Isi nomor kuitansi atau bukti pembayaran.")
	}
	return c.unchanged(Pay, "paid", "Pembayaran biaya "+FormatRupiah(c.CostTotal)+" diterima pada "+calendar.FormatID(paidOn)+
		" (bukti "+trim(receipt)+").", true), nil
}

// FormatRupiah writes an amount as Indonesians do: "Rp 12.500".
func FormatRupiah(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := []byte{}
	digits := []byte(strconv.FormatInt(n, 10))
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			s = append(s, '.')
		}
		s = append(s, d)
	}
	if neg {
		return "-Rp " + string(s)
	}
	return "Rp " + string(s)
}
