-- +goose Up

-- The public register (UU 14/2008 Pasal 13; Perki 1/2021) lists requests newest first, often of
-- one status: without this index a rare status would scan the whole (reg_year, reg_seq) index.
CREATE INDEX requests_register_status_idx ON requests (status, reg_year, reg_seq);

-- The statistics count the objections received in a year.
CREATE INDEX objections_received_idx ON objections (received_at);

-- +goose Down
DROP INDEX objections_received_idx;
DROP INDEX requests_register_status_idx;
