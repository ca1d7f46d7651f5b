package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// QueueItem is one row of the officers' queue.
type QueueItem struct {
	ID                 int64          `db:"id"`
	RegistrationNumber string         `db:"registration_number"`
	RequesterName      string         `db:"requester_name"`
	Subject            string         `db:"subject"`
	Status             string         `db:"status"`
	Channel            string         `db:"channel"`
	ReceivedAt         time.Time      `db:"received_at"`
	DueDate            calendar.Date  `db:"due_date"`
	UnitName           string         `db:"unit_name"`
	AssignedName       sql.NullString `db:"assigned_name"`
	// ClockKind and ClockDue are the clock the office works to now (workflow.CurrentClock).
	ClockKind string        `db:"clock_kind"`
	ClockDue  calendar.Date `db:"clock_due"`
}

// Clock states a queue filter may ask for.
const (
	QueueClockSoon    = "segera" // due today or within the next working days up to Soon
	QueueClockOverdue = "lewat"  // due before Today
)

// QueueFilter selects open requests; zero values mean "any".
type QueueFilter struct {
	Status     string
	UnitID     int64
	AssignedTo int64
	Channel    string
	// Clock is QueueClockSoon or QueueClockOverdue, judged against Today and Soon.
	Clock       string
	Today, Soon calendar.Date
	// ReceivedFrom and ReceivedBefore bound received_at: [from, before).
	ReceivedFrom, ReceivedBefore time.Time
	// Query is a registration number (or its beginning), part of a requester's name, an e-mail
	// address, or words of the request (full text, indonesian stemming).
	Query  string
	Limit  int
	Offset int
}

// pendingStatuses are those whose statutory clock still runs: only they can be late.
var pendingStatuses = sqlList(workflow.PendingStatuses)

// runningClock: a case whose current clock still binds the office; a decided case with no
// objection, delivery or documentation pending keeps its old deadline only as an order.
var runningClock = `(q.status IN ` + pendingStatuses + ` OR q.clock_kind IN ` +
	sqlList([]string{workflow.ClockObjectionResponse, workflow.ClockDelivery, workflow.ClockDocumentation}) + `)`

// queueWhere is the filter of open requests in the scope; its 12 arguments (queueArgs) come
// first, the scope's at n. A search tests the words first: PostgreSQL tries an OR's arms in the
// order written, and with the words last every row a words search gathered was also matched
// against the name pattern and the e-mail (EXPLAIN over 1M open: 5.6 → 4.7 ms for two common
// words; a full name 4.3 → 4.4 ms).
func queueWhere(n int) string {
	return `q.closed_at IS NULL
		AND ($1 = '' OR q.status = $1) AND ($2 = 0 OR q.unit_id = $2) AND ($3 = 0 OR q.assigned_to = $3)
		AND ($4 = '' OR q.channel = $4)
		AND ($5 = '' OR (` + runningClock + ` AND CASE WHEN $5 = '` + QueueClockOverdue + `' THEN q.clock_due < $6
			ELSE q.clock_due >= $6 AND q.clock_due <= $7 END))
		AND ($8::timestamptz IS NULL OR q.received_at >= $8) AND ($9::timestamptz IS NULL OR q.received_at < $9)
		AND ($10 = '' OR q.search_words @@ websearch_to_tsquery('indonesian', $10) OR q.registration_number LIKE $11
			OR (q.requester_name ILIKE $12 AND strpos(lower(q.requester_name), lower($10)) > 0) OR lower(q.email) = lower($10))
		AND ` + inScope("q", n)
}

// likeEscape makes s a literal inside a LIKE pattern.
var likeEscape = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

func queueArgs(f QueueFilter) []any {
	q := strings.TrimSpace(f.Query)
	from, before := sql.NullTime{Time: f.ReceivedFrom, Valid: !f.ReceivedFrom.IsZero()}, sql.NullTime{Time: f.ReceivedBefore, Valid: !f.ReceivedBefore.IsZero()}
	return []any{f.Status, f.UnitID, f.AssignedTo, f.Channel, f.Clock, f.Today, f.Soon, from, before,
		q, strings.ToUpper(likeEscape.Replace(q)) + "%", nameIndexPattern(q)}
}

// nameIndexPattern is the ILIKE pattern the name's trigram index is searched with: the query's
// words joined by wildcards, which matches every name containing the query (strpos then keeps
// the exact ones). A space or other separator in the pattern makes pg_trgm look up padded
// word-boundary trigrams ("  s", " si") whose lists hold a large share of all names: for a full
// name over 1M requests the index scan took 9 ms instead of 5 ms (cmd/queuebench data). A word
// of six letters or more is looked up by its first and last three only ("sir%gar"): every
// trigram's list is read whole, and the middle ones ("ire", "reg", "ega") narrowed nothing the
// two ends and strpos do not (EXPLAIN over 1M open: 6.7–7.3 → 5.5–5.8 ms for a full name).
func nameIndexPattern(q string) string {
	words := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) == 0 {
		return "%" + likeEscape.Replace(q) + "%"
	}
	for i, w := range words {
		if r := []rune(w); len(r) >= 6 {
			words[i] = likeEscape.Replace(string(r[:3])) + "%" + likeEscape.Replace(string(r[len(r)-3:]))
		} else {
			words[i] = likeEscape.Replace(w)
		}
	}
	return "%" + strings.Join(words, "%") + "%"
}

const queueColumns = `q.id, q.registration_number, q.requester_name, left(q.information, 160) AS subject,
	q.status, q.channel, q.received_at, q.due_date, q.clock_kind, q.clock_due, q.unit_id, q.assigned_to`

// QueueSQL is the officer queue's page query, the clock that runs now first; exported with
// QueueQueryArgs for the benchmark's bare-SQL figure.
var QueueSQL = queueSQL("q.clock_due")

// QueueSearchSQL is QueueSQL for a search: its matches are found through the search indexes and
// then sorted. Ordered by the bare column, the planner walked the clock index filtering every row
// (200 ms for 51 matches of a two-word search over 200k open requests, cmd/queuebench).
var QueueSearchSQL = queueSQL("(q.clock_due + 0)")

// queueSQL names the unit and officer of the page's rows only, after the LIMIT: joined before
// it, a search looked them up for every match it sorted.
func queueSQL(order string) string {
	return `
	SELECT p.id, p.registration_number, p.requester_name, p.subject, p.status, p.channel, p.received_at, p.due_date,
		p.clock_kind, p.clock_due, un.name AS unit_name, au.name AS assigned_name
	FROM (SELECT ` + queueColumns + ` FROM requests q
		WHERE ` + queueWhere(15) + `
		ORDER BY ` + order + `, q.id
		LIMIT $13 OFFSET $14) p
	JOIN units un ON un.id = p.unit_id LEFT JOIN users au ON au.id = p.assigned_to
	ORDER BY p.clock_due, p.id`
}

// QueueStatement is the page query for filter f.
func QueueStatement(f QueueFilter) string {
	if strings.TrimSpace(f.Query) != "" {
		return QueueSearchSQL
	}
	return QueueSQL
}

// QueueQueryArgs are QueueSQL's arguments for filter f in scope sc.
func QueueQueryArgs(sc access.Scope, f QueueFilter) []any {
	return scoped(sc, append(queueArgs(f), f.Limit, f.Offset)...)
}

// queueItemDest are the destinations of a queue statement's row columns, in queueSQL's order.
// Scanned by position: sqlx's StructScan allocated a fresh item per row and matched the columns
// to fields by reflection on every page (BenchmarkQueuePage).
func queueItemDest(it *QueueItem, dest []any) []any {
	return append(dest, &it.ID, &it.RegistrationNumber, &it.RequesterName, &it.Subject, &it.Status, &it.Channel,
		&it.ReceivedAt, &it.DueDate, &it.ClockKind, &it.ClockDue, &it.UnitName, &it.AssignedName)
}

// Queue lists the open requests of the filter within the scope, the clock that runs now first.
func (s *Store) Queue(ctx context.Context, sc access.Scope, f QueueFilter) ([]QueueItem, error) {
	rows, err := s.db.QueryContext(ctx, QueueStatement(f), QueueQueryArgs(sc, f)...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch queue: %w", err)
	}
	defer rows.Close()
	// Sized for the page: grown row by row, the copies were a tenth of a queue page's allocations.
	items := make([]QueueItem, 0, min(max(f.Limit, 0), 1000))
	dest := make([]any, 0, 12)
	for rows.Next() {
		items = append(items, QueueItem{})
		if err := rows.Scan(queueItemDest(&items[len(items)-1], dest[:0])...); err != nil {
			return nil, fmt.Errorf("store: unable to read queue row: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: unable to fetch queue: %w", err)
	}
	return items, nil
}

// EachQueueItem streams up to f.Limit rows of the filtered queue to fn, in the queue's order,
// for exports that never hold the whole list in memory.
func (s *Store) EachQueueItem(ctx context.Context, sc access.Scope, f QueueFilter, fn func(*QueueItem) error) error {
	rows, err := s.db.QueryContext(ctx, QueueStatement(f), QueueQueryArgs(sc, f)...)
	if err != nil {
		return fmt.Errorf("store: unable to fetch queue: %w", err)
	}
	defer rows.Close()
	dest := make([]any, 0, 12)
	for rows.Next() {
		var it QueueItem
		if err := rows.Scan(queueItemDest(&it, dest[:0])...); err != nil {
			return fmt.Errorf("store: unable to read queue row: %w", err)
		}
		if err := fn(&it); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: unable to fetch queue: %w", err)
	}
	return nil
}

// QueueCounts summarises the open queue for the flags at its top. Each count stops at CountCap,
// so a page view costs the same with a thousand open requests as with a million.
type QueueCounts struct {
	Open    int `db:"open"`
	Overdue int `db:"overdue"`
	DueSoon int `db:"due_soon"`
	// Cut: a search matched more than CountCap requests and only the first CountCap found were
	// counted and sorted (QueueSearchPageSQL); the counts are then lower bounds.
	Cut bool `db:"cut"`
}

// CountCap is where queue counts stop; pages show it as "1000+".
const CountCap = 1000

// CountQueueSQL counts the filtered queue, its running clocks past $6 and those due by $7, each
// count bounded by $13. Its arguments: QueueCountArgs.
var CountQueueSQL = countQueueSQL("")

// CountQueueSearchSQL counts a search's matches in one pass over them, gathered through the search
// indexes like its page (QueueSearchSQL sorts them all too). Three bounded counts without an order
// let the planner scan the table until it had found enough, testing the search on each row
// (seconds for a name matching 100 of 200k, cmd/queuebench).
var CountQueueSearchSQL = `
	WITH m AS MATERIALIZED (SELECT q.clock_due, ` + runningClock + ` AS running FROM requests q WHERE ` + queueWhere(14) + `)
	SELECT least(count(*), $13) AS open,
		least(count(*) FILTER (WHERE running AND clock_due < $6), $13) AS overdue,
		least(count(*) FILTER (WHERE running AND clock_due >= $6 AND clock_due <= $7), $13) AS due_soon
	FROM m`

func countQueueSQL(order string) string {
	return `
	SELECT
		(SELECT count(*) FROM (SELECT 1 FROM requests q WHERE ` + queueWhere(14) + order + ` LIMIT $13) a) AS open,
		(SELECT count(*) FROM (SELECT 1 FROM requests q WHERE ` + queueWhere(14) + `
			AND ` + runningClock + ` AND q.clock_due < $6` + order + ` LIMIT $13) o) AS overdue,
		(SELECT count(*) FROM (SELECT 1 FROM requests q WHERE ` + queueWhere(14) + `
			AND ` + runningClock + ` AND q.clock_due >= $6 AND q.clock_due <= $7` + order + ` LIMIT $13) d) AS due_soon`
}

// CountQueueStatement is the count query for filter f.
func CountQueueStatement(f QueueFilter) string {
	if strings.TrimSpace(f.Query) != "" {
		return CountQueueSearchSQL
	}
	return CountQueueSQL
}

// QueueCountArgs are CountQueueSQL's arguments for filter f in scope sc, with today and soon.
func QueueCountArgs(sc access.Scope, f QueueFilter, today, soon calendar.Date) []any {
	f.Today, f.Soon = today, soon
	return scoped(sc, append(queueArgs(f), CountCap)...)
}

// CountQueue counts open requests of the filter within the scope, those whose current clock is
// past today's date and those due on or before soon.
func (s *Store) CountQueue(ctx context.Context, sc access.Scope, f QueueFilter, today, soon calendar.Date) (QueueCounts, error) {
	var c QueueCounts
	if err := s.db.GetContext(ctx, &c, CountQueueStatement(f), QueueCountArgs(sc, f, today, soon)...); err != nil {
		return QueueCounts{}, fmt.Errorf("store: unable to count queue: %w", err)
	}
	return c, nil
}

// QueueSearchPageSQL is a search's page and its counts in one statement: the matches are gathered
// once through the search indexes, then counted and sorted (as two statements, each found them
// again: 25 ms apiece for a name over 1M open requests, cmd/queuebench). At most CountCap
// matches, as the index finds them, are gathered, counted and sorted (Cut says there were more):
// reading every match of a common word cost time in proportion to the table (3,575 matches of
// two words over 1M open requests), as the portal bounds its ranked set (SearchCandidates).
// Its arguments: QueueSearchPageArgs; it answers one row with zero id when nothing matches, for
// the counts.
var QueueSearchPageSQL = `
	WITH m AS MATERIALIZED (
		SELECT q.id, q.clock_due, ` + runningClock + ` AS running FROM requests q WHERE ` + queueWhere(15) + `
		LIMIT $17 + 1
	), c AS (
		SELECT least(count(*), $17) AS open,
			least(count(*) FILTER (WHERE running AND clock_due < $6), $17) AS overdue,
			least(count(*) FILTER (WHERE running AND clock_due >= $6 AND clock_due <= $7), $17) AS due_soon,
			count(*) > $17 AS cut
		FROM m
	), p AS (
		SELECT ` + queueColumns + ` FROM (SELECT id FROM m ORDER BY clock_due, id LIMIT $13 OFFSET $14) pg
		JOIN requests q ON q.id = pg.id
	)
	SELECT c.open, c.overdue, c.due_soon, c.cut, coalesce(p.id, 0) AS id, coalesce(p.registration_number, '') AS registration_number,
		coalesce(p.requester_name, '') AS requester_name, coalesce(p.subject, '') AS subject, coalesce(p.status, '') AS status,
		coalesce(p.channel, '') AS channel, coalesce(p.received_at, 'epoch') AS received_at, p.due_date,
		coalesce(p.clock_kind, '') AS clock_kind, p.clock_due, coalesce(un.name, '') AS unit_name, au.name AS assigned_name
	FROM c LEFT JOIN p ON true LEFT JOIN units un ON un.id = p.unit_id LEFT JOIN users au ON au.id = p.assigned_to
	ORDER BY p.clock_due, p.id`

// QueueSearchPageArgs are QueueSearchPageSQL's arguments for filter f in scope sc.
func QueueSearchPageArgs(sc access.Scope, f QueueFilter, today, soon calendar.Date) []any {
	f.Today, f.Soon = today, soon
	return append(QueueQueryArgs(sc, f), CountCap)
}

// QueuePage is a page of the filtered queue and its bounded counts: for a search one statement
// (QueueSearchPageSQL), otherwise the page and the counts, each along its index.
func (s *Store) QueuePage(ctx context.Context, sc access.Scope, f QueueFilter, today, soon calendar.Date) ([]QueueItem, QueueCounts, error) {
	if strings.TrimSpace(f.Query) == "" {
		items, err := s.Queue(ctx, sc, f)
		if err != nil {
			return nil, QueueCounts{}, err
		}
		counts, err := s.CountQueue(ctx, sc, f, today, soon)
		return items, counts, err
	}
	rows, err := s.db.QueryContext(ctx, QueueSearchPageSQL, QueueSearchPageArgs(sc, f, today, soon)...)
	if err != nil {
		return nil, QueueCounts{}, fmt.Errorf("store: unable to search queue: %w", err)
	}
	defer rows.Close()
	items := make([]QueueItem, 0, min(max(f.Limit, 1), 1000))
	var counts QueueCounts
	var it QueueItem
	dest := make([]any, 0, 16)
	for rows.Next() {
		it = QueueItem{}
		if err := rows.Scan(queueItemDest(&it, append(dest[:0], &counts.Open, &counts.Overdue, &counts.DueSoon, &counts.Cut))...); err != nil {
			return nil, QueueCounts{}, fmt.Errorf("store: unable to read queue search row: %w", err)
		}
		if it.ID != 0 { // the one row of a search without matches carries only the counts
			items = append(items, it)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, QueueCounts{}, fmt.Errorf("store: unable to search queue: %w", err)
	}
	return items, counts, nil
}

// QueueChoices are what the queue's filters offer, in one round trip: every unit when the scope
// is everything (none otherwise: a PPID Pelaksana sees one unit), and the active accounts that
// handle cases within the scope, for the officer filter and the bulk assignment.
func (s *Store) QueueChoices(ctx context.Context, sc access.Scope) ([]Unit, []User, error) {
	var rows []struct {
		Kind string `db:"kind"`
		ID   int64  `db:"id"`
		Name string `db:"name"`
	}
	err := s.db.SelectContext(ctx, &rows, `
		SELECT kind, id, name FROM (
			SELECT 'unit' AS kind, id, name, (kind = 'pelaksana')::int AS rank FROM units WHERE $1
			UNION ALL
			SELECT 'officer', id, name, 2 FROM users WHERE active AND role IN ('petugas', 'ppid') AND `+inScope("users", 1)+`
		) c ORDER BY rank, lower(name), id`, scoped(sc)...)
	if err != nil {
		return nil, nil, fmt.Errorf("store: unable to fetch queue choices: %w", err)
	}
	var units []Unit
	var officers []User
	for _, r := range rows {
		if r.Kind == "unit" {
			units = append(units, Unit{ID: r.ID, Name: r.Name})
		} else {
			officers = append(officers, User{ID: r.ID, Name: r.Name})
		}
	}
	return units, officers, nil
}
