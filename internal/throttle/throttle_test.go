package throttle

import (
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/config"
)

func TestRetryAfterRoundsUpToWholeSeconds(t *testing.T) {
	for _, tc := range []struct {
		wait          time.Duration
		seconds, mins int
	}{
		{-time.Second, 1, 1}, // a clock step past the window still asks for a second
		{0, 1, 1},
		{1500 * time.Millisecond, 2, 1},
		{90 * time.Second, 90, 2},
		{15 * time.Minute, 900, 15},
	} {
		l := &Limited{Kind: Tracking, RetryAfter: tc.wait}
		if l.Seconds() != tc.seconds || l.Minutes() != tc.mins {
			t.Errorf("%v: %d s, %d min; want %d, %d", tc.wait, l.Seconds(), l.Minutes(), tc.seconds, tc.mins)
		}
	}
}

func TestRulesFromConfig(t *testing.T) {
	r := FromConfig(config.Default().Security)
	if r.Submission.Limit != 20 || r.Submission.Window != time.Hour || r.Receipt.Limit != 5 || r.Receipt.Window != 24*time.Hour ||
		r.Tracking.Limit != 10 || r.Tracking.Window != 15*time.Minute || r.LoginPair.Limit != 5 || r.AccountWait != 30*time.Second {
		t.Errorf("rules %+v", r)
	}
	if r.Longest() != 24*time.Hour {
		t.Errorf("longest window %v", r.Longest())
	}
}
