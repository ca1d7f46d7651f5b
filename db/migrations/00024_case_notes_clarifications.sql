-- +goose Up

-- Clarification (klarifikasi): an officer's question to the requester and the requester's answer
-- from the tracking page. It does not stop the clock of UU 14/2008 Pasal 22. One open question per
-- case at a time, so the requester answers the question on the page without choosing.
CREATE TABLE clarifications (
    id                 bigserial PRIMARY KEY,
    request_id         bigint NOT NULL REFERENCES requests (id),
    question           text NOT NULL CHECK (question <> ''),
    asked_at           timestamptz NOT NULL,
    asked_by           bigint REFERENCES users (id),
    asked_by_label     text NOT NULL,
    answer             text,
    answered_at        timestamptz,
    -- The requester's optional file, kept as an internal case document.
    answer_document_id bigint REFERENCES documents (id),
    CHECK ((answer IS NULL) = (answered_at IS NULL))
);
CREATE INDEX clarifications_request_idx ON clarifications (request_id, id);
CREATE UNIQUE INDEX clarifications_one_open ON clarifications (request_id) WHERE answered_at IS NULL;

-- The requester's file attached to an answer is a document kind of its own.
ALTER TABLE documents DROP CONSTRAINT documents_kind_check;
ALTER TABLE documents ADD CONSTRAINT documents_kind_check
    CHECK (kind IN ('response', 'redacted', 'consequence_test', 'letter', 'identity', 'other', 'clarification'));

-- Letter PDFs were named after the last part of their number ("2026.pdf"): name them by number and kind.
UPDATE documents SET filename = replace(letter_number, '/', '-') || '-' || replace(letter_kind, '_', '-') || '.pdf'
    WHERE kind = 'letter' AND letter_number IS NOT NULL AND letter_kind IS NOT NULL;

-- A draft's file may be replaced (the personal-data check runs again): its history says so.
ALTER TABLE publication_events DROP CONSTRAINT publication_events_kind_check;
ALTER TABLE publication_events ADD CONSTRAINT publication_events_kind_check
    CHECK (kind IN ('created', 'edited', 'pii_confirmed', 'published', 'unpublished', 'file_replaced'));

-- +goose Down
ALTER TABLE publication_events DROP CONSTRAINT publication_events_kind_check;
ALTER TABLE publication_events ADD CONSTRAINT publication_events_kind_check
    CHECK (kind IN ('created', 'edited', 'pii_confirmed', 'published', 'unpublished'));
DROP TABLE clarifications;
DELETE FROM documents WHERE kind = 'clarification';
ALTER TABLE documents DROP CONSTRAINT documents_kind_check;
ALTER TABLE documents ADD CONSTRAINT documents_kind_check
    CHECK (kind IN ('response', 'redacted', 'consequence_test', 'letter', 'identity', 'other'));
