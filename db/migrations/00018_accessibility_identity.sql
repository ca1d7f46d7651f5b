-- +goose Up

-- Perki 1/2021 Pasal 5(5), 24: a requester may ask for the information in an accessible form.
ALTER TABLE requests
    ADD COLUMN accessibility      text[] NOT NULL DEFAULT '{}'
        CHECK (accessibility <@ ARRAY['huruf_besar', 'audio', 'braille', 'bahasa_isyarat', 'lainnya']::text[]),
    ADD COLUMN accessibility_note text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE requests DROP COLUMN accessibility_note, DROP COLUMN accessibility;
