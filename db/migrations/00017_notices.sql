-- +goose Up

-- UU 14/2008 Pasal 22(7) b: a "not held" notice names the holder or says why it is not known.
ALTER TABLE decisions ADD COLUMN holding_unknown_reason text NOT NULL DEFAULT '';

-- Perki 1/2021 notice form: "not yet documented" states the day by which it will be provided;
-- the request keeps that day as a clock of the case (reminded, escalated, then ground e of Pasal 35(1)).
ALTER TABLE decisions ADD COLUMN documented_by date;
ALTER TABLE requests ADD COLUMN documentation_due date;
CREATE INDEX requests_documentation_due_idx ON requests (documentation_due, id)
    WHERE closed_at IS NULL AND status = 'belum_didokumentasikan';

-- +goose Down
DROP INDEX requests_documentation_due_idx;
ALTER TABLE requests DROP COLUMN documentation_due;
ALTER TABLE decisions DROP COLUMN documented_by;
ALTER TABLE decisions DROP COLUMN holding_unknown_reason;
