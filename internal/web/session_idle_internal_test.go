package web

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
)

// A page view writes the session only when its last-seen time is older than sessionTouch, and
// a session idle for more than sessionIdle is over (ASVS 3.3.2).
func TestSessionKeepAliveWritesRarelyAndEndsIdleSessions(t *testing.T) {
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		seen time.Time // zero: no seen key
		user bool
		want scs.Status
	}{
		{"a visitor without session data gets no state", time.Time{}, false, scs.Unmodified},
		{"a session from before keepAlive is stamped", time.Time{}, true, scs.Modified},
		{"seen a minute ago: nothing written", now.Add(-time.Minute), true, scs.Unmodified},
		{"seen six minutes ago: stamped again", now.Add(-6 * time.Minute), true, scs.Modified},
		{"seen 1 h 59 min ago: still valid, stamped", now.Add(-(2*time.Hour - time.Minute)), true, scs.Modified},
		{"idle for more than 2 h: over", now.Add(-(2*time.Hour + time.Minute)), true, scs.Destroyed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sm := scs.New()
			s := &Server{sessions: sm, log: slog.New(slog.DiscardHandler)}
			// Write the starting session to the store, then load it as a request would.
			ctx, err := sm.Load(context.Background(), "")
			if err != nil {
				t.Fatal(err)
			}
			if tc.user {
				sm.Put(ctx, "user_id", int64(7))
			}
			if !tc.seen.IsZero() {
				sm.Put(ctx, seenKey, tc.seen.Unix())
			}
			token, _, err := sm.Commit(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !tc.user {
				token = ""
			}
			ctx, err = sm.Load(context.Background(), token)
			if err != nil {
				t.Fatal(err)
			}
			s.keepAlive(ctx, now)
			if got := sm.Status(ctx); got != tc.want {
				t.Errorf("status %v, want %v", got, tc.want)
			}
			if tc.want == scs.Destroyed && sm.GetInt64(ctx, "user_id") != 0 {
				t.Error("the idle session still names its user")
			}
		})
	}
}
