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

// InsertTogether writes rs as one group-commit batch (what concurrent submissions share), in
// the order given, and returns what each got.
func (s *Store) InsertTogether(ctx context.Context, rs []NewRequest) ([]Registered, error) {
	batch := make([]*pendingIntake, len(rs))
	for i, r := range rs {
		p, err := r.pending(ctx)
		if err != nil {
			return nil, err
		}
		batch[i] = p
	}
	regs, err := s.insertTogether(ctx, byYear(batch))
	if err != nil {
		return nil, err
	}
	out := make([]Registered, len(batch))
	for i, p := range batch {
		out[i] = regs[p]
	}
	return out, nil
}
