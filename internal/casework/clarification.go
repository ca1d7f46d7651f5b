package casework

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"strings"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// ClarificationNotifier hears of a requester's answer once it is stored (committed), e.g. to tell
// the assigned officer. It reports its own failures: the answer stands either way.
type ClarificationNotifier interface {
	ClarificationAnswered(ctx context.Context, caseID, clarificationID int64)
}

// The history kinds of a clarification: both sides are public, the requester's own exchange.
const (
	ClarificationAskedKind    = "clarification_requested"
	ClarificationAnsweredKind = "clarification_answered"
)

// ClarificationAnswer is the requester's answer: text, and an optional file (Body nil for none).
type ClarificationAnswer struct {
	Text     string
	Filename string
	Body     io.Reader
}

// AskClarification records an officer's question to the requester and e-mails it when the
// requester gave an address; mailed says whether it did, so the officer knows to call or write.
// One question is open at a time. The clock of UU 14/2008 Pasal 22 does not stop for it.
func (s *Service) AskClarification(ctx context.Context, actor *store.User, id int64, question string) (mailed bool, fieldErrs request.FieldErrors, err error) {
	if !actor.Can(access.AskClarification) {
		return false, nil, ErrForbidden
	}
	err = s.withCase(ctx, actor.Scope(), id, func(tx *store.CaseTx, r *store.Request) error {
		question = strings.TrimSpace(question)
		if msg := checkText(question, "Tulis pertanyaan untuk pemohon."); msg != "" {
			fieldErrs = request.FieldErrors{"question": msg}
			return &workflow.Refusal{Message: "Permintaan klarifikasi belum tersimpan: " + msg, Field: "question"}
		}
		if r.ClosedAt.Valid {
			return &workflow.Refusal{Message: "Permohonan sudah selesai; klarifikasi tidak dapat diminta lagi."}
		}
		if _, err := tx.OpenClarification(ctx, r.ID); err == nil {
			return &workflow.Refusal{Message: "Pertanyaan klarifikasi sebelumnya belum dijawab pemohon; tunggu jawabannya dahulu."}
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if _, err := tx.AddClarification(ctx, r.ID, question, s.Now(), sql.NullInt64{Int64: actor.ID, Valid: true}, actor.Name); err != nil {
			return err
		}
		t := workflow.Transition{From: r.Status, To: r.Status, DueDate: r.DueDate, ExtendedDue: r.ExtendedDue,
			EventKind: ClarificationAskedKind, Note: question, Public: true, Mail: "clarification_requested"}
		mailed = r.Email != ""
		return s.record(ctx, tx, r, r.State(), t, actor)
	})
	return mailed, fieldErrs, err
}

// AnswerClarification stores the requester's answer to the open question of case id (the
// caller proved the case is theirs), with its file checked and kept as an internal case
// document, then tells the notifier. The file is stored before the transaction, as uploads are.
func (s *Service) AnswerClarification(ctx context.Context, id int64, a ClarificationAnswer) (request.FieldErrors, error) {
	text := strings.TrimSpace(a.Text)
	if msg := checkText(text, "Tulis jawaban Anda."); msg != "" {
		return request.FieldErrors{"answer": msg}, &workflow.Refusal{Message: "Jawaban belum terkirim: " + msg, Field: "answer"}
	}
	open, err := s.openClarification(ctx, id)
	if err != nil {
		return nil, err
	}
	var doc *store.Document
	if a.Body != nil {
		stored, err := files.PutChecked(ctx, s.Blobs, a.Body, s.MaxUpload, files.Allowed)
		if err != nil {
			msg := files.UserMessage(err, s.MaxUpload)
			return request.FieldErrors{"file": msg}, &workflow.Refusal{Message: msg, Field: "file"}
		}
		doc = &store.Document{RequestID: id, SHA256: stored.SHA256, Size: stored.Size, ContentType: stored.ContentType,
			Filename: files.SanitizeFilename(a.Filename, stored.ContentType), Kind: "clarification", Visibility: "internal"}
	}
	err = s.withCase(ctx, access.Everything, id, func(tx *store.CaseTx, r *store.Request) error {
		c, err := tx.OpenClarification(ctx, r.ID)
		if errors.Is(err, store.ErrNotFound) || err == nil && c.ID != open {
			return errNoOpenClarification // answered meanwhile, from another tab
		}
		if err != nil {
			return err
		}
		note := text
		var docID sql.NullInt64
		if doc != nil {
			if docID.Int64, err = tx.AddDocument(ctx, *doc); err != nil {
				return err
			}
			docID.Valid = true
			note += " (Berkas terlampir: " + doc.Filename + ".)"
		}
		if err := tx.AnswerClarification(ctx, c.ID, text, s.Now(), docID); err != nil {
			return err
		}
		t := workflow.Transition{From: r.Status, To: r.Status, DueDate: r.DueDate, ExtendedDue: r.ExtendedDue,
			EventKind: ClarificationAnsweredKind, Note: note, Public: true}
		return s.record(ctx, tx, r, r.State(), t, nil)
	})
	if err != nil {
		return nil, err
	}
	if s.Clarifications != nil {
		s.Clarifications.ClarificationAnswered(ctx, id, open)
	}
	return nil, nil
}

var errNoOpenClarification = &workflow.Refusal{Message: "Tidak ada pertanyaan klarifikasi yang menunggu jawaban Anda."}

// openClarification is the id of case id's open question, or the refusal that there is none.
func (s *Service) openClarification(ctx context.Context, id int64) (int64, error) {
	cs, err := s.Store.Clarifications(ctx, access.Everything, id)
	if err != nil {
		return 0, err
	}
	for _, c := range cs {
		if c.Open() {
			return c.ID, nil
		}
	}
	return 0, errNoOpenClarification
}
