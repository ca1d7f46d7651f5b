-- +goose Up

-- UU 14/2008 Pasal 22(7) b: a "not held" notice names the holder or says why it is not known.
ALTER TABLE decisions ADD COLUMN holding_unknown_reason text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE decisions DROP COLUMN holding_unknown_reason;
