package store

import (
	"context"
	"fmt"

	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
)

// An imported request whose due date had passed before the import never went through the deadline
// watch's overdue moment in time, so its requester may never have heard that they can object
// (UU 14/2008 Pasal 35(1) huruf c). The PPID tells them with one keyed notice per case:
//
//	request:<id>:overdue:<due_date>  when the deadline watch has not yet reached the case: the watch's
//	                                 own key, so the watch and the PPID can never both tell the requester
//	request:<id>:backlog             when the watch already did, without telling the requester
//	                                 (the window had closed, or there was no e-mail address then)

// Templates of the mails that tell a requester their request was not answered in time.
const (
	TemplateOverdueRequester         = "overdue_requester"          // the deadline watch's
	TemplateImportedOverdueRequester = "imported_overdue_requester" // the PPID's, for imported cases
)

// BacklogCase is an imported request still without a written notice whose due date had passed
// when it was imported.
type BacklogCase struct {
	ID                 int64         `db:"id"`
	RegistrationNumber string        `db:"registration_number"`
	RequesterName      string        `db:"requester_name"`
	Email              string        `db:"email"`
	Status             string        `db:"status"`
	ReceivedAt         calendar.Date `db:"received_on"`
	DueDate            calendar.Date `db:"due_date"`
	UnitName           string        `db:"unit_name"`
	// Told: a mail telling the requester of the lapse was queued (by the deadline watch or the PPID).
	Told bool `db:"told"`
	// Key is the notice key that telling the requester now takes; Kind is "overdue" when it is
	// the deadline watch's own key, "backlog" otherwise.
	Key  string `db:"key"`
	Kind string `db:"kind"`
}

// backlogSelect: $1 the office time zone, $2 the statuses of a pending case, the scope from $3;
// %s an extra condition.
var backlogSelect = `
	SELECT r.id, r.registration_number, r.requester_name, r.email, r.status, r.due_date,
		(r.received_at AT TIME ZONE $1)::date AS received_on,
		coalesce((SELECT u.name FROM units u WHERE u.id = r.unit_id), '') AS unit_name,
		(EXISTS (SELECT 1 FROM outbox m WHERE m.request_id = r.id AND m.template IN ('` + TemplateOverdueRequester + `', '` + TemplateImportedOverdueRequester + `'))
			OR EXISTS (SELECT 1 FROM case_notices c WHERE c.key = 'request:' || r.id || ':backlog')) AS told,
		CASE WHEN k.watched THEN 'request:' || r.id || ':backlog' ELSE k.overdue END AS key,
		CASE WHEN k.watched THEN 'backlog' ELSE 'overdue' END AS kind
	FROM requests r
	CROSS JOIN LATERAL (SELECT 'request:' || r.id || ':overdue:' || ` + dueText + ` AS overdue) o
	CROSS JOIN LATERAL (SELECT o.overdue,
		EXISTS (SELECT 1 FROM case_notices c WHERE c.key = o.overdue) AS watched) k
	WHERE ` + backlogWhere + ` %s
	ORDER BY r.due_date, r.id`

// backlogWhere picks the imported cases that were already overdue on the day of their import and
// have neither a written notice nor an objection since.
var backlogWhere = `r.closed_at IS NULL AND r.notice_at IS NULL AND r.status = ANY($2::text[]) AND r.anonymised_at IS NULL
		AND EXISTS (SELECT 1 FROM request_events e WHERE e.request_id = r.id AND e.kind = 'imported'
			AND r.due_date < (e.at AT TIME ZONE $1)::date)
		AND NOT EXISTS (SELECT 1 FROM objections ob WHERE ob.request_id = r.id)
		AND ` + inScope("r", 3)

// ImportBacklog lists the imported cases within sc that were overdue when imported and still have
// no written notice, earliest due date first. timezone is the office's (an IANA name).
func (s *Store) ImportBacklog(ctx context.Context, sc access.Scope, timezone string, pending []string) ([]BacklogCase, error) {
	var cs []BacklogCase
	if err := s.db.SelectContext(ctx, &cs, fmt.Sprintf(backlogSelect, ""),
		scoped(sc, timezone, pqStrings(pending))...); err != nil {
		return nil, fmt.Errorf("store: unable to fetch the import backlog: %w", err)
	}
	return cs, nil
}

// LockImportBacklog is ImportBacklog inside a notice transaction: it first locks the cases (waiting
// for a case step or a deadline watch run holding one), then reads them afresh, so what it says of
// each — told or not, and the key to take — includes whatever committed while it waited.
func (t *NoticeTx) LockImportBacklog(ctx context.Context, sc access.Scope, timezone string, pending []string) ([]BacklogCase, error) {
	var ids []int64
	// In id order, so two PPIDs pressing at once take the locks in the same order.
	if err := t.tx.SelectContext(ctx, &ids, `SELECT r.id FROM requests r WHERE `+backlogWhere+` ORDER BY r.id FOR NO KEY UPDATE OF r`,
		scoped(sc, timezone, pqStrings(pending))...); err != nil {
		return nil, fmt.Errorf("store: unable to lock the import backlog: %w", err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	var cs []BacklogCase
	// A new statement sees what committed while the locks were awaited.
	if err := t.tx.SelectContext(ctx, &cs, fmt.Sprintf(backlogSelect, "AND r.id = ANY($5::bigint[])"),
		append(scoped(sc, timezone, pqStrings(pending)), pq.Int64Array(ids))...); err != nil {
		return nil, fmt.Errorf("store: unable to fetch the import backlog: %w", err)
	}
	return cs, nil
}
