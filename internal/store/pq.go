package store

import (
	"errors"

	"github.com/lib/pq"
)

func pqStrings(s []string) any { return pq.StringArray(s) }

// isUniqueViolation reports a PostgreSQL unique_violation (23505), so callers can answer ErrConflict.
func isUniqueViolation(err error) bool {
	var pqErr *pq.Error
	return errors.As(err, &pqErr) && pqErr.Code == "23505"
}
