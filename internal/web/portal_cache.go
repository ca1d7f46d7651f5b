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
func (s *Server) portalFacets(ctx context.Context) (store.PortalFacets, error) {
	c := &s.portalCache
	c.mu.Lock()
	defer c.mu.Unlock()
	if time.Since(c.facetsAt) < portalCacheTTL {
		return c.facets, nil
	}
	f, err := s.store.PortalFacets(ctx)
	if err != nil {
		return f, err
	}
	c.facets, c.facetsAt = f, time.Now()
	return f, nil
}

// portalCounts returns the headline figures, from the cache when fresh.
func (s *Server) portalCounts(ctx context.Context) (store.PortalCounts, error) {
	c := &s.portalCache
	c.mu.Lock()
	defer c.mu.Unlock()
	if time.Since(c.countsAt) < portalCacheTTL {
		return c.counts, nil
	}
	n, err := s.store.PortalCounts(ctx)
	if err != nil {
		return n, err
	}
	c.counts, c.countsAt = n, time.Now()
	return n, nil
}
