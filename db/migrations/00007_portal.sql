-- +goose Up

-- Typo-tolerant title matching when full text finds nothing. pg_trgm is a trusted extension
-- (PostgreSQL 13+): the database owner may create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Information published on the public portal, proactively (UU 14/2008 Pasal 9–11) or released
-- on a request. The file's bytes live in the blob store under sha256; body_text is extracted when
-- the file is stored, never at query time. Nothing is deleted: unpublishing keeps the record.
CREATE TABLE publications (
    id                 bigserial PRIMARY KEY,
    -- Public URLs carry this random key, never the internal id.
    public_id          text NOT NULL UNIQUE CHECK (public_id ~ '^[a-z0-9]{10}$'),
    title              text NOT NULL CHECK (title <> ''),
    -- Pasal 9 berkala, Pasal 10 serta merta, Pasal 11 tersedia setiap saat.
    category           text NOT NULL CHECK (category IN ('berkala', 'serta_merta', 'setiap_saat')),
    unit_id            bigint NOT NULL REFERENCES units (id),
    year               integer NOT NULL CHECK (year BETWEEN 1945 AND 2200),
    summary            text NOT NULL DEFAULT '',
    keywords           text NOT NULL DEFAULT '',
    -- DIP columns (Perki 1/2021): person responsible, time and place made, form, retention.
    responsible        text NOT NULL DEFAULT '',
    made_place         text NOT NULL DEFAULT '',
    made_time          text NOT NULL DEFAULT '',
    form               text NOT NULL DEFAULT 'softcopy' CHECK (form IN ('softcopy', 'hardcopy', 'softcopy_hardcopy')),
    retention          text NOT NULL DEFAULT '',
    -- Released on a request: the case and the case document it was published from.
    request_id         bigint REFERENCES requests (id),
    source_document_id bigint REFERENCES documents (id),
    sha256             text NOT NULL,
    size               bigint NOT NULL CHECK (size >= 0),
    content_type       text NOT NULL,
    filename           text NOT NULL,
    doc_type           text NOT NULL,
    body_text          text NOT NULL DEFAULT '',
    -- False when no text could be read from the file (a scan, an image, a damaged PDF): the
    -- personal-data check could not look inside, so a person must.
    text_checked       boolean NOT NULL DEFAULT true,
    status             text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'unpublished')),
    -- Personal data found by the pre-publication check (masked), and who confirmed it may go out.
    pii_findings       jsonb NOT NULL DEFAULT '[]',
    pii_confirmed_at   timestamptz,
    pii_confirmed_by   bigint REFERENCES users (id),
    published_at       timestamptz,
    unpublished_at     timestamptz,
    unpublish_reason   text NOT NULL DEFAULT '',
    created_by         bigint REFERENCES users (id),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    -- Small vector of what describes the document, for ranking without reading the body's TOAST.
    head               tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('indonesian', title), 'A') ||
        setweight(to_tsvector('indonesian', keywords), 'A') ||
        setweight(to_tsvector('indonesian', summary), 'B')) STORED,
    -- Everything searchable; the body is capped well under the 1 MB tsvector limit.
    search             tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('indonesian', title), 'A') ||
        setweight(to_tsvector('indonesian', keywords), 'A') ||
        setweight(to_tsvector('indonesian', summary), 'B') ||
        setweight(to_tsvector('indonesian', left(body_text, 200000)), 'D')) STORED,
    CHECK (status = 'draft' OR published_at IS NOT NULL),
    CHECK (status <> 'unpublished' OR unpublished_at IS NOT NULL),
    -- The personal-data block holds in the database too: nothing with findings goes out unconfirmed.
    CHECK (status = 'draft' OR jsonb_array_length(pii_findings) = 0 OR pii_confirmed_at IS NOT NULL)
);
CREATE INDEX publications_search_idx ON publications USING gin (search) WHERE status = 'published';
CREATE INDEX publications_head_idx ON publications USING gin (head) WHERE status = 'published';
CREATE INDEX publications_title_trgm_idx ON publications USING gin (title gin_trgm_ops) WHERE status = 'published';
CREATE INDEX publications_latest_idx ON publications (published_at DESC, id DESC) WHERE status = 'published';
CREATE INDEX publications_office_idx ON publications (updated_at DESC, id DESC);
CREATE INDEX publications_sha256_idx ON publications (sha256);
CREATE INDEX publications_request_idx ON publications (request_id) WHERE request_id IS NOT NULL;
-- A case document is published once; publishing the case again skips it.
CREATE UNIQUE INDEX publications_source_document_key ON publications (source_document_id) WHERE source_document_id IS NOT NULL;

-- Append-only history of a publication: who did what, when, and why.
CREATE TABLE publication_events (
    id             bigserial PRIMARY KEY,
    publication_id bigint NOT NULL REFERENCES publications (id),
    at             timestamptz NOT NULL,
    actor_id       bigint REFERENCES users (id),
    actor_label    text NOT NULL,
    kind           text NOT NULL CHECK (kind IN ('created', 'edited', 'pii_confirmed', 'published', 'unpublished')),
    note           text NOT NULL DEFAULT ''
);
CREATE INDEX publication_events_publication_idx ON publication_events (publication_id, id);

-- +goose Down
DROP TABLE publication_events;
DROP TABLE publications;
