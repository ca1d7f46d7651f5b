-- +goose Up

-- What a requester asked for by e-mail address alone: a sign-in link or fresh tracking codes.
-- The page answers every address alike and only queues the ask here; the outbox job does the
-- work, so neither the answer nor its timing tells whether the address made requests.
CREATE TABLE requester_mail_asks (
    id           bigserial PRIMARY KEY,
    kind         text NOT NULL CHECK (kind IN ('signin', 'recover')),
    email        text NOT NULL CHECK (email = lower(email)),
    asked_at     timestamptz NOT NULL,
    done_at      timestamptz
);
CREATE INDEX requester_mail_asks_pending ON requester_mail_asks (id) WHERE done_at IS NULL;

-- One-time sign-in links: only the token's digest is kept (ASVS 2.5.x, like tracking codes).
CREATE TABLE requester_signin_tokens (
    token_hash  bytea PRIMARY KEY,
    email       text NOT NULL CHECK (email = lower(email)),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);

-- A requester's own requests are found by their address, lower-cased.
CREATE INDEX requests_email_lower ON requests (lower(email)) WHERE email <> '';

-- +goose Down
DROP INDEX requests_email_lower;
DROP TABLE requester_signin_tokens;
DROP TABLE requester_mail_asks;
