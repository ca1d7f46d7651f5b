package reqlog

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
)

func TestRequestIDOnEveryLineWithTheContext(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(Handler(Handler(slog.NewTextHandler(&buf, nil)))).With("component", "web")
	ctx := WithRequestID(context.Background(), "abc123def456")
	log.InfoContext(ctx, "satu")
	log.WithGroup("g").ErrorContext(ctx, "dua", "k", 1)
	log.Info("tanpa konteks")
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("lines: %q", lines)
	}
	for _, l := range lines[:2] {
		if strings.Count(l, "request_id=abc123def456") != 1 || !strings.Contains(l, "component=web") {
			t.Errorf("line %q: want request_id once and the logger's attributes", l)
		}
	}
	if strings.Contains(lines[2], "request_id") {
		t.Errorf("a line without the request's context got an id: %q", lines[2])
	}
}
