-- +goose Up

-- Officers and administrators. Citizens have no accounts: they hold a registration number
-- and a tracking code.
CREATE TABLE users (
    id            bigserial PRIMARY KEY,
    email         text NOT NULL,
    name          text NOT NULL,
    role          text NOT NULL CHECK (role IN ('petugas', 'ppid', 'atasan', 'admin')),
    password_hash text NOT NULL,
    active        boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- alexedwards/scs postgresstore layout.
CREATE TABLE sessions (
    token  text PRIMARY KEY,
    data   bytea NOT NULL,
    expiry timestamptz NOT NULL
);
CREATE INDEX sessions_expiry_idx ON sessions (expiry);

-- Failed logins, kept in the database so throttling holds across app instances.
CREATE TABLE login_failures (
    id        bigserial PRIMARY KEY,
    subject   text NOT NULL, -- 'email:<lower email>' or 'ip:<address>'
    failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_subject_idx ON login_failures (subject, failed_at);

-- Years whose official calendar (SKB hari libur nasional dan cuti bersama) is loaded.
CREATE TABLE calendar_years (
    year   integer PRIMARY KEY,
    decree text NOT NULL
);

CREATE TABLE holidays (
    id   bigserial PRIMARY KEY,
    date date NOT NULL,
    name text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('libur', 'cuti_bersama', 'regional')),
    UNIQUE (date, kind, name)
);

-- One row per year; the row lock makes registration numbers gapless (UU 14/2008 Pasal 22(4)).
CREATE TABLE registration_counters (
    year     integer PRIMARY KEY,
    last_seq integer NOT NULL
);

CREATE TABLE requests (
    id                  bigserial PRIMARY KEY,
    reg_year            integer NOT NULL,
    reg_seq             integer NOT NULL,
    registration_number text NOT NULL UNIQUE,
    tracking_code_hash  bytea NOT NULL,
    channel             text NOT NULL CHECK (channel IN ('web', 'api', 'walk_in', 'letter', 'email', 'phone')),
    status              text NOT NULL DEFAULT 'diterima',
    requester_kind      text NOT NULL CHECK (requester_kind IN ('perorangan', 'badan_hukum', 'kelompok')),
    requester_name      text NOT NULL,
    nik_sealed          bytea,   -- AES-256-GCM, never plain text
    nik_lookup          bytea,   -- HMAC of the NIK, to find a requester's other requests
    entity_sk_number    text,
    address             text NOT NULL,
    phone               text NOT NULL,
    email               text NOT NULL,
    occupation          text NOT NULL,
    information         text NOT NULL,
    purpose             text NOT NULL,
    obtain_method       text NOT NULL,
    delivery_method     text NOT NULL,
    publish_consent     boolean NOT NULL,
    received_at         timestamptz NOT NULL,
    counting_from       date NOT NULL,
    response_due        date NOT NULL,  -- the 10 working days of Pasal 22(7)
    due_date            date NOT NULL,  -- the date the next statutory step is due; moves on extension
    closed_at           timestamptz,
    registered_by       bigint REFERENCES users (id),
    created_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (reg_year, reg_seq),
    -- Perki 1/2021: individuals and groups identify by NIK, legal entities by their SK number.
    CHECK (CASE requester_kind WHEN 'badan_hukum' THEN entity_sk_number IS NOT NULL
                               ELSE nik_sealed IS NOT NULL AND nik_lookup IS NOT NULL END)
);
-- The officer queue and the deadline watch read open requests by due date.
CREATE INDEX requests_open_due_idx ON requests (due_date, id) WHERE closed_at IS NULL;
CREATE INDEX requests_nik_lookup_idx ON requests (nik_lookup) WHERE nik_lookup IS NOT NULL;

-- Append-only audit log of every case: who, when, from, to, why.
CREATE TABLE request_events (
    id          bigserial PRIMARY KEY,
    request_id  bigint NOT NULL REFERENCES requests (id),
    at          timestamptz NOT NULL DEFAULT now(),
    actor_id    bigint REFERENCES users (id),
    actor_label text NOT NULL,
    kind        text NOT NULL,
    from_status text,
    to_status   text,
    note        text NOT NULL DEFAULT '',
    public      boolean NOT NULL DEFAULT false
);
CREATE INDEX request_events_request_idx ON request_events (request_id, id);

-- +goose StatementBegin
CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER request_events_append_only
    BEFORE UPDATE OR DELETE ON request_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Every e-mail leaves through here, written in the same transaction as the change it reports.
CREATE TABLE outbox (
    id              bigserial PRIMARY KEY,
    created_at      timestamptz NOT NULL DEFAULT now(),
    template        text NOT NULL,
    recipient       text NOT NULL,
    data            jsonb NOT NULL,
    request_id      bigint REFERENCES requests (id),
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    last_error      text
);
CREATE INDEX outbox_pending_idx ON outbox (next_attempt_at) WHERE status = 'pending';

-- +goose Down
DROP TABLE outbox;
DROP TABLE request_events;
DROP FUNCTION forbid_change();
DROP TABLE requests;
DROP TABLE registration_counters;
DROP TABLE holidays;
DROP TABLE calendar_years;
DROP TABLE login_failures;
DROP TABLE sessions;
DROP TABLE users;
