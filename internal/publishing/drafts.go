package publishing

import (
	"bufio"
	"context"
	"errors"
	"io"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/portal"
	"github.com/terbuka-id/terbuka/internal/store"
)

// ErrNotDraft: only a draft's file is replaced, and only a draft never published is deleted.
var ErrNotDraft = errors.New("publishing: the item is not an unpublished draft")

// ReplaceFile puts a new file (typically the blacked-out copy) in a draft: its text is extracted
// and the personal-data check runs again on it (UU 14/2008 Pasal 17 huruf h; UU 27/2022), and a
// confirmation given for the old file no longer counts.
func (s *Service) ReplaceFile(ctx context.Context, actor *store.User, id int64, up Upload) (portal.FieldErrors, error) {
	p, err := s.visible(ctx, actor, id, access.DraftPublication)
	if err != nil {
		return nil, err
	}
	if p.Status != "draft" || p.DocType == portal.DocOffline {
		return nil, ErrNotDraft
	}
	upload := bufio.NewReader(up.Body)
	if _, err := upload.Peek(1); errors.Is(err, io.EOF) {
		return portal.FieldErrors{"file": "Berkas kosong."}, nil
	}
	stored, err := files.PutChecked(ctx, s.Blobs, upload, s.MaxUpload, files.Allowed)
	if err != nil {
		if errors.Is(err, files.ErrTooLarge) || errors.Is(err, files.ErrTypeNotAllowed) {
			return portal.FieldErrors{"file": files.UserMessage(err, s.MaxUpload)}, nil
		}
		return nil, err
	}
	filename := files.SanitizeFilename(up.Filename, stored.ContentType)
	body, checked := s.extract(ctx, stored, filename)
	names, err := s.requesterNames(ctx, p)
	if err != nil {
		return nil, err
	}
	meta := portal.Meta{Title: p.Title, Category: p.Category, UnitID: p.UnitID, Year: p.Year, Summary: p.Summary,
		Keywords: p.Keywords, Responsible: p.Responsible, MadePlace: p.MadePlace, MadeTime: p.MadeTime, Form: p.Form, Retention: p.Retention}
	f := store.ReplacedFile{SHA256: stored.SHA256, ContentType: stored.ContentType, Filename: filename,
		DocType: portal.DocType(stored.ContentType), Size: stored.Size, BodyText: body, TextChecked: checked,
		PIIFindings: s.scan(meta, filename, body, checked, names)}
	err = s.Store.ReplaceDraftFile(ctx, actor.Scope(), id, f, actor.ID, actor.Name, s.Now())
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrNotDraft // published meanwhile
	}
	return nil, err
}

// DeleteDraft removes a draft that never went out, once the officer confirmed; what was published
// once is withdrawn instead, so its record stays.
func (s *Service) DeleteDraft(ctx context.Context, actor *store.User, id int64, confirmed bool) (portal.FieldErrors, error) {
	p, err := s.visible(ctx, actor, id, access.DraftPublication)
	if err != nil {
		return nil, err
	}
	if p.Status != "draft" || p.PublishedAt.Valid {
		return nil, ErrNotDraft
	}
	if !confirmed {
		return portal.FieldErrors{"confirm_delete": "Centang konfirmasi untuk menghapus draf ini."}, nil
	}
	err = s.Store.DeleteDraft(ctx, actor.Scope(), id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrNotDraft
	}
	return nil, err
}
