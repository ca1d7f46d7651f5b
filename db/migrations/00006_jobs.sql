-- +goose Up

-- Every run of a scheduled job, on any instance: what it did or why it skipped.
CREATE TABLE job_runs (
    id          bigserial PRIMARY KEY,
    job         text NOT NULL,
    instance    text NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    handled     integer NOT NULL DEFAULT 0,
    reminders   integer NOT NULL DEFAULT 0,
    escalations integer NOT NULL DEFAULT 0,
    notices     integer NOT NULL DEFAULT 0,
    mails_sent  integer NOT NULL DEFAULT 0,
    skipped     text NOT NULL DEFAULT '',
    error       text NOT NULL DEFAULT ''
);
CREATE INDEX job_runs_job_idx ON job_runs (job, started_at DESC);

-- One row per reminder, escalation or notice ever produced. The unique key is what makes a job
-- exactly-once: two instances, a retry or a restart insert the same key and only one succeeds,
-- in the same transaction as its outbox mail.
CREATE TABLE case_notices (
    id           bigserial PRIMARY KEY,
    key          text NOT NULL UNIQUE,
    request_id   bigint REFERENCES requests (id),
    objection_id bigint REFERENCES objections (id),
    user_id      bigint REFERENCES users (id),
    kind         text NOT NULL,
    level        integer NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_notices_request_idx ON case_notices (request_id);

-- The first working day after an unmet due date marks the case late (lewat waktu).
ALTER TABLE requests ADD COLUMN overdue_since date;

-- Personal data of closed cases is anonymised after the retention period (UU 27/2022).
ALTER TABLE requests ADD COLUMN anonymised_at timestamptz;
ALTER TABLE requests DROP CONSTRAINT requests_check;
ALTER TABLE requests ADD CONSTRAINT requests_identity_check
    CHECK (anonymised_at IS NOT NULL OR CASE requester_kind WHEN 'badan_hukum' THEN entity_sk_number IS NOT NULL
                                          ELSE nik_sealed IS NOT NULL AND nik_lookup IS NOT NULL END);

-- The outbox sender claims due rows in order.
CREATE INDEX outbox_failed_idx ON outbox (id) WHERE status = 'failed';

-- +goose Down
DROP INDEX outbox_failed_idx;
ALTER TABLE requests DROP CONSTRAINT requests_identity_check;
ALTER TABLE requests ADD CONSTRAINT requests_check
    CHECK (CASE requester_kind WHEN 'badan_hukum' THEN entity_sk_number IS NOT NULL
                               ELSE nik_sealed IS NOT NULL AND nik_lookup IS NOT NULL END);
ALTER TABLE requests DROP COLUMN anonymised_at;
ALTER TABLE requests DROP COLUMN overdue_since;
DROP TABLE case_notices;
DROP TABLE job_runs;
