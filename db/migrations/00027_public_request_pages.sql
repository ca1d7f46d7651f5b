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

-- Search in Indonesian (issue 13): the `indonesian` snowball stems "perencanaan" to "encana", so
-- "rencana" missed it. Beside the text, the search indexes the roots internal/stem finds with its
-- dictionary (words whose root is known; space-separated, computed by the application when a
-- row is written; NULL until then, filled by store.Migrate). Measured on the recall set in
-- internal/store/testdata/recall_id.json (search_recall_test.go).
ALTER TABLE publications ADD COLUMN head_roots text, ADD COLUMN body_roots text;
DROP INDEX publications_search_idx;
DROP INDEX publications_head_idx;
ALTER TABLE publications DROP COLUMN head, DROP COLUMN search;
-- A root adds only a lexeme the text lacks (ts_delete): "anggaran" in "penganggaran" already
-- stems alike, and counting it twice would rank derived forms above the word itself.
ALTER TABLE publications
    ADD COLUMN head tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('indonesian', title), 'A') ||
        setweight(to_tsvector('indonesian', keywords), 'A') ||
        setweight(to_tsvector('indonesian', summary), 'B') ||
        setweight(ts_delete(to_tsvector('indonesian', coalesce(head_roots, '')),
            tsvector_to_array(to_tsvector('indonesian', title || ' ' || keywords || ' ' || summary))), 'B')) STORED,
    ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('indonesian', title), 'A') ||
        setweight(to_tsvector('indonesian', keywords), 'A') ||
        setweight(to_tsvector('indonesian', summary), 'B') ||
        setweight(ts_delete(to_tsvector('indonesian', coalesce(head_roots, '')),
            tsvector_to_array(to_tsvector('indonesian', title || ' ' || keywords || ' ' || summary))), 'B') ||
        setweight(to_tsvector('indonesian', left(body_text, 200000)), 'D') ||
        setweight(ts_delete(to_tsvector('indonesian', coalesce(body_roots, '')),
            tsvector_to_array(to_tsvector('indonesian', title || ' ' || keywords || ' ' || summary || ' ' ||
                left(body_text, 200000)))), 'D')) STORED;
CREATE INDEX publications_search_idx ON publications USING gin (search) WHERE status = 'published';
CREATE INDEX publications_head_idx ON publications USING gin (head) WHERE status = 'published';
CREATE INDEX publications_roots_pending_idx ON publications (id) WHERE head_roots IS NULL;

-- The request text for the portal's search, with its roots; read only for public pages.
ALTER TABLE requests ADD COLUMN information_roots text;
ALTER TABLE requests ADD COLUMN public_search tsvector
    GENERATED ALWAYS AS (to_tsvector('indonesian', left(information, 20000)) ||
        ts_delete(to_tsvector('indonesian', coalesce(information_roots, '')),
            tsvector_to_array(to_tsvector('indonesian', left(information, 20000))))) STORED;
CREATE INDEX requests_public_search_idx ON requests USING gin (public_search) WHERE publish_consent;
CREATE INDEX requests_roots_pending_idx ON requests (id) WHERE information_roots IS NULL AND publish_consent;

-- +goose Down
DROP INDEX requests_roots_pending_idx;
DROP INDEX requests_public_search_idx;
ALTER TABLE requests DROP COLUMN public_search;
ALTER TABLE requests DROP COLUMN information_roots;
DROP INDEX publications_roots_pending_idx;
DROP INDEX publications_search_idx;
DROP INDEX publications_head_idx;
ALTER TABLE publications DROP COLUMN head, DROP COLUMN search;
ALTER TABLE publications
    ADD COLUMN head tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('indonesian', title), 'A') ||
        setweight(to_tsvector('indonesian', keywords), 'A') ||
        setweight(to_tsvector('indonesian', summary), 'B')) STORED,
    ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('indonesian', title), 'A') ||
        setweight(to_tsvector('indonesian', keywords), 'A') ||
        setweight(to_tsvector('indonesian', summary), 'B') ||
        setweight(to_tsvector('indonesian', left(body_text, 200000)), 'D')) STORED;
CREATE INDEX publications_search_idx ON publications USING gin (search) WHERE status = 'published';
CREATE INDEX publications_head_idx ON publications USING gin (head) WHERE status = 'published';
ALTER TABLE publications DROP COLUMN head_roots, DROP COLUMN body_roots;
ALTER TABLE requests DROP COLUMN public_reviewed_at;
ALTER TABLE requests DROP COLUMN public_reviewed_by;
ALTER TABLE requests DROP COLUMN public_review;
ALTER TABLE requests DROP COLUMN public_pii;
DROP INDEX requests_public_key_idx;
ALTER TABLE requests DROP COLUMN public_key;
