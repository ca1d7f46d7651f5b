-- +goose Up

-- Measured by cmd/searchbench over 200,000 published documents (BENCHMARKS.md). The included
-- columns are the list filters: counting a filtered list (capped at store.ListCap) then reads one
-- of these indexes alone, not the table.

-- Year facet (a loose index scan over the distinct years), lists filtered by year and their
-- counts. Without it the year facet read the whole table once per distinct year (1.4 s) and a
-- category+year page walked every newer document (42 ms; its count 17 ms).
CREATE INDEX publications_year_idx ON publications (year, published_at DESC, id DESC)
    INCLUDE (category, unit_id, doc_type) WHERE status = 'published';

-- Unit facet (EXISTS per unit: a unit that never published scanned the whole table), lists
-- filtered by unit, and the counts of lists filtered by category or type alone (14 ms and 137 ms
-- as table scans, 2.4 ms and 13 ms as index-only scans of this index).
CREATE INDEX publications_unit_idx ON publications (unit_id, published_at DESC, id DESC)
    INCLUDE (category, year, doc_type) WHERE status = 'published';

-- +goose Down
DROP INDEX publications_unit_idx;
DROP INDEX publications_year_idx;
