-- +goose Up

-- The annual public information service report (Perki 1/2021 Pasal 56), one per year: the
-- PPID's narrative sections, and once locked the figures frozen as JSON and the PDF made once.
CREATE TABLE annual_reports (
    year            integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2200),
    policy          text NOT NULL DEFAULT '',
    facilities      text NOT NULL DEFAULT '',
    budget          text NOT NULL DEFAULT '',
    constraints_met text NOT NULL DEFAULT '',
    recommendations text NOT NULL DEFAULT '',
    status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'locked', 'published')),
    figures         jsonb,
    pdf_sha256      text,
    locked_at       timestamptz,
    locked_by       bigint REFERENCES users (id),
    published_at    timestamptz,
    published_by    bigint REFERENCES users (id),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    updated_by      bigint REFERENCES users (id),
    -- A locked or published report carries its frozen figures and its PDF.
    CHECK (status = 'draft' OR (figures IS NOT NULL AND pdf_sha256 IS NOT NULL AND locked_at IS NOT NULL)),
    CHECK (status <> 'published' OR published_at IS NOT NULL)
);

-- Append-only history of a report: saved, locked, unlocked (with the administrator's reason), published.
CREATE TABLE annual_report_events (
    id          bigserial PRIMARY KEY,
    year        integer NOT NULL REFERENCES annual_reports (year),
    at          timestamptz NOT NULL,
    actor_id    bigint REFERENCES users (id),
    actor_label text NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('saved', 'locked', 'unlocked', 'published')),
    note        text NOT NULL DEFAULT '',
    pdf_sha256  text
);
CREATE INDEX annual_report_events_year_idx ON annual_report_events (year, id);
CREATE TRIGGER annual_report_events_append_only
    BEFORE UPDATE OR DELETE ON annual_report_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- The atasan PPID's yearly evaluation notes on an officer: every note kept, never public.
CREATE TABLE evaluation_notes (
    id           bigserial PRIMARY KEY,
    year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2200),
    officer_id   bigint NOT NULL REFERENCES users (id),
    author_id    bigint NOT NULL REFERENCES users (id),
    author_label text NOT NULL,
    strengths    text NOT NULL,
    improvements text NOT NULL,
    created_at   timestamptz NOT NULL
);
CREATE INDEX evaluation_notes_year_idx ON evaluation_notes (year, officer_id, id);
CREATE TRIGGER evaluation_notes_append_only
    BEFORE UPDATE OR DELETE ON evaluation_notes
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- +goose Down
DROP TABLE evaluation_notes;
DROP TABLE annual_report_events;
DROP TABLE annual_reports;
