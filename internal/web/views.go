package web

import (
	"database/sql"
	"time"
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
