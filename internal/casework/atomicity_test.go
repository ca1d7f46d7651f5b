package casework_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/lib/pq"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/letters"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/workflow"
)

// failurePoint is a write a step makes that is made to fail: a trigger that raises an exception
// on a table (optionally only for some rows), or the n-th blob stored during the step.
type failurePoint struct {
	name    string
	on      string // "BEFORE INSERT ON letters"; empty when the blob store fails instead
	when    string // a trigger WHEN condition, optional
	failPut int    // the blob Put to fail, counted from 1
}

func (p failurePoint) table() string { return p.on[strings.LastIndex(p.on, " ")+1:] }

// inject creates the failing trigger in the test's own database.
func (o *office) inject(p failurePoint) {
	o.t.Helper()
	if p.on == "" {
		return
	}
	o.must(exec(o, `CREATE OR REPLACE FUNCTION inject_failure() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			RAISE EXCEPTION 'injected failure at %', TG_ARGV[0];
		END;
		$$`))
	when := ""
	if p.when != "" {
		when = " WHEN (" + p.when + ")"
	}
	o.must(exec(o, `CREATE TRIGGER inject_failure `+p.on+` FOR EACH ROW`+when+
		` EXECUTE FUNCTION inject_failure(`+pq.QuoteLiteral(p.name)+`)`))
}

// heal drops the failing trigger.
func (o *office) heal(p failurePoint) {
	o.t.Helper()
	if p.on != "" {
		o.must(exec(o, `DROP TRIGGER inject_failure ON `+p.table()))
	}
}

func exec(o *office, query string) error {
	_, err := o.s.DB().ExecContext(o.ctx, query)
	return err
}

// injected reports whether err comes from the failure injected at p.
func injected(err error, p failurePoint) bool {
	if p.on == "" {
		return errors.Is(err, errDiskFull)
	}
	var pqErr *pq.Error
	return errors.As(err, &pqErr) && pqErr.Message == "injected failure at "+p.name
}

// safely runs a step, turning a panic into an error so the test reports it.
func safely(t *testing.T, run func() error) (err error) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("the step panicked: %v", r)
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return run()
}

// beforeStep is what the database held before the failed step.
type beforeStep struct {
	req                 *store.Request
	snap                snapshot
	letters, objections int // the last numbers taken
	events, mails, docs int
	letterRows          int
}

// atomicStep is a step that writes several tables, the case it needs, and what it writes when
// it succeeds.
type atomicStep struct {
	name   string
	setup  func(o *office) int64
	run    func(ctx context.Context, o *office, id int64) error
	points []failurePoint
	// wrote checks that the successful step wrote everything, numbered next after b.
	wrote func(t *testing.T, o *office, id int64, b beforeStep)
}

// Failure points common to every step: its state, its history row, and its mail.
var (
	failState = failurePoint{name: "requests update", on: "BEFORE UPDATE ON requests"}
	failEvent = failurePoint{name: "request_events insert", on: "BEFORE INSERT ON request_events"}
	failMail  = failurePoint{name: "outbox insert", on: "BEFORE INSERT ON outbox"}
)

// letterPoints are the writes of one numbered letter: its number, PDF, document row and letter row.
func letterPoints(kind letters.Kind, counterOp string, put int) []failurePoint {
	return []failurePoint{
		{name: string(kind) + " number", on: "BEFORE " + counterOp + " ON counters", when: "NEW.series = 'letter'"},
		{name: string(kind) + " PDF blob", failPut: put},
		{name: string(kind) + " document insert", on: "BEFORE INSERT ON documents", when: "NEW.letter_kind = '" + string(kind) + "'"},
		{name: string(kind) + " letter insert", on: "BEFORE INSERT ON letters", when: "NEW.kind = '" + string(kind) + "'"},
	}
}

func points(groups ...[]failurePoint) []failurePoint {
	var all []failurePoint
	for _, g := range groups {
		all = append(all, g...)
	}
	return all
}

const extensionReason = "Dokumen tersebar di tiga bidang dan perlu dihimpun"

var atomicSteps = []atomicStep{
	{
		name: "Extend",
		// The receipt was issued: the letter counter exists, so numbering updates it.
		setup: func(o *office) int64 {
			id := o.submit()
			o.must(o.cw.IssueReceipt(o.ctx, o.user("ppid-utama"), id))
			o.set(at(7, 10))
			return id
		},
		run: func(ctx context.Context, o *office, id int64) error {
			return o.cw.Extend(ctx, o.user("ppid-utama"), id, extensionReason)
		},
		points: points(letterPoints(letters.Extension, "UPDATE", 1), []failurePoint{failState, failEvent, failMail}),
		wrote: func(t *testing.T, o *office, id int64, b beforeStep) {
			r := o.request(id)
			if r.Status != request.StatusExtended || r.DueDate != calendar.NewDate(2026, 10, 28) || r.Version != b.req.Version+1 {
				t.Errorf("after extending: %+v", r)
			}
			checkEvent(t, o.lastEvent(id), "extended", request.StatusReceived, request.StatusExtended, true, o.user("ppid-utama"))
			o.checkLetter(id, letters.Extension, letterNumber(b.letters+1))
			o.checkMail(id, "request_extended", b.mails+1)
		},
	},
	{
		name: "Decide refusal",
		// No letter yet: the first number inserts the counter, the second updates it.
		setup: func(o *office) int64 {
			id := o.submit()
			o.set(at(8, 14))
			return id
		},
		run: func(ctx context.Context, o *office, id int64) error {
			_, err := o.cw.Decide(ctx, o.user("ppid-utama"), id, refusal(o.clock.Now()))
			return err
		},
		points: points(
			[]failurePoint{{name: "decisions insert", on: "BEFORE INSERT ON decisions"}},
			letterPoints(letters.Notice, "INSERT", 1),
			letterPoints(letters.Refusal, "UPDATE", 2),
			[]failurePoint{failState, failEvent, failMail}),
		wrote: func(t *testing.T, o *office, id int64, b beforeStep) {
			r := o.request(id)
			if r.Status != request.StatusRefused || !r.NoticeAt.Valid || r.Version != b.req.Version+1 {
				t.Errorf("after refusing: %+v", r)
			}
			checkEvent(t, o.lastEvent(id), "decided", request.StatusReceived, request.StatusRefused, true, o.user("ppid-utama"))
			ls := o.letters(id)
			if len(ls) != 2 || ls[0].Kind != string(letters.Notice) || ls[0].Number != letterNumber(b.letters+1) {
				t.Errorf("letters %+v", ls)
			}
			o.checkLetter(id, letters.Refusal, letterNumber(b.letters+2))
			if ds, _ := o.s.Decisions(o.ctx, id); len(ds) != 1 {
				t.Errorf("%d decisions", len(ds))
			}
			if n := len(o.documents(id)); n != 2 {
				t.Errorf("%d documents", n)
			}
			o.checkMail(id, "request_decided", b.mails+1)
		},
	},
	{
		name:  "FileObjection",
		setup: func(o *office) int64 { id := o.refusedAndClosed(); o.set(at(9, 10)); return id },
		run: func(ctx context.Context, o *office, id int64) error {
			_, _, err := o.cw.FileObjection(ctx, nil, id, filing, "web")
			return err
		},
		points: points(
			[]failurePoint{
				{name: "objection number", on: "BEFORE INSERT ON counters", when: "NEW.series = 'objection'"},
				{name: "objections insert", on: "BEFORE INSERT ON objections"},
			},
			letterPoints(letters.ObjectionReceipt, "UPDATE", 1),
			[]failurePoint{failState, failEvent, failMail}),
		wrote: func(t *testing.T, o *office, id int64, b beforeStep) {
			objs, err := o.s.Objections(o.ctx, id)
			o.must(err)
			if len(objs) != 1 || objs[0].Number != fmt.Sprintf("KEB/%04d/X/2026", b.objections+1) || objs[0].Status != workflow.ObjectionOpen {
				t.Errorf("objections %+v", objs)
			}
			if r := o.request(id); r.Version != b.req.Version+1 || !r.LastObjectionAt.Valid {
				t.Errorf("after the objection: %+v", r)
			}
			checkEvent(t, o.lastEvent(id), "objection_filed", "", "", true, nil)
			o.checkLetter(id, letters.ObjectionReceipt, letterNumber(b.letters+1))
			o.checkMail(id, "objection_received", b.mails+1)
		},
	},
	{
		name: "AnswerObjection overturn",
		setup: func(o *office) int64 {
			id := o.refusedAndClosed()
			o.set(at(9, 10))
			if _, errs, err := o.cw.FileObjection(o.ctx, nil, id, filing, "web"); err != nil {
				o.t.Fatal(err, errs)
			}
			o.set(at(16, 10))
			return id
		},
		run: func(ctx context.Context, o *office, id int64) error {
			objs, err := o.s.Objections(ctx, id)
			if err != nil {
				return err
			}
			_, err = o.cw.AnswerObjection(ctx, o.user("atasan"), id, objs[0].ID, workflow.ObjectionOverturned,
				"Anggaran sekolah adalah informasi yang wajib tersedia setiap saat.")
			return err
		},
		points: points(
			[]failurePoint{{name: "objections update", on: "BEFORE UPDATE ON objections"}},
			letterPoints(letters.ObjectionAnswer, "UPDATE", 1),
			[]failurePoint{failState, failEvent, failMail}),
		wrote: func(t *testing.T, o *office, id int64, b beforeStep) {
			objs, err := o.s.Objections(o.ctx, id)
			o.must(err)
			if len(objs) != 1 || objs[0].Status != workflow.ObjectionOverturned {
				t.Errorf("objections %+v", objs)
			}
			r := o.request(id)
			if r.Status != request.StatusInProcess || r.ClosedAt.Valid || r.DueDate != calendar.NewDate(2026, 10, 30) || r.Version != b.req.Version+1 {
				t.Errorf("after overturning: %+v", r)
			}
			checkEvent(t, o.lastEvent(id), "objection_answered", request.StatusClosed, request.StatusInProcess, true, o.user("atasan"))
			o.checkLetter(id, letters.ObjectionAnswer, letterNumber(b.letters+1))
			o.checkMail(id, "objection_answered", b.mails+1)
		},
	},
	{
		name:  "AddDocument",
		setup: func(o *office) int64 { id := o.submit(); o.set(at(7, 10)); return id },
		run: func(ctx context.Context, o *office, id int64) error {
			_, _, err := o.cw.AddDocument(ctx, o.user("petugas-utama"), id, casework.Upload{Kind: "response", Visibility: "requester",
				Filename: "rka.txt", Body: strings.NewReader("Rincian RKA Dinas Pendidikan 2026.\n")})
			return err
		},
		points: []failurePoint{{name: "documents insert", on: "BEFORE INSERT ON documents"}, failState, failEvent, failMail},
		wrote: func(t *testing.T, o *office, id int64, b beforeStep) {
			if docs := o.documents(id); len(docs) != 1 || docs[0].Filename != "rka.txt" {
				t.Errorf("documents %+v", docs)
			}
			if r := o.request(id); r.Version != b.req.Version+1 {
				t.Errorf("version %d", r.Version)
			}
			checkEvent(t, o.lastEvent(id), "document_added", "", "", true, o.user("petugas-utama"))
			o.checkMail(id, "documents_ready", b.mails+1)
		},
	},
	{
		name:  "Assign",
		setup: func(o *office) int64 { id := o.submit(); o.set(at(6, 9)); return id },
		run: func(ctx context.Context, o *office, id int64) error {
			return o.cw.Assign(ctx, o.user("ppid-utama"), id, o.user("petugas-utama").ID)
		},
		points: []failurePoint{failState, failEvent},
		wrote: func(t *testing.T, o *office, id int64, b beforeStep) {
			if r := o.request(id); r.Status != request.StatusInProcess || r.AssignedTo.Int64 != o.user("petugas-utama").ID {
				t.Errorf("after assigning: %+v", r)
			}
			checkEvent(t, o.lastEvent(id), "assigned", request.StatusReceived, request.StatusInProcess, true, o.user("ppid-utama"))
		},
	},
}

// TestStepIsOneTransaction makes each write of a step fail in turn, for real, in PostgreSQL (a
// trigger raising an exception) or in the blob store, and checks that the step then returns
// the error and leaves nothing behind: no state change, no history row, no letter, no document
// row, no mail, no letter or objection number taken (DESIGN.md §3). Without the trigger the
// same step writes all of it, numbered as the failed attempt would have been.
func TestStepIsOneTransaction(t *testing.T) {
	t.Parallel()
	for _, step := range atomicSteps {
		for _, p := range step.points {
			t.Run(step.name+"/"+p.name, func(t *testing.T) {
				t.Parallel()
				o := newOffice(t)
				id := step.setup(o)
				b := beforeStep{req: o.request(id), snap: o.snapshot(), letters: o.counter("letter"), objections: o.counter("objection"),
					events: len(o.events(id)), mails: len(o.mails(id)), docs: len(o.documents(id)), letterRows: len(o.letters(id))}
				ctx, cancel := context.WithTimeout(o.ctx, 30*time.Second)
				defer cancel()

				o.inject(p)
				o.blobs.reset(p.failPut)
				err := safely(t, func() error { return step.run(ctx, o, id) })
				if err == nil {
					t.Fatalf("the step succeeded although %s failed", p.name)
				}
				if !injected(err, p) {
					t.Errorf("the step failed with %v, not with the injected failure at %s", err, p.name)
				}
				var refusal *workflow.Refusal
				if errors.As(err, &refusal) {
					t.Errorf("a failed write came back as a refusal: %v", err)
				}

				// Nothing of the step is in the database.
				o.unchanged(b.snap, "the failed step")
				r := o.request(id)
				if r.Status != b.req.Status || r.DueDate != b.req.DueDate || r.ExtendedDue != b.req.ExtendedDue ||
					r.Version != b.req.Version || r.ClosedAt != b.req.ClosedAt || r.Decision != b.req.Decision {
					t.Errorf("request changed: %+v, was %+v", r, b.req)
				}
				if n := len(o.events(id)); n != b.events {
					t.Errorf("%d events, was %d", n, b.events)
				}
				if n := len(o.letters(id)); n != b.letterRows {
					t.Errorf("%d letters, was %d", n, b.letterRows)
				}
				if n := len(o.documents(id)); n != b.docs {
					t.Errorf("%d documents, was %d", n, b.docs)
				}
				if n := len(o.mails(id)); n != b.mails {
					t.Errorf("%d mails, was %d", n, b.mails)
				}
				if o.counter("letter") != b.letters || o.counter("objection") != b.objections {
					t.Errorf("numbers taken: letter %d (was %d), objection %d (was %d)",
						o.counter("letter"), b.letters, o.counter("objection"), b.objections)
				}
				// A blob stored by the failed step may stay on disk (a sweeper removes it), but no
				// document row may point at it.
				for _, sum := range o.blobs.stored() {
					if n := o.count(`SELECT count(*) FROM documents WHERE sha256 = $1`, sum); n != 0 {
						t.Errorf("%d document rows reference blob %s of the failed step", n, sum)
					}
				}

				// Healed, the same step writes everything, with the numbers the failed one would have had.
				o.heal(p)
				o.blobs.reset(0)
				if err := safely(t, func() error { return step.run(ctx, o, id) }); err != nil {
					t.Fatalf("the step failed after healing: %v", err)
				}
				step.wrote(t, o, id, b)
				for _, sum := range o.blobs.stored() {
					if n := o.count(`SELECT count(*) FROM documents WHERE sha256 = $1 AND request_id = $2`, sum, id); n == 0 {
						t.Errorf("blob %s of the successful step has no document row", sum)
					}
				}
			})
		}
	}
}
