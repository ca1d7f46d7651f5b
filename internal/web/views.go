package web

import (
	"database/sql"
	"time"

	"github.com/terbuka-id/terbuka/internal/store"
)

// Templates read view models, never sql.Null* values: these turn a nullable column into the
// plain value a page shows, "" or 0 or nil for none.

func optString(s sql.NullString) string {
	if !s.Valid {
		return ""
	}
	return s.String
}

func optInt64(n sql.NullInt64) int64 {
	if !n.Valid {
		return 0
	}
	return n.Int64
}

func optTime(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	at := t.Time
	return &at
}

// letterRow is a letter as pages list it, its sending without sql.Null* values.
type letterRow struct {
	store.LetterRecord
	SentVia string     // "" until a sending is recorded
	SentAt  *time.Time // nil likewise
}

func newLetterRows(ls []store.LetterRecord) []letterRow {
	rows := make([]letterRow, len(ls))
	for i, l := range ls {
		rows[i] = letterRow{LetterRecord: l, SentVia: optString(l.SentVia), SentAt: optTime(l.SentAt)}
	}
	return rows
}
