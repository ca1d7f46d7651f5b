package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/terbuka-id/terbuka/internal/benchkit"
	"github.com/terbuka-id/terbuka/internal/store"
)

// perPage is the portal's page size (internal/web portalPerPage).
const perPage = 20

// searchCase is one query the portal answers, by HTML page, JSON API and bare SQL.
type searchCase struct {
	name     string
	query    string
	category string
	year     int
	page     int
	// fast: the < 50 ms goal applies (selective and two-term searches).
	fast bool
	// past: the page lies past the last one; the answer is empty but still knows the total.
	past bool
}

var cases = []searchCase{
	{name: "selective term", query: "mangrove", page: 1, fast: true},
	{name: "common term", query: "anggaran", page: 1},
	{name: "two terms", query: "pengawasan sekolah", page: 1, fast: true},
	{name: "list, first page", page: 1},
	{name: "list, category+year", category: "berkala", year: 2019, page: 1},
	{name: "list, page 20", page: 20},
}

// checkedOnly are verified like the cases but not timed: past the describing-field candidates
// of a common word, where the matches anywhere are looked up.
var checkedOnly = []searchCase{
	{name: "common term, page 26", query: "anggaran", page: 26},
	{name: "list past the end", category: "serta_merta", year: 2016, page: 400, past: true},
}

func (c searchCase) isSearch() bool { return c.query != "" }

func (c searchCase) offset() int { return (c.page - 1) * perPage }

// path is the request: the HTML page's Indonesian parameter names or the API's English ones.
func (c searchCase) path(api bool) string {
	v := url.Values{}
	names := []string{"q", "kategori", "tahun", "halaman", "/dokumen"}
	if api {
		names = []string{"q", "category", "year", "page", "/api/v1/documents"}
	}
	if c.query != "" {
		v.Set(names[0], c.query)
	}
	if c.category != "" {
		v.Set(names[1], c.category)
	}
	if c.year != 0 {
		v.Set(names[2], strconv.Itoa(c.year))
	}
	if c.page > 1 {
		v.Set(names[3], strconv.Itoa(c.page))
	}
	if len(v) == 0 {
		return names[4]
	}
	return names[4] + "?" + v.Encode()
}

// filter is what the handlers pass to the store for this request.
func (c searchCase) filter() store.PortalFilter {
	return store.PortalFilter{Query: c.query, Category: c.category, Year: c.year, Limit: perPage, Offset: c.offset()}
}

// hitRow receives either statement.
type hitRow struct {
	store.PortalHit
	Total int `db:"total"`
}

// bare runs the store's own statement with the handler's parameters.
func (c searchCase) bare(ctx context.Context, db *sqlx.DB, rows *[]hitRow) error {
	*rows = (*rows)[:0]
	if c.isSearch() {
		return db.SelectContext(ctx, rows, store.PortalSearchSQL, c.query, c.category, 0, c.year, "", perPage, c.offset(),
			store.SearchCandidates, store.RootedQuery(c.query))
	}
	return db.SelectContext(ctx, rows, store.PortalListSQL, c.category, 0, c.year, "", perPage, c.offset(), store.ListCap)
}

// bareOp times the bare statement alone.
func bareOp(db *sqlx.DB, c searchCase) func(int) (benchkit.Op, error) {
	return func(int) (benchkit.Op, error) {
		rows := make([]hitRow, 0, perPage)
		return func(ctx context.Context) error { return c.bare(ctx, db, &rows) }, nil
	}
}

// pageSQLOp times the store call the handler makes: the search, or the list and its count (the
// filter choices are cached by the app for 30 s). HTTP minus this is the Go side: routing, the
// template or JSON, the socket.
func pageSQLOp(st *store.Store, c searchCase) func(int) (benchkit.Op, error) {
	return func(int) (benchkit.Op, error) {
		return func(ctx context.Context) error {
			_, err := st.PortalSearch(ctx, c.filter())
			return err
		}, nil
	}
}

// httpOp is one anonymous visitor (no cookies) loading the page, expecting 200.
func httpOp(baseURL string, c searchCase, api bool, clients int) func(int) (benchkit.Op, error) {
	target := baseURL + c.path(api)
	return func(int) (benchkit.Op, error) {
		client := benchkit.NewHTTPClient(clients)
		return func(ctx context.Context) error {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
			if err != nil {
				return err
			}
			resp, err := client.Do(req)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b, _ := io.ReadAll(io.LimitReader(resp.Body, 2048))
				return &benchkit.StatusError{Code: resp.StatusCode, Body: string(b)}
			}
			_, err = io.Copy(io.Discard, resp.Body)
			return err
		}, nil
	}
}

// unboundedSQL ranks every match, not a bounded candidate set: the reference the checks compare
// the page with (equal whenever the matches fit in the candidate set).
// The query is searched with its words' roots, as the portal searches it ($6, store.RootedQuery).
const unboundedSQL = `
	SELECT p.public_id FROM publications p, (SELECT websearch_to_tsquery('indonesian', $1) || websearch_to_tsquery('indonesian', $6) AS q) qq
	WHERE p.search @@ qq.q AND p.status = 'published' AND ($2 = '' OR p.category = $2) AND ($3 = 0 OR p.year = $3)
	ORDER BY ts_rank(p.head, qq.q) DESC, p.published_at DESC, p.id DESC LIMIT $4 OFFSET $5`

// checked is what the pre-run check learnt about a case, for the report.
type checked struct {
	matches, headMatches int // all matching documents; those matching in title, keywords or summary
	total                int // the total the page shows
	capped               bool
	headOnPage           int // hits on the page that match in the describing fields (rank > 0)
	overlap              int // hits on the page that unbounded ranking also puts on it
	exact                bool
	first                hitRow // the page's first hit, to show what a visitor sees
}

// check runs the case once through the bare statement, the JSON API and the HTML page and
// verifies they agree and the order holds: describing-field matches before body-only ones, then
// newest first; lists newest first.
func check(ctx context.Context, db *sqlx.DB, baseURL string, c searchCase) (checked, error) {
	var ck checked
	var rows []hitRow
	if err := c.bare(ctx, db, &rows); err != nil {
		return ck, fmt.Errorf("bare SQL: %w", err)
	}
	if c.past {
		return checkPast(ctx, db, baseURL, c, len(rows))
	}
	if len(rows) == 0 {
		return ck, fmt.Errorf("bare SQL found nothing")
	}
	for i := 1; i < len(rows); i++ {
		a, b := rows[i-1], rows[i]
		if a.Rank < b.Rank || (a.Rank == b.Rank && a.PublishedAt.Before(b.PublishedAt)) {
			return ck, fmt.Errorf("hit %d (%s, rank %.4f, %s) comes before hit %d (%s, rank %.4f, %s)", i, a.PublicID, a.Rank,
				a.PublishedAt.Format(time.DateTime), i+1, b.PublicID, b.Rank, b.PublishedAt.Format(time.DateTime))
		}
	}
	ck.first = rows[0]
	var ids []string
	for _, r := range rows {
		ids = append(ids, r.PublicID)
		if r.Rank > 0 {
			ck.headOnPage++
		}
	}
	if c.isSearch() {
		if err := db.QueryRowxContext(ctx, `SELECT count(*), count(*) FILTER (WHERE head @@ qq.q)
			FROM publications, (SELECT websearch_to_tsquery('indonesian', $1) || websearch_to_tsquery('indonesian', $4) AS q) qq
			WHERE search @@ qq.q AND status = 'published'
			AND ($2 = '' OR category = $2) AND ($3 = 0 OR year = $3)`, c.query, c.category, c.year, store.RootedQuery(c.query)).Scan(&ck.matches, &ck.headMatches); err != nil {
			return ck, fmt.Errorf("count matches: %w", err)
		}
		var ref []string
		if err := db.SelectContext(ctx, &ref, unboundedSQL, c.query, c.category, c.year, perPage, c.offset(), store.RootedQuery(c.query)); err != nil {
			return ck, fmt.Errorf("unbounded ranking: %w", err)
		}
		for _, id := range ids {
			if slices.Contains(ref, id) {
				ck.overlap++
			}
		}
		ck.exact = slices.Equal(ids, ref)
		// Bounded ranking may differ from ranking everything only when a field has more matches than the bound.
		if !ck.exact && ck.matches <= store.SearchCandidates {
			return ck, fmt.Errorf("page differs from unbounded ranking although all %d matches were candidates:\n  got  %v\n  want %v",
				ck.matches, ids, ref)
		}
	}

	var api struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
		Total       int  `json:"total"`
		TotalCapped bool `json:"total_capped"`
		Fuzzy       bool `json:"fuzzy"`
	}
	body, err := get(ctx, baseURL+c.path(true))
	if err != nil {
		return ck, err
	}
	if err := json.Unmarshal(body, &api); err != nil {
		return ck, fmt.Errorf("GET %s: %w", c.path(true), err)
	}
	var apiIDs []string
	for _, it := range api.Items {
		apiIDs = append(apiIDs, it.ID)
	}
	if !slices.Equal(apiIDs, ids) || api.Fuzzy {
		return ck, fmt.Errorf("GET %s: items %v (fuzzy %v), bare SQL %v", c.path(true), apiIDs, api.Fuzzy, ids)
	}
	ck.total, ck.capped = api.Total, api.TotalCapped

	page, err := get(ctx, baseURL+c.path(false))
	if err != nil {
		return ck, err
	}
	at := 0
	for _, id := range ids {
		i := strings.Index(string(page[at:]), "/dokumen/"+id+"/")
		if i < 0 {
			return ck, fmt.Errorf("GET %s: %s (hit %d of the bare SQL) missing or out of order", c.path(false), id, slices.Index(ids, id)+1)
		}
		at += i
	}
	return ck, nil
}

// checkPast checks that a page past the end is empty and still carries the exact total.
func checkPast(ctx context.Context, db *sqlx.DB, baseURL string, c searchCase, rows int) (checked, error) {
	var ck checked
	if err := db.GetContext(ctx, &ck.matches, `SELECT count(*) FROM publications WHERE status = 'published'
		AND ($1 = '' OR category = $1) AND ($2 = 0 OR year = $2)`, c.category, c.year); err != nil {
		return ck, err
	}
	if c.offset() < ck.matches {
		return ck, fmt.Errorf("page %d is not past the %d matches", c.page, ck.matches)
	}
	var api struct {
		Items []json.RawMessage `json:"items"`
		Total int               `json:"total"`
	}
	body, err := get(ctx, baseURL+c.path(true))
	if err != nil {
		return ck, err
	}
	if err := json.Unmarshal(body, &api); err != nil {
		return ck, fmt.Errorf("GET %s: %w", c.path(true), err)
	}
	if rows != 0 || len(api.Items) != 0 || api.Total != min(ck.matches, store.ListCap) {
		return ck, fmt.Errorf("GET %s: %d items, total %d; bare SQL %d rows; want 0 and total %d", c.path(true), len(api.Items),
			api.Total, rows, ck.matches)
	}
	ck.total = api.Total
	return ck, nil
}

func get(ctx context.Context, target string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = &benchkit.StatusError{Code: resp.StatusCode, Body: string(body[:min(len(body), 2048)])}
	}
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", target, errDetailErr(err))
	}
	return body, nil
}

func errDetailErr(err error) error { return fmt.Errorf("%s", benchkit.ErrDetail(err)) }

// explain prints the plan of the bare statement with the case's parameters.
func explain(ctx context.Context, db *sqlx.DB, c searchCase) (string, error) {
	var lines []string
	var err error
	if c.isSearch() {
		err = db.SelectContext(ctx, &lines, "EXPLAIN (ANALYZE, BUFFERS) "+store.PortalSearchSQL, c.query, c.category, 0, c.year, "",
			perPage, c.offset(), store.SearchCandidates, store.RootedQuery(c.query))
	} else {
		err = db.SelectContext(ctx, &lines, "EXPLAIN (ANALYZE, BUFFERS) "+store.PortalListSQL, c.category, 0, c.year, "", perPage, c.offset(),
			store.ListCap)
	}
	return strings.Join(lines, "\n"), err
}
