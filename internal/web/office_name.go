package web

import (
	"sync"
	"time"
)

// officeNameTTL bounds how long another instance's saved name takes to reach this one's header;
// a save on this instance shows at once (forgetOfficeName).
const officeNameTTL = 30 * time.Second

// officeNameCache keeps the header's office name between page views, so a page costs no extra query.
type officeNameCache struct {
	mu    sync.Mutex
	name  string
	until time.Time
}

// officeName is the public body's name as its letters print it: one source (the casework
// letterhead: the administrator's saved settings, else config.yaml) for letters, header and lists.
func (s *Server) officeName() string {
	c := &s.officeNames
	c.mu.Lock()
	defer c.mu.Unlock()
	// Real time, not the injected clock: this is a cache's age, not a legal date.
	if now := time.Now(); c.name == "" || now.After(c.until) {
		c.name, c.until = s.cfg.Office.Name, now.Add(officeNameTTL)
		if s.casework.Office != nil {
			c.name = s.casework.Office().Name
		}
	}
	return c.name
}

// forgetOfficeName makes the next page read the saved name again.
func (s *Server) forgetOfficeName() {
	s.officeNames.mu.Lock()
	s.officeNames.name = ""
	s.officeNames.mu.Unlock()
}
