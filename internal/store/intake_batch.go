package store

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
)

// Group commit for the intake. The year's counter row is locked from a request's numbering
// until its transaction commits, so intakes that each commit alone run one after another, each
// waiting for its own WAL flush. Submissions that arrive while a batch is written wait together
// and go into the next one: one statement, consecutive numbers, one commit, one flush. Nothing
// is acknowledged before its commit, and a failed batch is retried one by one, so
// numbers stay gapless (UU 14/2008 Pasal 22(4)).

// maxIntakeBatch bounds one transaction, so one slow batch does not hold the counter for long.
const maxIntakeBatch = 64

// batchTimeout bounds a batch's transaction; the batch runs for many callers, none of whose
// contexts may cancel it for the others.
const batchTimeout = 30 * time.Second

type intakeBatcher struct {
	mu       sync.Mutex
	queue    []*pendingIntake
	flushing bool
}

type pendingIntake struct {
	ctx      context.Context
	year     int
	row      []byte            // the request as one element of intakeSQL's rows
	identity []byte            // the sealed identity document, if any
	done     chan intakeResult // buffered: the flusher never blocks on a caller that left
}

type intakeResult struct {
	reg Registered
	err error
}

// insertGrouped queues one intake and waits for the commit of the transaction that holds it.
func (s *Store) insertGrouped(ctx context.Context, p *pendingIntake) (Registered, error) {
	p.done = make(chan intakeResult, 1)
	b := &s.intake
	b.mu.Lock()
	b.queue = append(b.queue, p)
	if !b.flushing {
		b.flushing = true
		go s.flushIntakes()
	}
	b.mu.Unlock()
	select {
	case r := <-p.done:
		return r.reg, r.err
	case <-ctx.Done():
		// The intake may still commit; the caller was not told so, as with a dropped connection.
		return Registered{}, ctx.Err()
	}
}

// flushIntakes writes queued intakes, a batch per transaction, until none waits.
func (s *Store) flushIntakes() {
	b := &s.intake
	for {
		b.mu.Lock()
		n := min(len(b.queue), maxIntakeBatch)
		if n == 0 {
			b.flushing = false
			b.mu.Unlock()
			return
		}
		batch := make([]*pendingIntake, 0, n)
		for _, p := range b.queue[:n] {
			if p.ctx.Err() == nil { // its caller left before it was written: leave it out
				batch = append(batch, p)
			} else {
				p.done <- intakeResult{err: p.ctx.Err()}
			}
		}
		b.queue = append(b.queue[:0:0], b.queue[n:]...)
		b.mu.Unlock()
		s.writeBatch(batch)
	}
}

// writeBatch commits the batch in one transaction, one statement per year it spans (a batch
// may straddle New Year). A lone intake is one autocommitted statement, so a quiet office waits
// no longer. When a statement fails the transaction is rolled back whole (the counters with it)
// and each intake is tried alone.
func (s *Store) writeBatch(batch []*pendingIntake) {
	switch len(batch) {
	case 0:
		return
	case 1:
		p := batch[0]
		reg, err := s.insertAlone(p)
		p.done <- intakeResult{reg, err}
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), batchTimeout)
	defer cancel()
	regs, err := s.insertTogether(ctx, byYear(batch))
	switch {
	case err == nil:
		for _, p := range batch {
			p.done <- intakeResult{reg: regs[p]}
		}
	case errorBeforeCommit(err):
		for _, p := range batch {
			reg, err := s.insertAlone(p)
			p.done <- intakeResult{reg, err}
		}
	default:
		// The commit itself failed: its outcome is unknown, so nobody is told it succeeded and
		// nothing is written twice.
		for _, p := range batch {
			p.done <- intakeResult{err: err}
		}
	}
}

// batchStatementError marks a failure before COMMIT was sent: the transaction surely rolled back.
type batchStatementError struct{ err error }

func (e batchStatementError) Error() string { return e.err.Error() }
func (e batchStatementError) Unwrap() error { return e.err }

func errorBeforeCommit(err error) bool {
	_, ok := err.(batchStatementError)
	return ok
}

// byYear orders the batch by year, keeping arrival order within a year.
func byYear(batch []*pendingIntake) []*pendingIntake {
	sorted := slices.Clone(batch)
	slices.SortStableFunc(sorted, func(a, b *pendingIntake) int { return a.year - b.year })
	return sorted
}

// insertTogether writes the batch (ordered by year) in one transaction and returns what each
// intake got, in the batch's order.
func (s *Store) insertTogether(ctx context.Context, batch []*pendingIntake) (map[*pendingIntake]Registered, error) {
	stmt, err := s.preparedStmt(ctx, intakeSQL)
	if err != nil {
		return nil, batchStatementError{err}
	}
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return nil, batchStatementError{fmt.Errorf("store: unable to begin intake batch: %w", err)}
	}
	txStmt := tx.StmtxContext(ctx, stmt)
	regs := make(map[*pendingIntake]Registered, len(batch))
	for len(batch) > 0 {
		n := 1
		for n < len(batch) && batch[n].year == batch[0].year {
			n++
		}
		if err := registerInto(ctx, txStmt, batch[:n], regs); err != nil {
			_ = tx.Rollback()
			return nil, batchStatementError{err}
		}
		batch = batch[n:]
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: unable to commit intake batch: %w", err)
	}
	return regs, nil
}

func (s *Store) insertAlone(p *pendingIntake) (Registered, error) {
	stmt, err := s.preparedStmt(p.ctx, intakeSQL)
	if err != nil {
		return Registered{}, err
	}
	regs := map[*pendingIntake]Registered{}
	if err := registerInto(p.ctx, stmt, []*pendingIntake{p}, regs); err != nil {
		return Registered{}, err
	}
	return regs[p], nil
}

// registerInto runs intakeSQL for intakes of one year and records what each got.
func registerInto(ctx context.Context, stmt *sqlx.Stmt, batch []*pendingIntake, regs map[*pendingIntake]Registered) error {
	var rows []struct {
		Ord int `db:"ord"`
		Registered
	}
	if err := stmt.SelectContext(ctx, &rows, intakeParams(batch)...); err != nil {
		return fmt.Errorf("store: unable to insert request: %w", err)
	}
	if len(rows) != len(batch) {
		return fmt.Errorf("store: intake wrote %d of %d requests", len(rows), len(batch))
	}
	for _, r := range rows {
		regs[batch[r.Ord-1]] = r.Registered
	}
	return nil
}
