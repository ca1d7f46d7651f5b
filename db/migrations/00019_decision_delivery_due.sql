-- +goose Up

-- The day a grant promises delivery by, as a date: once it passes without delivery, ground g of
-- UU 14/2008 Pasal 35(1) arises and opens its own 30-working-day objection window (Pasal 36(1)).
-- delivery_time stays the notice's free text; NULL: no date promised (no such window).
ALTER TABLE decisions ADD COLUMN delivery_due date;

-- How a KI dispute ended: a mediation agreement is final; only an adjudication ruling can be
-- taken to court within 14 working days of its receipt (UU 14/2008 Pasal 47–48). NULL: not yet.
ALTER TABLE disputes ADD COLUMN outcome_kind text CHECK (outcome_kind IN ('mediasi', 'ajudikasi'));

-- +goose Down
ALTER TABLE disputes DROP COLUMN outcome_kind;
ALTER TABLE decisions DROP COLUMN delivery_due;
