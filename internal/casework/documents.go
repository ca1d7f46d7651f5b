package casework

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"slices"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/letters"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// DocumentKinds officers attach to a case.
var DocumentKinds = []request.Option{
	{Code: "response", Label: "Informasi yang diberikan"},
	{Code: "redacted", Label: "Salinan yang dihitamkan"},
	{Code: "consequence_test", Label: "Lembar uji konsekuensi"},
	{Code: "other", Label: "Lainnya"},
}

// Visibilities say who may download a document.
var Visibilities = []request.Option{
	{Code: "internal", Label: "Internal (hanya petugas)"},
	{Code: "requester", Label: "Untuk pemohon"},
	{Code: "public", Label: "Untuk publikasi"},
}

// RequesterVisible are the visibilities a requester may download.
var RequesterVisible = []string{"requester", "public"}

// Upload is a file an officer attaches.
type Upload struct {
	Kind, Visibility, Filename string
	Body                       io.Reader
}

// AddDocument streams an upload into the blob store (size and type checked while reading) and
// records it on the case. The blob is written before the transaction, so no database lock is
// held while a large file arrives; a blob whose row then fails is unreferenced, never wrong.
func (s *Service) AddDocument(ctx context.Context, actor *store.User, id int64, up Upload) (*store.Document, request.FieldErrors, error) {
	if !actor.Can(access.UploadDocument) {
		return nil, nil, ErrForbidden
	}
	errs := request.FieldErrors{}
	if !slices.ContainsFunc(DocumentKinds, func(o request.Option) bool { return o.Code == up.Kind }) {
		errs["kind"] = "Pilih jenis dokumen."
	}
	if !slices.ContainsFunc(Visibilities, func(o request.Option) bool { return o.Code == up.Visibility }) {
		errs["visibility"] = "Pilih siapa yang boleh mengunduh dokumen."
	}
	if len(errs) > 0 {
		return nil, errs, &workflow.Refusal{Message: "Dokumen belum diunggah: periksa kolom yang ditandai."}
	}
	// The case is looked up before the file streams in, so an upload to a case the officer
	// cannot see is refused without storing a byte.
	if _, err := s.Store.RequestByID(ctx, actor.Scope(), id); err != nil {
		return nil, nil, err
	}
	stored, err := files.PutChecked(ctx, s.Blobs, up.Body, s.MaxUpload, files.Allowed)
	if err != nil {
		msg := files.UserMessage(err, s.MaxUpload)
		return nil, request.FieldErrors{"file": msg}, &workflow.Refusal{Message: msg}
	}
	doc := store.Document{RequestID: id, SHA256: stored.SHA256, Size: stored.Size, ContentType: stored.ContentType,
		Filename: files.SanitizeFilename(up.Filename, stored.ContentType), Kind: up.Kind, Visibility: up.Visibility,
		UploadedBy: sql.NullInt64{Int64: actor.ID, Valid: true}}
	err = s.withCase(ctx, actor.Scope(), id, func(tx *store.CaseTx, r *store.Request) error {
		if doc.ID, err = tx.AddDocument(ctx, doc); err != nil {
			return err
		}
		t := workflow.Transition{From: r.Status, To: r.Status, DueDate: r.DueDate, ExtendedDue: r.ExtendedDue,
			EventKind: "document_added", Note: "Dokumen ditambahkan: " + doc.Filename + "."}
		if doc.Visibility != "internal" {
			t.Public, t.Mail = true, "documents_ready"
		}
		return s.record(ctx, tx, r, r.State(), t, actor)
	})
	if err != nil {
		return nil, nil, err
	}
	return &doc, nil, nil
}

// storeLetterPDF renders an issued letter and keeps the PDF as a case document for the requester.
func (s *Service) storeLetterPDF(ctx context.Context, tx *store.CaseTx, l letters.Letter, requestID int64, actor *store.User) (int64, error) {
	pdf, err := letters.RenderPDF(l)
	if err != nil {
		return 0, err
	}
	stored, err := s.Blobs.Put(ctx, bytes.NewReader(pdf), int64(len(pdf)))
	if err != nil {
		return 0, err
	}
	doc := store.Document{RequestID: requestID, SHA256: stored.SHA256, Size: stored.Size, ContentType: "application/pdf",
		Filename: files.SanitizeFilename(letters.FileName(l.Kind, l.Number), "application/pdf"), Kind: "letter", Visibility: "requester",
		LetterKind: sql.NullString{String: string(l.Kind), Valid: true}, LetterNumber: sql.NullString{String: l.Number, Valid: true}}
	if actor != nil {
		doc.UploadedBy = sql.NullInt64{Int64: actor.ID, Valid: true}
	}
	return tx.AddDocument(ctx, doc)
}

// Document opens a case document for download. actor nil is the requester, who sees only
// what is marked for them or for publication.
func (s *Service) Document(ctx context.Context, actor *store.User, requestID, documentID int64) (*store.Document, files.Blob, error) {
	d, err := s.Store.Document(ctx, ScopeOf(actor), requestID, documentID)
	if err != nil {
		return nil, nil, err
	}
	if actor == nil && !slices.Contains(RequesterVisible, d.Visibility) {
		return nil, nil, store.ErrNotFound
	}
	blob, err := s.Blobs.Open(ctx, d.SHA256)
	if err != nil {
		return nil, nil, err
	}
	return d, blob, nil
}
