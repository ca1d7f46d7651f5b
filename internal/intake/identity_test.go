package intake_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
)

var pngScan = append([]byte("\x89PNG\r\n\x1a\n"), []byte("KTP Siti Aminah NIK 3273014507900003")...)

// An identity document is stored sealed, checked by its sniffed type and its size, and opens
// again only for a reader whose scope holds the case.
func TestIdentityDocumentIsSealedTypedAndCapped(t *testing.T) {
	svc := newService(t, "{seq:04d}/PPID/{year}", time.Date(2026, 11, 4, 10, 0, 0, 0, jakarta))
	svc.IdentityMaxBytes = 1 << 10
	ctx := context.Background()

	for _, tc := range []struct {
		name    string
		file    request.IdentityFile
		field   string
		message string
	}{
		{"a text file named as a scan", request.IdentityFile{Kind: "ktp", Content: []byte("bukan gambar, hanya teks biasa")}, "identity.file", "Jenis berkas tidak diterima"},
		{"too large", request.IdentityFile{Kind: "ktp", Content: append(bytes.Clone(pngScan), make([]byte, 2<<10)...)}, "identity.file", "terlalu besar"},
		{"unknown kind", request.IdentityFile{Kind: "paspor", Content: pngScan}, "identity.kind", "jenis dokumen"},
	} {
		sub := submission()
		sub.Identity = &tc.file
		_, errs, err := svc.Submit(ctx, sub, intake.Origin{Channel: "web"})
		if !errors.Is(err, intake.ErrInvalid) || !bytes.Contains([]byte(errs[tc.field]), []byte(tc.message)) {
			t.Errorf("%s: %v %v", tc.name, err, errs)
		}
	}
	if n, _ := svc.Store.CountRequests(ctx); n != 0 {
		t.Fatalf("refused submissions registered %d requests", n)
	}

	sub := submission()
	sub.Identity = &request.IdentityFile{Kind: "ktp", Content: pngScan}
	receipt, errs, err := svc.Submit(ctx, sub, intake.Origin{Channel: "web"})
	if err != nil {
		t.Fatal(err, errs)
	}
	var sealed []byte
	if err := svc.Store.DB().Get(&sealed, `SELECT sealed FROM identity_documents WHERE request_id = $1`, receipt.RequestID); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(sealed, pngScan) || bytes.Contains(sealed, []byte("3273014507900003")) || bytes.Contains(sealed, []byte("KTP Siti")) {
		t.Fatal("the identity document is stored in clear")
	}
	docs, err := svc.Store.IdentityDocuments(ctx, access.Everything, receipt.RequestID)
	if err != nil || len(docs) != 1 || docs[0].ContentType != "image/png" || docs[0].Size != int64(len(pngScan)) || docs[0].Sealed != nil {
		t.Fatalf("listed %+v %v", docs, err)
	}
	_, plain, err := svc.IdentityDocument(ctx, access.Everything, receipt.RequestID, docs[0].ID)
	if err != nil || !bytes.Equal(plain, pngScan) {
		t.Fatalf("opened %q %v", plain, err)
	}
	other, err := svc.Store.CreateUnit(ctx, "PPID Pelaksana Lain")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.IdentityDocument(ctx, access.UnitScope(other), receipt.RequestID, docs[0].ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another unit opened the identity document: %v", err)
	}
	if docs, _ := svc.Store.IdentityDocuments(ctx, access.UnitScope(other), receipt.RequestID); len(docs) != 0 {
		t.Errorf("another unit listed %d identity documents", len(docs))
	}
}
