-- +goose Up

-- How and when each letter went to the requester, and when they received it: the objection window
-- after a notice (UU 14/2008 Pasal 36(1)) and the KI filing after the atasan's answer (Pasal 37(2))
-- count from receipt. E-mail and in person: received the day sent; post/courier: the day recorded.
ALTER TABLE letters
    ADD COLUMN sent_via    text CHECK (sent_via IN ('email', 'langsung', 'pos', 'kurir')),
    ADD COLUMN sent_at     timestamptz,
    ADD COLUMN received_on date,
    ADD CONSTRAINT letters_sent_complete CHECK ((sent_via IS NULL) = (sent_at IS NULL)),
    ADD CONSTRAINT letters_received_after_sending CHECK (received_on IS NULL OR sent_at IS NOT NULL);

-- +goose Down
ALTER TABLE letters DROP COLUMN received_on, DROP COLUMN sent_at, DROP COLUMN sent_via;
