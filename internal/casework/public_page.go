package casework

import (
	"context"
	"database/sql"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// SetPublicPage shows or hides the request's public page: the PPID's review after the
// personal-data check of its text (UU 14/2008 Pasal 13, 17 huruf h; UU 27/2022). Only a request
// whose requester consented has a page; the change is in the internal history.
func (s *Service) SetPublicPage(ctx context.Context, actor *store.User, id int64, show bool) error {
	if !actor.Can(access.PublishDocument) {
		return ErrForbidden
	}
	return s.withCase(ctx, actor.Scope(), id, func(tx *store.CaseTx, r *store.Request) error {
		if !r.PublishConsent {
			return &workflow.Refusal{Message: "pemohon tidak menyetujui publikasi permohonannya."}
		}
		review, note := "hidden", "Halaman publik permohonan disembunyikan."
		if show {
			review, note = "shown", "Halaman publik permohonan ditampilkan setelah pemeriksaan data pribadi."
		}
		now := s.Now()
		if err := tx.SetPublicReview(ctx, r.ID, review, actor.ID, now); err != nil {
			return err
		}
		return tx.AddEvent(ctx, r.ID, store.NewEvent{At: now, ActorID: sql.NullInt64{Int64: actor.ID, Valid: true},
			ActorLabel: actor.Name, Kind: "public_page", Note: note})
	})
}
