-- +goose Up

-- One throttle for every limit (failed logins, submissions, receipt e-mails, tracking-code
-- guesses), kept in the database so a limit holds across app instances. kind names the rule
-- (internal/throttle), subject whom it concerns: a client address, an account, a pair of both,
-- or an e-mail address. The retention job deletes rows older than the longest window.
CREATE TABLE throttle_events (
    kind    text NOT NULL,
    subject text NOT NULL,
    at      timestamptz NOT NULL
);
CREATE INDEX throttle_events_subject_idx ON throttle_events (kind, subject, at);
CREATE INDEX throttle_events_at_idx ON throttle_events (at);

-- Failures recorded before this migration are forgotten: a window is minutes long.
DROP TABLE login_failures;

-- Every login attempt, failed or successful, with where it came from (ASVS 7.1.3, 7.2.1),
-- readable by administrators at /kantor/admin/masuk.
CREATE TABLE login_audit (
    id         bigserial PRIMARY KEY,
    at         timestamptz NOT NULL,
    email      text NOT NULL,
    user_id    bigint REFERENCES users (id),
    success    boolean NOT NULL,
    reason     text NOT NULL, -- ok, bad_credentials, throttled
    client     text NOT NULL,
    user_agent text NOT NULL
);
CREATE INDEX login_audit_at_idx ON login_audit (at DESC, id DESC);

-- +goose Down
DROP TABLE login_audit;
CREATE TABLE login_failures (
    id        bigserial PRIMARY KEY,
    subject   text NOT NULL,
    failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_subject_idx ON login_failures (subject, failed_at);
DROP TABLE throttle_events;
