package benchkit

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// RunCommand runs a benchmark command's body with a context that Ctrl-C or SIGTERM cancels, and
// turns its outcome into the exit code: 130 when interrupted (what it started was stopped by its
// deferred clean-up), 1 with the error, else the body's own code.
func RunCommand(name string, body func(ctx context.Context) (int, error)) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	code, err := body(ctx)
	if errors.Is(err, context.Canceled) {
		fmt.Fprintf(os.Stderr, "\n%s: interrupted; what it started was stopped and cleaned up\n", name)
		return 130
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "\n%s: FAIL: %v\n", name, err)
		return 1
	}
	return code
}
