package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// A job is never run as of a future moment: reminders and escalations would go out early.
func TestJobsRunRefusesAFutureOrMalformedTime(t *testing.T) {
	for _, at := range []string{time.Now().Add(time.Hour).Format(time.RFC3339), "27-11-2026", "2026-11-27"} {
		var out, errs bytes.Buffer
		code := Run([]string{"--config", t.TempDir() + "/tidak-ada.yaml", "jobs", "run", "outbox", "--at", at}, &out, &errs)
		if code != 2 || !strings.Contains(errs.String(), "--at") || out.Len() != 0 {
			t.Errorf("--at %s: exit %d, stderr %q, stdout %q; want exit 2 naming --at", at, code, errs.String(), out.String())
		}
	}
}
