-- +goose Up

-- Official letters issued on a case, numbered gapless per year. The text is rebuilt from the
-- case records the letter points at, which never change once written.
CREATE TABLE letters (
    id              bigserial PRIMARY KEY,
    request_id      bigint NOT NULL REFERENCES requests (id),
    kind            text NOT NULL CHECK (kind IN ('tanda_bukti', 'pemberitahuan', 'perpanjangan', 'penolakan',
                                                  'tanda_bukti_keberatan', 'tanggapan_keberatan')),
    number          text NOT NULL UNIQUE,
    issued_on       date NOT NULL,
    decision_id     bigint REFERENCES decisions (id),
    objection_id    bigint REFERENCES objections (id),
    signer_name     text NOT NULL,
    signer_position text NOT NULL,
    document_id     bigint REFERENCES documents (id),
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX letters_request_idx ON letters (request_id, id);
-- One receipt per request; the others follow their decision or objection.
CREATE UNIQUE INDEX letters_one_receipt ON letters (request_id) WHERE kind = 'tanda_bukti';

-- +goose Down
DROP TABLE letters;
