package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/notify"
	"github.com/terbuka-id/terbuka/internal/stem"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// NewRequest is everything the intake statement writes. The registration number is built in
// SQL from NumberPrefix, the gapless sequence padded to NumberWidth, and NumberSuffix.
type NewRequest struct {
	Year         int
	NumberPrefix string
	NumberWidth  int
	NumberSuffix string

	TrackingCodeHash []byte
	Channel          string
	RequesterKind    string
	RequesterName    string
	NIKSealed        []byte
	NIKLookup        []byte
	EntitySKNumber   sql.NullString
	Address          string
	Phone            string
	Email            string
	Occupation       string
	Information      string
	Purpose          string
	ObtainMethod     string
	DeliveryMethod   string
	PublishConsent   bool
	ReceivedAt       time.Time
	CountingFrom     calendar.Date
	ResponseDue      calendar.Date
	RegisteredBy     sql.NullInt64
	ActorLabel       string
	EventNote        string

	// Accessibility: the accessible forms asked for (Perki 1/2021 Pasal 24) and the "other" text.
	Accessibility     pq.StringArray
	AccessibilityNote string
	// Identity, when set, is the requester's identity document, already sealed.
	Identity *NewIdentityDocument

	// Mail, when set, is queued in the outbox; the data gains "registration_number".
	Mail *Mail
	// MailCap, when its Kind is set, queues Mail only while fewer than Limit events of the key
	// happened after Since, and records one at At when it does: the receipt limit per address.
	MailCap MailCap
	// Officers, when set, tells the officers of the unit the request lands in (not RegisteredBy):
	// its e-mails and webhook delivery are queued by the same statement as the request.
	Officers *NewRequestNotice
}

// NewRequestNotice is the officers' notice of a new request; the statement adds the registration
// number, unit and case URL to Data, and the case id, number and unit to Webhook.
type NewRequestNotice struct {
	Template string
	Data     map[string]any
	BaseURL  string
	Webhook  *notify.Event
}

// MailCap bounds the mails of one key (a throttle kind and subject) within a window.
type MailCap struct {
	ThrottleKey
	Limit int
	Since time.Time
	At    time.Time
}

// Mail is one outgoing e-mail, rendered from its template when it is sent.
type Mail struct {
	Template  string
	Recipient string
	Data      map[string]any // never a secret: the admin outbox shows it and every backup holds it
	// Secrets is what the mail must say that acts as someone (a tracking code), sealed by
	// mailtext.SealSecrets with the data key, as the NIK is: the store never sees it in clear.
	Secrets []byte
}

// Registered is what the intake statement returns.
type Registered struct {
	ID                 int64  `db:"id"`
	RegistrationNumber string `db:"registration_number"`
	MailQueued         bool   `db:"mail_queued"` // false without Mail, or when MailCap held it back
}

// insertRequestSQL is the whole intake transaction in one statement, so one round trip:
// counter, request, its first event and its receipt e-mail commit or fail together, and a
// failure rolls the counter back, so numbers stay gapless (UU 14/2008 Pasal 22(4)). The cap on
// the receipt mail is decided in the same statement, and the answer says what it decided.
var insertRequestSQL = `
WITH counter AS (
	INSERT INTO registration_counters AS c (year, last_seq) VALUES ($1, 1)
	ON CONFLICT (year) DO UPDATE SET last_seq = c.last_seq + 1
	RETURNING last_seq
), req AS (
	INSERT INTO requests (reg_year, reg_seq, registration_number, tracking_code_hash, channel,
		requester_kind, requester_name, nik_sealed, nik_lookup, entity_sk_number, address, phone,
		email, occupation, information, purpose, obtain_method, delivery_method, publish_consent,
		received_at, counting_from, response_due, due_date, registered_by, accessibility, accessibility_note, public_pii, information_roots)
	SELECT $1, last_seq, $2 || lpad(last_seq::text, greatest($3, length(last_seq::text)), '0') || $4,
		$5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $23, $24, $36, $37, $47::jsonb, $48
	FROM counter
	RETURNING id, registration_number, unit_id
), event AS (
	INSERT INTO request_events (request_id, at, actor_id, actor_label, kind, to_status, note, public)
	SELECT id, $21, $24, $25, 'received', 'diterima', $26, true FROM req
), mail AS (
	INSERT INTO outbox (template, recipient, data, request_id, secrets)
	SELECT $27, $28, $29::jsonb || jsonb_build_object('registration_number', registration_number), id, $35
	FROM req WHERE $27 <> '' AND ($30 = '' OR (
		SELECT count(*) FROM (SELECT 1 FROM throttle_events WHERE kind = $30 AND subject = $31 AND at > $33
			LIMIT $32) recent) < $32)
	RETURNING id
), mail_hit AS (
	INSERT INTO throttle_events (kind, subject, at) SELECT $30, $31, $34 FROM mail WHERE $30 <> ''
), identity AS (
	INSERT INTO identity_documents (request_id, kind, content_type, size, sealed)
	SELECT id, $38, $39, $40, $41 FROM req WHERE $38 <> ''
), officers AS (
	SELECT u.email, u.name, req.id, req.registration_number, un.name AS unit_name
	FROM req JOIN units un ON un.id = req.unit_id
	JOIN users u ON $42::text <> '' AND ` + officerRecipientsSQL("req.unit_id", "NULL::bigint", "$43", "'unit'", "$24", "'new_request'") + `
), officer_mail AS (
	INSERT INTO outbox (template, recipient, data, request_id)
	SELECT $42, email, $44::jsonb || jsonb_build_object('name', name, 'registration_number', registration_number,
		'unit', unit_name, 'case_url', $46 || '/kantor/permohonan/' || id), id
	FROM officers
), officer_hook AS (
	INSERT INTO outbox (channel, template, recipient, data, request_id)
	SELECT 'webhook', 'new_request', 'webhook', nullif($45::text, '')::jsonb || jsonb_build_object('case_id', req.id,
		'registration_number', req.registration_number, 'unit', (SELECT name FROM units WHERE id = req.unit_id)), req.id
	FROM req WHERE $45::text <> ''
)
SELECT id, registration_number, EXISTS (SELECT 1 FROM mail) AS mail_queued FROM req`

// InsertRequestSQL is exported for the benchmark's raw-PostgreSQL baseline, which must issue
// exactly what the application issues.
var InsertRequestSQL = insertRequestSQL

// InsertRequest registers a request, numbering it inside the same statement.
func (s *Store) InsertRequest(ctx context.Context, r NewRequest) (Registered, error) {
	args, err := r.Args()
	if err != nil {
		return Registered{}, err
	}
	return s.insertGrouped(ctx, args)
}

// Args are the positional parameters of InsertRequestSQL.
func (r NewRequest) Args() ([]any, error) {
	mailTemplate, recipient, data, secrets := "", "", []byte("{}"), []byte(nil)
	if r.Mail != nil {
		var err error
		if data, err = json.Marshal(r.Mail.Data); err != nil {
			return nil, fmt.Errorf("store: unable to encode mail data: %w", err)
		}
		mailTemplate, recipient, secrets = r.Mail.Template, r.Mail.Recipient, r.Mail.Secrets
	}
	id := NewIdentityDocument{Sealed: []byte{}}
	if r.Identity != nil {
		id = *r.Identity
	}
	accessibility := r.Accessibility
	if accessibility == nil {
		accessibility = pq.StringArray{} // the column is NOT NULL; none asked for is the empty list
	}
	officerTemplate, officerData, hook, baseURL := "", []byte("{}"), "", ""
	if n := r.Officers; n != nil {
		var err error
		if officerData, err = json.Marshal(n.Data); err != nil {
			return nil, fmt.Errorf("store: unable to encode mail data: %w", err)
		}
		officerTemplate, baseURL = n.Template, n.BaseURL
		if n.Webhook != nil {
			b, err := json.Marshal(n.Webhook)
			if err != nil {
				return nil, fmt.Errorf("store: unable to encode webhook event: %w", err)
			}
			hook = string(b)
		}
	}
	return []any{
		r.Year, r.NumberPrefix, r.NumberWidth, r.NumberSuffix,
		r.TrackingCodeHash, r.Channel, r.RequesterKind, r.RequesterName, r.NIKSealed, r.NIKLookup,
		r.EntitySKNumber, r.Address, r.Phone, r.Email, r.Occupation, r.Information, r.Purpose,
		r.ObtainMethod, r.DeliveryMethod, r.PublishConsent, r.ReceivedAt, r.CountingFrom, r.ResponseDue,
		r.RegisteredBy, r.ActorLabel, r.EventNote, mailTemplate, recipient, string(data),
		r.MailCap.Kind, r.MailCap.Subject, r.MailCap.Limit, r.MailCap.Since, r.MailCap.At, secrets,
		accessibility, r.AccessibilityNote,
		id.Kind, id.ContentType, id.Size, id.Sealed,
		officerTemplate, viewRolesArg(), string(officerData), hook, baseURL,
		string(RequestTextFindings(r.Information, r.RequesterName)), stem.Roots(r.Information, maxRootText),
	}, nil
}

// Request is a stored request with every field an officer may see.
type Request struct {
	ID                 int64          `db:"id"`
	RegistrationNumber string         `db:"registration_number"`
	Channel            string         `db:"channel"`
	Status             string         `db:"status"`
	RequesterKind      string         `db:"requester_kind"`
	RequesterName      string         `db:"requester_name"`
	NIKSealed          []byte         `db:"nik_sealed"`
	EntitySKNumber     sql.NullString `db:"entity_sk_number"`
	Address            string         `db:"address"`
	Phone              string         `db:"phone"`
	Email              string         `db:"email"`
	Occupation         string         `db:"occupation"`
	Information        string         `db:"information"`
	Purpose            string         `db:"purpose"`
	ObtainMethod       string         `db:"obtain_method"`
	DeliveryMethod     string         `db:"delivery_method"`
	PublishConsent     bool           `db:"publish_consent"`
	Accessibility      pq.StringArray `db:"accessibility"`
	AccessibilityNote  string         `db:"accessibility_note"`
	IdentityVerifiedAt sql.NullTime   `db:"identity_verified_at"`
	ReceivedAt         time.Time      `db:"received_at"`
	CountingFrom       calendar.Date  `db:"counting_from"`
	ResponseDue        calendar.Date  `db:"response_due"`
	DueDate            calendar.Date  `db:"due_date"`
	ClosedAt           sql.NullTime   `db:"closed_at"`
	RegisteredBy       sql.NullInt64  `db:"registered_by"`
	UnitID             int64          `db:"unit_id"`
	UnitName           string         `db:"unit_name"`
	AssignedTo         sql.NullInt64  `db:"assigned_to"`
	AssignedName       sql.NullString `db:"assigned_name"`
	ExtendedDue        calendar.Date  `db:"extended_due"`
	ExtensionReason    sql.NullString `db:"extension_reason"`
	Decision           sql.NullString `db:"decision"`
	NoticeAt           sql.NullTime   `db:"notice_at"`
	NoticeLate         sql.NullBool   `db:"notice_late"`
	DeliveredAt        sql.NullTime   `db:"delivered_at"`
	DocumentationDue   calendar.Date  `db:"documentation_due"`
	CostTotal          int64          `db:"cost_total"`
	PaidOn             calendar.Date  `db:"paid_on"`
	PaymentReceipt     string         `db:"payment_receipt"`
	Version            int            `db:"version"`
	LastObjectionAt    sql.NullTime   `db:"last_objection_at"`
	ObjectionOpen      bool           `db:"objection_open"` // an objection waits for the atasan's answer
	HasDispute         bool           `db:"has_dispute"`
	// The latest written notice's letter: when it was sent and received (Pasal 36(1) counts from receipt).
	NoticeSentAt     sql.NullTime  `db:"notice_sent_at"`
	NoticeReceivedOn calendar.Date `db:"notice_received_on"`
	// DeliveryDue is the delivery day the latest notice promised; zero when it named none (Pasal 35(1) g).
	DeliveryDue calendar.Date `db:"delivery_due"`
}

var requestColumns = `r.id, r.registration_number, r.channel, r.status, r.requester_kind, r.requester_name,
	r.nik_sealed, r.entity_sk_number, r.address, r.phone, r.email, r.occupation, r.information, r.purpose,
	r.obtain_method, r.delivery_method, r.publish_consent, r.accessibility, r.accessibility_note, r.identity_verified_at, r.received_at, r.counting_from, r.response_due,
	r.due_date, r.closed_at, r.registered_by, r.unit_id, un.name AS unit_name, r.assigned_to,
	au.name AS assigned_name, r.extended_due, r.extension_reason, r.decision, r.notice_at, r.notice_late,
	r.delivered_at, r.documentation_due, r.cost_total, r.paid_on, r.payment_receipt, r.version,
	(SELECT max(o.received_at) FROM objections o WHERE o.request_id = r.id) AS last_objection_at,
	EXISTS (SELECT 1 FROM objections o WHERE o.request_id = r.id AND o.status IN ` + sqlList([]string{workflow.ObjectionOpen}) + `) AS objection_open,
	EXISTS (SELECT 1 FROM disputes d WHERE d.request_id = r.id) AS has_dispute,
	(SELECT l.sent_at FROM letters l WHERE l.request_id = r.id AND l.kind = 'pemberitahuan' ORDER BY l.id DESC LIMIT 1) AS notice_sent_at,
	(SELECT l.received_on FROM letters l WHERE l.request_id = r.id AND l.kind = 'pemberitahuan' ORDER BY l.id DESC LIMIT 1) AS notice_received_on,
	(SELECT d.delivery_due FROM decisions d WHERE d.request_id = r.id ORDER BY d.id DESC LIMIT 1) AS delivery_due`

const requestFrom = ` FROM requests r JOIN units un ON un.id = r.unit_id LEFT JOIN users au ON au.id = r.assigned_to `

// RequestByID is for officers, who address cases by internal id behind login; a case outside
// the scope is ErrNotFound.
func (s *Store) RequestByID(ctx context.Context, sc access.Scope, id int64) (*Request, error) {
	return s.getRequest(ctx, `SELECT `+requestColumns+requestFrom+`WHERE r.id = $1 AND `+inScope("r", 2), scoped(sc, id)...)
}

// TrackRequest finds a request only when number and tracking code hash both match, so a wrong
// pair and an unknown number are indistinguishable. An anonymised request is not found: its
// letters carry the requester's identity and stay in the office's archive, for officers only
// (UU 27/2022: the purpose of the requester's access has ended with the retention period).
func (s *Store) TrackRequest(ctx context.Context, number string, codeHash []byte) (*Request, error) {
	return s.getRequest(ctx, `SELECT `+requestColumns+requestFrom+`
		WHERE r.registration_number = $1 AND r.tracking_code_hash = $2 AND r.anonymised_at IS NULL`, number, codeHash)
}

func (s *Store) getRequest(ctx context.Context, query string, args ...any) (*Request, error) {
	var r Request
	err := s.db.GetContext(ctx, &r, query, args...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch request: %w", err)
	}
	return &r, nil
}

// Event is one row of a case's append-only history.
type Event struct {
	ID         int64          `db:"id"`
	At         time.Time      `db:"at"`
	ActorLabel string         `db:"actor_label"`
	Kind       string         `db:"kind"`
	FromStatus sql.NullString `db:"from_status"`
	ToStatus   sql.NullString `db:"to_status"`
	Note       string         `db:"note"`
	Public     bool           `db:"public"`
}

// Events lists a request's history, oldest first; publicOnly hides internal notes from citizens.
func (s *Store) Events(ctx context.Context, requestID int64, publicOnly bool) ([]Event, error) {
	var events []Event
	err := s.db.SelectContext(ctx, &events, `
		SELECT id, at, actor_label, kind, from_status, to_status, note, public
		FROM request_events WHERE request_id = $1 AND (public OR NOT $2)
		ORDER BY id`, requestID, publicOnly)
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch events: %w", err)
	}
	return events, nil
}

// OutboxFor lists the mails queued for a request, oldest first.
func (s *Store) OutboxFor(ctx context.Context, requestID int64) ([]Mail, error) {
	var rows []struct {
		Template  string `db:"template"`
		Recipient string `db:"recipient"`
		Data      []byte `db:"data"`
	}
	if err := s.db.SelectContext(ctx, &rows, `SELECT template, recipient, data FROM outbox WHERE request_id = $1 ORDER BY id`, requestID); err != nil {
		return nil, fmt.Errorf("store: unable to fetch outbox: %w", err)
	}
	mails := make([]Mail, len(rows))
	for i, r := range rows {
		mails[i] = Mail{Template: r.Template, Recipient: r.Recipient}
		if err := json.Unmarshal(r.Data, &mails[i].Data); err != nil {
			return nil, fmt.Errorf("store: unable to decode mail data: %w", err)
		}
	}
	return mails, nil
}

// CountRequests counts every request ever registered.
func (s *Store) CountRequests(ctx context.Context) (int, error) {
	var n int
	if err := s.db.GetContext(ctx, &n, `SELECT count(*) FROM requests`); err != nil {
		return 0, fmt.Errorf("store: unable to count requests: %w", err)
	}
	return n, nil
}
