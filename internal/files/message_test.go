package files

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

func TestUserMessage(t *testing.T) {
	wrapped := func(err error) error { return fmt.Errorf("upload case 7: %w", err) }
	tests := []struct {
		name     string
		err      error
		maxBytes int64
		want     string
	}{
		{"nil", nil, 50 << 20, ""},
		{"too large, 50 MB", ErrTooLarge, 50 << 20, "Berkas terlalu besar: paling besar 50 MB."},
		{"too large, wrapped", wrapped(ErrTooLarge), 10 << 20, "Berkas terlalu besar: paling besar 10 MB."},
		{"too large, 1.5 MB", ErrTooLarge, 3 << 19, "Berkas terlalu besar: paling besar 1,5 MB."},
		{"too large, rounded down", ErrTooLarge, (2 << 20) - 1, "Berkas terlalu besar: paling besar 1,9 MB."},
		{"too large, 500 KB", ErrTooLarge, 500 << 10, "Berkas terlalu besar: paling besar 500 KB."},
		{"too large, bytes", ErrTooLarge, 300, "Berkas terlalu besar: paling besar 300 bita."},
		{"too large, no limit given", ErrTooLarge, 0, "Berkas terlalu besar."},
		{"type", wrapped(ErrTypeNotAllowed), 0, "Jenis berkas tidak diizinkan. Unggah PDF, gambar (PNG/JPEG), dokumen Word/OpenDocument, spreadsheet, teks atau ZIP."},
		{"not found", ErrNotFound, 0, "Berkas tidak ditemukan."},
		{"cancelled", wrapped(context.Canceled), 0, "Unggahan terputus sebelum selesai. Silakan coba lagi."},
		{"internal error not shown", errors.New("open /var/terbuka/files/tmp: permission denied"), 0, "Berkas gagal disimpan. Silakan coba lagi."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := UserMessage(tt.err, tt.maxBytes); got != tt.want {
				t.Errorf("UserMessage(%v, %d) = %q, want %q", tt.err, tt.maxBytes, got, tt.want)
			}
		})
	}
}
