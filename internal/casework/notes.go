package casework

import (
	"context"
	"database/sql"
	"strings"
	"unicode/utf8"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// NoteKind is the history kind of an internal note.
const NoteKind = "note"

// maxNoteRunes bounds a note, a clarification question and its answer.
const maxNoteRunes = 4000

// AddNote writes an officer's internal note into the case history, with its author and time. It
// is never public: the requester's tracking page and API, the public register and letters read
// only public history (UU 27/2022 Pasal 16: personal data only for its purpose).
func (s *Service) AddNote(ctx context.Context, actor *store.User, id int64, text string) (request.FieldErrors, error) {
	if !actor.Can(access.WriteNote) {
		return nil, ErrForbidden
	}
	var fieldErrs request.FieldErrors
	err := s.withCase(ctx, actor.Scope(), id, func(tx *store.CaseTx, r *store.Request) error {
		text = strings.TrimSpace(text)
		if msg := checkText(text, "Tulis catatannya."); msg != "" {
			fieldErrs = request.FieldErrors{"note": msg}
			return &workflow.Refusal{Message: "Catatan belum tersimpan: " + msg, Field: "note"}
		}
		return tx.AddEvent(ctx, r.ID, store.NewEvent{At: s.Now(), ActorID: sql.NullInt64{Int64: actor.ID, Valid: true},
			ActorLabel: actor.Name, Kind: NoteKind, Note: text, Public: false})
	})
	return fieldErrs, err
}

// checkText is the message for a missing or overlong free text; "" when it is fine.
func checkText(text, missing string) string {
	switch n := utf8.RuneCountInString(text); {
	case n == 0:
		return missing
	case n > maxNoteRunes:
		return "Terlalu panjang: paling banyak 4000 karakter."
	}
	return ""
}
