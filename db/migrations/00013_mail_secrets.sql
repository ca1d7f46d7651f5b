-- +goose Up

-- What a mail must say that acts as someone (the tracking code) is kept apart from its data,
-- sealed with the application's data key, and only while the mail is queued (ASVS 8.3.4).
ALTER TABLE outbox ADD COLUMN secrets bytea;

-- A mail that leaves the queue (sent, parked, or written so) keeps no secret, whoever updates it:
-- the keys are those of mailtext.secretKeys.
-- +goose StatementBegin
CREATE FUNCTION outbox_drop_secrets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.secrets := NULL;
    NEW.data := NEW.data - '{tracking_code,temporary_password}'::text[];
    RETURN NEW;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER outbox_drop_secrets
    BEFORE INSERT OR UPDATE ON outbox
    FOR EACH ROW WHEN (NEW.status <> 'pending') EXECUTE FUNCTION outbox_drop_secrets();

-- Mail that has already left the queue: wiped here, through the trigger. Queued mail still needs
-- its secrets to be sent and SQL cannot seal with the application's key, so the outbox job seals
-- those on its next run (store.SealClearMailSecrets).
UPDATE outbox SET data = data WHERE status <> 'pending' AND data ?| '{tracking_code,temporary_password}'::text[];

-- +goose Down
-- Secrets of still-queued mail are lost: their mail goes out saying the code is on the receipt.
DROP TRIGGER outbox_drop_secrets ON outbox;
DROP FUNCTION outbox_drop_secrets();
ALTER TABLE outbox DROP COLUMN secrets;
