package files

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Messages are shown next to the upload field, so they are in Bahasa Indonesia.
const (
	msgTooLargeNoLimit = "Berkas terlalu besar."
	msgTypeNotAllowed  = "Jenis berkas tidak diizinkan. Unggah PDF, gambar (PNG/JPEG), dokumen Word/OpenDocument, spreadsheet, teks atau ZIP."
	msgNotFound        = "Berkas tidak ditemukan."
	msgInterrupted     = "Unggahan terputus sebelum selesai. Silakan coba lagi."
	msgFailed          = "Berkas gagal disimpan. Silakan coba lagi."
)

// UserMessage turns an error from this package into an Indonesian sentence for a form;
// maxBytes is the limit the upload was held to. A nil error gives "".
func UserMessage(err error, maxBytes int64) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrTooLarge):
		if maxBytes <= 0 {
			return msgTooLargeNoLimit
		}
		return fmt.Sprintf("Berkas terlalu besar: paling besar %s.", formatSize(maxBytes))
	case errors.Is(err, ErrTypeNotAllowed):
		return msgTypeNotAllowed
	case errors.Is(err, ErrNotFound):
		return msgNotFound
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return msgInterrupted
	default:
		return msgFailed
	}
}

// formatSize writes a byte count the Indonesian way: "50 MB", "1,5 MB", "500 KB".
func formatSize(n int64) string {
	const kb, mb = 1 << 10, 1 << 20
	switch {
	case n >= mb:
		return decimal(float64(n)/mb) + " MB"
	case n >= kb:
		return decimal(float64(n)/kb) + " KB"
	default:
		return strconv.FormatInt(n, 10) + " bita"
	}
}

// decimal prints at most one decimal with a comma, as Indonesian writes numbers; it rounds
// down so a file just over the limit is never told the limit is larger than it is.
func decimal(v float64) string {
	s := strconv.FormatFloat(math.Floor(v*10)/10, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	return strings.Replace(s, ".", ",", 1)
}
