package web

import (
	"context"
	"sync"
	"time"

	"github.com/terbuka-id/terbuka/internal/store"
)

// portalCacheTTL is how long the portal's filter choices and headline figures are reused. They
// change only when something is published or withdrawn (this instance then drops them at once;
// other instances catch up within the TTL), while every list and home page needs them.
const portalCacheTTL = 30 * time.Second

// portalCache keeps the facets and counts between requests.
type portalCache struct {
	mu       sync.Mutex
	facetsAt time.Time
	facets   store.PortalFacets
	countsAt time.Time
	counts   store.PortalCounts
}

func (c *portalCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.facetsAt, c.countsAt = time.Time{}, time.Time{}
}

// portalFacets returns the units and years with published items, from the cache when fresh.
// The lock is not held while the database answers, so a refresh never makes other pages wait.
func (s *Server) portalFacets(ctx context.Context) (store.PortalFacets, error) {
	c := &s.portalCache
	c.mu.Lock()
	f, fresh := c.facets, time.Since(c.facetsAt) < portalCacheTTL
	c.mu.Unlock()
	if fresh {
		return f, nil
	}
	f, err := s.portal.PortalFacets(ctx)
	if err != nil {
		return f, err
	}
	c.mu.Lock()
	c.facets, c.facetsAt = f, time.Now()
	c.mu.Unlock()
	return f, nil
}

// portalCounts returns the headline figures, from the cache when fresh.
func (s *Server) portalCounts(ctx context.Context) (store.PortalCounts, error) {
	c := &s.portalCache
	c.mu.Lock()
	n, fresh := c.counts, time.Since(c.countsAt) < portalCacheTTL
	c.mu.Unlock()
	if fresh {
		return n, nil
	}
	n, err := s.portal.PortalCounts(ctx)
	if err != nil {
		return n, err
	}
	c.mu.Lock()
	c.counts, c.countsAt = n, time.Now()
	c.mu.Unlock()
	return n, nil
}
