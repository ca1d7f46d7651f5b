package store

import (
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
