-- +goose Up

-- The officer queue sorts by the clock that runs now (workflow.CurrentClock): the atasan's 30 working
-- days while an objection waits (Pasal 36(2)), the promised delivery day of a grant, the promised day
-- of a "not yet documented" notice, otherwise the response deadline (Pasal 22(7)–(8)). casework
-- recomputes both columns in the transaction of every case step; new rows start on their due date.
ALTER TABLE requests ADD COLUMN clock_kind text NOT NULL DEFAULT 'response'
    CHECK (clock_kind IN ('response', 'extension', 'objection_response', 'delivery', 'documentation',
        'objection_window', 'dispute_filing', 'ki_start', 'ki_finish', 'court_suit'));
ALTER TABLE requests ADD COLUMN clock_due date;

-- +goose StatementBegin
CREATE FUNCTION requests_clock_default() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- A new request's clock is its response deadline until a case step recomputes it.
    IF NEW.clock_due IS NULL THEN
        NEW.clock_due := NEW.due_date;
        NEW.clock_kind := CASE WHEN NEW.status = 'diperpanjang' THEN 'extension' ELSE 'response' END;
    END IF;
    RETURN NEW;
END $$;
-- +goose StatementEnd
CREATE TRIGGER requests_clock_default BEFORE INSERT ON requests
    FOR EACH ROW EXECUTE FUNCTION requests_clock_default();

-- Backfill with the rules of workflow.CurrentClock, in its order. Its last rule, the requester's
-- window once nothing binds the office, counts working days from letters' receipt in Go: such
-- decided cases keep their response deadline here until their next step recomputes the clock;
-- they are never flagged overdue (runningClock in store/queue.go).
UPDATE requests r SET (clock_kind, clock_due) = (
    SELECT c.kind, c.due FROM (
        SELECT 1 AS pri, 'objection_response' AS kind, min(o.response_due) AS due
            FROM objections o WHERE o.request_id = r.id AND o.status = 'diterima' HAVING count(*) > 0
        UNION ALL
        SELECT 2, CASE WHEN r.status = 'diperpanjang' THEN 'extension' ELSE 'response' END, r.due_date
            WHERE r.status IN ('diterima', 'diproses', 'diperpanjang')
        UNION ALL
        SELECT 3, 'documentation', r.documentation_due
            WHERE r.status = 'belum_didokumentasikan' AND r.delivered_at IS NULL AND r.documentation_due IS NOT NULL
        UNION ALL
        SELECT 4, 'delivery', d.delivery_due
            FROM (SELECT delivery_due FROM decisions WHERE request_id = r.id ORDER BY id DESC LIMIT 1) d
            WHERE r.status IN ('dikabulkan', 'dikabulkan_sebagian') AND r.delivered_at IS NULL AND d.delivery_due IS NOT NULL
        UNION ALL
        SELECT 5, 'response', r.due_date
    ) c ORDER BY c.pri LIMIT 1);
ALTER TABLE requests ALTER COLUMN clock_due SET NOT NULL;

-- The queue's order, alone and within the filters a page view combines with it. The included
-- columns let the bounded counts (overdue, due soon, per unit) read the index alone: as a
-- bitmap heap scan the "due soon" count read ~1,000 scattered rows (33 ms, cmd/queuebench).
CREATE INDEX requests_open_clock_idx ON requests (clock_due, id) INCLUDE (status, clock_kind, unit_id) WHERE closed_at IS NULL;
CREATE INDEX requests_open_unit_clock_idx ON requests (unit_id, clock_due, id) INCLUDE (status, clock_kind) WHERE closed_at IS NULL;
CREATE INDEX requests_open_status_clock_idx ON requests (status, clock_due, id) INCLUDE (clock_kind, unit_id) WHERE closed_at IS NULL;
CREATE INDEX requests_open_assigned_clock_idx ON requests (assigned_to, clock_due, id) INCLUDE (status, clock_kind, unit_id) WHERE closed_at IS NULL;

-- The queue's search (/kantor?q=): registration number by prefix, requester name by any part
-- (pg_trgm, created by 00007), e-mail exactly, words of the request in full text.
CREATE INDEX requests_open_number_idx ON requests (registration_number text_pattern_ops) WHERE closed_at IS NULL;
CREATE INDEX requests_open_name_trgm_idx ON requests USING gin (requester_name gin_trgm_ops) WHERE closed_at IS NULL;
CREATE INDEX requests_open_email_idx ON requests (lower(email)) WHERE closed_at IS NULL;
-- Stored, so a match's recheck reads the vector instead of parsing the text again (68 µs a row
-- measured by cmd/queuebench when the index was on the expression).
ALTER TABLE requests ADD COLUMN search_words tsvector GENERATED ALWAYS AS (to_tsvector('indonesian', information)) STORED;
CREATE INDEX requests_open_words_idx ON requests USING gin (search_words) WHERE closed_at IS NULL;

-- +goose Down
DROP INDEX requests_open_words_idx;
ALTER TABLE requests DROP COLUMN search_words;
DROP INDEX requests_open_email_idx;
DROP INDEX requests_open_name_trgm_idx;
DROP INDEX requests_open_number_idx;
DROP INDEX requests_open_assigned_clock_idx;
DROP INDEX requests_open_status_clock_idx;
DROP INDEX requests_open_unit_clock_idx;
DROP INDEX requests_open_clock_idx;
DROP TRIGGER requests_clock_default ON requests;
DROP FUNCTION requests_clock_default();
ALTER TABLE requests DROP COLUMN clock_due, DROP COLUMN clock_kind;
