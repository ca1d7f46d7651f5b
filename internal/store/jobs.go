package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"
)

// JobRun is one recorded run of a scheduled job.
type JobRun struct {
	ID          int64        `db:"id"`
	Job         string       `db:"job"`
	Instance    string       `db:"instance"`
	StartedAt   time.Time    `db:"started_at"`
	FinishedAt  sql.NullTime `db:"finished_at"`
	Handled     int          `db:"handled"`
	Reminders   int          `db:"reminders"`
	Escalations int          `db:"escalations"`
	Notices     int          `db:"notices"`
	MailsSent   int          `db:"mails_sent"`
	MailsQueued int          `db:"mails_queued"`
	MailsFailed int          `db:"mails_failed"`
	Skipped     string       `db:"skipped"`
	Error       string       `db:"error"`
	// Outcome is "" (finished, or still running), RunInterrupted or RunStopped.
	Outcome     string       `db:"outcome"`
	HeartbeatAt sql.NullTime `db:"heartbeat_at"`
}

// Outcomes of a run that did not finish its work.
const (
	RunInterrupted = "interrupted" // its owner vanished (killed, host down): closed by another runner
	RunStopped     = "stopped"     // the process was asked to stop and the run ended early
)

// StartJobRun records that a run began.
func (s *Store) StartJobRun(ctx context.Context, job, instance string, at time.Time) (int64, error) {
	var id int64
	if err := s.db.GetContext(ctx, &id, `INSERT INTO job_runs (job, instance, started_at, heartbeat_at) VALUES ($1, $2, $3, $3) RETURNING id`,
		job, instance, at); err != nil {
		return 0, fmt.Errorf("store: unable to record job run: %w", err)
	}
	return id, nil
}

// FinishJobRun records how a run ended.
func (s *Store) FinishJobRun(ctx context.Context, r JobRun) error {
	_, err := s.db.ExecContext(ctx, `
		UPDATE job_runs SET finished_at = $2, handled = $3, reminders = $4, escalations = $5, notices = $6,
			mails_sent = $7, skipped = $8, error = $9, mails_queued = $10, mails_failed = $11, outcome = $12,
			heartbeat_at = coalesce($2, heartbeat_at)
		WHERE id = $1`, r.ID, r.FinishedAt, r.Handled, r.Reminders, r.Escalations, r.Notices, r.MailsSent, r.Skipped, r.Error,
		r.MailsQueued, r.MailsFailed, r.Outcome)
	if err != nil {
		return fmt.Errorf("store: unable to finish job run: %w", err)
	}
	return nil
}

// HeartbeatJobRun records that run r is alive at at, with what it has done so far; a run already
// closed (by a runner that took it for dead) is left as it is.
func (s *Store) HeartbeatJobRun(ctx context.Context, r JobRun, at time.Time) error {
	_, err := s.db.ExecContext(ctx, `
		UPDATE job_runs SET heartbeat_at = $2, handled = $3, reminders = $4, escalations = $5, notices = $6,
			mails_sent = $7, mails_queued = $8, mails_failed = $9
		WHERE id = $1 AND finished_at IS NULL`, r.ID, at, r.Handled, r.Reminders, r.Escalations, r.Notices, r.MailsSent,
		r.MailsQueued, r.MailsFailed)
	if err != nil {
		return fmt.Errorf("store: unable to record job heartbeat: %w", err)
	}
	return nil
}

// CloseOrphanedRuns closes as interrupted every unfinished run whose last heartbeat is before
// staleBefore: its owner is gone. The counts its last heartbeat recorded stay. It returns how many.
func (s *Store) CloseOrphanedRuns(ctx context.Context, staleBefore time.Time) (int, error) {
	res, err := s.db.ExecContext(ctx, `
		UPDATE job_runs SET finished_at = coalesce(heartbeat_at, started_at), outcome = 'interrupted'
		WHERE finished_at IS NULL AND coalesce(heartbeat_at, started_at) < $1`, staleBefore)
	if err != nil {
		return 0, fmt.Errorf("store: unable to close orphaned job runs: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// LastCompletedRun is when the latest run of job that did its work (not skipped, no error) started.
func (s *Store) LastCompletedRun(ctx context.Context, job string) (time.Time, bool, error) {
	var at time.Time
	err := s.db.GetContext(ctx, &at, `SELECT started_at FROM job_runs
		WHERE job = $1 AND finished_at IS NOT NULL AND skipped = '' AND error = '' AND outcome = '' ORDER BY started_at DESC LIMIT 1`, job)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, fmt.Errorf("store: unable to read job runs: %w", err)
	}
	return at, true, nil
}

// JobRuns lists the latest runs, newest first; job "" means every job.
func (s *Store) JobRuns(ctx context.Context, job string, limit int) ([]JobRun, error) {
	var runs []JobRun
	err := s.db.SelectContext(ctx, &runs, `SELECT id, job, instance, started_at, finished_at, handled, reminders,
		escalations, notices, mails_sent, mails_queued, mails_failed, skipped, error, outcome, heartbeat_at FROM job_runs WHERE ($1 = '' OR job = $1)
		ORDER BY started_at DESC, id DESC LIMIT $2`, job, limit)
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch job runs: %w", err)
	}
	return runs, nil
}

// TryJobLock takes job's advisory lock on a connection of its own, so that lock lives exactly as
// long as the run: unlock releases it, and a crash (a dropped connection) releases it too.
func (s *Store) TryJobLock(ctx context.Context, job string) (unlock func(), held bool, err error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("store: unable to get a connection for the job lock: %w", err)
	}
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock(hashtext('terbuka-job:' || $1))`, job).Scan(&held); err != nil {
		conn.Close()
		return nil, false, fmt.Errorf("store: unable to take the job lock: %w", err)
	}
	if !held {
		conn.Close()
		return func() {}, false, nil
	}
	return func() {
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(hashtext('terbuka-job:' || $1))`, job); err != nil {
			// A pooled connection must never keep the lock: drop it instead of returning it.
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}, true, nil
}
