-- +goose Up

-- Survei Kepuasan Masyarakat (PermenPAN-RB 14/2017): one invitation per case, sent when the case
-- is delivered, closed or withdrawn. The token is kept only as a keyed hash, like tracking codes.
CREATE TABLE survey_invitations (
    id         bigserial PRIMARY KEY,
    request_id bigint NOT NULL UNIQUE REFERENCES requests (id) ON DELETE CASCADE, -- one per case
    unit_id    bigint NOT NULL REFERENCES units (id),
    token_hash bytea NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    -- Only whether it was answered, never when: a time would let one match it to a response.
    answered   boolean NOT NULL DEFAULT false
);

-- A response carries only its unit and day: nothing links it to a case or a requester (anonymity
-- of the SKM respondent; UU 27/2022 Pasal 16 data minimisation).
CREATE TABLE survey_responses (
    id         bigserial PRIMARY KEY,
    unit_id    bigint NOT NULL REFERENCES units (id),
    filled_on  date NOT NULL,
    channel    text NOT NULL CHECK (channel IN ('web', 'desk')),
    entered_by bigint REFERENCES users (id), -- the officer who typed a paper form in
    CHECK ((channel = 'desk') = (entered_by IS NOT NULL)),
    u1 smallint NOT NULL CHECK (u1 BETWEEN 1 AND 4),
    u2 smallint NOT NULL CHECK (u2 BETWEEN 1 AND 4),
    u3 smallint NOT NULL CHECK (u3 BETWEEN 1 AND 4),
    u4 smallint NOT NULL CHECK (u4 BETWEEN 1 AND 4),
    u5 smallint NOT NULL CHECK (u5 BETWEEN 1 AND 4),
    u6 smallint NOT NULL CHECK (u6 BETWEEN 1 AND 4),
    u7 smallint NOT NULL CHECK (u7 BETWEEN 1 AND 4),
    u8 smallint NOT NULL CHECK (u8 BETWEEN 1 AND 4),
    u9 smallint NOT NULL CHECK (u9 BETWEEN 1 AND 4),
    gender     text NOT NULL DEFAULT '' CHECK (gender IN ('', 'laki_laki', 'perempuan')),
    age_group  text NOT NULL DEFAULT '' CHECK (age_group IN ('', 'lt20', '20_29', '30_39', '40_49', '50_59', '60plus')),
    education  text NOT NULL DEFAULT '' CHECK (education IN ('', 'sd', 'smp', 'sma', 'diploma', 's1', 's2plus')),
    occupation text NOT NULL DEFAULT '' CHECK (occupation IN ('', 'pns', 'swasta', 'wiraswasta', 'pelajar', 'lainnya')),
    suggestion text NOT NULL DEFAULT '',
    -- The personal-data check found something: never public, whatever an officer says.
    suggestion_pii boolean NOT NULL DEFAULT false,
    -- Officer moderation of the suggestion; only 'approved' without personal data is shown publicly.
    suggestion_status text NOT NULL DEFAULT 'none' CHECK (suggestion_status IN ('none', 'pending', 'approved', 'rejected')),
    CHECK ((suggestion = '') = (suggestion_status = 'none')),
    CHECK (NOT (suggestion_pii AND suggestion_status = 'approved')),
    moderated_by bigint REFERENCES users (id),
    moderated_at timestamptz
);
CREATE INDEX survey_responses_period_idx ON survey_responses (filled_on, unit_id);

-- Rencana tindak lanjut: what a unit will do about an element, for a period of the survey.
CREATE TABLE survey_followups (
    id          bigserial PRIMARY KEY,
    unit_id     bigint NOT NULL REFERENCES units (id),
    element     text NOT NULL CHECK (element IN ('U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9')),
    period_from date NOT NULL,
    period_to   date NOT NULL CHECK (period_to > period_from), -- exclusive
    action      text NOT NULL CHECK (action <> ''),
    responsible text NOT NULL DEFAULT '',
    target      text NOT NULL DEFAULT '',
    created_by  bigint NOT NULL REFERENCES users (id),
    created_at  timestamptz NOT NULL
);
CREATE INDEX survey_followups_period_idx ON survey_followups (period_from, period_to);

-- +goose Down
DROP TABLE survey_followups;
DROP TABLE survey_responses;
DROP TABLE survey_invitations;
