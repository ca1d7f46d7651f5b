package web

import (
	"context"
	"time"

	"github.com/terbuka-id/terbuka/internal/store"
)

// sessionStore keeps scs sessions in the sessions table (postgresstore's layout) with the
// signed-in account's id beside them, so loadUser gets that account from the session's own
// statement: the two reads were two round trips on every office page (BenchmarkQueuePage).
type sessionStore struct{ store *store.Store }

// sessionAccount receives, during a request's session load, the account the session row names.
type sessionAccount struct{ user *store.User }

// Context keys: the request's sessionAccount, and the account id a commit writes beside the data.
type (
	sessionAccountKey struct{}
	sessionUserIDKey  struct{}
)

func (p sessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	data, u, found, err := p.store.SessionWithUser(ctx, token)
	if a, ok := ctx.Value(sessionAccountKey{}).(*sessionAccount); ok {
		a.user = u
	}
	return data, found, err
}

func (p sessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	id, _ := ctx.Value(sessionUserIDKey{}).(int64) // commitSession's; none leaves the account to loadUser's own read
	return p.store.CommitSession(ctx, token, b, expiry, id)
}

func (p sessionStore) DeleteCtx(ctx context.Context, token string) error {
	return p.store.DeleteSession(ctx, token)
}

// scs.Store's methods without a context, which scs calls only for a store without them.
func (p sessionStore) Find(token string) ([]byte, bool, error) {
	return p.FindCtx(context.Background(), token)
}
func (p sessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return p.CommitCtx(context.Background(), token, b, expiry)
}
func (p sessionStore) Delete(token string) error { return p.DeleteCtx(context.Background(), token) }
