-- +goose Up

-- The account a session is signed in as, beside its sealed data, so that a request reads its
-- session and that account in one statement (store.SessionWithUser). Only a hint: the sealed
-- data's user_id decides who is signed in, and a session whose hint differs reads its account apart.
ALTER TABLE sessions ADD COLUMN user_id bigint;

-- +goose Down
ALTER TABLE sessions DROP COLUMN user_id;
