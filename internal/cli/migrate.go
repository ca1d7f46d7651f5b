package cli

import (
	"context"
	"fmt"
)

func (e *env) migrate(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return usageError{"migrate takes no arguments"}
	}
	a, err := e.open(ctx, openOptions{migrate: true})
	if err != nil {
		return err
	}
	defer a.close(context.Background())
	if err := a.Store.BackfillRoots(ctx); err != nil {
		return err
	}
	current, _, err := a.Store.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "database schema at version %d\n", current)
	return nil
}
