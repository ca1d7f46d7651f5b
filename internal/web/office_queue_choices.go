package web

import (
	"context"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/store"
)

// queueChoicesTTL bounds how long a unit or an account changed on another instance (or from the
// command line) takes to reach this instance's queue filters; an administrator's change here
// shows at once (forgetQueueChoicesAfterPost). Stale choices only offer a name: an assignment
// checks the officer again (casework.Assign) and every list is scoped in its SQL.
const queueChoicesTTL = 30 * time.Second

// queueChoicesCache keeps the queue filters' units and officers per scope between page views:
// they change a few times a year, and reading them was one of the page's five statements.
type queueChoicesCache struct {
	mu      sync.Mutex
	gen     uint64 // bumped by forget, so a read begun before a change is not kept
	entries map[access.Scope]queueChoiceSet
}

type queueChoiceSet struct {
	units    []store.Unit
	officers []store.User
	until    time.Time
}

// queueChoices are the queue filters' units and officers within scope (store.QueueChoices),
// read at most once per queueChoicesTTL. The slices are shared: callers only read them.
func (s *Server) queueChoices(ctx context.Context, scope access.Scope) ([]store.Unit, []store.User, error) {
	c := &s.choices
	// Real time, not the injected clock: this is a cache's age, not a legal date.
	now := time.Now()
	c.mu.Lock()
	e, ok := c.entries[scope]
	gen := c.gen
	c.mu.Unlock()
	if ok && now.Before(e.until) {
		return e.units, e.officers, nil
	}
	units, officers, err := s.store.QueueChoices(ctx, scope)
	if err != nil {
		return nil, nil, err
	}
	c.mu.Lock()
	if c.gen == gen {
		if c.entries == nil {
			c.entries = map[access.Scope]queueChoiceSet{}
		}
		c.entries[scope] = queueChoiceSet{units: units, officers: officers, until: now.Add(queueChoicesTTL)}
	}
	c.mu.Unlock()
	return units, officers, nil
}

// forgetQueueChoices makes the next queue page read its choices again.
func (s *Server) forgetQueueChoices() {
	s.choices.mu.Lock()
	s.choices.gen++
	s.choices.entries = nil
	s.choices.mu.Unlock()
}

// forgetQueueChoicesAfterPost forgets the queue's choices after every administrator's POST: a
// unit added, renamed or switched, an account invited or switched shows in the filters at once.
func (s *Server) forgetQueueChoicesAfterPost(c *gin.Context) {
	c.Next()
	if c.Request.Method == "POST" {
		s.forgetQueueChoices()
	}
}
