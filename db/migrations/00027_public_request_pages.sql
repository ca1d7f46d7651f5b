-- +goose Up

-- A public page per request (issue 13), shown only with the requester's consent (publish_consent).
-- Its URL carries this random key, never the registration number or the internal id.
ALTER TABLE requests ADD COLUMN public_key text NOT NULL
    DEFAULT substr(md5(gen_random_uuid()::text), 1, 16) CHECK (public_key ~ '^[0-9a-f]{16}$');
CREATE UNIQUE INDEX requests_public_key_idx ON requests (public_key);

-- The personal-data check of the request text (internal/pii, masked findings) made at intake;
-- NULL for requests registered before it existed: not checked, so not public until reviewed.
ALTER TABLE requests ADD COLUMN public_pii jsonb;
-- The PPID's review of the page: '' none yet, 'shown' despite findings, 'hidden' kept off the portal.
ALTER TABLE requests ADD COLUMN public_review text NOT NULL DEFAULT '' CHECK (public_review IN ('', 'shown', 'hidden'));
ALTER TABLE requests ADD COLUMN public_reviewed_by bigint REFERENCES users (id);
ALTER TABLE requests ADD COLUMN public_reviewed_at timestamptz;

-- The request text for the portal's search; read only for public pages.
ALTER TABLE requests ADD COLUMN public_search tsvector
    GENERATED ALWAYS AS (to_tsvector('indonesian', left(information, 20000))) STORED;
CREATE INDEX requests_public_search_idx ON requests USING gin (public_search) WHERE publish_consent;

-- +goose Down
DROP INDEX requests_public_search_idx;
ALTER TABLE requests DROP COLUMN public_search;
ALTER TABLE requests DROP COLUMN public_reviewed_at;
ALTER TABLE requests DROP COLUMN public_reviewed_by;
ALTER TABLE requests DROP COLUMN public_review;
ALTER TABLE requests DROP COLUMN public_pii;
DROP INDEX requests_public_key_idx;
ALTER TABLE requests DROP COLUMN public_key;
