package store

import (
	"context"
	"database/sql"
	"encoding/hex"
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

// intakeSQL is the whole intake of a batch of requests of one year in one statement, so one
// round trip: counter, requests, their first events, receipt e-mails, identity documents and
// officers' notices commit or fail together, and a failure rolls the counter back, so numbers
// stay gapless (UU 14/2008 Pasal 22(4)). $1 is a JSON array of rows (intakeRow), numbered in
// its order; $2 the year; $3 the number of rows; $4 the roles that may view cases; $5 the
// sealed identity documents, by position. A receipt mail's cap counts the address's earlier
// mails in the same batch too, and the answer says for each row what it decided. The columns'
// defaults (the PPID Utama, the clock of a new request) are given once per batch, not per row.
var intakeSQL = `
WITH input AS (
	SELECT e.ord, x.* FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(doc, ord),
	jsonb_to_record(e.doc) AS x(number_prefix text, number_width int, number_suffix text,
		tracking_code_hash bytea, channel text, requester_kind text, requester_name text,
		nik_sealed bytea, nik_lookup bytea, entity_sk_number text, address text, phone text, email text,
		occupation text, information text, purpose text, obtain_method text, delivery_method text,
		publish_consent boolean, received_at timestamptz, counting_from date, response_due date,
		registered_by bigint, actor_label text, event_note text, accessibility text[], accessibility_note text,
		public_pii jsonb, information_roots text,
		mail_template text, mail_recipient text, mail_data jsonb, mail_secrets bytea,
		cap_kind text, cap_subject text, cap_limit int, cap_since timestamptz, cap_at timestamptz,
		identity_kind text, identity_content_type text, identity_size int,
		officer_template text, officer_data jsonb, officer_hook jsonb, base_url text)
), counter AS (
	INSERT INTO registration_counters AS c (year, last_seq) VALUES ($2, $3)
	ON CONFLICT (year) DO UPDATE SET last_seq = c.last_seq + $3
	RETURNING last_seq - $3 AS base
), req AS (
	INSERT INTO requests (reg_year, reg_seq, registration_number, tracking_code_hash, channel,
		requester_kind, requester_name, nik_sealed, nik_lookup, entity_sk_number, address, phone,
		email, occupation, information, purpose, obtain_method, delivery_method, publish_consent,
		received_at, counting_from, response_due, due_date, registered_by, accessibility, accessibility_note, public_pii, information_roots,
		unit_id, clock_due, clock_kind)
	SELECT $2, n.seq, i.number_prefix || lpad(n.seq::text, greatest(i.number_width, length(n.seq::text)), '0') || i.number_suffix,
		i.tracking_code_hash, i.channel, i.requester_kind, i.requester_name, i.nik_sealed, i.nik_lookup, i.entity_sk_number,
		i.address, i.phone, i.email, i.occupation, i.information, i.purpose, i.obtain_method, i.delivery_method,
		i.publish_consent, i.received_at, i.counting_from, i.response_due, i.response_due, i.registered_by,
		i.accessibility, i.accessibility_note, i.public_pii, i.information_roots,
		main.id, i.response_due, 'response'
	FROM input i CROSS JOIN (SELECT main_unit_id() AS id) main CROSS JOIN counter CROSS JOIN LATERAL (SELECT counter.base + i.ord AS seq) n
	ORDER BY i.ord
	RETURNING id, reg_seq, registration_number, unit_id
), rows AS (
	SELECT req.id, req.registration_number, req.unit_id, i.*
	FROM req CROSS JOIN counter JOIN input i ON i.ord = req.reg_seq - counter.base
), event AS (
	INSERT INTO request_events (request_id, at, actor_id, actor_label, kind, to_status, note, public)
	SELECT id, received_at, registered_by, actor_label, 'received', 'diterima', event_note, true FROM rows ORDER BY ord
), mail_rank AS (
	SELECT id, row_number() OVER (PARTITION BY cap_kind, cap_subject ORDER BY ord) AS rank
	FROM rows WHERE mail_template <> ''
), mail AS (
	INSERT INTO outbox (template, recipient, data, request_id, secrets)
	SELECT x.mail_template, x.mail_recipient, x.mail_data || jsonb_build_object('registration_number', x.registration_number),
		x.id, x.mail_secrets
	FROM rows x JOIN mail_rank m ON m.id = x.id
	WHERE x.cap_kind = '' OR (SELECT count(*) FROM (SELECT 1 FROM throttle_events t
		WHERE t.kind = x.cap_kind AND t.subject = x.cap_subject AND t.at > x.cap_since LIMIT x.cap_limit) recent) + m.rank <= x.cap_limit
	ORDER BY x.ord
	RETURNING request_id
), mail_hit AS (
	INSERT INTO throttle_events (kind, subject, at)
	SELECT cap_kind, cap_subject, cap_at FROM rows WHERE cap_kind <> '' AND id IN (SELECT request_id FROM mail)
), identity AS (
	INSERT INTO identity_documents (request_id, kind, content_type, size, sealed)
	SELECT id, identity_kind, identity_content_type, identity_size, ($5::bytea[])[ord] FROM rows WHERE identity_kind <> ''
), officers AS (
	SELECT u.email, u.name, x.id, x.ord, x.registration_number, un.name AS unit_name, x.officer_template, x.officer_data, x.base_url
	FROM rows x JOIN units un ON un.id = x.unit_id
	JOIN users u ON x.officer_template <> '' AND ` + officerRecipientsSQL("x.unit_id", "NULL::bigint", "$4", "'unit'", "x.registered_by", "'new_request'") + `
), officer_mail AS (
	INSERT INTO outbox (template, recipient, data, request_id)
	SELECT officer_template, email, officer_data || jsonb_build_object('name', name, 'registration_number', registration_number,
		'unit', unit_name, 'case_url', base_url || '/kantor/permohonan/' || id), id
	FROM officers ORDER BY ord, email
), officer_hook AS (
	INSERT INTO outbox (channel, template, recipient, data, request_id)
	SELECT 'webhook', 'new_request', 'webhook', x.officer_hook || jsonb_build_object('case_id', x.id,
		'registration_number', x.registration_number, 'unit', un.name), x.id
	FROM rows x JOIN units un ON un.id = x.unit_id WHERE x.officer_hook IS NOT NULL ORDER BY x.ord
)
SELECT ord, id, registration_number, id IN (SELECT request_id FROM mail) AS mail_queued FROM rows ORDER BY ord`

// IntakeSQL is exported for the benchmark's raw-PostgreSQL baseline, which must issue exactly
// what the application issues (with IntakeParams).
var IntakeSQL = intakeSQL

// InsertRequest registers a request, numbering it in the statement that writes it.
func (s *Store) InsertRequest(ctx context.Context, r NewRequest) (Registered, error) {
	p, err := r.pending(ctx)
	if err != nil {
		return Registered{}, err
	}
	return s.insertGrouped(ctx, p)
}

// pending is the request as the batcher queues it, encoded by the caller's goroutine.
func (r NewRequest) pending(ctx context.Context) (*pendingIntake, error) {
	row, err := r.encode()
	if err != nil {
		return nil, err
	}
	p := &pendingIntake{ctx: ctx, year: r.Year, row: row}
	if r.Identity != nil {
		p.identity = r.Identity.Sealed
	}
	return p, nil
}

// IntakeParams are the parameters of IntakeSQL for requests of one year, numbered in order.
func IntakeParams(rs ...NewRequest) ([]any, error) {
	if len(rs) == 0 {
		return nil, errors.New("store: no requests to register")
	}
	batch := make([]*pendingIntake, len(rs))
	for i, r := range rs {
		if r.Year != rs[0].Year {
			return nil, errors.New("store: one intake statement numbers one year")
		}
		p, err := r.pending(context.Background())
		if err != nil {
			return nil, err
		}
		batch[i] = p
	}
	return intakeParams(batch), nil
}

func intakeParams(batch []*pendingIntake) []any {
	size := 2
	for _, p := range batch {
		size += len(p.row) + 1
	}
	rows := make([]byte, 0, size)
	identities := make(pq.ByteaArray, len(batch))
	rows = append(rows, '[')
	for i, p := range batch {
		if i > 0 {
			rows = append(rows, ',')
		}
		rows = append(rows, p.row...)
		identities[i] = p.identity
	}
	rows = append(rows, ']')
	return []any{string(rows), batch[0].year, len(batch), viewRolesArg(), identities}
}

// intakeRow is one request as intakeSQL reads it from JSON.
type intakeRow struct {
	NumberPrefix      string          `json:"number_prefix"`
	NumberWidth       int             `json:"number_width"`
	NumberSuffix      string          `json:"number_suffix"`
	TrackingCodeHash  byteaText       `json:"tracking_code_hash,omitempty"`
	Channel           string          `json:"channel"`
	RequesterKind     string          `json:"requester_kind"`
	RequesterName     string          `json:"requester_name"`
	NIKSealed         byteaText       `json:"nik_sealed,omitempty"`
	NIKLookup         byteaText       `json:"nik_lookup,omitempty"`
	EntitySKNumber    *string         `json:"entity_sk_number"`
	Address           string          `json:"address"`
	Phone             string          `json:"phone"`
	Email             string          `json:"email"`
	Occupation        string          `json:"occupation"`
	Information       string          `json:"information"`
	Purpose           string          `json:"purpose"`
	ObtainMethod      string          `json:"obtain_method"`
	DeliveryMethod    string          `json:"delivery_method"`
	PublishConsent    bool            `json:"publish_consent"`
	ReceivedAt        time.Time       `json:"received_at"`
	CountingFrom      calendar.Date   `json:"counting_from"`
	ResponseDue       calendar.Date   `json:"response_due"`
	RegisteredBy      *int64          `json:"registered_by"`
	ActorLabel        string          `json:"actor_label"`
	EventNote         string          `json:"event_note"`
	Accessibility     []string        `json:"accessibility"`
	AccessibilityNote string          `json:"accessibility_note"`
	PublicPII         json.RawMessage `json:"public_pii"`
	InformationRoots  string          `json:"information_roots"`

	MailTemplate  string          `json:"mail_template"`
	MailRecipient string          `json:"mail_recipient"`
	MailData      json.RawMessage `json:"mail_data"`
	MailSecrets   byteaText       `json:"mail_secrets,omitempty"`
	CapKind       string          `json:"cap_kind"`
	CapSubject    string          `json:"cap_subject"`
	CapLimit      int             `json:"cap_limit"`
	CapSince      time.Time       `json:"cap_since"`
	CapAt         time.Time       `json:"cap_at"`

	IdentityKind        string `json:"identity_kind"`
	IdentityContentType string `json:"identity_content_type"`
	IdentitySize        int    `json:"identity_size"`

	OfficerTemplate string          `json:"officer_template"`
	OfficerData     json.RawMessage `json:"officer_data"`
	OfficerHook     json.RawMessage `json:"officer_hook,omitempty"` // absent: no webhook
	BaseURL         string          `json:"base_url"`
}

// encode is the request as one element of IntakeSQL's rows, built by the caller's goroutine
// so the batch's writer only joins them.
func (r NewRequest) encode() ([]byte, error) {
	row := intakeRow{
		NumberPrefix: r.NumberPrefix, NumberWidth: r.NumberWidth, NumberSuffix: r.NumberSuffix,
		TrackingCodeHash: r.TrackingCodeHash, Channel: r.Channel, RequesterKind: r.RequesterKind,
		RequesterName: r.RequesterName, NIKSealed: r.NIKSealed, NIKLookup: r.NIKLookup,
		Address: r.Address, Phone: r.Phone, Email: r.Email, Occupation: r.Occupation,
		Information: r.Information, Purpose: r.Purpose, ObtainMethod: r.ObtainMethod,
		DeliveryMethod: r.DeliveryMethod, PublishConsent: r.PublishConsent, ReceivedAt: r.ReceivedAt,
		CountingFrom: r.CountingFrom, ResponseDue: r.ResponseDue, ActorLabel: r.ActorLabel,
		EventNote: r.EventNote, Accessibility: r.Accessibility, AccessibilityNote: r.AccessibilityNote,
		PublicPII:        RequestTextFindings(r.Information, r.RequesterName),
		InformationRoots: stem.Roots(r.Information, maxRootText),
		MailData:         json.RawMessage("{}"), OfficerData: json.RawMessage("{}"),
		CapKind: r.MailCap.Kind, CapSubject: r.MailCap.Subject, CapLimit: r.MailCap.Limit,
		CapSince: r.MailCap.Since, CapAt: r.MailCap.At,
	}
	if r.EntitySKNumber.Valid {
		row.EntitySKNumber = &r.EntitySKNumber.String
	}
	if r.RegisteredBy.Valid {
		row.RegisteredBy = &r.RegisteredBy.Int64
	}
	if row.Accessibility == nil {
		row.Accessibility = []string{} // the column is NOT NULL; none asked for is the empty list
	}
	var err error
	if m := r.Mail; m != nil {
		if row.MailData, err = encodeMailData(m.Data); err != nil {
			return nil, err
		}
		row.MailTemplate, row.MailRecipient, row.MailSecrets = m.Template, m.Recipient, m.Secrets
	}
	if id := r.Identity; id != nil {
		row.IdentityKind, row.IdentityContentType, row.IdentitySize = id.Kind, id.ContentType, id.Size
	}
	if n := r.Officers; n != nil {
		if row.OfficerData, err = encodeMailData(n.Data); err != nil {
			return nil, err
		}
		row.OfficerTemplate, row.BaseURL = n.Template, n.BaseURL
		if n.Webhook != nil {
			if row.OfficerHook, err = json.Marshal(n.Webhook); err != nil {
				return nil, fmt.Errorf("store: unable to encode webhook event: %w", err)
			}
		}
	}
	b, err := json.Marshal(row)
	if err != nil {
		return nil, fmt.Errorf("store: unable to encode request: %w", err)
	}
	return b, nil
}

// byteaText is bytea in PostgreSQL's hex input form, as jsonb_to_record reads it. Its fields are
// omitempty, so nil is an absent key: NULL. Text, not JSON: the encoder need not re-validate it.
type byteaText []byte

func (b byteaText) MarshalText() ([]byte, error) {
	out := make([]byte, 0, 2*len(b)+2)
	out = append(out, `\x`...)
	return hex.AppendEncode(out, b), nil
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
