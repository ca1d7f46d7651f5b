package store

import (
	"fmt"

	"github.com/terbuka-id/terbuka/internal/access"
)

// Every officer's read carries the reader's access.Scope into its SQL, as miniflux scopes each
// query by user_id: rows outside it are never fetched, so no check in Go can be forgotten.
// The scope's arguments come last in a query's argument list, from placeholder n on, so a new
// dimension (the public body) changes inScope and scoped and no query.

// inScope is the condition keeping rows of the table aliased alias inside the scope.
func inScope(alias string, n int) string {
	return fmt.Sprintf("($%d OR %s.unit_id = $%d)", n, alias, n+1)
}

// scoped appends the scope's arguments to args.
func scoped(sc access.Scope, args ...any) []any {
	return append(args, sc.All, sc.UnitID)
}
