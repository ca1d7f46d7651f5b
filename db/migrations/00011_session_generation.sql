-- +goose Up

-- Each session remembers the generation it signed in under; a password change or reset moves the
-- account to the next one, so every older session of that account ends at its next request
-- (ASVS 3.3.2, 2.5.x).
ALTER TABLE users ADD COLUMN session_generation bigint NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE users DROP COLUMN session_generation;
