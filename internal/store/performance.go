package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
)

// The yearly performance evaluation: per unit and per officer, the figures a superior reads
// from the register (cases handled, notices on time, extensions, objections and disputes lost).
// Every figure is counted in SQL within the reader's scope. A case is the officer's who gave
// its first written notice, or, before one, the officer it is assigned to; an extension is the
// officer's who recorded it (request_events); an objection or a dispute is held against the
// officer who decided the notice in force when it was filed.

// EvaluationRow is one unit's (OfficerID invalid) or one officer's figures of a year.
type EvaluationRow struct {
	UnitID            sql.NullInt64  `db:"unit_id"`
	UnitName          sql.NullString `db:"unit_name"`
	OfficerID         sql.NullInt64  `db:"officer_id"`
	OfficerName       sql.NullString `db:"officer_name"`
	OfficerRole       sql.NullString `db:"officer_role"`
	Handled           int            `db:"handled"`
	NoticesOnTime     int            `db:"on_time"`
	NoticesLate       int            `db:"late"`
	OverdueUnanswered int            `db:"overdue_unanswered"`
	Extensions        int            `db:"extensions"`
	OverdueNow        int            `db:"overdue_now"`
	Objections        int            `db:"objections"`
	Overturned        int            `db:"overturned"`
	DisputesLost      int            `db:"disputes_lost"`
	// NoticeDays pairs D0 and the first notice's date with their count, for the median working days.
	NoticeDays []NoticeDays `db:"-"`
	RawDays    []byte       `db:"notice_days"`
}

// evaluationSQL: $1 year, $2 time zone, $3 today, $4 one officer (0: everyone), $5 and $6 the
// year's bounds in office time, $7 and $8 as dates, then the scope ($9, $10).
var evaluationSQL = `
	WITH cohort AS MATERIALIZED (
		SELECT r.id, r.unit_id, r.status, r.due_date, r.counting_from, r.assigned_to, r.extended_due IS NOT NULL AS extended,
			fd.kind, fd.late, fd.decided_by, (fd.notice_at AT TIME ZONE $2)::date AS notice_on,
			CASE WHEN r.extended_due IS NOT NULL THEN (SELECT e.actor_id FROM request_events e
				WHERE e.request_id = r.id AND e.kind = 'extended' ORDER BY e.id LIMIT 1) END AS extended_by
		FROM requests r
		LEFT JOIN LATERAL (
			SELECT d.kind, d.late, d.decided_by, d.notice_at FROM decisions d WHERE d.request_id = r.id ORDER BY d.id LIMIT 1
		) fd ON true
		WHERE r.reg_year = $1 AND ` + inScope("r", 9) + `
	), facts AS (
		SELECT unit_id, coalesce(decided_by, assigned_to) AS officer_id, 1 AS handled,
			(kind IS NOT NULL AND NOT late)::int AS on_time, (kind IS NOT NULL AND late)::int AS late,
			(kind IS NULL AND status IN ` + pendingStatuses + ` AND due_date < $3)::int AS overdue_unanswered,
			0 AS extensions, 0 AS overdue_now, 0 AS objections, 0 AS overturned, 0 AS disputes_lost,
			CASE WHEN kind IS NOT NULL THEN counting_from END AS counting_from, notice_on
		FROM cohort
		UNION ALL
		SELECT unit_id, extended_by, 0, 0, 0, 0, 1, 0, 0, 0, 0, NULL, NULL FROM cohort WHERE extended
		UNION ALL
		-- Overdue now: every open request still without a notice past its due date, whatever its year.
		SELECT r.unit_id, r.assigned_to, 0, 0, 0, 0, 0, 1, 0, 0, 0, NULL, NULL
		FROM requests r
		WHERE r.closed_at IS NULL AND r.status IN ` + pendingStatuses + ` AND r.due_date < $3 AND $1 = extract(year FROM $3::date)
			AND ` + inScope("r", 9) + `
		UNION ALL
		SELECT r.unit_id, dd.decided_by, 0, 0, 0, 0, 0, 0, 1, (o.status = 'dibatalkan')::int, 0, NULL, NULL
		FROM objections o
		JOIN requests r ON r.id = o.request_id
		LEFT JOIN LATERAL (
			SELECT d.decided_by FROM decisions d WHERE d.request_id = o.request_id AND d.notice_at <= o.received_at ORDER BY d.id DESC LIMIT 1
		) dd ON true
		WHERE o.received_at >= $5 AND o.received_at < $6 AND ` + inScope("r", 9) + `
		UNION ALL
		-- A dispute is lost when the Komisi Informasi ordered the information opened.
		SELECT r.unit_id, dd.decided_by, 0, 0, 0, 0, 0, 0, 0, 0, (k.ruling_code = 'dibuka')::int, NULL, NULL
		FROM disputes k
		JOIN requests r ON r.id = k.request_id
		LEFT JOIN LATERAL (
			SELECT d.decided_by FROM decisions d WHERE d.request_id = k.request_id AND (d.notice_at AT TIME ZONE $2)::date <= k.ki_received
			ORDER BY d.id DESC LIMIT 1
		) dd ON true
		WHERE k.ki_received >= $7 AND k.ki_received < $8 AND ` + inScope("r", 9) + `
	), days AS (
		SELECT unit_id, officer_id, counting_from, notice_on, count(*) AS n
		FROM facts WHERE notice_on IS NOT NULL
		GROUP BY GROUPING SETS ((unit_id, counting_from, notice_on), (officer_id, counting_from, notice_on))
	), sums AS (
		SELECT unit_id, officer_id, GROUPING(unit_id) AS by_officer,
			sum(handled)::int AS handled, sum(on_time)::int AS on_time, sum(late)::int AS late,
			sum(overdue_unanswered)::int AS overdue_unanswered, sum(extensions)::int AS extensions,
			sum(overdue_now)::int AS overdue_now, sum(objections)::int AS objections, sum(overturned)::int AS overturned,
			sum(disputes_lost)::int AS disputes_lost
		FROM facts
		WHERE $4 <= 0 OR officer_id = $4
		GROUP BY GROUPING SETS ((unit_id), (officer_id))
	)
	SELECT CASE WHEN s.by_officer = 0 THEN s.unit_id END AS unit_id, un.name AS unit_name,
		CASE WHEN s.by_officer = 1 THEN s.officer_id END AS officer_id, u.name AS officer_name, u.role AS officer_role,
		s.handled, s.on_time, s.late, s.overdue_unanswered, s.extensions, s.overdue_now, s.objections, s.overturned, s.disputes_lost,
		coalesce((SELECT json_agg(json_build_object('counting_from', d.counting_from, 'notice_on', d.notice_on, 'n', d.n))
			FROM days d WHERE (s.by_officer = 0 AND d.unit_id = s.unit_id AND d.officer_id IS NULL)
				OR (s.by_officer = 1 AND d.officer_id = s.officer_id AND d.unit_id IS NULL)), '[]') AS notice_days
	FROM sums s
	LEFT JOIN units un ON s.by_officer = 0 AND un.id = s.unit_id
	LEFT JOIN users u ON s.by_officer = 1 AND u.id = s.officer_id
	WHERE (s.by_officer = 0 AND $4 <= 0) OR (s.by_officer = 1 AND s.officer_id IS NOT NULL AND $4 >= 0)
	ORDER BY s.by_officer, un.name, u.name, s.officer_id`

// EvaluationUnitsOnly as Evaluation's officerID reads the units' rows and no officer's: the public table.
const EvaluationUnitsOnly = -1

// Evaluation counts year's figures per unit and per officer within the scope; with officerID
// set, only that officer's own row; with EvaluationUnitsOnly, only the units'. loc is the office time zone, today decides what is overdue.
func (s *Store) Evaluation(ctx context.Context, sc access.Scope, year int, officerID int64, loc *time.Location, today calendar.Date) ([]EvaluationRow, error) {
	start, end := time.Date(year, 1, 1, 0, 0, 0, 0, loc), time.Date(year+1, 1, 1, 0, 0, 0, 0, loc)
	var rows []EvaluationRow
	err := s.withTx(ctx, func(tx *sqlx.Tx) error {
		// As for the statistics: compiling this one-off aggregate costs more than running it.
		if _, err := tx.ExecContext(ctx, `SET LOCAL jit = off`); err != nil {
			return err
		}
		return tx.SelectContext(ctx, &rows, evaluationSQL, scoped(sc, year, loc.String(), today, officerID, start, end,
			calendar.NewDate(year, 1, 1), calendar.NewDate(year+1, 1, 1))...)
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to compute the evaluation: %w", err)
	}
	for i := range rows {
		if err := json.Unmarshal(rows[i].RawDays, &rows[i].NoticeDays); err != nil {
			return nil, fmt.Errorf("store: unable to decode the evaluation: %w", err)
		}
		rows[i].RawDays = nil
	}
	return rows, nil
}

// ReportCounts are the annual report's figures the statistics do not hold: requests by channel
// and requester kind, extensions, the disputes' course and court cases, and published documents
// per DIP category. The cohort is the statistics': requests registered in the year.
type ReportCounts struct {
	ByChannel       map[string]int `json:"by_channel"`
	ByRequesterKind map[string]int `json:"by_requester_kind"`
	Extensions      int            `json:"extensions"`
	Mediation       int            `json:"mediation"`    // disputes with a mediation date
	Adjudication    int            `json:"adjudication"` // disputes with an adjudication date
	EndedBy         map[string]int `json:"ended_by"`     // outcome_kind: mediasi | ajudikasi
	Rulings         map[string]int `json:"rulings"`      // ruling_code: dibuka | dikecualikan
	CourtCases      int            `json:"court_cases"`
	CourtDecided    int            `json:"court_decided"`
	Documents       map[string]int `json:"documents"` // published in the year, by category
}

// reportCountsSQL: $1 year, $2 and $3 the year's bounds as dates, $4 and $5 as office-time instants.
const reportCountsSQL = `
	SELECT
		(SELECT coalesce(json_object_agg(channel, n), '{}') FROM
			(SELECT channel, count(*) AS n FROM requests WHERE reg_year = $1 GROUP BY channel) c) AS by_channel,
		(SELECT coalesce(json_object_agg(requester_kind, n), '{}') FROM
			(SELECT requester_kind, count(*) AS n FROM requests WHERE reg_year = $1 GROUP BY requester_kind) k) AS by_kind,
		(SELECT count(*) FROM requests WHERE reg_year = $1 AND extended_due IS NOT NULL) AS extensions,
		(SELECT json_build_object('mediation', count(*) FILTER (WHERE mediation_date IS NOT NULL),
			'adjudication', count(*) FILTER (WHERE adjudication_date IS NOT NULL),
			'court_cases', count(*) FILTER (WHERE court_case <> ''),
			'court_decided', count(*) FILTER (WHERE court_case <> '' AND court_outcome <> ''))
			FROM disputes WHERE ki_received >= $2 AND ki_received < $3) AS disputes,
		(SELECT coalesce(json_object_agg(outcome_kind, n), '{}') FROM
			(SELECT outcome_kind, count(*) AS n FROM disputes WHERE ki_received >= $2 AND ki_received < $3 AND outcome_kind IS NOT NULL
			GROUP BY outcome_kind) o) AS ended_by,
		(SELECT coalesce(json_object_agg(ruling_code, n), '{}') FROM
			(SELECT ruling_code, count(*) AS n FROM disputes WHERE ki_received >= $2 AND ki_received < $3 AND ruling_code <> ''
			GROUP BY ruling_code) g) AS rulings,
		(SELECT coalesce(json_object_agg(category, n), '{}') FROM
			(SELECT category, count(*) AS n FROM publications WHERE status = 'published' AND published_at >= $4 AND published_at < $5
			GROUP BY category) p) AS documents`

// ReportCounts counts year for the annual report; loc is the office time zone.
func (s *Store) ReportCounts(ctx context.Context, year int, loc *time.Location) (*ReportCounts, error) {
	var row struct {
		ByChannel  []byte `db:"by_channel"`
		ByKind     []byte `db:"by_kind"`
		Extensions int    `db:"extensions"`
		Disputes   []byte `db:"disputes"`
		EndedBy    []byte `db:"ended_by"`
		Rulings    []byte `db:"rulings"`
		Documents  []byte `db:"documents"`
	}
	err := s.db.GetContext(ctx, &row, reportCountsSQL, year, calendar.NewDate(year, 1, 1), calendar.NewDate(year+1, 1, 1),
		time.Date(year, 1, 1, 0, 0, 0, 0, loc), time.Date(year+1, 1, 1, 0, 0, 0, 0, loc))
	if err != nil {
		return nil, fmt.Errorf("store: unable to count the report's figures: %w", err)
	}
	rc := &ReportCounts{Extensions: row.Extensions}
	var disputes struct {
		Mediation    int `json:"mediation"`
		Adjudication int `json:"adjudication"`
		CourtCases   int `json:"court_cases"`
		CourtDecided int `json:"court_decided"`
	}
	for _, part := range []struct {
		raw []byte
		v   any
	}{{row.ByChannel, &rc.ByChannel}, {row.ByKind, &rc.ByRequesterKind}, {row.Disputes, &disputes},
		{row.EndedBy, &rc.EndedBy}, {row.Rulings, &rc.Rulings}, {row.Documents, &rc.Documents}} {
		if err := json.Unmarshal(part.raw, part.v); err != nil {
			return nil, fmt.Errorf("store: unable to decode the report's figures: %w", err)
		}
	}
	rc.Mediation, rc.Adjudication, rc.CourtCases, rc.CourtDecided = disputes.Mediation, disputes.Adjudication,
		disputes.CourtCases, disputes.CourtDecided
	return rc, nil
}
