package web

import (
	"database/sql"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/store"
)

var viewTestTime = time.Date(2026, 11, 3, 9, 15, 0, 0, time.UTC)

func sameTime(got *time.Time, want sql.NullTime) bool {
	if !want.Valid {
		return got == nil
	}
	return got != nil && got.Equal(want.Time)
}

func TestNewCaseFacts(t *testing.T) {
	if f := newCaseFacts(&store.Request{}); f != (caseFacts{}) {
		t.Errorf("a case without optional columns: %+v, want all zero", f)
	}
	// A NULL that still carries a value (built by hand, not scanned) must not leak through.
	if f := newCaseFacts(&store.Request{AssignedName: sql.NullString{String: "x"}, NoticeLate: sql.NullBool{Bool: true}}); f != (caseFacts{}) {
		t.Errorf("invalid values leaked: %+v", f)
	}
	at := sql.NullTime{Time: viewTestTime, Valid: true}
	r := &store.Request{AssignedTo: sql.NullInt64{Int64: 5, Valid: true}, AssignedName: sql.NullString{String: "Ani", Valid: true},
		ExtensionReason: sql.NullString{String: "banyak", Valid: true}, NoticeAt: at, DeliveredAt: at,
		NoticeLate: sql.NullBool{Bool: true, Valid: true}, EntitySKNumber: sql.NullString{String: "AHU-1", Valid: true}}
	f := newCaseFacts(r)
	if f.AssignedTo != 5 || f.AssignedName != "Ani" || f.ExtensionReason != "banyak" || !f.NoticeLate || f.EntitySKNumber != "AHU-1" ||
		!sameTime(f.NoticeAt, at) || !sameTime(f.DeliveredAt, at) {
		t.Errorf("newCaseFacts = %+v", f)
	}
}

func TestNewEventAndObjectionRows(t *testing.T) {
	events := newEventRows([]store.Event{{ID: 1}, {ID: 2, ToStatus: sql.NullString{String: "diputus", Valid: true}}})
	if len(events) != 2 || events[0].NewStatus != "" || events[1].NewStatus != "diputus" || events[1].ID != 2 {
		t.Errorf("newEventRows = %+v", events)
	}
	at := sql.NullTime{Time: viewTestTime, Valid: true}
	objs := newObjectionRows([]store.Objection{{ID: 1}, {ID: 2, AnsweredAt: at}})
	if len(objs) != 2 || objs[0].Answered != nil || !sameTime(objs[1].Answered, at) || objs[1].ID != 2 {
		t.Errorf("newObjectionRows = %+v", objs)
	}
}

func TestNewPublicationFacts(t *testing.T) {
	if f := newPublicationFacts(&store.Publication{}); f != (publicationFacts{}) {
		t.Errorf("a publication without optional columns: %+v, want all zero", f)
	}
	at := sql.NullTime{Time: viewTestTime, Valid: true}
	p := &store.Publication{RequestID: sql.NullInt64{Int64: 7, Valid: true}, RegistrationNo: sql.NullString{String: "0001/PPID/XI/2026", Valid: true},
		PIIConfirmedAt: at, PublishedAt: at, UnpublishedAt: at}
	f := newPublicationFacts(p)
	if f.RequestID != 7 || f.RegistrationNo != "0001/PPID/XI/2026" || !sameTime(f.PIIConfirmedAt, at) || !sameTime(f.PublishedAt, at) ||
		!sameTime(f.UnpublishedAt, at) {
		t.Errorf("newPublicationFacts = %+v", f)
	}
}

func TestNewOutboxFacts(t *testing.T) {
	if f := newOutboxFacts(&store.OutboxItem{}); f != (outboxFacts{}) {
		t.Errorf("a mail without optional columns: %+v, want all zero", f)
	}
	at := sql.NullTime{Time: viewTestTime, Valid: true}
	it := &store.OutboxItem{SentAt: at, LastError: sql.NullString{String: "550", Valid: true},
		RequestID: sql.NullInt64{Int64: 7, Valid: true}, RegistrationNumber: sql.NullString{String: "0001/PPID/XI/2026", Valid: true}}
	f := newOutboxFacts(it)
	if !sameTime(f.SentAt, at) || f.LastError != "550" || f.RequestID != 7 || f.RegistrationNumber != "0001/PPID/XI/2026" {
		t.Errorf("newOutboxFacts = %+v", f)
	}
}

func TestNewJobRunRows(t *testing.T) {
	rows := newJobRunRows([]store.JobRun{{ID: 1}, {ID: 2, FinishedAt: sql.NullTime{Time: viewTestTime, Valid: true}}})
	if len(rows) != 2 || rows[0].Finished || !rows[1].Finished || rows[1].ID != 2 {
		t.Errorf("newJobRunRows = %+v", rows)
	}
}
