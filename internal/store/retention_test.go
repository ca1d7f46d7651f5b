package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

func TestAnonymiseBatchTakesAtMostItsLimit(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	received := time.Date(2024, 8, 5, 10, 0, 0, 0, wib)
	for range 3 {
		if _, err := s.InsertRequest(ctx, newRequest(2024, received, calendar.NewDate(2024, 8, 19))); err != nil {
			t.Fatal(err)
		}
	}
	s.DB().MustExec(`UPDATE requests SET status = 'selesai', closed_at = $1`, received.AddDate(0, 1, 0))
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, wib)
	a := store.Anonymisation{ClosedBefore: now.AddDate(-2, 0, 0), At: now, Limit: 2, Name: "Pemohon (dianonimkan)",
		ActorLabel: "Sistem", Note: func(c store.RetentionCandidate) string { return c.RequesterKind }}
	b, err := s.AnonymiseBatch(ctx, a)
	if err != nil || b.Selected != 2 || len(b.Requests) != 2 || b.Scans != 0 || len(b.Blobs) != 0 {
		t.Fatalf("first batch %+v %v", b, err)
	}
	b, err = s.AnonymiseBatch(ctx, a)
	if err != nil || b.Selected != 1 || len(b.Requests) != 1 {
		t.Fatalf("second batch %+v %v", b, err)
	}
	var note string
	s.DB().Get(&note, `SELECT note FROM request_events WHERE kind = 'anonymised' LIMIT 1`)
	if note != "perorangan" {
		t.Errorf("note %q", note)
	}
	if b, err := s.AnonymiseBatch(ctx, a); err != nil || b.Selected != 0 {
		t.Errorf("third batch %+v %v", b, err)
	}
}

func TestUnreferencedBlobs(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	reg, err := s.InsertRequest(ctx, newRequest(2026, time.Date(2026, 11, 2, 10, 0, 0, 0, wib), calendar.NewDate(2026, 11, 16)))
	if err != nil {
		t.Fatal(err)
	}
	kept := "aa11"
	s.DB().MustExec(`INSERT INTO documents (request_id, sha256, size, content_type, filename, kind, visibility)
		VALUES ($1, $2, 1, 'text/plain', 'a.txt', 'other', 'internal')`, reg.ID, kept)
	free, err := s.UnreferencedBlobs(ctx, []string{"bb22", kept, "cc33", "bb22"})
	if err != nil || !slices.Equal(free, []string{"bb22", "cc33"}) {
		t.Errorf("free %v %v", free, err)
	}
	if free, err := s.UnreferencedBlobs(ctx, nil); err != nil || len(free) != 0 {
		t.Errorf("nothing asked: %v %v", free, err)
	}
}
