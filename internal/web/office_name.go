package web

// officeName is the public body's name as its letters print it: one source (the casework
// letterhead: the administrator's saved settings, else config.yaml) for letters, header and lists.
// It is kept between page views (ttlCache), so a page costs no extra query.
func (s *Server) officeName() string {
	name, _ := s.officeNames.get(struct{}{}, func() (string, error) {
		if s.casework.Office != nil {
			return s.casework.Office().Name, nil
		}
		return s.cfg.Office.Name, nil
	})
	return name
}
