package store

import (
	"errors"
	"strings"

	"github.com/lib/pq"
)

func pqStrings(s []string) any { return pq.StringArray(s) }

// sqlList writes constant codes as an SQL list, ('a', 'b'), so that status lists in queries
// are built from the domain's own (workflow.PendingStatuses), never typed again.
func sqlList(codes []string) string {
	quoted := make([]string, len(codes))
	for i, c := range codes {
		quoted[i] = pq.QuoteLiteral(c)
	}
	return "(" + strings.Join(quoted, ", ") + ")"
}

// isUniqueViolation reports a PostgreSQL unique_violation (23505), so callers can answer ErrConflict.
func isUniqueViolation(err error) bool {
	var pqErr *pq.Error
	return errors.As(err, &pqErr) && pqErr.Code == "23505"
}
