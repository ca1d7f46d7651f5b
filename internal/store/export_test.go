package store

import "context"

// MigrateDownTo rolls the schema back to version; tests use it to prove every Down runs.
func (s *Store) MigrateDownTo(ctx context.Context, version int64) error {
	p, err := s.migrator()
	if err != nil {
		return err
	}
	_, err = p.DownTo(ctx, version)
	return err
}
