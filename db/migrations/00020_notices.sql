-- +goose Up

-- UU 14/2008 Pasal 22(7) b: a "not held" notice names the holder or says why it is not known.
ALTER TABLE decisions ADD COLUMN holding_unknown_reason text NOT NULL DEFAULT '';

-- Perki 1/2021 notice form: "not yet documented" states the day by which it will be provided;
-- the request keeps that day as a clock of the case (reminded, escalated, then ground e of Pasal 35(1)).
ALTER TABLE decisions ADD COLUMN documented_by date;
ALTER TABLE requests ADD COLUMN documentation_due date;
CREATE INDEX requests_documentation_due_idx ON requests (documentation_due, id)
    WHERE closed_at IS NULL AND status = 'belum_didokumentasikan';

-- UU 14/2008 Pasal 22(7) g, Perki 1/2021 notice form: the cost is itemised from the fee decision of
-- the head of the body, which the administrator keeps here. Free by default; electronic copies are
-- free, so only printed pages ('page', one row) and physical media ('media') are priced. Rupiah.
CREATE TABLE fee_schedule (
    code       text PRIMARY KEY CHECK (code ~ '^[a-z0-9_]{1,32}$'),
    kind       text NOT NULL CHECK (kind IN ('page', 'media')),
    label      text NOT NULL CHECK (label <> ''),
    price      bigint NOT NULL DEFAULT 0 CHECK (price >= 0),
    active     boolean NOT NULL DEFAULT true,
    updated_by bigint REFERENCES users (id),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX fee_schedule_one_page ON fee_schedule ((true)) WHERE kind = 'page';
INSERT INTO fee_schedule (code, kind, label, price) VALUES ('halaman', 'page', 'Salinan cetak per halaman', 0);

-- The breakdown as it stood when the notice was given (later price changes do not rewrite it).
ALTER TABLE decisions
    ADD COLUMN copy_pages      integer NOT NULL DEFAULT 0 CHECK (copy_pages >= 0),
    ADD COLUMN page_price      bigint NOT NULL DEFAULT 0 CHECK (page_price >= 0),
    ADD COLUMN media_code      text NOT NULL DEFAULT '',
    ADD COLUMN media_label     text NOT NULL DEFAULT '',
    ADD COLUMN media_price     bigint NOT NULL DEFAULT 0 CHECK (media_price >= 0),
    ADD COLUMN postage_cost    bigint NOT NULL DEFAULT 0 CHECK (postage_cost >= 0),
    ADD COLUMN other_cost      bigint NOT NULL DEFAULT 0 CHECK (other_cost >= 0),
    ADD COLUMN other_cost_note text NOT NULL DEFAULT '',
    ADD COLUMN total_cost      bigint NOT NULL DEFAULT 0,
    ADD CONSTRAINT decisions_total_cost_sum
        CHECK (total_cost = copy_pages::bigint * page_price + media_price + postage_cost + other_cost);

-- The current notice's charge and its payment, recorded before delivery.
ALTER TABLE requests
    ADD COLUMN cost_total      bigint NOT NULL DEFAULT 0,
    ADD COLUMN paid_on         date,
    ADD COLUMN payment_receipt text NOT NULL DEFAULT '';

-- PP 61/2010: an exemption decision states the type of information (for the DIK, without personal
-- data), the deciding PPID (decided_by), place and date, and the period (Pasal 20: a–f not permanent).
ALTER TABLE decisions
    ADD COLUMN exempt_until  date,
    ADD COLUMN dik_subject   text NOT NULL DEFAULT '',
    ADD COLUMN decided_place text NOT NULL DEFAULT '';
CREATE INDEX decisions_exempt_until_idx ON decisions (exempt_until) WHERE exempt_until IS NOT NULL;

-- A KI ruling that orders the information opened takes the exemption off the DIK: ruling_code
-- 'dibuka' (opened) or 'dikecualikan' (the exemption upheld); '' until the ruling is known.
ALTER TABLE disputes ADD COLUMN ruling_code text NOT NULL DEFAULT '' CHECK (ruling_code IN ('', 'dibuka', 'dikecualikan'));

-- Perki 1/2021 Pasal 49, PP 61/2010: an exemption decided in advance (not on a request), with its
-- consequence test, so the DIK lists every exemption of the body. Pasal 20: a–f not permanent.
CREATE TABLE advance_exemptions (
    id                bigserial PRIMARY KEY,
    unit_id           bigint NOT NULL DEFAULT main_unit_id() REFERENCES units (id),
    subject           text NOT NULL CHECK (subject <> ''),
    exemption_letters text[] NOT NULL CHECK (cardinality(exemption_letters) > 0
        AND exemption_letters <@ ARRAY['a','b','c','d','e','f','g','h','i','j']),
    legal_basis       text NOT NULL CHECK (legal_basis <> ''),
    harm              text NOT NULL CHECK (harm <> ''),
    public_interest   text NOT NULL CHECK (public_interest <> ''),
    decided_on        date NOT NULL,
    decided_place     text NOT NULL DEFAULT '',
    decided_by        bigint NOT NULL REFERENCES users (id),
    exempt_until      date CHECK (exempt_until > decided_on),
    created_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (exempt_until IS NOT NULL OR NOT (exemption_letters && ARRAY['a','b','c','d','e','f']))
);
CREATE INDEX advance_exemptions_until_idx ON advance_exemptions (exempt_until) WHERE exempt_until IS NOT NULL;

-- Perki 1/2021: the DIP lists information held on paper or in another system too. Such an entry
-- (doc_type 'offline') has no file; it says where and in what form the information is available.
ALTER TABLE publications ADD COLUMN available_at text NOT NULL DEFAULT '';
ALTER TABLE publications ADD CONSTRAINT publications_offline_where CHECK (doc_type <> 'offline' OR available_at <> '');

-- +goose Down
ALTER TABLE publications DROP CONSTRAINT publications_offline_where, DROP COLUMN available_at;
DROP TABLE advance_exemptions;
ALTER TABLE disputes DROP COLUMN ruling_code;
DROP INDEX decisions_exempt_until_idx;
ALTER TABLE decisions DROP COLUMN decided_place, DROP COLUMN dik_subject, DROP COLUMN exempt_until;
ALTER TABLE requests DROP COLUMN payment_receipt, DROP COLUMN paid_on, DROP COLUMN cost_total;
ALTER TABLE decisions DROP CONSTRAINT decisions_total_cost_sum, DROP COLUMN total_cost, DROP COLUMN other_cost_note,
    DROP COLUMN other_cost, DROP COLUMN postage_cost, DROP COLUMN media_price, DROP COLUMN media_label,
    DROP COLUMN media_code, DROP COLUMN page_price, DROP COLUMN copy_pages;
DROP TABLE fee_schedule;
DROP INDEX requests_documentation_due_idx;
ALTER TABLE requests DROP COLUMN documentation_due;
ALTER TABLE decisions DROP COLUMN documented_by;
ALTER TABLE decisions DROP COLUMN holding_unknown_reason;
