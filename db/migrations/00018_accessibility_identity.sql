-- +goose Up

-- Perki 1/2021 Pasal 5(5), 24: a requester may ask for the information in an accessible form.
ALTER TABLE requests
    ADD COLUMN accessibility      text[] NOT NULL DEFAULT '{}'
        CHECK (accessibility <@ ARRAY['huruf_besar', 'audio', 'braille', 'bahasa_isyarat', 'lainnya']::text[]),
    ADD COLUMN accessibility_note text NOT NULL DEFAULT '';

-- The requester's identity document (KTP scan, a legal entity's deed, a power of attorney),
-- sealed with the data key before it is stored (UU 27/2022 Pasal 16(2), 35): the database holds
-- only ciphertext. Used to verify the requester, deleted by the retention job.
CREATE TABLE identity_documents (
    id           bigserial PRIMARY KEY,
    request_id   bigint NOT NULL REFERENCES requests (id),
    kind         text NOT NULL CHECK (kind IN ('ktp', 'akta', 'surat_kuasa')),
    content_type text NOT NULL,
    size         integer NOT NULL CHECK (size > 0),
    sealed       bytea NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX identity_documents_request_idx ON identity_documents (request_id);

-- An officer checked the requester's identity against the document or in person.
ALTER TABLE requests
    ADD COLUMN identity_verified_at timestamptz,
    ADD COLUMN identity_verified_by bigint REFERENCES users (id);

-- +goose Down
ALTER TABLE requests DROP COLUMN identity_verified_by, DROP COLUMN identity_verified_at;
DROP TABLE identity_documents;
ALTER TABLE requests DROP COLUMN accessibility_note, DROP COLUMN accessibility;
