package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/notify"
)

// Audiences of an officer notice besides AudienceAtasan (the atasan PPID over the case's unit).
const (
	AudienceUnit     = "unit"     // every officer who may view the case's unit
	AudienceAssigned = "assigned" // the officer the case is assigned to
)

// OfficerNotice is a notice to officers about a case event, queued with the event it reports.
type OfficerNotice struct {
	Kind     notify.Kind // also the opt-out checked for each officer
	Template string      // the mail template; each recipient's name is added to Data
	Audience string
	// Exclude is an officer who must not hear of their own act (the desk officer who registered it).
	Exclude int64
	Data    map[string]any
	// Webhook, when set, is queued as one signed webhook delivery besides the e-mails.
	Webhook *notify.Event
}

// viewRolesArg are the roles that may view cases: a notice goes only to those who could open it.
func viewRolesArg() any {
	var rs pq.StringArray
	for _, r := range access.Holders(access.ViewCases) {
		rs = append(rs, string(r))
	}
	return rs
}

// officerRecipientsSQL picks the officers u of audience aud for a request of unit unit assigned to
// assigned, in SQL: access.ScopeOf (the PPID Utama and administrators see every unit, others their
// own), the view permission's roles, and the officer's own choice on the profile page.
func officerRecipientsSQL(unit, assigned, roles, aud, exclude, kind string) string {
	return fmt.Sprintf(`u.active AND u.email <> '' AND u.role = ANY(%[3]s::text[])
		AND (u.role = 'admin' OR u.unit_id = main_unit_id() OR u.unit_id = %[1]s)
		AND CASE %[4]s WHEN 'unit' THEN true WHEN 'atasan' THEN u.role = 'atasan' WHEN 'assigned' THEN u.id = %[2]s ELSE false END
		AND u.id IS DISTINCT FROM nullif(%[5]s::bigint, 0)
		AND NOT EXISTS (SELECT 1 FROM notice_opt_outs x WHERE x.user_id = u.id AND x.kind = %[6]s)`,
		unit, assigned, roles, aud, exclude, kind)
}

// queueOfficerNoticeSQL queues the e-mails and the webhook delivery of one notice about request
// $2. With a key ($1 not ”), a case_notices row of that key is written first and nothing is
// queued when it existed: a repeated call (a retried hook, a second instance) sends nothing twice.
var queueOfficerNoticeSQL = `
WITH notice AS (
	INSERT INTO case_notices (key, request_id, kind) SELECT $1, $2, $3 WHERE $1 <> ''
	ON CONFLICT (key) DO NOTHING RETURNING 1
), fire AS (
	SELECT 1 WHERE $1 = '' OR EXISTS (SELECT 1 FROM notice)
), staff AS (
	SELECT u.email, u.name FROM requests r JOIN users u ON ` + officerRecipientsSQL("r.unit_id", "r.assigned_to", "$4", "$5", "$6", "$3") + `
	WHERE r.id = $2 AND EXISTS (SELECT 1 FROM fire)
), mail AS (
	INSERT INTO outbox (template, recipient, data, request_id)
	SELECT $7, email, $8::jsonb || jsonb_build_object('name', name), $2 FROM staff
	RETURNING 1
), hook AS (
	INSERT INTO outbox (channel, template, recipient, data, request_id)
	SELECT 'webhook', $3, 'webhook', nullif($9::text, '')::jsonb, $2 WHERE $9::text <> '' AND EXISTS (SELECT 1 FROM fire)
	RETURNING 1
)
SELECT (SELECT count(*) FROM mail) AS mails`

func (n OfficerNotice) args(key string, requestID int64) ([]any, error) {
	data, err := encodeMailData(n.Data)
	if err != nil {
		return nil, err
	}
	hook := ""
	if n.Webhook != nil {
		b, err := json.Marshal(n.Webhook)
		if err != nil {
			return nil, fmt.Errorf("store: unable to encode webhook event: %w", err)
		}
		hook = string(b)
	}
	return []any{key, requestID, string(n.Kind), viewRolesArg(), n.Audience, n.Exclude, n.Template, string(data), hook}, nil
}

// QueueOfficerNotice queues notice n about request requestID with the step being written, so the
// notice exists exactly when the step does. It returns how many e-mails it queued.
func (t *CaseTx) QueueOfficerNotice(ctx context.Context, requestID int64, n OfficerNotice) (int, error) {
	args, err := n.args("", requestID)
	if err != nil {
		return 0, err
	}
	var mails int
	if err := t.tx.GetContext(ctx, &mails, queueOfficerNoticeSQL, args...); err != nil {
		return 0, fmt.Errorf("store: unable to queue officer notice: %w", err)
	}
	return mails, nil
}

// QueueOfficerNoticeOnce queues n unless a notice of key was queued before: for events reported
// after their own transaction, where only the key keeps a retry from sending twice.
func (s *Store) QueueOfficerNoticeOnce(ctx context.Context, key string, requestID int64, n OfficerNotice) (int, error) {
	if key == "" {
		return 0, fmt.Errorf("store: an officer notice outside its event's transaction needs a key")
	}
	args, err := n.args(key, requestID)
	if err != nil {
		return 0, err
	}
	var mails int
	if err := s.db.GetContext(ctx, &mails, queueOfficerNoticeSQL, args...); err != nil {
		return 0, fmt.Errorf("store: unable to queue officer notice: %w", err)
	}
	return mails, nil
}

// NoticeOptOuts lists the notice kinds user id turned off.
func (s *Store) NoticeOptOuts(ctx context.Context, userID int64) ([]notify.Kind, error) {
	var kinds []notify.Kind
	if err := s.db.SelectContext(ctx, &kinds, `SELECT kind FROM notice_opt_outs WHERE user_id = $1 ORDER BY kind`, userID); err != nil {
		return nil, fmt.Errorf("store: unable to fetch notice choices: %w", err)
	}
	return kinds, nil
}

// SetNoticeOptOuts makes off the exact set of kinds user id has turned off, in one statement.
func (s *Store) SetNoticeOptOuts(ctx context.Context, userID int64, off []notify.Kind) error {
	kinds := pq.StringArray{}
	for _, k := range off {
		if !k.Valid() {
			return fmt.Errorf("store: unknown notice kind %q", k)
		}
		if !slices.Contains(kinds, string(k)) {
			kinds = append(kinds, string(k))
		}
	}
	_, err := s.db.ExecContext(ctx, `
		WITH gone AS (DELETE FROM notice_opt_outs WHERE user_id = $1 AND NOT (kind = ANY($2::text[])))
		INSERT INTO notice_opt_outs (user_id, kind) SELECT $1, k FROM unnest($2::text[]) AS k
		ON CONFLICT DO NOTHING`, userID, kinds)
	if err != nil {
		return fmt.Errorf("store: unable to save notice choices: %w", err)
	}
	return nil
}
