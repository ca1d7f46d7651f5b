package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/terbuka-id/terbuka/internal/access"
)

// The annual report (Perki 1/2021 Pasal 56) and the atasan's evaluation notes. A report's row
// holds the PPID's narrative; locking freezes its figures (JSON) and its PDF (a blob's SHA-256),
// and every save, lock, unlock and publication is a row of the append-only annual_report_events.

// AnnualReport is one year's report row; a year without a row is an empty draft.
type AnnualReport struct {
	Year            int            `db:"year"`
	Policy          string         `db:"policy"`
	Facilities      string         `db:"facilities"`
	Budget          string         `db:"budget"`
	Constraints     string         `db:"constraints_met"`
	Recommendations string         `db:"recommendations"`
	Status          string         `db:"status"` // draft | locked | published
	Figures         []byte         `db:"figures"`
	PDFSHA256       sql.NullString `db:"pdf_sha256"`
	LockedAt        sql.NullTime   `db:"locked_at"`
	LockedBy        sql.NullString `db:"locked_by_name"`
	PublishedAt     sql.NullTime   `db:"published_at"`
	UpdatedAt       time.Time      `db:"updated_at"`
}

// ReportNarrative are the sections the PPID writes (Perki 1/2021 Pasal 56).
type ReportNarrative struct {
	Policy, Facilities, Budget, Constraints, Recommendations string
}

// ReportEvent is one entry of a report's history.
type ReportEvent struct {
	At         time.Time      `db:"at"`
	ActorLabel string         `db:"actor_label"`
	Kind       string         `db:"kind"`
	Note       string         `db:"note"`
	PDFSHA256  sql.NullString `db:"pdf_sha256"`
}

// ErrReportState: the report is not in the state the step needs (editing a locked report,
// locking a locked one, publishing a draft).
var ErrReportState = errors.New("store: the report is not in the state this step needs")

const annualReportSelect = `
	SELECT a.year, a.policy, a.facilities, a.budget, a.constraints_met, a.recommendations, a.status, a.figures,
		a.pdf_sha256, a.locked_at, u.name AS locked_by_name, a.published_at, a.updated_at
	FROM annual_reports a LEFT JOIN users u ON u.id = a.locked_by`

// AnnualReport reads year's report; ErrNotFound when nothing was saved for it yet.
func (s *Store) AnnualReport(ctx context.Context, year int) (*AnnualReport, error) {
	var r AnnualReport
	if err := s.db.GetContext(ctx, &r, annualReportSelect+` WHERE a.year = $1`, year); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, ErrNotFound
		}
		return nil, fmt.Errorf("store: unable to fetch annual report: %w", err)
	}
	return &r, nil
}

// PublishedReports lists the published reports, newest year first.
func (s *Store) PublishedReports(ctx context.Context) ([]AnnualReport, error) {
	var rs []AnnualReport
	if err := s.db.SelectContext(ctx, &rs, annualReportSelect+` WHERE a.status = 'published' ORDER BY a.year DESC`); err != nil {
		return nil, fmt.Errorf("store: unable to list published reports: %w", err)
	}
	return rs, nil
}

// ReportEvents is year's report history, oldest first.
func (s *Store) ReportEvents(ctx context.Context, year int) ([]ReportEvent, error) {
	var es []ReportEvent
	if err := s.db.SelectContext(ctx, &es, `SELECT at, actor_label, kind, note, pdf_sha256 FROM annual_report_events
		WHERE year = $1 ORDER BY id`, year); err != nil {
		return nil, fmt.Errorf("store: unable to fetch report history: %w", err)
	}
	return es, nil
}

func addReportEvent(ctx context.Context, tx *sqlx.Tx, year int, at time.Time, actor *User, kind, note string, sha sql.NullString) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO annual_report_events (year, at, actor_id, actor_label, kind, note, pdf_sha256)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, year, at, actor.ID, actor.Name, kind, note, sha)
	return err
}

// SaveReportNarrative writes the PPID's sections of a draft; ErrReportState once it is locked.
func (s *Store) SaveReportNarrative(ctx context.Context, year int, n ReportNarrative, actor *User, at time.Time) error {
	err := s.withTx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `
			INSERT INTO annual_reports (year, policy, facilities, budget, constraints_met, recommendations, updated_at, updated_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
			ON CONFLICT (year) DO UPDATE SET policy = EXCLUDED.policy, facilities = EXCLUDED.facilities,
				budget = EXCLUDED.budget, constraints_met = EXCLUDED.constraints_met,
				recommendations = EXCLUDED.recommendations, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
			WHERE annual_reports.status = 'draft'`,
			year, n.Policy, n.Facilities, n.Budget, n.Constraints, n.Recommendations, at, actor.ID)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return ErrReportState
		}
		return addReportEvent(ctx, tx, year, at, actor, "saved", "", sql.NullString{})
	})
	return wrapReport("save", err)
}

// LockReport freezes a draft: its figures as JSON and its PDF's SHA-256 (the blob is stored first).
func (s *Store) LockReport(ctx context.Context, year int, figures []byte, pdfSHA string, actor *User, at time.Time) error {
	err := s.withTx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `
			INSERT INTO annual_reports (year, status, figures, pdf_sha256, locked_at, locked_by, updated_at, updated_by)
			VALUES ($1, 'locked', $2, $3, $4, $5, $4, $5)
			ON CONFLICT (year) DO UPDATE SET status = 'locked', figures = EXCLUDED.figures, pdf_sha256 = EXCLUDED.pdf_sha256,
				locked_at = EXCLUDED.locked_at, locked_by = EXCLUDED.locked_by, updated_at = EXCLUDED.updated_at,
				updated_by = EXCLUDED.updated_by
			WHERE annual_reports.status = 'draft'`, year, string(figures), pdfSHA, at, actor.ID)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return ErrReportState
		}
		return addReportEvent(ctx, tx, year, at, actor, "locked", "", sql.NullString{String: pdfSHA, Valid: true})
	})
	return wrapReport("lock", err)
}

// UnlockReport turns a locked or published report back into a draft; the reason and the PDF it
// had stay in the history.
func (s *Store) UnlockReport(ctx context.Context, year int, reason string, actor *User, at time.Time) error {
	err := s.withTx(ctx, func(tx *sqlx.Tx) error {
		var sha sql.NullString
		err := tx.GetContext(ctx, &sha, `
			UPDATE annual_reports a SET status = 'draft', figures = NULL, pdf_sha256 = NULL, locked_at = NULL, locked_by = NULL,
				published_at = NULL, published_by = NULL, updated_at = $2, updated_by = $3
			FROM (SELECT year, pdf_sha256 FROM annual_reports WHERE year = $1 FOR UPDATE) old
			WHERE a.year = old.year AND a.status IN ('locked', 'published')
			RETURNING old.pdf_sha256`, year, at, actor.ID)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrReportState
		}
		if err != nil {
			return err
		}
		return addReportEvent(ctx, tx, year, at, actor, "unlocked", reason, sha)
	})
	return wrapReport("unlock", err)
}

// PublishReport makes a locked report public.
func (s *Store) PublishReport(ctx context.Context, year int, actor *User, at time.Time) error {
	err := s.withTx(ctx, func(tx *sqlx.Tx) error {
		var sha sql.NullString
		err := tx.GetContext(ctx, &sha, `UPDATE annual_reports SET status = 'published', published_at = $2, published_by = $3
			WHERE year = $1 AND status = 'locked' RETURNING pdf_sha256`, year, at, actor.ID)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrReportState
		}
		if err != nil {
			return err
		}
		return addReportEvent(ctx, tx, year, at, actor, "published", "", sha)
	})
	return wrapReport("publish", err)
}

func wrapReport(step string, err error) error {
	if err == nil || errors.Is(err, ErrReportState) {
		return err
	}
	return fmt.Errorf("store: unable to %s the annual report: %w", step, err)
}

// EvaluationNote is one of the atasan's yearly notes on an officer.
type EvaluationNote struct {
	ID           int64     `db:"id"`
	Year         int       `db:"year"`
	OfficerID    int64     `db:"officer_id"`
	OfficerName  string    `db:"officer_name"`
	AuthorLabel  string    `db:"author_label"`
	Strengths    string    `db:"strengths"`
	Improvements string    `db:"improvements"`
	CreatedAt    time.Time `db:"created_at"`
}

// AddEvaluationNote appends a note on an officer within the author's scope; ErrNotFound when
// the officer is outside it.
func (s *Store) AddEvaluationNote(ctx context.Context, sc access.Scope, year int, officerID int64, author *User,
	strengths, improvements string, at time.Time) error {
	res, err := s.db.ExecContext(ctx, `
		INSERT INTO evaluation_notes (year, officer_id, author_id, author_label, strengths, improvements, created_at)
		SELECT $1, u.id, $3, $4, $5, $6, $7 FROM users u WHERE u.id = $2 AND `+inScope("u", 8),
		scoped(sc, year, officerID, author.ID, author.Name, strengths, improvements, at)...)
	if err != nil {
		return fmt.Errorf("store: unable to add evaluation note: %w", err)
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return ErrNotFound
	}
	return nil
}

// EvaluationNotes lists year's notes on the officers within the scope (officerID 0: all of
// them), oldest first.
func (s *Store) EvaluationNotes(ctx context.Context, sc access.Scope, year int, officerID int64) ([]EvaluationNote, error) {
	var ns []EvaluationNote
	err := s.db.SelectContext(ctx, &ns, `
		SELECT n.id, n.year, n.officer_id, u.name AS officer_name, n.author_label, n.strengths, n.improvements, n.created_at
		FROM evaluation_notes n JOIN users u ON u.id = n.officer_id
		WHERE n.year = $1 AND ($2 = 0 OR n.officer_id = $2) AND `+inScope("u", 3)+`
		ORDER BY n.id`, scoped(sc, year, officerID)...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to fetch evaluation notes: %w", err)
	}
	return ns, nil
}

// ReportLocked reports whether year's report is locked or published, for the reminder job.
func (s *Store) ReportLocked(ctx context.Context, year int) (bool, error) {
	var locked bool
	err := s.db.GetContext(ctx, &locked, `SELECT EXISTS (SELECT 1 FROM annual_reports WHERE year = $1 AND status <> 'draft')`, year)
	if err != nil {
		return false, fmt.Errorf("store: unable to check the annual report: %w", err)
	}
	return locked, nil
}
