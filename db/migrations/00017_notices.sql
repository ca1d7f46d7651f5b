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

-- +goose Down
ALTER TABLE requests DROP COLUMN payment_receipt, DROP COLUMN paid_on, DROP COLUMN cost_total;
ALTER TABLE decisions DROP CONSTRAINT decisions_total_cost_sum, DROP COLUMN total_cost, DROP COLUMN other_cost_note,
    DROP COLUMN other_cost, DROP COLUMN postage_cost, DROP COLUMN media_price, DROP COLUMN media_label,
    DROP COLUMN media_code, DROP COLUMN page_price, DROP COLUMN copy_pages;
DROP TABLE fee_schedule;
DROP INDEX requests_documentation_due_idx;
ALTER TABLE requests DROP COLUMN documentation_due;
ALTER TABLE decisions DROP COLUMN documented_by;
ALTER TABLE decisions DROP COLUMN holding_unknown_reason;
