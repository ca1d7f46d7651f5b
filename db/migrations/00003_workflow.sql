-- +goose Up

-- PPID Utama coordinates; each PPID Pelaksana serves one unit of the public body.
CREATE TABLE units (
    id         bigserial PRIMARY KEY,
    name       text NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('utama', 'pelaksana')),
    active     boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX units_name_key ON units (lower(name));
CREATE UNIQUE INDEX units_one_utama ON units ((true)) WHERE kind = 'utama';
INSERT INTO units (name, kind) VALUES ('PPID Utama', 'utama');

-- New requests and accounts belong to the PPID Utama until someone assigns or forwards them.
-- +goose StatementBegin
CREATE FUNCTION main_unit_id() RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT id FROM units WHERE kind = 'utama'
$$;
-- +goose StatementEnd

ALTER TABLE users ADD COLUMN unit_id bigint REFERENCES units (id);
UPDATE users SET unit_id = (SELECT id FROM units WHERE kind = 'utama');
ALTER TABLE users ALTER COLUMN unit_id SET NOT NULL, ALTER COLUMN unit_id SET DEFAULT main_unit_id();

-- Office settings an administrator edits; one row.
CREATE TABLE office_settings (
    id          boolean PRIMARY KEY DEFAULT true CHECK (id),
    name        text NOT NULL,
    address     text NOT NULL DEFAULT '',
    city        text NOT NULL DEFAULT '',
    letterhead  text NOT NULL DEFAULT '',
    timezone    text NOT NULL DEFAULT 'Asia/Jakarta',
    closes_at   text NOT NULL DEFAULT '16:00',
    updated_at  timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE requests
    ADD COLUMN unit_id          bigint REFERENCES units (id),
    ADD COLUMN assigned_to      bigint REFERENCES users (id),
    ADD COLUMN extended_due     date,
    ADD COLUMN extension_reason text,
    ADD COLUMN decision         text,
    ADD COLUMN notice_at        timestamptz,
    ADD COLUMN notice_late      boolean,
    ADD COLUMN delivered_at     timestamptz,
    ADD COLUMN version          integer NOT NULL DEFAULT 1;
UPDATE requests SET unit_id = (SELECT id FROM units WHERE kind = 'utama');
ALTER TABLE requests ALTER COLUMN unit_id SET NOT NULL, ALTER COLUMN unit_id SET DEFAULT main_unit_id();
CREATE INDEX requests_open_status_due_idx ON requests (status, due_date, id) WHERE closed_at IS NULL;
CREATE INDEX requests_unit_idx ON requests (unit_id) WHERE closed_at IS NULL;

-- Every written notice (a case reopened after an objection can have a second one).
CREATE TABLE decisions (
    id                bigserial PRIMARY KEY,
    request_id        bigint NOT NULL REFERENCES requests (id),
    kind              text NOT NULL CHECK (kind IN ('dikabulkan', 'dikabulkan_sebagian', 'ditolak', 'tidak_dikuasai', 'belum_didokumentasikan')),
    notice_at         timestamptz NOT NULL,
    late              boolean NOT NULL,
    information_given text NOT NULL DEFAULT '',
    withheld          text NOT NULL DEFAULT '',
    exemption_letters text[] NOT NULL DEFAULT '{}',
    legal_basis       text NOT NULL DEFAULT '',
    harm              text NOT NULL DEFAULT '',
    public_interest   text NOT NULL DEFAULT '',
    holding_body      text NOT NULL DEFAULT '',
    form              text NOT NULL DEFAULT '',
    cost              text NOT NULL DEFAULT '',
    delivery_time     text NOT NULL DEFAULT '',
    decided_by        bigint REFERENCES users (id),
    created_at        timestamptz NOT NULL DEFAULT now(),
    -- UU 14/2008 Pasal 19 and Pasal 2(4): no exemption without a documented consequence test.
    CHECK (kind NOT IN ('ditolak', 'dikabulkan_sebagian')
           OR (cardinality(exemption_letters) > 0 AND legal_basis <> '' AND harm <> '' AND public_interest <> ''))
);
CREATE INDEX decisions_request_idx ON decisions (request_id, id);

-- Gapless numbers for objections and letters, per series and year.
CREATE TABLE counters (
    series   text NOT NULL,
    year     integer NOT NULL,
    last_seq integer NOT NULL,
    PRIMARY KEY (series, year)
);

CREATE TABLE documents (
    id           bigserial PRIMARY KEY,
    request_id   bigint REFERENCES requests (id),
    sha256       text NOT NULL,
    size         bigint NOT NULL,
    content_type text NOT NULL,
    filename     text NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('response', 'redacted', 'consequence_test', 'letter', 'identity', 'other')),
    visibility   text NOT NULL CHECK (visibility IN ('internal', 'requester', 'public')),
    letter_kind  text,
    letter_number text,
    uploaded_by  bigint REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_request_idx ON documents (request_id, id);

CREATE TABLE objections (
    id                bigserial PRIMARY KEY,
    request_id        bigint NOT NULL REFERENCES requests (id),
    number            text NOT NULL UNIQUE,
    grounds           text[] NOT NULL CHECK (cardinality(grounds) > 0),
    reasons           text NOT NULL,
    channel           text NOT NULL,
    received_at       timestamptz NOT NULL,
    counting_from     date NOT NULL,
    response_due      date NOT NULL,
    status            text NOT NULL DEFAULT 'diterima' CHECK (status IN ('diterima', 'dikuatkan', 'dibatalkan')),
    answer            text NOT NULL DEFAULT '',
    answered_at       timestamptz,
    answered_by       bigint REFERENCES users (id),
    registered_by     bigint REFERENCES users (id),
    created_at        timestamptz NOT NULL DEFAULT now(),
    -- UU 14/2008 Pasal 36(3): the atasan's answer is written, with reasons.
    CHECK (status = 'diterima' OR (answer <> '' AND answered_at IS NOT NULL))
);
CREATE INDEX objections_request_idx ON objections (request_id);
CREATE INDEX objections_open_due_idx ON objections (response_due, id) WHERE status = 'diterima';
-- One open objection per request at a time.
CREATE UNIQUE INDEX objections_one_open ON objections (request_id) WHERE status = 'diterima';

CREATE TABLE disputes (
    id                 bigserial PRIMARY KEY,
    request_id         bigint NOT NULL REFERENCES requests (id),
    objection_id       bigint REFERENCES objections (id),
    ki_number          text NOT NULL,
    ki_received        date NOT NULL,
    ki_start_due       date NOT NULL,
    ki_finish_due      date NOT NULL,
    mediation_date     date,
    adjudication_date  date,
    outcome            text NOT NULL DEFAULT '',
    ruling_date        date,
    ruling_received    date,
    ruling             text NOT NULL DEFAULT '',
    court_due          date,
    court_case         text NOT NULL DEFAULT '',
    court_outcome      text NOT NULL DEFAULT '',
    updated_by         bigint REFERENCES users (id),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX disputes_request_idx ON disputes (request_id);

-- +goose Down
DROP TABLE disputes;
DROP TABLE objections;
DROP TABLE documents;
DROP TABLE counters;
DROP TABLE decisions;
ALTER TABLE requests DROP COLUMN unit_id, DROP COLUMN assigned_to, DROP COLUMN extended_due,
    DROP COLUMN extension_reason, DROP COLUMN decision, DROP COLUMN notice_at, DROP COLUMN notice_late,
    DROP COLUMN delivered_at, DROP COLUMN version;
DROP TABLE office_settings;
ALTER TABLE users DROP COLUMN unit_id;
DROP FUNCTION main_unit_id();
DROP TABLE units;
