package casework

import (
	"context"
	"database/sql"
	"errors"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// VerifyIdentity records that an officer checked the requester's identity (against the attached
// document, or in person). It is done once; the internal history names who and when. The NIK
// and the scan serve this check only (UU 27/2022 Pasal 16(1)), so nothing about them is written.
func (s *Service) VerifyIdentity(ctx context.Context, actor *store.User, id int64) error {
	if !actor.Can(access.RegisterRequest) {
		return ErrForbidden
	}
	return s.withCase(ctx, actor.Scope(), id, func(tx *store.CaseTx, r *store.Request) error {
		now := s.Now()
		err := tx.MarkIdentityVerified(ctx, r.ID, now, actor.ID)
		if errors.Is(err, store.ErrConflict) {
			return &workflow.Refusal{Message: "Identitas pemohon sudah diverifikasi."}
		}
		if err != nil {
			return err
		}
		return tx.AddEvent(ctx, r.ID, store.NewEvent{At: now, ActorID: sql.NullInt64{Int64: actor.ID, Valid: true},
			ActorLabel: actor.Name, Kind: "identity_verified", Note: "Identitas pemohon diverifikasi."})
	})
}
