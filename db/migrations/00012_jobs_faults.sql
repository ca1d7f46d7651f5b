-- +goose Up

-- A run proves it is alive by its heartbeat; one whose heartbeat is older than the lease lost its
-- owner (killed, host down) and is closed by the next runner as interrupted, with what it did.
-- outcome: '' (finished or still running), 'interrupted' (owner gone), 'stopped' (graceful stop).
ALTER TABLE job_runs
    ADD COLUMN heartbeat_at timestamptz,
    ADD COLUMN outcome      text NOT NULL DEFAULT '' CHECK (outcome IN ('', 'interrupted', 'stopped')),
    ADD COLUMN mails_queued integer NOT NULL DEFAULT 0,
    ADD COLUMN mails_failed integer NOT NULL DEFAULT 0;
CREATE INDEX job_runs_open_idx ON job_runs (heartbeat_at) WHERE finished_at IS NULL;

-- Mail of a case past retention keeps its kind, dates and status, not its content (UU 27/2022).
ALTER TABLE outbox ADD COLUMN purged_at timestamptz;
-- The administrator's retry restarts the queue lifetime from here (created_at keeps the Message-ID).
ALTER TABLE outbox ADD COLUMN requeued_at timestamptz;
CREATE INDEX outbox_request_idx ON outbox (request_id) WHERE purged_at IS NULL;

-- The blob sweeper asks, for every file in the store, whether a row still points at it.
CREATE INDEX documents_sha256_idx ON documents (sha256);

-- +goose Down
DROP INDEX documents_sha256_idx;
DROP INDEX outbox_request_idx;
ALTER TABLE outbox DROP COLUMN requeued_at;
ALTER TABLE outbox DROP COLUMN purged_at;
DROP INDEX job_runs_open_idx;
ALTER TABLE job_runs DROP COLUMN mails_failed, DROP COLUMN mails_queued, DROP COLUMN outcome, DROP COLUMN heartbeat_at;
