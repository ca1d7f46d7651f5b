package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"time"

	"github.com/terbuka-id/terbuka/internal/deadline"
)

// deadlines prints the statutory clocks of a request received at --received, as JSON.
func (e *env) deadlines(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("deadlines", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	received := fs.String("received", "", "when the request was received, RFC 3339 (e.g. 2026-03-13T10:00:00+07:00)")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if *received == "" {
		return usageError{"deadlines needs --received, e.g. --received 2026-03-13T10:00:00+07:00"}
	}
	t, err := time.Parse(time.RFC3339, *received)
	if err != nil {
		return usageError{fmt.Sprintf("--received %q is not RFC 3339, e.g. 2026-03-13T10:00:00+07:00", *received)}
	}
	a, err := e.open(ctx, openOptions{migrate: true})
	if err != nil {
		return err
	}
	defer a.close(context.Background())
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(deadline.ForRequest(a.Calendar.Current(), t).Summary())
}
