package store

import (
	"context"
	"fmt"
	"time"
)

// PortalFilter narrows the public list or search; zero values mean "any".
type PortalFilter struct {
	Query    string // websearch syntax: words, "a phrase", -excluded, or
	Category string
	UnitID   int64
	Year     int
	DocType  string
	Limit    int
	Offset   int
}

// PortalHit is one published item in a list or search result.
type PortalHit struct {
	PublicID    string    `db:"public_id"`
	Title       string    `db:"title"`
	Category    string    `db:"category"`
	UnitName    string    `db:"unit_name"`
	Year        int       `db:"year"`
	Summary     string    `db:"summary"`
	DocType     string    `db:"doc_type"`
	ContentType string    `db:"content_type"`
	Size        int64     `db:"size"`
	PublishedAt time.Time `db:"published_at"`
	// Snippet is the matching text with the matched words between SnippetStart and SnippetStop.
	Snippet string  `db:"snippet"`
	Rank    float64 `db:"rank"`
}

// PortalPage is a page of hits. Total is exact up to Capped; beyond it the page says "more than".
type PortalPage struct {
	Hits   []PortalHit
	Total  int
	Capped bool
	// Fuzzy: full text found nothing and these are titles that look like the query (pg_trgm).
	Fuzzy bool
}

// Markers ts_headline puts around matched words; the web layer escapes the snippet and then
// turns them into <mark>, so a document's text can never inject markup.
const (
	SnippetStart = "\u2063\u27e6"
	SnippetStop  = "\u27e7\u2063"
)

// SearchCandidates bounds the ranked set. Ranking reads each candidate's vector, so ranking every
// match of a very common word costs time in proportion to the corpus; instead the newest matches
// in the describing fields (title, keywords, summary) and the newest matches anywhere are ranked,
// up to this many of each — those are what a visitor pages through. When the describing fields
// alone fill the bound, the matches anywhere are looked for only by pages past it: they would
// rank below every describing-field match anyway.
const SearchCandidates = 500

// ListCap bounds the count of an unfiltered or filtered list.
const ListCap = 10000

// portalFilter is the WHERE clause of published items with the four filters, whose parameters
// start at $first: category, unit id, year, type.
func portalFilter(first int) string {
	return fmt.Sprintf(`status = 'published' AND ($%[1]d = '' OR category = $%[1]d) AND ($%[2]d = 0 OR unit_id = $%[2]d)
	AND ($%[3]d = 0 OR year = $%[3]d) AND ($%[4]d = '' OR doc_type = $%[4]d)`, first, first+1, first+2, first+3)
}

// portalFilterSQL is the filter after the query text ($1).
var portalFilterSQL = portalFilter(2)

// PortalSearch runs a search (f.Query set) or a list (newest first).
func (s *Store) PortalSearch(ctx context.Context, f PortalFilter) (PortalPage, error) {
	if f.Query == "" {
		return s.portalList(ctx, f)
	}
	page, err := s.portalFullText(ctx, f)
	if err != nil || page.Total > 0 {
		return page, err
	}
	return s.portalTrigram(ctx, f)
}

// PortalSearchSQL is the full-text statement, exported for the benchmark's bare-SQL baseline:
// $1 query, $2–$5 filters, $6 limit, $7 offset, $8 candidates, $9 the query with its words'
// roots (RootedQuery): a document matching either is found, so the roots only add results.
//
// The candidate scans name the query itself rather than the CTE q, so the planner sees the
// lexemes and their frequency: for a common word it walks the newest-first index and stops at $8
// matches, for a rare one it takes the GIN index (through q it guessed, and read every match of a
// common word: 150 ms over 200k documents, cmd/searchbench). The rank is taken while the row is
// at hand, so the ranked set is not fetched a second time.
var PortalSearchSQL = `
	WITH q AS (SELECT (websearch_to_tsquery('indonesian', $1) || websearch_to_tsquery('indonesian', $9)) AS q),
	described AS MATERIALIZED (
		SELECT id, published_at, ts_rank(head, q.q) AS rank FROM publications, q
		WHERE head @@ (websearch_to_tsquery('indonesian', $1) || websearch_to_tsquery('indonesian', $9)) AND ` + portalFilterSQL + `
		ORDER BY published_at DESC, id DESC LIMIT $8),
	anywhere AS MATERIALIZED (
		SELECT id, published_at, ts_rank(head, q.q) AS rank FROM publications, q
		WHERE search @@ (websearch_to_tsquery('indonesian', $1) || websearch_to_tsquery('indonesian', $9)) AND ` + portalFilterSQL + `
			AND ((SELECT count(*) FROM described) < $8 OR $6::bigint + $7::bigint > $8)
		ORDER BY published_at DESC, id DESC LIMIT $8),
	cand AS MATERIALIZED (SELECT * FROM described UNION SELECT * FROM anywhere),
	ranked AS (SELECT * FROM cand ORDER BY rank DESC, published_at DESC, id DESC LIMIT $6 OFFSET $7)
	SELECT p.public_id, p.title, p.category, u.name AS unit_name, p.year, p.summary, p.doc_type, p.content_type, p.size,
		p.published_at, r.rank,
		CASE WHEN to_tsvector('indonesian', p.summary) @@ q.q
			THEN ts_headline('indonesian', p.summary, q.q, '` + snippetOptions + `')
			ELSE ts_headline('indonesian', p.summary || E'\n' || left(p.body_text, 20000), q.q, '` + snippetOptions + `') END AS snippet,
		(SELECT count(*) FROM cand) AS total
	FROM ranked r JOIN publications p USING (id) JOIN units u ON u.id = p.unit_id, q
	ORDER BY r.rank DESC, r.published_at DESC, p.id DESC`

// snippetOptions shape the snippet. It comes from the summary alone when the summary matches
// the whole query — the card then shows the summary with the words marked — and otherwise from
// the summary and the body: parsing the body costs about 0.25 ms per 3 kB, most of a page's time.
const snippetOptions = `MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … ", StartSel=` + SnippetStart +
	`, StopSel=` + SnippetStop

type portalRow struct {
	PortalHit
	Total int `db:"total"`
}

func (s *Store) portalFullText(ctx context.Context, f PortalFilter) (PortalPage, error) {
	var rows []portalRow
	err := s.db.SelectContext(ctx, &rows, PortalSearchSQL, f.Query, f.Category, f.UnitID, f.Year, f.DocType,
		f.Limit, f.Offset, SearchCandidates, RootedQuery(f.Query))
	if err != nil {
		return PortalPage{}, fmt.Errorf("store: unable to search: %w", err)
	}
	page := PortalPage{}
	if len(rows) > 0 {
		page.Total = rows[0].Total
	} else if f.Offset > 0 {
		// Past the last page: count the matches on their own so the pager still knows the total.
		if err := s.db.GetContext(ctx, &page.Total, `
			WITH q AS (SELECT websearch_to_tsquery('indonesian', $1) || websearch_to_tsquery('indonesian', $7) AS q)
			SELECT count(*) FROM (SELECT 1 FROM publications, q WHERE search @@ q.q AND `+portalFilterSQL+` LIMIT $6) c`,
			f.Query, f.Category, f.UnitID, f.Year, f.DocType, 2*SearchCandidates, RootedQuery(f.Query)); err != nil {
			return PortalPage{}, fmt.Errorf("store: unable to count matches: %w", err)
		}
	}
	page.Capped = page.Total >= SearchCandidates
	for _, r := range rows {
		page.Hits = append(page.Hits, r.PortalHit)
	}
	return page, nil
}

// portalTrigram finds titles similar to a misspelt query ("angaran" → "Anggaran …").
func (s *Store) portalTrigram(ctx context.Context, f PortalFilter) (PortalPage, error) {
	var rows []portalRow
	err := s.db.SelectContext(ctx, &rows, `
		SELECT public_id, title, category, u.name AS unit_name, year, summary, doc_type, content_type, size, published_at,
			word_similarity($1, title) AS rank, '' AS snippet, count(*) OVER () AS total
		FROM publications p JOIN units u ON u.id = p.unit_id
		WHERE $1 <% title AND p.`+portalFilterSQL+`
		ORDER BY rank DESC, published_at DESC, p.id DESC LIMIT $6 OFFSET $7`,
		f.Query, f.Category, f.UnitID, f.Year, f.DocType, f.Limit, f.Offset)
	if err != nil {
		return PortalPage{}, fmt.Errorf("store: unable to search titles: %w", err)
	}
	page := PortalPage{Fuzzy: true}
	for _, r := range rows {
		page.Total = r.Total
		page.Hits = append(page.Hits, r.PortalHit)
	}
	return page, nil
}

// PortalListSQL is the list statement, exported for the benchmark's bare-SQL baseline:
// $1–$4 filters, $5 limit, $6 offset, $7 count cap. The capped count rides along as the column
// total, so a page is one round trip.
var PortalListSQL = `
	SELECT public_id, title, category, u.name AS unit_name, year, summary, doc_type, content_type, size, published_at,
		0::float8 AS rank, '' AS snippet, (` + portalCount(7) + `) AS total
	FROM publications p JOIN units u ON u.id = p.unit_id
	WHERE p.` + portalFilter(1) + `
	ORDER BY published_at DESC, p.id DESC LIMIT $5 OFFSET $6`

// portalCount counts the published items matching the filters $1–$4, up to $capParam.
func portalCount(capParam int) string {
	return fmt.Sprintf(`SELECT count(*) FROM (SELECT 1 FROM publications WHERE %s LIMIT $%d) c`, portalFilter(1), capParam)
}

func (s *Store) portalList(ctx context.Context, f PortalFilter) (PortalPage, error) {
	var rows []portalRow
	if err := s.db.SelectContext(ctx, &rows, PortalListSQL, f.Category, f.UnitID, f.Year, f.DocType, f.Limit, f.Offset, ListCap); err != nil {
		return PortalPage{}, fmt.Errorf("store: unable to list publications: %w", err)
	}
	var page PortalPage
	for _, r := range rows {
		page.Total = r.Total
		page.Hits = append(page.Hits, r.PortalHit)
	}
	// Past the last page no row carries the count: count on its own so the pager still knows it.
	if len(rows) == 0 && f.Offset > 0 {
		if err := s.db.GetContext(ctx, &page.Total, portalCount(5), f.Category, f.UnitID, f.Year, f.DocType, ListCap); err != nil {
			return PortalPage{}, fmt.Errorf("store: unable to count publications: %w", err)
		}
	}
	page.Capped = page.Total >= ListCap
	return page, nil
}

// PortalFacets are the choices the filters offer: units and years that have published items.
type PortalFacets struct {
	Units []struct {
		ID   int64  `db:"id"`
		Name string `db:"name"`
	}
	Years []int
}

// PortalFacets lists the units and years with published items.
func (s *Store) PortalFacets(ctx context.Context) (PortalFacets, error) {
	var f PortalFacets
	if err := s.db.SelectContext(ctx, &f.Units, `SELECT id, name FROM units u
		WHERE EXISTS (SELECT 1 FROM publications p WHERE p.unit_id = u.id AND p.status = 'published') ORDER BY name`); err != nil {
		return f, fmt.Errorf("store: unable to list units: %w", err)
	}
	// A loose index scan over the (few) distinct years instead of reading every published row.
	if err := s.db.SelectContext(ctx, &f.Years, `
		WITH RECURSIVE y AS (
			(SELECT year FROM publications WHERE status = 'published' ORDER BY year DESC LIMIT 1)
			UNION ALL
			SELECT (SELECT year FROM publications WHERE status = 'published' AND year < y.year ORDER BY year DESC LIMIT 1)
			FROM y WHERE y.year IS NOT NULL)
		SELECT year FROM y WHERE year IS NOT NULL`); err != nil {
		return f, fmt.Errorf("store: unable to list years: %w", err)
	}
	return f, nil
}

// PortalCounts are the home page's headline figures.
type PortalCounts struct {
	Published  int `db:"published"`
	Berkala    int `db:"berkala"`
	SertaMerta int `db:"serta_merta"`
	SetiapSaat int `db:"setiap_saat"`
}

// PortalCounts counts published items per category.
func (s *Store) PortalCounts(ctx context.Context) (PortalCounts, error) {
	var c PortalCounts
	err := s.db.GetContext(ctx, &c, `SELECT count(*) AS published,
		count(*) FILTER (WHERE category = 'berkala') AS berkala,
		count(*) FILTER (WHERE category = 'serta_merta') AS serta_merta,
		count(*) FILTER (WHERE category = 'setiap_saat') AS setiap_saat
		FROM publications WHERE status = 'published'`)
	if err != nil {
		return c, fmt.Errorf("store: unable to count publications: %w", err)
	}
	return c, nil
}

// FeedItem is a published item in the Atom feed and the sitemap.
type FeedItem struct {
	PublicID    string    `db:"public_id"`
	Title       string    `db:"title"`
	Summary     string    `db:"summary"`
	UnitName    string    `db:"unit_name"`
	PublishedAt time.Time `db:"published_at"`
	UpdatedAt   time.Time `db:"updated_at"`
}

// PublishedItems lists published items newest first, up to limit (the sitemap asks for up to 50,000).
func (s *Store) PublishedItems(ctx context.Context, limit int) ([]FeedItem, error) {
	var items []FeedItem
	err := s.db.SelectContext(ctx, &items, `SELECT public_id, title, summary, u.name AS unit_name, published_at, p.updated_at
		FROM publications p JOIN units u ON u.id = p.unit_id WHERE p.status = 'published'
		ORDER BY published_at DESC, p.id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list published items: %w", err)
	}
	return items, nil
}
