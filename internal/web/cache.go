package web

import (
	"sync"
	"time"
)

// pageCacheTTL bounds how long a change made on another instance (or from the command line)
// takes to reach this instance's pages; an administrator's change here shows at once, because
// every POST under /kantor/admin forgets the caches (forgetAfterAdminPost).
const pageCacheTTL = 30 * time.Second

// ttlCache keeps values that change a few times a year (the office's name, the queue filters'
// units and officers) between page views, so a page does not read them each time. A value read
// before a forget is not kept.
type ttlCache[K comparable, V any] struct {
	mu      sync.Mutex
	gen     uint64
	entries map[K]ttlEntry[V]
}

type ttlEntry[V any] struct {
	value V
	until time.Time
}

// get returns key's value, loading it when it is missing or older than pageCacheTTL. The value
// is shared: callers only read it.
func (c *ttlCache[K, V]) get(key K, load func() (V, error)) (V, error) {
	// Real time, not the injected clock: this is a cache's age, not a legal date.
	now := time.Now()
	c.mu.Lock()
	e, ok := c.entries[key]
	gen := c.gen
	c.mu.Unlock()
	if ok && now.Before(e.until) {
		return e.value, nil
	}
	v, err := load()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if c.gen == gen {
		if c.entries == nil {
			c.entries = map[K]ttlEntry[V]{}
		}
		c.entries[key] = ttlEntry[V]{value: v, until: now.Add(pageCacheTTL)}
	}
	c.mu.Unlock()
	return v, nil
}

// forget makes the next get load again.
func (c *ttlCache[K, V]) forget() {
	c.mu.Lock()
	c.gen++
	c.entries = nil
	c.mu.Unlock()
}
