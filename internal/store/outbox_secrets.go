package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/terbuka-id/terbuka/internal/mailtext"
)

// SealClearMailSecrets moves the secrets that queued mail still holds in clear in its data (queued
// before the secrets column existed; migration 00013 could wipe them only from mail that had left
// the queue, as SQL has no key) into the secrets column, sealed by seal. It returns how many mails
// it moved; after the first run on an upgraded database there are none.
func (s *Store) SealClearMailSecrets(ctx context.Context, seal func(map[string]string) ([]byte, error)) (int, error) {
	var rows []struct {
		ID   int64  `db:"id"`
		Data []byte `db:"data"`
	}
	if err := s.db.SelectContext(ctx, &rows, `SELECT id, data FROM outbox
		WHERE status = 'pending' AND secrets IS NULL AND data ?| $1::text[] ORDER BY id`, secretKeysArg()); err != nil {
		return 0, fmt.Errorf("store: unable to find clear mail secrets: %w", err)
	}
	moved := 0
	for _, r := range rows {
		var data map[string]any
		if err := json.Unmarshal(r.Data, &data); err != nil {
			return moved, fmt.Errorf("store: unable to decode mail data: %w", err)
		}
		sealed, err := seal(mailtext.ClearSecrets(data))
		if err != nil {
			return moved, err
		}
		// The row may have been sent meanwhile: then MarkSent wiped the clear value already.
		res, err := s.db.ExecContext(ctx, `UPDATE outbox SET secrets = $2, data = data - $3::text[]
			WHERE id = $1 AND status = 'pending' AND secrets IS NULL AND data ?| $3::text[]`, r.ID, sealed, secretKeysArg())
		if err != nil {
			return moved, fmt.Errorf("store: unable to seal mail secrets: %w", err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			moved++
		}
	}
	return moved, nil
}
