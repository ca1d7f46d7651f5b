// Package publishing puts documents on the public portal: it stores the file, extracts its text
// for search when it is stored (never at query time), checks everything that would become public
// for personal data, and refuses to publish what was found until the PPID confirms it. Every step
// is an event in the publication's history.
package publishing

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/pii"
	"github.com/terbuka-id/terbuka/internal/portal"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/textextract"
)

// Service publishes documents.
type Service struct {
	Store     *store.Store
	Blobs     files.Blobs
	MaxUpload int64
	Now       func() time.Time
	Location  *time.Location // the office's, for "this year"
	Log       *slog.Logger   // extraction failures are logged (file name and type only) and publishing goes on
}

// Errors callers map to messages; field problems come back as portal.FieldErrors instead.
var (
	ErrForbidden = access.ErrForbidden
	// ErrNotReleased: only a case decided as granted (in full or in part) has documents to publish.
	ErrNotReleased = errors.New("publishing: the case released no information")
	// ErrNothingToConfirm: the check found no personal data, so there is nothing to confirm.
	ErrNothingToConfirm = errors.New("publishing: no personal-data findings to confirm")
	// ErrNotPublished: only an item on the portal can be taken down.
	ErrNotPublished = errors.New("publishing: the item is not published")
	// ErrPIIUnconfirmed: personal data was found and nobody confirmed it may be published.
	ErrPIIUnconfirmed = store.ErrPIIUnconfirmed
)

// Finding is a stored personal-data finding (masked; safe to show and to keep).
type Finding struct {
	Kind    string `json:"kind"`
	Label   string `json:"label"`
	Masked  string `json:"masked"`
	Context string `json:"context"`
}

// Findings decodes a publication's stored findings.
func Findings(p *store.Publication) []Finding {
	var fs []Finding
	_ = json.Unmarshal(p.PIIFindings, &fs) // written by this package only
	return fs
}

// Upload is a file to publish.
type Upload struct {
	Filename string
	Body     io.Reader
}

// Draft validates the metadata, stores the file, extracts its text, checks for personal data and
// records a draft. Nothing is public yet. With field errors nothing is stored.
func (s *Service) Draft(ctx context.Context, actor *store.User, meta portal.Meta, up Upload) (int64, portal.FieldErrors, error) {
	if !actor.Can(access.DraftPublication) {
		return 0, nil, ErrForbidden
	}
	return s.draft(ctx, actorOf(actor), meta, up, draftSource{})
}

// DraftOffline records a draft DIP entry for information held on paper or in another system
// (Perki 1/2021): no file, but where and in what form it is available. Its text is checked for
// personal data like a file's would be.
func (s *Service) DraftOffline(ctx context.Context, actor *store.User, meta portal.Meta, where string) (int64, portal.FieldErrors, error) {
	if !actor.Can(access.DraftPublication) {
		return 0, nil, ErrForbidden
	}
	meta.Normalize()
	where = strings.TrimSpace(where)
	errs, err := s.validate(ctx, actor, meta)
	if err != nil {
		return 0, nil, err
	}
	maps.Copy(errs, portal.ValidateAvailableAt(where))
	if len(errs) > 0 {
		return 0, errs, nil
	}
	id, err := s.Store.CreatePublication(ctx, store.NewPublication{
		PublicationFields: fields(meta, s.scan(meta, "", where, true, nil)), TextChecked: true,
		PublicID: portal.NewPublicID(), DocType: portal.DocOffline, AvailableAt: where, BodyText: where,
		CreatedBy: sql.NullInt64{Int64: actor.ID, Valid: true}, ActorLabel: actor.Name, At: s.Now(),
	})
	return id, nil, err
}

// Actor is who a step is recorded for; the import command has no user.
type Actor struct {
	ID    sql.NullInt64
	Label string
	user  *store.User
}

func actorOf(u *store.User) Actor {
	return Actor{ID: sql.NullInt64{Int64: u.ID, Valid: true}, Label: u.Name, user: u}
}

// ImportActor records steps done by `terbuka documents import`.
var ImportActor = Actor{Label: "Impor dokumen (terbuka documents import)"}

type draftSource struct {
	requestID, documentID sql.NullInt64
	names                 []string // the requester's name, looked for in what is published
}

func (s *Service) thisYear() int { return s.Now().In(s.Location).Year() }

func (s *Service) draft(ctx context.Context, actor Actor, meta portal.Meta, up Upload, src draftSource) (int64, portal.FieldErrors, error) {
	meta.Normalize()
	errs, err := s.validate(ctx, actor.user, meta)
	if err != nil || len(errs) > 0 {
		return 0, errs, err
	}
	// An empty file is refused before it reaches the blob store: with field errors nothing is stored.
	upload := bufio.NewReader(up.Body)
	if _, err := upload.Peek(1); errors.Is(err, io.EOF) {
		return 0, portal.FieldErrors{"file": "Berkas kosong."}, nil
	}
	stored, err := files.PutChecked(ctx, s.Blobs, upload, s.MaxUpload, files.Allowed)
	if err != nil {
		if errors.Is(err, files.ErrTooLarge) || errors.Is(err, files.ErrTypeNotAllowed) {
			return 0, portal.FieldErrors{"file": files.UserMessage(err, s.MaxUpload)}, nil
		}
		return 0, nil, err
	}
	filename := files.SanitizeFilename(up.Filename, stored.ContentType)
	body, checked := s.extract(ctx, stored, filename)
	id, err := s.Store.CreatePublication(ctx, store.NewPublication{
		PublicationFields: fields(meta, s.scan(meta, filename, body, checked, src.names)), TextChecked: checked,
		PublicID:  portal.NewPublicID(),
		RequestID: src.requestID, SourceDocumentID: src.documentID,
		SHA256: stored.SHA256, ContentType: stored.ContentType, Filename: filename, DocType: portal.DocType(stored.ContentType),
		Size: stored.Size, BodyText: body, CreatedBy: actor.ID, ActorLabel: actor.Label, At: s.Now(),
	})
	return id, nil, err
}

// validate checks a normalized Meta, and that its unit exists, is active and is the actor's own
// unless the actor is of the PPID Utama (actor nil: the import command, which may name any unit).
func (s *Service) validate(ctx context.Context, actor *store.User, meta portal.Meta) (portal.FieldErrors, error) {
	errs := meta.Validate(s.thisYear())
	if _, bad := errs["unit_id"]; bad {
		return errs, nil
	}
	unit, err := s.Store.UnitByID(ctx, meta.UnitID)
	switch {
	case errors.Is(err, store.ErrNotFound) || (err == nil && !unit.Active):
		errs["unit_id"] = "Pilih unit yang aktif."
	case err != nil:
		return nil, err
	case actor != nil && !actor.Scope().Includes(meta.UnitID):
		errs["unit_id"] = "Anda hanya dapat menerbitkan informasi unit Anda sendiri."
	}
	return errs, nil
}

// extract reads the stored file back and returns its text, and whether the text could be read
// at all. Images, archives, scans and damaged files give none: the personal-data check cannot
// see inside them, so they wait for a person to look (see scan). Failures are logged without content.
func (s *Service) extract(ctx context.Context, stored files.Stored, filename string) (string, bool) {
	blob, err := s.Blobs.Open(ctx, stored.SHA256)
	if err != nil {
		s.logWarn("unable to open stored file for text extraction", filename, stored.ContentType, err)
		return "", false
	}
	defer blob.Close()
	data, err := io.ReadAll(blob)
	if err != nil {
		s.logWarn("unable to read stored file for text extraction", filename, stored.ContentType, err)
		return "", false
	}
	text, err := textextract.Extract(ctx, stored.ContentType, data)
	if err != nil {
		s.logWarn("no text extracted", filename, stored.ContentType, err)
		return "", false
	}
	if strings.TrimSpace(text) == "" {
		return "", false // an image, an archive, or a PDF of scanned pages
	}
	return text, true
}

// logWarn logs a file problem by name and type; a NIK or an e-mail address in the file's name
// (scans are often named after their owner) is masked first, so it never reaches the logs.
func (s *Service) logWarn(msg, filename, contentType string, err error) {
	if s.Log != nil {
		s.Log.Warn(msg, "file", pii.Redact(filename, "***"), "content_type", contentType, "error", err)
	}
}

// KindUnchecked marks a file whose content the check could not read.
const KindUnchecked = "unchecked"

// scan looks for personal data in everything that would become public (UU 14/2008 Pasal 17
// huruf h; UU 27/2022): the metadata, the file's name, the extracted text, and the requester's
// name. A file whose text could not be read is itself a finding: an ID card scan has no text either.
func (s *Service) scan(meta portal.Meta, filename, body string, textChecked bool, names []string) json.RawMessage {
	found := pii.Scan(meta.ScanText()+"\n"+filename+"\n"+body, names...)
	out := make([]Finding, 0, len(found)+1)
	if !textChecked {
		out = append(out, Finding{Kind: KindUnchecked, Label: "Isi berkas tidak dapat diperiksa otomatis",
			Masked: "—", Context: "Berkas ini berupa gambar, pindaian, atau tidak dapat dibaca; periksa isinya sendiri sebelum terbit."})
	}
	for _, f := range found {
		out = append(out, Finding{Kind: f.Kind, Label: f.Label(), Masked: f.Masked, Context: f.Context})
	}
	raw, _ := json.Marshal(out)
	return raw
}

func fields(m portal.Meta, findings json.RawMessage) store.PublicationFields {
	return store.PublicationFields{Title: m.Title, Category: m.Category, UnitID: m.UnitID, Year: m.Year, Summary: m.Summary,
		Keywords: m.Keywords, Responsible: m.Responsible, MadePlace: m.MadePlace, MadeTime: m.MadeTime, Form: m.Form,
		Retention: m.Retention, PIIFindings: findings}
}

// Update saves edited metadata after checking it again. When the check finds personal data, the
// edit is saved only with confirm (the officer ticked that it may be published); otherwise the
// findings come back as an error on "confirm" and nothing changes.
func (s *Service) Update(ctx context.Context, actor *store.User, id int64, meta portal.Meta, confirm bool, note string) (portal.FieldErrors, error) {
	p, err := s.visible(ctx, actor, id, access.DraftPublication)
	if err != nil {
		return nil, err
	}
	meta.Normalize()
	errs, err := s.validate(ctx, actor, meta)
	if err != nil || len(errs) > 0 {
		return errs, err
	}
	body, err := s.Store.PublicationText(ctx, id)
	if err != nil {
		return nil, err
	}
	names, err := s.requesterNames(ctx, p)
	if err != nil {
		return nil, err
	}
	findings := s.scan(meta, p.Filename, body, p.TextChecked, names)
	hasFindings := string(findings) != "[]"
	note = strings.TrimSpace(note)
	if hasFindings && confirm && !actor.Can(access.PublishDocument) {
		return portal.FieldErrors{"confirm": "Hanya PPID yang dapat mengonfirmasi data pribadi."}, nil
	}
	// A confirmation made while editing needs its reason as much as one made with ConfirmPII.
	if hasFindings && confirm && note == "" {
		return portal.FieldErrors{"confirm": "Konfirmasi data pribadi memerlukan alasan.", "note": msgConfirmNote}, nil
	}
	// Not only a published item: an unpublished one still shows its title on its 410 page, and the
	// database refuses findings nobody confirmed on anything but a draft.
	if hasFindings && !confirm && p.Status != "draft" {
		return portal.FieldErrors{"confirm": "Perubahan ini memuat data pribadi. Perbaiki, atau centang konfirmasi bila memang boleh dipublikasikan."}, nil
	}
	return nil, s.Store.UpdatePublication(ctx, id, fields(meta, findings), hasFindings && confirm, actor.ID, actor.Name, note, s.Now())
}

// Preview is what the check would find in p with meta, without saving anything.
func (s *Service) Preview(ctx context.Context, p *store.Publication, meta portal.Meta) []Finding {
	meta.Normalize()
	body, err := s.Store.PublicationText(ctx, p.ID)
	if err != nil {
		return nil
	}
	names, err := s.requesterNames(ctx, p)
	if err != nil {
		return nil
	}
	var fs []Finding
	_ = json.Unmarshal(s.scan(meta, p.Filename, body, p.TextChecked, names), &fs)
	return fs
}

const msgConfirmNote = "Tuliskan alasan data ini boleh dipublikasikan (misalnya: nama pejabat dalam jabatannya)."

// ConfirmPII records that the PPID checked the findings and the item may be published as it is.
func (s *Service) ConfirmPII(ctx context.Context, actor *store.User, id int64, note string) (portal.FieldErrors, error) {
	p, err := s.visible(ctx, actor, id, access.PublishDocument)
	if err != nil {
		return nil, err
	}
	if len(Findings(p)) == 0 {
		return nil, ErrNothingToConfirm
	}
	note = strings.TrimSpace(note)
	if note == "" {
		return portal.FieldErrors{"note": msgConfirmNote}, nil
	}
	return nil, s.Store.ConfirmPublicationPII(ctx, id, actor.ID, actor.Name, note, s.Now())
}

// Publish makes a draft or unpublished item public; ErrPIIUnconfirmed while findings await confirmation.
func (s *Service) Publish(ctx context.Context, actor *store.User, id int64) error {
	if _, err := s.visible(ctx, actor, id, access.PublishDocument); err != nil {
		return err
	}
	return s.Store.PublishPublication(ctx, id, sql.NullInt64{Int64: actor.ID, Valid: true}, actor.Name, s.Now())
}

// Unpublish takes an item off the portal; its public URL then answers 410 Gone.
func (s *Service) Unpublish(ctx context.Context, actor *store.User, id int64, reason string) (portal.FieldErrors, error) {
	p, err := s.visible(ctx, actor, id, access.PublishDocument)
	if err != nil {
		return nil, err
	}
	if p.Status != "published" {
		return nil, ErrNotPublished
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return portal.FieldErrors{"reason": "Tuliskan alasan penarikan; alasan ini tampil di halaman publik."}, nil
	}
	return nil, s.Store.UnpublishPublication(ctx, id, actor.ID, actor.Name, reason, s.Now())
}

// visible loads a publication within the actor's scope, when their role holds perm.
func (s *Service) visible(ctx context.Context, actor *store.User, id int64, perm access.Permission) (*store.Publication, error) {
	if !actor.Can(perm) {
		return nil, ErrForbidden
	}
	return s.Store.Publication(ctx, actor.Scope(), id)
}

func (s *Service) requesterNames(ctx context.Context, p *store.Publication) ([]string, error) {
	if !p.RequestID.Valid {
		return nil, nil
	}
	// The publication was read within the actor's scope; its source case comes with it.
	r, err := s.Store.RequestByID(ctx, access.Everything, p.RequestID.Int64)
	if err != nil {
		return nil, err
	}
	return []string{r.RequesterName}, nil
}

// CaseMeta is what the PPID writes once when publishing a case's released documents.
type CaseMeta struct {
	Title, Category, Summary, Keywords string
	// The DIP columns (Perki 1/2021); Form defaults to softcopy.
	Responsible, MadePlace, MadeTime, Form, Retention string
}

// CaseOutcome is what happened to one of the case's documents.
type CaseOutcome struct {
	Filename      string
	PublicationID int64
	Published     bool
	Findings      []Finding // personal data found: left as a draft for the PPID to review
	Skipped       string    // why nothing was done (already published)
}

// PublishCase publishes, in one action, every document of a released case marked "for
// publication", linked to the case's registration number. A document with personal-data findings
// is kept as a draft for review instead; one published before is skipped.
func (s *Service) PublishCase(ctx context.Context, actor *store.User, requestID int64, cm CaseMeta) ([]CaseOutcome, portal.FieldErrors, error) {
	if !actor.Can(access.PublishDocument) {
		return nil, nil, ErrForbidden
	}
	r, err := s.Store.RequestByID(ctx, actor.Scope(), requestID)
	if err != nil {
		return nil, nil, err
	}
	if d := r.Decision.String; d != request.StatusGranted && d != request.StatusPartial {
		return nil, nil, ErrNotReleased
	}
	docs, err := s.Store.Documents(ctx, requestID, "public")
	if err != nil {
		return nil, nil, err
	}
	if len(docs) == 0 {
		return nil, portal.FieldErrors{"documents": "Belum ada dokumen yang ditandai \u201cuntuk publikasi\u201d pada perkara ini."}, nil
	}
	unit := r.UnitID
	var outcomes []CaseOutcome
	for i, d := range docs {
		title := strings.TrimSpace(cm.Title)
		if len(docs) > 1 && title != "" {
			title = fmt.Sprintf("%s (%d/%d)", title, i+1, len(docs))
		}
		meta := portal.Meta{Title: title, Category: cm.Category, UnitID: unit, Year: calendarYear(r.ReceivedAt, s.Location),
			Summary: cm.Summary, Keywords: cm.Keywords, Responsible: cm.Responsible, MadePlace: cm.MadePlace,
			MadeTime: cm.MadeTime, Form: cm.Form, Retention: cm.Retention}
		out, errs, err := s.publishCaseDocument(ctx, actor, meta, d, r)
		if err != nil || len(errs) > 0 {
			return outcomes, errs, err
		}
		outcomes = append(outcomes, out)
	}
	return outcomes, nil, nil
}

func calendarYear(t time.Time, loc *time.Location) int { return t.In(loc).Year() }

func (s *Service) publishCaseDocument(ctx context.Context, actor *store.User, meta portal.Meta, d store.Document, r *store.Request) (CaseOutcome, portal.FieldErrors, error) {
	out := CaseOutcome{Filename: d.Filename}
	blob, err := s.Blobs.Open(ctx, d.SHA256)
	if err != nil {
		return out, nil, err
	}
	data, err := io.ReadAll(blob)
	blob.Close()
	if err != nil {
		return out, nil, err
	}
	src := draftSource{requestID: sql.NullInt64{Int64: r.ID, Valid: true}, documentID: sql.NullInt64{Int64: d.ID, Valid: true},
		names: []string{r.RequesterName}}
	id, errs, err := s.draft(ctx, actorOf(actor), meta, Upload{Filename: d.Filename, Body: bytes.NewReader(data)}, src)
	if errors.Is(err, store.ErrConflict) {
		out.Skipped = "sudah pernah dipublikasikan"
		return out, nil, nil
	}
	if err != nil || len(errs) > 0 {
		return out, errs, err
	}
	out.PublicationID = id
	err = s.Store.PublishPublication(ctx, id, sql.NullInt64{Int64: actor.ID, Valid: true}, actor.Name, s.Now())
	switch {
	case errors.Is(err, store.ErrPIIUnconfirmed):
		p, err := s.Store.Publication(ctx, actor.Scope(), id)
		if err != nil {
			return out, nil, err
		}
		out.Findings = Findings(p)
		return out, nil, nil
	case err != nil:
		return out, nil, err
	}
	out.Published = true
	return out, nil, nil
}
