package web

import (
	"context"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/store"
)

// queueChoiceSet is what the queue's filters offer within one scope.
type queueChoiceSet struct {
	units    []store.Unit
	officers []store.User
}

// queueChoices are the queue filters' units and officers within scope (store.QueueChoices),
// kept between page views (ttlCache): reading them was one of the page's five statements. Stale
// choices only offer a name: an assignment checks the officer again (casework.Assign) and every
// list is scoped in its SQL.
func (s *Server) queueChoices(ctx context.Context, scope access.Scope) ([]store.Unit, []store.User, error) {
	set, err := s.choices.get(scope, func() (queueChoiceSet, error) {
		units, officers, err := s.store.QueueChoices(ctx, scope)
		return queueChoiceSet{units, officers}, err
	})
	return set.units, set.officers, err
}

// forgetAfterAdminPost forgets the pages' caches after every administrator's POST: the office's
// name saved, a unit added, renamed or switched, an account invited or switched show at once.
func (s *Server) forgetAfterAdminPost(c *gin.Context) {
	c.Next()
	if c.Request.Method == "POST" {
		s.officeNames.forget()
		s.choices.forget()
	}
}
